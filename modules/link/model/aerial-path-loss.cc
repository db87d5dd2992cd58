#include "link/model/aerial-path-loss.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace sagin
{

namespace
{

/// Generic aerial LOS probability of Table B-1.
double
GenericPlos(double d2d, double d1, double p1)
{
    if (d2d <= d1)
    {
        return 1.0;
    }
    return d1 / d2d + std::exp(-d2d / p1) * (1.0 - d1 / d2d);
}

} // namespace

AerialPathLoss::AerialPathLoss(AerialScenario scenario, double frequencyHz)
    : m_scenario(scenario)
    , m_fGHz(frequencyHz / 1e9)
{
    if (!(frequencyHz >= kMinFrequencyHz && frequencyHz <= kMaxFrequencyHz))
    {
        throw std::invalid_argument("TR 36.777 aerial model: frequency "
                                    + std::to_string(frequencyHz / 1e9)
                                    + " GHz is outside its validity [0.5, 6] GHz");
    }
}

double
AerialPathLoss::MinAerialHeightM() const
{
    return m_scenario == AerialScenario::kRmaAv ? 10.0 : 22.5;
}

double
AerialPathLoss::MaxDistance2dM() const
{
    return m_scenario == AerialScenario::kRmaAv ? 10000.0 : 4000.0;
}

double
AerialPathLoss::DefaultBsHeightM() const
{
    switch (m_scenario)
    {
    case AerialScenario::kRmaAv:
        return 35.0;
    case AerialScenario::kUmaAv:
        return 25.0;
    case AerialScenario::kUmiAv:
        break;
    }
    return 10.0;
}

double
AerialPathLoss::LosProbability(double d2d, double h, double* d1Out, double* p1Out) const
{
    double d1 = 0.0;
    double p1 = 0.0;
    double p = 1.0;
    double lh = std::log10(h);
    switch (m_scenario)
    {
    case AerialScenario::kRmaAv:
        if (h <= 10.0)
        {
            // 38.901 RMa
            p = d2d <= 10.0 ? 1.0 : std::exp(-(d2d - 10.0) / 1000.0);
        }
        else if (h <= 40.0)
        {
            d1 = std::max(1350.8 * lh - 1602.0, 18.0);
            p1 = std::max(15021.0 * lh - 16053.0, 1000.0);
            p = GenericPlos(d2d, d1, p1);
        }
        break;
    case AerialScenario::kUmaAv:
        if (h <= 22.5)
        {
            // 38.901 UMa, with C'(hUT) for hUT > 13 m
            if (d2d > 18.0)
            {
                double c = h <= 13.0 ? 0.0 : std::pow((h - 13.0) / 10.0, 1.5);
                p = (18.0 / d2d + std::exp(-d2d / 63.0) * (1.0 - 18.0 / d2d))
                    * (1.0 + c * 1.25 * std::pow(d2d / 100.0, 3.0) * std::exp(-d2d / 150.0));
            }
        }
        else if (h <= 100.0)
        {
            d1 = std::max(460.0 * lh - 700.0, 18.0);
            p1 = 4300.0 * lh - 3800.0;
            p = GenericPlos(d2d, d1, p1);
        }
        break;
    case AerialScenario::kUmiAv:
        if (h <= 22.5)
        {
            // 38.901 UMi street canyon
            p = d2d <= 18.0 ? 1.0 : 18.0 / d2d + std::exp(-d2d / 36.0) * (1.0 - 18.0 / d2d);
        }
        else
        {
            d1 = std::max(294.05 * lh - 432.94, 18.0);
            p1 = 233.98 * lh - 0.95;
            p = GenericPlos(d2d, d1, p1);
        }
        break;
    }
    if (d1Out)
    {
        *d1Out = d1;
    }
    if (p1Out)
    {
        *p1Out = p1;
    }
    return std::min(1.0, p);
}

AerialTerms
AerialPathLoss::Evaluate(double d2d, double h, double hBs, LinkCondition condition) const
{
    if (!(h > MinAerialHeightM() && h <= kMaxUtHeightM))
    {
        throw std::invalid_argument("TR 36.777 aerial model: UT height " + std::to_string(h)
                                    + " m is outside the aerial range ("
                                    + std::to_string(MinAerialHeightM()) + ", 300] m");
    }
    AerialTerms t;
    t.distance2dM = d2d;
    t.distance3dM = std::hypot(d2d, h - hBs);
    t.losProbability = LosProbability(d2d, h, &t.d1M, &t.p1M);
    const double lh = std::log10(h);
    const double ld = std::log10(t.distance3dM);
    const double lf = std::log10(m_fGHz);
    const double fsTerm = 20.0 * std::log10(40.0 * kPi * m_fGHz / 3.0); // 20 log(40 pi fc / 3)
    const double plFs = fsTerm + 20.0 * ld;
    switch (m_scenario)
    {
    case AerialScenario::kRmaAv:
        t.pathLossLosDb = std::max(23.9 - 1.8 * lh, 20.0) * ld + fsTerm;
        t.pathLossNlosDb = std::max(t.pathLossLosDb, -12.0 + (35.0 - 5.3 * lh) * ld + fsTerm);
        t.shadowFadingSigmaLosDb = 4.2 * std::exp(-0.0046 * h);
        t.shadowFadingSigmaNlosDb = 6.0;
        break;
    case AerialScenario::kUmaAv:
        t.pathLossLosDb = 28.0 + 22.0 * ld + 20.0 * lf;
        t.pathLossNlosDb = -17.5 + (46.0 - 7.0 * lh) * ld + fsTerm;
        t.shadowFadingSigmaLosDb = 4.64 * std::exp(-0.0066 * h);
        t.shadowFadingSigmaNlosDb = 6.0;
        break;
    case AerialScenario::kUmiAv:
        t.pathLossLosDb = std::max(plFs, 30.9 + (22.25 - 0.5 * lh) * ld + 20.0 * lf);
        t.pathLossNlosDb = std::max(t.pathLossLosDb, 32.4 + (43.2 - 7.6 * lh) * ld + 20.0 * lf);
        t.shadowFadingSigmaLosDb = std::max(5.0 * std::exp(-0.01 * h), 2.0);
        t.shadowFadingSigmaNlosDb = 8.0;
        break;
    }
    switch (condition)
    {
    case LinkCondition::kLos:
        t.pathLossDb = t.pathLossLosDb;
        break;
    case LinkCondition::kNlos:
        t.pathLossDb = t.pathLossNlosDb;
        break;
    case LinkCondition::kMean:
        t.pathLossDb
            = t.losProbability * t.pathLossLosDb + (1.0 - t.losProbability) * t.pathLossNlosDb;
        break;
    }
    return t;
}

} // namespace sagin
