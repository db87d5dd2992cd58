#include "routing/model/topology-controller.h"

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
    m_builder.BuildLinks(m_snapshot);
    ApplyAcquisition(t); // before the candidates: a relay whose backhaul is acquiring serves nobody
    m_builder.BuildCandidates(m_snapshot, m_candidates);
    auto t1 = Clock::now();
    m_access.Select(m_snapshot, m_candidates);
    auto t2 = Clock::now();
    m_graph.Build(m_snapshot);
    auto t3 = Clock::now();
    m_table.Reset(m_destinations, static_cast<int>(m_world.Nodes().size()), m_graph.VertexCount());
    m_routes.Compute(m_graph, m_table);
    auto t4 = Clock::now();
    auto s = [](auto a, auto b)
    {
        return std::chrono::duration<double>(b - a).count();
    };
    m_timings = {s(t0, t1), s(t1, t2), s(t2, t3), s(t3, t4)};
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

PathResult
TopologyController::Path(int source, int destination) const
{
    PathResult r;
    const int d = m_table.DestinationIndex(destination);
    if (d < 0)
    {
        return r;
    }
    int v = m_graph.EndVertex(source);
    int inLink = -1;
    r.nodes.push_back(source);
    const int limit = m_graph.VertexCount() + 1;
    for (int hops = 0; hops < limit; ++hops)
    {
        if (m_graph.NodeOfVertex(v) == destination)
        {
            r.reachable = true;
            return r;
        }
        const int next = m_table.NextVertex(d, v);
        const int link = m_table.NextLink(d, v);
        if (next < 0)
        {
            break;
        }
        const int node = m_graph.NodeOfVertex(v);
        if (hops > 0)
        {
            r.processing_s += m_graph.ForwardingDelay(node, inLink, link);
        }
        inLink = link;
        r.propagation_s += m_snapshot.links[link].delay_s;
        r.links.push_back(link);
        r.nodes.push_back(m_graph.NodeOfVertex(next));
        v = next;
    }
    r.nodes.resize(1);
    r.links.clear();
    r.propagation_s = r.processing_s = 0.0;
    return r;
}

} // namespace sagin
