#include "link/model/sector-antenna.h"

#include "core/model/constants.h"

#include <cmath>
#include <ns3/angles.h>
#include <ns3/three-gpp-antenna-model.h>

namespace sagin
{

struct SectorAntenna::Impl
{
    ns3::Ptr<ns3::ThreeGppAntennaModel> model;
};

SectorAntenna::SectorAntenna(double bearingDeg, double downtiltDeg)
    : m_impl(std::make_unique<Impl>())
    , m_bearingRad(bearingDeg * kDegToRad)
    , m_downtiltRad(downtiltDeg * kDegToRad)
{
    m_impl->model = ns3::CreateObject<ns3::ThreeGppAntennaModel>();
}

SectorAntenna::~SectorAntenna() = default;

double
SectorAntenna::MaxGainDbi() const
{
    return m_impl->model->GetAntennaElementGain();
}

double
SectorAntenna::GainDb(const Vec3& d)
{
    // Antenna frame: x along boresight, z "up" of the tilted panel. Bearing is clockwise from
    // north, so the boresight azimuth counter-clockwise from east is pi/2 - bearing.
    double phi = kPi / 2.0 - m_bearingRad;
    // Rotate the ENU direction by -phi about z (boresight azimuth -> x axis) ...
    double x1 = std::cos(phi) * d.x + std::sin(phi) * d.y;
    double y1 = -std::sin(phi) * d.x + std::cos(phi) * d.y;
    double z1 = d.z;
    // ... then by the downtilt about y (a target below the horizon on boresight -> x axis).
    double c = std::cos(m_downtiltRad);
    double s = std::sin(m_downtiltRad);
    double x2 = c * x1 - s * z1;
    double z2 = s * x1 + c * z1;
    ns3::Angles angles(ns3::Vector(x2, y1, z2), ns3::Vector(0.0, 0.0, 0.0));
    return m_impl->model->GetGainDb(angles);
}

} // namespace sagin
