#include "routing/model/routing-graph.h"

#include <algorithm>
#include <limits>

namespace sagin
{

RoutingGraph::RoutingGraph(const World& world, const StandardPolicy& policy)
    : m_world(world),
      m_fewestHops(policy.fewestHops)
{
    const auto& nodes = world.Nodes();
    m_base.resize(nodes.size());
    m_split.resize(nodes.size());
    m_processing.resize(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto role = nodes[i].role;
        m_base[i] = static_cast<int>(m_nodeOfVertex.size());
        m_split[i] = policy.IsTransparentRelay(role);
        m_processing[i] = policy.processing_s[role];
        const int count = m_split[i] ? 2 : 1;
        for (int k = 0; k < count; ++k)
        {
            m_nodeOfVertex.push_back(static_cast<int>(i));
            m_transit.push_back(policy.IsTransit(role) ? 1 : 0);
        }
    }
}

int
RoutingGraph::OutVertex(int node, Face face) const
{
    return m_base[node] + ((m_split[node] && face == Face::Down) ? 1 : 0);
}

int
RoutingGraph::InVertex(int node, Face face) const
{
    return m_base[node] + ((m_split[node] && face == Face::Up) ? 1 : 0);
}

void
RoutingGraph::Build(const TopologySnapshot& snap)
{
    const auto& nodes = m_world.Nodes();
    m_edgeScratch.clear();
    m_arcScratch.clear();
    m_minWeight = std::numeric_limits<double>::infinity();
    m_maxWeight = 0.0;
    auto arc = [&](int from, Face fromFace, int to, Face toFace, double delay, int link) {
        const int u = OutVertex(from, fromFace);
        const int v = InVertex(to, toFace);
        RoutingArc a;
        a.weight = delay + m_processing[from] + (m_fewestHops ? 1000.0 : 0.0);
        a.link = link;
        m_edgeScratch.emplace_back(v, u); // reversed
        m_arcScratch.push_back(a);
        m_minWeight = std::min(m_minWeight, a.weight);
        m_maxWeight = std::max(m_maxWeight, a.weight);
    };
    for (size_t i = 0; i < snap.links.size(); ++i)
    {
        const auto& l = snap.links[i];
        const Face fa = FaceOf(nodes[l.a].role, l.kind);
        const Face fb = FaceOf(nodes[l.b].role, l.kind);
        arc(l.a, fa, l.b, fb, l.delay_s, static_cast<int>(i));
        arc(l.b, fb, l.a, fa, l.delay_s, static_cast<int>(i));
    }
    if (m_arcScratch.empty())
    {
        m_minWeight = m_maxWeight = 0.0;
    }
    m_reverse = ReverseGraph(boost::edges_are_unsorted_multi_pass,
                             m_edgeScratch.begin(),
                             m_edgeScratch.end(),
                             m_arcScratch.begin(),
                             static_cast<ReverseGraph::vertices_size_type>(VertexCount()));
}

} // namespace sagin
