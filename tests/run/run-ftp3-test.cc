// FTP model 3 traffic (FlowGroup.ftp3) through `sagin run`, against closed forms on a geometry
// that does not move: one GEO satellite fixed in ECEF, ut-a -> geo -> gw -> geo -> ut-b with
// private service links of 2 bit/s/Hz x 1.8 MHz = 3.6 Mbit/s each way (the C/N is far above the
// Shannon cap) and a 1 Gbit/s feeder link.
#include "../common/validation.h"
#include "run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>

using namespace sagin::test;

namespace
{

const char* kFtp3Standard = R"(# proto-message: sagin.v1.Standard
name: "geo-ftp"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links {
  service_space {
    frequency_ghz: 20 bandwidth_mhz: 1.8 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 2
    forward { eirp_dbw_per_mhz: 60 rx { gain_dbi: 40 noise_figure_db: 1 antenna_temperature_k: 290 } }
    reverse { eirp_dbw_per_mhz: 60 rx { gain_dbi: 40 noise_figure_db: 1 antenna_temperature_k: 290 } }
  }
  feeder { rate_mbps: 1000 }
}
)";

std::string
Scenario(const std::string& ftp3)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "ftp"
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
duration_s: 40
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut-a" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: -30 lon_deg: -15 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
coverage { region { lat_min_deg: -40 lat_max_deg: 40 lon_min_deg: -20 lon_max_deg: 20 } resolution_deg: 20 step_s: 5 }
traffic { flows { name: "f" endpoints { pair { from: "ut-a" to: "ut-b" } } ftp3 { )"
           + ftp3 + " } } }\n";
}

} // namespace

// Files of 20,000 bytes in 1000-byte packets: 20 packets (1028-byte IP packets, 8,224 bits) per
// file, handed to the network at once. On idle links the k-th packet of a file (k = 0..19) leaves
// the first 3.6 Mbit/s hop (k + 1) t_p after the file, t_p = 8,224 / 3.6e6 s = 2.2844 ms, and
// the second one a t_p later (the 1 Gbit/s feeder hops add 8.2 us each): within a file the
// delays grow by t_p per packet, so the spread of the one-way delays over the run is 19 t_p
// as long as no file arrives while the previous one is still in flight (0.2 files/s, 46 ms per
// file: about 1 % of the gaps).
TEST(RunFtp3, FilesAreBurstsOfPacketsWithPoissonArrivals)
{
    TempDir dir;
    auto sc
        = dir.Write("s.txtpb", Scenario("file_bytes: 20000 files_per_s: 0.2 packet_bytes: 1000"));
    auto st = dir.Write("b.txtpb", kFtp3Standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/ftp"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto res = ReadResult(dir.Path() + "/ftp", "geo-ftp");
    ASSERT_EQ(res.flows_size(), 1);
    EXPECT_EQ(res.flows(0).kind(), "ftp3");
    const auto sent = res.packets().sent();
    // Whole files only, and as many as a Poisson process of 0.2/s gives in 40 s (mean 8, within
    // 3.5 standard deviations: 0 to 17).
    EXPECT_EQ(sent % 20, 0u) << sent;
    const double files = static_cast<double>(sent) / 20.0;
    EXPECT_GE(files, 1.0);
    EXPECT_LE(std::abs(files - 8.0), 3.5 * std::sqrt(8.0));
    EXPECT_EQ(res.packets().received(), sent);
    const double tp_ms = 8224.0 / 3.6e6 * 1e3;
    ValidationCheck("run.ftp3.burst-spread",
                    "closed form: 19 packet times of 8,224 bit at 3.6 Mbit/s",
                    "one-way delay, last - first packet of a 20-packet file",
                    "ms",
                    res.latency().one_way_ms().max() - res.latency().one_way_ms().min(),
                    19.0 * tp_ms,
                    1e-5);
}

TEST(RunFtp3, BadFieldsAreReportedTogether)
{
    TempDir dir;
    auto sc
        = dir.Write("s.txtpb", Scenario("file_bytes: 2000000000 files_per_s: nan packet_bytes: 8"));
    auto st = dir.Write("b.txtpb", kFtp3Standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("traffic.flows[0].ftp3.files_per_s"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("traffic.flows[0].ftp3.file_bytes"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("traffic.flows[0].ftp3.packet_bytes"), std::string::npos) << r.err;
}

// The packet-level capacity benchmark's inputs (tools/benchmarks) load and run: 0.2 s of the
// 30 s run (before the warm-up: only the beams' slot events count).
TEST(RunFtp3, BenchmarkWorldRuns)
{
    TempDir dir;
    const std::string bench = std::string(SAGIN_SOURCE_DIR) + "/tests/bench/beam-capacity/";
    auto r = RunSagin({"run",
                       bench + "scenario.txtpb",
                       "--standard",
                       bench + "standard.txtpb",
                       "--duration",
                       "0.2",
                       "--out",
                       dir.Path() + "/bench"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto res = ReadResult(dir.Path() + "/bench", "beam-capacity-19");
    EXPECT_EQ(res.flows_size(), 1000);
    // Before the 1 s warm-up nothing is counted but the schedulers' work.
    EXPECT_GT(res.shared_capacity().slot_events(), 0u);
}

// A CBR packet too small for the measurement header is refused by validation, not by a failed
// ns-3 attribute check inside the run (it used to abort the worker with signal 6).
TEST(RunFtp3, CbrPacketBelowTheHeaderIsAnInputError)
{
    TempDir dir;
    std::string scenario = Scenario("files_per_s: 1");
    const std::string from = "ftp3 { files_per_s: 1 }";
    scenario.replace(scenario.find(from), from.size(), "cbr { rate_kbps: 10 packet_bytes: 5 }");
    auto sc = dir.Write("s.txtpb", scenario);
    auto st = dir.Write("b.txtpb", kFtp3Standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/small"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("traffic.flows[0].cbr.packet_bytes"), std::string::npos) << r.err;
}
