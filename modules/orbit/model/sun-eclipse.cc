#include "orbit/model/sun-eclipse.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>
#include <erfa.h>
#include <stdexcept>

namespace sagin
{

SunEphemeris::SunEphemeris(std::shared_ptr<const EarthOrientation> earth)
    : m_earth(std::move(earth))
{
}

void
SunEphemeris::GridPoint(double t_s, Vec3& position, Vec3& velocity, double c2i[3][3]) const
{
    constexpr double kGrid_s = 3600.0;
    // Heliocentric gravitational constant (m^3/s^2), IAU 2015 nominal GM_sun.
    constexpr double kSunMu = 1.3271244e20;
    const long hour = std::lround(t_s / kGrid_s);
    Vec3 p0;
    Vec3 v0;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (hour != m_cachedHour)
        {
            // ERFA wants TDB; TT differs from it by under 2 ms, i.e. 60 m of Earth motion.
            const JulianDate tt = m_earth->Epoch().Tt(static_cast<double>(hour) * kGrid_s);
            double pvh[2][3];
            double pvb[2][3];
            eraEpv00(tt.jd1, tt.jd2, pvh, pvb);
            m_cachedPosition = Vec3{pvh[0][0], pvh[0][1], pvh[0][2]} * kAstronomicalUnit_m;
            m_cachedVelocity
                = Vec3{pvh[1][0], pvh[1][1], pvh[1][2]} * (kAstronomicalUnit_m / 86400.0);
            // Precession-nutation moves the pole by about 1e-8 rad in half an hour: one matrix
            // per grid point.
            eraC2i00b(tt.jd1, tt.jd2, m_cachedC2i);
            m_cachedHour = hour;
        }
        p0 = m_cachedPosition;
        v0 = m_cachedVelocity;
        if (c2i != nullptr)
        {
            std::copy(&m_cachedC2i[0][0], &m_cachedC2i[0][0] + 9, &c2i[0][0]);
        }
    }
    // Second order under the Sun's attraction over at most half an hour: the next term (the
    // jerk) is about 1 mm, the Moon's pull on the Earth about 50 to 90 m (tested).
    const double dt = t_s - static_cast<double>(hour) * kGrid_s;
    const double r = Norm(p0);
    const Vec3 acceleration = p0 * (-kSunMu / (r * r * r));
    position = p0 + v0 * dt + acceleration * (0.5 * dt * dt);
    velocity = v0 + acceleration * dt;
}

namespace
{

/// The apparent geocentric Sun from the Earth's heliocentric state: the Sun seen from the Earth
/// now is where the Sun was one light time ago, seen from where the Earth was then: S - E(t - tau)
/// in heliocentric coordinates (S = 0). The velocity term -v tau is the annual aberration; the
/// Sun's own motion about the barycentre in tau (about 5 m) is neglected.
Vec3
ApparentSun(const Vec3& earth, const Vec3& velocity)
{
    const double tau = Norm(earth) / kSpeedOfLight;
    return -(earth - velocity * tau);
}

} // namespace

Vec3
SunEphemeris::GcrsPositionAt(double t_s) const
{
    Vec3 earth;
    Vec3 velocity;
    GridPoint(t_s, earth, velocity, nullptr);
    return ApparentSun(earth, velocity);
}

Vec3
SunEphemeris::PositionAt(double t_s) const
{
    Vec3 earth;
    Vec3 velocity;
    double m[3][3];
    GridPoint(t_s, earth, velocity, m);
    const Vec3 g = ApparentSun(earth, velocity);
    // GCRS -> CIRS (the cached precession-nutation matrix), then the Earth rotation angle of UT1
    // about the pole: the product is ERFA's eraC2t00b without polar motion.
    const JulianDate ut1 = m_earth->Epoch().Ut1(t_s, m_earth->Dut1());
    eraRz(eraEra00(ut1.jd1, ut1.jd2), m);
    return {m[0][0] * g.x + m[0][1] * g.y + m[0][2] * g.z,
            m[1][0] * g.x + m[1][1] * g.y + m[1][2] * g.z,
            m[2][0] * g.x + m[2][1] * g.y + m[2][2] * g.z};
}

namespace
{

/// Angle between two vectors (rad), accurate near 0 and pi.
double
Angle(const Vec3& u, const Vec3& v)
{
    return std::atan2(Norm(Cross(u, v)), Dot(u, v));
}

/// Angular radii of the Sun (a) and the Earth (b) seen from r, and the angle c between their
/// centres. Inside the Earth (a ground site below the shadow sphere) the Earth fills the half
/// sky below the local geocentric horizon: b = pi / 2.
struct Discs
{
    double a;
    double b;
    double c;
};

Discs
DiscsSeenFrom(const Vec3& r, const Vec3& sun)
{
    const Vec3 toSun = sun - r;
    const double rn = Norm(r);
    Discs d;
    d.a = std::asin(std::min(1.0, kSunRadius_m / Norm(toSun)));
    d.b = rn <= kShadowEarthRadius_m ? kPi / 2.0 : std::asin(kShadowEarthRadius_m / rn);
    d.c = Angle(-r, toSun);
    return d;
}

} // namespace

double
ShadowFunction(const Vec3& r, const Vec3& sun, ShadowBoundary boundary)
{
    if (boundary == ShadowBoundary::kCylinder)
    {
        const double rn = Norm(r);
        const double psi = Angle(r, -sun); // from the anti-Sun direction
        const double edge
            = rn <= kShadowEarthRadius_m ? kPi / 2.0 : std::asin(kShadowEarthRadius_m / rn);
        return psi - edge;
    }
    const Discs d = DiscsSeenFrom(r, sun);
    return boundary == ShadowBoundary::kPenumbra ? d.c - (d.b + d.a) : d.c - (d.b - d.a);
}

double
IlluminatedFraction(const Vec3& r, const Vec3& sun, bool conical)
{
    if (!conical)
    {
        return ShadowFunction(r, sun, ShadowBoundary::kCylinder) < 0.0 ? 0.0 : 1.0;
    }
    const Discs d = DiscsSeenFrom(r, sun);
    const double a = d.a;
    const double b = d.b;
    const double c = d.c;
    if (!std::isfinite(c))
    {
        return std::nan("");
    }
    if (c >= a + b)
    {
        return 1.0;
    }
    if (c <= b - a)
    {
        return 0.0;
    }
    if (c <= a - b)
    {
        return 1.0 - (b * b) / (a * a); // annular: the Earth inside the solar disc
    }
    // Partial overlap of two discs of radii a and b whose centres are c apart (flat-sky area):
    // the chord through both intersection points lies x from the Sun's centre.
    const double x = (c * c + a * a - b * b) / (2.0 * c);
    const double y = std::sqrt(std::max(0.0, a * a - x * x));
    const double hidden = a * a * std::acos(std::clamp(x / a, -1.0, 1.0))
                          + b * b * std::acos(std::clamp((c - x) / b, -1.0, 1.0)) - c * y;
    return std::clamp(1.0 - hidden / (kPi * a * a), 0.0, 1.0);
}

namespace detail
{

std::vector<ShadowInterval>
FindNegativeIntervals(double (*g)(const void*, double),
                      const void* context,
                      double t0_s,
                      double t1_s,
                      double step_s,
                      double tolerance_s)
{
    if (!(t1_s >= t0_s) || !(step_s > 0.0) || !(tolerance_s > 0.0))
    {
        throw std::invalid_argument("ShadowIntervals: needs t0 <= t1, step > 0, tolerance > 0");
    }
    // A position-less time (NaN) counts as outside the shadow.
    auto f = [&](double t)
    {
        const double v = g(context, t);
        return std::isnan(v) ? 1.0 : v;
    };
    const long n = std::max(1L, static_cast<long>(std::ceil((t1_s - t0_s) / step_s)));
    const double h = (t1_s - t0_s) / static_cast<double>(n);
    std::vector<double> ts(n + 1);
    std::vector<double> gs(n + 1);
    for (long k = 0; k <= n; ++k)
    {
        ts[k] = k == n ? t1_s : t0_s + static_cast<double>(k) * h;
        gs[k] = f(ts[k]);
    }
    // Bisection of a bracket [lo, hi] whose ends lie on either side of the boundary.
    auto bisect = [&](double lo, double glo, double hi)
    {
        const bool insideLo = glo < 0.0;
        while (hi - lo > tolerance_s)
        {
            const double mid = 0.5 * (lo + hi);
            if ((f(mid) < 0.0) == insideLo)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    };
    // Golden-section search for the minimum of f on [lo, hi].
    auto minimum = [&](double lo, double hi, double& tMin)
    {
        const double r = 0.5 * (std::sqrt(5.0) - 1.0);
        double x1 = hi - r * (hi - lo);
        double x2 = lo + r * (hi - lo);
        double f1 = f(x1);
        double f2 = f(x2);
        while (hi - lo > tolerance_s)
        {
            if (f1 < 0.0 || f2 < 0.0)
            {
                break; // found a point inside: enough
            }
            if (f1 < f2)
            {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - r * (hi - lo);
                f1 = f(x1);
            }
            else
            {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + r * (hi - lo);
                f2 = f(x2);
            }
        }
        tMin = f1 < f2 ? x1 : x2;
        return std::min(f1, f2);
    };
    std::vector<double> roots;
    auto grazing = [&](double lo, double hi)
    {
        double tMin = 0.0;
        const double fMin = minimum(lo, hi, tMin);
        if (fMin < 0.0)
        {
            roots.push_back(bisect(lo, f(lo), tMin));
            roots.push_back(bisect(tMin, fMin, hi));
        }
    };
    for (long k = 0; k < n; ++k)
    {
        if ((gs[k] < 0.0) != (gs[k + 1] < 0.0))
        {
            roots.push_back(bisect(ts[k], gs[k], ts[k + 1]));
        }
        else if (gs[k] >= 0.0 && gs[k + 1] >= 0.0)
        {
            // A pass shorter than the step hides between two outside samples: look where the
            // samples have a local minimum, or at a span end the samples rise from (the only
            // interval of a one-step span included). The windows never overlap: the end
            // conditions are strict where the local-minimum one is not.
            if (n == 1)
            {
                grazing(ts[0], ts[1]);
            }
            else if (k >= 1 && gs[k] <= gs[k - 1] && gs[k] <= gs[k + 1] && gs[k - 1] >= 0.0)
            {
                grazing(ts[k - 1], ts[k + 1]);
            }
            else if ((k == 0 && gs[0] < gs[1]) || (k == n - 1 && gs[n] < gs[n - 1]))
            {
                grazing(ts[k], ts[k + 1]);
            }
        }
    }
    std::sort(roots.begin(), roots.end());
    std::vector<ShadowInterval> intervals;
    bool inside = gs[0] < 0.0;
    double begin = t0_s;
    bool atStart = inside;
    for (double root : roots)
    {
        if (inside)
        {
            intervals.push_back({begin, root, atStart, false});
            atStart = false;
        }
        else
        {
            begin = root;
        }
        inside = !inside;
    }
    if (inside)
    {
        intervals.push_back({begin, t1_s, atStart, true});
    }
    return intervals;
}

} // namespace detail

std::vector<ShadowInterval>
ShadowIntervals(const Trajectory& trajectory,
                const SunEphemeris& sun,
                double t0_s,
                double t1_s,
                ShadowBoundary boundary,
                double step_s,
                double tolerance_s)
{
    auto sunAt = [&sun](double t)
    {
        return sun.PositionAt(t);
    };
    return ShadowIntervalsWith(trajectory, sunAt, t0_s, t1_s, boundary, step_s, tolerance_s);
}

double
ShadowFraction(const std::vector<ShadowInterval>& intervals, double t0_s, double t1_s)
{
    if (!(t1_s > t0_s))
    {
        return std::nan("");
    }
    double total = 0.0;
    for (const auto& i : intervals)
    {
        total += i.Duration();
    }
    return total / (t1_s - t0_s);
}

} // namespace sagin
