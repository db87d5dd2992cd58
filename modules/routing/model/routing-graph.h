// The directed graph routes are computed on, built from a topology snapshot with Boost.Graph.
//
// Vertices: one per node, two for a transparent relay (a bent-pipe satellite, a relay HAPS or
// UAV): its "up" vertex carries traffic that arrived on its Down face toward its Up face, its
// "down" vertex the reverse, so no path can turn around inside a bent pipe. Arcs: both
// directions of every snapshot link, from the sender's out-vertex to the receiver's in-vertex.
// An arc's weight is the link's propagation delay plus the sender's processing delay (the
// processing of a node that forwards), or, with FEWEST_HOPS, 1000 s per hop plus that delay.
// Vertices of nodes that may not carry transit traffic (user terminals; gateways under
// no_gateway_transit) are path ends only.
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

    /// Processing delay (s) a node adds when it forwards.
    double ProcessingDelay(int node) const
    {
        return m_processing[node];
    }

    bool FewestHops() const
    {
        return m_fewestHops;
    }

  private:
    const World& m_world;
    std::vector<int> m_base;
    std::vector<bool> m_split;
    std::vector<int> m_nodeOfVertex;
    std::vector<char> m_transit;
    std::vector<double> m_processing;
    bool m_fewestHops;
    ReverseGraph m_reverse;
    std::vector<std::pair<int, int>> m_edgeScratch;
    std::vector<RoutingArc> m_arcScratch;
    double m_minWeight = 0.0;
    double m_maxWeight = 0.0;
};

} // namespace sagin

#endif
