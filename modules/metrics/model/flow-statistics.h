// Metrics of a run from its packet records: per-flow and run-wide latency distributions, jitter,
// loss, the latency breakdown, goodput, and which user terminals were served. The run feeds every
// counted packet (sent after the warm-up) and every delivery here; statistics without samples
// stay unset (null in summary.json), never 0.
#ifndef SAGIN_METRICS_FLOW_STATISTICS_H
#define SAGIN_METRICS_FLOW_STATISTICS_H

#include "sagin/v1/result.pb.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sagin
{

/// Time per part of the network (ns), in the order of sagin.v1.Breakdown's fields: access,
/// feeder, isl, air, terrestrial, processing, queueing.
constexpr int kBreakdownParts = 7;
using BreakdownNs = std::array<std::int64_t, kBreakdownParts>;

/// Sets a Breakdown to the mean of `sumNs` over `count` packets, in ms; leaves it unset (null)
/// when count is 0.
void SetMeanBreakdown(const std::array<double, kBreakdownParts>& sumNs, std::uint64_t count, v1::Breakdown& out);

/// Sent, received and lost counts with the loss and delivered fractions (unset, null, when
/// nothing was sent).
void SetPacketCounts(std::uint64_t sent, std::uint64_t received, v1::PacketCounts& out);

/// The samples of one flow. Jitter is the mean |difference| of consecutive one-way delays of the
/// flow's forward direction, in order of sending (RFC 3550 style, without smoothing).
class FlowStatistics
{
  public:
    /// A packet (or ping probe) counted: sent after the warm-up.
    void AddSent();
    /// A delivery of a counted packet in the forward direction (counts toward jitter), or of a
    /// ping's echo on the way back (`forward` false: latency only).
    void AddDelivery(double oneWayMs, const BreakdownNs& breakdown, bool forward);
    /// A counted packet (probe) that arrived; call once per packet, whatever its legs.
    void AddReceived();
    /// A ping's round trip.
    void AddRoundTrip(double rttMs);
    /// A TCP flow's goodput at its receiver (bit/s) over its measured interval.
    void SetGoodput(double bitsPerSecond);

    std::uint64_t Sent() const
    {
        return m_sent;
    }

    std::uint64_t Received() const
    {
        return m_received;
    }

    /// Fills a FlowResult's statistics (leaves group, kind, src and dst alone).
    void Fill(v1::FlowResult& out) const;

  private:
    friend class RunStatistics;
    std::vector<double> m_oneWay;
    std::vector<double> m_rtt;
    std::array<double, kBreakdownParts> m_breakdownSumNs{};
    double m_jitterSum = 0.0;
    std::uint64_t m_jitterPairs = 0;
    std::optional<double> m_previousForward;
    std::uint64_t m_sent = 0;
    std::uint64_t m_received = 0;
    std::optional<double> m_goodputMbps;
};

/// A run's flows together.
class RunStatistics
{
  public:
    /// Adds a flow between two endpoints; `srcIsTerminal`/`dstIsTerminal` say which endpoints are
    /// user terminals (for the served-terminal count).
    void AddFlow(const FlowStatistics& flow,
                 const std::string& src,
                 bool srcIsTerminal,
                 const std::string& dst,
                 bool dstIsTerminal);

    /// Fills latency, packets, service and tcp_goodput_mbps of a RunResult.
    void Fill(v1::RunResult& out) const;

  private:
    std::vector<double> m_oneWay;
    std::vector<double> m_rtt;
    std::array<double, kBreakdownParts> m_breakdownSumNs{};
    std::uint64_t m_breakdownCount = 0;
    double m_jitterSum = 0.0;
    std::uint64_t m_jitterPairs = 0;
    std::uint64_t m_sent = 0;
    std::uint64_t m_received = 0;
    double m_goodputSum = 0.0;
    std::uint64_t m_tcpFlows = 0;
    /// Terminal name -> served (at least one delivered packet in a flow it is an endpoint of).
    std::map<std::string, bool> m_terminals;
};

} // namespace sagin

#endif
