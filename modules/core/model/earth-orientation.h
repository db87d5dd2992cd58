// Rotation between inertial frames and the Earth-fixed frame (ECEF), from ERFA.
//
// Two inertial frames are used:
//  - TEME (true equator, mean equinox), the output frame of SGP4. ECEF = R3(GMST82) * TEME, with
//    GMST from the IAU 1982 model, as the SGP4 convention requires (Vallado et al. 2006).
//  - the frame in which Walker shells are defined (RAAN counted from the mean equinox of date):
//    ECEF = R3(GMST) * r, with GMST from the IAU 2006 model.
// Polar motion (below 15 m at the surface) is neglected; UT1 - UTC is a scenario input (0 default).
#ifndef SAGIN_CORE_EARTH_ORIENTATION_H
#define SAGIN_CORE_EARTH_ORIENTATION_H

#include "core/model/state-vector.h"
#include "core/model/utc-epoch.h"

namespace sagin
{

class EarthOrientation
{
  public:
    explicit EarthOrientation(const UtcEpoch& epoch, double dut1_s = 0.0);

    const UtcEpoch& Epoch() const;
    /// UT1 - UTC (s) given at construction.
    double Dut1() const
    {
        return m_dut1;
    }

    /// Greenwich mean sidereal time (rad, IAU 1982) t seconds after the epoch, from ERFA.
    double Gmst82(double t_s) const;
    /// Greenwich mean sidereal time (rad, IAU 2006) t seconds after the epoch, from ERFA.
    double Gmst06(double t_s) const;

    /// Fast forms used by propagation: exact at the epoch, then the mean rate over the first
    /// day. Within 1e-9 rad of ERFA for a year either side of the epoch (tested), i.e. below
    /// 1 cm at GEO distance. Not wrapped to [0, 2 pi).
    double FastGmst82(double t_s) const
    {
        return m_gmst82At0 + m_gmst82Rate * t_s;
    }

    double FastGmst06(double t_s) const
    {
        return m_gmst06At0 + m_gmst06Rate * t_s;
    }

    /// TEME state (SGP4 output) to ECEF at t seconds after the epoch.
    StateVector TemeToEcef(const StateVector& teme, double t_s) const;
    /// Mean-equinox-of-date inertial state to ECEF at t seconds after the epoch.
    StateVector InertialToEcef(const StateVector& inertial, double t_s) const;

    /// Rotates an inertial state to ECEF by the sidereal angle theta (rad).
    static StateVector RotateToEcef(const StateVector& inertial, double theta);

  private:
    UtcEpoch m_epoch;
    double m_dut1;
    double m_gmst82At0;
    double m_gmst82Rate;
    double m_gmst06At0;
    double m_gmst06Rate;
};

} // namespace sagin

#endif
