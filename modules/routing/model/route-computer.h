// Shortest-path trees toward every destination, written into a forwarding table.
//
// One search per destination over the reversed routing graph (Boost CSR). The search is
// Dijkstra's algorithm with a bucket queue whose bucket width is the smallest arc weight
// (Dinitz 1978): a vertex in the current bucket cannot improve another vertex of the same
// bucket, so each bucket is settled in any order without a heap. It gives exactly Dijkstra's
// distances (tests compare it with boost::dijkstra_shortest_paths) and is about 1.6x faster than
// Boost's heap-based search on +Grid constellations. When the weight range would need too many
// buckets (a near-zero arc) it falls back to a binary heap.
#ifndef SAGIN_ROUTING_ROUTE_COMPUTER_H
#define SAGIN_ROUTING_ROUTE_COMPUTER_H

#include "routing/model/forwarding-table.h"
#include "routing/model/routing-graph.h"

#include <vector>

namespace sagin
{

class RouteComputer
{
  public:
    /// Fills `table` (already Reset for its destinations) from `graph`.
    void Compute(const RoutingGraph& graph, ForwardingTable& table);

    /// One destination: metric, next vertex and next link of every vertex toward `target` (and
    /// `target2`, a second vertex of the same node, when >= 0).
    void ComputeTree(const RoutingGraph& graph,
                     int target,
                     double* metric,
                     std::int32_t* nextVertex,
                     std::int32_t* nextLink,
                     int target2 = -1);

  private:
    void BucketSearch(const RoutingGraph& graph,
                      int target,
                      double* metric,
                      std::int32_t* nextVertex,
                      std::int32_t* nextLink,
                      int target2);
    void HeapSearch(const RoutingGraph& graph,
                    int target,
                    double* metric,
                    std::int32_t* nextVertex,
                    std::int32_t* nextLink,
                    int target2);

    std::vector<std::vector<int>> m_buckets;
    std::vector<char> m_done;
    std::vector<std::pair<double, int>> m_heap;
};

} // namespace sagin

#endif
