#include "core/model/point-index.h"

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

/// acos(x) to within 2e-8 rad (Abramowitz and Stegun 4.4.45), several times faster than the
/// library's; the index adds kSlack (1e-6 rad) to every width, far more than this error.
double
FastAcos(double x)
{
    const double ax = std::fabs(x);
    const double p
        = 1.5707963050
          + ax
                * (-0.2145988016
                   + ax
                         * (0.0889789874
                            + ax
                                  * (-0.0501743046
                                     + ax
                                           * (0.0308918810
                                              + ax
                                                    * (-0.0170881256
                                                       + ax
                                                             * (0.0066700901
                                                                + ax * -0.0012624911))))));
    const double r = std::sqrt(1.0 - ax) * p;
    return x >= 0.0 ? r : kPi - r;
}

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
    m_edgeLat.resize(bins + 1);
    m_edgeSin.resize(bins + 1);
    m_edgeCos.resize(bins + 1);
    for (int e = 0; e <= bins; ++e)
    {
        m_edgeLat[e] = e == bins ? 0.5 * kPi : -0.5 * kPi + e * m_binHeight;
        m_edgeSin[e] = std::sin(m_edgeLat[e]);
        m_edgeCos[e] = e == 0 || e == bins ? 0.0 : std::cos(m_edgeLat[e]);
    }
    std::vector<int> bin(n);
    std::vector<double> lon(n);
    m_minRadius = n > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    m_maxRadius = 0.0;
    for (int i = 0; i < n; ++i)
    {
        const double lat = GeocentricLat(ecef[i]);
        bin[i] = std::clamp(
            static_cast<int>(std::floor((lat + 0.5 * kPi) / m_binHeight)), 0, bins - 1);
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
    std::stable_sort(m_order.begin(),
                     m_order.end(),
                     [&](int a, int b)
                     {
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
        cap.whole = true;
        cap.binLow = 0;
        cap.binHigh = bins - 1;
        return cap;
    }
    cap.sinLat = std::sin(cap.lat);
    cap.cosLat = std::cos(cap.lat);
    cap.cosAngle = std::cos(angle);
    cap.latLow = cap.lat - angle;
    cap.latHigh = cap.lat + angle;
    auto binOf = [&](double lat)
    {
        return std::clamp(
            static_cast<int>(std::floor((lat + 0.5 * kPi) / m_binHeight)), 0, bins - 1);
    };
    cap.binLow = binOf(std::max(cap.latLow, -0.5 * kPi));
    cap.binHigh = binOf(std::min(cap.latHigh, 0.5 * kPi));
    // The cap is widest where a meridian touches it: sin(phi*) = sin(lat) / cos(angle), with
    // half-width asin(sin(angle) / cos(lat)) there.
    cap.widest = -10.0;
    if (cap.cosAngle > 0.0 && std::fabs(cap.sinLat) < cap.cosAngle && cap.cosLat > 0.0)
    {
        cap.widest = std::asin(cap.sinLat / cap.cosAngle);
        cap.widestHalf = std::asin(std::min(1.0, std::sin(angle) / cap.cosLat));
    }
    return cap;
}

double
PointIndex::EdgeHalfWidth(const IndexCap& cap, int e) const
{
    const double phi = m_edgeLat[e];
    if (phi < cap.latLow || phi > cap.latHigh)
    {
        return -1.0;
    }
    // cos(w) = (cos A - sin phi sin phi0) / (cos phi cos phi0).
    const double c = m_edgeCos[e] * cap.cosLat;
    if (c < 1e-12)
    {
        return kPi;
    }
    const double arg = (cap.cosAngle - m_edgeSin[e] * cap.sinLat) / c;
    return arg <= -1.0 ? kPi : (arg >= 1.0 ? 0.0 : FastAcos(arg));
}

int
PointIndex::LowerBound(int begin, int end, double lon) const
{
    const int n = end - begin;
    if (n <= 0 || lon <= m_lon[begin])
    {
        return begin;
    }
    if (lon > m_lon[end - 1])
    {
        return end;
    }
    const double first = m_lon[begin];
    const double span = m_lon[end - 1] - first;
    int g = begin + static_cast<int>((lon - first) / span * (n - 1));
    g = std::clamp(g, begin + 1, end - 1);
    for (int steps = 0; steps < 8; ++steps)
    {
        if (m_lon[g - 1] >= lon)
        {
            --g; // g > begin: m_lon[begin] < lon
        }
        else if (m_lon[g] < lon)
        {
            ++g; // g < end: m_lon[end - 1] >= lon
        }
        else
        {
            return g;
        }
    }
    return static_cast<int>(std::lower_bound(m_lon.begin() + begin, m_lon.begin() + end, lon)
                            - m_lon.begin());
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
    // cos(lambda) >= f(r) = (r^2 + R^2 - D^2) / (2 r R); the bound is the smallest f on [rmin,
    // rmax].
    auto f = [&](double r)
    {
        return (r * r + nodeRadius * nodeRadius - range * range) / (2.0 * r * nodeRadius);
    };
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
