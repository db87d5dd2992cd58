// One slot's decision of a beam's scheduler: which backlogged users get resource blocks (round
// robin or proportional fair, at most maxUsersPerSlot) and how many, and the proportional-fair
// rate averages. Shared by the slotted simulation of radio/model/beam-scheduler.h (SimulateBeam)
// and the packet-level scheduler of net/model/beam-queue.h, which differ only in what they queue
// (demand items or ns-3 packets) and in how time advances. Sources:
// docs/models.md#beam-scheduling.
#ifndef SAGIN_RADIO_SLOT_SCHEDULER_H
#define SAGIN_RADIO_SLOT_SCHEDULER_H

#include "radio/model/beam-scheduler.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <utility>
#include <vector>

namespace sagin
{

/// Bits below which the remainder of an item counts as sent (rounding of fractional bits per
/// resource block).
constexpr double kSlotBitTolerance = 1e-6;

/// What the slot scheduler keeps per user.
struct SlotUser
{
    double backlog = 0.0;   ///< bits queued (full buffer: unused)
    double bitsPerRb = 0.0; ///< bits one resource block carries in one slot (0: never scheduled)
    /// PF: log of the served-rate average at the start of slot `stamp` (-inf: never served).
    /// Kept as a logarithm so that the decay over unserved slots is a subtraction.
    double logAverage = -std::numeric_limits<double>::infinity();
    std::int64_t stamp = 0;
    double logPeakRate = 0.0; ///< log of the rate over every resource block of every slot
    bool fullBuffer = false;
};

class SlotScheduler
{
  public:
    /// A validated configuration (CheckSchedulerConfig).
    explicit SlotScheduler(const SchedulerConfig& config)
        : m_config(config)
        , m_slotS(SlotDurationS(config.subcarrierSpacingHz))
        , m_numRb(sagin::ResourceBlocks(config.bandwidthHz, config.subcarrierSpacingHz))
        , m_alpha(config.policy == SchedulerPolicy::kProportionalFair
                      ? m_slotS / config.pfTimeConstantS
                      : 0.0)
        , m_decayLog(m_alpha > 0.0 ? -std::log1p(-m_alpha) : 0.0)
        ,
        // More users than resource blocks in one slot would leave some chosen users without.
        m_k(static_cast<std::size_t>(std::min(config.maxUsersPerSlot, m_numRb)))
    {
    }

    double SlotS() const
    {
        return m_slotS;
    }

    int ResourceBlocks() const
    {
        return m_numRb;
    }

    /// Sets a user's bits per resource block and peak rate from its efficiency (bit per RE).
    void SetEfficiency(SlotUser& u, double efficiency) const
    {
        u.bitsPerRb = BitsPerResourceBlock(efficiency, m_config);
        u.logPeakRate = u.bitsPerRb > 0.0 ? std::log(u.bitsPerRb * m_numRb / m_slotS) : 0.0;
    }

    struct Grant
    {
        int user;
        int resourceBlocks;
        double bits; ///< at most the user's backlog (full buffer: every bit of its RBs)
    };

    /// Slot `s`: chooses up to maxUsersPerSlot of `backlogged` (user ids in ascending order, not
    /// empty) and splits the resource blocks among them in choice order, each taking at most
    /// what its backlog needs. `userOf(id)` gives the user's SlotUser; `lastServed` is the round
    /// robin position (updated). The caller sends the bits, updates the backlog and calls Served.
    template <class UserOf>
    const std::vector<Grant>& Allocate(std::int64_t s,
                                       const std::set<int>& backlogged,
                                       UserOf&& userOf,
                                       int& lastServed)
    {
        m_chosen.clear();
        if (m_config.policy == SchedulerPolicy::kRoundRobin)
        {
            auto it = backlogged.upper_bound(lastServed);
            while (m_chosen.size() < std::min(m_k, backlogged.size()))
            {
                if (it == backlogged.end())
                {
                    it = backlogged.begin();
                }
                m_chosen.push_back(*it);
                ++it;
            }
            lastServed = m_chosen.back();
        }
        else if (m_k == 1)
        {
            // One user: the first (lowest index) of the largest metric, in one pass.
            double best = -std::numeric_limits<double>::infinity();
            int bestUser = -1;
            for (int u : backlogged)
            {
                // log(peak rate / average); +inf for a user never served.
                const SlotUser& us = userOf(u);
                const double m = us.logPeakRate - LogAverageAt(us, s);
                if (bestUser < 0 || m > best)
                {
                    best = m;
                    bestUser = u;
                }
            }
            m_chosen.push_back(bestUser);
        }
        else
        {
            m_ranked.clear();
            for (int u : backlogged)
            {
                const SlotUser& us = userOf(u);
                m_ranked.emplace_back(us.logPeakRate - LogAverageAt(us, s), u);
            }
            // Largest metric first, ties to the lower index.
            const std::size_t take = std::min(m_k, m_ranked.size());
            std::partial_sort(m_ranked.begin(),
                              m_ranked.begin() + static_cast<std::ptrdiff_t>(take),
                              m_ranked.end(),
                              [](const auto& a, const auto& b)
                              {
                                  return a.first != b.first ? a.first > b.first
                                                            : a.second < b.second;
                              });
            for (std::size_t i = 0; i < take; ++i)
            {
                m_chosen.push_back(m_ranked[i].second);
            }
        }

        m_grants.clear();
        int remainingRb = m_numRb;
        for (std::size_t i = 0; i < m_chosen.size(); ++i)
        {
            const SlotUser& us = userOf(m_chosen[i]);
            const int left = static_cast<int>(m_chosen.size() - i);
            const int share = (remainingRb + left - 1) / left;
            int give = share;
            if (!us.fullBuffer)
            {
                const double need = std::ceil(us.backlog / us.bitsPerRb - 1e-9);
                give = static_cast<int>(std::min<double>(share, std::max(need, 1.0)));
            }
            remainingRb -= give;
            double bits = give * us.bitsPerRb;
            if (!us.fullBuffer)
            {
                bits = std::min(bits, us.backlog);
            }
            m_grants.push_back({m_chosen[i], give, bits});
        }
        return m_grants;
    }

    /// Proportional fair: the user got `bits` in slot `s` (the average moves by slot / T towards
    /// the rate served). Nothing under round robin.
    void Served(SlotUser& u, std::int64_t s, double bits) const
    {
        if (m_alpha > 0.0)
        {
            const double avg = std::exp(LogAverageAt(u, s));
            u.logAverage = std::log((1.0 - m_alpha) * avg + m_alpha * bits / m_slotS);
            u.stamp = s + 1;
        }
    }

  private:
    /// PF: log of the average at the start of slot s; an unserved slot multiplies the average
    /// by (1 - alpha), i.e. subtracts m_decayLog from its logarithm.
    double LogAverageAt(const SlotUser& u, std::int64_t s) const
    {
        // (alpha = 1 makes m_decayLog infinite: no product 0 x inf at s = stamp.)
        return s == u.stamp ? u.logAverage
                            : u.logAverage - static_cast<double>(s - u.stamp) * m_decayLog;
    }

    SchedulerConfig m_config;
    double m_slotS;
    int m_numRb;
    double m_alpha;
    double m_decayLog;
    std::size_t m_k;
    std::vector<int> m_chosen;
    std::vector<std::pair<double, int>> m_ranked;
    std::vector<Grant> m_grants;
};

} // namespace sagin

#endif
