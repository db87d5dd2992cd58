// Spherical-triangle areas for reference computations in tests, by L'Huilier's theorem (written
// out here, independent of the product's Van Oosterom-Strackee solid angles).
#ifndef SAGIN_TESTS_COMMON_SPHERICAL_TRIANGLE_H
#define SAGIN_TESTS_COMMON_SPHERICAL_TRIANGLE_H

#include <cmath>

namespace sagin::test
{

/// Spherical excess (sr on the unit sphere) of the triangle with sides a, b, c (rad).
inline double
LHuilierExcess(double a, double b, double c)
{
    const double s = (a + b + c) / 2.0;
    const double t = std::tan(s / 2.0) * std::tan((s - a) / 2.0) * std::tan((s - b) / 2.0)
                     * std::tan((s - c) / 2.0);
    return 4.0 * std::atan(std::sqrt(t));
}

/// Area (m^2, sphere of radius r) of the nadir cell of a hexagonal beam grid with adjacent-beam
/// spacing `spacingRad` seen from altitude h: six isosceles triangles from the nadir point, the
/// corners at UV distance sin(spacing) / sqrt(3), i.e. theta = asin(sin(spacing) / sqrt(3)) off
/// nadir, at Earth-central angle gamma = asin((r + h) / r sin theta) - theta; the base between
/// two corners 60 deg apart by the spherical law of cosines.
inline double
NadirHexCellAreaM2(double spacingRad, double h, double r)
{
    const double pi = 3.14159265358979323846;
    const double theta = std::asin(std::sin(spacingRad) / std::sqrt(3.0));
    const double gamma = std::asin((r + h) / r * std::sin(theta)) - theta;
    const double base = std::acos(std::cos(gamma) * std::cos(gamma)
                                  + std::sin(gamma) * std::sin(gamma) * std::cos(pi / 3.0));
    return 6.0 * LHuilierExcess(gamma, gamma, base) * r * r;
}

} // namespace sagin::test

#endif
