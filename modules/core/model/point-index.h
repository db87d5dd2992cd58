// A spatial index of coverage points for footprint queries: points sorted into bins of
// geocentric latitude and, inside a bin, by longitude. A query by a spherical cap (centre
// direction and central angle) visits the bins the cap's latitude range crosses and, in each,
// only the longitudes within the cap's widest extent over that bin: every point inside the cap
// is visited, plus a few just outside it (the caller's predicate decides).
#ifndef SAGIN_CORE_POINT_INDEX_H
#define SAGIN_CORE_POINT_INDEX_H

#include "core/model/vec3.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sagin
{

/// A spherical cap around a geocentric direction, with what queries need precomputed.
struct IndexCap
{
    double lat = 0.0;   ///< geocentric latitude of the centre (rad)
    double lon = 0.0;   ///< longitude of the centre (rad), in [-pi, pi]
    double angle = 0.0; ///< central angle (rad); >= pi: the whole sphere
    double sinLat = 0.0;
    double cosLat = 1.0;
    double cosAngle = 1.0;
    double latLow = 0.0;     ///< lat - angle (rad)
    double latHigh = 0.0;    ///< lat + angle (rad)
    double widest = -1.0;    ///< latitude where a meridian touches the cap, or < -pi/2 when none
    double widestHalf = 0.0; ///< the cap's longitude half-width there (rad)
    bool whole = false;      ///< every point
    int binLow = 0;          ///< first bin the cap's latitude range crosses
    int binHigh = -1;        ///< last bin (binHigh < binLow: empty)
};

class PointIndex
{
  public:
    PointIndex() = default;
    /// Indexes points given in ECEF (m).
    explicit PointIndex(const std::vector<Vec3>& ecef);

    /// Sorted position -> index of the point in the constructor's vector.
    const std::vector<int>& Order() const
    {
        return m_order;
    }

    int Bins() const
    {
        return static_cast<int>(m_binStart.size()) - 1;
    }

    /// Sorted positions of bin b: [BinBegin(b), BinBegin(b + 1)).
    int BinBegin(int b) const
    {
        return m_binStart[b];
    }

    /// Smallest and largest distance of a point from the Earth's centre (m).
    double MinRadius() const
    {
        return m_minRadius;
    }

    double MaxRadius() const
    {
        return m_maxRadius;
    }

    /// The cap of central angle `angle` (rad) around the direction of `centre` (ECEF, any length).
    IndexCap MakeCap(const Vec3& centre, double angle) const;

    /// Calls fn(k) for the sorted positions k of bins [b0, b1) that may lie inside the cap, each
    /// once, in increasing order within a bin's longitude range.
    template <class F>
    void ForEachInCap(const IndexCap& cap, int b0, int b1, F&& fn) const
    {
        b0 = std::max(b0, cap.binLow);
        b1 = std::min(b1, cap.binHigh + 1);
        if (b0 >= b1)
        {
            return;
        }
        if (cap.whole)
        {
            for (int k = m_binStart[b0]; k < m_binStart[b1]; ++k)
            {
                fn(k);
            }
            return;
        }
        double below = EdgeHalfWidth(cap, b0); // the half-width at the bin's lower edge
        for (int b = b0; b < b1; ++b)
        {
            const double above = EdgeHalfWidth(cap, b + 1);
            double half = std::max(below, above);
            if (cap.widest > m_edgeLat[b] && cap.widest < m_edgeLat[b + 1])
            {
                half = std::max(half, cap.widestHalf);
            }
            below = above;
            const int begin = m_binStart[b];
            const int end = m_binStart[b + 1];
            if (begin == end)
            {
                continue;
            }
            if (half >= kPiIndex)
            {
                for (int k = begin; k < end; ++k)
                {
                    fn(k);
                }
                continue;
            }
            half += kSlackIndex;
            // Longitudes are in [-pi, pi): the interval may wrap around the antimeridian.
            double lo = cap.lon - half;
            double hi = cap.lon + half;
            if (lo < -kPiIndex)
            {
                Visit(begin, end, lo + 2.0 * kPiIndex, kPiIndex, fn);
                lo = -kPiIndex;
            }
            if (hi >= kPiIndex)
            {
                Visit(begin, end, -kPiIndex, hi - 2.0 * kPiIndex, fn);
                hi = kPiIndex;
            }
            Visit(begin, end, lo, hi, fn);
        }
    }

  private:
    static constexpr double kPiIndex = 3.14159265358979323846;
    static constexpr double kSlackIndex = 1e-6;

    /// Visits the points of [begin, end) with longitude in [lo, hi].
    template <class F>
    void Visit(int begin, int end, double lo, double hi, F& fn) const
    {
        for (int k = LowerBound(begin, end, lo); k < end && m_lon[k] <= hi; ++k)
        {
            fn(k);
        }
    }

    /// First position of [begin, end) with longitude >= lon: a guess from the bin's (roughly
    /// even) spacing, corrected by a few steps or a binary search.
    int LowerBound(int begin, int end, double lon) const;

    /// The cap's longitude half-width (rad) at the latitude of bin edge e: -1 outside the cap's
    /// latitude range, pi when the whole parallel is inside.
    double EdgeHalfWidth(const IndexCap& cap, int e) const;

    double m_binHeight = 0.0;      ///< rad
    std::vector<int> m_binStart;   ///< Bins() + 1 entries
    std::vector<double> m_edgeLat; ///< latitude of bin edges (rad), Bins() + 1 entries
    std::vector<double> m_edgeSin;
    std::vector<double> m_edgeCos;
    std::vector<int> m_order;
    std::vector<double> m_lon; ///< by sorted position (rad)
    double m_minRadius = 0.0;
    double m_maxRadius = 0.0;
};

/// The largest central angle (rad) between a node at distance `nodeRadius` from the Earth's
/// centre and a point at distance >= `minPointRadius` that sees it at a geodetic elevation of at
/// least `mask` (rad). The geodetic normal is within 0.2 deg of the radial direction on WGS84,
/// so the geocentric elevation is at least mask - 0.2 deg; the spherical-Earth relation
/// lambda = acos(r cos(e) / R) - e then bounds the angle (it grows as r shrinks). Returns pi
/// when nothing can be excluded.
double MaskCapAngle(double nodeRadius, double minPointRadius, double mask);

/// The largest central angle (rad) between a node at distance `nodeRadius` and a point at a
/// distance in [minPointRadius, maxPointRadius] from the Earth's centre that are at most `range`
/// (m) apart.
double RangeCapAngle(double nodeRadius, double minPointRadius, double maxPointRadius, double range);

} // namespace sagin

#endif
