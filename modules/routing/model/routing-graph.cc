#include "routing/model/routing-graph.h"

#include <algorithm>
#include <limits>

namespace sagin
{

RoutingGraph::RoutingGraph(const World& world, const StandardPolicy& policy)
    : m_world(world),
      m_policy(policy),
      m_fewestHops(policy.fewestHops)
{
    const auto& nodes = world.Nodes();
    m_base.resize(nodes.size());
    m_split.resize(nodes.size());
    m_processing.resize(nodes.size());
    m_accessStack.resize(nodes.size());
    m_gwSplit.resize(nodes.size());
    m_routingSat.resize(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto role = nodes[i].role;
        m_base[i] = static_cast<int>(m_nodeOfVertex.size());
        m_split[i] = policy.IsTransparentRelay(role);
        m_gwSplit[i] = (role == v1::Node::GW || role == v1::Node::BS || role == v1::Node::CORE)
                       && policy.GatewayNoSpaceRelay();
        m_routingSat[i] = role == v1::Node::SAT && !m_split[i];
        m_processing[i] = policy.processing_s[role];
        m_accessStack[i] = policy.accessStack_s[role];
        const int count = (m_split[i] || m_gwSplit[i]) ? 2 : 1;
        for (int k = 0; k < count; ++k)
        {
            m_nodeOfVertex.push_back(static_cast<int>(i));
            m_transit.push_back(policy.IsTransit(role) ? 1 : 0);
        }
    }
}

int
RoutingGraph::AnchorOf(const SnapshotLink& l) const
{
    const auto& nodes = m_world.Nodes();
    auto relay = [&](int n) { return m_policy.IsTransparentRelay(nodes[n].role); };
    switch (l.kind)
    {
    case LinkKind::ServiceSpace:
    case LinkKind::ServiceAir:
    case LinkKind::ServiceGround: {
        // The serving end (the one that is not the terminal), unless it only relays.
        const int server = nodes[l.a].role == v1::Node::UT ? l.b : l.a;
        return nodes[server].role == v1::Node::UT || relay(server) ? -1 : server;
    }
    case LinkKind::Feeder:
    case LinkKind::AirGround:
    case LinkKind::AirSpace: {
        // A transparent relay's backhaul (a link on its Up face): the other end is its gNB.
        auto backhaulOf = [&](int r) { return relay(r) && FaceOf(nodes[r].role, l.kind) == Face::Up; };
        if (backhaulOf(l.a) && !relay(l.b))
        {
            return l.b;
        }
        if (backhaulOf(l.b) && !relay(l.a))
        {
            return l.a;
        }
        return -1;
    }
    default:
        return -1;
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
    if (m_gwSplit[node])
    {
        return m_base[node]; // the "descended" vertex is reached only as ArrivesDescended says
    }
    return m_base[node] + ((m_split[node] && face == Face::Up) ? 1 : 0);
}

bool
RoutingGraph::ArrivesDescended(int fromVertex, int link) const
{
    if (link < 0 || link >= static_cast<int>(m_linkKind.size()))
    {
        return false;
    }
    const int from = m_nodeOfVertex[fromVertex];
    const LinkKind kind = m_linkKind[link];
    return (kind == LinkKind::Feeder && m_routingSat[from]) ||
           (kind == LinkKind::Terrestrial && m_gwSplit[from] && fromVertex == m_base[from] + 1);
}

void
RoutingGraph::Build(const TopologySnapshot& snap)
{
    const auto& nodes = m_world.Nodes();
    m_edgeScratch.clear();
    m_arcScratch.clear();
    m_minWeight = std::numeric_limits<double>::infinity();
    m_maxWeight = 0.0;
    auto push = [&](int u, int v, double weight, int link) {
        RoutingArc a;
        a.weight = weight;
        a.link = link;
        m_edgeScratch.emplace_back(v, u); // reversed
        m_arcScratch.push_back(a);
        m_minWeight = std::min(m_minWeight, a.weight);
        m_maxWeight = std::max(m_maxWeight, a.weight);
    };
    auto arc = [&](int from, Face fromFace, int to, Face toFace, double delay, int link) {
        const int anchor = m_linkAnchor[link];
        const double weight = delay + m_processing[from] + (anchor >= 0 ? m_accessStack[anchor] : 0.0) +
                              (m_fewestHops ? 1000.0 : 0.0);
        const int u = OutVertex(from, fromFace);
        const int v = InVertex(to, toFace);
        const int descended = m_gwSplit[to] ? m_base[to] + 1 : v;
        push(u, ArrivesDescended(u, link) ? descended : v, weight, link);
        // A ground node's "descended" vertex (traffic that came down from a routing satellite)
        // goes anywhere but back up to a routing satellite; on fiber it stays descended.
        if (m_gwSplit[from] && !m_routingSat[to])
        {
            const int d = m_base[from] + 1;
            push(d, ArrivesDescended(d, link) ? descended : v, weight, link);
        }
    };
    m_linkAnchor.assign(snap.links.size(), -1);
    m_linkKind.resize(snap.links.size());
    for (size_t i = 0; i < snap.links.size(); ++i)
    {
        m_linkAnchor[i] = AnchorOf(snap.links[i]);
        m_linkKind[i] = snap.links[i].kind;
    }
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
