// The directed graph routes are computed on, built from a topology snapshot with Boost.Graph.
//
// Vertices: one per node, two for a transparent relay (a bent-pipe satellite, a relay HAPS or
// UAV): its "up" vertex carries traffic that arrived on its Down face toward its Up face, its
// "down" vertex the reverse, so no path can turn around inside a bent pipe. Arcs: both
// directions of every snapshot link, from the sender's out-vertex to the receiver's in-vertex.
// An arc's weight is the link's propagation delay plus the sender's processing delay (the
// processing of a node that forwards), or, with FEWEST_HOPS, 1000 s per hop plus that delay.
// Vertices of nodes that may not carry transit traffic (user terminals; gateways under
// no_gateway_transit) are path ends only. Unless the standard allows ground-station relaying
// (routing.gateway_space_relay), every gateway, base station and core has two vertices too: one
// for traffic that entered the ground network otherwise (or starts there), which may leave on any
// link, and a "descended" one for traffic that came down a feeder from a routing (regenerative)
// satellite, which stays descended on fiber and may leave on any link but a feeder back up to a
// routing satellite: ISL traffic never bounces off the ground (not even through a fiber detour).
// Processing: an arc adds the sender's forwarding delay, and a link on which a gNB terminates a
// terminal's access (AccessAnchor) adds that gNB's access-stack delay in both directions.
#ifndef SAGIN_ROUTING_ROUTING_GRAPH_H
#define SAGIN_ROUTING_ROUTING_GRAPH_H

#include "routing/model/standard-policy.h"
#include "routing/model/topology-snapshot.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <vector>

namespace sagin
{

/// Properties of an arc of the reversed graph: the original arc goes from the target of the
/// reversed arc to its source.
struct RoutingArc
{
    double weight = 0.0;
    std::int32_t link = -1; ///< index into TopologySnapshot::links
};

class RoutingGraph
{
  public:
    /// Reversed graph: an edge x -> y stands for the original arc y -> x, so a search from a
    /// destination walks toward every possible source.
    using ReverseGraph =
        boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, RoutingArc>;

    /// Lays out the vertices of every node (fixed for a world and a standard).
    RoutingGraph(const World& world, const StandardPolicy& policy);

    /// Rebuilds the arcs for a snapshot.
    void Build(const TopologySnapshot& snapshot);

    int VertexCount() const
    {
        return static_cast<int>(m_nodeOfVertex.size());
    }

    int NodeOfVertex(int v) const
    {
        return m_nodeOfVertex[v];
    }

    bool IsTransit(int v) const
    {
        return m_transit[v];
    }

    /// The vertex a packet from `node` leaves by when it uses `face`, and the vertex it is at
    /// after arriving on `face`.
    int OutVertex(int node, Face face) const;
    int InVertex(int node, Face face) const;
    /// The vertex of a node that originates or terminates traffic (its "up" vertex if split).
    int EndVertex(int node) const
    {
        return m_base[node];
    }

    /// True when a packet leaving vertex `fromVertex` over snapshot link `link` arrives at the
    /// other end's "descended" vertex (when that end has one): it comes down a feeder from a
    /// routing satellite, or over fiber from a descended vertex.
    bool ArrivesDescended(int fromVertex, int link) const;

    /// A second vertex where traffic to `node` may end (a ground node's "descended" vertex), or -1.
    int SecondEndVertex(int node) const
    {
        return m_gwSplit[node] ? m_base[node] + 1 : -1;
    }

    bool IsSplit(int node) const
    {
        return m_split[node];
    }

    const ReverseGraph& Reverse() const
    {
        return m_reverse;
    }

    /// Smallest and largest arc weight of the current graph.
    double MinWeight() const
    {
        return m_minWeight;
    }

    double MaxWeight() const
    {
        return m_maxWeight;
    }

    /// Forwarding delay (s) a node adds when it forwards (without any access stack).
    double ProcessingDelay(int node) const
    {
        return m_processing[node];
    }

    /// The node that runs the access stack of a terminal across snapshot link `link` (the gNB
    /// end of a service link or of a transparent relay's backhaul), or -1 (also for link -1).
    int AccessAnchor(int link) const
    {
        return link >= 0 && link < static_cast<int>(m_linkAnchor.size()) ? m_linkAnchor[link] : -1;
    }

    /// The processing delay (s) of `node` forwarding a packet that arrived over snapshot link
    /// `inLink` (-1: unknown or none) and leaves over `outLink`: its forwarding delay plus its
    /// access stack once for each of the two links it anchors.
    double ForwardingDelay(int node, int inLink, int outLink) const
    {
        double d = m_processing[node];
        if (AccessAnchor(inLink) == node)
        {
            d += m_accessStack[node];
        }
        if (AccessAnchor(outLink) == node)
        {
            d += m_accessStack[node];
        }
        return d;
    }

    /// The access-stack delay (s) at an end of a path: `node` is where the packet starts (or
    /// ends) and `link` the path's first (or last) link. The stack runs there when that node
    /// anchors the link, e.g. a server hosted on the gNB its client reaches over a service link.
    double EndpointDelay(int node, int link) const
    {
        return AccessAnchor(link) == node ? m_accessStack[node] : 0.0;
    }

    /// Access-stack delay (s) of a node (0 unless it can be a gNB).
    double AccessStackDelay(int node) const
    {
        return m_accessStack[node];
    }

  private:
    /// The gNB end of a link (see AccessAnchor), or -1.
    int AnchorOf(const SnapshotLink& link) const;

    const World& m_world;
    const StandardPolicy& m_policy;
    std::vector<int> m_base;
    std::vector<bool> m_split;
    std::vector<int> m_nodeOfVertex;
    std::vector<char> m_transit;
    std::vector<double> m_processing;
    std::vector<double> m_accessStack;
    std::vector<char> m_gwSplit;    ///< ground node with a "descended" vertex (base + 1)
    std::vector<char> m_routingSat; ///< regenerative satellite
    std::vector<LinkKind> m_linkKind; ///< by snapshot link
    std::vector<int> m_linkAnchor;  ///< by snapshot link: the gNB node, or -1
    bool m_fewestHops;
    ReverseGraph m_reverse;
    std::vector<std::pair<int, int>> m_edgeScratch;
    std::vector<RoutingArc> m_arcScratch;
    double m_minWeight = 0.0;
    double m_maxWeight = 0.0;
};

} // namespace sagin

#endif
