#include "link/model/circular-aperture-antenna.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

CircularApertureAntenna::CircularApertureAntenna(double maxGainDbi,
                                                 double apertureRadiusM,
                                                 double frequencyHz,
                                                 double minGainDbi,
                                                 bool clampToMin)
    : m_maxGainDbi(maxGainDbi)
    , m_minGainDbi(minGainDbi)
    , m_minRelativeLinear(std::pow(10.0, (minGainDbi - maxGainDbi) / 10.0))
    , m_ka(kTwoPi * frequencyHz / kSpeedOfLight * apertureRadiusM)
    , m_clamp(clampToMin)
{
}

double
CircularApertureAntenna::GainDb(double offBoresightRad) const
{
    // One pattern: the relative gain (Bessel formula, clamped there), in dB above G_max.
    const double theta = std::fabs(offBoresightRad);
    if (theta >= kPi / 2.0)
    {
        return m_minGainDbi;
    }
    if (theta == 0.0)
    {
        return m_maxGainDbi;
    }
    const double gain = m_maxGainDbi + 10.0 * std::log10(RelativeGainLinear(offBoresightRad));
    return m_clamp ? std::max(gain, m_minGainDbi) : gain;
}

double
CircularApertureAntenna::RelativeGainLinear(double offBoresightRad) const
{
    double theta = std::fabs(offBoresightRad);
    if (theta >= kPi / 2.0)
    {
        return m_minRelativeLinear;
    }
    if (theta == 0.0)
    {
        return 1.0;
    }
    double x = m_ka * std::sin(theta);
    double r = std::cyl_bessel_j(1.0, x) / x;
    double g = 4.0 * r * r;
    return m_clamp ? std::max(g, m_minRelativeLinear) : g;
}

double
CircularApertureAntenna::HalfPowerBeamwidthRad() const
{
    return 2.0 * std::asin(std::min(1.0, 1.6163 / m_ka));
}

} // namespace sagin
