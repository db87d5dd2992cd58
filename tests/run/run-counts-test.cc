// Packet counts of `sagin run` against hand counts on a geometry that does not move: one GEO
// satellite (fixed in ECEF), two terminals and a gateway, a bent pipe whose links have fixed
// rates (no budget). CBR loss and jitter, the warm-up, and each drop reason (queue_full,
// link_down, no_route, harq_failure) are counted packet by packet from the send times.
#include "run-test-util.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>

using namespace sagin::test;

namespace
{

// ut-a -> geo -> gw -> geo -> ut-b; service links 1 Mbit/s each way, feeder 1 Gbit/s; no
// processing, no access timing: every packet of one size takes the same time end to end.
const char* const kStandard = R"(# proto-message: sagin.v1.Standard
name: "fixed-geo"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links { service_space { rate_mbps: 1 } feeder { rate_mbps: 1000 } }
)";

// The scenario with a CBR flow of `rateKbps` from start_s 0.501 (off the topology update times,
// which are whole seconds) and `extra` lines.
std::string
Scenario(double durationS, double rateKbps, const std::string& extra)
{
    return std::string(R"(# proto-message: sagin.v1.Scenario
name: "counts"
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut-a" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: -30 lon_deg: -15 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
coverage { region { lat_min_deg: -40 lat_max_deg: 40 lon_min_deg: -20 lon_max_deg: 20 } resolution_deg: 20 step_s: 5 }
)")
           + "duration_s: " + std::to_string(durationS) + "\n"
           + "traffic { flows { name: \"c\" endpoints { pair { from: \"ut-a\" to: \"ut-b\" } } cbr "
             "{ rate_kbps: "
           + std::to_string(rateKbps) + " packet_bytes: 1000 } start_s: 0.501 } }\n" + extra;
}

sagin::v1::RunResult
RunCounted(const TempDir& dir, const std::string& scenario, const std::string& standard = kStandard)
{
    auto sc = dir.Write("counts.txtpb", scenario);
    auto st = dir.Write("fixed-geo.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/out"});
    EXPECT_EQ(r.status, 0) << r.err;
    return ReadResult(dir.Path() + "/out", "fixed-geo");
}

// Packets a CBR source sends from `start` every `gap` seconds strictly before `stop`.
long
SentBefore(double start, double gap, double stop)
{
    return static_cast<long>(std::ceil((stop - start) / gap - 1e-9));
}

// IP packet of a 1000-byte CBR payload: + 8 (UDP) + 20 (IPv4) = 1028 bytes; at 1 Mbit/s its
// transmission takes 1028 x 8 / 1e6 = 8.224 ms.
constexpr double kTx1Mbps_s = 1028.0 * 8.0 / 1.0e6;

} // namespace

TEST(RunCounts, ConstantPathLosesNothingAndHasNoJitter)
{
    TempDir dir;
    // 100 kbit/s of 1000-byte payloads: one packet every 80 ms, at 0.501 + 0.08 k < 10 s:
    // k = 0 ... 118, 119 packets. The path is fixed and the link idle between packets (8.2 ms of
    // 80), so every one-way delay is the same: jitter 0, all delivered (the 2 s drain covers the
    // GEO path's quarter second).
    const auto r = RunCounted(dir, Scenario(10, 100, ""));
    ASSERT_EQ(SentBefore(0.501, 0.08, 10.0), 119);
    EXPECT_EQ(r.packets().sent(), 119u);
    EXPECT_EQ(r.packets().received(), 119u);
    EXPECT_EQ(r.packets().lost(), 0u);
    ASSERT_TRUE(r.packets().has_delivered_fraction());
    EXPECT_EQ(r.packets().delivered_fraction(), 1.0);
    ASSERT_TRUE(r.latency().has_jitter_ms());
    EXPECT_NEAR(r.latency().jitter_ms(), 0.0, 1e-6); // 1 ns: the simulator's time step
    EXPECT_EQ(r.latency().jitter_samples(), 118u);   // consecutive pairs
    ASSERT_EQ(r.flows_size(), 1);
    EXPECT_EQ(r.flows(0).packets().sent(), 119u);
    EXPECT_NEAR(r.flows(0).jitter_ms(), 0.0, 1e-6);
    // Nothing moves: no handover and no path change.
    EXPECT_EQ(r.handovers_per_terminal_hour(), 0.0);
    EXPECT_EQ(r.path_changes_per_terminal_hour(), 0.0);
    EXPECT_EQ(r.drops().queue_full() + r.drops().link_down() + r.drops().no_route()
                  + r.drops().no_next_hop() + r.drops().harq_failure() + r.drops().ttl_expired(),
              0u);
}

TEST(RunCounts, PacketsBeforeTheWarmUpAreNotCounted)
{
    TempDir dir;
    // As above with warmup_s 4: packets sent at 0.501 + 0.08 k >= 4 count, k >= 3.499 / 0.08 =
    // 43.74, so k = 44 ... 118: 75 packets. latency.csv still lists all 119.
    const auto r = RunCounted(dir, Scenario(10, 100, "measurement { warmup_s: 4 }\n"));
    EXPECT_EQ(119 - SentBefore(0.501, 0.08, 4.0), 75);
    EXPECT_EQ(r.packets().sent(), 75u);
    EXPECT_EQ(r.packets().received(), 75u);
    EXPECT_EQ(r.flows(0).packets().sent(), 75u);
    EXPECT_EQ(r.latency().one_way_ms().count(), 75u);
    EXPECT_EQ(r.latency().jitter_samples(), 74u);
    const auto rows = ReadCsv(dir.Path() + "/out/fixed-geo/latency.csv");
    EXPECT_EQ(rows.size(), 1u + 119u);
}

TEST(RunCounts, APathDownForAKnownIntervalLosesThePacketsSentInIt)
{
    TempDir dir;
    // ut-a is out of service from 5 s to 8 s (topology updates at whole seconds). Packets sent at
    // 0.501 + 0.08 k in [5, 8): k = ceil(4.499 / 0.08) = 57 ... floor(7.499 / 0.08) = 93, 37
    // packets; each finds no route at its source. Earlier packets have left ut-a (8.2 ms of
    // transmission) before 5 s.
    const auto r = RunCounted(
        dir,
        Scenario(
            10,
            100,
            R"(site_failures { region { lat_min_deg: 30 lat_max_deg: 40 lon_min_deg: 15 lon_max_deg: 25 } roles: [UT] start_s: 5 end_s: 8 }
)"));
    const long lost = SentBefore(0.501, 0.08, 8.0) - SentBefore(0.501, 0.08, 5.0);
    EXPECT_EQ(lost, 37);
    EXPECT_EQ(r.packets().sent(), 119u);
    EXPECT_EQ(r.packets().lost(), 37u);
    EXPECT_EQ(r.packets().received(), 119u - 37u);
    EXPECT_EQ(r.drops().no_route(), 37u);
    EXPECT_NEAR(r.packets().loss_fraction(), 37.0 / 119.0, 1e-12);
}

TEST(RunCounts, QueueFullLinkDownAndNoRouteAgainstHandCounts)
{
    TempDir dir;
    // 2 Mbit/s of 1000-byte payloads (one packet every 4 ms from 0.501 s) into ut-a's 1 Mbit/s
    // uplink; ut-a fails at 15 s until the end (20 s).
    const auto r = RunCounted(
        dir,
        Scenario(
            20,
            2000,
            R"(site_failures { region { lat_min_deg: 30 lat_max_deg: 40 lon_min_deg: 15 lon_max_deg: 25 } roles: [UT] start_s: 15 }
)"));
    const long sent = SentBefore(0.501, 0.004, 20.0);
    const long sentBeforeFailure = SentBefore(0.501, 0.004, 15.0);
    EXPECT_EQ(sent, 4875);
    EXPECT_EQ(sentBeforeFailure, 3625);
    EXPECT_EQ(r.packets().sent(), static_cast<uint64_t>(sent));
    // Before the failure the uplink sends back to back from 0.501 s. When the last packet before
    // the failure is sent (0.501 + 0.004 x 3624 = 14.997 s) it has completed
    // (14.997 - 0.501) / 8.224 ms = 1762.6 packets, one is on the air and the drop-tail queue
    // holds 1000 (full since 0.501 + 1000 / (250 - 121.6) = 8.3 s): 3625 - 1762.6 - 1 - 1000 =
    // 861.4 queue_full drops, within one packet.
    const double lastBefore = 0.501 + 0.004 * (sentBeforeFailure - 1);
    const double accepted = (lastBefore - 0.501) / kTx1Mbps_s + 1 + 1000;
    EXPECT_NEAR(static_cast<double>(r.drops().queue_full()), sentBeforeFailure - accepted, 1.0);
    // At 15 s the update takes ut-a's link down: the 1000 queued packets are dropped as the
    // device takes them (link_down, within the one packet being sent at that instant), and the
    // 4875 - 3625 = 1250 sent afterwards find no route.
    EXPECT_NEAR(static_cast<double>(r.drops().link_down()), 1000.0, 1.0);
    EXPECT_EQ(r.drops().no_route(), static_cast<uint64_t>(sent - sentBeforeFailure));
    // Everything else arrived: sent = received + the drops.
    EXPECT_EQ(r.packets().received() + r.drops().queue_full() + r.drops().link_down()
                  + r.drops().no_route(),
              static_cast<uint64_t>(sent));
}

TEST(RunCounts, HarqFailureAtBlerNearOneLosesEveryPacket)
{
    TempDir dir;
    // Every HARQ transmission fails (BLER 0.999999: validation refuses 1); after the maximum of 2
    // retransmissions the packet is lost on ut-a's service link: 119 packets, 119 harq_failure
    // drops, none received. (A packet gets through with probability 3 x 1e-6; any of the 119,
    // at most 3.6e-4; the seed fixes the draw.)
    std::string standard = kStandard;
    standard
        += "access_timing { harq_bler: 0.999999 harq_max_retransmissions: 2 harq_rtt_ms: 8 }\n";
    const auto r = RunCounted(dir, Scenario(10, 100, ""), standard);
    EXPECT_EQ(r.packets().sent(), 119u);
    EXPECT_EQ(r.packets().received(), 0u);
    EXPECT_EQ(r.drops().harq_failure(), 119u);
    ASSERT_TRUE(r.packets().has_delivered_fraction());
    EXPECT_EQ(r.packets().delivered_fraction(), 0.0);
    // No sample: no latency and no jitter (null, not 0).
    EXPECT_FALSE(r.latency().has_jitter_ms());
    EXPECT_FALSE(r.latency().one_way_ms().has_p50());
}

TEST(RunCounts, HandoversAndPathChangesAtThePoleAgainstTheHandCount)
{
    TempDir dir;
    // One polar plane of 72 satellites at 550 km (Keplerian: no J2 drift), two terminals at the
    // North Pole, every satellite passing overhead in turn. Under HIGHEST_ELEVATION (no
    // hysteresis, no dwell) a terminal at the pole is served by the satellite nearest to it in
    // argument of latitude, whatever the Earth's rotation: slot 18 is overhead at t = 0 (u =
    // 18 x 5 = 90 deg) and the server changes each time a midpoint between neighbours (5 deg
    // apart) passes the pole: at t = T / 144 + m T / 72 with
    // T = 2 pi sqrt(a^3 / mu) = 2 pi sqrt(6928137^3 / 3.986004418e14) = 5739.1 s, i.e. at 39.9,
    // 119.6, 199.3, 279.0, 358.7, 438.4 s: 6 handovers per terminal in 500 s (the next is at
    // 518.1 s). The path ut-a > satellite > ut-b changes at each of them.
    auto sc = dir.Write("pole.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "pole"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 500
seed: 1
shells { name: "p" walker { pattern: STAR altitude_km: 550 inclination_deg: 90 total_satellites: 72 planes: 1 no_j2_drift: true } }
ground_sites { name: "ut-a" role: UT position { lat_deg: 90 lon_deg: 0 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: 90 lon_deg: 90 } }
traffic { flows { name: "p" endpoints { pair { from: "ut-a" to: "ut-b" } } ping { interval_ms: 1000 } start_s: 0.5 } }
coverage { resolution_deg: 30 step_s: 100 }
)");
    auto st = dir.Write("pole-std.txtpb", R"(# proto-message: sagin.v1.Standard
name: "pole-std"
access_layers: [SPACE]
payload: REGENERATIVE
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 }
)");
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto result = ReadResult(dir.Path() + "/out", "pole-std");
    const double a = 6378137.0 + 550e3;
    const double period = 2 * M_PI * std::sqrt(a * a * a / 3.986004418e14);
    int handovers = 0;
    for (double t = period / 144; t < 500.0; t += period / 72)
    {
        ++handovers;
    }
    ASSERT_EQ(handovers, 6);
    const double hours = 500.0 / 3600.0;
    // 2 terminals x 6 handovers over 2 terminal x 500 s; 6 path changes of one source over 500 s.
    ASSERT_TRUE(result.has_handovers_per_terminal_hour());
    EXPECT_NEAR(result.handovers_per_terminal_hour(), 2 * handovers / (2 * hours), 1e-9);
    ASSERT_TRUE(result.has_path_changes_per_terminal_hour());
    EXPECT_NEAR(result.path_changes_per_terminal_hour(), handovers / hours, 1e-9);
    EXPECT_EQ(result.packets().sent(), result.packets().received());
}

namespace
{

// kStandard with the given links block instead of its own.
std::string
WithLinks(const std::string& links)
{
    std::string s = kStandard;
    const std::string old = "links { service_space { rate_mbps: 1 } feeder { rate_mbps: 1000 } }";
    s.replace(s.find(old), old.size(), links);
    return s;
}

} // namespace

TEST(RunCounts, QueuePacketsOfOneLinkKindBoundTheQueueOfThatKind)
{
    TempDir dir;
    // As QueueFullLinkDownAndNoRouteAgainstHandCounts without the failure, over 10 s, with
    // service_space { queue_packets: 10 } and the feeder's queue at 1 packet: 2 Mbit/s of
    // 1000-byte payloads (one every 4 ms from 0.501 s) into ut-a's 1 Mbit/s uplink. Sent:
    // ceil(9.499 / 0.004) = 2375. When the last is sent (0.501 + 0.004 x 2374 = 9.997 s) the
    // uplink has completed (9.997 - 0.501) / 8.224 ms = 1154.67 packets, one is on the air and
    // 10 wait: 2375 - 1154.67 - 1 - 10 = 1209.33 queue_full drops, within one packet. The
    // feeder (1 Gbit/s, 8.2 us per packet) and the satellite's downlink (1 Mbit/s, fed at
    // 1 Mbit/s) never hold a waiting packet beyond the one in service: no other drop, and the
    // 2 s drain delivers the rest.
    const auto r = RunCounted(dir,
                              Scenario(10, 2000, ""),
                              WithLinks("links { service_space { rate_mbps: 1 queue_packets: 10 } "
                                        "feeder { rate_mbps: 1000 queue_packets: 1 } }"));
    const long sent = SentBefore(0.501, 0.004, 10.0);
    ASSERT_EQ(sent, 2375);
    EXPECT_EQ(r.packets().sent(), static_cast<uint64_t>(sent));
    const double lastSent = 0.501 + 0.004 * (sent - 1);
    const double accepted = (lastSent - 0.501) / kTx1Mbps_s + 1 + 10;
    EXPECT_NEAR(static_cast<double>(r.drops().queue_full()), sent - accepted, 1.0);
    EXPECT_EQ(r.packets().received() + r.drops().queue_full(), static_cast<uint64_t>(sent));
    // With the default (1000 packets) the same 10 s fill ut-a's queue only after
    // 1000 / (250 - 121.6) = 7.8 s: the limit is the link kind's, not a constant.
    TempDir dir2;
    const auto d = RunCounted(dir2, Scenario(10, 2000, ""));
    EXPECT_NEAR(static_cast<double>(d.drops().queue_full()),
                sent - ((lastSent - 0.501) / kTx1Mbps_s + 1 + 1000),
                1.0);
}

TEST(RunCounts, LinkRatesShowInTheOneWayDelayAsSerializationTime)
{
    // 100 kbit/s of 1000-byte payloads (1028-byte IP packets, 8224 bits): the links are idle
    // between packets, so every one-way delay is the same sum of propagation and serialization
    // over ut-a > geo > gw > geo > ut-b (two service hops, two feeder hops).
    auto oneWay = [](const std::string& links)
    {
        TempDir dir;
        const auto r = RunCounted(dir, Scenario(10, 100, ""), WithLinks(links));
        EXPECT_EQ(r.packets().received(), 119u);
        return r.latency().one_way_ms().mean();
    };
    const double base
        = oneWay("links { service_space { rate_mbps: 1 } feeder { rate_mbps: 1000 } }");
    // Service rate 1 -> 2 Mbit/s: 2 hops x 8224 bits x (1/1e6 - 1/2e6) s = 2 x 4.112 ms = 8.224 ms
    // less.
    const double fasterService
        = oneWay("links { service_space { rate_mbps: 2 } feeder { rate_mbps: 1000 } }");
    EXPECT_NEAR(base - fasterService, 8.224, 2e-6); // ns rounding of 4 hops
    // A feeder without a rate runs at the default 10 Gbit/s: 2 x 8224 x (1/1e9 - 1/1e10) s =
    // 2 x (8.224 - 0.8224) us = 0.0148032 ms less than at 1 Gbit/s ...
    const double defaultFeeder = oneWay("links { service_space { rate_mbps: 1 } feeder { } }");
    EXPECT_NEAR(base - defaultFeeder, 0.0148032, 2e-6);
    // ... and at default_rate_mbps: 100, 2 x 8224 x (1/1e8 - 1/1e9) s = 0.148032 ms more than at 1
    // Gbit/s.
    const double slowDefault
        = oneWay("links { service_space { rate_mbps: 1 } feeder { default_rate_mbps: 100 } }");
    EXPECT_NEAR(slowDefault - base, 0.148032, 2e-6);
}

TEST(RunCounts, QueueAndDefaultRateOutOfRangeAreErrorsWithTheirFieldPaths)
{
    TempDir dir;
    auto sc = dir.Write("counts.txtpb", Scenario(10, 100, ""));
    auto st
        = dir.Write("bad.txtpb",
                    WithLinks("links { service_space { rate_mbps: 1 queue_packets: 0 } feeder { "
                              "default_rate_mbps: -1 } "
                              "isl { default_rate_mbps: 2e6 } air_space { queue_packets: 1000001 } "
                              "air_ground { default_rate_mbps: 0 } }"));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/out"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("links.service_space.queue_packets: must be in [1, 1000000] packets"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("links.feeder.default_rate_mbps: must be in (0, 1000000] Mbit/s"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("links.isl.default_rate_mbps:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("links.air_space.queue_packets:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("links.air_ground.default_rate_mbps:"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Path() + "/out"));
}
