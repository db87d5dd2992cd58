// Rain fade as a time series (Scenario.rain.time_series) in `sagin run`: gateway (site)
// diversity against rain with no special case, and the same world with one gateway losing the
// packets of the fade intervals; the input checks.
//
// The expected outage intervals come from the model's own series (RainFadeSeries, checked
// against its references in tests/link/rain-fade-series-test.cc) through an independent
// reference: the feeder link's clear-sky C/N and margin computed here by hand from the WGS84
// geometry, so what is tested is the wiring: which sample holds at which update, which link
// the fade applies to, that a link below its minimum C/N goes down, and that routing and
// packets follow.
#include "link/model/rain-attenuation.h"
#include "link/model/rain-fade-series.h"
#include "run-test-util.h"
#include "sagin/v1/standard.pb.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

using namespace sagin::test;

namespace
{

// GEO satellite over 0 E; ut at 35 N 20 E; gw-a at 40 N 0 E beside the core (40 N 0.01 E);
// gw-b at 40 N 30 E, 2,560 km of fiber from the core: traffic ut > sat > gw-a > core while
// gw-a's feeder link closes, else through gw-b. Rain: R_0.01 = 50 mm/h everywhere, P_rain =
// 10 %, h_R from latitude (5 - 0.075 x 17 = 3.725 km at 40 N). The service link has a fixed
// rate (no budget), so rain only touches the feeder links.
constexpr double kDuration = 600.0;
constexpr double kRainRate = 50.0;
constexpr double kPRain = 10.0;

std::string
RainScenario(std::uint64_t seed, bool twoGateways, const std::string& rain)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "rain-div"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 600
seed: )" + std::to_string(seed)
           + R"(
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "gw-a" role: GW position { lat_deg: 40 lon_deg: 0 } }
)"
           + (twoGateways ? "ground_sites { name: \"gw-b\" role: GW position { lat_deg: 40 "
                            "lon_deg: 30 } }\n"
                          : "")
           + R"(ground_sites { name: "core" role: CORE position { lat_deg: 40 lon_deg: 0.01 } }
terrestrial { connect_to_nearest_core: true }
traffic { flows { name: "c" endpoints { pair { from: "ut" to: "core" } } cbr { rate_kbps: 8 packet_bytes: 1000 } start_s: 0.5 } }
measurement { max_latency_rows_per_flow: 0 }
coverage { region { lat_min_deg: 30 lat_max_deg: 40 lon_min_deg: 15 lon_max_deg: 25 } resolution_deg: 10 step_s: 60 }
)" + rain;
}

std::string
RainClimate()
{
    return "rain { rain_rate_mm_h: 50 rain_probability_percent: 10 time_series: true }\n";
}

// The feeder: gateway -> satellite at 30 GHz in free space, 100 MHz, EIRP 60 dBW/MHz, the
// satellite's G/T 20 dB/K (an Earth-looking receiver: rain adds no noise), min C/N 29 dB. One
// CBR packet per second at t = k + 0.5 s, half-way between two routing updates (every 1 s).
std::string
RainStandard()
{
    return R"(# proto-message: sagin.v1.Standard
name: "bent-rain"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links {
  service_space { rate_mbps: 1 }
  feeder { frequency_ghz: 30 bandwidth_mhz: 100 channel: FREE_SPACE modulation: DVB_S2X min_cn_db: 29
           forward { eirp_dbw_per_mhz: 60 gt_dbk: 20 } }
}
)";
}

/// Geometry and margin of one gateway's feeder, by hand.
struct Feeder
{
    double elevationDeg;
    double marginDb; ///< clear-sky C/N - 29 dB
};

Feeder
HandFeeder(double latDeg, double lonDeg)
{
    const V gw = Ecef(latDeg, lonDeg, 0.0);
    const V sat{kA + 35786.03e3, 0, 0}; // GEO fixed in ECEF at 0 E (docs/models.md#geo-geometry)
    const double d = Dist(gw, sat);
    // Elevation from the ellipsoid normal n = (cos lat cos lon, cos lat sin lon, sin lat).
    const double la = latDeg * M_PI / 180.0;
    const double lo = lonDeg * M_PI / 180.0;
    const V n{std::cos(la) * std::cos(lo), std::cos(la) * std::sin(lo), std::sin(la)};
    const double along = (n.x * (sat.x - gw.x) + n.y * (sat.y - gw.y) + n.z * (sat.z - gw.z)) / d;
    Feeder f;
    f.elevationDeg = std::asin(along) * 180.0 / M_PI;
    // C/N = EIRP - FSPL + G/T - k - 10 log10 B
    //     = (60 + 10 log10 100) - 20 log10(4 pi d f / c) + 20 + 228.5991672 - 10 log10(1e8)
    const double fspl = 20.0 * std::log10(4.0 * M_PI * d * 30e9 / kC);
    const double cn = 80.0 - fspl + 20.0 + 228.5991672 - 80.0;
    f.marginDb = cn - 29.0;
    return f;
}

/// Per second k of the run: +1 when gateway `name`'s feeder is faded below its margin by more
/// than 0.05 dB, -1 when it is under it by more than that, 0 in between (too close to call from
/// a hand geometry good to about 1e-3 dB).
std::vector<int>
Outages(std::uint64_t seed, const std::string& name, double latDeg, double lonDeg)
{
    const Feeder f = HandFeeder(latDeg, lonDeg);
    sagin::RainParameters climate;
    climate.rainRate001MmH = kRainRate;
    climate.latitudeDeg = latDeg;
    climate.stationHeightKm = 0.0;
    const sagin::RainLognormalFit fit
        = sagin::RainFadeSeries::Fit(30.0, f.elevationDeg, climate, kPRain);
    sagin::RainFadeSeries series(sagin::RainFadeSeries::SiteSeed(seed, name));
    std::vector<int> out;
    for (int k = 0; k < static_cast<int>(kDuration); ++k)
    {
        const double a = sagin::RainFadeSeries::AttenuationDb(fit, kPRain, series.At(k));
        out.push_back(a > f.marginDb + 0.05 ? 1 : (a < f.marginDb - 0.05 ? -1 : 0));
    }
    return out;
}

/// The first seed whose gw-a feeder fades below its margin for some seconds of the run (at
/// least 5, and clear for at least 5) and recovers before its end, while gw-b's never fades.
std::uint64_t
FindSeed(std::vector<int>& a)
{
    for (std::uint64_t seed = 1; seed < 20000; ++seed)
    {
        a = Outages(seed, "gw-a", 40, 0);
        int down = 0;
        int up = 0;
        for (int s : a)
        {
            down += s == 1;
            up += s == -1;
        }
        // The fade starts and ends inside the run: clear seconds before the first faded one
        // and after the last.
        const auto first = std::find(a.begin(), a.end(), 1);
        const auto last = std::find(a.rbegin(), a.rend(), 1);
        if (down < 5 || up < 5 || std::find(a.begin(), first, -1) == first
            || std::find(a.rbegin(), last, -1) == last)
        {
            continue;
        }
        bool bClear = true;
        for (int s : Outages(seed, "gw-b", 40, 30))
        {
            bClear = bClear && s == -1;
        }
        if (bClear)
        {
            return seed;
        }
    }
    return 0;
}

struct Packet
{
    double sent;
    bool received;
    double terrestrialMs;
};

std::vector<Packet>
Packets(const std::string& dir)
{
    const auto rows = ReadCsv(dir + "/bent-rain/latency.csv");
    std::vector<Packet> out;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto r = CsvRow(rows[0], rows[i]);
        Packet p;
        p.sent = std::stod(r["t_sent_s"]);
        p.received = r["received"] == "1";
        p.terrestrialMs = p.received ? std::stod(r["terrestrial_ms"]) : 0.0;
        out.push_back(p);
    }
    return out;
}

} // namespace

// Site diversity: while gw-a's feeder link is faded below its margin the traffic goes through
// gw-b, and back when it recovers; nothing is lost. The same world with gw-a alone loses
// exactly the packets sent during the fade (no route: the bent pipe has no feeder).
TEST(RainFadeRun, FeederFadeMovesTrafficToTheOtherGatewayOrLosesIt)
{
    std::vector<int> a;
    const std::uint64_t seed = FindSeed(a);
    ASSERT_GT(seed, 0u) << "no seed below 20000 fades gw-a alone";
    int down = 0;
    int ambiguous = 0;
    for (int s : a)
    {
        down += s == 1;
        ambiguous += s == 0;
    }
    TempDir dir;
    const auto st = dir.Write("std.txtpb", RainStandard());
    for (bool two : {true, false})
    {
        const std::string name = two ? "two" : "one";
        const auto sc = dir.Write(name + ".txtpb", RainScenario(seed, two, RainClimate()));
        auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/" + name});
        ASSERT_EQ(r.status, 0) << r.err;
        const auto packets = Packets(dir.Path() + "/" + name);
        ASSERT_EQ(packets.size(), 600u); // t = 0.5, 1.5, ..., 599.5 s
        for (const Packet& p : packets)
        {
            const int k = static_cast<int>(std::floor(p.sent)); // the update at k s routes it
            if (a[k] == 0)
            {
                continue;
            }
            if (two)
            {
                // Through gw-b the packet crosses 2,560 km of fiber (12.5 ms); through gw-a 0.85
                // km.
                ASSERT_TRUE(p.received) << "t = " << p.sent;
                EXPECT_EQ(p.terrestrialMs > 5.0, a[k] == 1) << "t = " << p.sent;
            }
            else
            {
                EXPECT_EQ(p.received, a[k] == -1) << "t = " << p.sent;
            }
        }
        const auto res = ReadResult(dir.Path() + "/" + name, "bent-rain");
        ASSERT_EQ(res.rain().gateways_size(), two ? 2 : 1);
        const auto& ga = res.rain().gateways(0);
        EXPECT_EQ(ga.site(), "gw-a");
        EXPECT_EQ(ga.samples(), 600u);
        EXPECT_GE(ga.outage_samples(), static_cast<unsigned>(down));
        EXPECT_LE(ga.outage_samples(), static_cast<unsigned>(down + ambiguous));
        EXPECT_DOUBLE_EQ(ga.outage_s(), ga.outage_samples() * 1.0); // 1 s per update
        ASSERT_TRUE(ga.has_outage_fraction());
        EXPECT_DOUBLE_EQ(ga.outage_fraction(), ga.outage_s() / 600.0);
        EXPECT_GE(ga.rain_s(), ga.outage_s());
        // The terminal's outage (failures.terminal_outage_s, any cause): none with diversity,
        // the fade's seconds with one gateway.
        ASSERT_EQ(res.failures().terminal_outage_s().count(), 1u);
        // The joint outage (every gateway at once) and the union (any): with one gateway both are
        // its own; with gw-b never faded, none jointly and gw-a's alone in the union.
        ASSERT_TRUE(res.rain().has_all_gateways_outage_fraction());
        EXPECT_DOUBLE_EQ(res.rain().any_gateway_outage_s(), ga.outage_s());
        EXPECT_DOUBLE_EQ(res.rain().any_gateway_outage_fraction(), ga.outage_s() / 600.0);
        EXPECT_DOUBLE_EQ(res.rain().all_gateways_outage_s(), two ? 0.0 : ga.outage_s());
        EXPECT_DOUBLE_EQ(res.rain().all_gateways_outage_fraction(),
                         two ? 0.0 : ga.outage_s() / 600.0);
        if (two)
        {
            EXPECT_DOUBLE_EQ(res.failures().availability(), 1.0);
            EXPECT_EQ(res.rain().gateways(1).site(), "gw-b");
            EXPECT_EQ(res.rain().gateways(1).outage_samples(), 0u);
            EXPECT_EQ(res.packets().sent(), res.packets().received());
        }
        else
        {
            EXPECT_GE(res.packets().sent() - res.packets().received(), static_cast<unsigned>(down));
            EXPECT_LE(res.packets().sent() - res.packets().received(),
                      static_cast<unsigned>(down + ambiguous));
            EXPECT_EQ(res.drops().no_route(), res.packets().sent() - res.packets().received());
            EXPECT_DOUBLE_EQ(res.failures().terminal_outage_s().max(), ga.outage_s());
        }
    }
}

// `sagin paths` steps the same controller: at each second the path goes through gw-b exactly
// when gw-a's feeder is faded below its margin.
TEST(RainFadeRun, PathsFollowTheSameFades)
{
    std::vector<int> a;
    const std::uint64_t seed = FindSeed(a);
    ASSERT_GT(seed, 0u);
    TempDir dir;
    const auto st = dir.Write("std.txtpb", RainStandard());
    const auto sc = dir.Write("s.txtpb", RainScenario(seed, true, RainClimate()));
    auto r = RunSagin({"paths",
                       sc,
                       "--standard",
                       st,
                       "--from",
                       "ut",
                       "--to",
                       "core",
                       "--step",
                       "1",
                       "--duration",
                       "599",
                       "--out",
                       dir.Path() + "/paths.csv"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = ReadCsv(dir.Path() + "/paths.csv");
    ASSERT_EQ(rows.size(), 601u); // header + t = 0 ... 599 s
    int viaB = 0;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto row = CsvRow(rows[0], rows[i]);
        const int k = static_cast<int>(std::lround(std::stod(row["t_s"])));
        if (a[k] == 0)
        {
            continue;
        }
        EXPECT_EQ(row["path"], a[k] == 1 ? "ut>geo-0>gw-b>core" : "ut>geo-0>gw-a>core")
            << "t = " << k;
        viaB += a[k] == 1;
    }
    EXPECT_GE(viaB, 5);
}

// Same seed, same rain and the same bytes, whatever the number of parallel runs: two copies of
// the standard under --jobs 1 and --jobs 2 give identical rain summaries and latency files.
TEST(RainFadeRun, SameSeedSameRainWhateverTheJobs)
{
    std::vector<int> a;
    const std::uint64_t seed = FindSeed(a);
    ASSERT_GT(seed, 0u);
    TempDir dir;
    const auto st1 = dir.Write("std1.txtpb", RainStandard());
    std::string copy = RainStandard();
    copy.replace(copy.find("bent-rain"), 9, "bent-rai2");
    const auto st2 = dir.Write("std2.txtpb", copy);
    const auto sc = dir.Write("s.txtpb", RainScenario(seed, true, RainClimate()));
    std::vector<std::string> rains;
    std::vector<std::string> csvs;
    for (const char* jobs : {"1", "2"})
    {
        const std::string out = dir.Path() + "/j" + jobs;
        auto r = RunSagin(
            {"run", sc, "--standard", st1, "--standard", st2, "--jobs", jobs, "--out", out});
        ASSERT_EQ(r.status, 0) << r.err;
        for (const char* name : {"bent-rain", "bent-rai2"})
        {
            rains.push_back(ReadResult(out, name).rain().SerializeAsString());
            const auto rows = ReadCsv(out + "/" + name + "/latency.csv");
            std::string all;
            for (const auto& row : rows)
            {
                for (const auto& f : row)
                {
                    all += f + ",";
                }
            }
            csvs.push_back(all);
        }
    }
    for (size_t i = 1; i < rains.size(); ++i)
    {
        EXPECT_EQ(rains[i], rains[0]) << i;
        EXPECT_EQ(csvs[i], csvs[0]) << i;
    }
    EXPECT_GT(ReadResult(dir.Path() + "/j1", "bent-rain").rain().gateways(0).outage_samples(), 0u);
}

// The shipped world (scenarios/rain-diversity.txtpb under geo-feeder-rain) is the two-gateway
// world above with the first seed that qualifies (42) and the same feeder: its header's claims
// hold second by second, and the run delivers every packet.
TEST(RainFadeRun, ShippedRainDiversityWorldDoesWhatItsHeaderSays)
{
    std::vector<int> a;
    ASSERT_EQ(FindSeed(a), 42u);
    const std::string root = SAGIN_SOURCE_DIR;
    sagin::v1::Standard standard;
    {
        std::ifstream in(root + "/scenarios/standards/geo-feeder-rain.txtpb");
        std::stringstream text;
        text << in.rdbuf();
        ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text.str(), &standard));
    }
    // The feeder the hand margin (HandFeeder) assumes.
    const auto& f = standard.links().feeder();
    EXPECT_EQ(f.frequency_ghz(), 30.0);
    EXPECT_EQ(f.bandwidth_mhz(), 100.0);
    EXPECT_EQ(f.forward().eirp_dbw_per_mhz(), 60.0);
    EXPECT_EQ(f.forward().gt_dbk(), 20.0);
    EXPECT_EQ(f.min_cn_db(), 29.0);
    EXPECT_EQ(f.channel(), sagin::v1::Channel::FREE_SPACE);
    TempDir dir;
    auto r = RunSagin({"run",
                       root + "/scenarios/rain-diversity.txtpb",
                       "--standard",
                       root + "/scenarios/standards/geo-feeder-rain.txtpb",
                       "--out",
                       dir.Path() + "/o"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto res = ReadResult(dir.Path() + "/o", "geo-feeder-rain");
    EXPECT_EQ(res.packets().sent(), 600u);
    EXPECT_EQ(res.packets().received(), 600u);
    ASSERT_EQ(res.rain().gateways_size(), 2);
    EXPECT_EQ(res.rain().gateways(0).rain_s(), 600.0);
    EXPECT_EQ(res.rain().gateways(1).outage_s(), 0.0);
    // The seconds through gw-b (2,560 km of fiber): those of the fade, between 252 and 403 s.
    const auto rows = ReadCsv(dir.Path() + "/o/geo-feeder-rain/latency.csv");
    int viaB = 0;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto row = CsvRow(rows[0], rows[i]);
        const double t = std::stod(row["t_sent_s"]);
        const bool b = std::stod(row["terrestrial_ms"]) > 5.0;
        const int k = static_cast<int>(std::floor(t));
        if (a[k] != 0)
        {
            EXPECT_EQ(b, a[k] == 1) << "t = " << t;
        }
        if (b)
        {
            ++viaB;
            EXPECT_GE(t, 252.0);
            EXPECT_LE(t, 403.0);
        }
    }
    EXPECT_EQ(static_cast<double>(viaB), res.rain().gateways(0).outage_s());
    EXPECT_EQ(viaB, 43);
}

// Without the switch the static percentile applies as before (no availability_percent: clear
// sky), nothing fades and the rain summary is empty.
TEST(RainFadeRun, WithoutTheSwitchNothingChanges)
{
    std::vector<int> a;
    const std::uint64_t seed = FindSeed(a);
    ASSERT_GT(seed, 0u);
    TempDir dir;
    const auto st = dir.Write("std.txtpb", RainStandard());
    const auto sc = dir.Write(
        "s.txtpb",
        RainScenario(seed, false, "rain { rain_rate_mm_h: 50 rain_probability_percent: 10 }\n"));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/o"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto res = ReadResult(dir.Path() + "/o", "bent-rain");
    EXPECT_EQ(res.rain().gateways_size(), 0);
    EXPECT_FALSE(res.rain().has_all_gateways_outage_s()); // not tracked: null, not 0
    EXPECT_FALSE(res.rain().has_any_gateway_outage_fraction());
    EXPECT_EQ(res.packets().sent(), res.packets().received());
}

// (f) Every error at once, with its field path; exit status 2.
TEST(RainFadeRun, BadRainSeriesInputsAreErrorsWithFieldPaths)
{
    TempDir dir;
    const auto sc = dir.Write("bad.txtpb",
                              RainScenario(1, true, R"(rain { rain_rate_mm_h: 50 time_series: true
  regions { region { lat_min_deg: 30 lat_max_deg: 50 lon_min_deg: 25 lon_max_deg: 35 } rain_rate_mm_h: 20 }
  regions { region { lat_min_deg: 30 lat_max_deg: 50 lon_min_deg: -5 lon_max_deg: 5 } rain_probability_percent: 0.01 }
  regions { region { lat_min_deg: 0 lat_max_deg: 10 lon_min_deg: 0 lon_max_deg: 10 } rain_probability_percent: 150 } }
)"));
    std::string standard = RainStandard();
    standard.replace(
        standard.find("service_space { rate_mbps: 1 }"),
        30,
        "service_space { frequency_ghz: 20 bandwidth_mhz: 10 channel: NTN environment: RURAL "
        "modulation: DVB_S2X forward { eirp_dbw_per_mhz: 40 gt_dbk: 15 } }");
    const auto st = dir.Write("std.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/o"});
    EXPECT_EQ(r.status, 2) << r.err;
    for (const char* needle :
         {"rain.rain_probability_percent: must be given with rain.time_series",
          "rain.regions[0].rain_probability_percent: must be given with rain.time_series",
          "rain.regions[1].rain_probability_percent: must be in (0.02, 100] %",
          "rain.regions[2].rain_probability_percent: must be in (0.02, 100] %",
          "below it), got 150",
          "links.service_space.forward.gt_dbk: this receiver is on the ground and the scenario's "
          "rain time series"})
    {
        EXPECT_NE(r.err.find(needle), std::string::npos) << needle << "\n" << r.err;
    }
    // A NaN is named too.
    const auto nan = dir.Write(
        "nan.txtpb",
        RainScenario(
            1,
            true,
            "rain { rain_rate_mm_h: 50 rain_probability_percent: nan time_series: true }\n"));
    r = RunSagin({"validate", nan});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("rain.rain_probability_percent: must be a finite number, got nan"),
              std::string::npos)
        << r.err;
}
