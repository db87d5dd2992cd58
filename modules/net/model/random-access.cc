#include "net/model/random-access.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

namespace
{

std::int64_t
Ns(double s)
{
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}

} // namespace

RandomAccess::RandomAccess(const InitialAccessParameters& p, std::function<double()> uniform)
    : m_p(p)
    , m_uniform(std::move(uniform))
    , m_periodNs(std::max<std::int64_t>(1, Ns(1.0 / p.occasionsPerS)))
{
}

std::int64_t
RandomAccess::ReadyNs(int terminal, int cell, std::int64_t oneWayNs, std::int64_t nowNs)
{
    Terminal& t = m_terminals[terminal];
    if (t.connected)
    {
        const bool idle = m_p.inactivityTimeout_s > 0.0 && nowNs >= t.readyNs
                          && nowNs - t.lastActivityNs > Ns(m_p.inactivityTimeout_s);
        if (!idle)
        {
            t.lastActivityNs = std::max(t.lastActivityNs, nowNs);
            return t.readyNs;
        }
        t.connected = false;
    }
    if (nowNs < t.failedUntilNs)
    {
        return -1;
    }
    // A new procedure, resolved attempt by attempt from now.
    m_chosen.erase(m_chosen.begin(), m_chosen.lower_bound({nowNs, -1}));
    const RandomAccessAttempt attempt = InitialAccessAttempt(m_p, oneWayNs * 1e-9);
    // Probability that none of the other_contenders picks a given preamble.
    const double clearOfOthers
        = std::pow(1.0 - 1.0 / m_p.preambles, static_cast<double>(m_p.otherContenders));
    std::int64_t from = nowNs; // the terminal may send a preamble from then
    for (unsigned n = 1;; ++n)
    {
        const std::int64_t occasion = (from + m_periodNs - 1) / m_periodNs * m_periodNs;
        const auto preamble
            = std::min(m_p.preambles - 1, static_cast<unsigned>(m_uniform() * m_p.preambles));
        bool collided = m_p.otherContenders > 0 && m_uniform() >= clearOfOthers;
        std::vector<unsigned>& chosen = m_chosen[{occasion, cell}];
        collided = collided || std::find(chosen.begin(), chosen.end(), preamble) != chosen.end();
        chosen.push_back(preamble);
        if (!collided)
        {
            m_messages += attempt.onSuccess;
            t.connected = true;
            t.readyNs = occasion + Ns(attempt.success_s);
            t.lastActivityNs = t.readyNs;
            m_latencies.push_back(t.readyNs - nowNs);
            return t.readyNs;
        }
        m_messages += attempt.onCollision;
        from = occasion + Ns(attempt.collision_s);
        if (m_p.backoff_s > 0.0)
        {
            from += Ns(m_uniform() * m_p.backoff_s);
        }
        if (n == m_p.maxAttempts)
        {
            ++m_failures;
            t.failedUntilNs = from;
            return -1;
        }
    }
}

} // namespace sagin
