// Rain attenuation on an Earth-space path:
//   - ITU-R P.838-3 specific attenuation gamma_R = k R^alpha, with k and alpha from the
//     Recommendation's curve fits (Tables 1-4, shipped in data/itu-r-p838-3-coefficients.csv)
//     combined for path elevation theta and polarisation tilt tau (P.838-3 eqs. 4 and 5);
//   - rain height h_R = h_0 + 0.36 km (ITU-R P.839-4) when the mean 0 degC isotherm height h_0 is
//     given; P.839-4 defines h_0 only through its digital map, which is not shipped, so without
//     h_0 the latitude model of the superseded Rec. ITU-R P.839-1 is used for h_R (see
//     RainHeightFromLatitudeKm);
//   - ITU-R P.618-13 section 2.2.1.1 steps 1-10 (slant length L_s, horizontal projection L_G,
//     horizontal reduction r_0.01, vertical adjustment v_0.01, effective length L_E, A_0.01, and
//     the scaling to the exceedance percentage p in [0.001, 5] %).
// Pure functions of their inputs; thread-safe.
#ifndef SAGIN_LINK_RAIN_ATTENUATION_H
#define SAGIN_LINK_RAIN_ATTENUATION_H

#include <limits>

namespace sagin
{

/// Inputs of the P.618 rain method besides frequency and elevation.
struct RainParameters
{
    double rainRate001MmH = 0.0;       ///< R_0.01, rain rate exceeded 0.01 % of an average year
    double latitudeDeg = 0.0;          ///< earth-station latitude
    double stationHeightKm = 0.0;      ///< earth-station height above mean sea level, h_s
    double polarizationTiltDeg = 45.0; ///< tau; 45 for circular polarisation
    double exceedancePercent = 0.01;   ///< p = 100 - availability, in [0.001, 5]
    /// Mean annual 0 degC isotherm height h_0 above mean sea level (km), e.g. read from the
    /// P.839-4 map; NaN selects the latitude model.
    double isothermHeightKm = std::numeric_limits<double>::quiet_NaN();
    /// Time series instead of the percentile (LinkBudget::RainFadeAt; Compute ignores both):
    /// P_rain (%) of the place, NaN (default) for the attenuation exceeded exceedancePercent of
    /// the time; with it, `rainDeviate` is the site's rain process X(t) now and the attenuation
    /// is RainFadeSeries::AttenuationDb of the link's own fit (rain-fade-series.h).
    double rainProbabilityPercent = std::numeric_limits<double>::quiet_NaN();
    double rainDeviate = std::numeric_limits<double>::quiet_NaN();
};

/// Every intermediate value of the method, for tests and for `sagin linkbudget`.
struct RainTerms
{
    double k = 0.0;
    double alpha = 0.0;
    double gammaDbPerKm = 0.0;       ///< specific attenuation gamma_R
    double rainHeightKm = 0.0;       ///< h_R
    double slantLengthKm = 0.0;      ///< L_s
    double horizontalLengthKm = 0.0; ///< L_G
    double r001 = 0.0;               ///< horizontal reduction factor r_0.01
    double zetaDeg = 0.0;            ///< zeta of step 7
    double rainPathLengthKm = 0.0;   ///< L_R
    double chiDeg = 0.0;             ///< chi of step 7
    double v001 = 0.0;               ///< vertical adjustment factor v_0.01
    double effectiveLengthKm = 0.0;  ///< L_E
    double a001Db = 0.0;             ///< A_0.01
    double beta = 0.0;               ///< beta of step 10
    double attenuationDb = 0.0;      ///< A_p at the asked exceedance
};

class RainAttenuation
{
  public:
    /// k and alpha for horizontal (H) or vertical (V) polarisation at `frequencyGHz`.
    static void Coefficients(
        double frequencyGHz, double& kH, double& alphaH, double& kV, double& alphaV);

    /// k and alpha for path elevation `elevationDeg` and tilt `tiltDeg` (P.838-3 eqs. 4, 5).
    static void PathCoefficients(
        double frequencyGHz, double elevationDeg, double tiltDeg, double& k, double& alpha);

    /// Rain height (km above mean sea level) from latitude (Rec. ITU-R P.839-1, superseded):
    /// 5 - 0.075 (lat - 23) for lat > 23; 5 for -21 <= lat <= 23;
    /// 5 + 0.1 (lat + 21) for -71 <= lat < -21; 0 below -71 deg.
    static double RainHeightFromLatitudeKm(double latitudeDeg);

    /// The full P.618-13 section 2.2.1.1 computation. `elevationDeg` must be > 0.
    /// Throws std::invalid_argument for an exceedance outside [0.001, 5] % or a frequency
    /// outside [1, 1000] GHz.
    static RainTerms Compute(double frequencyGHz, double elevationDeg, const RainParameters& p);
};

} // namespace sagin

#endif
