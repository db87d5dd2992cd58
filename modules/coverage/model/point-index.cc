#include "coverage/model/point-index.h"

#include "core/model/constants.h"

#include <numeric>

namespace sagin
{

namespace
{

/// Largest angle (rad) between the WGS84 ellipsoid normal and the geocentric radius of a point
/// on or above the ellipsoid: 0.1924 deg at 45 deg latitude, rounded up.
constexpr double kNormalTilt = 0.2 * kDegToRad;
/// Slack (rad, about 6 m on the ground) added to every bound against rounding.
constexpr double kSlack = 1e-6;

double
GeocentricLat(const Vec3& v)
{
    return std::atan2(v.z, std::hypot(v.x, v.y));
}

} // namespace

PointIndex::PointIndex(const std::vector<Vec3>& ecef)
{
    const int n = static_cast<int>(ecef.size());
    // About one point per bin height along a meridian of a global grid (1 deg for 41,000 points).
    const double spacing = n > 0 ? std::sqrt(4.0 * kPi / n) : kPi;
    m_binHeight = std::clamp(spacing, 0.02 * kDegToRad, 2.0 * kDegToRad);
    const int bins = static_cast<int>(std::ceil(kPi / m_binHeight));
    m_binHeight = kPi / bins;
    std::vector<int> bin(n);
    std::vector<double> lon(n);
    m_minRadius = n > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    m_maxRadius = 0.0;
    for (int i = 0; i < n; ++i)
    {
        const double lat = GeocentricLat(ecef[i]);
        bin[i] = std::clamp(static_cast<int>(std::floor((lat + 0.5 * kPi) / m_binHeight)), 0, bins - 1);
        lon[i] = std::atan2(ecef[i].y, ecef[i].x);
        if (lon[i] >= kPi)
        {
            lon[i] -= 2.0 * kPi;
        }
        const double r = Norm(ecef[i]);
        m_minRadius = std::min(m_minRadius, r);
        m_maxRadius = std::max(m_maxRadius, r);
    }
    m_order.resize(n);
    std::iota(m_order.begin(), m_order.end(), 0);
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        return bin[a] != bin[b] ? bin[a] < bin[b] : lon[a] < lon[b];
    });
    m_binStart.assign(bins + 1, 0);
    m_lon.resize(n);
    for (int k = 0; k < n; ++k)
    {
        m_lon[k] = lon[m_order[k]];
        ++m_binStart[bin[m_order[k]] + 1];
    }
    for (int b = 0; b < bins; ++b)
    {
        m_binStart[b + 1] += m_binStart[b];
    }
}

IndexCap
PointIndex::MakeCap(const Vec3& centre, double angle) const
{
    IndexCap cap;
    const int bins = Bins();
    cap.angle = angle;
    cap.lat = GeocentricLat(centre);
    cap.lon = std::atan2(centre.y, centre.x);
    if (angle >= kPi)
    {
        cap.binLow = 0;
        cap.binHigh = bins - 1;
        return cap;
    }
    auto binOf = [&](double lat) {
        return std::clamp(static_cast<int>(std::floor((lat + 0.5 * kPi) / m_binHeight)), 0, bins - 1);
    };
    cap.binLow = binOf(std::max(cap.lat - angle, -0.5 * kPi));
    cap.binHigh = binOf(std::min(cap.lat + angle, 0.5 * kPi));
    return cap;
}

double
PointIndex::HalfWidth(const IndexCap& cap, int b) const
{
    if (cap.angle >= kPi)
    {
        return kPi;
    }
    const double binLow = -0.5 * kPi + b * m_binHeight;
    const double lo = std::max(binLow, cap.lat - cap.angle);
    const double hi = std::min(binLow + m_binHeight, cap.lat + cap.angle);
    if (lo > hi)
    {
        return -1.0;
    }
    const double sin0 = std::sin(cap.lat);
    const double cos0 = std::cos(cap.lat);
    const double cosA = std::cos(cap.angle);
    // Half-width at latitude phi: cos(w) = (cos A - sin phi sin phi0) / (cos phi cos phi0).
    auto width = [&](double phi) {
        const double c = std::cos(phi) * cos0;
        if (c < 1e-12)
        {
            return kPi;
        }
        const double arg = (cosA - std::sin(phi) * sin0) / c;
        return arg <= -1.0 ? kPi : (arg >= 1.0 ? 0.0 : std::acos(arg));
    };
    double w = std::max(width(lo), width(hi));
    // The cap is widest where a meridian touches it: sin phi* = sin phi0 / cos A.
    if (cosA > 0.0 && std::fabs(sin0) <= cosA)
    {
        const double star = std::asin(sin0 / cosA);
        if (star > lo && star < hi)
        {
            w = std::max(w, width(star));
        }
    }
    return w >= kPi ? kPi : w + kSlack;
}

double
MaskCapAngle(double nodeRadius, double minPointRadius, double mask)
{
    if (!(nodeRadius > minPointRadius))
    {
        return kPi;
    }
    const double e = mask - kNormalTilt;
    if (e <= -0.5 * kPi)
    {
        return kPi;
    }
    const double k = std::min(1.0, minPointRadius * std::cos(e) / nodeRadius);
    const double angle = std::acos(k) - e + kSlack;
    return std::clamp(angle, 0.0, kPi);
}

double
RangeCapAngle(double nodeRadius, double minPointRadius, double maxPointRadius, double range)
{
    if (!(range < nodeRadius + maxPointRadius))
    {
        return kPi;
    }
    // cos(lambda) >= f(r) = (r^2 + R^2 - D^2) / (2 r R); the bound is the smallest f on [rmin, rmax].
    auto f = [&](double r) { return (r * r + nodeRadius * nodeRadius - range * range) / (2.0 * r * nodeRadius); };
    double fMin = std::min(f(minPointRadius), f(maxPointRadius));
    const double c2 = nodeRadius * nodeRadius - range * range;
    if (c2 > 0.0)
    {
        const double star = std::sqrt(c2);
        if (star > minPointRadius && star < maxPointRadius)
        {
            fMin = std::min(fMin, f(star));
        }
    }
    if (fMin <= -1.0)
    {
        return kPi;
    }
    if (fMin >= 1.0)
    {
        return kSlack;
    }
    return std::min(kPi, std::acos(fMin) + kSlack);
}

} // namespace sagin
