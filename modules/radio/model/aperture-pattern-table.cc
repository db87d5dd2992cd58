#include "radio/model/aperture-pattern-table.h"

#include "core/model/constants.h"

#include <cmath>
#include <stdexcept>

namespace sagin
{

AperturePatternTable::AperturePatternTable(double ka, double minRelativeLinear, double step)
    : m_ka(ka)
    , m_minRelativeLinear(minRelativeLinear)
    , m_invStep(1.0 / step)
{
    if (!(ka > 0.0) || !(step > 0.0) || !std::isfinite(ka / step) || ka / step > 1e8)
    {
        throw std::invalid_argument("aperture pattern table: k a and step must be > 0");
    }
    const auto n = static_cast<std::size_t>(std::ceil(ka / step)) + 2;
    m_r.resize(n);
    m_r[0] = 1.0;
    for (std::size_t i = 1; i < n; ++i)
    {
        const double u = static_cast<double>(i) * step;
        m_r[i] = 2.0 * std::cyl_bessel_j(1.0, u) / u;
    }
}

double
ApertureSidelobeCutRad(double ka, double levelDb)
{
    const double level = std::pow(10.0, levelDb / 10.0);
    auto bound = [](double u)
    {
        const double j = std::cyl_bessel_j(1.0, u);
        const double y = std::cyl_neumann(1.0, u);
        return 4.0 * (j * j + y * y) / (u * u);
    };
    // The bound decreases in u; it exceeds 1 below u ~ 1.3, so search from there.
    double lo = 1.0;
    double hi = ka;
    if (!(bound(hi) <= level))
    {
        return kPi / 2.0;
    }
    if (bound(lo) <= level)
    {
        return std::asin(lo / ka);
    }
    for (int it = 0; it < 100 && hi - lo > 1e-9 * hi; ++it)
    {
        const double mid = 0.5 * (lo + hi);
        (bound(mid) <= level ? hi : lo) = mid;
    }
    return std::asin(std::min(1.0, hi / ka));
}

} // namespace sagin
