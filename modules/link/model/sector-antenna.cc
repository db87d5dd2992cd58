#include "link/model/sector-antenna.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

namespace
{
constexpr double kElementGainDbi = 8.0;
constexpr double kBeamwidthDeg = 65.0;
constexpr double kMaxAttenuationDb = 30.0;
} // namespace

double
ThreeGppElementGainDb(double thetaDeg, double phiDeg)
{
    const double v = (thetaDeg - 90.0) / kBeamwidthDeg;
    const double h = phiDeg / kBeamwidthDeg;
    const double vertical = std::min(12.0 * v * v, kMaxAttenuationDb);
    const double horizontal = std::min(12.0 * h * h, kMaxAttenuationDb);
    return kElementGainDbi - std::min(vertical + horizontal, kMaxAttenuationDb);
}

SectorAntenna::SectorAntenna(double bearingDeg, double downtiltDeg)
    : m_bearingRad(bearingDeg * kDegToRad)
    , m_downtiltRad(downtiltDeg * kDegToRad)
{
}

double
SectorAntenna::MaxGainDbi() const
{
    return kElementGainDbi;
}

double
SectorAntenna::GainDb(const Vec3& d) const
{
    // Antenna frame: x along boresight, z "up" of the tilted panel. Bearing is clockwise from
    // north, so the boresight azimuth counter-clockwise from east is pi/2 - bearing.
    const double phi = kPi / 2.0 - m_bearingRad;
    // Rotate the ENU direction by -phi about z (boresight azimuth -> x axis) ...
    const double x1 = std::cos(phi) * d.x + std::sin(phi) * d.y;
    const double y1 = -std::sin(phi) * d.x + std::cos(phi) * d.y;
    const double z1 = d.z;
    // ... then by the downtilt about y (a target below the horizon on boresight -> x axis).
    const double c = std::cos(m_downtiltRad);
    const double s = std::sin(m_downtiltRad);
    const double x2 = c * x1 - s * z1;
    const double z2 = s * x1 + c * z1;
    const double r = std::sqrt(x2 * x2 + y1 * y1 + z2 * z2);
    const double theta = std::acos(std::clamp(z2 / r, -1.0, 1.0)) / kDegToRad;
    const double azimuth = std::atan2(y1, x2) / kDegToRad;
    return ThreeGppElementGainDb(theta, azimuth);
}

} // namespace sagin
