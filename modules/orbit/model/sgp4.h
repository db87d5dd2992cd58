// SGP4/SDP4: the analytic propagator that two-line element sets are fitted to.
//
// Follows Hoots & Roehrich, Spacetrack Report #3 (1980), with the corrections of Vallado,
// Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, in its
// 'improved' operation mode (GMST of the epoch from the IAU 1982 formula, the Lyddane choice
// with the 0.2 rad inclination switch). Orbits with a period of 225 minutes or more get the
// deep-space terms: lunar and solar secular and long-period perturbations, and the resonance
// integrator for 12-hour (half-day, eccentric) and 24-hour (synchronous) orbits.
//
// Output is in TEME (true equator, mean equinox), km and km/s. Propagate() keeps no state: the
// resonance integrator restarts from the epoch at every call (its fixed 720-minute steps make
// that give the same numbers as the reference code's cached integrator), so one Sgp4 object may
// be used from several threads at once.
#ifndef SAGIN_ORBIT_SGP4_H
#define SAGIN_ORBIT_SGP4_H

#include "core/model/vec3.h"
#include "orbit/model/tle.h"

#include <array>

namespace sagin
{

/// Earth models for SGP4. TLEs are fitted with WGS-72 (the default everywhere); Wgs72Old is the
/// original report's rounded xke; Wgs84 exists for comparisons only.
enum class GravityModel
{
    Wgs72Old,
    Wgs72,
    Wgs84
};

struct GravityConstants
{
    double mu_km3_s2 = 0.0;
    double radius_km = 0.0; ///< equatorial radius, SGP4's distance unit
    double xke = 0.0;       ///< sqrt(mu) in Earth radii^1.5 per minute
    double j2 = 0.0;
    double j3 = 0.0;
    double j4 = 0.0;
};

GravityConstants GetGravityConstants(GravityModel model);

/// Error codes, numbered as in Vallado et al. (code 5 is no longer produced). As in the current
/// reference code (and python3-sgp4), error 1 no longer tests a < 0.95 Earth radii: a decaying
/// orbit is caught by error 6 instead.
constexpr int kSgp4Ok = 0;
constexpr int kSgp4ErrorMeanElements = 1;          ///< mean eccentricity >= 1 or < -0.001
constexpr int kSgp4ErrorMeanMotion = 2;            ///< mean motion <= 0
constexpr int kSgp4ErrorPerturbedEccentricity = 3; ///< perturbed eccentricity < 0 or > 1
constexpr int kSgp4ErrorSemiLatusRectum = 4;       ///< semi-latus rectum < 0
constexpr int kSgp4ErrorDecayed = 6;               ///< radius below one Earth radius

/// A short English description of an error code.
const char* Sgp4ErrorText(int error);

/// One propagated state in TEME. With error 1 to 4 the vectors are NaN; with error 6 (decayed)
/// they hold the computed (sub-surface) state, as the reference code returns it.
struct Sgp4State
{
    int error = kSgp4Ok;
    Vec3 position_km;
    Vec3 velocity_km_s;
};

/// Mean elements in SGP4's own units, for element sets that do not come from a TLE.
struct Sgp4Elements
{
    double epochDays1950 = 0.0; ///< days since 1949 December 31, 00:00 UT
    double bstar = 0.0;         ///< 1 / Earth radii
    double eccentricity = 0.0;
    double inclination_rad = 0.0;
    double raan_rad = 0.0;
    double argOfPerigee_rad = 0.0;
    double meanAnomaly_rad = 0.0;
    double meanMotion_radPerMin = 0.0; ///< Kozai mean motion, as a TLE states it
};

/// The SGP4 epoch of a TLE (days since 1949 December 31, 00:00 UT), from its two-digit year and
/// day of year, computed without a round trip through the calendar.
double TleEpochDays1950(int epochYear2, double epochDay);

/// Converts a TLE's fields to SGP4 units.
Sgp4Elements ElementsFromTle(const Tle& tle);

class Sgp4
{
  public:
    explicit Sgp4(const Tle& tle, GravityModel gravity = GravityModel::Wgs72);
    explicit Sgp4(const Sgp4Elements& elements, GravityModel gravity = GravityModel::Wgs72);

    /// 0, or the error of propagating to the epoch (as the reference code's initialisation
    /// reports it). Elements that cannot be initialised at all (eccentricity outside [0, 1):
    /// error 1; mean motion <= 0: error 2) make every Propagate() return that error.
    int InitError() const;

    /// State at `minutesSinceEpoch` (negative: before the epoch). Thread-safe.
    Sgp4State Propagate(double minutesSinceEpoch) const;

    /// True when the deep-space (SDP4) terms are in use: period of 225 minutes or more.
    bool IsDeepSpace() const;
    /// Brouwer ("un-Kozaied") mean motion at epoch (rad/min).
    double MeanMotion() const;
    const Sgp4Elements& Elements() const;

  private:
    /// Coefficients of the lunar and solar long-period terms, one set per body.
    struct ThirdBody
    {
        double rate = 0.0;         ///< mean motion of the body (rad/min)
        double eccentricity = 0.0; ///< eccentricity of its apparent orbit
        double meanAnomaly0 = 0.0; ///< its mean anomaly at the satellite's epoch (rad)
        double e2 = 0.0;
        double e3 = 0.0;
        double i2 = 0.0;
        double i3 = 0.0;
        double l2 = 0.0;
        double l3 = 0.0;
        double l4 = 0.0;
        double gh2 = 0.0;
        double gh3 = 0.0;
        double gh4 = 0.0;
        double h2 = 0.0;
        double h3 = 0.0;
    };

    enum class Resonance
    {
        None,
        Synchronous, ///< 24-hour orbits
        HalfDay      ///< 12-hour eccentric orbits (Molniya, GPS transfer)
    };

    /// Mean elements after the secular and resonance terms, before the long-period ones.
    struct MeanState
    {
        double eccentricity;
        double inclination;
        double node;
        double argOfPerigee;
        double meanAnomaly;
        double meanMotion;
    };

    void Initialise();
    void InitialiseDeepSpace(double cosI, double sinI, double eccSq);
    /// Secular lunar-solar rates and resonance terms: the resonance integrator from the epoch.
    void ApplyDeepSecular(double t, MeanState& m) const;
    /// Lunar-solar long-period perturbations of (e, i, node, argument of perigee, M) at t.
    void ApplyLongPeriodic(
        double t, double& ecc, double& incl, double& node, double& argp, double& meanAnomaly) const;

    Sgp4Elements m_el;
    GravityConstants m_grav;
    double m_j3OverJ2 = 0.0;
    int m_elementError = kSgp4Ok;
    int m_initError = kSgp4Ok;

    // Near-Earth secular and drag terms.
    double m_n0 = 0.0; ///< Brouwer mean motion (rad/min)
    double m_meanAnomalyRate = 0.0;
    double m_argPerigeeRate = 0.0;
    double m_nodeRate = 0.0;
    double m_nodeDrag = 0.0;
    double m_c1 = 0.0;
    double m_c4 = 0.0;
    double m_c5 = 0.0;
    double m_d2 = 0.0;
    double m_d3 = 0.0;
    double m_d4 = 0.0;
    double m_lDrag2 = 0.0; ///< mean-longitude drag coefficients of t^2 .. t^5
    double m_lDrag3 = 0.0;
    double m_lDrag4 = 0.0;
    double m_lDrag5 = 0.0;
    double m_argPerigeeDrag = 0.0;
    double m_meanAnomalyDrag = 0.0;
    double m_eta = 0.0;
    double m_delM0 = 0.0;
    double m_sinM0 = 0.0;
    bool m_simpleDrag = false; ///< perigee below 220 km, or deep space: fewer drag terms

    // Inclination-dependent short-period coefficients at epoch (recomputed in deep space).
    double m_con41 = 0.0;
    double m_x1mth2 = 0.0;
    double m_x7thm1 = 0.0;
    double m_xlcof = 0.0;
    double m_aycof = 0.0;

    // Deep space.
    bool m_deepSpace = false;
    double m_gmstEpoch = 0.0;            ///< GMST at epoch (rad, IAU 1982)
    std::array<ThirdBody, 2> m_bodies{}; ///< sun, moon
    double m_eccRate = 0.0;
    double m_inclRate = 0.0;
    double m_meanAnomalyRateLs = 0.0;
    double m_argPerigeeRateLs = 0.0;
    double m_nodeRateLs = 0.0;
    Resonance m_resonance = Resonance::None;
    double m_lambda0 = 0.0;              ///< resonance angle at epoch
    double m_lambdaRate = 0.0;           ///< its rate beyond the mean motion (the "xfact" term)
    std::array<double, 3> m_syncDel{};   ///< synchronous resonance amplitudes
    std::array<double, 10> m_halfDayD{}; ///< half-day resonance amplitudes d2201 .. d5433
};

} // namespace sagin

#endif
