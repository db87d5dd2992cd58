// The power budget of a satellite's on-board compute
// (docs/models.md#power-budget-of-in-orbit-compute): how much of its full compute rate a satellite
// can run over time, given its solar array, its battery and its eclipses. Energy book-keeping only:
// the array delivers its full power in sunlight and none inside an eclipse interval (pass the
// penumbra intervals for the conical model: partial sunlight counts as none, the conservative
// side), the battery is lossless, and the bus load is always served first.
#ifndef SAGIN_ORBIT_POWER_BUDGET_H
#define SAGIN_ORBIT_POWER_BUDGET_H

#include "orbit/model/sun-eclipse.h"

#include <cmath>
#include <vector>

namespace sagin
{

struct PowerSystem
{
    double solarArray_W = 0.0;       ///< array output in full sunlight
    double batteryCapacity_Wh = 0.0; ///< nameplate capacity
    double depthOfDischarge = 1.0;   ///< usable fraction of the capacity, (0, 1]
    double busLoad_W = 0.0;          ///< platform load, always on
    double computeLoad_W = 0.0;      ///< extra load of the compute payload at its full rate
};

/// How the battery's compute budget is spent inside an eclipse.
enum class EclipseComputePolicy
{
    /// One constant rate for the whole eclipse: (usable energy / duration - bus) / compute,
    /// clamped to [0, 1]. Knows the eclipse's length in advance (eclipses are predictable).
    kSpread,
    /// Full rate from the eclipse's start until the energy left is what the bus needs to the
    /// eclipse's end, then none.
    kFullRateFirst,
};

/// A span of constant compute rate.
struct PowerSegment
{
    double begin_s = 0.0;
    double end_s = 0.0;
    bool sunlit = true;
    double rateFactor = 1.0;      ///< fraction of the full compute rate, [0, 1]
    double batteryStart_Wh = 0.0; ///< stored energy at begin_s
    double batteryEnd_Wh = 0.0;   ///< stored energy at end_s
    /// The bus was unpowered during the last this many seconds of the segment (the battery ran
    /// dry); 0 when the design holds.
    double busDeficit_s = 0.0;
};

struct PowerSchedule
{
    std::vector<PowerSegment> segments; ///< contiguous, in time order, covering [t0, t1]
    double computeEnergy_Wh = 0.0;      ///< energy the compute payload drew over [t0, t1]
    /// Time during which the battery could not carry even the bus (the bus browns out and the
    /// compute rate is 0); 0 when the design holds.
    double busDeficit_s = 0.0;

    /// The rate factor at t (the later segment at a boundary); NaN outside [t0, t1].
    double RateAt(double t_s) const;
    /// Time-weighted mean rate factor over [t0, t1] (NaN for an empty span: no data).
    double MeanRate() const;
};

/// Throws std::invalid_argument naming the field for a negative or non-finite power or
/// capacity, or a depth of discharge outside (0, 1].
void CheckPowerSystem(const PowerSystem& system);

/// The compute rate over [t0, t1]. In sunlight the rate is min(1, (array - bus) / compute) (a
/// fraction when the array cannot carry both) and the surplus charges the battery up to its
/// capacity; in an eclipse the battery carries the bus and as much compute as `policy` spends of
/// the energy above its depth-of-discharge floor. The battery starts at `initialCharge_Wh` (NaN:
/// full). `eclipses` are in time order and may overlap the span's ends (clipped to it).
PowerSchedule PlanComputePower(const PowerSystem& system,
                               const std::vector<ShadowInterval>& eclipses,
                               double t0_s,
                               double t1_s,
                               EclipseComputePolicy policy = EclipseComputePolicy::kSpread,
                               double initialCharge_Wh = std::nan(""));

} // namespace sagin

#endif
