// How much work a command is about to do, estimated from its inputs before anything starts, and
// the limits above which it refuses (exit status 2, with the estimate) unless given --force.
// One place for every command's estimate and limit.
#ifndef SAGIN_RUN_WORK_ESTIMATE_H
#define SAGIN_RUN_WORK_ESTIMATE_H

#include "scenario/model/traffic-plan.h"
#include "scenario/model/world.h"

#include "sagin/v1/standard.pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sagin
{

/// Packet-level run: simulated events (packets sent by every flow, plus one topology update of
/// every node per routing update interval) over duration + drain. About 1e6 events take a
/// second on one core: 1e9 is a quarter of an hour and more.
constexpr double kMaxRunEvents = 1e9;
/// Nodes in one world (satellites, platforms, sites): every command keeps a state per node per step.
constexpr double kMaxWorldNodes = 1e5;
/// Runs of one study (product of its axes, times its seeds and standards).
constexpr double kMaxStudyRuns = 1e5;

/// One estimate against its limit.
struct WorkEstimate
{
    std::string what;  ///< e.g. "simulated events"
    double amount = 0; ///< the estimate
    double limit = 0;  ///< the documented limit
    std::string how;   ///< how the estimate was made, for the message

    bool Exceeds() const
    {
        return !(amount <= limit);
    }
    /// "<what>: about <amount> (<how>), above the limit of <limit>; pass --force to run anyway".
    std::string Message() const;
};

/// The world's size.
WorkEstimate EstimateWorldNodes(const World& world);

/// The world's size counted from the scenario before the world is built (Walker and GEO
/// satellites, platforms, fleets, ground sites and the sites of generated sets; TLE satellites,
/// bounded by their file's size, are counted once read, by EstimateWorldNodes), so that a world
/// far above the limit (a random set of 10^7 points, a 0.01-degree grid) is refused before it
/// takes minutes and gigabytes to build.
WorkEstimate EstimateScenarioNodes(const v1::Scenario& scenario);

/// A packet-level run of `world` under `standard` for `duration_s` (the traffic's flows as
/// planned), including the scenario's drain time.
WorkEstimate EstimateRunEvents(const World& world,
                               const v1::Standard& standard,
                               const std::vector<PlannedFlow>& flows,
                               double duration_s);

/// A study's run count (a double: the product of its axes may exceed any integer).
WorkEstimate EstimateStudyRuns(double runs, const std::string& how);

} // namespace sagin

#endif
