// The ITU-R P.1853 rain attenuation time series (rain-fade-series.h) against its references:
// the P.618-13 distribution it is fitted to (RainAttenuation, itself checked by hand in
// rain-attenuation-test.cc), the probability of rain it is given, the exp(-beta tau)
// autocorrelation of the Recommendation's filter, and the published normal quantiles.
//
// Statistical tolerances. For N samples of a stationary Gaussian AR(1) series with lag-one
// correlation rho = exp(-beta T_s), an indicator 1{X > x} (the event A > a is one, A being an
// increasing function of X) has autocorrelation at most rho^k at lag k: by Mehler's expansion
// its covariance is sum_{n >= 1} c_n^2 n! rho^(nk) <= rho^k times its variance. So the
// empirical frequency p^ of an event of probability p has
//   Var(p^) <= p (1 - p) / N x (1 + rho) / (1 - rho)        (N / ((1 + rho) / (1 - rho)) is
// the effective number of independent samples), and the tests allow 4 standard deviations of
// that bound (a false alarm below 1e-4 per check). The sample autocorrelation r_k of an AR(1)
// series has Bartlett's variance (1 / N) ((1 + rho^2)(1 - rho^(2k)) / (1 - rho^2) - 2 k rho^(2k)).
#include "../common/validation.h"
#include "link/model/rain-attenuation.h"
#include "link/model/rain-fade-series.h"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <thread>
#include <vector>

namespace sagin
{
namespace
{

// A wet temperate site: R_0.01 = 42 mm/h, 41 N, 0.1 km above sea level, h_R from latitude,
// circular polarisation; P_rain = 5 % (P.837 P0 values of 2-10 % are usual in such climates).
RainParameters
Site()
{
    RainParameters p;
    p.rainRate001MmH = 42.0;
    p.latitudeDeg = 41.0;
    p.stationHeightKm = 0.1;
    p.polarizationTiltDeg = 45.0;
    return p;
}

constexpr double kPRain = 5.0;    // %
constexpr double kFrequency = 20; // GHz
constexpr double kElevation = 35; // deg

double
QInv(double p)
{
    // Q^-1(p) = sqrt(2) erfc^-1(2 p), Boost's erfc inverse (independent of the model's code).
    return std::sqrt(2.0) * boost::math::erfc_inv(2.0 * p);
}

/// The least-squares line ln A_i = m + sigma Q^-1(P_i / P_rain) over the Recommendation's
/// exceedances below P_rain (0.01 ... 3 % for P_rain = 5 %: 11 points), solved here from the
/// normal equations with P.618 values, independently of RainFadeSeries::Fit.
void
ReferenceFit(double& m, double& sigma, int& n)
{
    const double ps[] = {0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3};
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    n = 0;
    for (double p : ps)
    {
        RainParameters r = Site();
        r.exceedancePercent = p;
        const double x = QInv(p / kPRain);
        const double y
            = std::log(RainAttenuation::Compute(kFrequency, kElevation, r).attenuationDb);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        ++n;
    }
    sigma = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    m = (sy - sigma * sx) / n;
}

double
P618(double p)
{
    RainParameters r = Site();
    r.exceedancePercent = p;
    return RainAttenuation::Compute(kFrequency, kElevation, r).attenuationDb;
}

/// 4 standard deviations of the bound on an event frequency's error (header comment).
double
FrequencyTolerance(double p, double n, double rho)
{
    return 4.0 * std::sqrt(p * (1.0 - p) / n * (1.0 + rho) / (1.0 - rho));
}

TEST(RainFadeSeries, NormalQuantilesAndThreshold)
{
    // Published standard normal quantiles: z_0.95 = 1.644853627, z_0.99 = 2.326347874.
    EXPECT_NEAR(RainFadeSeries::QInverse(0.05), 1.644853627, 1e-9);
    EXPECT_NEAR(RainFadeSeries::QInverse(0.01), 2.326347874, 1e-9);
    EXPECT_NEAR(RainFadeSeries::Q(1.644853627), 0.05, 1e-10);
    // alpha = Q^-1(P_rain / 100): rain above 1.6449 for P_rain = 5 %.
    EXPECT_NEAR(RainFadeSeries::Threshold(5.0), 1.644853627, 1e-9);
    const RainLognormalFit fit = RainFadeSeries::Fit(kFrequency, kElevation, Site(), kPRain);
    EXPECT_EQ(RainFadeSeries::AttenuationDb(fit, kPRain, 1.6448), 0.0);
    EXPECT_EQ(RainFadeSeries::AttenuationDb(fit, kPRain, -3.0), 0.0);
    EXPECT_GT(RainFadeSeries::AttenuationDb(fit, kPRain, 1.6449), 0.0);
    // P_rain = 100 %: it always rains (alpha = -inf), and the fit uses all 12 exceedances.
    EXPECT_EQ(RainFadeSeries::Threshold(100.0), -std::numeric_limits<double>::infinity());
    const RainLognormalFit wet = RainFadeSeries::Fit(kFrequency, kElevation, Site(), 100.0);
    EXPECT_EQ(wet.points, 12);
    EXPECT_GT(RainFadeSeries::AttenuationDb(wet, 100.0, -5.0), 0.0);
    // No rain on the path: R_0.01 = 0, or a site above the rain height (h_R = 5 - 0.075 x 18
    // = 3.65 km at 41 N).
    RainParameters dry = Site();
    dry.rainRate001MmH = 0.0;
    EXPECT_EQ(RainFadeSeries::Fit(kFrequency, kElevation, dry, kPRain).points, 0);
    RainParameters high = Site();
    high.stationHeightKm = 4.0;
    EXPECT_EQ(RainFadeSeries::Fit(kFrequency, kElevation, high, kPRain).points, 0);
}

// The fit is the least-squares line of P.1853 over the exceedances below P_rain.
TEST(RainFadeSeries, FitIsTheLeastSquaresLineOfTheP618Distribution)
{
    double m;
    double sigma;
    int n;
    ReferenceFit(m, sigma, n);
    const RainLognormalFit fit = RainFadeSeries::Fit(kFrequency, kElevation, Site(), kPRain);
    EXPECT_EQ(fit.points, n);
    EXPECT_NEAR(fit.m, m, 1e-12);
    EXPECT_NEAR(fit.sigma, sigma, 1e-12);
    // At the fitted exceedances the attenuation of X = Q^-1(p / 100) is the line's value:
    // u = 100 Q(X) / P_rain = p / P_rain.
    for (double p : {0.01, 0.1, 1.0})
    {
        EXPECT_NEAR(RainFadeSeries::AttenuationDb(fit, kPRain, QInv(p / 100.0)),
                    std::exp(m + sigma * QInv(p / kPRain)),
                    1e-9 * P618(p));
    }
}

// (a) The CCDF of a long series matches the P.618 A_p at p = 0.01, 0.1 and 1 %. The series runs
// at T_s = 3 / beta = 15,000 s (rho = e^-3 = 0.0498: nearly independent samples, the same
// recursion as the 1 s runs) for N = 2 x 10^7 samples. Expected frequency of A > A_p: the
// P.618 p, up to the lognormal's misfit of the P.618 curve, which the test computes from its own
// fit: p_fit = P_rain Q((ln A_p - m) / sigma). Tolerance: |p_fit - p| + 4 sigma of the
// frequency. The same frequencies against p_fit: 4 sigma alone.
TEST(RainFadeSeries, LongSeriesMatchesTheP618Distribution)
{
    double m;
    double sigma;
    int n;
    ReferenceFit(m, sigma, n);
    const double step = 3.0 / RainFadeSeries::kBetaPerS;
    const double rho = std::exp(-3.0);
    const std::int64_t samples = 20000000;
    const double ps[] = {0.01, 0.1, 1.0};
    double thresholds[3];
    for (int i = 0; i < 3; ++i)
    {
        thresholds[i] = P618(ps[i]);
    }
    const RainLognormalFit fit = RainFadeSeries::Fit(kFrequency, kElevation, Site(), kPRain);
    const double alpha = RainFadeSeries::Threshold(kPRain);
    RainFadeSeries series(RainFadeSeries::SiteSeed(6, "ccdf"), step);
    std::int64_t above[3] = {0, 0, 0};
    for (std::int64_t k = 0; k < samples; ++k)
    {
        const double x = k == 0 ? series.At(0.0) : series.Next();
        if (x <= alpha)
        {
            continue; // no rain: A = 0 (tested in NormalQuantilesAndThreshold)
        }
        const double a = RainFadeSeries::AttenuationDb(fit, kPRain, x);
        for (int i = 0; i < 3; ++i)
        {
            above[i] += a > thresholds[i] ? 1 : 0;
        }
    }
    const char* ids[] = {"0.01", "0.1", "1"};
    for (int i = 0; i < 3; ++i)
    {
        const double p = ps[i] / 100.0;
        const double freq = static_cast<double>(above[i]) / samples;
        const double pFit
            = kPRain / 100.0 * RainFadeSeries::Q((std::log(thresholds[i]) - m) / sigma);
        const double tol = std::fabs(pFit - p) + FrequencyTolerance(p, samples, rho);
        test::ValidationCheck(std::string("link.rain-series.ccdf-") + ids[i],
                              "ITU-R P.618-13 A_p (P.1853 lognormal fit, 20 GHz, 35 deg, 41 N, "
                              "42 mm/h, P_rain 5 %)",
                              std::string("time fraction with A > A_") + ids[i] + " %",
                              "%",
                              100.0 * freq,
                              ps[i],
                              100.0 * tol);
        // Against the fitted lognormal itself, the distribution the synthesis reproduces
        // exactly: the statistical tolerance alone. (Q here is erfc, independent of the fit.)
        const double pLine = kPRain / 100.0 * 0.5
                             * std::erfc((std::log(thresholds[i]) - m) / sigma / std::sqrt(2.0));
        test::ValidationCheck(std::string("link.rain-series.ccdf-fit-") + ids[i],
                              "P.1853 fitted lognormal P_rain Q((ln A - m) / sigma) (fit by the "
                              "test)",
                              std::string("time fraction with A > A_") + ids[i] + " %",
                              "%",
                              100.0 * freq,
                              100.0 * pLine,
                              100.0 * FrequencyTolerance(pLine, samples, rho));
    }
}

// (b) It rains P_rain % of the time: at the product's 1 s step over 10^7 s (rho = e^-2e-4,
// effective samples 10^7 x (1 - rho) / (1 + rho) = 1000), and at T_s = 1 / beta over
// 2 x 10^7 samples (rho = e^-1).
TEST(RainFadeSeries, RainFallsPRainPercentOfTheTime)
{
    struct Case
    {
        double step;
        std::int64_t samples;
    };
    for (const Case c : {Case{1.0, 10000000}, Case{1.0 / RainFadeSeries::kBetaPerS, 20000000}})
    {
        const double rho = std::exp(-RainFadeSeries::kBetaPerS * c.step);
        const double alpha = RainFadeSeries::Threshold(kPRain);
        RainFadeSeries series(RainFadeSeries::SiteSeed(6, "fraction"), c.step);
        std::int64_t rain = series.At(0.0) > alpha ? 1 : 0;
        for (std::int64_t k = 1; k < c.samples; ++k)
        {
            rain += series.Next() > alpha ? 1 : 0;
        }
        const double freq = static_cast<double>(rain) / c.samples;
        test::ValidationCheck(
            c.step == 1.0 ? "link.rain-series.p-rain-1s" : "link.rain-series.p-rain",
            "P_rain given (P.837 P0), P.1853 threshold Q^-1(P_rain / 100)",
            "time fraction with rain, T_s = " + std::to_string(int(c.step)) + " s",
            "%",
            100.0 * freq,
            kPRain,
            100.0 * FrequencyTolerance(kPRain / 100.0, c.samples, rho));
    }
}

/// The sample autocorrelation of `x` at lag k.
double
Autocorrelation(const std::vector<double>& x, size_t k)
{
    double mean = 0;
    for (double v : x)
    {
        mean += v;
    }
    mean /= x.size();
    double c0 = 0;
    double ck = 0;
    for (size_t i = 0; i < x.size(); ++i)
    {
        c0 += (x[i] - mean) * (x[i] - mean);
        if (i + k < x.size())
        {
            ck += (x[i] - mean) * (x[i + k] - mean);
        }
    }
    return ck / c0;
}

double
BartlettSigma(double rho, size_t k, double n)
{
    const double r2k = std::pow(rho, 2.0 * k);
    return std::sqrt(((1 + rho * rho) * (1 - r2k) / (1 - rho * rho) - 2.0 * k * r2k) / n);
}

// (c) The normalised process's autocorrelation at lag tau is exp(-beta tau): at T_s = 100 s over
// 10^7 samples (lags 1,000, 5,000 and 10,000 s), and at the product's 1 s step over 10^7 samples
// (lags 1,000 and 5,000 s); tolerance 4 Bartlett standard deviations.
TEST(RainFadeSeries, AutocorrelationIsExpMinusBetaTau)
{
    struct Case
    {
        double step;
        std::vector<double> lags;
    };
    for (const Case& c : {Case{100.0, {1000.0, 5000.0, 10000.0}}, Case{1.0, {1000.0, 5000.0}}})
    {
        const size_t n = 10000000;
        RainFadeSeries series(RainFadeSeries::SiteSeed(6, "acf"), c.step);
        std::vector<double> x(n);
        x[0] = series.At(0.0);
        for (size_t i = 1; i < n; ++i)
        {
            x[i] = series.Next();
        }
        const double rho = std::exp(-RainFadeSeries::kBetaPerS * c.step);
        for (double tau : c.lags)
        {
            const auto k = static_cast<size_t>(tau / c.step);
            test::ValidationCheck("link.rain-series.acf-" + std::to_string(int(c.step)) + "s-"
                                      + std::to_string(int(tau)),
                                  "ITU-R P.1853 filter: exp(-beta tau), beta = 2e-4 1/s",
                                  "autocorrelation at " + std::to_string(int(tau))
                                      + " s, T_s = " + std::to_string(int(c.step)) + " s",
                                  "-",
                                  Autocorrelation(x, k),
                                  std::exp(-RainFadeSeries::kBetaPerS * tau),
                                  4.0 * BartlettSigma(rho, k, n));
        }
    }
}

// (d) Determinism: the same seed and site give the same series (also when read back from an
// earlier time, and computed on another thread); two sites, or two scenario seeds, differ.
TEST(RainFadeSeries, DeterministicPerSiteAndSeed)
{
    auto run = [](std::uint64_t seed, const std::string& site, std::vector<double>& out)
    {
        RainFadeSeries s(RainFadeSeries::SiteSeed(seed, site));
        out.clear();
        for (int t = 0; t < 20000; t += 7)
        {
            out.push_back(s.At(t + 0.5));
        }
    };
    std::vector<double> a1;
    std::vector<double> a2;
    std::vector<double> b;
    std::vector<double> a3;
    std::vector<double> onThread;
    run(6, "gw-a", a1);
    run(6, "gw-a", a2);
    run(6, "gw-b", b);
    run(7, "gw-a", a3);
    std::thread worker(
        [&]
        {
            run(6, "gw-a", onThread);
        });
    worker.join();
    EXPECT_EQ(a1, a2);
    EXPECT_EQ(a1, onThread);
    EXPECT_NE(a1, b);
    EXPECT_NE(a1, a3);
    // Sample-and-hold at 1 s: times inside one second read one sample; going back restarts the
    // series from its seed with the same values.
    RainFadeSeries s(RainFadeSeries::SiteSeed(6, "gw-a"));
    const double at70 = s.At(70.0);
    EXPECT_EQ(s.At(70.99), at70);
    EXPECT_EQ(s.At(7.5), a1[1]); // t = 7.5: the second value of run()
    EXPECT_EQ(s.At(70.2), at70);
}

} // namespace
} // namespace sagin
