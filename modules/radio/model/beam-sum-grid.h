// Every beam's relative gain summed per reuse colour, tabulated over the direction of a terminal
// in the payload's own frame: the interference a multi-beam satellite (or HAPS) adds at a point
// it does not serve, in one bilinear lookup instead of a sum over its beams. Earth-moving beams
// are fixed in the satellite's frame, so one grid serves every satellite of a shell. Built from
// the same tabulated pattern (AperturePatternTable) the exact sum uses; the coverage engine uses
// it for the points a satellite only interferes with (docs/models.md#interference-grid).
#ifndef SAGIN_RADIO_BEAM_SUM_GRID_H
#define SAGIN_RADIO_BEAM_SUM_GRID_H

#include "core/model/vec3.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace sagin
{

class AperturePatternTable;

class BeamSumGrid
{
  public:
    /// Step of the default grid in u = k a sin(theta) (the table's variable): 0.1, about one
    /// thirtieth of the main lobe's null-to-null width.
    static constexpr double kDefaultStepU = 0.1;

    /// Tabulates per colour the sum over the beams of the pattern's front-hemisphere form
    /// (`table`'s 2 J1(u) / u squared at u = k a sin(theta), continued smoothly beyond 90 deg)
    /// over the antenna-frame direction cosines (a, b) in [-radius, radius]^2 (radius <= 1; nodes
    /// outside the unit disc are not used), for beams of unit boresights `directions` (antenna
    /// frame, z = pointing axis) and colours `colours` (0 .. numColours - 1), on a step of
    /// stepU / k a. A lookup replaces the form by the table's floor for every beam 90 deg or more
    /// off the direction, as AperturePatternTable::RelativeGainLinearFromCos does, so the grid
    /// interpolates a smooth function and the pattern's step at 90 deg stays exact.
    BeamSumGrid(std::shared_ptr<const AperturePatternTable> table,
                std::vector<Vec3> directions,
                std::vector<int> colours,
                int numColours,
                double radius,
                double stepU = kDefaultStepU);

    /// Number of bytes a grid of these parameters would hold (to decide before building it).
    static std::size_t BytesFor(double ka, int numColours, double radius, double stepU);

    /// The per-colour sums at the antenna-frame direction (a, b, c) (unit), interpolated
    /// bicubically (Catmull-Rom) between the 4 x 4 nearest nodes: false, and `out` untouched, when
    /// the direction lies behind the antenna (c <= 0) or outside the grid.
    bool Lookup(double a, double b, double c, double out[4]) const
    {
        if (!(c > 0.0) || a * a + b * b > m_acceptRadius2)
        {
            return false;
        }
        const double x = (a - m_origin) * m_invStep;
        const double y = (b - m_origin) * m_invStep;
        const auto i = static_cast<std::size_t>(x);
        const auto j = static_cast<std::size_t>(y);
        if (i < 1 || j < 1 || i + 2 >= m_n || j + 2 >= m_n)
        {
            return false;
        }
        double wx[4];
        double wy[4];
        CatmullRomWeights(x - static_cast<double>(i), wx);
        CatmullRomWeights(y - static_cast<double>(j), wy);
        const std::size_t nc = static_cast<std::size_t>(m_numColours);
        double sum[4] = {0.0, 0.0, 0.0, 0.0};
        for (std::size_t r = 0; r < 4; ++r)
        {
            const float* row = &m_sums[((j - 1 + r) * m_n + i - 1) * nc];
            for (std::size_t k = 0; k < nc; ++k)
            {
                const double v = wx[0] * row[k] + wx[1] * row[nc + k] + wx[2] * row[2 * nc + k]
                                 + wx[3] * row[3 * nc + k];
                sum[k] += wy[r] * v;
            }
        }
        for (std::size_t k = nc; k < 4; ++k)
        {
            sum[k] = 0.0;
        }
        if (a * a + b * b > m_frontRadius2)
        {
            BeyondNinety(a, b, c, sum); // some beam may lie 90 deg or more off (a, b, c)
        }
        for (std::size_t k = 0; k < 4; ++k)
        {
            out[k] = std::max(0.0, sum[k]);
        }
        return true;
    }

    std::size_t Bytes() const
    {
        return m_sums.size() * sizeof(float);
    }

  private:
    /// Catmull-Rom weights of the nodes -1, 0, 1, 2 at fraction t in [0, 1) between 0 and 1.
    static void CatmullRomWeights(double t, double w[4])
    {
        const double t2 = t * t;
        const double t3 = t2 * t;
        w[0] = 0.5 * (-t3 + 2.0 * t2 - t);
        w[1] = 0.5 * (3.0 * t3 - 5.0 * t2 + 2.0);
        w[2] = 0.5 * (-3.0 * t3 + 4.0 * t2 + t);
        w[3] = 0.5 * (t3 - t2);
    }

    /// Replaces the smooth form by the floor for each beam at 90 deg or more off (a, b, c).
    void BeyondNinety(double a, double b, double c, double sum[4]) const;

    std::shared_ptr<const AperturePatternTable> m_table;
    std::vector<Vec3> m_directions;
    std::vector<int> m_colours;
    // The beams by increasing z (farthest off the axis first), as flat arrays for BeyondNinety:
    // a beam can lie 90 deg or more off a direction at sin(theta) = r only when its z <= r.
    std::vector<double> m_outerX;
    std::vector<double> m_outerY;
    std::vector<double> m_outerZ;
    std::vector<int> m_outerColour;
    double m_frontRadius2; ///< within it every beam is less than 90 deg off a direction
    int m_numColours;
    double m_radius;
    double m_origin; ///< a (and b) of node 0: one step outside -radius
    double m_step;
    double m_invStep;
    double m_acceptRadius2; ///< directions whose four nodes all lie in the unit disc and grid
    std::size_t m_n;        ///< nodes per axis
    std::vector<float> m_sums;
};

} // namespace sagin

#endif
