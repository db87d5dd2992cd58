// 3GPP TR 36.777 Annex B aerial-UE channels RMa-AV, UMa-AV, UMi-AV (docs/models.md#tr-36777-aerial-ue):
// LOS probability (Table B-1, including the 38.901 terrestrial-height rows it refers to),
// path loss in the aerial height range (Table B-2) and shadow-fading sigma (Table B-3).
// Units: f in GHz inside the formulas, distances and heights in m, log = log10.
// Below the aerial height range (UMa/UMi: hUT <= 22.5 m, RMa: hUT <= 10 m) 36.777 refers to the
// 38.901 formulas: use TerrestrialPathLoss (ns-3's 38.901 models) for the path loss there.
// Const methods, thread-safe.
#ifndef SAGIN_LINK_AERIAL_PATH_LOSS_H
#define SAGIN_LINK_AERIAL_PATH_LOSS_H

#include "link/model/link-types.h"

namespace sagin
{

enum class AerialScenario
{
    kRmaAv,
    kUmaAv,
    kUmiAv,
};

struct AerialTerms
{
    double distance2dM = 0.0;
    double distance3dM = 0.0;
    double d1M = 0.0; ///< Table B-1 d1 (0 when the row has none)
    double p1M = 0.0; ///< Table B-1 p1 (0 when the row has none)
    double losProbability = 0.0;
    double pathLossLosDb = 0.0;
    double pathLossNlosDb = 0.0;
    double shadowFadingSigmaLosDb = 0.0;
    double shadowFadingSigmaNlosDb = 0.0;
    double pathLossDb = 0.0; ///< of the condition; mean = P PL_LOS + (1 - P) PL_NLOS
};

class AerialPathLoss
{
  public:
    static constexpr double kMinFrequencyHz = 0.5e9;
    static constexpr double kMaxFrequencyHz = 6e9;
    static constexpr double kMaxUtHeightM = 300.0;

    /// Throws std::invalid_argument for a frequency outside [0.5, 6] GHz (TR 36.777 studies LTE
    /// bands; its aerial fits are not claimed beyond 6 GHz).
    AerialPathLoss(AerialScenario scenario, double frequencyHz);

    /// Lowest UT height (m, exclusive) of the aerial range: 10 (RMa-AV) or 22.5 (UMa/UMi-AV).
    double MinAerialHeightM() const;

    /// Largest 2D distance (m) of Table B-2: 10 km (RMa-AV) or 4 km (UMa/UMi-AV).
    double MaxDistance2dM() const;

    /// Default BS height (m) used by 36.777: RMa 35, UMa 25, UMi 10.
    double DefaultBsHeightM() const;

    /// Table B-1 for any hUT in [1.5, 300] m; d1 and p1 go to the optional outputs.
    double LosProbability(double distance2dM,
                          double utHeightM,
                          double* d1 = nullptr,
                          double* p1 = nullptr) const;

    /// Every term in the aerial range. Throws std::invalid_argument when hUT is outside
    /// (MinAerialHeightM(), 300] m.
    AerialTerms Evaluate(double distance2dM,
                         double utHeightM,
                         double bsHeightM,
                         LinkCondition condition) const;

    AerialScenario Scenario() const
    {
        return m_scenario;
    }

  private:
    AerialScenario m_scenario;
    double m_fGHz;
};

} // namespace sagin

#endif
