// The topology controller: at each update, geometry -> link state -> the standard's access
// policy -> the routing graph -> forwarding state toward the destinations. Used without
// packets by `paths` and `coverage`, and by the ns-3 world of `run` on a timer.
#ifndef SAGIN_ROUTING_TOPOLOGY_CONTROLLER_H
#define SAGIN_ROUTING_TOPOLOGY_CONTROLLER_H

#include "link/model/link-acquisition-tracker.h"
#include "routing/model/access-selector.h"
#include "routing/model/beam-field.h"
#include "routing/model/forwarding-table.h"
#include "routing/model/handover-procedure.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/route-computer.h"
#include "routing/model/routing-graph.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sagin
{

/// A path between two nodes at one update.
struct PathResult
{
    bool reachable = false;
    std::vector<int> nodes;     ///< world node indices, source first
    std::vector<int> links;     ///< snapshot link indices, one per hop
    double propagation_s = 0.0; ///< sum of the links' propagation delays
    /// Sum of the forwarding nodes' processing delays, plus the access stack at an end node
    /// that is the gNB of the path's first or last link (RoutingGraph::EndpointDelay).
    double processing_s = 0.0;
    double Latency() const
    {
        return propagation_s + processing_s;
    }
};

/// A handover decided at an update, with the procedure the standard runs for it
/// (access.handover) timed on the network as it is at that update.
struct HandoverEvent
{
    int terminal = -1;
    int source = -1;    ///< source serving node
    int target = -1;    ///< target serving node
    int sourceGnb = -1; ///< where the source cell's gNB runs (the node, or a bent pipe's gateway)
    int targetGnb = -1;
    int amf = -1; ///< N2 preparation: the CORE site whose AMF relays it (else -1)
    HandoverLegs legs;
    /// False when the procedure needs an Xn path between the two gNBs (or N2 paths through a
    /// reachable AMF) and none exists at this update: the handover fails and the access stays
    /// interrupted until the next update.
    bool prepared = true;
    double interruption_s = 0.0;
    /// A feeder-link switch (access.handover.feeder_switch), not a change of serving node: the
    /// terminal stays on `source` (= `target`), whose gateway, and so gNB, changed from
    /// `sourceGnb` to `targetGnb`.
    bool feederSwitch = false;
    /// A feeder-link switch made with both feeders up (SOFT, foreseen): no feeder setup time.
    bool softSwitch = false;
    /// A same-cell satellite switch (access.handover.same_cell_switch HARD or SOFT): the
    /// terminal's cell and gNB stay, its satellite changes; timed as the switch, not the handover.
    bool sameCellSwitch = false;
};

/// A transparent satellite's change of gateway at an update (access.handover.feeder_switch).
struct FeederChange
{
    int satellite = -1;
    int from = -1; ///< the gateway it had
    int to = -1;   ///< the gateway it has now
    /// SOFT and foreseen: made while the old feeder was still up. False for HARD, and for a SOFT
    /// switch forced by a feeder lost without warning.
    bool soft = false;
};

class TopologyController
{
  public:
    /// `destinations`: the nodes forwarding state is computed toward (empty: every ground site).
    TopologyController(const World& world,
                       const StandardPolicy& policy,
                       std::vector<int> destinations = {});

    /// Recomputes everything for time t (s after the epoch). Access decisions depend on the
    /// previous update (hysteresis, dwell): call with increasing times.
    void Update(double t);

    const TopologySnapshot& Snapshot() const
    {
        return m_snapshot;
    }

    const ForwardingTable& Table() const
    {
        return m_table;
    }

    const RoutingGraph& Graph() const
    {
        return m_graph;
    }

    const LinkStateBuilder& Builder() const
    {
        return m_builder;
    }

    const AccessSelector& Access() const
    {
        return m_access;
    }

    /// Rain time series (LinkStateBuilder::RainTimeSeries): whether rain took every feeder link
    /// of gateway `node` down at the last update (LinkStateBuilder::RainOutage); false for
    /// other nodes and without the time series.
    bool RainOutage(int node) const
    {
        return node < static_cast<int>(m_rainOutage.size()) && m_rainOutage[node] != 0;
    }

    /// The path the forwarding state gives from `source` to `destination` (which must be one of
    /// the destinations).
    PathResult Path(int source, int destination) const;

    /// The path the current routing graph gives between any two nodes (a shortest-path tree
    /// toward `destination` computed for it, as for the destinations).
    PathResult PathBetween(int source, int destination);

    /// The gateway changes of transparent satellites at the last update (empty unless
    /// access.handover.feeder_switch is HARD or SOFT).
    const std::vector<FeederChange>& FeederChanges() const
    {
        return m_feederChanges;
    }

    /// The handovers of the last update with their procedure (empty when access.handover is
    /// NONE: handovers are then free), the feeder-link switches' last.
    const std::vector<HandoverEvent>& Handovers() const
    {
        return m_handovers;
    }

    /// Where the gNB of a cell served by `server` runs at this update, and the one-way delay (s)
    /// from a terminal over `access` (its service link to `server`) to it: `server` itself, or for
    /// a transparent relay the gNB end of its backhaul with the shortest delay (the gateway behind
    /// a bent pipe), adding the relay's forwarding delay and that backhaul.
    std::pair<int, double> GnbOf(int server, const SnapshotLink& access) const;

    /// Time spent in each stage of the last update (s): link state, access, graph, routes.
    struct Timings
    {
        double linkState = 0.0;
        double access = 0.0;
        double graph = 0.0;
        double routes = 0.0;
    };

    const Timings& LastTimings() const
    {
        return m_timings;
    }

  private:
    void ApplyAcquisition(double t);
    /// access.require_sinr: drops each terminal's candidates with beams or cells whose downlink
    /// SINR there is under the payload's minSinr_db.
    void RequireSinr();
    /// feeder_switch HARD or SOFT: keeps one feeder link per transparent satellite, its gateway
    /// sticky (FeederChange), and drops the others from the snapshot.
    void SelectFeeders(double t);
    /// The feeder-link switch events of the terminals served by satellites that changed gateway
    /// (appended to m_handovers).
    void TimeFeederSwitches(const HandoverProcessing& processing);
    void TimeHandovers();
    /// N2 preparation of a HARD handover: picks the AMF and times the four legs (sets e.amf,
    /// e.legs and e.prepared).
    void PrepareThroughCore(HandoverEvent& e);
    /// Walks next-hop state (vertex -> next vertex, next link) from `source` to `destination`.
    template <typename Next>
    PathResult Walk(int source, int destination, Next next) const;

    const World& m_world;
    const StandardPolicy& m_policy;
    LinkStateBuilder m_builder;
    AccessSelector m_access;
    RoutingGraph m_graph;
    RouteComputer m_routes;
    ForwardingTable m_table;
    TopologySnapshot m_snapshot;
    std::vector<std::vector<AccessCandidate>> m_candidates;
    std::vector<int> m_destinations;
    Timings m_timings;
    /// Acquisition (links whose kind has acquisition_s > 0): trackers of the links up so far.
    std::unordered_map<std::uint64_t, LinkAcquisitionTracker> m_acquisition;
    bool m_firstUpdate = true;
    std::vector<HandoverEvent> m_handovers;
    std::vector<char> m_rainOutage;   ///< by world node (RainOutage)
    std::vector<int> m_feederGateway; ///< by world node: a satellite's gateway, or -1
    std::vector<FeederChange> m_feederChanges;
    std::vector<Vec3> m_aheadPositions; ///< SOFT: positions overlap_s ahead
    std::vector<double> m_treeMetric;
    std::vector<std::int32_t> m_treeVertex;
    std::vector<std::int32_t> m_treeLink;
    std::unique_ptr<BeamField> m_sinrField; ///< require_sinr: the payloads at the snapshot
};

} // namespace sagin

#endif
