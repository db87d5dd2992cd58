// Physical and geodetic constants shared by every module. Sources in docs/models.md#constants.
#ifndef SAGIN_CORE_CONSTANTS_H
#define SAGIN_CORE_CONSTANTS_H

namespace sagin
{

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPi = 2.0 * kPi;
constexpr double kDegToRad = kPi / 180.0;
constexpr double kRadToDeg = 180.0 / kPi;

/// Speed of light in vacuum (m/s), exact (SI).
constexpr double kSpeedOfLight = 299792458.0;

/// WGS84 ellipsoid: semi-major axis (m) and flattening.
constexpr double kWgs84A = 6378137.0;
constexpr double kWgs84F = 1.0 / 298.257223563;

/// Earth gravitational parameter (m^3/s^2), EGM96 / WGS84 (Vallado 2006, Table 3).
constexpr double kEarthMu = 3.986004418e14;

/// Second zonal harmonic J2 (EGM2008) used by the Walker-shell secular drift.
constexpr double kEarthJ2 = 1.08262668e-3;

/// Mean radius used by 3GPP TR 38.811 for slant ranges (m).
constexpr double kEarthMeanRadius3gpp = 6371000.0;

/// Earth rotation rate relative to the mean equinox of date (rad/s): d(GMST)/dt per UT1 second,
/// 2 pi * 1.002737909350795 / 86400 (Aoki et al. 1982). Used for the Earth-fixed velocity term.
constexpr double kEarthRotationRate = 7.2921158553e-5;

/// Geostationary altitude above the equatorial radius (km): radius (GM T_sidereal^2 / 4 pi^2)^(1/3)
/// = 42164.17 km with T_sidereal = 86164.0905 s, minus 6378.137 km (docs/models.md#constants).
constexpr double kGeoAltitudeKm = 35786.03;

/// Boltzmann's constant in dBW/K/Hz (10 log10 1.380649e-23).
constexpr double kBoltzmannDbW = -228.5991672;

} // namespace sagin

#endif
