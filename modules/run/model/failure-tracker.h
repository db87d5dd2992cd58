// What failures cost in a packet-level run: which flows each failure hit (their paths at the
// moment it started), the packets they lost until they got through again and how long that
// took, and each user terminal's time without a working route (no path, or a path through an
// element that is out of service). Fills RunResult.failures.
#ifndef SAGIN_RUN_FAILURE_TRACKER_H
#define SAGIN_RUN_FAILURE_TRACKER_H

#include "routing/model/topology-controller.h"
#include "sagin/v1/result.pb.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace sagin
{

/// One packet of a flow: its send time and whether it arrived (ping: the echo request).
struct SentPacket
{
    std::int64_t sentNs = 0;
    bool delivered = false;
};

class FailureTracker
{
  public:
    /// `flows`: (source, destination) world nodes of every flow; `measured[i]`: flow i has
    /// packet records (CBR, ping). Outage is counted over [warmup_s, end_s].
    FailureTracker(const TopologyController& controller,
                   std::vector<std::pair<int, int>> flows,
                   std::vector<char> measured,
                   double warmup_s,
                   double end_s);

    /// Schedules the ns-3 events at the start and end of every failure (call before the run).
    void Schedule();
    /// After every topology update: the routes changed.
    void OnUpdate();
    /// Fills `out` after the run; `packets[i]` are flow i's packets in sending order.
    void Fill(const std::vector<std::vector<SentPacket>>& packets, v1::FailureSummary& out);

  private:
    /// Whether flow i's current path is usable at t (every node and ISL of it in service).
    bool Working(size_t flow, double t) const;
    /// Accumulates outage up to now, then re-evaluates every terminal.
    void Evaluate();
    void OnFailureStart(size_t interval);

    const TopologyController& m_controller;
    std::vector<std::pair<int, int>> m_flows;
    std::vector<char> m_measured;
    double m_warmup_s;
    double m_end_s;
    std::vector<int> m_terminals;                  ///< user terminals that are flow endpoints
    std::vector<std::vector<size_t>> m_termFlows; ///< their flows
    std::vector<char> m_down;                     ///< terminal without a working route now
    std::vector<double> m_outage_s;
    double m_last_s = 0.0;
    std::vector<std::vector<size_t>> m_affected; ///< per failure interval: flows it hit
};

} // namespace sagin

#endif
