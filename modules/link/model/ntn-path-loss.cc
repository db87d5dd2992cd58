#include "link/model/ntn-path-loss.h"

#include "core/model/constants.h"
#include "link/model/correlated-fading.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace sagin
{

namespace
{

// 38.811 Table 6.6.1-1: LOS probability per alpha_q = 10..90 (docs/models.md#ntn-los-probability).
constexpr double kLosDenseUrban[9]
    = {0.282, 0.331, 0.398, 0.468, 0.537, 0.612, 0.738, 0.820, 0.981};
constexpr double kLosUrban[9] = {0.246, 0.386, 0.493, 0.613, 0.726, 0.805, 0.919, 0.968, 0.992};
constexpr double kLosSuburbanRural[9]
    = {0.782, 0.869, 0.919, 0.929, 0.935, 0.940, 0.949, 0.952, 0.998};

// 38.811 Tables 6.6.2-1/-2/-3 (docs/models.md#ntn-shadow-fading-and-clutter-loss): per alpha_q, {sigma LOS, sigma NLOS, CL}.
struct SfCl
{
    double sigmaLos;
    double sigmaNlos;
    double clutter;
};

constexpr SfCl kDenseUrbanS[9] = {{3.5, 15.5, 34.3},
                                  {3.4, 13.9, 30.9},
                                  {2.9, 12.4, 29.0},
                                  {3.0, 11.7, 27.7},
                                  {3.1, 10.6, 26.8},
                                  {2.7, 10.5, 26.2},
                                  {2.5, 10.1, 25.8},
                                  {2.3, 9.2, 25.5},
                                  {1.2, 9.2, 25.5}};
constexpr SfCl kDenseUrbanKa[9] = {{2.9, 17.1, 44.3},
                                   {2.4, 17.1, 39.9},
                                   {2.7, 15.6, 37.5},
                                   {2.4, 14.6, 35.8},
                                   {2.4, 14.2, 34.6},
                                   {2.7, 12.6, 33.8},
                                   {2.6, 12.1, 33.3},
                                   {2.8, 12.3, 33.0},
                                   {0.6, 12.3, 32.9}};
constexpr SfCl kUrbanS[9] = {{4, 6, 34.3},
                             {4, 6, 30.9},
                             {4, 6, 29.0},
                             {4, 6, 27.7},
                             {4, 6, 26.8},
                             {4, 6, 26.2},
                             {4, 6, 25.8},
                             {4, 6, 25.5},
                             {4, 6, 25.5}};
constexpr SfCl kUrbanKa[9] = {{4, 6, 44.3},
                              {4, 6, 39.9},
                              {4, 6, 37.5},
                              {4, 6, 35.8},
                              {4, 6, 34.6},
                              {4, 6, 33.8},
                              {4, 6, 33.3},
                              {4, 6, 33.0},
                              {4, 6, 32.9}};
constexpr SfCl kSuburbanRuralS[9] = {{1.79, 8.93, 19.52},
                                     {1.14, 9.08, 18.17},
                                     {1.14, 8.78, 18.42},
                                     {0.92, 10.25, 18.28},
                                     {1.42, 10.56, 18.63},
                                     {1.56, 10.74, 17.68},
                                     {0.85, 10.17, 16.5},
                                     {0.72, 11.52, 16.3},
                                     {0.72, 11.52, 16.3}};
constexpr SfCl kSuburbanRuralKa[9] = {{1.9, 10.7, 29.5},
                                      {1.6, 10.0, 24.6},
                                      {1.9, 11.2, 21.9},
                                      {2.3, 11.6, 20.0},
                                      {2.7, 11.8, 18.7},
                                      {3.1, 10.8, 17.8},
                                      {3.0, 10.8, 17.2},
                                      {3.6, 10.8, 16.9},
                                      {0.4, 10.8, 16.8}};

// 38.811 Table 6.6.6.2.1-1 (20 GHz, Toulouse, 99 %), not frequency-scaled (docs/models.md#ntn-scintillation).
constexpr double kTropoScintillation[9] = {1.08, 0.48, 0.30, 0.22, 0.17, 0.13, 0.12, 0.12, 0.12};

// ns-3 atmosphericAbsorption[101]: zenith gaseous attenuation (dB) at 0..100 GHz (docs/models.md#ntn-gaseous-absorption).
constexpr double kZenithGas[101]
    = {0,        0.0300,   0.0350,  0.0380,  0.0390,  0.0410,  0.0420,  0.0450,  0.0480,   0.0500,
       0.0530,   0.0587,   0.0674,  0.0789,  0.0935,  0.1113,  0.1322,  0.1565,  0.1841,   0.2153,
       0.2500,   0.3362,   0.4581,  0.5200,  0.5200,  0.5000,  0.4500,  0.3850,  0.3200,   0.2700,
       0.2500,   0.2517,   0.2568,  0.2651,  0.2765,  0.2907,  0.3077,  0.3273,  0.3493,   0.3736,
       0.4000,   0.4375,   0.4966,  0.5795,  0.6881,  0.8247,  0.9912,  1.1900,  1.4229,   1.6922,
       2.0000,   4.2654,   10.1504, 19.2717, 31.2457, 45.6890, 62.2182, 80.4496, 100.0000, 140.0205,
       170.0000, 100.0000, 78.1682, 59.3955, 43.5434, 30.4733, 20.0465, 12.1244, 6.5683,   3.2397,
       2.0000,   1.7708,   1.5660,  1.3858,  1.2298,  1.0981,  0.9905,  0.9070,  0.8475,   0.8119,
       0.8000,   0.8000,   0.8000,  0.8000,  0.8000,  0.8000,  0.8000,  0.8000,  0.8000,   0.8000,
       0.8000,   0.8029,   0.8112,  0.8243,  0.8416,  0.8625,  0.8864,  0.9127,  0.9408,   0.9701,
       1.0000};

// Below this elevation the 1/sin law would diverge; the gas term is evaluated at this floor.
constexpr double kMinGasElevationDeg = 1.0;

} // namespace

NtnPathLoss::NtnPathLoss(double frequencyHz, Environment environment)
    : m_frequencyHz(frequencyHz)
    , m_environment(environment)
{
    if (!(frequencyHz >= kMinFrequencyHz && frequencyHz <= kMaxFrequencyHz))
    {
        throw std::invalid_argument("TR 38.811 NTN model: frequency "
                                    + std::to_string(frequencyHz / 1e9)
                                    + " GHz is outside its validity [0.5, 100] GHz");
    }
    if (environment == Environment::kHighRiseUrban)
    {
        throw std::invalid_argument("TR 38.811 NTN model: environment high-rise-urban is not "
                                    "defined (use dense-urban, urban, suburban or rural)");
    }
    double fGHz = frequencyHz / 1e9;
    m_kaBand = frequencyHz >= 13e9;
    m_fsplFrequencyTermDb = 32.45 + 20.0 * std::log10(fGHz);
    m_gasAlways = frequencyHz >= 10e9;
    m_gasBelow10Deg = frequencyHz > 1e9;
    m_zenithGasDb = ZenithGasDb(frequencyHz);
    m_tropo = frequencyHz >= 6e9;
    // 38.811 6.6.6.1.4: P_fluc(4 GHz) = 1.1 dB, scaled by (f / 4 GHz)^-1.5, divided by sqrt(2).
    m_ionoScintillationDb = 1.1 * std::pow(fGHz / 4.0, -1.5) / std::sqrt(2.0);

    const double* pLos = kLosSuburbanRural;
    const SfCl* sfcl = m_kaBand ? kSuburbanRuralKa : kSuburbanRuralS;
    if (environment == Environment::kDenseUrban)
    {
        pLos = kLosDenseUrban;
        sfcl = m_kaBand ? kDenseUrbanKa : kDenseUrbanS;
    }
    else if (environment == Environment::kUrban)
    {
        pLos = kLosUrban;
        sfcl = m_kaBand ? kUrbanKa : kUrbanS;
    }
    for (int i = 0; i < 9; ++i)
    {
        m_pLos[i] = pLos[i];
        m_sigmaLos[i] = sfcl[i].sigmaLos;
        m_sigmaNlos[i] = sfcl[i].sigmaNlos;
        m_clutter[i] = sfcl[i].clutter;
        m_scint[i] = m_tropo ? kTropoScintillation[i] : m_ionoScintillationDb;
        m_meanExtra[i] = m_scint[i] + (1.0 - m_pLos[i]) * m_clutter[i];
    }
}

int
NtnPathLoss::QuantizedElevationIndex(double elevationDeg)
{
    if (!(elevationDeg >= 10.0))
    {
        return 0;
    }
    int q = static_cast<int>(std::round(elevationDeg / 10.0));
    return std::min(9, std::max(1, q)) - 1;
}

double
NtnPathLoss::ZenithGasDb(double frequencyHz)
{
    long index = std::lround(frequencyHz / 1e9);
    index = std::max(0L, std::min(100L, index));
    return kZenithGas[index];
}

double
NtnPathLoss::FsplDb(double distanceM, double frequencyHz)
{
    return 32.45 + 20.0 * std::log10(frequencyHz / 1e9) + 20.0 * std::log10(distanceM);
}

double
NtnPathLoss::LosProbability(double elevationDeg) const
{
    return m_pLos[QuantizedElevationIndex(elevationDeg)];
}

double
NtnPathLoss::ShadowFadingSigmaDb(double elevationDeg, bool los) const
{
    int i = QuantizedElevationIndex(elevationDeg);
    return los ? m_sigmaLos[i] : m_sigmaNlos[i];
}

double
NtnPathLoss::ClutterLossDb(double elevationDeg) const
{
    return m_clutter[QuantizedElevationIndex(elevationDeg)];
}

double
NtnPathLoss::GasLossDb(double elevationDeg) const
{
    if (!(m_gasAlways || (elevationDeg < 10.0 && m_gasBelow10Deg)))
    {
        return 0.0;
    }
    double e = std::max(elevationDeg, kMinGasElevationDeg);
    return m_zenithGasDb / std::sin(e * kDegToRad);
}

double
NtnPathLoss::ScintillationDb(double elevationDeg) const
{
    return m_scint[QuantizedElevationIndex(elevationDeg)];
}

double
NtnPathLoss::ShadowFadingDecorrelationM(bool los) const
{
    return ShadowDecorrelationM(ChannelModel::kNtn, m_environment, los);
}

NtnLossTerms
NtnPathLoss::Evaluate(double elevationDeg, double distanceM, LinkCondition condition) const
{
    double e = std::max(0.0, elevationDeg);
    int i = QuantizedElevationIndex(e);
    NtnLossTerms t;
    t.fsplDb = m_fsplFrequencyTermDb + 20.0 * std::log10(distanceM);
    t.gasDb = GasLossDb(e);
    t.scintillationDb = m_scint[i];
    t.clutterLossNlosDb = m_clutter[i];
    t.losProbability = m_pLos[i];
    t.shadowFadingSigmaLosDb = m_sigmaLos[i];
    t.shadowFadingSigmaNlosDb = m_sigmaNlos[i];
    switch (condition)
    {
    case LinkCondition::kLos:
        t.clutterDb = 0.0;
        break;
    case LinkCondition::kNlos:
        t.clutterDb = m_clutter[i];
        break;
    case LinkCondition::kMean:
        t.clutterDb = (1.0 - m_pLos[i]) * m_clutter[i];
        break;
    }
    t.pathLossDb = t.fsplDb + t.gasDb + t.scintillationDb + t.clutterDb;
    return t;
}

double
NtnPathLoss::MeanPathLossDb(double elevationDeg, double distanceM) const
{
    double e = std::max(0.0, elevationDeg);
    int i = QuantizedElevationIndex(e);
    return m_fsplFrequencyTermDb + 20.0 * std::log10(distanceM) + GasLossDb(e) + m_meanExtra[i];
}

} // namespace sagin
