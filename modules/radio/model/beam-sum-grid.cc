#include "radio/model/beam-sum-grid.h"

#include "radio/model/aperture-pattern-table.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace sagin
{

namespace
{

std::size_t
NodesPerAxis(double radius, double step)
{
    return static_cast<std::size_t>(std::ceil(2.0 * radius / step)) + 4;
}

} // namespace

std::size_t
BeamSumGrid::BytesFor(double ka, int numColours, double radius, double stepU)
{
    const double n = std::ceil(2.0 * std::min(1.0, radius) * ka / stepU) + 4.0;
    const double bytes = n * n * numColours * static_cast<double>(sizeof(float));
    return bytes < 1e18 ? static_cast<std::size_t>(bytes) : static_cast<std::size_t>(-1);
}

BeamSumGrid::BeamSumGrid(std::shared_ptr<const AperturePatternTable> table,
                         std::vector<Vec3> directions,
                         std::vector<int> colours,
                         int numColours,
                         double radius,
                         double stepU)
    : m_table(std::move(table))
    , m_directions(std::move(directions))
    , m_colours(std::move(colours))
    , m_numColours(numColours)
    , m_radius(std::min(1.0, radius))
{
    if (!m_table || !(radius > 0.0) || !(stepU > 0.0) || numColours < 1 || numColours > 4
        || m_directions.size() != m_colours.size()
        || std::any_of(m_colours.begin(),
                       m_colours.end(),
                       [&](int c)
                       {
                           return c < 0 || c >= numColours;
                       }))
    {
        throw std::invalid_argument("beam sum grid: radius and step must be > 0, 1-4 colours");
    }
    const AperturePatternTable& t = *m_table;
    m_step = stepU / t.Ka();
    m_invStep = t.Ka() / stepU;
    m_n = NodesPerAxis(m_radius, m_step);
    m_origin = -m_radius - m_step;
    // A lookup interpolates between the 4 x 4 nodes around it, all within 2 sqrt(2) steps of it:
    // accept only directions whose nodes lie wholly inside the unit disc.
    const double accept = std::min(m_radius, 1.0) - 3.0 * m_step;
    m_acceptRadius2 = accept > 0.0 ? accept * accept : -1.0;
    // A direction at sin(theta) = r from the axis is less than 90 deg off every beam when
    // theta + (the largest beam's angle off the axis) < 90 deg, i.e. r < cos(that angle).
    double minZ = 1.0;
    for (const Vec3& d : m_directions)
    {
        minZ = std::min(minZ, d.z);
    }
    const double front = minZ > 0.0 ? minZ - 1e-9 : -1.0;
    std::vector<std::size_t> order(m_directions.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(),
                     order.end(),
                     [&](std::size_t x, std::size_t y)
                     {
                         return m_directions[x].z < m_directions[y].z;
                     });
    for (std::size_t k : order)
    {
        m_outerX.push_back(m_directions[k].x);
        m_outerY.push_back(m_directions[k].y);
        m_outerZ.push_back(m_directions[k].z);
        m_outerColour.push_back(m_colours[k]);
    }
    m_frontRadius2 = front > 0.0 ? front * front : -1.0;

    const std::size_t nc = static_cast<std::size_t>(numColours);
    m_sums.assign(m_n * m_n * nc, 0.0F);
    std::vector<double> sum(nc);
    const double ka = t.Ka();
    for (std::size_t j = 0; j < m_n; ++j)
    {
        const double b = m_origin + static_cast<double>(j) * m_step;
        for (std::size_t i = 0; i < m_n; ++i)
        {
            const double a = m_origin + static_cast<double>(i) * m_step;
            const double c2 = 1.0 - a * a - b * b;
            if (!(c2 > 0.0))
            {
                continue; // never interpolated (outside the accepted disc)
            }
            const double c = std::sqrt(c2);
            std::fill(sum.begin(), sum.end(), 0.0);
            for (std::size_t k = 0; k < m_directions.size(); ++k)
            {
                const Vec3& d = m_directions[k];
                const double cosTheta = a * d.x + b * d.y + c * d.z;
                const double s2 = 1.0 - cosTheta * cosTheta;
                sum[static_cast<std::size_t>(m_colours[k])]
                    += t.RelativeGainLinearU(s2 > 0.0 ? ka * std::sqrt(s2) : 0.0);
            }
            float* out = &m_sums[(j * m_n + i) * nc];
            for (std::size_t k = 0; k < nc; ++k)
            {
                out[k] = static_cast<float>(sum[k]);
            }
        }
    }
}

void
BeamSumGrid::BeyondNinety(double a, double b, double c, double sum[4]) const
{
    const AperturePatternTable& t = *m_table;
    const double r = std::sqrt(a * a + b * b);
    const std::size_t n = m_outerZ.size();
    for (std::size_t k = 0; k < n && m_outerZ[k] <= r; ++k)
    {
        const double cosTheta = a * m_outerX[k] + b * m_outerY[k] + c * m_outerZ[k];
        if (cosTheta > 0.0)
        {
            continue;
        }
        const double s2 = 1.0 - cosTheta * cosTheta;
        sum[m_outerColour[k]] += t.MinRelativeLinear()
                                 - t.RelativeGainLinearU(s2 > 0.0 ? t.Ka() * std::sqrt(s2) : 0.0);
    }
}

} // namespace sagin
