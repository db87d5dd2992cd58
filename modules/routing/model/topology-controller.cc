#include "routing/model/topology-controller.h"

#include <algorithm>
#include <chrono>

namespace sagin
{

TopologyController::TopologyController(const World& world,
                                       const StandardPolicy& policy,
                                       std::vector<int> destinations)
    : m_world(world)
    , m_policy(policy)
    , m_builder(world, policy)
    , m_access(m_builder)
    , m_graph(world, policy)
    , m_destinations(std::move(destinations))
{
    if (m_destinations.empty())
    {
        for (size_t i = 0; i < world.Nodes().size(); ++i)
        {
            if (world.Nodes()[i].layer == v1::Node::GROUND)
            {
                m_destinations.push_back(static_cast<int>(i));
            }
        }
    }
}

void
TopologyController::Update(double t)
{
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    m_snapshot.time_s = t;
    m_builder.Positions(t, m_snapshot.positions);
    if (m_builder.RainTimeSeries())
    {
        m_builder.AdvanceRain(t);
    }
    m_builder.BuildLinks(m_snapshot);
    if (m_builder.RainTimeSeries())
    {
        m_rainOutage.assign(m_world.Nodes().size(), 0);
        for (size_t n = 0; n < m_world.Nodes().size(); ++n)
        {
            if (m_world.Nodes()[n].role == v1::Node::GW)
            {
                m_rainOutage[n]
                    = m_builder.RainOutage(static_cast<int>(n), m_snapshot.positions) ? 1 : 0;
            }
        }
    }
    ApplyAcquisition(t); // before the candidates: a relay whose backhaul is acquiring serves nobody
    SelectFeeders(t);
    m_builder.BuildCandidates(m_snapshot, m_candidates);
    if (m_policy.requireSinr)
    {
        RequireSinr();
    }
    auto t1 = Clock::now();
    m_access.Select(m_snapshot, m_candidates);
    auto t2 = Clock::now();
    m_graph.Build(m_snapshot);
    auto t3 = Clock::now();
    m_table.Reset(m_destinations, static_cast<int>(m_world.Nodes().size()), m_graph.VertexCount());
    m_routes.Compute(m_graph, m_table);
    TimeHandovers();
    auto t4 = Clock::now();
    auto s = [](auto a, auto b)
    {
        return std::chrono::duration<double>(b - a).count();
    };
    m_timings = {s(t0, t1), s(t1, t2), s(t2, t3), s(t3, t4)};
}

void
TopologyController::RequireSinr()
{
    if (!m_sinrField)
    {
        m_sinrField = std::make_unique<BeamField>(m_world, m_policy);
    }
    m_sinrField->PlaceTransmitters(m_snapshot);
    const auto& nodes = m_world.Nodes();
    const auto& terminals = m_builder.UserTerminals();
    for (std::size_t k = 0; k < terminals.size(); ++k)
    {
        const Vec3& position = m_snapshot.positions[terminals[k]];
        auto& c = m_candidates[k];
        c.erase(
            std::remove_if(c.begin(),
                           c.end(),
                           [&](const AccessCandidate& candidate)
                           {
                               const int server = candidate.link.a; // the serving end
                               const ShellBeams* beams = m_policy.BeamsOf(server, nodes[server]);
                               if (beams == nullptr)
                               {
                                   return false; // a private link: its C/N decided
                               }
                               const BeamSinr sinr = m_sinrField->Sinr(server, position);
                               return sinr.servingBeam < 0 || !(sinr.sinrDb >= beams->minSinr_db);
                           }),
            c.end());
    }
}

void
TopologyController::ApplyAcquisition(double t)
{
    // A link of a kind with an acquisition time (optical ISLs, typically) carries traffic only
    // once it has been up that long; links up at the first update are taken as established.
    auto& links = m_snapshot.links;
    bool any = false;
    for (int k = 0; k < kLinkKindCount; ++k)
    {
        any |= m_policy.links[k].acquisition_s > 0.0;
    }
    if (!any)
    {
        return;
    }
    std::unordered_map<std::uint64_t, LinkAcquisitionTracker> seen;
    seen.reserve(m_acquisition.size() + 16);
    size_t kept = 0;
    for (size_t i = 0; i < links.size(); ++i)
    {
        const auto& l = links[i];
        const double acquisition = m_policy.Link(l.kind).acquisition_s;
        bool carry = true;
        if (acquisition > 0.0)
        {
            const std::uint64_t key = (static_cast<std::uint64_t>(std::min(l.a, l.b)) << 32)
                                      | static_cast<std::uint64_t>(std::max(l.a, l.b));
            auto it = m_acquisition.find(key);
            LinkAcquisitionTracker tracker
                = it != m_acquisition.end() ? it->second : LinkAcquisitionTracker(acquisition);
            if (it == m_acquisition.end() && m_firstUpdate)
            {
                tracker.Observe(t - acquisition, true); // established before the run starts
            }
            carry = tracker.Observe(t, true);
            seen.emplace(key, tracker);
        }
        if (carry)
        {
            links[kept++] = l;
        }
    }
    links.resize(kept);
    m_acquisition.swap(seen); // links not seen now went down: their trackers are dropped
    m_firstUpdate = false;
}

template <typename Next>
PathResult
TopologyController::Walk(int source, int destination, Next next) const
{
    PathResult r;
    int v = m_graph.EndVertex(source);
    int inLink = -1;
    r.nodes.push_back(source);
    const int limit = m_graph.VertexCount() + 1;
    for (int hops = 0; hops < limit; ++hops)
    {
        if (m_graph.NodeOfVertex(v) == destination)
        {
            r.processing_s += m_graph.EndpointDelay(destination, inLink);
            r.reachable = true;
            return r;
        }
        const auto [nextVertex, link] = next(v);
        if (nextVertex < 0)
        {
            break;
        }
        const int node = m_graph.NodeOfVertex(v);
        r.processing_s += hops > 0 ? m_graph.ForwardingDelay(node, inLink, link)
                                   : m_graph.EndpointDelay(node, link);
        inLink = link;
        r.propagation_s += m_snapshot.links[link].delay_s;
        r.links.push_back(link);
        r.nodes.push_back(m_graph.NodeOfVertex(nextVertex));
        v = nextVertex;
    }
    r.nodes.resize(1);
    r.links.clear();
    r.propagation_s = r.processing_s = 0.0;
    r.reachable = false;
    return r;
}

PathResult
TopologyController::Path(int source, int destination) const
{
    const int d = m_table.DestinationIndex(destination);
    if (d < 0)
    {
        PathResult r;
        return r;
    }
    return Walk(source,
                destination,
                [&](int v)
                {
                    return std::pair<int, int>(m_table.NextVertex(d, v), m_table.NextLink(d, v));
                });
}

PathResult
TopologyController::PathBetween(int source, int destination)
{
    if (m_table.DestinationIndex(destination) >= 0)
    {
        return Path(source, destination);
    }
    const size_t n = static_cast<size_t>(m_graph.VertexCount());
    m_treeMetric.assign(n, 0.0);
    m_treeVertex.assign(n, -1);
    m_treeLink.assign(n, -1);
    m_routes.ComputeTree(m_graph,
                         m_graph.EndVertex(destination),
                         m_treeMetric.data(),
                         m_treeVertex.data(),
                         m_treeLink.data(),
                         m_graph.SecondEndVertex(destination));
    return Walk(source,
                destination,
                [&](int v)
                {
                    return std::pair<int, int>(m_treeVertex[v], m_treeLink[v]);
                });
}

std::pair<int, double>
TopologyController::GnbOf(int server, const SnapshotLink& access) const
{
    const auto& nodes = m_world.Nodes();
    if (!m_policy.IsTransparentRelay(nodes[server].role))
    {
        return {server, access.delay_s};
    }
    // A transparent relay: its cell's gNB is the gNB end of its backhaul (AccessAnchor), the
    // nearest in delay when it has several.
    int gnb = -1;
    double backhaul = 0.0;
    const auto& links = m_snapshot.links;
    for (size_t i = 0; i < links.size(); ++i)
    {
        const auto& l = links[i];
        if ((l.a != server && l.b != server) || IsServiceLink(l.kind))
        {
            continue;
        }
        const int anchor = m_graph.AccessAnchor(static_cast<int>(i));
        if (anchor >= 0 && anchor != server && (gnb < 0 || l.delay_s < backhaul))
        {
            gnb = anchor;
            backhaul = l.delay_s;
        }
    }
    if (gnb < 0)
    {
        return {server, access.delay_s}; // no backhaul now: the relay itself is the end
    }
    return {gnb, access.delay_s + m_graph.ProcessingDelay(server) + backhaul};
}

void
TopologyController::TimeHandovers()
{
    m_handovers.clear();
    if (m_policy.handover == v1::HandoverProcedure::NONE)
    {
        return;
    }
    const HandoverProcessing processing{m_policy.handoverGnbProcessing_s,
                                        m_policy.handoverUeProcessing_s,
                                        m_policy.handoverAmfProcessing_s};
    for (const AccessChange& c : m_access.Changes())
    {
        HandoverEvent e;
        e.terminal = c.terminal;
        e.source = c.from;
        e.target = c.to;
        const auto [sourceGnb, sourceLeg] = GnbOf(c.from, c.fromLink);
        const auto [targetGnb, targetLeg] = GnbOf(c.to, c.toLink);
        e.sourceGnb = sourceGnb;
        e.targetGnb = targetGnb;
        e.legs.ueToSource_s = e.legs.sourceToUe_s = sourceLeg;
        e.legs.ueToTarget_s = e.legs.targetToUe_s = targetLeg;
        e.legs.sameGnb = sourceGnb == targetGnb;
        e.legs.viaCore = m_policy.handoverViaCore;
        if (m_policy.handover == v1::HandoverProcedure::HARD && !e.legs.sameGnb
            && m_policy.handoverViaCore)
        {
            PrepareThroughCore(e);
        }
        else if (m_policy.handover == v1::HandoverProcedure::HARD && !e.legs.sameGnb)
        {
            // Handover preparation over Xn, routed as user traffic is at this update.
            const PathResult request = PathBetween(sourceGnb, targetGnb);
            const PathResult acknowledge = PathBetween(targetGnb, sourceGnb);
            e.prepared = request.reachable && acknowledge.reachable;
            e.legs.sourceToTarget_s = request.Latency();
            e.legs.targetToSource_s = acknowledge.Latency();
        }
        // A quasi-Earth-fixed cell passing between two bent pipes of one gNB: a satellite switch.
        const auto& nodes = m_world.Nodes();
        e.sameCellSwitch
            = e.legs.sameGnb
              && m_policy.sameCellSwitch != v1::HandoverProcedure::SatelliteSwitch::HANDOVER
              && nodes[c.from].role == v1::Node::SAT && nodes[c.to].role == v1::Node::SAT;
        if (e.sameCellSwitch)
        {
            e.interruption_s
                = m_policy.sameCellSwitch == v1::HandoverProcedure::SatelliteSwitch::SOFT
                      ? 0.0
                      : PreparedSwitchInterruptionSeconds(
                          m_policy.handover, e.legs, processing, m_policy.sameCellResync_s);
            m_handovers.push_back(e);
            continue;
        }
        // Make-before-break: the source carries the traffic until the target's access is up.
        const bool seamless = m_policy.handoverMakeBeforeBreak && c.sourceUsable;
        e.interruption_s
            = !e.prepared
                  ? m_policy.updateInterval_s
                  : (seamless ? 0.0
                              : HandoverInterruptionSeconds(m_policy.handover, e.legs, processing));
        m_handovers.push_back(e);
    }
    TimeFeederSwitches(processing);
}

void
TopologyController::SelectFeeders(double t)
{
    using FeederSwitch = v1::HandoverProcedure::FeederSwitch;
    m_feederChanges.clear();
    if (m_policy.feederSwitch == FeederSwitch::ANY_GATEWAY
        || !m_policy.IsTransparentRelay(v1::Node::SAT))
    {
        return;
    }
    auto& links = m_snapshot.links;
    m_feederGateway.resize(m_world.Nodes().size(), -1);
    // The feeder links (a: gateway, b: satellite), per satellite, best elevation first (ties:
    // the gateway first in the scenario).
    std::vector<int> feeders;
    for (size_t i = 0; i < links.size(); ++i)
    {
        if (links[i].kind == LinkKind::Feeder)
        {
            feeders.push_back(static_cast<int>(i));
        }
    }
    std::sort(feeders.begin(),
              feeders.end(),
              [&](int x, int y)
              {
                  const auto& lx = links[x];
                  const auto& ly = links[y];
                  if (lx.b != ly.b)
                  {
                      return lx.b < ly.b;
                  }
                  if (lx.elevation_deg != ly.elevation_deg)
                  {
                      return lx.elevation_deg > ly.elevation_deg;
                  }
                  return lx.a < ly.a;
              });
    const bool soft = m_policy.feederSwitch == FeederSwitch::SOFT;
    bool aheadKnown = false;
    // Whether gateway g still has a usable feeder link to satellite s overlap_s from now, at the
    // positions the ephemeris gives then (the weather as it is now).
    auto usableAhead = [&](int g, int s)
    {
        if (!aheadKnown)
        {
            m_builder.Positions(t + m_policy.feederOverlap_s, m_aheadPositions);
            aheadKnown = true;
        }
        SnapshotLink l;
        return m_builder.EvaluateLink(
            LinkKind::Feeder, g, s, m_aheadPositions[g], m_aheadPositions[s], l);
    };
    std::vector<char> hasFeeder(m_world.Nodes().size(), 0);
    for (size_t begin = 0; begin < feeders.size();)
    {
        const int sat = links[feeders[begin]].b;
        size_t end = begin;
        bool currentUp = false;
        const int current = m_feederGateway[sat];
        for (; end < feeders.size() && links[feeders[end]].b == sat; ++end)
        {
            currentUp |= links[feeders[end]].a == current;
        }
        int chosen = currentUp ? current : links[feeders[begin]].a;
        if (soft && currentUp && !usableAhead(current, sat))
        {
            // Foreseen loss: the best gateway that will still be usable, if any (else keep).
            for (size_t i = begin; i < end; ++i)
            {
                const int g = links[feeders[i]].a;
                if (g != current && usableAhead(g, sat))
                {
                    chosen = g;
                    break;
                }
            }
        }
        if (current >= 0 && chosen != current)
        {
            m_feederChanges.push_back({sat, current, chosen, soft && currentUp});
        }
        m_feederGateway[sat] = chosen;
        hasFeeder[sat] = 1;
        begin = end;
    }
    // A satellite without a feeder now has no gateway: its next one is a first, not a switch.
    for (size_t n = 0; n < m_feederGateway.size(); ++n)
    {
        if (!hasFeeder[n])
        {
            m_feederGateway[n] = -1;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < links.size(); ++i)
    {
        const auto& l = links[i];
        if (l.kind != LinkKind::Feeder || m_feederGateway[l.b] == l.a)
        {
            links[kept++] = l;
        }
    }
    links.resize(kept);
}

void
TopologyController::TimeFeederSwitches(const HandoverProcessing& processing)
{
    if (m_feederChanges.empty())
    {
        return;
    }
    std::unordered_map<int, const FeederChange*> bySatellite;
    for (const auto& c : m_feederChanges)
    {
        bySatellite.emplace(c.satellite, &c);
    }
    std::unordered_map<int, char> handedOver;
    for (const AccessChange& c : m_access.Changes())
    {
        handedOver.emplace(c.terminal, 1);
    }
    const auto& terminals = m_builder.UserTerminals();
    const auto& states = m_access.States();
    for (size_t i = 0; i < terminals.size(); ++i)
    {
        const int u = terminals[i];
        const int sat = m_snapshot.serving[u];
        auto it = sat >= 0 ? bySatellite.find(sat) : bySatellite.end();
        if (it == bySatellite.end() || handedOver.count(u) != 0)
        {
            continue; // not on a switching satellite, or its own handover covers the new gNB
        }
        const FeederChange& c = *it->second;
        HandoverEvent e;
        e.terminal = u;
        e.source = e.target = sat;
        e.sourceGnb = c.from;
        e.feederSwitch = true;
        e.softSwitch = c.soft;
        const auto [gnb, leg] = GnbOf(sat, states[i].link);
        e.targetGnb = gnb;
        e.legs.ueToSource_s = e.legs.sourceToUe_s = leg; // the old feeder's leg is not timed
        e.legs.ueToTarget_s = e.legs.targetToUe_s = leg;
        e.legs.viaCore = m_policy.handoverViaCore;
        if (m_policy.handoverViaCore)
        {
            PrepareThroughCore(e);
        }
        else
        {
            // Prepared ahead over Xn between the two gateways' gNBs, as routed now.
            e.prepared = PathBetween(c.from, gnb).reachable && PathBetween(gnb, c.from).reachable;
        }
        e.interruption_s
            = e.prepared ? PreparedSwitchInterruptionSeconds(
                  m_policy.handover, e.legs, processing, c.soft ? 0.0 : m_policy.feederSetup_s)
                         : m_policy.updateInterval_s;
        m_handovers.push_back(e);
    }
}

void
TopologyController::PrepareThroughCore(HandoverEvent& e)
{
    // The AMF: the CORE site nearest the source gNB in routed delay (ties: the first in the
    // scenario's order).
    const auto& nodes = m_world.Nodes();
    PathResult required;
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        if (nodes[i].role != v1::Node::CORE)
        {
            continue;
        }
        const PathResult p = PathBetween(e.sourceGnb, static_cast<int>(i));
        if (p.reachable && (e.amf < 0 || p.Latency() < required.Latency()))
        {
            e.amf = static_cast<int>(i);
            required = p;
        }
    }
    if (e.amf < 0)
    {
        e.prepared = false;
        e.legs.n2SentOnFailure = 1; // Handover Required, with no AMF to reach
        return;
    }
    const PathResult request = PathBetween(e.amf, e.targetGnb);
    const PathResult acknowledge = PathBetween(e.targetGnb, e.amf);
    const PathResult command = PathBetween(e.amf, e.sourceGnb);
    e.legs.sourceToCore_s = required.Latency();
    e.legs.coreToTarget_s = request.Latency();
    e.legs.targetToCore_s = acknowledge.Latency();
    e.legs.coreToSource_s = command.Latency();
    e.prepared = request.reachable && acknowledge.reachable && command.reachable;
    e.legs.n2SentOnFailure = !request.reachable ? 2 : !acknowledge.reachable ? 3 : 4;
}

} // namespace sagin
