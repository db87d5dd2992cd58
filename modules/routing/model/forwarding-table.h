// Forwarding state of one topology update: for every destination and every vertex of the
// routing graph, the next vertex and the link to it. Lookup is two array reads.
#ifndef SAGIN_ROUTING_FORWARDING_TABLE_H
#define SAGIN_ROUTING_FORWARDING_TABLE_H

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace sagin
{

class ForwardingTable
{
  public:
    /// Lays out the table for `destinations` (world node indices) over `vertexCount` vertices.
    void Reset(const std::vector<int>& destinations, int nodeCount, int vertexCount);

    int DestinationIndex(int node) const
    {
        return node >= 0 && node < static_cast<int>(m_destIndex.size()) ? m_destIndex[node] : -1;
    }

    const std::vector<int>& Destinations() const
    {
        return m_destinations;
    }

    int VertexCount() const
    {
        return m_vertexCount;
    }

    /// Next vertex from `vertex` toward destination index `d`, or -1 when unreachable.
    std::int32_t NextVertex(int d, int vertex) const
    {
        return m_nextVertex[static_cast<size_t>(d) * m_vertexCount + vertex];
    }

    /// Snapshot link used by that hop, or -1.
    std::int32_t NextLink(int d, int vertex) const
    {
        return m_nextLink[static_cast<size_t>(d) * m_vertexCount + vertex];
    }

    /// Route metric from `vertex` to destination `d` (infinity when unreachable).
    double Metric(int d, int vertex) const
    {
        return m_metric[static_cast<size_t>(d) * m_vertexCount + vertex];
    }

    // Raw columns for the route computer.
    std::int32_t* NextVertexColumn(int d)
    {
        return m_nextVertex.data() + static_cast<size_t>(d) * m_vertexCount;
    }

    std::int32_t* NextLinkColumn(int d)
    {
        return m_nextLink.data() + static_cast<size_t>(d) * m_vertexCount;
    }

    double* MetricColumn(int d)
    {
        return m_metric.data() + static_cast<size_t>(d) * m_vertexCount;
    }

  private:
    std::vector<int> m_destinations;
    std::vector<int> m_destIndex;
    int m_vertexCount = 0;
    std::vector<std::int32_t> m_nextVertex;
    std::vector<std::int32_t> m_nextLink;
    std::vector<double> m_metric;
};

} // namespace sagin

#endif
