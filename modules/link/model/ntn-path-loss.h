// 3GPP TR 38.811 section 6.6 path loss for satellites and HAPS, as ns-3-dev implements it
// (ThreeGppNTN*PropagationLossModel; docs/models.md#ntn-path-loss): FSPL, LOS probability, shadow-fading
// sigma and clutter loss per environment and band, gaseous absorption, ionospheric or
// tropospheric scintillation.
//
// Elevation handling (docs/models.md#ntn-elevation-quantisation): alpha_q = 10 if alpha < 10 deg, else round(alpha / 10) * 10
// indexes the LOS-probability, shadow-fading, clutter-loss and troposcintillation tables; the raw
// alpha is used for the gaseous absorption A_zenith(f) / sin(alpha), which is applied only when
// (alpha < 10 deg and f > 1 GHz) or f >= 10 GHz. Band: S if f < 13 GHz, else Ka.
// Valid for 0.5 <= f <= 100 GHz.
//
// An NtnPathLoss is built once per (frequency, environment) with every frequency-dependent term
// precomputed; Evaluate() is const, allocation-free and thread-safe.
#ifndef SAGIN_LINK_NTN_PATH_LOSS_H
#define SAGIN_LINK_NTN_PATH_LOSS_H

#include "link/model/link-types.h"

namespace sagin
{

/// The terms of one NTN path-loss evaluation (dB unless named otherwise).
struct NtnLossTerms
{
    double fsplDb = 0.0;
    double gasDb = 0.0;
    double scintillationDb = 0.0;
    double clutterDb = 0.0; ///< the clutter loss applied (0 in LOS, CL in NLOS, (1-P)CL mean)
    double clutterLossNlosDb = 0.0; ///< CL of the table (what NLOS would add)
    double losProbability = 0.0;
    double shadowFadingSigmaLosDb = 0.0;
    double shadowFadingSigmaNlosDb = 0.0;
    double pathLossDb = 0.0; ///< fspl + gas + scintillation + clutter (no shadow-fading draw)
};

class NtnPathLoss
{
  public:
    static constexpr double kMinFrequencyHz = 0.5e9;
    static constexpr double kMaxFrequencyHz = 100e9;

    /// Throws std::invalid_argument when the frequency is outside [0.5, 100] GHz or the
    /// environment is high-rise-urban (not a 38.811 environment).
    NtnPathLoss(double frequencyHz, Environment environment);

    /// All terms at elevation `elevationDeg` (of the platform seen from the ground end; values
    /// below 0 are treated as 0) and distance `distanceM`, for the given condition.
    NtnLossTerms Evaluate(double elevationDeg, double distanceM, LinkCondition condition) const;

    /// Mean-mode path loss only (FSPL + gas + scintillation + (1 - P_LOS) CL): the fast path.
    double MeanPathLossDb(double elevationDeg, double distanceM) const;

    double LosProbability(double elevationDeg) const;
    double ShadowFadingSigmaDb(double elevationDeg, bool los) const;
    double ClutterLossDb(double elevationDeg) const;
    double GasLossDb(double elevationDeg) const;
    double ScintillationDb(double elevationDeg) const;

    /// Free-space path loss per 38.811: 32.45 + 20 log10(f / GHz) + 20 log10(d / m).
    static double FsplDb(double distanceM, double frequencyHz);

    /// alpha_q in {10, 20, ..., 90} (docs/models.md#ntn-elevation-quantisation) and its table index 0..8.
    static int QuantizedElevationIndex(double elevationDeg);

    /// Zenith gaseous attenuation (dB) at round(f / 1 GHz) from ns-3's table (docs/models.md#ntn-gaseous-absorption).
    static double ZenithGasDb(double frequencyHz);

    /// SF decorrelation distance (m), 38.811 Tables 6.7.2-x (docs/models.md#ntn-shadow-fading-and-clutter-loss).
    double ShadowFadingDecorrelationM(bool los) const;

    double FrequencyHz() const
    {
        return m_frequencyHz;
    }

    Environment GetEnvironment() const
    {
        return m_environment;
    }

    bool IsKaBand() const
    {
        return m_kaBand;
    }

  private:
    double m_frequencyHz;
    Environment m_environment;
    bool m_kaBand;
    double m_fsplFrequencyTermDb; ///< 32.45 + 20 log10(f / GHz)
    double m_zenithGasDb;         ///< 0 when gas never applies at this frequency
    bool m_gasAlways;             ///< f >= 10 GHz
    bool m_gasBelow10Deg;         ///< f > 1 GHz
    double m_ionoScintillationDb; ///< used when f < 6 GHz
    bool m_tropo;                 ///< f >= 6 GHz
    // Per alpha_q (index 0..8), resolved for this environment and band.
    double m_pLos[9];
    double m_sigmaLos[9];
    double m_sigmaNlos[9];
    double m_clutter[9];
    double m_scint[9];
    double m_meanExtra[9]; ///< scintillation + (1 - P_LOS) CL
};

} // namespace sagin

#endif
