// Optical inter-satellite link: available when the two ends are within a maximum range and the
// line of sight clears the atmosphere (its lowest point stays above a grazing altitude, 80 km as
// in Hypatia, docs/models.md#optical-isl 4). Rate is configured (fixed) or range-dependent: with a
// fixed energy per bit the rate scales with the received power, i.e. as (d_ref / d)^2, capped at a
// maximum. No 3GPP model exists for ISLs (docs/models.md#optical-isl). Const, thread-safe.
#ifndef SAGIN_LINK_OPTICAL_ISL_H
#define SAGIN_LINK_OPTICAL_ISL_H

#include "core/model/vec3.h"

#include <limits>

namespace sagin
{

struct OpticalIslParameters
{
    double maxRangeM = std::numeric_limits<double>::infinity();
    double grazingAltitudeM = 80e3;
    /// Earth model for the clearance: a sphere of this radius, or (<= 0) the WGS84 ellipsoid.
    double earthRadiusM = 0.0;
    /// Fixed rate when referenceRangeM <= 0; otherwise the rate at referenceRangeM.
    double rateBps = 10e9;
    double referenceRangeM = 0.0;
    double maxRateBps = std::numeric_limits<double>::infinity();
};

struct OpticalIslResult
{
    bool available = false;
    double distanceM = 0.0;
    double grazingAltitudeM = 0.0; ///< lowest altitude of the line of sight
    double rateBps = 0.0;          ///< 0 when not available
    double delayS = 0.0;           ///< one-way, vacuum
};

/// The availability rule of an optical ISL, the one the topology uses: length at most
/// `maxRangeM` and the line of sight at least `grazingAltitudeM` above the Earth (a sphere of
/// `earthRadiusM`, or, when that is <= 0, the WGS84 ellipsoid: ClearsEllipsoid).
/// `grazingAltitudeM` = -infinity: no atmosphere rule.
bool IslLineOfSight(const Vec3& a,
                    const Vec3& b,
                    double maxRangeM,
                    double grazingAltitudeM,
                    double earthRadiusM = 0.0);

class OpticalIsl
{
  public:
    explicit OpticalIsl(const OpticalIslParameters& parameters);

    OpticalIslResult Evaluate(const Vec3& aEcef, const Vec3& bEcef) const;

    /// Rate (bit/s) at distance `distanceM` ignoring availability.
    double RateBps(double distanceM) const;

    const OpticalIslParameters& Parameters() const
    {
        return m_p;
    }

  private:
    OpticalIslParameters m_p;
};

} // namespace sagin

#endif
