#include "net/model/beam-queue.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ns3/log.h>
#include <ns3/simulator.h>

namespace sagin
{

NS_LOG_COMPONENT_DEFINE("BeamQueue");
NS_OBJECT_ENSURE_REGISTERED(BeamQueue);

namespace
{
/// Bits below which a remainder counts as sent (as in radio/model/beam-scheduler.cc).
constexpr double kBitTolerance = 1e-6;
} // namespace

ns3::TypeId
BeamQueue::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::BeamQueue")
                                 .SetParent<ns3::Object>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<BeamQueue>();
    return tid;
}

void
BeamQueue::Configure(const SchedulerConfig& config, int numBeams, std::uint32_t queuePackets)
{
    m_config = config;
    m_slotS = SlotDurationS(config.subcarrierSpacingHz);
    m_slotNs = static_cast<std::int64_t>(std::llround(m_slotS * 1e9));
    m_numRb = sagin::ResourceBlocks(config.bandwidthHz, config.subcarrierSpacingHz);
    m_alpha = config.policy == SchedulerPolicy::kProportionalFair ? m_slotS / config.pfTimeConstantS
                                                                  : 0.0;
    m_decayLog = m_alpha > 0.0 ? -std::log1p(-m_alpha) : 0.0;
    m_queuePackets = queuePackets;
    m_beams.assign(static_cast<std::size_t>(numBeams), Beam{});
    m_stats.assign(static_cast<std::size_t>(numBeams), BeamStats{});
}

void
BeamQueue::SetDoneCallback(DoneCallback cb)
{
    m_done = std::move(cb);
}

void
BeamQueue::SetWindow(ns3::Time start, ns3::Time stop)
{
    m_windowStartNs = start.GetNanoSeconds();
    m_windowStopNs = stop.GetNanoSeconds();
}

void
BeamQueue::DoDispose()
{
    m_beams.clear();
    m_done = nullptr;
    ns3::Object::DoDispose();
}

bool
BeamQueue::Enqueue(ns3::Ptr<ns3::Packet> p, int user, int beam, double efficiency)
{
    Beam& b = m_beams.at(static_cast<std::size_t>(beam));
    User& u = b.users[user];
    if (u.queue.size() >= m_queuePackets)
    {
        return false;
    }
    u.bitsPerRb = BitsPerResourceBlock(efficiency, m_config);
    // log of the rate over every resource block of every slot
    u.logPeakRate = std::log(u.bitsPerRb * m_numRb / m_slotS);
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    const double bits = p->GetSize() * 8.0;
    const bool counted = InWindow(now);
    u.queue.push_back({p, bits, bits, now, -1, counted});
    u.backlog += bits;
    b.backlogged.insert(user);
    if (counted)
    {
        m_stats[static_cast<std::size_t>(beam)].used = true;
        m_userBits.emplace(user, 0.0);
    }
    if (!b.scheduled)
    {
        // Schedulable from the first slot starting at or after its arrival.
        const std::int64_t slot = (now + m_slotNs - 1) / m_slotNs;
        b.scheduled = true;
        ns3::Simulator::Schedule(
            ns3::NanoSeconds(slot * m_slotNs - now), &BeamQueue::Slot, this, beam, slot);
    }
    return true;
}

void
BeamQueue::Slot(int beamIndex, std::int64_t s)
{
    ++m_slotEvents;
    Beam& b = m_beams[static_cast<std::size_t>(beamIndex)];
    BeamStats& stats = m_stats[static_cast<std::size_t>(beamIndex)];
    const std::int64_t slotStartNs = s * m_slotNs;
    const std::int64_t slotEndNs = slotStartNs + m_slotNs;
    const bool window = InWindow(slotStartNs);
    auto logAverageAt = [&](const User& u)
    {
        return s == u.stamp ? u.logAverage
                            : u.logAverage - static_cast<double>(s - u.stamp) * m_decayLog;
    };

    // Choose up to k users, in the order they get resource blocks.
    const auto k = static_cast<std::size_t>(std::min(m_config.maxUsersPerSlot, m_numRb));
    m_chosen.clear();
    if (m_config.policy == SchedulerPolicy::kRoundRobin)
    {
        auto it = b.backlogged.upper_bound(b.lastServed);
        while (m_chosen.size() < std::min(k, b.backlogged.size()))
        {
            if (it == b.backlogged.end())
            {
                it = b.backlogged.begin();
            }
            m_chosen.push_back(*it);
            ++it;
        }
        b.lastServed = m_chosen.back();
    }
    else
    {
        m_ranked.clear();
        for (int u : b.backlogged)
        {
            const User& us = b.users[u];
            m_ranked.emplace_back(us.logPeakRate - logAverageAt(us), u);
        }
        const std::size_t take = std::min(k, m_ranked.size());
        // Largest metric first (+inf: never served), ties to the lower index.
        std::partial_sort(m_ranked.begin(),
                          m_ranked.begin() + static_cast<std::ptrdiff_t>(take),
                          m_ranked.end(),
                          [](const auto& x, const auto& y)
                          {
                              return x.first != y.first ? x.first > y.first : x.second < y.second;
                          });
        for (std::size_t i = 0; i < take; ++i)
        {
            m_chosen.push_back(m_ranked[i].second);
        }
    }

    int remainingRb = m_numRb;
    for (std::size_t i = 0; i < m_chosen.size(); ++i)
    {
        const int user = m_chosen[i];
        User& us = b.users[user];
        const int left = static_cast<int>(m_chosen.size() - i);
        const int share = (remainingRb + left - 1) / left;
        const double need = std::ceil(us.backlog / us.bitsPerRb - 1e-9);
        const int give = static_cast<int>(std::min<double>(share, std::max(need, 1.0)));
        remainingRb -= give;
        const double bits = std::min(give * us.bitsPerRb, us.backlog);
        if (window)
        {
            stats.resourceBlocksUsed += give;
            stats.servedBits += bits;
            m_userBits[user] += bits;
        }
        double avail = bits;
        while (!us.queue.empty() && avail > 0.0)
        {
            Item& item = us.queue.front();
            if (item.firstBitNs < 0)
            {
                item.firstBitNs = slotStartNs;
                if (item.counted)
                {
                    m_queueingS.push_back(static_cast<double>(slotStartNs - item.enqueuedNs)
                                          * 1e-9);
                }
            }
            if (item.remaining - avail <= kBitTolerance)
            {
                avail -= item.remaining;
                Item done = std::move(item);
                us.queue.pop_front();
                if (m_done)
                {
                    m_done(done.packet,
                           user,
                           ns3::NanoSeconds(done.firstBitNs),
                           ns3::NanoSeconds(slotEndNs));
                }
            }
            else
            {
                item.remaining -= avail;
                avail = 0.0;
            }
        }
        us.backlog = us.queue.empty() ? 0.0 : us.backlog - bits;
        if (us.queue.empty())
        {
            b.backlogged.erase(user);
        }
        if (m_alpha > 0.0)
        {
            const double avg = std::exp(logAverageAt(us));
            us.logAverage = std::log((1.0 - m_alpha) * avg + m_alpha * bits / m_slotS);
            us.stamp = s + 1;
        }
    }
    if (b.backlogged.empty())
    {
        b.scheduled = false;
        return;
    }
    ns3::Simulator::Schedule(ns3::NanoSeconds(m_slotNs), &BeamQueue::Slot, this, beamIndex, s + 1);
}

} // namespace sagin
