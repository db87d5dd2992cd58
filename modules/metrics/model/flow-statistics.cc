#include "metrics/model/flow-statistics.h"

#include "metrics/model/statistics.h"

#include <cmath>

namespace sagin
{

void
SetMeanBreakdown(const std::array<double, kBreakdownParts>& sumNs, std::uint64_t count, v1::Breakdown& out)
{
    out.Clear();
    if (count == 0)
    {
        return;
    }
    const double n = static_cast<double>(count);
    auto ms = [&](int i) { return sumNs[static_cast<size_t>(i)] / n * 1e-6; };
    out.set_access(ms(0));
    out.set_feeder(ms(1));
    out.set_isl(ms(2));
    out.set_air(ms(3));
    out.set_terrestrial(ms(4));
    out.set_processing(ms(5));
    out.set_queueing(ms(6));
}

void
SetPacketCounts(std::uint64_t sent, std::uint64_t received, v1::PacketCounts& out)
{
    out.Clear();
    out.set_sent(sent);
    out.set_received(received);
    out.set_lost(sent - received);
    if (sent > 0)
    {
        out.set_loss_fraction(static_cast<double>(sent - received) / static_cast<double>(sent));
        out.set_delivered_fraction(static_cast<double>(received) / static_cast<double>(sent));
    }
}

void
FlowStatistics::AddSent()
{
    ++m_sent;
}

void
FlowStatistics::AddReceived()
{
    ++m_received;
}

void
FlowStatistics::AddDelivery(double oneWayMs, const BreakdownNs& breakdown, bool forward)
{
    m_oneWay.push_back(oneWayMs);
    for (int c = 0; c < kBreakdownParts; ++c)
    {
        m_breakdownSumNs[static_cast<size_t>(c)] += static_cast<double>(breakdown[static_cast<size_t>(c)]);
    }
    if (forward)
    {
        if (m_previousForward)
        {
            m_jitterSum += std::fabs(oneWayMs - *m_previousForward);
            ++m_jitterPairs;
        }
        m_previousForward = oneWayMs;
    }
}

void
FlowStatistics::AddRoundTrip(double rttMs)
{
    m_rtt.push_back(rttMs);
}

void
FlowStatistics::SetGoodput(double bitsPerSecond)
{
    m_goodputMbps = bitsPerSecond / 1e6;
}

void
FlowStatistics::Fill(v1::FlowResult& out) const
{
    std::vector<double> oneWay = m_oneWay;
    std::vector<double> rtt = m_rtt;
    Summarize(oneWay, *out.mutable_one_way_ms());
    Summarize(rtt, *out.mutable_rtt_ms());
    out.clear_jitter_ms();
    if (m_jitterPairs > 0)
    {
        out.set_jitter_ms(m_jitterSum / static_cast<double>(m_jitterPairs));
    }
    SetMeanBreakdown(m_breakdownSumNs, m_oneWay.size(), *out.mutable_breakdown_ms());
    SetPacketCounts(m_sent, m_received, *out.mutable_packets());
    out.clear_goodput_mbps();
    if (m_goodputMbps)
    {
        out.set_goodput_mbps(*m_goodputMbps);
    }
}

void
RunStatistics::AddFlow(const FlowStatistics& flow,
                       const std::string& src,
                       bool srcIsTerminal,
                       const std::string& dst,
                       bool dstIsTerminal)
{
    m_oneWay.insert(m_oneWay.end(), flow.m_oneWay.begin(), flow.m_oneWay.end());
    m_rtt.insert(m_rtt.end(), flow.m_rtt.begin(), flow.m_rtt.end());
    for (int c = 0; c < kBreakdownParts; ++c)
    {
        m_breakdownSumNs[static_cast<size_t>(c)] += flow.m_breakdownSumNs[static_cast<size_t>(c)];
    }
    m_breakdownCount += flow.m_oneWay.size();
    m_jitterSum += flow.m_jitterSum;
    m_jitterPairs += flow.m_jitterPairs;
    m_sent += flow.m_sent;
    m_received += flow.m_received;
    if (flow.m_goodputMbps)
    {
        m_goodputSum += *flow.m_goodputMbps;
        ++m_tcpFlows;
    }
    // Packet flows with traffic after the warm-up decide which terminals were served.
    if (flow.m_sent > 0)
    {
        for (const auto& [name, isTerminal] : {std::pair{src, srcIsTerminal}, std::pair{dst, dstIsTerminal}})
        {
            if (isTerminal)
            {
                bool& served = m_terminals[name];
                served = served || flow.m_received > 0;
            }
        }
    }
}

void
RunStatistics::Fill(v1::RunResult& out) const
{
    std::vector<double> oneWay = m_oneWay;
    std::vector<double> rtt = m_rtt;
    v1::LatencySummary* l = out.mutable_latency();
    Summarize(oneWay, *l->mutable_one_way_ms());
    Summarize(rtt, *l->mutable_rtt_ms());
    l->clear_jitter_ms();
    if (m_jitterPairs > 0)
    {
        l->set_jitter_ms(m_jitterSum / static_cast<double>(m_jitterPairs));
    }
    l->set_jitter_samples(m_jitterPairs);
    SetMeanBreakdown(m_breakdownSumNs, m_breakdownCount, *l->mutable_breakdown_ms());

    SetPacketCounts(m_sent, m_received, *out.mutable_packets());

    out.clear_tcp_goodput_mbps();
    if (m_tcpFlows > 0)
    {
        out.set_tcp_goodput_mbps(m_goodputSum / static_cast<double>(m_tcpFlows));
    }

    v1::ServiceSummary* s = out.mutable_service();
    s->Clear();
    std::uint64_t served = 0;
    for (const auto& [name, ok] : m_terminals)
    {
        served += ok ? 1 : 0;
    }
    s->set_terminals_with_traffic(m_terminals.size());
    s->set_terminals_served(served);
    if (!m_terminals.empty())
    {
        s->set_served_fraction(static_cast<double>(served) / static_cast<double>(m_terminals.size()));
    }
}

} // namespace sagin
