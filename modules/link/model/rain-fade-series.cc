#include "link/model/rain-fade-series.h"

#include "core/model/constants.h"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sagin
{

RainFadeSeries::RainFadeSeries(std::uint64_t seed, double stepS)
    : m_seed(seed)
    , m_rng(seed)
    , m_stepS(stepS)
{
    if (!(stepS > 0.0) || !std::isfinite(stepS))
    {
        throw std::invalid_argument("RainFadeSeries: the step must be a positive number of s");
    }
    m_rho = std::exp(-kBetaPerS * stepS);
    m_innovation = std::sqrt(1.0 - m_rho * m_rho);
    m_x = Gaussian(); // stationary start: X_0 ~ N(0, 1)
}

double
RainFadeSeries::Gaussian()
{
    // Box-Muller, one deviate per two uniforms; 1 - u keeps the logarithm's argument in (0, 1].
    const double u1 = 1.0 - m_rng.NextUniform();
    const double u2 = m_rng.NextUniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

double
RainFadeSeries::Next()
{
    m_x = m_rho * m_x + m_innovation * Gaussian();
    ++m_index;
    return m_x;
}

double
RainFadeSeries::At(double t)
{
    const auto k = static_cast<std::int64_t>(std::floor(t / m_stepS));
    if (k < m_index)
    {
        m_rng = DeterministicRng(m_seed);
        m_index = 0;
        m_x = Gaussian();
    }
    while (m_index < k)
    {
        Next();
    }
    return m_x;
}

std::uint64_t
RainFadeSeries::SiteSeed(std::uint64_t scenarioSeed, const std::string& site)
{
    // FNV-1a of the name, so that a site keeps its rain when other sites are added or reordered;
    // the tag keeps these streams apart from the other draws of the scenario seed.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : site)
    {
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return MixSeed(scenarioSeed, h ^ 0x5241494e46414445ULL); // "RAINFADE"
}

double
RainFadeSeries::Q(double x)
{
    return 0.5 * std::erfc(x / std::sqrt(2.0));
}

double
RainFadeSeries::QInverse(double p)
{
    // The limits, which Boost reports as overflow errors: Q^-1(1) = -inf (P_rain = 100 %: it
    // always rains), Q^-1(0) = +inf.
    if (!(p < 1.0))
    {
        return -std::numeric_limits<double>::infinity();
    }
    if (!(p > 0.0))
    {
        return std::numeric_limits<double>::infinity();
    }
    return std::sqrt(2.0) * boost::math::erfc_inv(2.0 * p);
}

double
RainFadeSeries::Threshold(double rainProbabilityPercent)
{
    return QInverse(rainProbabilityPercent / 100.0);
}

RainLognormalFit
RainFadeSeries::Fit(double frequencyGHz,
                    double elevationDeg,
                    const RainParameters& rain,
                    double rainProbabilityPercent)
{
    RainLognormalFit fit;
    if (!(rain.rainRate001MmH > 0.0) || !(elevationDeg > 0.0)
        || !(rainProbabilityPercent > kMinRainProbabilityPercent))
    {
        return fit;
    }
    // Least squares of y = ln A_i on x = Q^-1(P_i / P_rain).
    double sx = 0.0;
    double sy = 0.0;
    double sxx = 0.0;
    double sxy = 0.0;
    int n = 0;
    RainParameters r = rain;
    for (double p : kFitExceedancesPercent)
    {
        if (!(p < rainProbabilityPercent))
        {
            break;
        }
        r.exceedancePercent = p;
        const double a = RainAttenuation::Compute(frequencyGHz, elevationDeg, r).attenuationDb;
        if (!(a > 0.0))
        {
            return fit; // no rain on the path (rain height at or below the station)
        }
        const double x = QInverse(p / rainProbabilityPercent);
        const double y = std::log(a);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        ++n;
    }
    if (n < 2)
    {
        return fit;
    }
    const double den = n * sxx - sx * sx;
    fit.sigma = (n * sxy - sx * sy) / den;
    fit.m = (sy - fit.sigma * sx) / n;
    fit.points = n;
    return fit;
}

double
RainFadeSeries::AttenuationDb(const RainLognormalFit& fit, double rainProbabilityPercent, double x)
{
    if (fit.points == 0 || !(x > Threshold(rainProbabilityPercent)))
    {
        return 0.0;
    }
    // Q(X) < P_rain / 100 here: the conditional exceedance u = 100 Q(X) / P_rain is in (0, 1).
    // At u -> 1 (X just above alpha) A -> 0; below the smallest normal double (X > 37) the
    // deviate is held there.
    const double u = 100.0 * Q(x) / rainProbabilityPercent;
    if (!(u < 1.0))
    {
        return 0.0;
    }
    return std::exp(fit.m + fit.sigma * QInverse(std::max(u, std::numeric_limits<double>::min())));
}

} // namespace sagin
