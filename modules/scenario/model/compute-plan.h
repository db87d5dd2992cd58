// The scenario's compute resolved against its world: the hosts (nodes with servers), the
// services with their clients, and for a standard each service's allowed hosts and selection
// rule. Errors carry their field paths (`compute.nodes[1].shell: no shell named 'x'`).
#ifndef SAGIN_COMPUTE_COMPUTE_PLAN_H
#define SAGIN_COMPUTE_COMPUTE_PLAN_H

#include "core/model/diagnostics.h"
#include "orbit/model/power-budget.h"
#include "sagin/v1/scenario.pb.h"
#include "sagin/v1/standard.pb.h"
#include "scenario/model/world.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace sagin
{

/// Defaults and limits of the compute schema (scenario.proto ComputeService).
constexpr std::uint32_t kComputeDefaultMessage_bytes = 200;
constexpr std::uint32_t kComputeMaxMessage_bytes = 10000000;
constexpr std::uint32_t kComputeSegment_bytes = 1400;
constexpr double kComputeMaxRate_per_s = 1e5;

struct ComputeHost
{
    int node = -1;  ///< world node
    int group = -1; ///< index into Scenario.compute.nodes
    std::uint32_t servers = 1;
    double serviceRate_per_s = 0.0; ///< > 0 when the group gives service_rate_per_s
    double ops_per_s = 0.0;         ///< > 0 when the group gives ops_per_s
    std::uint32_t queueLimit = std::numeric_limits<std::uint32_t>::max();
    /// The satellite's power system (ComputeNodes.power), when the group gives one.
    bool hasPower = false;
    PowerSystem power;
    EclipseComputePolicy eclipsePolicy = EclipseComputePolicy::kSpread;
    ShadowBoundary shadow = ShadowBoundary::kCylinder; ///< kCylinder or kPenumbra
};

struct ComputeServicePlan
{
    std::string name;
    int index = -1; ///< into Scenario.compute.services
    std::vector<int> clients;
    double rate_per_s = 0.0;
    std::uint32_t request_bytes = kComputeDefaultMessage_bytes;
    std::uint32_t response_bytes = kComputeDefaultMessage_bytes;
    double operations = 0.0; ///< 0: not given
    bool deterministic = false;
    double deadline_s = 0.0; ///< 0: none
    double start_s = 0.0;
    double stop_s = 0.0; ///< resolved: never 0
    /// Earth observation (ComputeService.earth_observation): the clients are the capturing
    /// satellites, a task is a capture made while the client's sub-satellite point is in
    /// `region`; request_bytes is the raw size, response_bytes the product's, sent to
    /// `destination` (a world node).
    bool earthObservation = false;
    v1::Region region;
    double reductionFactor = 1.0;
    int destination = -1;
    /// A client's session state (bytes), moved by MIGRATE and REPLACE placements; 0: none.
    std::uint32_t state_bytes = 0;
};

/// The product size of a capture: raw x reduction factor, rounded to the nearest byte, >= 1.
std::uint32_t EarthObservationProductBytes(std::uint32_t raw_bytes, double reductionFactor);

struct ComputePlan
{
    std::vector<ComputeHost> hosts; ///< in world node order
    std::vector<ComputeServicePlan> services;

    bool Empty() const
    {
        return services.empty();
    }

    /// Index into hosts of a world node, -1 when it hosts nothing.
    int HostOf(int node) const;
};

/// Range checks of Scenario.compute that need no world (ValidateScenario calls it).
void ValidateComputeFields(const v1::Scenario& scenario, ErrorList& errors);

/// Resolves the hosts and services against the world (selectors, names, a node in two groups);
/// `duration` ends open services.
ComputePlan PlanCompute(const World& world, double duration, ErrorList& errors);

/// Range checks of Standard.compute that need no scenario (ValidateStandard calls it).
void ValidatePlacementFields(const v1::Standard& standard, ErrorList& errors);

/// One service's placement under a standard.
struct ServicePlacementPlan
{
    std::vector<int> hosts; ///< indices into ComputePlan::hosts the service may use
    v1::ServicePlacement::Selection selection = v1::ServicePlacement::NEAREST_LATENCY;
    double loadInfoAge_s = 0.0;
    v1::ServicePlacement::Continuity continuity = v1::ServicePlacement::PER_TASK;
    /// MIGRATE, REPLACE: the least gain (s, there and back) that moves a session.
    double moveGain_s = 0.0;
    /// How long a session's new host waits for its state (s).
    double stateTimeout_s = 30.0;
    /// Mean service time (s) of one task on each host of `hosts`.
    std::vector<double> mean_s;
};

/// Each service's placement under `standard` (in plan.services order), with the checks against
/// the scenario: placement names a service it has, FIXED names one of its hosts, a host with
/// ops_per_s serves only services that give operations.
std::vector<ServicePlacementPlan> PlaceServices(const World& world,
                                                const ComputePlan& plan,
                                                const v1::Standard& standard,
                                                ErrorList& errors);

} // namespace sagin

#endif
