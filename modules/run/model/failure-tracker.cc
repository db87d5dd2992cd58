#include "run/model/failure-tracker.h"

#include "metrics/model/statistics.h"

#include <ns3/simulator.h>

#include <algorithm>
#include <limits>

namespace sagin
{

FailureTracker::FailureTracker(const TopologyController& controller,
                               std::vector<std::pair<int, int>> flows,
                               std::vector<char> measured,
                               double warmup_s,
                               double end_s)
    : m_controller(controller),
      m_flows(std::move(flows)),
      m_measured(std::move(measured)),
      m_warmup_s(warmup_s),
      m_end_s(end_s)
{
    const auto& nodes = controller.Builder().GetWorld().Nodes();
    for (size_t i = 0; i < m_flows.size(); ++i)
    {
        for (int end : {m_flows[i].first, m_flows[i].second})
        {
            if (nodes[end].role != v1::Node::UT)
            {
                continue;
            }
            auto it = std::find(m_terminals.begin(), m_terminals.end(), end);
            if (it == m_terminals.end())
            {
                m_terminals.push_back(end);
                m_termFlows.emplace_back();
                it = m_terminals.end() - 1;
            }
            auto& list = m_termFlows[it - m_terminals.begin()];
            if (list.empty() || list.back() != i)
            {
                list.push_back(i);
            }
        }
    }
    m_down.assign(m_terminals.size(), 0);
    m_outage_s.assign(m_terminals.size(), 0.0);
    m_affected.resize(controller.Builder().FailureIntervals().size());
}

void
FailureTracker::Schedule()
{
    const auto& intervals = m_controller.Builder().FailureIntervals();
    const double now = ns3::Simulator::Now().GetSeconds();
    for (size_t k = 0; k < intervals.size(); ++k)
    {
        const auto& f = intervals[k];
        if (f.start_s >= now && f.start_s <= m_end_s)
        {
            ns3::Simulator::Schedule(ns3::Seconds(f.start_s - now),
                                     &FailureTracker::OnFailureStart,
                                     this,
                                     k);
        }
        if (f.end_s >= now && f.end_s <= m_end_s)
        {
            ns3::Simulator::Schedule(ns3::Seconds(f.end_s - now), &FailureTracker::Evaluate, this);
        }
    }
    // Site failures (no per-event results) change the terminals' routes too.
    for (const auto& f : m_controller.Builder().GetWorld().Scenario().site_failures())
    {
        for (double t : {f.start_s(), f.end_s()})
        {
            if (t > now && t <= m_end_s)
            {
                ns3::Simulator::Schedule(ns3::Seconds(t - now), &FailureTracker::Evaluate, this);
            }
        }
    }
}

void
FailureTracker::OnUpdate()
{
    Evaluate();
}

bool
FailureTracker::Working(size_t flow, double t) const
{
    const PathResult path = m_controller.Path(m_flows[flow].first, m_flows[flow].second);
    if (!path.reachable)
    {
        return false;
    }
    const auto& builder = m_controller.Builder();
    if (!builder.HasFailures())
    {
        return true;
    }
    const double never = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < path.nodes.size(); ++i)
    {
        const int peer = i + 1 < path.nodes.size() ? path.nodes[i + 1] : -1;
        if (builder.FailedUnnoticed(path.nodes[i], peer, t, never))
        {
            return false;
        }
    }
    return true;
}

void
FailureTracker::Evaluate()
{
    const double now = ns3::Simulator::Now().GetSeconds();
    const double from = std::max(m_last_s, m_warmup_s);
    const double to = std::min(now, m_end_s);
    for (size_t i = 0; i < m_terminals.size(); ++i)
    {
        if (m_down[i] && to > from)
        {
            m_outage_s[i] += to - from;
        }
    }
    m_last_s = std::max(m_last_s, now);
    for (size_t i = 0; i < m_terminals.size(); ++i)
    {
        bool down = false;
        for (size_t f : m_termFlows[i])
        {
            down |= !Working(f, now);
        }
        m_down[i] = down;
    }
}

void
FailureTracker::OnFailureStart(size_t interval)
{
    const auto& f = m_controller.Builder().FailureIntervals()[interval];
    for (size_t i = 0; i < m_flows.size(); ++i)
    {
        if (!m_measured[i])
        {
            continue;
        }
        const PathResult path = m_controller.Path(m_flows[i].first, m_flows[i].second);
        bool hit = false;
        for (size_t n = 0; path.reachable && n < path.nodes.size() && !hit; ++n)
        {
            if (f.node >= 0)
            {
                hit = path.nodes[n] == f.node;
            }
            else if (n + 1 < path.nodes.size())
            {
                const int a = std::min(path.nodes[n], path.nodes[n + 1]);
                const int b = std::max(path.nodes[n], path.nodes[n + 1]);
                hit = a == f.islA && b == f.islB;
            }
        }
        if (hit)
        {
            m_affected[interval].push_back(i);
        }
    }
    Evaluate();
}

void
FailureTracker::Fill(const std::vector<std::vector<SentPacket>>& packets, v1::FailureSummary& out)
{
    m_last_s = std::min(m_last_s, m_end_s);
    {
        // Close the outage accounting at the end of the run (the state since the last
        // evaluation holds until then).
        const double from = std::max(m_last_s, m_warmup_s);
        for (size_t i = 0; i < m_terminals.size(); ++i)
        {
            if (m_down[i] && m_end_s > from)
            {
                m_outage_s[i] += m_end_s - from;
            }
        }
        m_last_s = m_end_s;
    }
    const auto& nodes = m_controller.Builder().GetWorld().Nodes();
    const auto& intervals = m_controller.Builder().FailureIntervals();
    for (size_t k = 0; k < intervals.size(); ++k)
    {
        const auto& f = intervals[k];
        v1::FailureEventResult* e = out.add_events();
        e->set_event(f.event);
        e->set_element(f.node >= 0 ? nodes[f.node].name
                                   : "isl:" + nodes[f.islA].name + "/" + nodes[f.islB].name);
        e->set_start_s(f.start_s);
        if (f.end_s < std::numeric_limits<double>::infinity())
        {
            e->set_end_s(f.end_s);
        }
        e->set_affected_flows(static_cast<std::uint32_t>(m_affected[k].size()));
        const auto startNs = static_cast<std::int64_t>(std::llround(f.start_s * 1e9));
        std::uint64_t lost = 0;
        double recovery = 0.0;
        bool recovered = !m_affected[k].empty();
        for (size_t flow : m_affected[k])
        {
            bool back = false;
            for (const auto& p : packets[flow])
            {
                if (p.sentNs < startNs)
                {
                    continue;
                }
                if (p.delivered)
                {
                    recovery = std::max(recovery, (p.sentNs - startNs) * 1e-9);
                    back = true;
                    break;
                }
                ++lost;
            }
            recovered &= back;
        }
        e->set_packets_lost(lost);
        if (recovered)
        {
            e->set_recovery_s(recovery);
        }
    }
    out.set_terminals(static_cast<std::uint32_t>(m_terminals.size()));
    std::vector<double> outage = m_outage_s;
    Summarize(outage, *out.mutable_terminal_outage_s());
    const double span = m_end_s - m_warmup_s;
    if (!m_terminals.empty() && span > 0.0)
    {
        double total = 0.0;
        for (double o : m_outage_s)
        {
            total += o;
        }
        out.set_availability(1.0 - total / (span * m_terminals.size()));
    }
}

} // namespace sagin
