#include "orbit/model/sgp4.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>
#include <limits>

// Notation: distances in Earth radii (the model's "er"), time in minutes, angles in radians.
// Numbers and formulas are those of Spacetrack Report #3 and Vallado et al. (AIAA 2006-6753).

namespace sagin
{

namespace
{

constexpr double kTwoThirds = 2.0 / 3.0;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Periods of 225 minutes or more use the deep-space terms.
constexpr double kDeepSpacePeriod_min = 225.0;

// Apparent solar and lunar orbits (Spacetrack Report #3, DEEP).
constexpr double kSunRate = 1.19459e-5; // rad/min
constexpr double kSunEccentricity = 0.01675;
constexpr double kSunStrength = 2.9864797e-6;
constexpr double kMoonRate = 1.5835218e-4; // rad/min
constexpr double kMoonEccentricity = 0.05490;
constexpr double kMoonStrength = 4.7968065e-7;
constexpr double kSinObliquity = 0.39785416;
constexpr double kCosObliquity = 0.91744867;
constexpr double kCosSunPerigee = 0.1945905;
constexpr double kSinSunPerigee = -0.98088458;

// Earth rotation rate for the resonance terms (rad/min).
constexpr double kEarthRate = 4.37526908801129966e-3;
// Below 3 degrees (or above 177) the lunar-solar node rate is not applied.
constexpr double kLowInclination = 5.2359877e-2;
// Below this inclination the long-period terms are applied to the node in Lyddane's form.
constexpr double kLyddaneInclination = 0.2;

// Resonance integrator: fixed step (min).
constexpr double kResonanceStep = 720.0;

// Geopotential resonance coefficients.
constexpr double kQ22 = 1.7891679e-6;
constexpr double kQ31 = 2.1460748e-6;
constexpr double kQ33 = 2.2123015e-7;
constexpr double kRoot22 = 1.7891679e-6;
constexpr double kRoot32 = 3.7393792e-7;
constexpr double kRoot44 = 7.3636953e-9;
constexpr double kRoot52 = 1.1428639e-7;
constexpr double kRoot54 = 2.1765803e-9;
// Phase angles of the resonance terms.
constexpr double kFasx2 = 0.13130908;
constexpr double kFasx4 = 2.8843198;
constexpr double kFasx6 = 0.37448087;
constexpr double kG22 = 5.7686396;
constexpr double kG32 = 0.95240898;
constexpr double kG44 = 1.8014998;
constexpr double kG52 = 1.0508330;
constexpr double kG54 = 4.4108898;

// Resonance windows on the Brouwer mean motion (rad/min).
constexpr double kSyncMinMotion = 0.0034906585;
constexpr double kSyncMaxMotion = 0.0052359877;
constexpr double kHalfDayMinMotion = 8.26e-3;
constexpr double kHalfDayMaxMotion = 9.24e-3;

/// GMST (rad) at a UT1 Julian date, IAU 1982 formula as SGP4 uses it.
double
Gmst1982(double jdUt1)
{
    const double tu = (jdUt1 - 2451545.0) / 36525.0;
    double seconds = -6.2e-6 * tu * tu * tu + 0.093104 * tu * tu
                     + (876600.0 * 3600.0 + 8640184.812866) * tu + 67310.54841;
    double theta = std::fmod(seconds * kDegToRad / 240.0, kTwoPi);
    return theta < 0.0 ? theta + kTwoPi : theta;
}

/// Where a perturbing body's orbit lies with respect to the satellite's: cosine and sine of the
/// body's argument of perigee, of its inclination to the equator, and of the satellite's node
/// counted from the body's node.
struct BodyGeometry
{
    double cosG;
    double sinG;
    double cosI;
    double sinI;
    double cosH;
    double sinH;
};

/// The satellite's epoch elements as the lunar-solar terms use them.
struct SatelliteGeometry
{
    double cosI;
    double sinI;
    double cosW; ///< argument of perigee
    double sinW;
    double ecc;
    double eccSq;
    double beta;   ///< sqrt(1 - e^2)
    double motion; ///< Brouwer mean motion
};

/// Intermediate terms of the third-body disturbing function for one body.
struct BodyTerms
{
    double s1, s2, s3, s4, s5, s6, s7;
    double z1, z2, z3;
    double z11, z12, z13;
    double z21, z22, z23;
    double z31, z32, z33;
};

BodyTerms
ComputeBodyTerms(const BodyGeometry& b, double strength, const SatelliteGeometry& s)
{
    // Direction cosines of the body's perigee and its normal in the satellite's orbit frame.
    const double a1 = b.cosG * b.cosH + b.sinG * b.cosI * b.sinH;
    const double a3 = -b.sinG * b.cosH + b.cosG * b.cosI * b.sinH;
    const double a7 = -b.cosG * b.sinH + b.sinG * b.cosI * b.cosH;
    const double a8 = b.sinG * b.sinI;
    const double a9 = b.sinG * b.sinH + b.cosG * b.cosI * b.cosH;
    const double a10 = b.cosG * b.sinI;
    const double a2 = s.cosI * a7 + s.sinI * a8;
    const double a4 = s.cosI * a9 + s.sinI * a10;
    const double a5 = -s.sinI * a7 + s.cosI * a8;
    const double a6 = -s.sinI * a9 + s.cosI * a10;

    const double x1 = a1 * s.cosW + a2 * s.sinW;
    const double x2 = a3 * s.cosW + a4 * s.sinW;
    const double x3 = -a1 * s.sinW + a2 * s.cosW;
    const double x4 = -a3 * s.sinW + a4 * s.cosW;
    const double x5 = a5 * s.sinW;
    const double x6 = a6 * s.sinW;
    const double x7 = a5 * s.cosW;
    const double x8 = a6 * s.cosW;

    const double e2 = s.eccSq;
    BodyTerms t;
    t.z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
    t.z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
    t.z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
    t.z1 = 3.0 * (a1 * a1 + a2 * a2) + t.z31 * e2;
    t.z2 = 6.0 * (a1 * a3 + a2 * a4) + t.z32 * e2;
    t.z3 = 3.0 * (a3 * a3 + a4 * a4) + t.z33 * e2;
    t.z11 = -6.0 * a1 * a5 + e2 * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
    t.z12 = -6.0 * (a1 * a6 + a3 * a5)
            + e2 * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
    t.z13 = -6.0 * a3 * a6 + e2 * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
    t.z21 = 6.0 * a2 * a5 + e2 * (24.0 * x1 * x5 - 6.0 * x3 * x7);
    t.z22
        = 6.0 * (a4 * a5 + a2 * a6) + e2 * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
    t.z23 = 6.0 * a4 * a6 + e2 * (24.0 * x2 * x6 - 6.0 * x4 * x8);
    const double betaSq = 1.0 - e2;
    t.z1 = t.z1 + t.z1 + betaSq * t.z31;
    t.z2 = t.z2 + t.z2 + betaSq * t.z32;
    t.z3 = t.z3 + t.z3 + betaSq * t.z33;

    t.s3 = strength / s.motion;
    t.s2 = -0.5 * t.s3 / s.beta;
    t.s4 = t.s3 * s.beta;
    t.s1 = -15.0 * s.ecc * t.s4;
    t.s5 = x1 * x3 + x2 * x4;
    t.s6 = x2 * x3 + x1 * x4;
    t.s7 = x2 * x4 - x1 * x3;
    return t;
}

/// C's fmod by a full turn (keeps the sign of x), as the reference algorithm reduces angles.
double
WrapTurn(double x)
{
    return std::fmod(x, kTwoPi);
}

} // namespace

GravityConstants
GetGravityConstants(GravityModel model)
{
    GravityConstants g;
    switch (model)
    {
    case GravityModel::Wgs72Old:
        g.mu_km3_s2 = 398600.79964;
        g.radius_km = 6378.135;
        g.xke = 0.0743669161;
        g.j2 = 0.001082616;
        g.j3 = -0.00000253881;
        g.j4 = -0.00000165597;
        break;
    case GravityModel::Wgs72:
        g.mu_km3_s2 = 398600.8;
        g.radius_km = 6378.135;
        g.xke = 60.0 / std::sqrt(g.radius_km * g.radius_km * g.radius_km / g.mu_km3_s2);
        g.j2 = 0.001082616;
        g.j3 = -0.00000253881;
        g.j4 = -0.00000165597;
        break;
    case GravityModel::Wgs84:
        g.mu_km3_s2 = 398600.5;
        g.radius_km = 6378.137;
        g.xke = 60.0 / std::sqrt(g.radius_km * g.radius_km * g.radius_km / g.mu_km3_s2);
        g.j2 = 0.00108262998905;
        g.j3 = -0.00000253215306;
        g.j4 = -0.00000161098761;
        break;
    }
    return g;
}

const char*
Sgp4ErrorText(int error)
{
    switch (error)
    {
    case kSgp4Ok:
        return "no error";
    case kSgp4ErrorMeanElements:
        return "mean eccentricity out of range (>= 1 or < -0.001)";
    case kSgp4ErrorMeanMotion:
        return "mean motion is not positive";
    case kSgp4ErrorPerturbedEccentricity:
        return "perturbed eccentricity out of range (< 0 or > 1)";
    case kSgp4ErrorSemiLatusRectum:
        return "semi-latus rectum is negative";
    case kSgp4ErrorDecayed:
        return "satellite has decayed (radius below one Earth radius)";
    default:
        return "unknown SGP4 error";
    }
}

double
TleEpochDays1950(int epochYear2, double epochDay)
{
    const int year = epochYear2 < 57 ? 2000 + epochYear2 : 1900 + epochYear2;
    // Julian day number of "January 0" (December 31, 00:00) is 365 y + (y - 1) / 4 + 1721044.5
    // for 1901-2099; the SGP4 epoch origin is JD 2433281.5.
    const int daysToJan0 = 365 * year + (year - 1) / 4 - 712237;
    return static_cast<double>(daysToJan0) + epochDay;
}

Sgp4Elements
ElementsFromTle(const Tle& tle)
{
    Sgp4Elements e;
    e.epochDays1950 = TleEpochDays1950(tle.epochYear2, tle.epochDay);
    e.bstar = tle.bstar;
    e.eccentricity = tle.eccentricity;
    e.inclination_rad = tle.inclination_deg * kDegToRad;
    e.raan_rad = tle.raan_deg * kDegToRad;
    e.argOfPerigee_rad = tle.argOfPerigee_deg * kDegToRad;
    e.meanAnomaly_rad = tle.meanAnomaly_deg * kDegToRad;
    e.meanMotion_radPerMin = tle.meanMotion_revPerDay / (1440.0 / kTwoPi);
    return e;
}

Sgp4::Sgp4(const Tle& tle, GravityModel gravity)
    : Sgp4(ElementsFromTle(tle), gravity)
{
}

Sgp4::Sgp4(const Sgp4Elements& elements, GravityModel gravity)
    : m_el(elements)
    , m_grav(GetGravityConstants(gravity))
{
    m_j3OverJ2 = m_grav.j3 / m_grav.j2;
    Initialise();
}

int
Sgp4::InitError() const
{
    return m_initError;
}

bool
Sgp4::IsDeepSpace() const
{
    return m_deepSpace;
}

double
Sgp4::MeanMotion() const
{
    return m_n0;
}

const Sgp4Elements&
Sgp4::Elements() const
{
    return m_el;
}

void
Sgp4::Initialise()
{
    const double e0 = m_el.eccentricity;
    if (!(e0 >= 0.0 && e0 < 1.0))
    {
        m_elementError = m_initError = kSgp4ErrorMeanElements;
        return;
    }
    if (!(m_el.meanMotion_radPerMin > 0.0))
    {
        m_elementError = m_initError = kSgp4ErrorMeanMotion;
        return;
    }
    const double j2 = m_grav.j2;
    const double re = m_grav.radius_km;
    const double eccSq = e0 * e0;
    const double betaSq = 1.0 - eccSq;
    const double beta = std::sqrt(betaSq);
    const double cosI = std::cos(m_el.inclination_rad);
    const double sinI = std::sin(m_el.inclination_rad);
    const double cosI2 = cosI * cosI;

    // Recover the Brouwer mean motion and semi-major axis from the Kozai mean motion.
    const double nKozai = m_el.meanMotion_radPerMin;
    const double aKozai = std::pow(m_grav.xke / nKozai, kTwoThirds);
    const double d1 = 0.75 * j2 * (3.0 * cosI2 - 1.0) / (beta * betaSq);
    double delta = d1 / (aKozai * aKozai);
    const double aDelta
        = aKozai * (1.0 - delta * delta - delta * (1.0 / 3.0 + 134.0 * delta * delta / 81.0));
    delta = d1 / (aDelta * aDelta);
    m_n0 = nKozai / (1.0 + delta);
    const double a0 = std::pow(m_grav.xke / m_n0, kTwoThirds);
    const double p0 = a0 * betaSq;
    const double con42 = 1.0 - 5.0 * cosI2;
    m_con41 = -con42 - cosI2 - cosI2;
    m_x1mth2 = 1.0 - cosI2;
    m_x7thm1 = 7.0 * cosI2 - 1.0;

    // Atmosphere: the density parameter s and (q0 - s)^4, lowered for low perigees.
    const double perigee = a0 * (1.0 - e0);
    m_simpleDrag = perigee < 220.0 / re + 1.0;
    double s = 78.0 / re + 1.0;
    const double q0s = (120.0 - 78.0) / re;
    double qms4 = q0s * q0s * q0s * q0s;
    const double perigee_km = (perigee - 1.0) * re;
    if (perigee_km < 156.0)
    {
        double s_km = perigee_km < 98.0 ? 20.0 : perigee_km - 78.0;
        const double q = (120.0 - s_km) / re;
        qms4 = q * q * q * q;
        s = s_km / re + 1.0;
    }

    const double xi = 1.0 / (a0 - s);
    m_eta = a0 * e0 * xi;
    const double etaSq = m_eta * m_eta;
    const double eEta = e0 * m_eta;
    const double psiSq = std::fabs(1.0 - etaSq);
    const double coef = qms4 * std::pow(xi, 4.0);
    const double coef1 = coef / std::pow(psiSq, 3.5);
    const double c2 = coef1 * m_n0
                      * (a0 * (1.0 + 1.5 * etaSq + eEta * (4.0 + etaSq))
                         + 0.375 * j2 * xi / psiSq * m_con41 * (8.0 + 3.0 * etaSq * (8.0 + etaSq)));
    m_c1 = m_el.bstar * c2;
    const double c3 = e0 > 1.0e-4 ? -2.0 * coef * xi * m_j3OverJ2 * m_n0 * sinI / e0 : 0.0;
    m_c4 = 2.0 * m_n0 * coef1 * a0 * betaSq
           * (m_eta * (2.0 + 0.5 * etaSq) + e0 * (0.5 + 2.0 * etaSq)
              - j2 * xi / (a0 * psiSq)
                    * (-3.0 * m_con41 * (1.0 - 2.0 * eEta + etaSq * (1.5 - 0.5 * eEta))
                       + 0.75 * m_x1mth2 * (2.0 * etaSq - eEta * (1.0 + etaSq))
                             * std::cos(2.0 * m_el.argOfPerigee_rad)));
    m_c5 = 2.0 * coef1 * a0 * betaSq * (1.0 + 2.75 * (etaSq + eEta) + eEta * etaSq);

    // Secular rates from J2 and J4.
    const double cosI4 = cosI2 * cosI2;
    const double pInvSq = 1.0 / (p0 * p0);
    const double k1 = 1.5 * j2 * pInvSq * m_n0;
    const double k2 = 0.5 * k1 * j2 * pInvSq;
    const double k4 = -0.46875 * m_grav.j4 * pInvSq * pInvSq * m_n0;
    m_meanAnomalyRate = m_n0 + 0.5 * k1 * beta * m_con41
                        + 0.0625 * k2 * beta * (13.0 - 78.0 * cosI2 + 137.0 * cosI4);
    m_argPerigeeRate = -0.5 * k1 * con42 + 0.0625 * k2 * (7.0 - 114.0 * cosI2 + 395.0 * cosI4)
                       + k4 * (3.0 - 36.0 * cosI2 + 49.0 * cosI4);
    const double nodeRateJ2 = -k1 * cosI;
    m_nodeRate
        = nodeRateJ2 + (0.5 * k2 * (4.0 - 19.0 * cosI2) + 2.0 * k4 * (3.0 - 7.0 * cosI2)) * cosI;

    // Drag terms.
    m_argPerigeeDrag = m_el.bstar * c3 * std::cos(m_el.argOfPerigee_rad);
    m_meanAnomalyDrag = e0 > 1.0e-4 ? -kTwoThirds * coef * m_el.bstar / eEta : 0.0;
    m_nodeDrag = 3.5 * betaSq * nodeRateJ2 * m_c1;
    m_lDrag2 = 1.5 * m_c1;
    const double oneCosI = 1.0 + cosI;
    m_xlcof = -0.25 * m_j3OverJ2 * sinI * (3.0 + 5.0 * cosI)
              / (std::fabs(oneCosI) > 1.5e-12 ? oneCosI : 1.5e-12);
    m_aycof = -0.5 * m_j3OverJ2 * sinI;
    const double etaCosM = 1.0 + m_eta * std::cos(m_el.meanAnomaly_rad);
    m_delM0 = etaCosM * etaCosM * etaCosM;
    m_sinM0 = std::sin(m_el.meanAnomaly_rad);

    if (kTwoPi / m_n0 >= kDeepSpacePeriod_min)
    {
        m_deepSpace = true;
        m_simpleDrag = true;
        InitialiseDeepSpace(cosI, sinI, eccSq);
    }

    if (!m_simpleDrag)
    {
        const double c1Sq = m_c1 * m_c1;
        m_d2 = 4.0 * a0 * xi * c1Sq;
        const double k = m_d2 * xi * m_c1 / 3.0;
        m_d3 = (17.0 * a0 + s) * k;
        m_d4 = 0.5 * k * a0 * xi * (221.0 * a0 + 31.0 * s) * m_c1;
        m_lDrag3 = m_d2 + 2.0 * c1Sq;
        m_lDrag4 = 0.25 * (3.0 * m_d3 + m_c1 * (12.0 * m_d2 + 10.0 * c1Sq));
        m_lDrag5 = 0.2
                   * (3.0 * m_d4 + 12.0 * m_c1 * m_d3 + 6.0 * m_d2 * m_d2
                      + 15.0 * c1Sq * (2.0 * m_d2 + c1Sq));
    }

    m_initError = Propagate(0.0).error;
}

void
Sgp4::InitialiseDeepSpace(double cosI, double sinI, double eccSq)
{
    const double e0 = m_el.eccentricity;
    const double n0 = m_n0;
    // Days since 1900 January 0.5 (JD 2415020.0), the origin of the lunar and solar series.
    const double day = m_el.epochDays1950 + 18261.5;
    const double cosNode = std::cos(m_el.raan_rad);
    const double sinNode = std::sin(m_el.raan_rad);

    SatelliteGeometry sat;
    sat.cosI = cosI;
    sat.sinI = sinI;
    sat.cosW = std::cos(m_el.argOfPerigee_rad);
    sat.sinW = std::sin(m_el.argOfPerigee_rad);
    sat.ecc = e0;
    sat.eccSq = eccSq;
    sat.beta = std::sqrt(1.0 - eccSq);
    sat.motion = n0;

    // The sun's orbit: fixed orientation (ecliptic, perigee), the node is the satellite's.
    const BodyGeometry sun{
        kCosSunPerigee, kSinSunPerigee, kCosObliquity, kSinObliquity, cosNode, sinNode};

    // The moon's orbit at epoch: its node on the ecliptic regresses in 18.6 years.
    const double moonNode = WrapTurn(4.5236020 - 9.2422029e-4 * day);
    const double sinMoonNode = std::sin(moonNode);
    const double cosMoonNode = std::cos(moonNode);
    const double cosIl = 0.91375164 - 0.03568096 * cosMoonNode;
    const double sinIl = std::sqrt(1.0 - cosIl * cosIl);
    const double sinHl = 0.089683511 * sinMoonNode / sinIl;
    const double cosHl = std::sqrt(1.0 - sinHl * sinHl);
    const double moonPerigeeLon = 5.8351514 + 0.0019443680 * day;
    const double ascension = std::atan2(kSinObliquity * sinMoonNode / sinIl,
                                        cosHl * cosMoonNode + kCosObliquity * sinHl * sinMoonNode);
    const double moonArgPerigee = moonPerigeeLon + ascension - moonNode;
    const BodyGeometry moon{std::cos(moonArgPerigee),
                            std::sin(moonArgPerigee),
                            cosIl,
                            sinIl,
                            cosHl * cosNode + sinHl * sinNode,
                            sinNode * cosHl - cosNode * sinHl};

    struct Source
    {
        BodyGeometry geometry;
        double strength;
        double rate;
        double eccentricity;
        double meanAnomaly0;
    };

    const Source sources[2] = {
        {sun, kSunStrength, kSunRate, kSunEccentricity, WrapTurn(6.2565837 + 0.017201977 * day)},
        {moon,
         kMoonStrength,
         kMoonRate,
         kMoonEccentricity,
         WrapTurn(4.7199672 + 0.22997150 * day - moonPerigeeLon)},
    };

    const bool lowInclination
        = m_el.inclination_rad < kLowInclination || m_el.inclination_rad > kPi - kLowInclination;
    m_eccRate = m_inclRate = m_meanAnomalyRateLs = m_argPerigeeRateLs = m_nodeRateLs = 0.0;
    for (int k = 0; k < 2; ++k)
    {
        const Source& src = sources[k];
        const BodyTerms t = ComputeBodyTerms(src.geometry, src.strength, sat);

        // Long-period coefficients.
        ThirdBody& b = m_bodies[k];
        b.rate = src.rate;
        b.eccentricity = src.eccentricity;
        b.meanAnomaly0 = src.meanAnomaly0;
        b.e2 = 2.0 * t.s1 * t.s6;
        b.e3 = 2.0 * t.s1 * t.s7;
        b.i2 = 2.0 * t.s2 * t.z12;
        b.i3 = 2.0 * t.s2 * (t.z13 - t.z11);
        b.l2 = -2.0 * t.s3 * t.z2;
        b.l3 = -2.0 * t.s3 * (t.z3 - t.z1);
        b.l4 = -2.0 * t.s3 * (-21.0 - 9.0 * eccSq) * src.eccentricity;
        b.gh2 = 2.0 * t.s4 * t.z32;
        b.gh3 = 2.0 * t.s4 * (t.z33 - t.z31);
        b.gh4 = -18.0 * t.s4 * src.eccentricity;
        b.h2 = -2.0 * t.s2 * t.z22;
        b.h3 = -2.0 * t.s2 * (t.z23 - t.z21);

        // Secular rates.
        m_eccRate += t.s1 * src.rate * t.s5;
        m_inclRate += t.s2 * src.rate * (t.z11 + t.z13);
        m_meanAnomalyRateLs += -src.rate * t.s3 * (t.z1 + t.z3 - 14.0 - 6.0 * eccSq);
        const double dPerigeeLon = t.s4 * src.rate * (t.z31 + t.z33 - 6.0);
        double dNode = lowInclination ? 0.0 : -src.rate * t.s2 * (t.z21 + t.z23);
        if (sinI != 0.0)
        {
            dNode /= sinI;
            m_argPerigeeRateLs += dPerigeeLon - cosI * dNode;
            m_nodeRateLs += dNode;
        }
        else
        {
            m_argPerigeeRateLs += dPerigeeLon;
            m_nodeRateLs += dNode;
        }
    }

    // Resonances with the Earth's rotation.
    m_gmstEpoch = Gmst1982(m_el.epochDays1950 + 2433281.5);
    if (n0 > kSyncMinMotion && n0 < kSyncMaxMotion)
    {
        m_resonance = Resonance::Synchronous;
    }
    else if (n0 >= kHalfDayMinMotion && n0 <= kHalfDayMaxMotion && e0 >= 0.5)
    {
        m_resonance = Resonance::HalfDay;
    }
    if (m_resonance == Resonance::None)
    {
        return;
    }

    const double theta = WrapTurn(m_gmstEpoch);
    const double aInv = std::pow(n0 / m_grav.xke, kTwoThirds);
    const double cosI2 = cosI * cosI;
    const double sinI2 = sinI * sinI;
    if (m_resonance == Resonance::Synchronous)
    {
        const double g200 = 1.0 + eccSq * (-2.5 + 0.8125 * eccSq);
        const double g310 = 1.0 + 2.0 * eccSq;
        const double g300 = 1.0 + eccSq * (-6.0 + 6.60937 * eccSq);
        const double f220 = 0.75 * (1.0 + cosI) * (1.0 + cosI);
        const double f311 = 0.9375 * sinI2 * (1.0 + 3.0 * cosI) - 0.75 * (1.0 + cosI);
        const double f330 = 1.875 * (1.0 + cosI) * (1.0 + cosI) * (1.0 + cosI);
        const double base = 3.0 * n0 * n0 * aInv * aInv;
        m_syncDel[0] = base * f311 * g310 * kQ31 * aInv;
        m_syncDel[1] = 2.0 * base * f220 * g200 * kQ22;
        m_syncDel[2] = 3.0 * base * f330 * g300 * kQ33 * aInv;
        m_lambda0 = WrapTurn(m_el.meanAnomaly_rad + m_el.raan_rad + m_el.argOfPerigee_rad - theta);
        m_lambdaRate = m_meanAnomalyRate + (m_argPerigeeRate + m_nodeRate) - kEarthRate
                       + m_meanAnomalyRateLs + m_argPerigeeRateLs + m_nodeRateLs - n0;
        return;
    }

    // Half-day resonance: eccentricity functions are polynomial fits, piecewise in e.
    const double e = e0;
    const double e2 = eccSq;
    const double e3 = e * e2;
    double g211, g310, g322, g410, g422, g520, g521, g532, g533;
    const double g201 = -0.306 - (e - 0.64) * 0.440;
    if (e <= 0.65)
    {
        g211 = 3.616 - 13.2470 * e + 16.2900 * e2;
        g310 = -19.302 + 117.3900 * e - 228.4190 * e2 + 156.5910 * e3;
        g322 = -18.9068 + 109.7927 * e - 214.6334 * e2 + 146.5816 * e3;
        g410 = -41.122 + 242.6940 * e - 471.0940 * e2 + 313.9530 * e3;
        g422 = -146.407 + 841.8800 * e - 1629.014 * e2 + 1083.4350 * e3;
        g520 = -532.114 + 3017.977 * e - 5740.032 * e2 + 3708.2760 * e3;
    }
    else
    {
        g211 = -72.099 + 331.819 * e - 508.738 * e2 + 266.724 * e3;
        g310 = -346.844 + 1582.851 * e - 2415.925 * e2 + 1246.113 * e3;
        g322 = -342.585 + 1554.908 * e - 2366.899 * e2 + 1215.972 * e3;
        g410 = -1052.797 + 4758.686 * e - 7193.992 * e2 + 3651.957 * e3;
        g422 = -3581.690 + 16178.110 * e - 24462.770 * e2 + 12422.520 * e3;
        g520 = e > 0.715 ? -5149.66 + 29936.92 * e - 54087.36 * e2 + 31324.56 * e3
                         : 1464.74 - 4664.75 * e + 3763.64 * e2;
    }
    if (e < 0.7)
    {
        g533 = -919.22770 + 4988.6100 * e - 9064.7700 * e2 + 5542.21 * e3;
        g521 = -822.71072 + 4568.6173 * e - 8491.4146 * e2 + 5337.524 * e3;
        g532 = -853.66600 + 4690.2500 * e - 8624.7700 * e2 + 5341.4 * e3;
    }
    else
    {
        g533 = -37995.780 + 161616.52 * e - 229838.20 * e2 + 109377.94 * e3;
        g521 = -51752.104 + 218913.95 * e - 309468.16 * e2 + 146349.42 * e3;
        g532 = -40023.880 + 170470.89 * e - 242699.48 * e2 + 115605.82 * e3;
    }

    // Inclination functions.
    const double f220 = 0.75 * (1.0 + 2.0 * cosI + cosI2);
    const double f221 = 1.5 * sinI2;
    const double f321 = 1.875 * sinI * (1.0 - 2.0 * cosI - 3.0 * cosI2);
    const double f322 = -1.875 * sinI * (1.0 + 2.0 * cosI - 3.0 * cosI2);
    const double f441 = 35.0 * sinI2 * f220;
    const double f442 = 39.3750 * sinI2 * sinI2;
    const double f522 = 9.84375 * sinI
                        * (sinI2 * (1.0 - 2.0 * cosI - 5.0 * cosI2)
                           + 0.33333333 * (-2.0 + 4.0 * cosI + 6.0 * cosI2));
    const double f523 = sinI
                        * (4.92187512 * sinI2 * (-2.0 - 4.0 * cosI + 10.0 * cosI2)
                           + 6.56250012 * (1.0 + 2.0 * cosI - 3.0 * cosI2));
    const double f542
        = 29.53125 * sinI * (2.0 - 8.0 * cosI + cosI2 * (-12.0 + 8.0 * cosI + 10.0 * cosI2));
    const double f543
        = 29.53125 * sinI * (-2.0 - 8.0 * cosI + cosI2 * (12.0 + 8.0 * cosI - 10.0 * cosI2));

    // Amplitudes: each degree of the geopotential term adds a factor 1/a.
    double k = 3.0 * n0 * n0 * aInv * aInv;
    std::array<double, 10>& d = m_halfDayD;
    d[0] = k * kRoot22 * f220 * g201; // d2201
    d[1] = k * kRoot22 * f221 * g211; // d2211
    k *= aInv;
    d[2] = k * kRoot32 * f321 * g310; // d3210
    d[3] = k * kRoot32 * f322 * g322; // d3222
    k *= aInv;
    d[4] = 2.0 * k * kRoot44 * f441 * g410; // d4410
    d[5] = 2.0 * k * kRoot44 * f442 * g422; // d4422
    k *= aInv;
    d[6] = k * kRoot52 * f522 * g520;       // d5220
    d[7] = k * kRoot52 * f523 * g532;       // d5232
    d[8] = 2.0 * k * kRoot54 * f542 * g521; // d5421
    d[9] = 2.0 * k * kRoot54 * f543 * g533; // d5433
    m_lambda0 = WrapTurn(m_el.meanAnomaly_rad + 2.0 * m_el.raan_rad - 2.0 * theta);
    m_lambdaRate = m_meanAnomalyRate + m_meanAnomalyRateLs
                   + 2.0 * (m_nodeRate + m_nodeRateLs - kEarthRate) - n0;
}

void
Sgp4::ApplyDeepSecular(double t, MeanState& m) const
{
    m.eccentricity += m_eccRate * t;
    m.inclination += m_inclRate * t;
    m.argOfPerigee += m_argPerigeeRateLs * t;
    m.node += m_nodeRateLs * t;
    m.meanAnomaly += m_meanAnomalyRateLs * t;
    if (m_resonance == Resonance::None)
    {
        return;
    }

    // Integrate the resonance angle lambda and the mean motion from the epoch in fixed steps
    // (Euler-Maclaurin, second order), then a Taylor step to t.
    const double step = t > 0.0 ? kResonanceStep : -kResonanceStep;
    const double halfStepSq = 0.5 * kResonanceStep * kResonanceStep;
    double time = 0.0;
    double lambda = m_lambda0;
    double n = m_n0;
    double nDot = 0.0;
    double nDotDot = 0.0;
    double lambdaDot = 0.0;
    for (;;)
    {
        lambdaDot = n + m_lambdaRate;
        if (m_resonance == Resonance::Synchronous)
        {
            const std::array<double, 3>& del = m_syncDel;
            nDot = del[0] * std::sin(lambda - kFasx2) + del[1] * std::sin(2.0 * (lambda - kFasx4))
                   + del[2] * std::sin(3.0 * (lambda - kFasx6));
            nDotDot = del[0] * std::cos(lambda - kFasx2)
                      + 2.0 * del[1] * std::cos(2.0 * (lambda - kFasx4))
                      + 3.0 * del[2] * std::cos(3.0 * (lambda - kFasx6));
        }
        else
        {
            const std::array<double, 10>& d = m_halfDayD;
            const double w = m_el.argOfPerigee_rad + m_argPerigeeRate * time;
            const double w2 = w + w;
            const double l2 = lambda + lambda;
            nDot = d[0] * std::sin(w2 + lambda - kG22) + d[1] * std::sin(lambda - kG22)
                   + d[2] * std::sin(w + lambda - kG32) + d[3] * std::sin(-w + lambda - kG32)
                   + d[4] * std::sin(w2 + l2 - kG44) + d[5] * std::sin(l2 - kG44)
                   + d[6] * std::sin(w + lambda - kG52) + d[7] * std::sin(-w + lambda - kG52)
                   + d[8] * std::sin(w + l2 - kG54) + d[9] * std::sin(-w + l2 - kG54);
            nDotDot = d[0] * std::cos(w2 + lambda - kG22) + d[1] * std::cos(lambda - kG22)
                      + d[2] * std::cos(w + lambda - kG32) + d[3] * std::cos(-w + lambda - kG32)
                      + d[6] * std::cos(w + lambda - kG52) + d[7] * std::cos(-w + lambda - kG52)
                      + 2.0
                            * (d[4] * std::cos(w2 + l2 - kG44) + d[5] * std::cos(l2 - kG44)
                               + d[8] * std::cos(w + l2 - kG54) + d[9] * std::cos(-w + l2 - kG54));
        }
        nDotDot *= lambdaDot;
        if (std::fabs(t - time) < kResonanceStep)
        {
            break;
        }
        lambda += lambdaDot * step + nDot * halfStepSq;
        n += nDot * step + nDotDot * halfStepSq;
        time += step;
    }
    const double dt = t - time;
    m.meanMotion = n + nDot * dt + nDotDot * dt * dt * 0.5;
    const double lambdaT = lambda + lambdaDot * dt + nDot * dt * dt * 0.5;
    const double theta = WrapTurn(m_gmstEpoch + t * kEarthRate);
    if (m_resonance == Resonance::Synchronous)
    {
        m.meanAnomaly = lambdaT - m.node - m.argOfPerigee + theta;
    }
    else
    {
        m.meanAnomaly = lambdaT - 2.0 * m.node + 2.0 * theta;
    }
}

void
Sgp4::ApplyLongPeriodic(
    double t, double& ecc, double& incl, double& node, double& argp, double& meanAnomaly) const
{
    double de = 0.0;
    double di = 0.0;
    double dl = 0.0;
    double dgh = 0.0;
    double dh = 0.0;
    for (const ThirdBody& b : m_bodies)
    {
        const double zm = b.meanAnomaly0 + b.rate * t;
        const double zf = zm + 2.0 * b.eccentricity * std::sin(zm);
        const double sinZf = std::sin(zf);
        const double f2 = 0.5 * sinZf * sinZf - 0.25;
        const double f3 = -0.5 * sinZf * std::cos(zf);
        de += b.e2 * f2 + b.e3 * f3;
        di += b.i2 * f2 + b.i3 * f3;
        dl += b.l2 * f2 + b.l3 * f3 + b.l4 * sinZf;
        dgh += b.gh2 * f2 + b.gh3 * f3 + b.gh4 * sinZf;
        dh += b.h2 * f2 + b.h3 * f3;
    }
    incl += di;
    ecc += de;
    const double sinI = std::sin(incl);
    const double cosI = std::cos(incl);
    if (incl >= kLyddaneInclination)
    {
        dh /= sinI;
        dgh -= cosI * dh;
        argp += dgh;
        node += dh;
        meanAnomaly += dl;
        return;
    }

    // Low inclination: apply the node terms to the components of the orbit normal (Lyddane).
    const double sinNode = std::sin(node);
    const double cosNode = std::cos(node);
    const double alpha = sinI * sinNode + (dh * cosNode + di * cosI * sinNode);
    const double beta = sinI * cosNode + (-dh * sinNode + di * cosI * cosNode);
    node = WrapTurn(node);
    const double longitude = meanAnomaly + argp + dl + dgh + (cosI - di * sinI) * node;
    const double oldNode = node;
    node = std::atan2(alpha, beta);
    if (std::fabs(oldNode - node) > kPi)
    {
        node += node < oldNode ? kTwoPi : -kTwoPi;
    }
    meanAnomaly += dl;
    argp = longitude - meanAnomaly - cosI * node;
}

Sgp4State
Sgp4::Propagate(double t) const
{
    Sgp4State out;
    out.position_km = out.velocity_km_s = Vec3(kNan, kNan, kNan);
    if (m_elementError != kSgp4Ok)
    {
        out.error = m_elementError;
        return out;
    }

    // Secular gravity and drag.
    const double meanAnomalyDf = m_el.meanAnomaly_rad + m_meanAnomalyRate * t;
    const double argpDf = m_el.argOfPerigee_rad + m_argPerigeeRate * t;
    const double nodeDf = m_el.raan_rad + m_nodeRate * t;
    const double t2 = t * t;
    MeanState m;
    m.eccentricity = m_el.eccentricity;
    m.inclination = m_el.inclination_rad;
    m.node = nodeDf + m_nodeDrag * t2;
    m.argOfPerigee = argpDf;
    m.meanAnomaly = meanAnomalyDf;
    m.meanMotion = m_n0;
    double tempA = 1.0 - m_c1 * t;
    double tempE = m_el.bstar * m_c4 * t;
    double tempL = m_lDrag2 * t2;
    if (!m_simpleDrag)
    {
        const double etaCosM = 1.0 + m_eta * std::cos(meanAnomalyDf);
        const double dM = m_meanAnomalyDrag * (etaCosM * etaCosM * etaCosM - m_delM0);
        const double shift = m_argPerigeeDrag * t + dM;
        m.meanAnomaly = meanAnomalyDf + shift;
        m.argOfPerigee = argpDf - shift;
        const double t3 = t2 * t;
        const double t4 = t3 * t;
        tempA = tempA - m_d2 * t2 - m_d3 * t3 - m_d4 * t4;
        tempE = tempE + m_el.bstar * m_c5 * (std::sin(m.meanAnomaly) - m_sinM0);
        tempL = tempL + m_lDrag3 * t3 + t4 * (m_lDrag4 + t * m_lDrag5);
    }
    if (m_deepSpace)
    {
        ApplyDeepSecular(t, m);
    }
    if (m.meanMotion <= 0.0)
    {
        out.error = kSgp4ErrorMeanMotion;
        return out;
    }
    const double am = std::pow(m_grav.xke / m.meanMotion, kTwoThirds) * tempA * tempA;
    const double nm = m_grav.xke / std::pow(am, 1.5);
    double em = m.eccentricity - tempE;
    if (em >= 1.0 || em < -0.001)
    {
        out.error = kSgp4ErrorMeanElements;
        return out;
    }
    em = std::max(em, 1.0e-6);
    double meanAnomaly = m.meanAnomaly + m_n0 * tempL;
    const double meanLongitude = WrapTurn(meanAnomaly + m.argOfPerigee + m.node);
    double node = WrapTurn(m.node);
    double argp = WrapTurn(m.argOfPerigee);
    meanAnomaly = WrapTurn(meanLongitude - argp - node);

    // Lunar-solar periodics (deep space) and the inclination terms they change.
    double ecc = em;
    double incl = m.inclination;
    double con41 = m_con41;
    double x1mth2 = m_x1mth2;
    double x7thm1 = m_x7thm1;
    double xlcof = m_xlcof;
    double aycof = m_aycof;
    if (m_deepSpace)
    {
        ApplyLongPeriodic(t, ecc, incl, node, argp, meanAnomaly);
        if (incl < 0.0)
        {
            incl = -incl;
            node += kPi;
            argp -= kPi;
        }
        if (ecc < 0.0 || ecc > 1.0)
        {
            out.error = kSgp4ErrorPerturbedEccentricity;
            return out;
        }
    }
    const double sinI = std::sin(incl);
    const double cosI = std::cos(incl);
    if (m_deepSpace)
    {
        const double cosI2 = cosI * cosI;
        con41 = 3.0 * cosI2 - 1.0;
        x1mth2 = 1.0 - cosI2;
        x7thm1 = 7.0 * cosI2 - 1.0;
        aycof = -0.5 * m_j3OverJ2 * sinI;
        const double oneCosI = 1.0 + cosI;
        xlcof = -0.25 * m_j3OverJ2 * sinI * (3.0 + 5.0 * cosI)
                / (std::fabs(oneCosI) > 1.5e-12 ? oneCosI : 1.5e-12);
    }

    // Long-period J3 terms, in equinoctial-like components of the eccentricity vector.
    const double axn = ecc * std::cos(argp);
    double k = 1.0 / (am * (1.0 - ecc * ecc));
    const double ayn = ecc * std::sin(argp) + k * aycof;
    const double longitude = meanAnomaly + argp + node + k * xlcof * axn;

    // Kepler's equation for E + omega (at most ten Newton steps, each limited to 0.95 rad).
    const double u = WrapTurn(longitude - node);
    double eo = u;
    double sinEo = 0.0;
    double cosEo = 0.0;
    double correction = 9999.9;
    for (int iter = 0; iter < 10 && std::fabs(correction) >= 1.0e-12; ++iter)
    {
        sinEo = std::sin(eo);
        cosEo = std::cos(eo);
        correction = (u - ayn * cosEo + axn * sinEo - eo) / (1.0 - cosEo * axn - sinEo * ayn);
        if (std::fabs(correction) >= 0.95)
        {
            correction = correction > 0.0 ? 0.95 : -0.95;
        }
        eo += correction;
    }

    // Short-period periodics.
    const double eCosE = axn * cosEo + ayn * sinEo;
    const double eSinE = axn * sinEo - ayn * cosEo;
    const double eSq = axn * axn + ayn * ayn;
    const double pl = am * (1.0 - eSq);
    if (pl < 0.0)
    {
        out.error = kSgp4ErrorSemiLatusRectum;
        return out;
    }
    const double rl = am * (1.0 - eCosE);
    const double rDotL = std::sqrt(am) * eSinE / rl;
    const double rvDotL = std::sqrt(pl) / rl;
    const double betaL = std::sqrt(1.0 - eSq);
    k = eSinE / (1.0 + betaL);
    const double sinU = am / rl * (sinEo - ayn - axn * k);
    const double cosU = am / rl * (cosEo - axn + ayn * k);
    double su = std::atan2(sinU, cosU);
    const double sin2u = (cosU + cosU) * sinU;
    const double cos2u = 1.0 - 2.0 * sinU * sinU;
    const double pInv = 1.0 / pl;
    const double k1 = 0.5 * m_grav.j2 * pInv;
    const double k2 = k1 * pInv;

    const double radius = rl * (1.0 - 1.5 * k2 * betaL * con41) + 0.5 * k1 * x1mth2 * cos2u;
    su -= 0.25 * k2 * x7thm1 * sin2u;
    const double xnode = node + 1.5 * k2 * cosI * sin2u;
    const double xinc = incl + 1.5 * k2 * cosI * sinI * cos2u;
    const double radialRate = rDotL - nm * k1 * x1mth2 * sin2u / m_grav.xke;
    const double transverseRate = rvDotL + nm * k1 * (x1mth2 * cos2u + 1.5 * con41) / m_grav.xke;

    // Orientation vectors: u along the radius, v along the track.
    const double sinSu = std::sin(su);
    const double cosSu = std::cos(su);
    const double sinNode = std::sin(xnode);
    const double cosNode = std::cos(xnode);
    const double sinInc = std::sin(xinc);
    const double cosInc = std::cos(xinc);
    const double mx = -sinNode * cosInc;
    const double my = cosNode * cosInc;
    const Vec3 uVec(mx * sinSu + cosNode * cosSu, my * sinSu + sinNode * cosSu, sinInc * sinSu);
    const Vec3 vVec(mx * cosSu - cosNode * sinSu, my * cosSu - sinNode * sinSu, sinInc * cosSu);

    const double re = m_grav.radius_km;
    const double kmPerSecond = re * m_grav.xke / 60.0;
    out.position_km = uVec * (radius * re);
    out.velocity_km_s = (uVec * radialRate + vVec * transverseRate) * kmPerSecond;
    out.error = radius < 1.0 ? kSgp4ErrorDecayed : kSgp4Ok;
    return out;
}

} // namespace sagin
