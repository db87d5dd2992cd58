// Shared capacity of a satellite's beams inside the packet simulation (BeamLayout.shared_capacity):
// one object per satellite holds, per beam, per-user FIFO queues of packets and schedules them on
// the NR slot grid of radio/model/beam-scheduler.h with its slot decision (slot-scheduler.h:
// round robin or proportional fair, at most maxUsersPerSlot users per slot, RBs split equally, a
// user taking no more than its backlog needs). A slot event runs only while a beam has packets
// waiting, so the events grow with the traffic, not with the slots. The device (SaginNetDevice)
// enqueues a packet with the user's current beam and efficiency and is called back when its last
// bit has been sent. Sources: docs/models.md#beam-scheduling.
#ifndef SAGIN_NET_BEAM_QUEUE_H
#define SAGIN_NET_BEAM_QUEUE_H

#include "radio/model/beam-scheduler.h"
#include "radio/model/slot-scheduler.h"
#include "radio/model/spot-beams.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <ns3/nstime.h>
#include <ns3/object.h>
#include <ns3/packet.h>
#include <set>
#include <vector>

namespace sagin
{

class BeamQueue : public ns3::Object
{
  public:
    static ns3::TypeId GetTypeId();

    /// Called in the slot that carries a packet's last bit: the packet, its user, the start of
    /// the first slot that carried its bits, and the end of the slot carrying its last bit.
    using DoneCallback
        = std::function<void(ns3::Ptr<ns3::Packet>, int user, ns3::Time firstBit, ns3::Time done)>;

    /// The slot grid (a validated configuration: CheckSchedulerConfig), the beams and the limit
    /// of each user's queue (packets).
    void Configure(const SchedulerConfig& config, int numBeams, std::uint32_t queuePackets);
    void SetDoneCallback(DoneCallback cb);
    /// Statistics count the slots starting in [start, stop) and the packets enqueued in it.
    void SetWindow(ns3::Time start, ns3::Time stop);

    /// Queues `p` for `user` in `beam` at `efficiency` (bit per resource element, > 0; the user's
    /// efficiency in that beam from now on). False when the user's queue there is full (the
    /// caller drops the packet).
    bool Enqueue(ns3::Ptr<ns3::Packet> p, int user, int beam, double efficiency);

    double SlotS() const
    {
        return m_slotS;
    }

    double BandwidthHz() const
    {
        return m_config.bandwidthHz;
    }

    int ResourceBlocks() const
    {
        return m_numRb;
    }

    /// What a beam did in the window.
    struct BeamStats
    {
        bool used = false; ///< a packet was enqueued in the window
        std::int64_t resourceBlocksUsed = 0;
        double servedBits = 0.0; ///< bits sent in slots of the window
    };

    const std::vector<BeamStats>& Beams() const
    {
        return m_stats;
    }

    /// Per user with a packet enqueued or bits sent in the window: bits sent to it in the slots
    /// of the window.
    const std::map<int, double>& UserDeliveredBits() const
    {
        return m_userBits;
    }

    /// Per packet enqueued in the window and sent: enqueue to the start of its first slot (s).
    const std::vector<double>& QueueingDelaysS() const
    {
        return m_queueingS;
    }

    /// Records a user's serving-beam geometry (coupling loss, SIR, SINR) when it falls in the
    /// window: the device calls it once per user and topology update in which a packet reaches
    /// the queue for that user.
    void NoteServingBeam(int user, const BeamSinr& sinr);

    /// Per user, the geometry samples NoteServingBeam recorded in the window (dB values summed
    /// for means; SIR only over the samples with co-channel interference).
    struct UserGeometry
    {
        std::uint64_t samples = 0;
        double couplingSumDb = 0.0;
        double sinrSumDb = 0.0;
        double sinrMinDb = std::numeric_limits<double>::infinity();
        std::uint64_t sirSamples = 0;
        double sirSumDb = 0.0;
        int lastBeam = -1;              ///< serving beam of the previous sample
        std::uint64_t beamPairs = 0;    ///< samples after a previous one (at this queue)
        std::uint64_t beamSwitches = 0; ///< of those, the ones on another beam than before
    };
    const std::map<int, UserGeometry>& UserGeometries() const
    {
        return m_userGeometry;
    }

    /// The geometry recorded in the window, one sample per NoteServingBeam call: coupling loss
    /// (dB), SINR (dB), and SIR (dB) of the samples with co-channel interference (finite).
    const std::vector<double>& CouplingLossesDb() const
    {
        return m_couplingDb;
    }
    const std::vector<double>& SinrsDb() const
    {
        return m_sinrDb;
    }
    const std::vector<double>& SirsDb() const
    {
        return m_sirDb;
    }

    /// Per beam, the share of its resource blocks the slots starting in [mark, now) used, in
    /// [0, 1], where mark is the previous call's time (the first call: time 0); then the mark
    /// moves to now. Empty when no slot starts in that span. Return beams weigh their terminals'
    /// interference by it (BeamField).
    std::vector<double> TakeActivities();

    /// Slot events run (busy slots of all beams).
    std::uint64_t SlotEvents() const
    {
        return m_slotEvents;
    }

  protected:
    void DoDispose() override;

  private:
    struct Item
    {
        ns3::Ptr<ns3::Packet> packet;
        double bits;
        double remaining;
        std::int64_t enqueuedNs;
        std::int64_t firstBitNs; ///< -1: nothing sent yet
        bool counted;            ///< enqueued in the window
    };

    struct User
    {
        std::deque<Item> queue;
        SlotUser slot; ///< backlog, rate and PF average
    };

    struct Beam
    {
        std::map<int, User> users;
        std::set<int> backlogged;
        int lastServed = -1;
        bool scheduled = false;
    };

    void Slot(int beam, std::int64_t slot);
    bool InWindow(std::int64_t ns) const
    {
        return ns >= m_windowStartNs && ns < m_windowStopNs;
    }

    SchedulerConfig m_config;
    std::unique_ptr<SlotScheduler> m_scheduler;
    double m_slotS = 0.0;
    std::int64_t m_slotNs = 0;
    int m_numRb = 0;
    std::uint32_t m_queuePackets = 1000;
    std::vector<Beam> m_beams;
    DoneCallback m_done;

    std::int64_t m_windowStartNs = 0;
    std::int64_t m_windowStopNs = std::numeric_limits<std::int64_t>::max();
    std::vector<BeamStats> m_stats;
    std::map<int, double> m_userBits;
    std::vector<double> m_queueingS;
    std::vector<double> m_couplingDb;
    std::vector<double> m_sinrDb;
    std::vector<double> m_sirDb;
    std::map<int, UserGeometry> m_userGeometry;
    std::uint64_t m_slotEvents = 0;
    // TakeActivities: RBs used per beam by the slots from m_markSlot on, and the slot index of
    // the mark (the first slot starting at or after the mark's time).
    std::vector<std::int64_t> m_rbSinceMark;
    std::vector<std::int64_t> m_lastSlotRun; ///< per beam: the index of its last slot event
    std::vector<std::int64_t> m_lastSlotRb;  ///< per beam: the RBs that slot used
    std::int64_t m_markSlot = 0;
};

} // namespace sagin

#endif
