// Every access-timing parameter shifts the measured latency by its documented amount: slot
// alignment waits for the next slot boundary, a grant-based uplink costs one access round trip
// (2 x the service link's delay for a regenerative payload), HARQ adds harq_rtt_ms per
// retransmission, sum_{k=1..max} BLER^k retransmissions on average.
#include "run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace sagin::test;

namespace
{

const char* kScenario = R"(# proto-message: sagin.v1.Scenario
name: "timing"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 60
seed: 5
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 288 planes: 24 phasing: 1 } }
ground_sites { name: "ut" role: UT position { lat_deg: 40.4 lon_deg: -3.7 } }
ground_sites { name: "gw" role: GW position { lat_deg: 40.5 lon_deg: -3.6 } }
ground_sites { name: "core" role: CORE position { lat_deg: 40.5 lon_deg: -3.6 } }
terrestrial { connect_to_nearest_core: true }
traffic { flows { name: "p" endpoints { pair { from: "ut" to: "core" } } ping { interval_ms: 50 } start_s: 0.0123 } }
coverage { resolution_deg: 60 step_s: 60 }
)";

// Regenerative, no ISL, no processing, every timing parameter off.
const char* kTimingStandard = R"(# proto-message: sagin.v1.Standard
name: "timing"
payload: REGENERATIVE
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION min_dwell_s: 1000 }
visibility { space_deg: 25 }
routing { update_interval_ms: 100 }
)";

struct Probe
{
    double sent;
    bool ok;
    double oneWay;
    double access;
};

std::vector<Probe>
RunTimingCase(TempDir& dir, const std::string& tag, const std::vector<std::string>& sets)
{
    auto scenario = dir.Write("timing.txtpb", kScenario);
    auto standard = dir.Write("timing-std.txtpb", kTimingStandard);
    std::vector<std::string> args
        = {"run", scenario, "--standard", standard, "--out", dir.Path() + "/" + tag};
    for (const auto& s : sets)
    {
        args.push_back("--set");
        args.push_back(s);
    }
    auto r = RunSagin(args);
    EXPECT_EQ(r.status, 0) << r.err;
    std::vector<Probe> probes;
    auto rows = ReadCsv(dir.Path() + "/" + tag + "/timing/latency.csv");
    for (size_t i = 1; i < rows.size(); ++i)
    {
        Probe p{std::stod(rows[i][5]), rows[i][6] == "1", 0, 0};
        if (p.ok)
        {
            p.oneWay = std::stod(rows[i][7]);
            p.access = std::stod(rows[i][10]);
        }
        probes.push_back(p);
    }
    return probes;
}

} // namespace

TEST(RunTiming, SlotGrantAndHarqShiftLatencyAsDocumented)
{
    TempDir dir;
    auto base = RunTimingCase(dir, "base", {});
    ASSERT_GT(base.size(), 1000u);

    // Slot alignment, 7 ms slots: the uplink transmission waits until the next multiple of 7 ms
    // after the probe is sent (the forward path has one access hop: terminal -> satellite).
    auto slot = RunTimingCase(dir, "slot", {"standard.timing.access_timing.slot_ms=7"});
    ASSERT_EQ(slot.size(), base.size());
    for (size_t i = 0; i < base.size(); ++i)
    {
        ASSERT_TRUE(base[i].ok && slot[i].ok);
        const double t = base[i].sent * 1e3; // ms
        const double wait = std::ceil(t / 7.0 - 1e-9) * 7.0 - t;
        EXPECT_NEAR(slot[i].oneWay - base[i].oneWay, wait, 2e-3) << "probe " << i;
    }

    // Grant-based uplink: one access round trip = 2 x the service link's propagation delay
    // (the access time of the baseline is that delay plus a sub-microsecond transmission).
    auto grant
        = RunTimingCase(dir, "grant", {"standard.timing.access_timing.grant_based_uplink=true"});
    ASSERT_EQ(grant.size(), base.size());
    for (size_t i = 0; i < base.size(); ++i)
    {
        ASSERT_TRUE(grant[i].ok);
        EXPECT_NEAR(grant[i].oneWay - base[i].oneWay, 2 * base[i].access, 2e-3) << "probe " << i;
    }

    // HARQ: BLER 0.3, up to 8 retransmissions 10 ms apart: mean extra delay on the forward path
    // = 10 ms x sum_{k=1..8} 0.3^k = 4.285 ms; a probe is lost with probability 0.3^9 = 2e-5.
    auto harq = RunTimingCase(dir,
                              "harq",
                              {"standard.timing.access_timing.harq_bler=0.3",
                               "standard.timing.access_timing.harq_max_retransmissions=8",
                               "standard.timing.access_timing.harq_rtt_ms=10"});
    ASSERT_EQ(harq.size(), base.size());
    double expected = 0.0;
    for (int k = 1; k <= 8; ++k)
    {
        expected += 10.0 * std::pow(0.3, k);
    }
    double sum = 0.0;
    double sumSq = 0.0;
    int n = 0;
    for (size_t i = 0; i < base.size(); ++i)
    {
        if (!harq[i].ok)
        {
            continue;
        }
        const double extra = harq[i].oneWay - base[i].oneWay;
        // Each retransmission costs exactly 10 ms.
        EXPECT_NEAR(std::fmod(extra + 1e-6, 10.0), 0.0, 2e-3) << "probe " << i;
        sum += extra;
        sumSq += extra * extra;
        ++n;
    }
    const double mean = sum / n;
    const double sd = std::sqrt(sumSq / n - mean * mean);
    // Four standard errors of the mean.
    EXPECT_NEAR(mean, expected, 4 * sd / std::sqrt(n));
    std::printf(
        "HARQ: %d probes, mean extra %.3f ms (expected %.3f), sd %.3f\n", n, mean, expected, sd);
    EXPECT_GE(n, static_cast<int>(base.size()) - 2);
}
