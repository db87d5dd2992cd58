#include "routing/model/topology-controller.h"

#include <chrono>

namespace sagin
{

TopologyController::TopologyController(const World& world, const StandardPolicy& policy, std::vector<int> destinations)
    : m_world(world),
      m_policy(policy),
      m_builder(world, policy),
      m_access(m_builder),
      m_graph(world, policy),
      m_destinations(std::move(destinations))
{
    if (m_destinations.empty())
    {
        for (size_t i = 0; i < world.Nodes().size(); ++i)
        {
            if (world.Nodes()[i].layer == v1::GROUND)
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
    m_builder.Build(m_snapshot, m_candidates);
    auto t1 = Clock::now();
    m_access.Select(m_snapshot, m_candidates);
    auto t2 = Clock::now();
    m_graph.Build(m_snapshot);
    auto t3 = Clock::now();
    m_table.Reset(m_destinations, static_cast<int>(m_world.Nodes().size()), m_graph.VertexCount());
    m_routes.Compute(m_graph, m_table);
    auto t4 = Clock::now();
    auto s = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    m_timings = {s(t0, t1), s(t1, t2), s(t2, t3), s(t3, t4)};
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
            r.processing_s += m_graph.ProcessingDelay(node);
        }
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
