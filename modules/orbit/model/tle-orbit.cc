#include "orbit/model/tle-orbit.h"

#include <limits>

namespace sagin
{

TleOrbit::TleOrbit(const Tle& tle,
                   std::shared_ptr<const EarthOrientation> earth,
                   GravityModel gravity)
    : m_tle(tle)
    , m_earth(std::move(earth))
    , m_sgp4(tle, gravity)
    , m_epochOffset_s(m_earth->Epoch().SecondsSince(tle.epoch))
{
}

double
TleOrbit::MinutesSinceTleEpoch(double t_s) const
{
    return (m_epochOffset_s + t_s) / 60.0;
}

Sgp4State
TleOrbit::TemeStateAt(double t_s) const
{
    return m_sgp4.Propagate(MinutesSinceTleEpoch(t_s));
}

StateVector
TleOrbit::StateAt(double t_s) const
{
    const Sgp4State s = TemeStateAt(t_s);
    if (s.error != kSgp4Ok)
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {{nan, nan, nan}, {nan, nan, nan}};
    }
    const StateVector teme{s.position_km * 1000.0, s.velocity_km_s * 1000.0};
    return m_earth->TemeToEcef(teme, t_s);
}

int
TleOrbit::ErrorAt(double t_s) const
{
    return TemeStateAt(t_s).error;
}

const Tle&
TleOrbit::GetTle() const
{
    return m_tle;
}

const Sgp4&
TleOrbit::GetSgp4() const
{
    return m_sgp4;
}

} // namespace sagin
