// Rain attenuation as a time series at one ground site, after the rain attenuation synthesis of
// Rec. ITU-R P.1853 (Earth-space paths; docs/models.md#rain-fade-time-series):
//
//   - the site's rain process is a stationary Gaussian process X(t) with unit variance and
//     autocorrelation exp(-beta |tau|), beta = 2e-4 1/s: white Gaussian noise through a
//     first-order low-pass filter, X_k = rho X_{k-1} + sqrt(1 - rho^2) n_k, rho = exp(-beta T_s),
//     exact at any step T_s (an Ornstein-Uhlenbeck process). X_0 is drawn from N(0, 1): the
//     series starts stationary, which is what discarding the Recommendation's first samples
//     achieves;
//   - it rains when X > alpha = Q^-1(P_rain / 100), P_rain the probability of rain (%) of the
//     place (the P.837 P0), so rain falls P_rain % of the time; A = 0 otherwise;
//   - a link's attenuation maps X through that link's own lognormal fit (m, sigma) of the P.618
//     CCDF at its frequency and elevation, conditioned on rain: ln A_i = m + sigma Q^-1(P_i /
//     P_rain) over the exceedances P_i of kFitExceedancesPercent below P_rain, and
//     A = exp(m + sigma Q^-1(100 Q(X) / P_rain)) when it rains, so that
//     P(A > a) = (P_rain / 100) Q((ln a - m) / sigma).
//
// One process per site: every link of the site (uplink, downlink, each satellite it sees) maps
// the same X, so they fade together. The draws come from a DeterministicRng seeded from the
// scenario seed and the site's name: the same series whatever the thread count or the order in
// which sites are advanced.
#ifndef SAGIN_LINK_RAIN_FADE_SERIES_H
#define SAGIN_LINK_RAIN_FADE_SERIES_H

#include "core/model/deterministic-rng.h"
#include "link/model/rain-attenuation.h"

#include <array>
#include <cstdint>
#include <string>

namespace sagin
{

/// The lognormal fit of one link's conditional P.618 CCDF (ln A = m + sigma Q^-1(p / P_rain)).
struct RainLognormalFit
{
    double m = 0.0;     ///< ln dB
    double sigma = 0.0; ///< ln dB per unit normal deviate
    int points = 0;     ///< exceedances used; 0: no rain on this path (A = 0 always)
};

class RainFadeSeries
{
  public:
    /// The low-pass filter parameter beta of Rec. ITU-R P.1853 (1/s): correlation time 5000 s.
    static constexpr double kBetaPerS = 2e-4;
    /// The Recommendation's sample step T_s (s), the step of a run's series.
    static constexpr double kStepS = 1.0;
    /// The exceedances P_i (%) of the fit, those of the Recommendation up to 5 %, the upper
    /// end of P.618-13's scaling (the Recommendation's 10 % lies outside it); those below
    /// P_rain are used.
    static constexpr std::array<double, 12> kFitExceedancesPercent
        = {0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0};
    /// The smallest P_rain the fit accepts (two exceedances below it), exclusive (%).
    static constexpr double kMinRainProbabilityPercent = 0.02;

    /// A site's series: `seed` (SiteSeed) draws X_0 and every step's noise; `stepS` the sample
    /// step (kStepS in runs; tests use longer steps to cover many correlation times).
    explicit RainFadeSeries(std::uint64_t seed, double stepS = kStepS);

    /// X at the sample that holds time t (s): sample k covers [k T_s, (k + 1) T_s). The series
    /// advances to it; an earlier time restarts it from its seed (same values, more work).
    double At(double t);

    /// The next sample X_{k+1} (k the current index) and advances to it.
    double Next();

    double StepS() const
    {
        return m_stepS;
    }

    /// The seed of the series of site `site` under scenario seed `scenarioSeed`.
    static std::uint64_t SiteSeed(std::uint64_t scenarioSeed, const std::string& site);

    /// Q(x) = P(N(0, 1) > x) and its inverse (-inf for p >= 1, +inf for p <= 0).
    static double Q(double x);
    static double QInverse(double p);

    /// The rain threshold alpha = Q^-1(P_rain / 100).
    static double Threshold(double rainProbabilityPercent);

    /// The lognormal fit of the link at frequency `frequencyGHz` and elevation `elevationDeg`
    /// in the climate `rain` (R_0.01, h_0, latitude, height, tilt; its exceedancePercent is
    /// ignored), P_rain `rainProbabilityPercent` (> kMinRainProbabilityPercent). points = 0
    /// when the path has no rain (R_0.01 = 0, rain height below the station, elevation <= 0).
    static RainLognormalFit Fit(double frequencyGHz,
                                double elevationDeg,
                                const RainParameters& rain,
                                double rainProbabilityPercent);

    /// The attenuation (dB) of a link with fit `fit` when the site's process is at x: 0 when
    /// x <= Threshold(P_rain) or the fit has no points.
    static double AttenuationDb(const RainLognormalFit& fit,
                                double rainProbabilityPercent,
                                double x);

  private:
    std::uint64_t m_seed;
    DeterministicRng m_rng;
    double m_stepS;
    double m_rho;
    double m_innovation; ///< sqrt(1 - rho^2)
    std::int64_t m_index = 0;
    double m_x = 0.0;

    double Gaussian();
};

} // namespace sagin

#endif
