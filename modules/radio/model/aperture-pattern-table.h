// The circular-aperture (Bessel) pattern of modules/link tabulated for sums over many beams:
// r(u) = 2 J1(u) / u on a uniform grid of u = k a sin(theta), interpolated linearly and squared,
// so G / G_max = r(u)^2 exactly as CircularApertureAntenna::RelativeGainLinear (not clamped) up to
// the interpolation error. Interpolating r, which crosses zero at the pattern's nulls with a
// non-zero slope, rather than r^2 keeps the relative error small right up to the nulls. With the
// default step (0.01 in u) the tabulated gain is within 0.01 dB of the Bessel form wherever the
// pattern is above -40 dB relative in its main lobe and first sidelobes (tested at many points).
// Const and thread-safe; about 4 ns per lookup instead of about 300 ns for std::cyl_bessel_j.
#ifndef SAGIN_RADIO_APERTURE_PATTERN_TABLE_H
#define SAGIN_RADIO_APERTURE_PATTERN_TABLE_H

#include <cmath>
#include <vector>

namespace sagin
{

class AperturePatternTable
{
  public:
    /// Step of the default table in u = k a sin(theta).
    static constexpr double kDefaultStep = 0.01;

    /// `ka` = k a (2 pi f / c x aperture radius), > 0; `minRelativeLinear`: the relative gain at
    /// and beyond 90 deg off boresight (CircularApertureAntenna's G_min - G_max, as a ratio).
    AperturePatternTable(double ka, double minRelativeLinear, double step = kDefaultStep);

    /// Relative gain (ratio, <= 1) at u = k a sin(theta) for theta < 90 deg, u in [0, k a].
    double RelativeGainLinearU(double u) const
    {
        const double x = u * m_invStep;
        const auto i = static_cast<std::size_t>(x);
        const double f = x - static_cast<double>(i);
        const double r = m_r[i] + f * (m_r[i + 1] - m_r[i]);
        return r * r;
    }

    /// Relative gain (ratio) at the angle whose cosine is `cosTheta` (the dot product of two unit
    /// vectors): G_min - G_max at and beyond 90 deg.
    double RelativeGainLinearFromCos(double cosTheta) const
    {
        if (!(cosTheta > 0.0))
        {
            return m_minRelativeLinear;
        }
        const double s2 = 1.0 - cosTheta * cosTheta;
        return RelativeGainLinearU(s2 > 0.0 ? m_ka * std::sqrt(s2) : 0.0);
    }

    double Ka() const
    {
        return m_ka;
    }
    /// The relative gain at and beyond 90 deg off boresight.
    double MinRelativeLinear() const
    {
        return m_minRelativeLinear;
    }

  private:
    double m_ka;
    double m_minRelativeLinear;
    double m_invStep;
    std::vector<double> m_r; ///< 2 J1(u) / u at u = i x step, i = 0 .. ceil(ka / step) + 1
};

/// Off-boresight angle (rad) beyond which the circular-aperture pattern of `ka` stays below
/// `levelDb` (< 0) relative to boresight: the smallest theta with 4 M1(u)^2 / u^2 <= 10^(level/10)
/// for u = k a sin(theta), M1 = sqrt(J1^2 + Y1^2) the modulus of the Hankel function, a decreasing
/// upper bound of |J1| (so every sidelobe beyond it is lower). pi / 2 when the bound is never
/// reached before 90 deg.
double ApertureSidelobeCutRad(double ka, double levelDb);

} // namespace sagin

#endif
