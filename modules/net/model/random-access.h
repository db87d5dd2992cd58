// Initial access (access.initial_access): the random-access procedure of each idle terminal,
// resolved when its first packet reaches its access link. The attempts' timing comes from
// InitialAccessAttempt (routing/model/handover-procedure.h); this class holds the terminals'
// connection state, the preambles chosen per cell and RACH occasion (collisions), the seeded
// draws and what the run reports (control-plane latency, RACH failures, signalling).
#ifndef SAGIN_NET_RANDOM_ACCESS_H
#define SAGIN_NET_RANDOM_ACCESS_H

#include "routing/model/handover-procedure.h"

#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sagin
{

class RandomAccess
{
  public:
    /// `uniform` draws in [0, 1) (the run's seeded stream).
    RandomAccess(const InitialAccessParameters& p, std::function<double()> uniform);

    /// When (ns) `terminal`, served by the cell of `cell` with one-way delay `oneWayNs` to its
    /// gNB, may send a packet that reaches its access link at `nowNs`: at once when connected,
    /// else when the random access this packet starts (or one in progress) ends; -1 when that
    /// procedure fails (every attempt collided) and until its failure is noticed.
    std::int64_t ReadyNs(int terminal, int cell, std::int64_t oneWayNs, std::int64_t nowNs);

    /// Per procedure that succeeded: time from the packet that started it to the end of its
    /// last message (ns), in order.
    const std::vector<std::int64_t>& LatenciesNs() const
    {
        return m_latencies;
    }

    /// Procedures that failed after max_attempts collisions.
    std::uint64_t Failures() const
    {
        return m_failures;
    }

    /// Every message of every attempt.
    const SignallingCounts& Messages() const
    {
        return m_messages;
    }

  private:
    struct Terminal
    {
        bool connected = false;
        std::int64_t readyNs = 0;        ///< connected: when the procedure ended
        std::int64_t lastActivityNs = 0; ///< connected: the last packet on the access link
        std::int64_t failedUntilNs = -1; ///< a failed procedure is noticed then
    };

    InitialAccessParameters m_p;
    std::function<double()> m_uniform;
    std::int64_t m_periodNs;
    std::unordered_map<int, Terminal> m_terminals;
    /// Preambles chosen by the simulated terminals per (occasion time, cell).
    std::map<std::pair<std::int64_t, int>, std::vector<unsigned>> m_chosen;
    std::vector<std::int64_t> m_latencies;
    std::uint64_t m_failures = 0;
    SignallingCounts m_messages;
};

} // namespace sagin

#endif
