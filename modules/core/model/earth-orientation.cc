#include "core/model/earth-orientation.h"

#include "core/model/constants.h"

#include <erfa.h>

#include <cmath>

namespace sagin
{

EarthOrientation::EarthOrientation(const UtcEpoch& epoch, double dut1_s)
    : m_epoch(epoch),
      m_dut1(dut1_s)
{
    // Mean rates from ERFA over one day (the angles wrap once per sidereal day: unwrap).
    auto rate = [](double a0, double a1) {
        // One solar day of rotation is one full turn plus about 0.986 degrees.
        return (kTwoPi + std::remainder(a1 - a0, kTwoPi)) / 86400.0;
    };
    m_gmst82At0 = Gmst82(0.0);
    m_gmst82Rate = rate(m_gmst82At0, Gmst82(86400.0));
    m_gmst06At0 = Gmst06(0.0);
    m_gmst06Rate = rate(m_gmst06At0, Gmst06(86400.0));
}

const UtcEpoch&
EarthOrientation::Epoch() const
{
    return m_epoch;
}

double
EarthOrientation::Gmst82(double t_s) const
{
    JulianDate ut1 = m_epoch.Ut1(t_s, m_dut1);
    return eraGmst82(ut1.jd1, ut1.jd2);
}

double
EarthOrientation::Gmst06(double t_s) const
{
    JulianDate ut1 = m_epoch.Ut1(t_s, m_dut1);
    JulianDate tt = m_epoch.Tt(t_s);
    return eraGmst06(ut1.jd1, ut1.jd2, tt.jd1, tt.jd2);
}

StateVector
EarthOrientation::RotateToEcef(const StateVector& in, double theta)
{
    const double c = std::cos(theta);
    const double s = std::sin(theta);
    StateVector out;
    out.position = {c * in.position.x + s * in.position.y,
                    -s * in.position.x + c * in.position.y,
                    in.position.z};
    Vec3 v = {c * in.velocity.x + s * in.velocity.y,
              -s * in.velocity.x + c * in.velocity.y,
              in.velocity.z};
    // Velocity seen in the rotating frame: v_ecef = R v - omega x r_ecef.
    out.velocity = {v.x + kEarthRotationRate * out.position.y,
                    v.y - kEarthRotationRate * out.position.x,
                    v.z};
    return out;
}

StateVector
EarthOrientation::TemeToEcef(const StateVector& teme, double t_s) const
{
    return RotateToEcef(teme, FastGmst82(t_s));
}

StateVector
EarthOrientation::InertialToEcef(const StateVector& inertial, double t_s) const
{
    return RotateToEcef(inertial, FastGmst06(t_s));
}

} // namespace sagin
