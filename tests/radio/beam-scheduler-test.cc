// The beam scheduler against closed forms worked out here: the NR numerology, equal shares of a
// full-buffer round robin, time shares under unequal rates, proportional fair with fixed rates,
// Jain's index, FTP model 3 under round robin as an M/G/1 processor-sharing queue (mean file
// transfer time S / (C (1 - rho)), utilization rho), a published NR CQI efficiency, and the
// determinism and null handling of the results.
#include "core/model/json-writer.h"
#include "link/model/modulation-table.h"
#include "radio/model/beam-scheduler.h"
#include "radio/model/calibration-38821.h"

#include <chrono>
#include <cmath>
#include <gtest/gtest.h>
#include <sstream>

namespace sagin
{
namespace
{

/// Full-buffer sources for n users.
std::vector<DemandSource>
FullBuffer(std::size_t n)
{
    std::vector<DemandSource> s;
    for (std::size_t i = 0; i < n; ++i)
    {
        s.emplace_back(DemandConfig{}, i);
    }
    return s;
}

/// 15 kHz, 10 resource blocks (1.8 MHz = 10 x 12 x 15 kHz), time domain.
SchedulerConfig
TenRbConfig(SchedulerPolicy policy = SchedulerPolicy::kRoundRobin)
{
    SchedulerConfig c;
    c.subcarrierSpacingHz = 15e3;
    c.bandwidthHz = 1.8e6;
    c.policy = policy;
    return c;
}

TEST(BeamScheduler, Numerology)
{
    // TS 38.211: slot = 1 ms / 2^mu for 15 x 2^mu kHz.
    EXPECT_DOUBLE_EQ(SlotDurationS(15e3), 1e-3);
    EXPECT_DOUBLE_EQ(SlotDurationS(30e3), 0.5e-3);
    EXPECT_DOUBLE_EQ(SlotDurationS(120e3), 0.125e-3);
    // 20 MHz / (12 x 15 kHz) = 111.1 -> 111 RB; 400/3 MHz / (12 x 120 kHz) = 92.59 -> 92 RB;
    // exactly 1.8 MHz at 15 kHz = 10 RB.
    EXPECT_EQ(ResourceBlocks(20e6, 15e3), 111);
    EXPECT_EQ(ResourceBlocks(400e6 / 3.0, 120e3), 92);
    EXPECT_EQ(ResourceBlocks(1.8e6, 15e3), 10);
    // 2 bit per resource element x 12 subcarriers x 14 symbols = 336 bit; with 25 % overhead 252.
    SchedulerConfig c;
    EXPECT_DOUBLE_EQ(BitsPerResourceBlock(2.0, c), 336.0);
    c.overheadFraction = 0.25;
    EXPECT_DOUBLE_EQ(BitsPerResourceBlock(2.0, c), 252.0);
}

/// The lines of every error SimulateBeam or EvaluateCapacity throws, joined.
template <typename F>
std::string
ThrownLines(F f)
{
    try
    {
        f();
    }
    catch (const InputError& e)
    {
        std::string all;
        for (const auto& l : e.Lines())
        {
            all += l + "\n";
        }
        return all;
    }
    return "";
}

TEST(BeamScheduler, ConfigurationErrorsAllAtOnce)
{
    SchedulerConfig c;
    c.subcarrierSpacingHz = 20e3;
    c.bandwidthHz = -1.0;
    c.maxUsersPerSlot = 0;
    c.overheadFraction = 1.0;
    ErrorList list;
    CheckSchedulerConfig(c, "scheduler", list);
    EXPECT_EQ(list.Errors().size(), 4u);
    auto sources = FullBuffer(1);
    // Every field path in one exception, with the run's own errors.
    const std::string e = ThrownLines(
        [&]
        {
            SimulateBeam(c, {-1.0}, sources, std::nan(""));
        });
    for (const char* f : {"scheduler.subcarrier_spacing_hz",
                          "scheduler.bandwidth_hz",
                          "scheduler.max_users_per_slot",
                          "scheduler.overhead_fraction",
                          "duration_s",
                          "users[0].efficiency"})
    {
        EXPECT_NE(e.find(f), std::string::npos) << f << " in " << e;
    }
    SchedulerConfig pf = TenRbConfig(SchedulerPolicy::kProportionalFair);
    pf.pfTimeConstantS = 1e-4; // below the 1 ms slot
    ErrorList pfList;
    CheckSchedulerConfig(pf, "scheduler", pfList);
    ASSERT_EQ(pfList.Errors().size(), 1u);
    EXPECT_EQ(pfList.Errors()[0].path, "scheduler.pf_time_constant_s");

    CapacityConfig cfg;
    cfg.scheduler = TenRbConfig();
    cfg.demand.kind = DemandKind::kFtp3;
    cfg.demand.fileSizeBytes = -1.0;
    cfg.durationS = 0.0;
    const std::string ev = ThrownLines(
        [&]
        {
            EvaluateCapacity({{10.0}, {std::nan("")}}, {0, 3}, 2, cfg);
        });
    for (const char* f :
         {"demand.file_size_bytes", "duration_s", "users[1].beam", "users[1].sinr_db"})
    {
        EXPECT_NE(ev.find(f), std::string::npos) << f << " in " << ev;
    }
}

TEST(BeamScheduler, FullBufferRoundRobinEqualSinrGivesEachOneNth)
{
    // Capacity: 10 RB x 336 bit (2 bit/RE) per 1 ms slot = 3.36 Mbit/s. Four users share 1000
    // slots in turn: 250 slots each = 250 x 3360 = 840,000 bit in 1 s = 0.84 Mbit/s = C / 4.
    auto sources = FullBuffer(4);
    BeamCapacity b = SimulateBeam(TenRbConfig(), {2.0, 2.0, 2.0, 2.0}, sources, 1.0);
    ASSERT_EQ(b.userThroughputSamples.size(), 4u);
    for (double x : b.userThroughputSamples)
    {
        EXPECT_DOUBLE_EQ(x, 0.84e6);
    }
    EXPECT_EQ(b.slots, 1000);
    EXPECT_EQ(b.resourceBlocks, 10);
    EXPECT_DOUBLE_EQ(b.utilization, 1.0);
    // 3.36e6 bit/s over 1.8 MHz = 1.8667 bit/s/Hz (2 bit/RE x 168 RE per 180 kHz ms).
    EXPECT_DOUBLE_EQ(b.spectralEfficiency, 3.36e6 / 1.8e6);
    ASSERT_TRUE(b.jain.has_value());
    EXPECT_DOUBLE_EQ(*b.jain, 1.0);
    // Full buffer has no items: their summaries are empty (none, not 0).
    EXPECT_EQ(b.itemDelayS.n, 0u);
    EXPECT_FALSE(b.itemDelayS.mean.has_value());
    EXPECT_FALSE(b.itemThroughputBps.p50.has_value());
}

TEST(BeamScheduler, RoundRobinUnequalRatesEqualTimeShares)
{
    // Efficiencies 1, 2, 3, 4 bit/RE: each user gets 250 of the 1000 slots, so its throughput is
    // 250 x 10 RB x 168 x eff = 420,000 x eff bit/s: 0.42, 0.84, 1.26, 1.68 Mbit/s.
    // Jain = (1+2+3+4)^2 / (4 (1+4+9+16)) = 100 / 120 = 0.8333.
    auto sources = FullBuffer(4);
    BeamCapacity b = SimulateBeam(TenRbConfig(), {1.0, 2.0, 3.0, 4.0}, sources, 1.0);
    for (int i = 0; i < 4; ++i)
    {
        EXPECT_NEAR(b.userThroughputSamples[i], 420000.0 * (i + 1), 1e-6);
    }
    ASSERT_TRUE(b.jain.has_value());
    EXPECT_NEAR(*b.jain, 100.0 / 120.0, 1e-12);
}

TEST(BeamScheduler, FrequencyTimeRoundRobinSplitsResourceBlocks)
{
    // Two users per slot, 5 RB each: over 1000 slots every user of four is served in 500 slots
    // with 5 RB = 2500 RB x 336 bit = 840,000 bit, the same C / 4 as in the time domain.
    SchedulerConfig c = TenRbConfig();
    c.maxUsersPerSlot = 2;
    auto sources = FullBuffer(4);
    BeamCapacity b = SimulateBeam(c, {2.0, 2.0, 2.0, 2.0}, sources, 1.0);
    for (double x : b.userThroughputSamples)
    {
        EXPECT_DOUBLE_EQ(x, 0.84e6);
    }
    EXPECT_DOUBLE_EQ(b.utilization, 1.0);

    // More users per slot (20) than RBs (10): 10 users of 1 RB per slot, each of 20 users
    // served in 500 slots: 500 x 336 bit = 168,000 bit/s = C / 20.
    c.maxUsersPerSlot = 20;
    auto twenty = FullBuffer(20);
    b = SimulateBeam(c, std::vector<double>(20, 2.0), twenty, 1.0);
    for (double x : b.userThroughputSamples)
    {
        EXPECT_DOUBLE_EQ(x, 168000.0);
    }
}

TEST(BeamScheduler, ProportionalFairFixedRatesConvergesToEqualTimeShares)
{
    // With rates that do not fade, PF equalizes time shares (its fixed point: metric r_i / R_i
    // equal for all with R_i = share_i x r_i gives share_i equal). Two users at 1 and 4 bit/RE
    // over 20 s (20,000 slots, averaging time constant 0.1 s = 100 slots): each should be served
    // half of the slots, so its throughput / its peak rate = 0.5. Peak rates: 10 x 168 x eff per
    // ms = 1.68 and 6.72 Mbit/s. The deviation allowed is one averaging window out of the run
    // (100 / 20,000 = 0.5 %).
    SchedulerConfig c = TenRbConfig(SchedulerPolicy::kProportionalFair);
    c.pfTimeConstantS = 0.1;
    auto sources = FullBuffer(2);
    BeamCapacity b = SimulateBeam(c, {1.0, 4.0}, sources, 20.0);
    const double share0 = b.userThroughputSamples[0] / 1.68e6;
    const double share1 = b.userThroughputSamples[1] / 6.72e6;
    EXPECT_NEAR(share0, 0.5, 0.005);
    EXPECT_NEAR(share1, 0.5, 0.005);
    EXPECT_NEAR(share0 + share1, 1.0, 1e-12); // every slot is used

    // Equal rates: PF is round robin (equal shares of C = 3.36 Mbit/s to 3 users within one slot
    // in 20,000: 1.12 Mbit/s +- 3360 bit / 20 s = 168 bit/s).
    auto three = FullBuffer(3);
    BeamCapacity e = SimulateBeam(c, {2.0, 2.0, 2.0}, three, 20.0);
    for (double x : e.userThroughputSamples)
    {
        EXPECT_NEAR(x, 1.12e6, 168.0);
    }
}

TEST(BeamScheduler, FrequencyTimeProportionalFairEqualRates)
{
    // Two users per slot, four users at 2 bit/RE: each user's share of C = 3.36 Mbit/s is 1/4,
    // 0.84 Mbit/s, up to one slot's 5 RB (1680 bit) over 20 s = 84 bit/s.
    SchedulerConfig c = TenRbConfig(SchedulerPolicy::kProportionalFair);
    c.maxUsersPerSlot = 2;
    auto sources = FullBuffer(4);
    BeamCapacity b = SimulateBeam(c, {2.0, 2.0, 2.0, 2.0}, sources, 20.0);
    for (double x : b.userThroughputSamples)
    {
        EXPECT_NEAR(x, 0.84e6, 84.0);
    }
    EXPECT_DOUBLE_EQ(b.utilization, 1.0);
}

TEST(BeamScheduler, JainIndex)
{
    // Equal shares: (n x)^2 / (n n x^2) = 1. One user of n having everything: x^2 / (n x^2) = 1/n.
    EXPECT_DOUBLE_EQ(*JainIndex({3.0, 3.0, 3.0, 3.0, 3.0}), 1.0);
    EXPECT_DOUBLE_EQ(*JainIndex({7.0, 0.0, 0.0, 0.0}), 0.25);
    EXPECT_FALSE(JainIndex({}).has_value());
    EXPECT_FALSE(JainIndex({0.0, 0.0}).has_value());
    // The same through the scheduler: three of four users below every MODCOD threshold
    // (efficiency 0) are never scheduled, the fourth gets all 3.36 Mbit/s; Jain = 1/4.
    auto sources = FullBuffer(4);
    BeamCapacity b = SimulateBeam(TenRbConfig(), {0.0, 2.0, 0.0, 0.0}, sources, 1.0);
    EXPECT_DOUBLE_EQ(b.userThroughputSamples[1], 3.36e6);
    EXPECT_DOUBLE_EQ(*b.jain, 0.25);
    ASSERT_TRUE(b.userThroughputBps.p5.has_value());
    EXPECT_DOUBLE_EQ(*b.userThroughputBps.p5, 0.0); // a measured zero, not a missing value
}

struct PsFigures
{
    double meanDelay = 0.0;
    double halfWidth99 = 0.0;
    double utilization = 0.0;
    std::size_t files = 0;
    double offeredFiles = 0.0;
};

/// FTP model 3 under time-domain round robin at load rho. Capacity: 40 RB at 120 kHz
/// (57.6 MHz = 40 x 12 x 120 kHz), 2 bit/RE: 40 x 336 bit per 0.125 ms = 107.52 Mbit/s. Files of
/// 0.5 Mbyte = 4 Mbit, so S / C = 37.202 ms = 297.6 slots; 1000 users share lambda_total =
/// rho C / S. A user's files wait in one FIFO queue, so round robin shares the beam among users,
/// not files: with many users (at rho 0.7 about 2.3 files in the system, so two of them belong
/// to one user of 1000 with probability < 0.3 %) that is sharing among files, processor sharing.
/// Confidence interval by 20 batch means (in completion order), t(0.995, 19) = 2.861.
PsFigures
RunFtpRoundRobin(double rho, double files, std::uint64_t seed)
{
    SchedulerConfig c;
    c.subcarrierSpacingHz = 120e3;
    c.bandwidthHz = 57.6e6;
    const double capacity = 40 * 336 / 0.125e-3;
    const double fileBits = 4e6;
    const double lambdaTotal = rho * capacity / fileBits;
    const double duration = files / lambdaTotal;
    DemandConfig d;
    d.kind = DemandKind::kFtp3;
    d.fileRatePerS = lambdaTotal / 1000.0;
    std::vector<DemandSource> sources;
    for (int i = 0; i < 1000; ++i)
    {
        sources.emplace_back(d, seed * 10000 + i);
    }
    BeamCapacity b = SimulateBeam(c, std::vector<double>(1000, 2.0), sources, duration);
    PsFigures f;
    f.files = b.itemDelaySamples.size();
    f.utilization = b.utilization;
    f.offeredFiles = files;
    const std::size_t batches = 20;
    const std::size_t per = f.files / batches;
    double sum = 0.0, sumSq = 0.0;
    for (std::size_t k = 0; k < batches; ++k)
    {
        double m = 0.0;
        for (std::size_t j = k * per; j < (k + 1) * per; ++j)
        {
            m += b.itemDelaySamples[j];
        }
        m /= static_cast<double>(per);
        sum += m;
        sumSq += m * m;
    }
    f.meanDelay = sum / batches;
    const double var = (sumSq - batches * f.meanDelay * f.meanDelay) / (batches - 1);
    f.halfWidth99 = 2.861 * std::sqrt(var / batches);
    return f;
}

TEST(BeamScheduler, Ftp3RoundRobinIsProcessorSharing)
{
    // M/G/1-PS: mean sojourn = S / (C (1 - rho)) for any file-size distribution.
    // rho 0.3: 37.202 ms / 0.7 = 53.146 ms; rho 0.7: 37.202 ms / 0.3 = 124.007 ms.
    // The slot grid adds at most about one slot (0.125 ms: a file waits for the next slot start
    // and completes at a slot end), 0.1-0.2 % here, inside the interval.
    const double sOverC = 4e6 / (40 * 336 / 0.125e-3);
    for (double rho : {0.3, 0.7})
    {
        const double files = rho < 0.5 ? 30000 : 120000;
        PsFigures f = RunFtpRoundRobin(rho, files, 1);
        const double theory = sOverC / (1.0 - rho);
        SCOPED_TRACE(rho);
        EXPECT_GT(f.files, 0.97 * files);
        EXPECT_LT(f.halfWidth99, 0.05 * theory); // enough files for a tight interval
        EXPECT_NEAR(f.meanDelay, theory, f.halfWidth99)
            << "mean " << f.meanDelay << " theory " << theory << " +- " << f.halfWidth99;
        // Utilization = rho, within the Poisson spread of the number of files (sd rho /
        // sqrt(files), 3 sd) plus the last slot of each file, whose unused RBs are less than
        // 40 / 11,905 RB per file (0.34 %).
        EXPECT_NEAR(f.utilization, rho, rho * (3.0 / std::sqrt(files) + 0.0034));
    }
}

TEST(BeamScheduler, IdleSlotsCostNothing)
{
    // 1e8 s at 1 ms is 1e11 slots; a slot-by-slot loop would take minutes. Ten users with one
    // file per 1e7 s each: about 100 files, each 4e6 / 3360 = 1190.5 slots of service.
    DemandConfig d;
    d.kind = DemandKind::kFtp3;
    d.fileRatePerS = 1e-7;
    std::vector<DemandSource> sources;
    for (int i = 0; i < 10; ++i)
    {
        sources.emplace_back(d, i);
    }
    auto start = std::chrono::steady_clock::now();
    BeamCapacity b = SimulateBeam(TenRbConfig(), std::vector<double>(10, 2.0), sources, 1e8);
    double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 5.0);
    EXPECT_EQ(b.slots, 100000000000LL);
    EXPECT_GT(b.itemsArrived, 50u);
    EXPECT_EQ(b.itemsCompleted, b.itemsArrived);
    EXPECT_DOUBLE_EQ(b.servedBits, b.offeredBits);
    // Each file alone (no overlap is likely): 1191 slots ending at the slot end, so its
    // transfer time is 1.191 s plus the wait for the next slot start (< 1 ms).
    EXPECT_NEAR(*b.itemDelayS.p50, 1.191, 0.001);
}

TEST(BeamScheduler, CbrPacketsAtLowLoadTakeOneSlotAfterTheNextSlotStart)
{
    // One CBR user, 1500-byte packets at 1.2 Mbit/s (one per 10 ms) in a 3.36 Mbit/s beam
    // (3360 bit per 1 ms slot): a packet of 12,000 bit needs 12,000 / 336 = 35.7 -> 36 RB, i.e.
    // 4 slots of 10 RB (the last one partly used). It waits for the next slot start (0 to 1 ms)
    // and ends at the end of its 4th slot: delay in [4 ms, 5 ms). Load 1.2 / 3.36 = 0.357 of
    // the slots, every packet alone (4 ms of 10).
    DemandConfig d;
    d.kind = DemandKind::kCbr;
    d.rateBps = 1.2e6;
    d.packetBytes = 1500;
    std::vector<DemandSource> sources{DemandSource(d, 4)};
    BeamCapacity b = SimulateBeam(TenRbConfig(), {2.0}, sources, 10.0);
    ASSERT_GE(b.itemDelaySamples.size(), 999u);
    for (double delay : b.itemDelaySamples)
    {
        EXPECT_GE(delay, 4e-3 - 1e-12);
        EXPECT_LT(delay, 5e-3 + 1e-12);
    }
    // Served = offered (1.2 Mbit/s x 10 s, minus a packet still in flight at the end).
    EXPECT_NEAR(b.servedBits, 12e6, 12000.0);
    // RBs used: 36 per packet = 4 slots of 10, 10, 10, 6 over 1000 packets per 10,000 slots x
    // 10 RB: 36,000 / 100,000 = 0.36.
    EXPECT_NEAR(b.utilization, 0.36, 0.0004);
}

TEST(BeamScheduler, WarmupExcludesEarlyItemsFromSamplesOnly)
{
    DemandConfig d;
    d.kind = DemandKind::kCbr;
    d.rateBps = 1.2e6;
    d.packetBytes = 1500;
    std::vector<DemandSource> a{DemandSource(d, 4)};
    std::vector<DemandSource> b{DemandSource(d, 4)};
    BeamCapacity all = SimulateBeam(TenRbConfig(), {2.0}, a, 10.0);
    BeamCapacity late = SimulateBeam(TenRbConfig(), {2.0}, b, 10.0, 5.0);
    // Packets every 10 ms: the 500 arriving in the first 5 s leave the samples, not the traffic.
    EXPECT_EQ(late.itemsArrived, all.itemsArrived);
    EXPECT_DOUBLE_EQ(late.servedBits, all.servedBits);
    EXPECT_EQ(all.itemDelaySamples.size() - late.itemDelaySamples.size(), 500u);
}

TEST(BeamScheduler, CapacityFromSinrThroughModcodTables)
{
    CapacityConfig cfg;
    cfg.scheduler = TenRbConfig();
    cfg.durationS = 1.0;
    // NR CQI table 3 (TS 38.214 Table 5.2.2.1-3): CQI 15 = 256QAM, 7.4063 bit/RE. At 30 dB SINR
    // (threshold 10 log10(2^7.4063 - 1) + 1.8 = 24.07 dB) a lone full-buffer user gets
    // 10 RB x 12 x 14 x 7.4063 bit per ms = 12.4426 Mbit/s.
    cfg.modulation = ModulationKind::kNrCqi256;
    CapacityResult r = EvaluateCapacity({{30.0}}, {0}, 1, cfg);
    ASSERT_EQ(r.beams.size(), 1u);
    EXPECT_NEAR(r.beams[0].userThroughputSamples[0], 10 * 12 * 14 * 7.4063 * 1000, 1.0);
    // Shannon without gap: SINR 10 log10 3 = 4.771 dB gives log2(1 + 3) = 2 bit/RE: 3.36 Mbit/s.
    cfg.modulation = ModulationKind::kShannon;
    cfg.gapDb = 0.0;
    cfg.capBpsHz = 10.0;
    r = EvaluateCapacity({{10.0 * std::log10(3.0)}}, {0}, 1, cfg);
    EXPECT_NEAR(r.beams[0].userThroughputSamples[0], 3.36e6, 1e-3);
    // A user left out (beam -1) and an empty beam: the empty beam has no users and no Jain index.
    r = EvaluateCapacity({{10.0}, {10.0}}, {0, -1}, 2, cfg);
    EXPECT_EQ(r.beams[0].users, 1);
    EXPECT_EQ(r.beams[1].users, 0);
    EXPECT_FALSE(r.beams[1].jain.has_value());
    EXPECT_DOUBLE_EQ(r.beams[1].utilization, 0.0);
    EXPECT_EQ(r.userThroughputBps.n, 1u);
    EXPECT_THROW(EvaluateCapacity({{10.0}}, {2}, 2, cfg), InputError);
}

TEST(BeamScheduler, CalibrationBeamsFullBufferRoundRobinSpectralEfficiency)
{
    // The 19 serving beams of the Set-1 LEO-600 Ka FR3 calibration drop (10 terminals per beam)
    // with full buffers under round robin for 1 s at 120 kHz (8000 slots, a multiple of 10): each
    // terminal gets exactly 1/10 of its beam's slots, so the beam's spectral efficiency is the
    // mean efficiency of its terminals (NR CQI table 3 at their SINR) x 12 x 14 RE per RB and
    // slot x 92 RB / 0.125 ms / 133.33 MHz (= mean x 0.9274, the RE density of the grid).
    const Tr38821Case c{1, Tr38821Orbit::kLeo600, Tr38821Band::kKa, FrequencyReuse::kFr3};
    const Tr38821CaseResult drop = RunTr38821Case(c, Tr38821Options{});
    std::vector<BeamUser> users;
    std::vector<int> beamOf;
    for (const auto& t : drop.terminals)
    {
        users.push_back({t.sinr.sinrDb});
        beamOf.push_back(t.beam);
    }
    CapacityConfig cfg;
    cfg.scheduler.subcarrierSpacingHz = 120e3;
    cfg.scheduler.bandwidthHz = 400e6 / 3.0;
    cfg.modulation = ModulationKind::kNrCqi256;
    cfg.durationS = 1.0;
    CapacityResult r = EvaluateCapacity(users, beamOf, 19, cfg);
    const ModulationTable table = ModulationTable::NrCqi(true);
    const double reDensity = 12.0 * 14.0 * 92.0 / 0.125e-3 / (400e6 / 3.0);
    EXPECT_NEAR(reDensity, 0.92736, 1e-5);
    ASSERT_EQ(r.beams.size(), 19u);
    for (int b = 0; b < 19; ++b)
    {
        double sum = 0.0;
        int n = 0;
        for (std::size_t i = 0; i < users.size(); ++i)
        {
            if (beamOf[i] == b)
            {
                sum += table.Efficiency(users[i].sinrDb);
                ++n;
            }
        }
        ASSERT_EQ(n, 10);
        EXPECT_NEAR(r.beams[b].spectralEfficiency, sum / n * reDensity, 1e-9) << b;
        EXPECT_DOUBLE_EQ(r.beams[b].utilization, 1.0);
    }
    EXPECT_EQ(r.beamSpectralEfficiency.n, 19u);
}

std::string
CapacityJson(std::uint64_t seed)
{
    CapacityConfig cfg;
    cfg.scheduler.subcarrierSpacingHz = 30e3;
    cfg.scheduler.bandwidthHz = 20e6;
    cfg.scheduler.policy = SchedulerPolicy::kProportionalFair;
    cfg.demand.kind = DemandKind::kFtp3;
    cfg.demand.fileRatePerS = 0.5;
    cfg.durationS = 20.0;
    cfg.seed = seed;
    std::vector<BeamUser> users;
    std::vector<int> beams;
    for (int i = 0; i < 60; ++i)
    {
        users.push_back({-3.0 + 0.4 * i});
        beams.push_back(i % 3);
    }
    std::ostringstream os;
    JsonWriter json(os);
    WriteCapacityJson(EvaluateCapacity(users, beams, 3, cfg), json);
    return os.str();
}

TEST(BeamScheduler, SameSeedSameBytes)
{
    const std::string a = CapacityJson(9);
    EXPECT_EQ(a, CapacityJson(9));
    EXPECT_NE(a, CapacityJson(10));
    EXPECT_NE(a.find("\"item_delay_s\""), std::string::npos);
}

TEST(BeamScheduler, JsonNullWithoutSamples)
{
    CapacityConfig cfg;
    cfg.scheduler = TenRbConfig();
    std::ostringstream os;
    JsonWriter json(os);
    WriteCapacityJson(EvaluateCapacity({{10.0}}, {0}, 1, cfg), json); // full buffer: no items
    const std::string s = os.str();
    EXPECT_NE(s.find("\"item_delay_s\": {\"n\": 0, \"mean\": null, \"p5\": null, \"p50\": null, "
                     "\"p95\": null}"),
              std::string::npos)
        << s;
}

} // namespace
} // namespace sagin
