// Every shipped input file is valid, and every shipped scenario does what its header says under
// the standards the header names (issue 10): packets are delivered and no packet beats light.
//
// Scenario header lines read here:
//   # standards: NAME, NAME...           standards of scenarios/standards/ to run it under
//   # check-duration-s: S                run only S seconds here (large constellations)
//   # check-set: PATH=VALUE              a --set override for this check (repeatable)
//   # delivery-exception: NAME MIN: WHY  standard NAME delivers at least MIN (a fraction), WHY
// A scenario whose header names no standard is a geometry-only world (ephemeris, coverage): it
// must say so with "# standards: none".
#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "core/model/geodesy.h"
#include "run-test-util.h"
#include "run/model/run-engine.h"
#include "run/model/run-spec.h"
#include "scenario/model/text-input.h"
#include "scenario/model/validate-input.h"
#include "scenario/model/world.h"
#include "study/model/study-plan.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

namespace sagin::test
{
namespace
{

namespace fs = std::filesystem;

const std::string kScenarios = std::string(SAGIN_SOURCE_DIR) + "/scenarios";

std::vector<std::string>
ShippedFiles()
{
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(kScenarios))
    {
        if (e.is_regular_file() && e.path().extension() == ".txtpb")
        {
            files.push_back(e.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string
Trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

struct Header
{
    bool hasStandards = false;
    std::vector<std::string> standards;
    double duration_s = 0.0; // 0: the scenario's
    std::vector<std::string> overrides;
    std::map<std::string, double> minDelivery; // by standard
};

Header
ReadHeader(const std::string& path)
{
    Header h;
    std::ifstream in(path);
    std::string line;
    auto value = [&](const std::string& key) -> std::optional<std::string>
    {
        const std::string prefix = "# " + key + ":";
        if (line.rfind(prefix, 0) == 0)
        {
            return Trim(line.substr(prefix.size()));
        }
        return std::nullopt;
    };
    while (std::getline(in, line) && !line.empty() && line[0] == '#')
    {
        if (auto v = value("standards"))
        {
            h.hasStandards = true;
            std::string list = v->substr(0, v->find('(')); // a parenthesis explains
            std::replace(list.begin(), list.end(), ',', ' ');
            std::istringstream ls(list);
            std::string name;
            while (ls >> name)
            {
                if (name != "none")
                {
                    h.standards.push_back(name);
                }
            }
        }
        else if (auto v = value("check-duration-s"))
        {
            h.duration_s = std::stod(*v);
        }
        else if (auto v = value("check-set"))
        {
            h.overrides.push_back(*v);
        }
        else if (auto v = value("delivery-exception"))
        {
            std::istringstream ls(*v);
            std::string name;
            double min = 0.0;
            ls >> name >> min;
            h.minDelivery[name] = min;
        }
    }
    return h;
}

TEST(ShippedFiles, EveryFileValidates)
{
    const auto files = ShippedFiles();
    ASSERT_GE(files.size(), 20u);
    for (const auto& f : files)
    {
        SCOPED_TRACE(f);
        try
        {
            TextInput in = LoadTextInput(f);
            if (in.typeName == "sagin.v1.Study")
            {
                StudyPlan plan(f); // every run of the study resolved and validated
                EXPECT_GT(plan.Runs().size(), 0u);
            }
            else
            {
                std::string summary;
                const auto errors = ValidateInput(in, &summary);
                EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front());
            }
        }
        catch (const InputError& e)
        {
            ADD_FAILURE() << e.what();
        }
    }
}

TEST(ShippedFiles, EveryScenarioNamesItsStandards)
{
    for (const auto& f : ShippedFiles())
    {
        if (fs::path(f).parent_path() != fs::path(kScenarios))
        {
            continue; // standards/ and studies/
        }
        const Header h = ReadHeader(f);
        EXPECT_TRUE(h.hasStandards) << f << ": no '# standards:' header line";
        for (const auto& s : h.standards)
        {
            EXPECT_TRUE(fs::exists(kScenarios + "/standards/" + s + ".txtpb")) << f << ": " << s;
        }
    }
}

/// Minimum elevation (deg) of `target` seen from ground point `g` (geodetic elevation).
double
ElevationDeg(const Geodetic& g, const Vec3& target)
{
    const Vec3 p = GeodeticToEcef(g);
    const Vec3 up = UpVector(g.lat_deg, g.lon_deg);
    const Vec3 d = target - p;
    return std::asin(Dot(up, d) / Norm(d)) * 180.0 / M_PI;
}

/// The bounds of a GEO bent pipe's one-way delay from terminal `ut` to core `core` (or back):
/// uplink slant range + feeder slant range over light speed, plus the fiber from the gateway to
/// the core (geodesic x route factor x refractive index / c), for every GEO satellite the
/// terminal sees and gateway that sees it. Returns {min, max} in ms, NaN when none.
std::pair<double, double>
GeoBentPipeBoundsMs(const World& world, const v1::Standard& standard, int ut, int core)
{
    const auto& nodes = world.Nodes();
    const auto& t = world.Scenario().terrestrial();
    const double n = t.refractive_index() > 0 ? t.refractive_index() : 1.468;
    const double routeFactor = t.route_factor() > 0 ? t.route_factor() : 1.0;
    const double mask = standard.visibility().space_deg();
    const double feederMask
        = standard.visibility().has_feeder_deg() ? standard.visibility().feeder_deg() : mask;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (size_t g = 0; g < nodes.size(); ++g)
    {
        if (nodes[g].role != v1::Node::SAT)
        {
            continue;
        }
        const Vec3 sat = nodes[g].trajectory->PositionAt(0.0); // fixed in ECEF
        if (ElevationDeg(nodes[ut].site, sat) < mask)
        {
            continue;
        }
        for (size_t w = 0; w < nodes.size(); ++w)
        {
            if (nodes[w].role != v1::Node::GW || ElevationDeg(nodes[w].site, sat) < feederMask)
            {
                continue;
            }
            const double slant = Distance(GeodeticToEcef(nodes[ut].site), sat)
                                 + Distance(sat, GeodeticToEcef(nodes[w].site));
            const double fiber = GeodesicDistance(nodes[w].site.lat_deg,
                                                  nodes[w].site.lon_deg,
                                                  nodes[core].site.lat_deg,
                                                  nodes[core].site.lon_deg)
                                 * routeFactor * n;
            const double ms = (slant + fiber) / kSpeedOfLight * 1e3;
            lo = std::min(lo, ms);
            hi = std::max(hi, ms);
        }
    }
    if (!std::isfinite(lo))
    {
        return {NAN, NAN};
    }
    return {lo, hi};
}

struct Pair
{
    std::string scenario;
    std::string standard;
};

std::vector<Pair>
ShippedRuns()
{
    std::vector<Pair> runs;
    for (const auto& f : ShippedFiles())
    {
        if (fs::path(f).parent_path() != fs::path(kScenarios))
        {
            continue;
        }
        for (const auto& s : ReadHeader(f).standards)
        {
            runs.push_back({f, s});
        }
    }
    return runs;
}

void
PrintTo(const Pair& p, std::ostream* os)
{
    *os << fs::path(p.scenario).filename().string() << " under " << p.standard;
}

class ShippedRun : public ::testing::TestWithParam<Pair>
{
};

TEST_P(ShippedRun, DeliversAndRespectsLightSpeed)
{
    const Pair& p = GetParam();
    const Header h = ReadHeader(p.scenario);
    const std::string standardPath = kScenarios + "/standards/" + p.standard + ".txtpb";
    auto specs = PrepareRuns(
        p.scenario, {standardPath}, h.overrides, 1, false, h.duration_s, h.duration_s > 0.0);
    ASSERT_EQ(specs.size(), 1u);
    auto& spec = specs[0];
    spec.quiet = true;
    TempDir tmp;
    const std::string dir = tmp.Path() + "/run";
    const v1::RunResult r = RunOne(spec, dir);

    // Delivery.
    ASSERT_GT(r.packets().sent(), 0u) << "the scenario has no traffic to check";
    const double delivery = static_cast<double>(r.packets().received()) / r.packets().sent();
    const auto ex = h.minDelivery.find(p.standard);
    const double minDelivery = ex == h.minDelivery.end() ? 0.99 : ex->second;
    EXPECT_GE(delivery, minDelivery) << r.packets().received() << " of " << r.packets().sent()
                                     << " delivered; drops: " << r.drops().ShortDebugString();

    // Light speed: no packet beats the geodesic between its endpoints. Any path outside the
    // (convex) ellipsoid between two points on or above it is at least as long as the WGS84
    // geodesic between their foot points, so geodesic / c (vacuum) bounds every one-way delay.
    const World world = BuildWorld(spec.scenario, spec.scenarioDirectory);
    const bool geoBentPipe = spec.standard.payload() == v1::Standard::TRANSPARENT
                             && spec.standard.space_orbits_size() == 1
                             && spec.standard.space_orbits(0) == v1::Orbit::GEO;
    const auto& proc = spec.standard.processing();
    // A GEO bent pipe's path is terminal > GEO > gateway > fiber > core: the satellite's and the
    // gateway's forwarding delays plus the gateway gNB's access stack once.
    const double geoProcessingMs = proc.sat_ms() + proc.gw_ms() + proc.access_stack().gw_ms();
    const auto rows = ReadCsv(dir + "/latency.csv");
    ASSERT_GT(rows.size(), 1u);
    const auto& head = rows[0];
    auto col = [&](const char* name)
    {
        return static_cast<size_t>(std::find(head.begin(), head.end(), name) - head.begin());
    };
    const size_t cSrc = col("src"), cDst = col("dst"), cRecv = col("received"),
                 cOne = col("one_way_ms"), cRet = col("return_ms");
    ASSERT_LT(cRet, head.size());
    size_t checked = 0;
    size_t geoChecked = 0;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        const auto& row = rows[i];
        if (row.size() < head.size() || row[cRecv] != "1")
        {
            continue;
        }
        const int a = world.Find(row[cSrc]);
        const int b = world.Find(row[cDst]);
        ASSERT_GE(a, 0);
        ASSERT_GE(b, 0);
        const Geodetic& ga = world.Nodes()[a].site;
        const Geodetic& gb = world.Nodes()[b].site;
        const double boundMs = GeodesicDistance(ga.lat_deg, ga.lon_deg, gb.lat_deg, gb.lon_deg)
                               / kSpeedOfLight * 1e3;
        for (size_t c : {cOne, cRet})
        {
            if (row[c].empty())
            {
                continue;
            }
            const double ms = std::stod(row[c]);
            EXPECT_GE(ms, boundMs) << row[cSrc] << " > " << row[cDst] << " row " << i;
            ++checked;
            if (geoBentPipe && world.Nodes()[b].role == v1::Node::CORE)
            {
                // Slant ranges + fiber within the candidates' range, plus the processing and
                // at most 0.1 ms of transmission at these rates (64-byte probes).
                const auto [lo, hi] = GeoBentPipeBoundsMs(world, spec.standard, a, b);
                ASSERT_TRUE(std::isfinite(lo)) << row[cSrc] << " sees no GEO bent pipe";
                EXPECT_GE(ms, lo + geoProcessingMs) << row[cSrc];
                EXPECT_LE(ms, hi + geoProcessingMs + 0.1) << row[cSrc];
                ++geoChecked;
            }
        }
    }
    EXPECT_GT(checked, 0u);
    if (geoBentPipe)
    {
        EXPECT_GT(geoChecked, 0u);
    }
}

std::string
PairName(const ::testing::TestParamInfo<Pair>& info)
{
    std::string s = fs::path(info.param.scenario).stem().string() + "_" + info.param.standard;
    for (char& c : s)
    {
        if (!std::isalnum(static_cast<unsigned char>(c)))
        {
            c = '_';
        }
    }
    return s;
}

INSTANTIATE_TEST_SUITE_P(Shipped, ShippedRun, ::testing::ValuesIn(ShippedRuns()), PairName);

// The shipped failure-rate study: its MTBF axis reaches every run's failure event, and the
// terminals' availability falls as the MTBF falls (its 9 runs of 30 s). Hand bounds: at MTBF
// 1000 h the chance that any of the 288 satellites fails within 30 s is
// 1 - exp(-288 x 30 / 3.6e6) = 0.24 %, so availability is that of the world without failures;
// at 0.01 h (36 s) each satellite fails during the run with probability 1 - exp(-30 / 36) =
// 57 %, and a failure on a terminal's path costs it at least the 1 s detection time out of 30 s.
TEST(ShippedStudy, FailureRateSweepLowersAvailability)
{
    StudyPlan plan(kScenarios + "/studies/leo-failure-rate.txtpb");
    std::map<double, std::vector<double>> availability; // by MTBF
    TempDir tmp;
    int k = 0;
    for (const auto& run : plan.Runs())
    {
        RunSpec spec = run.spec;
        ASSERT_EQ(spec.scenario.failures_size(), 1);
        const double mtbf = spec.scenario.failures(0).satellites().random().mtbf_h();
        ASSERT_EQ(run.record.axes_size(), 1);
        EXPECT_EQ(run.record.axes(0).path(), "scenario.failures[0].satellites.random.mtbf_h");
        EXPECT_EQ(mtbf, std::stod(run.record.axes(0).value()));
        EXPECT_EQ(spec.standard.routing().failure_detection_ms(), 1000.0);
        spec.quiet = true;
        const v1::RunResult r = RunOne(spec, tmp.Path() + "/run" + std::to_string(k++));
        ASSERT_TRUE(r.failures().has_availability());
        EXPECT_EQ(r.failures().terminals(), 6u);
        availability[mtbf].push_back(r.failures().availability());
    }
    ASSERT_EQ(availability.size(), 3u);
    auto mean = [](const std::vector<double>& v)
    {
        double s = 0.0;
        for (double x : v)
        {
            s += x;
        }
        return s / v.size();
    };
    const double low = mean(availability.begin()->second); // MTBF 0.01 h
    const double mid = mean(std::next(availability.begin())->second);
    const double high = mean(availability.rbegin()->second); // MTBF 1000 h
    EXPECT_LT(low, mid);
    EXPECT_LE(mid, high);
    EXPECT_LT(low, high - 0.005);
}

// The shipped beam-load study, reduced to its widest and narrowest band and its first seed
// under both standards (4 runs of 10 s). What its header and the README say: at 40 MHz every
// beam has room (8 x 1.028 Mbit/s offered; a beam's colour band alone carries more), so
// everything arrives within the path plus a few slots (p99 < 20 ms: the path's ~8 ms plus
// 1 ms slots); at 2.5 MHz the busiest beams are overloaded (FR1: 2.5 MHz x ~1.1 bit/s/Hz =
// 2.7 Mbit/s for most of the 8.2 Mbit/s), so delivery falls well below 99 % and delays reach
// seconds, and FR1 delivers more than FR3 (a third of the band at a better SINR).
TEST(ShippedStudy, BeamLoadQueuesOnlyWhenTheBandShrinks)
{
    StudyPlan plan(kScenarios + "/studies/beam-load.txtpb");
    std::map<std::pair<double, std::string>, v1::RunResult> results;
    TempDir tmp;
    int k = 0;
    for (const auto& run : plan.Runs())
    {
        ASSERT_EQ(run.record.axes_size(), 1);
        const double band = std::stod(run.record.axes(0).value());
        if ((band != 40.0 && band != 2.5) || run.record.seed() != 1)
        {
            continue;
        }
        RunSpec spec = run.spec;
        ASSERT_TRUE(spec.standard.beams().has_shared_capacity());
        spec.quiet = true;
        results[{band, spec.standard.name()}]
            = RunOne(spec, tmp.Path() + "/run" + std::to_string(k++));
    }
    ASSERT_EQ(results.size(), 4u);
    for (const char* name : {"ntn-leo-beams-fr1", "ntn-leo-beams-fr3"})
    {
        const auto& wide = results[{40.0, name}];
        const auto& narrow = results[{2.5, name}];
        EXPECT_EQ(wide.shared_capacity().users(), 8u) << name;
        EXPECT_GE(wide.packets().delivered_fraction(), 0.99) << name;
        EXPECT_LT(wide.latency().one_way_ms().p99(), 20.0) << name;
        EXPECT_LT(narrow.packets().delivered_fraction(), 0.9) << name;
        EXPECT_GT(narrow.latency().one_way_ms().p99(), 1000.0) << name;
        EXPECT_GT(narrow.shared_capacity().beam_utilization().max(), 0.99) << name;
    }
    const double fr1 = results[{2.5, "ntn-leo-beams-fr1"}].packets().delivered_fraction();
    const double fr3 = results[{2.5, "ntn-leo-beams-fr3"}].packets().delivered_fraction();
    EXPECT_GT(fr1, fr3);
}

// ntn-leo-beams-fr3-qef's header: on the beam-load world with shared beam capacity, its
// quasi-Earth-fixed cells keep each terminal in its cell's beam (no anchor time falls in the
// 10 s run), while ntn-leo-beams-fr3's Earth-moving beams sweep over the terminals and some
// change beams on the same satellite; the same samples are counted under both.
TEST(ShippedStandard, QuasiEarthFixedCellsKeepTheirTerminalsInOneBeam)
{
    std::map<std::string, v1::RunResult> results;
    TempDir tmp;
    for (const char* name : {"ntn-leo-beams-fr3", "ntn-leo-beams-fr3-qef"})
    {
        auto specs = PrepareRuns(kScenarios + "/beam-load.txtpb",
                                 {kScenarios + "/standards/" + name + ".txtpb"},
                                 {"standard.*.beams.shared_capacity.policy=ROUND_ROBIN"},
                                 1,
                                 false,
                                 0.0,
                                 false);
        ASSERT_EQ(specs.size(), 1u);
        specs[0].quiet = true;
        results[name] = RunOne(specs[0], tmp.Path() + "/" + name);
    }
    const auto& moving = results["ntn-leo-beams-fr3"].shared_capacity();
    const auto& fixed = results["ntn-leo-beams-fr3-qef"].shared_capacity();
    EXPECT_EQ(moving.users(), 8u);
    EXPECT_EQ(fixed.users(), 8u);
    EXPECT_GT(moving.beam_switch_pairs(), 500u);
    EXPECT_EQ(fixed.beam_switch_pairs(), moving.beam_switch_pairs());
    EXPECT_GT(moving.beam_switches(), 0u);
    EXPECT_EQ(fixed.beam_switches(), 0u);
    EXPECT_EQ(fixed.beam_switch_fraction(), 0.0);
    EXPECT_GE(results["ntn-leo-beams-fr3-qef"].packets().delivered_fraction(), 0.99);
}

// The shipped return-load study, reduced to its lightest and heaviest file rate and its first
// seed under both standards with the regenerative payload (4 runs of 30 s), and FR3's lightest
// load behind a bent pipe (1 more). What its header and the README say: the uplink of
// FR1 is interference-limited (the neighbouring beams' terminals in the same band) and FR3's is
// not: FR3's median uplink SINR is well above FR1's; a beam's terminals interfere in proportion
// to how busy the beam is, so FR1's SINR falls as the load grows while FR3's moves less; at the
// heaviest load the busiest beams are (nearly) saturated and delivery falls, FR3's cell edge
// keeping more throughput.
TEST(ShippedStudy, ReturnLoadFr1UplinkIsInterferenceLimited)
{
    StudyPlan plan(kScenarios + "/studies/return-load.txtpb");
    std::map<std::pair<double, std::string>, v1::RunResult> results;
    TempDir tmp;
    int k = 0;
    v1::RunResult fr3LightTransparent;
    for (const auto& run : plan.Runs())
    {
        ASSERT_EQ(run.record.axes_size(), 2);
        ASSERT_EQ(run.record.axes(0).name(), "payload");
        ASSERT_EQ(run.record.axes(1).name(), "files_per_s");
        const bool transparent = run.record.axes(0).value() == "TRANSPARENT";
        const double rate = std::stod(run.record.axes(1).value());
        if ((rate != 0.125 && rate != 1.0) || run.record.seed() != 1
            || (transparent && (rate != 0.125 || run.spec.standard.name() != "ntn-leo-beams-fr3")))
        {
            continue;
        }
        RunSpec spec = run.spec;
        ASSERT_TRUE(spec.standard.beams().has_return_shared_capacity());
        ASSERT_FALSE(spec.standard.beams().has_shared_capacity());
        ASSERT_TRUE(spec.standard.access_timing().grant_based_uplink());
        spec.quiet = true;
        (transparent ? fr3LightTransparent : results[{rate, spec.standard.name()}])
            = RunOne(spec, tmp.Path() + "/run" + std::to_string(k++));
    }
    ASSERT_EQ(results.size(), 4u);
    ASSERT_GT(fr3LightTransparent.packets().received(), 0u);
    const auto& fr1Light = results[{0.125, "ntn-leo-beams-fr1"}].shared_capacity_return();
    const auto& fr3Light = results[{0.125, "ntn-leo-beams-fr3"}].shared_capacity_return();
    const auto& fr1Heavy = results[{1.0, "ntn-leo-beams-fr1"}].shared_capacity_return();
    const auto& fr3Heavy = results[{1.0, "ntn-leo-beams-fr3"}].shared_capacity_return();
    for (const auto* r : {&fr1Light, &fr3Light, &fr1Heavy, &fr3Heavy})
    {
        EXPECT_GE(r->users(), 23u); // nearly every one of the 24 uploaders reaches a beam
    }
    const auto& any = results[std::make_pair(0.125, std::string("ntn-leo-beams-fr1"))];
    EXPECT_EQ(any.shared_capacity().users(), 0u); // the forward links stay private
    EXPECT_GT(fr3Light.sinr_db().p50(), fr1Light.sinr_db().p50() + 5.0);
    EXPECT_GT(fr3Heavy.sinr_db().p50(), fr1Heavy.sinr_db().p50() + 5.0);
    EXPECT_GT(fr1Light.sinr_db().p50(), fr1Heavy.sinr_db().p50() + 3.0);
    EXPECT_LT(std::abs(fr3Light.sinr_db().p50() - fr3Heavy.sinr_db().p50()),
              fr1Light.sinr_db().p50() - fr1Heavy.sinr_db().p50());
    for (const char* name : {"ntn-leo-beams-fr1", "ntn-leo-beams-fr3"})
    {
        const auto& light = results[{0.125, name}];
        const auto& heavy = results[{1.0, name}];
        EXPECT_GT(heavy.shared_capacity_return().beam_utilization().max(), 0.75) << name;
        EXPECT_LT(light.shared_capacity_return().beam_utilization().max(), 0.5) << name;
        EXPECT_LT(heavy.packets().delivered_fraction(), light.packets().delivered_fraction())
            << name;
    }
    const auto& fr3LightRun = results[std::make_pair(0.125, std::string("ntn-leo-beams-fr3"))];
    EXPECT_GE(fr3LightRun.packets().delivered_fraction(), 0.99);
    EXPECT_GT(fr3Heavy.user_throughput_p5_mbps(), fr1Heavy.user_throughput_p5_mbps());
    // Behind a bent pipe the uplink grant's round trip also crosses the feeder: at light load
    // the median upload latency grows by about one feeder round trip, at least 2 x 550 km / c
    // (the satellite overhead of the gateway) and at most 2 x 1,123 km / c (the slant range at
    // the 25 deg mask).
    const double added = fr3LightTransparent.latency().one_way_ms().p50()
                         - results[{0.125, "ntn-leo-beams-fr3"}].latency().one_way_ms().p50();
    EXPECT_GT(added, 2.0 * 550e3 / kC * 1e3);
    EXPECT_LT(added, 2.0 * 1123e3 / kC * 1e3);
}

// The shipped HIBS-terrestrial sharing study, seed 1 at 0.5 file/s (3 of its 27 runs, about
// 9 s). Sharing one band with the HIBS costs the terrestrial terminals several dB of SINR and
// some of them their service, and barely touches the HIBS's own terminals; with SINR-aware
// access the terminals whose cell does not close move to the HIBS and every one is served. Each
// layer's users share its cells' schedulers (shared_capacity_ground, shared_capacity_air).
TEST(ShippedStudy, HibsSharingCostsTheTerrestrialCellsTheirSinr)
{
    StudyPlan plan(kScenarios + "/studies/hibs-sharing.txtpb");
    ASSERT_EQ(plan.Runs().size(), 27u);
    std::map<std::string, v1::RunResult> results;
    TempDir tmp;
    int k = 0;
    for (const auto& run : plan.Runs())
    {
        if (std::stod(run.record.axes(0).value()) != 0.5 || run.record.seed() != 1)
        {
            continue;
        }
        RunSpec spec = run.spec;
        ASSERT_TRUE(spec.standard.has_ground_cells());
        ASSERT_TRUE(spec.standard.haps().cells().has_shared_capacity());
        spec.quiet = true;
        results[spec.standard.name()] = RunOne(spec, tmp.Path() + "/run" + std::to_string(k++));
    }
    ASSERT_EQ(results.size(), 3u);
    const auto& split = results["hibs-tn-split"];
    const auto& shared = results["hibs-tn-shared"];
    const auto& sinrAware = results["hibs-tn-shared-sinr"];
    for (const auto* r : {&split, &shared, &sinrAware})
    {
        EXPECT_GE(r->shared_capacity_ground().users(), 5u);
        EXPECT_GE(r->shared_capacity_air().users(), 20u);
        EXPECT_EQ(r->shared_capacity().users(), 0u); // no satellite
    }
    // The HIBS overhead is in the terrestrial terminals' SINR only when it shares their band.
    EXPECT_GT(split.shared_capacity_ground().sinr_db().p50(),
              shared.shared_capacity_ground().sinr_db().p50() + 5.0);
    EXPECT_LT(std::abs(split.shared_capacity_air().sinr_db().p50()
                       - shared.shared_capacity_air().sinr_db().p50()),
              1.0);
    // Some terrestrial terminals lose their service; every terminal keeps it on split bands.
    EXPECT_EQ(split.service().served_fraction(), 1.0);
    EXPECT_LT(shared.service().served_fraction(), 0.95);
    EXPECT_LT(shared.shared_capacity_ground().users(), split.shared_capacity_ground().users());
    EXPECT_GT(shared.drops().link_down(), 0u);
    EXPECT_EQ(split.drops().link_down(), 0u);
    // Twice the band for those served: their packets wait less.
    EXPECT_LT(shared.latency().one_way_ms().p50(), split.latency().one_way_ms().p50());
    // SINR-aware access: the terminals the cells cannot serve go to the HIBS instead.
    EXPECT_EQ(sinrAware.service().served_fraction(), 1.0);
    EXPECT_EQ(sinrAware.drops().link_down(), 0u);
    EXPECT_GT(sinrAware.shared_capacity_air().users(), shared.shared_capacity_air().users());
    EXPECT_GT(sinrAware.shared_capacity_ground().sinr_db().p50(),
              shared.shared_capacity_ground().sinr_db().p50() + 3.0);
    EXPECT_LT(sinrAware.latency().one_way_ms().p50(), split.latency().one_way_ms().p50());
}

} // namespace
} // namespace sagin::test

namespace sagin::test
{
namespace
{

// The shipped control-plane study, first seed of each standard (3 of its 18 runs, the quick-start
// world for 30 s). Physical lower bounds of the 4-step initial access (gNB 1 ms and terminal
// 10 ms per message: 2 x 1 + 2 x 10 = 22 ms of processing): on board, 4 one-way delays of at
// least the 550 km altitude, 4 x 1.835 ms = 7.34 ms, so >= 29.3 ms; behind the bent pipe every
// message also crosses the feeder (>= 550 km), so >= 22 + 8 x 1.835 = 36.7 ms. The conditional
// handover interrupts only for its random access, the hard one for the preparation too.
TEST(ShippedStudy, ControlPlaneStudyRanksTheProcedures)
{
    StudyPlan plan(kScenarios + "/studies/leo-control-plane.txtpb");
    ASSERT_EQ(plan.Runs().size(), 18u);
    std::map<std::string, v1::RunResult> results;
    TempDir tmp;
    for (const auto& run : plan.Runs())
    {
        const std::string name = run.spec.standard.name();
        if (results.count(name) > 0)
        {
            continue;
        }
        EXPECT_EQ(run.spec.standard.access().initial_access().kind(), v1::InitialAccess::FOUR_STEP);
        RunSpec spec = run.spec;
        spec.quiet = true;
        results[name] = RunOne(spec, tmp.Path() + "/" + name);
    }
    ASSERT_EQ(results.size(), 3u);
    for (const auto& [name, r] : results)
    {
        SCOPED_TRACE(name);
        EXPECT_GE(r.packets().delivered_fraction(), 0.99);
        EXPECT_GE(r.control_plane().latency_ms().count(), 13u); // every terminal with traffic
        EXPECT_EQ(r.access().rach_failures(), 0u);
        EXPECT_TRUE(r.latency().one_way_ms().has_p999());
    }
    const auto& bent = results.at("ntn-transparent-leo");
    const auto& hard = results.at("ntn-regenerative-isl");
    const auto& cho = results.at("ntn-regenerative-isl-cho");
    EXPECT_GE(bent.control_plane().latency_ms().min(), 36.7);
    EXPECT_GE(hard.control_plane().latency_ms().min(), 29.3);
    EXPECT_GT(bent.control_plane().latency_ms().mean(), hard.control_plane().latency_ms().mean());
    ASSERT_GT(cho.handover().interruption_ms().count(), 0u);
    ASSERT_GT(hard.handover().interruption_ms().count(), 0u);
    EXPECT_LT(cho.handover().interruption_ms().mean(), hard.handover().interruption_ms().mean());
    // The bent pipe's hard handovers between the Madrid and Lisbon gateways' gNBs find no Xn
    // path (the two ground networks share no fiber): they fail rather than take 0 ms.
    EXPECT_GT(bent.handover().failures() + bent.handover().interruption_ms().count(), 0u);
}

} // namespace
} // namespace sagin::test
