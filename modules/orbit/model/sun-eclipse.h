// The Sun and the Earth's shadow (docs/models.md#sun-and-eclipses): where the Sun is in the
// Earth-fixed frame the trajectories use, whether a position is in the Earth's shadow (a cylinder,
// or the umbra and penumbra cones with the fraction of the solar disc visible), and the shadow
// intervals of a trajectory over a time span, found by root finding on the shadow boundary.
#ifndef SAGIN_ORBIT_SUN_ECLIPSE_H
#define SAGIN_ORBIT_SUN_ECLIPSE_H

#include "core/model/earth-orientation.h"
#include "orbit/model/trajectory.h"

#include <climits>
#include <memory>
#include <mutex>
#include <vector>

namespace sagin
{

/// Astronomical unit (m), exact (IAU 2012 Resolution B2).
constexpr double kAstronomicalUnit_m = 149597870700.0;
/// Nominal solar radius (m) (IAU 2015 Resolution B3).
constexpr double kSunRadius_m = 6.957e8;
/// Radius of the Earth that casts the shadow (m): a sphere of the WGS84 equatorial radius, as
/// Vallado's shadow algorithm; the atmosphere is ignored.
constexpr double kShadowEarthRadius_m = 6378137.0;

/// The Sun as seen from the Earth's centre, t seconds after the scenario epoch.
class SunEphemeris
{
  public:
    /// The epoch and UT1 - UTC are those of `earth` (the frame every trajectory uses).
    explicit SunEphemeris(std::shared_ptr<const EarthOrientation> earth);

    /// Apparent geocentric position of the Sun (m) in the GCRS: the heliocentric Earth of ERFA's
    /// eraEpv00 (VSOP2000-based, a few km), taken one light time earlier, which applies the
    /// annual aberration (20.5"). eraEpv00 (about 50 us) is evaluated on a grid of whole hours
    /// after the epoch and cached; in between, the Earth's heliocentric state is carried to t to
    /// second order under the Sun's gravity (under 150 m, 1e-9 rad of direction).
    Vec3 GcrsPositionAt(double t_s) const;
    /// The same position in the Earth-fixed frame of the trajectories (ITRS without polar
    /// motion): the GCRS-to-CIRS matrix of ERFA's eraC2i00b (IAU 2000B precession-nutation, at
    /// the same hourly grid points, 1e-8 rad), then the Earth rotation angle (eraEra00) of
    /// UT1 = UTC + dut1: eraC2t00b's product. Thread-safe.
    Vec3 PositionAt(double t_s) const;

  private:
    /// The Earth's heliocentric position (m) and velocity (m/s) at t, and (when `c2i` is not
    /// null) the GCRS-to-CIRS matrix of the nearest whole hour.
    void GridPoint(double t_s, Vec3& position, Vec3& velocity, double c2i[3][3]) const;

    std::shared_ptr<const EarthOrientation> m_earth;
    mutable std::mutex m_mutex;           ///< guards the cached grid point
    mutable long m_cachedHour = LONG_MIN; ///< grid index of the cached state
    mutable Vec3 m_cachedPosition;
    mutable Vec3 m_cachedVelocity;
    mutable double m_cachedC2i[3][3] = {};
};

/// Which boundary of the Earth's shadow a test or an interval search uses.
enum class ShadowBoundary
{
    kCylinder, ///< a cylinder of radius kShadowEarthRadius_m behind the Earth, along the Sun line
    kPenumbra, ///< outer cone: any part of the solar disc hidden (illuminated fraction < 1)
    kUmbra,    ///< inner cone: the whole solar disc hidden (illuminated fraction 0)
};

/// Signed distance (rad for the cones, m for the cylinder) of `r` from the shadow boundary, for
/// positions `r` and `sun` (m, same Earth-centred frame): negative inside the shadow, positive
/// outside, continuous in r. Cones: c - (b + a) for the penumbra, c - (b - a) for the umbra, with
/// a and b the angular radii of the Sun and the Earth seen from r and c the angle between their
/// centres. Cylinder: the angle form psi - asin(R / |r|) with psi the angle between r and the
/// anti-Sun direction, times |r| (m); inside the Earth the cylinder function is negative on the
/// night side only.
double ShadowFunction(const Vec3& r, const Vec3& sun, ShadowBoundary boundary);

/// Fraction of the solar disc visible from `r` (0 in the umbra, 1 in sunlight), from the overlap
/// of the two discs on the sky of r (Montenbruck & Gill 2000, Sec. 3.4.2). With `conical` false
/// the cylindrical model: 0 or 1.
double IlluminatedFraction(const Vec3& r, const Vec3& sun, bool conical = true);

/// Default sampling step of the shadow search (s): a LEO eclipse lasts minutes.
constexpr double kShadowSearchStep_s = 30.0;

/// A span [begin_s, end_s] inside a shadow. An interval already under way at the start of the
/// search begins at the start; one still under way at its end ends there (the flags say so).
struct ShadowInterval
{
    double begin_s = 0.0;
    double end_s = 0.0;
    bool beginsAtSpanStart = false;
    bool endsAtSpanEnd = false;

    double Duration() const
    {
        return end_s - begin_s;
    }
};

/// The intervals of [t0_s, t1_s] during which `trajectory` is inside `boundary`. The shadow
/// function is sampled every `step_s` (at most; 30 s by default, a LEO eclipse lasts minutes);
/// each sign change is refined by bisection to `tolerance_s`, and a sampled local minimum that
/// stays positive (or a span end the samples rise from) is searched (golden section) for a
/// grazing pass shorter than the step. A
/// trajectory without a position (NaN, a decayed TLE) counts as outside. Throws
/// std::invalid_argument for t1 < t0 or a step or tolerance <= 0 (a programming error).
std::vector<ShadowInterval> ShadowIntervals(const Trajectory& trajectory,
                                            const SunEphemeris& sun,
                                            double t0_s,
                                            double t1_s,
                                            ShadowBoundary boundary,
                                            double step_s = kShadowSearchStep_s,
                                            double tolerance_s = 1e-4);

/// The same with the Sun given as a function of time (tests use a fixed Sun).
template <class SunAt>
std::vector<ShadowInterval> ShadowIntervalsWith(const Trajectory& trajectory,
                                                const SunAt& sunAt,
                                                double t0_s,
                                                double t1_s,
                                                ShadowBoundary boundary,
                                                double step_s = kShadowSearchStep_s,
                                                double tolerance_s = 1e-4);

/// Sum of the intervals' durations divided by t1 - t0 (NaN for an empty span: no data).
double ShadowFraction(const std::vector<ShadowInterval>& intervals, double t0_s, double t1_s);

namespace detail
{
/// The search behind ShadowIntervals over any shadow function g(t) (negative inside).
std::vector<ShadowInterval> FindNegativeIntervals(double (*g)(const void*, double),
                                                  const void* context,
                                                  double t0_s,
                                                  double t1_s,
                                                  double step_s,
                                                  double tolerance_s);
} // namespace detail

template <class SunAt>
std::vector<ShadowInterval>
ShadowIntervalsWith(const Trajectory& trajectory,
                    const SunAt& sunAt,
                    double t0_s,
                    double t1_s,
                    ShadowBoundary boundary,
                    double step_s,
                    double tolerance_s)
{
    struct Context
    {
        const Trajectory* trajectory;
        const SunAt* sunAt;
        ShadowBoundary boundary;
    } context{&trajectory, &sunAt, boundary};
    auto g = [](const void* p, double t)
    {
        const auto* c = static_cast<const Context*>(p);
        return ShadowFunction(c->trajectory->PositionAt(t), (*c->sunAt)(t), c->boundary);
    };
    return detail::FindNegativeIntervals(g, &context, t0_s, t1_s, step_s, tolerance_s);
}

} // namespace sagin

#endif
