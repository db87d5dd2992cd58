#include "link/model/rain-attenuation.h"

#include "core/model/constants.h"
#include "link/model/link-data.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace sagin
{

namespace
{

/// One P.838-3 curve fit: gaussian terms plus a linear term in log10 f.
struct CurveFit
{
    std::vector<double> a;
    std::vector<double> b;
    std::vector<double> c;
    double m = 0.0;
    double c0 = 0.0;

    double Evaluate(double log10f) const
    {
        double s = m * log10f + c0;
        for (std::size_t j = 0; j < a.size(); ++j)
        {
            double x = (log10f - b[j]) / c[j];
            s += a[j] * std::exp(-x * x);
        }
        return s;
    }
};

struct P838Tables
{
    CurveFit kH;
    CurveFit kV;
    CurveFit alphaH;
    CurveFit alphaV;
};

const P838Tables&
Tables()
{
    static const P838Tables tables = []
    {
        P838Tables t;
        auto rows = ParseCsv(LinkData("itu-r-p838-3-coefficients.csv"));
        for (std::size_t i = 1; i < rows.size(); ++i) // row 0 is the header
        {
            const auto& r = rows[i];
            if (r.size() < 4)
            {
                throw std::runtime_error("itu-r-p838-3-coefficients.csv: bad row");
            }
            CurveFit* fit = r[0] == "kH"       ? &t.kH
                            : r[0] == "kV"     ? &t.kV
                            : r[0] == "alphaH" ? &t.alphaH
                            : r[0] == "alphaV" ? &t.alphaV
                                               : nullptr;
            if (!fit)
            {
                throw std::runtime_error("itu-r-p838-3-coefficients.csv: unknown " + r[0]);
            }
            if (r[1] == "gauss")
            {
                fit->a.push_back(std::stod(r[2]));
                fit->b.push_back(std::stod(r[3]));
                fit->c.push_back(std::stod(r[4]));
            }
            else
            {
                fit->m = std::stod(r[2]);
                fit->c0 = std::stod(r[3]);
            }
        }
        return t;
    }();
    return tables;
}

} // namespace

void
RainAttenuation::Coefficients(
    double frequencyGHz, double& kH, double& alphaH, double& kV, double& alphaV)
{
    const P838Tables& t = Tables();
    double lf = std::log10(frequencyGHz);
    kH = std::pow(10.0, t.kH.Evaluate(lf));
    kV = std::pow(10.0, t.kV.Evaluate(lf));
    alphaH = t.alphaH.Evaluate(lf);
    alphaV = t.alphaV.Evaluate(lf);
}

void
RainAttenuation::PathCoefficients(
    double frequencyGHz, double elevationDeg, double tiltDeg, double& k, double& alpha)
{
    double kH;
    double kV;
    double aH;
    double aV;
    Coefficients(frequencyGHz, kH, aH, kV, aV);
    double c = std::cos(elevationDeg * kDegToRad);
    double w = c * c * std::cos(2.0 * tiltDeg * kDegToRad);
    k = (kH + kV + (kH - kV) * w) / 2.0;
    alpha = (kH * aH + kV * aV + (kH * aH - kV * aV) * w) / (2.0 * k);
}

double
RainAttenuation::RainHeightFromLatitudeKm(double latitudeDeg)
{
    if (latitudeDeg > 23.0)
    {
        return 5.0 - 0.075 * (latitudeDeg - 23.0);
    }
    if (latitudeDeg >= -21.0)
    {
        return 5.0;
    }
    if (latitudeDeg >= -71.0)
    {
        return 5.0 + 0.1 * (latitudeDeg + 21.0);
    }
    return 0.0;
}

RainTerms
RainAttenuation::Compute(double frequencyGHz, double elevationDeg, const RainParameters& p)
{
    if (!(frequencyGHz >= 1.0 && frequencyGHz <= 1000.0))
    {
        throw std::invalid_argument("ITU-R P.838-3: frequency " + std::to_string(frequencyGHz)
                                    + " GHz outside [1, 1000] GHz");
    }
    if (!(p.exceedancePercent >= 0.001 && p.exceedancePercent <= 5.0))
    {
        throw std::invalid_argument("ITU-R P.618-13: exceedance "
                                    + std::to_string(p.exceedancePercent)
                                    + " % outside [0.001, 5] % (availability 95-99.999 %)");
    }
    if (!(elevationDeg > 0.0))
    {
        throw std::invalid_argument("ITU-R P.618-13: elevation must be above 0 deg");
    }
    RainTerms t;
    const double theta = elevationDeg * kDegToRad;
    const double sinT = std::sin(theta);
    const double f = frequencyGHz;
    const double phi = std::fabs(p.latitudeDeg);

    // Step 1: rain height.
    t.rainHeightKm = std::isnan(p.isothermHeightKm) ? RainHeightFromLatitudeKm(p.latitudeDeg)
                                                    : p.isothermHeightKm + 0.36;
    double dh = t.rainHeightKm - p.stationHeightKm;
    PathCoefficients(f, elevationDeg, p.polarizationTiltDeg, t.k, t.alpha);
    if (dh <= 0.0 || p.rainRate001MmH <= 0.0)
    {
        t.gammaDbPerKm = p.rainRate001MmH > 0.0 ? t.k * std::pow(p.rainRate001MmH, t.alpha) : 0.0;
        return t; // no rain on the path: A = 0
    }
    // Step 2: slant-path length below the rain height (R_e = 8500 km effective Earth radius).
    if (elevationDeg >= 5.0)
    {
        t.slantLengthKm = dh / sinT;
    }
    else
    {
        const double re = 8500.0;
        t.slantLengthKm = 2.0 * dh / (std::sqrt(sinT * sinT + 2.0 * dh / re) + sinT);
    }
    // Step 3: horizontal projection.
    t.horizontalLengthKm = t.slantLengthKm * std::cos(theta);
    // Step 5: specific attenuation.
    t.gammaDbPerKm = t.k * std::pow(p.rainRate001MmH, t.alpha);
    // Step 6: horizontal reduction factor.
    const double lg = t.horizontalLengthKm;
    t.r001
        = 1.0
          / (1.0 + 0.78 * std::sqrt(lg * t.gammaDbPerKm / f) - 0.38 * (1.0 - std::exp(-2.0 * lg)));
    // Step 7: vertical adjustment factor.
    t.zetaDeg = std::atan2(dh, lg * t.r001) * kRadToDeg;
    t.rainPathLengthKm = (t.zetaDeg > elevationDeg) ? lg * t.r001 / std::cos(theta) : dh / sinT;
    t.chiDeg = phi < 36.0 ? 36.0 - phi : 0.0;
    t.v001 = 1.0
             / (1.0
                + std::sqrt(sinT)
                      * (31.0 * (1.0 - std::exp(-(elevationDeg / (1.0 + t.chiDeg))))
                             * std::sqrt(t.rainPathLengthKm * t.gammaDbPerKm) / (f * f)
                         - 0.45));
    // Step 8: effective path length.
    t.effectiveLengthKm = t.rainPathLengthKm * t.v001;
    // Step 9: attenuation exceeded 0.01 % of an average year.
    t.a001Db = t.gammaDbPerKm * t.effectiveLengthKm;
    // Step 10: scaling to p.
    const double pp = p.exceedancePercent;
    if (pp >= 1.0 || phi >= 36.0)
    {
        t.beta = 0.0;
    }
    else if (elevationDeg >= 25.0)
    {
        t.beta = -0.005 * (phi - 36.0);
    }
    else
    {
        t.beta = -0.005 * (phi - 36.0) + 1.8 - 4.25 * sinT;
    }
    double exponent
        = -(0.655 + 0.033 * std::log(pp) - 0.045 * std::log(t.a001Db) - t.beta * (1.0 - pp) * sinT);
    t.attenuationDb = t.a001Db * std::pow(pp / 0.01, exponent);
    return t;
}

} // namespace sagin
