// The scenario's failure events (Scenario.failures) resolved into intervals during which one
// element (a node, or the ISL between two satellites) is out of service. Random failures are
// drawn here, once, from the scenario seed (DeterministicRng, one stream per event and
// satellite): the same intervals whatever the thread count.
#ifndef SAGIN_SCENARIO_FAILURE_PLAN_H
#define SAGIN_SCENARIO_FAILURE_PLAN_H

#include "core/model/diagnostics.h"
#include "scenario/model/world.h"

#include <string>
#include <utility>
#include <vector>

namespace sagin
{

/// One element out of service over [start_s, end_s).
struct FailureInterval
{
    std::string event;  ///< the event's name (FailureEvent.name, else "failures[i]")
    int node = -1;      ///< the failed node, or -1 for an ISL
    int islA = -1;      ///< ISL ends (world nodes, islA < islB) when node is -1
    int islB = -1;
    double start_s = 0.0;
    double end_s = 0.0; ///< +infinity: until the end of the run
};

/// The intervals of Scenario.failures, in event order then element order. `islPairs` are the
/// standard's ISLs (node pairs) that random ISL failures draw from; random satellite failures
/// are drawn until `horizon_s`. With `errors`, references that name nothing (satellites,
/// shells, sites) are reported under their field paths and `skip[i]` events (with range errors
/// of their own) are left out.
std::vector<FailureInterval> ResolveFailures(const World& world,
                                             const std::vector<std::pair<int, int>>& islPairs,
                                             double horizon_s,
                                             ErrorList* errors = nullptr,
                                             const std::vector<char>& skip = {});

} // namespace sagin

#endif
