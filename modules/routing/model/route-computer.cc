#include "routing/model/route-computer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sagin
{

void
ForwardingTable::Reset(const std::vector<int>& destinations, int nodeCount, int vertexCount)
{
    m_destinations = destinations;
    m_destIndex.assign(nodeCount, -1);
    for (size_t i = 0; i < destinations.size(); ++i)
    {
        m_destIndex[destinations[i]] = static_cast<int>(i);
    }
    m_vertexCount = vertexCount;
    const size_t n = destinations.size() * static_cast<size_t>(vertexCount);
    m_nextVertex.assign(n, -1);
    m_nextLink.assign(n, -1);
    m_metric.assign(n, std::numeric_limits<double>::infinity());
}

void
RouteComputer::Compute(const RoutingGraph& graph, ForwardingTable& table)
{
    for (size_t d = 0; d < table.Destinations().size(); ++d)
    {
        const int node = table.Destinations()[d];
        ComputeTree(graph,
                    graph.EndVertex(node),
                    table.MetricColumn(d),
                    table.NextVertexColumn(d),
                    table.NextLinkColumn(d),
                    graph.SecondEndVertex(node));
    }
}

void
RouteComputer::ComputeTree(const RoutingGraph& graph,
                           int target,
                           double* metric,
                           std::int32_t* nextVertex,
                           std::int32_t* nextLink,
                           int target2)
{
    const int n = graph.VertexCount();
    std::fill(metric, metric + n, std::numeric_limits<double>::infinity());
    std::fill(nextVertex, nextVertex + n, -1);
    std::fill(nextLink, nextLink + n, -1);
    const double wmin = graph.MinWeight();
    const double wmax = graph.MaxWeight();
    if (wmin > 0.0 && wmax / wmin < 4096.0)
    {
        BucketSearch(graph, target, metric, nextVertex, nextLink, target2);
    }
    else
    {
        HeapSearch(graph, target, metric, nextVertex, nextLink, target2);
    }
}

void
RouteComputer::BucketSearch(const RoutingGraph& graph,
                            int target,
                            double* dist,
                            std::int32_t* nextVertex,
                            std::int32_t* nextLink,
                            int target2)
{
    const auto& g = graph.Reverse();
    const int n = graph.VertexCount();
    const double inv = 1.0 / graph.MinWeight();
    // Distances of queued vertices lie within max weight of the current bucket: a ring of
    // ceil(max / min) + 2 buckets never wraps onto itself.
    const size_t ring = static_cast<size_t>(std::ceil(graph.MaxWeight() * inv)) + 2;
    if (m_buckets.size() < ring)
    {
        m_buckets.resize(ring);
    }
    for (size_t i = 0; i < ring; ++i)
    {
        m_buckets[i].clear();
    }
    m_done.assign(n, 0);
    const auto& rowStart = g.m_forward.m_rowstart;
    const auto& column = g.m_forward.m_column;
    const auto& props = g.m_forward.m_edge_properties;

    dist[target] = 0.0;
    m_buckets[0].push_back(target);
    long pending = 1;
    if (target2 >= 0)
    {
        dist[target2] = 0.0;
        m_buckets[0].push_back(target2);
        ++pending;
    }
    for (long current = 0; pending > 0; ++current)
    {
        auto& bucket = m_buckets[static_cast<size_t>(current) % ring];
        while (!bucket.empty())
        {
            const int v = bucket.back();
            bucket.pop_back();
            --pending;
            if (m_done[v] || static_cast<long>(dist[v] * inv) != current)
            {
                continue; // settled already, or a stale entry
            }
            m_done[v] = 1;
            if (v != target && v != target2 && !graph.IsTransit(v))
            {
                continue; // a path may end here but not pass through
            }
            const double d = dist[v];
            for (auto e = rowStart[v]; e < rowStart[v + 1]; ++e)
            {
                const int u = static_cast<int>(column[e]);
                const double nd = d + props[e].weight;
                if (nd < dist[u])
                {
                    dist[u] = nd;
                    nextVertex[u] = v;
                    nextLink[u] = props[e].link;
                    m_buckets[static_cast<size_t>(static_cast<long>(nd * inv)) % ring].push_back(u);
                    ++pending;
                }
            }
        }
    }
}

void
RouteComputer::HeapSearch(const RoutingGraph& graph,
                          int target,
                          double* dist,
                          std::int32_t* nextVertex,
                          std::int32_t* nextLink,
                          int target2)
{
    const auto& g = graph.Reverse();
    const auto& rowStart = g.m_forward.m_rowstart;
    const auto& column = g.m_forward.m_column;
    const auto& props = g.m_forward.m_edge_properties;
    auto cmp = [](const std::pair<double, int>& a, const std::pair<double, int>& b) { return a.first > b.first; };
    m_heap.clear();
    dist[target] = 0.0;
    m_heap.emplace_back(0.0, target);
    if (target2 >= 0)
    {
        dist[target2] = 0.0;
        m_heap.emplace_back(0.0, target2);
    }
    while (!m_heap.empty())
    {
        std::pop_heap(m_heap.begin(), m_heap.end(), cmp);
        auto [d, v] = m_heap.back();
        m_heap.pop_back();
        if (d > dist[v])
        {
            continue;
        }
        if (v != target && v != target2 && !graph.IsTransit(v))
        {
            continue;
        }
        for (auto e = rowStart[v]; e < rowStart[v + 1]; ++e)
        {
            const int u = static_cast<int>(column[e]);
            const double nd = d + props[e].weight;
            if (nd < dist[u])
            {
                dist[u] = nd;
                nextVertex[u] = v;
                nextLink[u] = props[e].link;
                m_heap.emplace_back(nd, u);
                std::push_heap(m_heap.begin(), m_heap.end(), cmp);
            }
        }
    }
}

} // namespace sagin
