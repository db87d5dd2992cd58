// TCP goodput of a packet-level run over a GEO bent pipe with fixed link rates, against the
// bandwidth-delay-product bound min(R x payload / packet, W / RTT) computed by hand from the
// geometry; and the split-connection proxy (tcp_pep) lifting a window-limited flow toward R.
#include "run-test-util.h"

#include <cmath>
#include <fstream>
#include <gtest/gtest.h>

using namespace sagin::test;

namespace
{


// A terminal uploads to a core site behind the gateway: ut > GEO satellite > gw > fiber > core.
// Service links 10 Mbit/s, feeder 100 Mbit/s (fixed rates, no budget), no processing delays.
std::string
Scenario(const std::string& tcp)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "geo-tcp"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 120
seed: 1
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
ground_sites { name: "core" role: CORE position { lat_deg: 20 lon_deg: 5.01 } }
terrestrial { connect_to_nearest_core: true }
traffic { flows { name: "up" endpoints { pair { from: "ut" to: "core" } } tcp_bulk { )"
           + tcp + R"( } start_s: 0.5 } }
measurement { warmup_s: 20 }
coverage { region { lat_min_deg: 30 lat_max_deg: 40 lon_min_deg: 15 lon_max_deg: 25 } resolution_deg: 10 step_s: 60 }
)";
}

std::string
Standard(const std::string& name, bool pep)
{
    return "# proto-message: sagin.v1.Standard\nname: \"" + name + R"("
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
routing { update_interval_ms: 1000 }
visibility { space_deg: 5 feeder_deg: 5 }
links { service_space { rate_mbps: 10 } feeder { rate_mbps: 100 } }
)" + (pep ? "tcp_pep { enabled: true }\n" : "");
}

/// Round trip of a full segment and its ACK, by hand: propagation over the two slant ranges
/// and the fiber, both ways, plus the transmission of a 1500-byte data packet on the 10 Mbit/s
/// uplink and the 100 Mbit/s feeder and of a 52-byte ACK on the way back (fiber transmissions
/// at Gbit/s are below 0.1 us).
double
RoundTrip_s()
{
    const V sat{kA + 35786.03e3, 0, 0}; // GEO over 0 deg E, fixed in ECEF
    const double slant = Dist(Ecef(35, 20, 0), sat) + Dist(Ecef(20, 5, 0), sat);
    // Fiber gw - core: 0.01 deg of longitude at 20 N, 1.046 km on the ellipsoid, x 1.468 / c.
    const double fiber = Dist(Ecef(20, 5, 0), Ecef(20, 5.01, 0)) * 1.468 / kC;
    const double tx = 1500 * 8 / 10e6 + 1500 * 8 / 100e6 + 52 * 8 / 100e6 + 52 * 8 / 10e6;
    return 2 * slant / kC + 2 * fiber + tx;
}

} // namespace

TEST(TcpGoodput, GeoWindowLimitedFlowMeetsTheBdpBoundAndTheProxyLiftsIt)
{
    TempDir dir;
    // W = 44 segments of 1448 bytes (an even number: delayed ACKs pair segments).
    auto scenario = dir.Write("geo-tcp.txtpb", Scenario("rcv_buf_bytes: 63712"));
    auto plain = dir.Write("plain.txtpb", Standard("plain", false));
    auto pep = dir.Write("pep.txtpb", Standard("pep", true));
    auto r = RunSagin(
        {"run", scenario, "--standard", plain, "--standard", pep, "--out", dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    const double rtt = RoundTrip_s();
    // Slant ranges 37,590 km (ut) and 36,370 km (gw): RTT about 0.4947 s; W / RTT about
    // 1.03 Mbit/s, far below the rate bound R x 1448 / 1500 = 9.653 Mbit/s (a 1448-byte segment
    // is a 1500-byte packet: IP 20, TCP 20, timestamps 12; the devices add no framing).
    const double windowBound = 63712 * 8 / rtt / 1e6;
    const double rateBound = 10.0 * 1448 / 1500;
    // Goodput counts [20 s, 120 s]. A window-limited flow arrives in bursts of one window per
    // round trip: the window's edges move the count by up to W (63712 x 8 / 100 s = 5,097 bit/s);
    // a rate-limited stream by up to one segment (1448 x 8 / 100 s).
    const double windowEdge = 63712 * 8 / 100.0 / 1e6;
    const double segmentEdge = 1448 * 8 / 100.0 / 1e6;
    auto plainResult = ReadResult(dir.Path() + "/out", "plain");
    auto pepResult = ReadResult(dir.Path() + "/out", "pep");
    ASSERT_EQ(plainResult.flows_size(), 1);
    const double g = plainResult.flows(0).goodput_mbps();
    const double gp = pepResult.flows(0).goodput_mbps();
    std::printf("RTT %.6f s, W/RTT %.4f Mbit/s: end to end %.4f (%.4f); proxy %.4f (rate bound "
                "%.4f, %.4f)\n",
                rtt,
                windowBound,
                g,
                g / windowBound,
                gp,
                rateBound,
                gp / rateBound);
    EXPECT_LE(g, windowBound + windowEdge);
    EXPECT_GE(g, 0.99 * windowBound);
    // The proxy ends the terminal's connection at the gateway with its own 8 MiB window: the
    // uplink's rate binds (the gateway-core leg's W / RTT is hundreds of Mbit/s).
    EXPECT_LE(gp, rateBound + segmentEdge);
    EXPECT_GE(gp, 0.95 * rateBound);
    EXPECT_DOUBLE_EQ(pepResult.tcp_goodput_mbps(), gp);
}

TEST(TcpGoodput, GeoFlowWithDefaultBuffersIsRateLimited)
{
    TempDir dir;
    // Default buffers (8 MiB): W / RTT = 8388608 x 8 / 0.4947 s = 136 Mbit/s, so R binds.
    auto scenario = dir.Write("geo-tcp.txtpb", Scenario(""));
    auto plain = dir.Write("plain.txtpb", Standard("plain", false));
    auto r = RunSagin({"run", scenario, "--standard", plain, "--out", dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    const double rateBound = 10.0 * 1448 / 1500;
    const double g = ReadResult(dir.Path() + "/out", "plain").flows(0).goodput_mbps();
    std::printf("default buffers: goodput %.4f Mbit/s, rate bound %.4f (%.4f)\n",
                g,
                rateBound,
                g / rateBound);
    EXPECT_LE(g, rateBound + 1448 * 8 / 100.0 / 1e6); // one segment over [20 s, 120 s]
    EXPECT_GE(g, 0.95 * rateBound);
}

TEST(TcpGoodput, BadTcpSettingsAreErrorsAllAtOnce)
{
    TempDir dir;
    auto scenario = dir.Write(
        "geo-tcp.txtpb", Scenario("segment_bytes: 1460 rcv_buf_bytes: 1000 snd_buf_bytes: 1460"));
    auto pep = dir.Write("pep.txtpb", Standard("pep", false) + "tcp_pep { enabled: true buffer_bytes: 100 }\n");
    auto r = RunSagin({"run", scenario, "--standard", pep, "--out", dir.Path() + "/out"});
    EXPECT_EQ(r.status, 2);
    // 1460 is more than a 1500-byte packet carries; the buffers are checked against it.
    EXPECT_NE(r.err.find("traffic.flows[0].tcp_bulk.segment_bytes: must be at most 1448"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("traffic.flows[0].tcp_bulk.rcv_buf_bytes: must be 0 (8 MiB) or at least "
                         "one segment (1460 "
                         "bytes), got 1000"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("snd_buf_bytes"), std::string::npos) << r.err;
    EXPECT_NE(
        r.err.find("pep.txtpb: error: tcp_pep.buffer_bytes: must be 0 (8 MiB) or at least 1448"),
        std::string::npos)
        << r.err;
    EXPECT_FALSE(std::ifstream(dir.Path() + "/out/pep/result.binpb").good());
}
