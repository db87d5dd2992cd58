// BeamQueue (shared beam capacity inside the packet simulation) against hand computations and
// queueing theory: one user alone (no queueing, serialization on the slot grid), N full-buffer
// users under round robin (C/N each), Poisson arrivals of fixed-size packets (M/D/1 mean wait),
// offered load above capacity (delivered = capacity, drops = offered - capacity), and the event
// count (busy slots, not slots).
#include "../common/validation.h"
#include "net/model/beam-queue.h"

#include <cmath>
#include <gtest/gtest.h>
#include <ns3/simulator.h>
#include <random>

using namespace sagin;

namespace
{

// The grid of every test: 15 kHz subcarriers (slot 1 ms), 1.8 MHz -> floor(1.8e6 / (12 x 15e3))
// = 10 resource blocks; efficiency 2 bit per resource element -> 2 x 12 x 14 = 336 bits per RB
// and slot, 3,360 bits per slot: capacity C = 3,360 bit / 1 ms = 3.36 Mbit/s.
constexpr double kEfficiency = 2.0;
constexpr double kSlotBits = 3360.0;
constexpr double kCapacityBps = 3.36e6;

SchedulerConfig
Grid(SchedulerPolicy policy = SchedulerPolicy::kRoundRobin)
{
    SchedulerConfig c;
    c.subcarrierSpacingHz = 15e3;
    c.bandwidthHz = 1.8e6;
    c.policy = policy;
    return c;
}

struct Done
{
    int user;
    double enqueuedS;
    double firstBitS;
    double doneS;
    std::uint32_t bytes;
};

/// A BeamQueue whose completions are recorded (the packet's uid maps to its enqueue time).
struct Harness
{
    ns3::Ptr<BeamQueue> q = ns3::CreateObject<BeamQueue>();
    std::vector<Done> done;
    std::map<std::uint64_t, double> enqueued;
    std::uint64_t dropped = 0;

    explicit Harness(const SchedulerConfig& c, std::uint32_t queuePackets = 1000000)
    {
        q->Configure(c, 1, queuePackets);
        q->SetDoneCallback(
            [this](ns3::Ptr<ns3::Packet> p, int user, ns3::Time first, ns3::Time end)
            {
                done.push_back({user,
                                enqueued.at(p->GetUid()),
                                first.GetSeconds(),
                                end.GetSeconds(),
                                p->GetSize()});
            });
    }

    void Send(std::uint32_t bytes, int user)
    {
        auto p = ns3::Create<ns3::Packet>(bytes);
        enqueued[p->GetUid()] = ns3::Simulator::Now().GetSeconds();
        if (!q->Enqueue(p, user, 0, kEfficiency))
        {
            ++dropped;
        }
    }

    void SendAt(double t, std::uint32_t bytes, int user)
    {
        ns3::Simulator::Schedule(ns3::Seconds(t), &Harness::Send, this, bytes, user);
    }
};

TEST(BeamQueue, GridFollowsTheNumerology)
{
    Harness h(Grid());
    EXPECT_EQ(h.q->ResourceBlocks(), 10);
    EXPECT_DOUBLE_EQ(h.q->SlotS(), 1e-3);
    ns3::Simulator::Destroy();
}

TEST(BeamQueue, OneUserBelowCapacityIsNotQueued)
{
    // CBR: 210-byte packets (1,680 bits) every 2 ms, sent 0.25 ms into a slot: 0.84 Mbit/s, a
    // quarter of C. Each packet waits for the next slot boundary (0.75 ms), takes
    // ceil(1,680 / 336) = 5 of the 10 RBs of that slot and is complete at the slot's end:
    // delay = 0.75 + 1 = 1.75 ms, no queueing behind other packets. Serialization at the MODCOD
    // rate is 1,680 / 3.36e6 = 0.5 ms; the slot grid rounds it up to the end of the slot.
    Harness h(Grid());
    for (int i = 0; i < 100; ++i)
    {
        h.SendAt(0.25e-3 + 2e-3 * i, 210, 7);
    }
    ns3::Simulator::Run();
    ASSERT_EQ(h.done.size(), 100U);
    double worst = 0.0;
    for (const Done& d : h.done)
    {
        worst = std::max(worst, std::abs((d.doneS - d.enqueuedS) - 1.75e-3));
        EXPECT_NEAR(d.firstBitS - d.enqueuedS, 0.75e-3, 1e-9); // the slot boundary, nothing else
    }
    test::ValidationBound("net.beam-queue.single-user-delay",
                          "hand computation: wait to the slot boundary + one slot",
                          "largest |delay - 1.75 ms| over 100 CBR packets",
                          "s",
                          worst,
                          1e-9);
    // 100 packets, each alone in its slot: 100 slot events, not the 200 slots of the run.
    EXPECT_EQ(h.q->SlotEvents(), 100U);
    ns3::Simulator::Destroy();
}

TEST(BeamQueue, LargePacketSerializesAtTheModcodRate)
{
    // One 4,200-byte packet (33,600 bits) at t = 0: 33,600 / 3,360 = 10 full slots, complete at
    // 10 ms = 33,600 bit / 3.36 Mbit/s (serialization at the MODCOD rate, slot-aligned).
    Harness h(Grid());
    h.SendAt(0.0, 4200, 1);
    ns3::Simulator::Run();
    ASSERT_EQ(h.done.size(), 1U);
    test::ValidationCheck("net.beam-queue.serialization",
                          "hand computation: 33,600 bit / 3.36 Mbit/s",
                          "transfer time of one 4,200-byte packet alone in the beam",
                          "s",
                          h.done[0].doneS,
                          33600.0 / kCapacityBps,
                          1e-9);
    EXPECT_EQ(h.q->SlotEvents(), 10U);
    ns3::Simulator::Destroy();
}

TEST(BeamQueue, RoundRobinGivesEachOfNFullBuffersCOverN)
{
    // 4 users, each with 1,000 packets of 420 bytes (3,360 bits: exactly one slot) queued at
    // t = 0; round robin with one user per slot serves them in turn, so in 1 s (1,000 slots)
    // each user gets 250 slots = 250 x 3,360 bit / 1 s = 0.84 Mbit/s = C / 4.
    Harness h(Grid());
    h.q->SetWindow(ns3::Seconds(0), ns3::Seconds(1));
    for (int u = 0; u < 4; ++u)
    {
        for (int i = 0; i < 1000; ++i)
        {
            h.SendAt(0.0, 420, u);
        }
    }
    ns3::Simulator::Stop(ns3::Seconds(1));
    ns3::Simulator::Run();
    ASSERT_EQ(h.q->UserDeliveredBits().size(), 4U);
    for (const auto& [user, bits] : h.q->UserDeliveredBits())
    {
        test::ValidationCheck("net.beam-queue.rr-share-" + std::to_string(user),
                              "closed form: C / N, C = 3.36 Mbit/s, N = 4",
                              "throughput of a full-buffer user under round robin",
                              "bit/s",
                              bits / 1.0,
                              kCapacityBps / 4.0,
                              1e-6);
    }
    // Utilization 1: every RB of every slot.
    EXPECT_EQ(h.q->Beams()[0].resourceBlocksUsed, 10 * 1000);
    ns3::Simulator::Destroy();
}

TEST(BeamQueue, ProportionalFairGivesEqualUsersEqualShares)
{
    // Equal efficiencies and full buffers: PF's metric (peak / average) is the same function of
    // each user's history, so the users alternate as under round robin: C / 3 each over 0.9 s.
    Harness h(Grid(SchedulerPolicy::kProportionalFair));
    h.q->SetWindow(ns3::Seconds(0), ns3::Seconds(0.9));
    for (int u = 0; u < 3; ++u)
    {
        for (int i = 0; i < 1000; ++i)
        {
            h.SendAt(0.0, 420, u);
        }
    }
    ns3::Simulator::Stop(ns3::Seconds(0.9));
    ns3::Simulator::Run();
    for (const auto& [user, bits] : h.q->UserDeliveredBits())
    {
        // 900 slots / 3 = 300 slots each = 300 x 3,360 / 0.9 s = 1.12 Mbit/s (+- one slot).
        EXPECT_NEAR(bits / 0.9, kCapacityBps / 3.0, kSlotBits / 0.9 + 1e-6) << user;
    }
    ns3::Simulator::Destroy();
}

TEST(BeamQueue, PoissonArrivalsWaitAsInMD1)
{
    // One user, Poisson arrivals (rate lambda) of 4,200-byte packets: service D = 10 ms
    // (10 slots of 3,360 bits), load rho = lambda D = 0.6. M/D/1 (Pollaczek-Khinchine):
    // mean wait before service W = rho D / (2 (1 - rho)) = 0.6 x 10 / (2 x 0.4) = 7.5 ms.
    // The slot grid changes this by less than a slot: a packet arriving at an idle beam waits
    // for the next boundary (uniform, mean 0.5 ms, measured in the wait); one arriving at a busy
    // beam starts when the previous one ends (on a boundary). So the measured mean wait lies in
    // [W, W + 1 ms] up to the run's statistical error, which we estimate by batch means.
    const double D = 10e-3;
    const double rho = 0.6;
    const double lambda = rho / D;
    const double W = rho * D / (2.0 * (1.0 - rho));
    Harness h(Grid());
    std::mt19937_64 rng(20261203);
    std::exponential_distribution<double> gap(lambda);
    double t = 0.0;
    const int n = 100000;
    for (int i = 0; i < n; ++i)
    {
        t += gap(rng);
        h.SendAt(t, 4200, 0);
    }
    ns3::Simulator::Run();
    ASSERT_EQ(h.done.size(), static_cast<std::size_t>(n));
    // Wait = first bit - arrival; batch means over 50 batches of 2,000 packets for the CI.
    const int batches = 50;
    std::vector<double> means(batches, 0.0);
    for (int i = 0; i < n; ++i)
    {
        means[i / (n / batches)] += (h.done[i].firstBitS - h.done[i].enqueuedS) / (n / batches);
    }
    double mean = 0.0;
    for (double m : means)
    {
        mean += m / batches;
    }
    double var = 0.0;
    for (double m : means)
    {
        var += (m - mean) * (m - mean) / (batches - 1);
    }
    const double ci95 = 2.01 * std::sqrt(var / batches); // t(0.975, 49) = 2.01
    // The slot-grid offset: between 0 and 1 slot; compare with its midpoint, tolerance CI +
    // half a slot.
    test::ValidationCheck("net.beam-queue.md1-wait",
                          "M/D/1 Pollaczek-Khinchine rho D / (2 (1 - rho)), rho 0.6, D 10 ms, "
                          "+ slot alignment in [0, 1 ms]",
                          "mean wait at the beam of 1e5 Poisson packets",
                          "s",
                          mean,
                          W + 0.5e-3,
                          ci95 + 0.5e-3);
    ns3::Simulator::Destroy();
}

TEST(BeamQueue, OverloadDeliversCapacityAndDropsTheRest)
{
    // Offered: 420-byte packets (3,360 bits) every 0.5 ms for 1 s = 2,000 packets = 6.72 Mbit/s,
    // twice C. The beam sends one packet per slot: slots 0 .. 999 (the last ending at 1 s)
    // carry 1,000 packets = 3.36 Mbit/s = C in the window. With a queue of 10 packets the excess
    // is dropped: offered - capacity = 2,000 - 1,000, less the 10 packets the queue holds when
    // the arrivals stop (they are sent after 1 s).
    Harness h(Grid(), 10);
    h.q->SetWindow(ns3::Seconds(0), ns3::Seconds(1));
    for (int i = 0; i < 2000; ++i)
    {
        h.SendAt(0.5e-3 * i, 420, 3);
    }
    ns3::Simulator::Run();
    const double deliveredBps = h.q->UserDeliveredBits().at(3) / 1.0;
    test::ValidationCheck("net.beam-queue.overload-throughput",
                          "closed form: delivered = C = 3.36 Mbit/s",
                          "throughput at twice the capacity offered",
                          "bit/s",
                          deliveredBps,
                          kCapacityBps,
                          1e-6);
    // Every packet is either sent or dropped: sent = 2,000 - drops.
    EXPECT_EQ(h.done.size() + h.dropped, 2000U);
    test::ValidationCheck("net.beam-queue.overload-drops",
                          "closed form: offered - capacity - queue limit = 2000 - 1000 - 10",
                          "packets dropped as queue_full",
                          "packets",
                          static_cast<double>(h.dropped),
                          990.0,
                          1.0);
    ns3::Simulator::Destroy();
}

} // namespace
