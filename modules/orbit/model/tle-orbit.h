// A satellite's trajectory from its two-line element set: SGP4/SDP4 in TEME, rotated to ECEF.
#ifndef SAGIN_ORBIT_TLE_ORBIT_H
#define SAGIN_ORBIT_TLE_ORBIT_H

#include "core/model/earth-orientation.h"
#include "orbit/model/sgp4.h"
#include "orbit/model/tle.h"
#include "orbit/model/trajectory.h"

#include <memory>

namespace sagin
{

/// StateAt(t) propagates the TLE to (scenario epoch + t - TLE epoch), converts SGP4's TEME km
/// and km/s to metres and m/s, and rotates to ECEF with GMST 1982 (EarthOrientation::TemeToEcef).
///
/// When SGP4 reports an error at that time (the satellite has decayed, or its elements left the
/// model's range), StateAt returns a state whose position and velocity are all NaN, and
/// ErrorAt(t) returns the SGP4 error code (see sgp4.h; 0 when the state is valid). Callers that
/// place nodes should check ErrorAt or std::isnan on the position. Thread-safe.
class TleOrbit : public Trajectory
{
  public:
    TleOrbit(const Tle& tle,
             std::shared_ptr<const EarthOrientation> earth,
             GravityModel gravity = GravityModel::Wgs72);

    StateVector StateAt(double t_s) const override;

    /// The SGP4 error code at t seconds after the scenario epoch, 0 when StateAt is valid.
    int ErrorAt(double t_s) const;

    /// Minutes from the TLE epoch to t seconds after the scenario epoch.
    double MinutesSinceTleEpoch(double t_s) const;

    /// The TEME state (km, km/s) with its error code, at t seconds after the scenario epoch.
    Sgp4State TemeStateAt(double t_s) const;

    const Tle& GetTle() const;
    const Sgp4& GetSgp4() const;

  private:
    Tle m_tle;
    std::shared_ptr<const EarthOrientation> m_earth;
    Sgp4 m_sgp4;
    double m_epochOffset_s; ///< scenario epoch minus TLE epoch (s)
};

} // namespace sagin

#endif
