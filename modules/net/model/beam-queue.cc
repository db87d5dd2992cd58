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
    m_scheduler = std::make_unique<SlotScheduler>(config);
    m_slotS = m_scheduler->SlotS();
    m_slotNs = static_cast<std::int64_t>(std::llround(m_slotS * 1e9));
    m_numRb = m_scheduler->ResourceBlocks();
    m_queuePackets = queuePackets;
    m_beams.assign(static_cast<std::size_t>(numBeams), Beam{});
    m_stats.assign(static_cast<std::size_t>(numBeams), BeamStats{});
    m_rbSinceMark.assign(static_cast<std::size_t>(numBeams), 0);
    m_lastSlotRun.assign(static_cast<std::size_t>(numBeams), -1);
    m_lastSlotRb.assign(static_cast<std::size_t>(numBeams), 0);
}

std::vector<double>
BeamQueue::TakeActivities()
{
    // Slots [m_markSlot, cut) start in [mark, now). A beam's slot at index `cut` starts exactly
    // now and may have run already: its RBs belong to the next span.
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    const std::int64_t cut = (now + m_slotNs - 1) / m_slotNs;
    std::vector<double> out;
    const std::int64_t slots = cut - m_markSlot;
    for (std::size_t b = 0; b < m_rbSinceMark.size(); ++b)
    {
        const std::int64_t carried = m_lastSlotRun[b] >= cut ? m_lastSlotRb[b] : 0;
        if (slots > 0)
        {
            out.push_back(std::min(1.0,
                                   static_cast<double>(m_rbSinceMark[b] - carried)
                                       / (static_cast<double>(m_numRb) * slots)));
        }
        m_rbSinceMark[b] = slots > 0 ? carried : m_rbSinceMark[b];
    }
    if (slots > 0)
    {
        m_markSlot = cut;
    }
    return out;
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
BeamQueue::NoteServingBeam(int user, const BeamSinr& sinr)
{
    if (!InWindow(ns3::Simulator::Now().GetNanoSeconds()))
    {
        return;
    }
    m_couplingDb.push_back(sinr.couplingLossDb);
    m_sinrDb.push_back(sinr.sinrDb);
    UserGeometry& g = m_userGeometry[user];
    ++g.samples;
    g.couplingSumDb += sinr.couplingLossDb;
    g.sinrSumDb += sinr.sinrDb;
    g.sinrMinDb = std::min(g.sinrMinDb, sinr.sinrDb);
    if (g.lastBeam >= 0)
    {
        ++g.beamPairs;
        g.beamSwitches += sinr.servingBeam != g.lastBeam ? 1 : 0;
    }
    g.lastBeam = sinr.servingBeam;
    if (std::isfinite(sinr.sirDb))
    {
        m_sirDb.push_back(sinr.sirDb);
        ++g.sirSamples;
        g.sirSumDb += sinr.sirDb;
    }
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
    m_scheduler->SetEfficiency(u.slot, efficiency);
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    const double bits = p->GetSize() * 8.0;
    const bool counted = InWindow(now);
    u.queue.push_back({p, bits, bits, now, -1, counted});
    u.slot.backlog += bits;
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
    std::int64_t rbs = 0;
    auto userOf = [&b](int u) -> SlotUser&
    {
        return b.users[u].slot;
    };
    for (const SlotScheduler::Grant& g :
         m_scheduler->Allocate(s, b.backlogged, userOf, b.lastServed))
    {
        User& us = b.users[g.user];
        rbs += g.resourceBlocks;
        if (window)
        {
            stats.resourceBlocksUsed += g.resourceBlocks;
            stats.servedBits += g.bits;
            m_userBits[g.user] += g.bits;
        }
        double avail = g.bits;
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
            if (item.remaining - avail <= kSlotBitTolerance)
            {
                avail -= item.remaining;
                Item done = std::move(item);
                us.queue.pop_front();
                if (m_done)
                {
                    m_done(done.packet,
                           g.user,
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
        us.slot.backlog = us.queue.empty() ? 0.0 : us.slot.backlog - g.bits;
        if (us.queue.empty())
        {
            b.backlogged.erase(g.user);
        }
        m_scheduler->Served(us.slot, s, g.bits);
    }
    const auto bi = static_cast<std::size_t>(beamIndex);
    m_rbSinceMark[bi] += rbs;
    m_lastSlotRun[bi] = s;
    m_lastSlotRb[bi] = rbs;
    if (b.backlogged.empty())
    {
        b.scheduled = false;
        return;
    }
    ns3::Simulator::Schedule(ns3::NanoSeconds(m_slotNs), &BeamQueue::Slot, this, beamIndex, s + 1);
}

} // namespace sagin
