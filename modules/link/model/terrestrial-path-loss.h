// Terrestrial access path loss through ns-3's own 3GPP TR 38.901 models
// (ns3::ThreeGppUmaPropagationLossModel, ThreeGppUmiStreetCanyonPropagationLossModel,
// ThreeGppRmaPropagationLossModel). Those models take x, y as the ground plane and z as the
// antenna height, so the two ends are handed to them in a local east-north-up frame at the base
// station: x, y = horizontal offset of the UT, z = each antenna's height above ground. ECEF
// coordinates are never passed to ns-3.
//
// Conditions: kLos / kNlos use ns-3's Always/NeverLos channel-condition models; kMean averages
// the two losses in dB with the LOS probability of TR 36.777 Table B-1 (= the 38.901 formulas in
// the terrestrial height range). With `randomCondition` true, ns-3's own
// ThreeGpp{Uma,UmiStreetCanyon,Rma}ChannelConditionModel draws the condition and ns-3's
// shadowing is enabled (seeded by `stream`); ns-3 keys those draws by node id, so the adapter
// then owns two ns-3 Nodes (they appear in ns3::NodeList).
//
// Not thread-safe (ns-3 objects): use one instance per thread or link. For UT heights above the
// 38.901 range (22.5 m UMa/UMi, 10 m RMa) use AerialPathLoss (TR 36.777).
#ifndef SAGIN_LINK_TERRESTRIAL_PATH_LOSS_H
#define SAGIN_LINK_TERRESTRIAL_PATH_LOSS_H

#include "core/model/vec3.h"
#include "link/model/link-types.h"

#include <cstdint>
#include <memory>

namespace sagin
{

enum class TerrestrialScenario
{
    kUma,
    kUmi,
    kRma,
};

class TerrestrialPathLoss
{
  public:
    TerrestrialPathLoss(TerrestrialScenario scenario,
                        double frequencyHz,
                        bool randomCondition = false,
                        int64_t stream = -1);
    ~TerrestrialPathLoss();
    TerrestrialPathLoss(const TerrestrialPathLoss&) = delete;
    TerrestrialPathLoss& operator=(const TerrestrialPathLoss&) = delete;

    /// Path loss (dB) between a base station and a UT given by their ECEF antenna positions and
    /// antenna heights above ground. The UT's horizontal offset is taken in the east-north-up
    /// frame at the base station.
    double PathLossDb(const Vec3& bsEcef,
                      double bsHeightM,
                      const Vec3& utEcef,
                      double utHeightM,
                      LinkCondition condition);

    /// Same, with the UT's horizontal offset (east, north) from the base station given directly.
    double PathLossEnuDb(
        double eastM, double northM, double bsHeightM, double utHeightM, LinkCondition condition);

    /// The horizontal (east, north) offset of `utEcef` in the ENU frame at `bsEcef`.
    static void HorizontalOffset(const Vec3& bsEcef,
                                 const Vec3& utEcef,
                                 double& east,
                                 double& north);

    /// Highest UT height (m) of the 38.901 model: 22.5 (UMa, UMi) or 10 (RMa).
    double MaxUtHeightM() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sagin

#endif
