#include "orbit/model/circular-orbit.h"

#include "core/model/constants.h"

#include <cmath>

namespace sagin
{

CircularOrbit::CircularOrbit(const CircularElements& elements,
                             std::shared_ptr<const EarthOrientation> earth,
                             bool j2Drift)
    : m_el(elements),
      m_earth(std::move(earth))
{
    const double a = m_el.semiMajorAxis_m;
    m_n = std::sqrt(kEarthMu / (a * a * a));
    m_sinI = std::sin(m_el.inclination_rad);
    m_cosI = std::cos(m_el.inclination_rad);
    m_nodeRate = 0.0;
    m_uRate = m_n;
    if (j2Drift)
    {
        // Secular J2 rates for e = 0 (Vallado, Fundamentals of Astrodynamics, 4th ed., 9.41):
        // dOmega/dt = -3/2 n J2 (Re/a)^2 cos i
        // domega/dt = 3/4 n J2 (Re/a)^2 (5 cos^2 i - 1)
        // dM/dt     = n [1 + 3/4 J2 (Re/a)^2 (3 cos^2 i - 1)]
        const double k = kEarthJ2 * (kWgs84A / a) * (kWgs84A / a);
        const double c2 = m_cosI * m_cosI;
        m_nodeRate = -1.5 * m_n * k * m_cosI;
        m_uRate = m_n + 0.75 * m_n * k * (5.0 * c2 - 1.0) + 0.75 * m_n * k * (3.0 * c2 - 1.0);
    }
}

double
CircularOrbit::MeanMotion() const
{
    return m_n;
}

double
CircularOrbit::NodeRate() const
{
    return m_nodeRate;
}

double
CircularOrbit::ArgOfLatitudeRateCorrection() const
{
    return m_uRate - m_n;
}

const CircularElements&
CircularOrbit::Elements() const
{
    return m_el;
}

StateVector
CircularOrbit::InertialStateAt(double t_s) const
{
    const double a = m_el.semiMajorAxis_m;
    const double u = m_el.argOfLatitude_rad + m_uRate * t_s;
    const double raan = m_el.raan_rad + m_nodeRate * t_s;
    const double cu = std::cos(u);
    const double su = std::sin(u);
    const double co = std::cos(raan);
    const double so = std::sin(raan);
    StateVector s;
    s.position = {a * (co * cu - so * su * m_cosI), a * (so * cu + co * su * m_cosI), a * su * m_sinI};
    // d r / d u (along track) and the node rotation d r / d Omega = z x r.
    Vec3 drdu = {a * (-co * su - so * cu * m_cosI), a * (-so * su + co * cu * m_cosI), a * cu * m_sinI};
    Vec3 zCrossR = {-s.position.y, s.position.x, 0.0};
    s.velocity = drdu * m_uRate + zCrossR * m_nodeRate;
    return s;
}

StateVector
CircularOrbit::StateAt(double t_s) const
{
    return EarthOrientation::RotateToEcef(InertialStateAt(t_s), m_earth->FastGmst06(t_s));
}

Vec3
CircularOrbit::PositionAt(double t_s) const
{
    const double a = m_el.semiMajorAxis_m;
    const double u = m_el.argOfLatitude_rad + m_uRate * t_s;
    // Longitude of the node in the Earth-fixed frame.
    const double lon = m_el.raan_rad + m_nodeRate * t_s - m_earth->FastGmst06(t_s);
    const double cu = std::cos(u);
    const double su = std::sin(u);
    const double co = std::cos(lon);
    const double so = std::sin(lon);
    return {a * (co * cu - so * su * m_cosI), a * (so * cu + co * su * m_cosI), a * su * m_sinI};
}

} // namespace sagin
