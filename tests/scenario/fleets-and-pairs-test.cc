// Generated parts of a world against hand counts: `aerial_fleets` (how many platforms, where)
// and `sampled_pairs` (how many flows, all distinct, reproducible from the seed).
#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <cmath>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>
#include <set>
#include <utility>

using namespace sagin;

namespace
{

v1::Scenario
Parse(const std::string& text)
{
    v1::Scenario s;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &s));
    return s;
}

const char* const kHead = R"(
name: "t" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: 0 } }
)";

std::vector<const WorldNode*>
NodesOf(const World& w, const std::string& prefix)
{
    std::vector<const WorldNode*> out;
    for (const auto& n : w.Nodes())
    {
        if (n.name.compare(0, prefix.size(), prefix) == 0)
        {
            out.push_back(&n);
        }
    }
    return out;
}

} // namespace

TEST(AerialFleets, GridFleetHasCountPlatformsAtTheCellCentres)
{
    // Region 10 deg x 20 deg at the equator, 8 HAPS: aspect = 20 cos(5 deg) / 10 = 1.992,
    // rows = round(sqrt(8 / 1.992)) = round(2.004) = 2, cols = 8 / 2 = 4. Cells 5 deg x 5 deg:
    // centres at lat 2.5, 7.5 and lon 2.5, 7.5, 12.5, 17.5, row by row.
    // 6 UAVs over the same region: rows = round(sqrt(6 / 1.992)) = round(1.735) = 2, cols 3:
    // lon 20/3 x (c + 0.5) = 3.333, 10, 16.667.
    const World w = BuildWorld(Parse(std::string(kHead) + R"(
aerial_fleets { name: "h" role: HAPS region { lat_min_deg: 0 lat_max_deg: 10 lon_min_deg: 0 lon_max_deg: 20 } count: 8 alt_m: 20000 }
aerial_fleets { name: "u" role: UAV region { lat_min_deg: 0 lat_max_deg: 10 lon_min_deg: 0 lon_max_deg: 20 } count: 6 alt_m: 300 }
)"),
                               ".");
    const auto h = NodesOf(w, "h-");
    ASSERT_EQ(h.size(), 8u);
    const double hLat[] = {2.5, 2.5, 2.5, 2.5, 7.5, 7.5, 7.5, 7.5};
    const double hLon[] = {2.5, 7.5, 12.5, 17.5, 2.5, 7.5, 12.5, 17.5};
    for (size_t k = 0; k < h.size(); ++k)
    {
        EXPECT_EQ(h[k]->name, "h-" + std::to_string(k));
        EXPECT_EQ(h[k]->role, v1::Node::HAPS);
        EXPECT_EQ(h[k]->layer, v1::Node::AIR);
        EXPECT_NEAR(h[k]->site.lat_deg, hLat[k], 1e-12) << h[k]->name;
        EXPECT_NEAR(h[k]->site.lon_deg, hLon[k], 1e-12) << h[k]->name;
        EXPECT_EQ(h[k]->site.alt_m, 20000.0);
        // The trajectory holds the platform there (geodetic -> ECEF at 20 km, equatorial
        // radius 6378.137 km: |r| between 6378.137 + 20 - 21.4 (polar flattening) and that).
        const double r = Norm(h[k]->trajectory->PositionAt(0.0));
        EXPECT_NEAR(r, Norm(h[k]->trajectory->PositionAt(3600.0)), 1e-9);
        EXPECT_GT(r, 6378137.0 + 20000.0 - 21385.0);
        EXPECT_LE(r, 6378137.0 + 20000.0 + 1e-6);
    }
    const auto u = NodesOf(w, "u-");
    ASSERT_EQ(u.size(), 6u);
    const double uLon[] = {10.0 / 3.0, 10.0, 50.0 / 3.0};
    for (size_t k = 0; k < u.size(); ++k)
    {
        EXPECT_EQ(u[k]->role, v1::Node::UAV);
        EXPECT_NEAR(u[k]->site.lat_deg, k < 3 ? 2.5 : 7.5, 1e-12);
        EXPECT_NEAR(u[k]->site.lon_deg, uLon[k % 3], 1e-12);
        EXPECT_EQ(u[k]->site.alt_m, 300.0);
    }
}

TEST(AerialFleets, RandomFleetStaysInItsRegionAndFollowsTheSeed)
{
    auto build = [](int seed)
    {
        return BuildWorld(Parse(std::string(kHead) + "seed: " + std::to_string(seed) + R"(
aerial_fleets { name: "r" role: HAPS region { lat_min_deg: -10 lat_max_deg: 30 lon_min_deg: 170 lon_max_deg: -170 } count: 200 alt_m: 18000 random: true }
)"),
                          ".");
    };
    const World a = build(1);
    const World b = build(1);
    const World c = build(2);
    const auto ra = NodesOf(a, "r-");
    const auto rb = NodesOf(b, "r-");
    const auto rc = NodesOf(c, "r-");
    ASSERT_EQ(ra.size(), 200u);
    ASSERT_EQ(rc.size(), 200u);
    int differ = 0;
    double meanSinLat = 0.0;
    for (size_t k = 0; k < ra.size(); ++k)
    {
        EXPECT_GE(ra[k]->site.lat_deg, -10.0);
        EXPECT_LE(ra[k]->site.lat_deg, 30.0);
        // Across the antimeridian: lon in [170, 180] or [-180, -170].
        EXPECT_TRUE(ra[k]->site.lon_deg >= 170.0 || ra[k]->site.lon_deg <= -170.0)
            << ra[k]->site.lon_deg;
        EXPECT_EQ(ra[k]->site.alt_m, 18000.0);
        EXPECT_EQ(ra[k]->site.lat_deg, rb[k]->site.lat_deg);
        EXPECT_EQ(ra[k]->site.lon_deg, rb[k]->site.lon_deg);
        differ += ra[k]->site.lat_deg != rc[k]->site.lat_deg;
        meanSinLat += std::sin(ra[k]->site.lat_deg * kDegToRad) / ra.size();
    }
    EXPECT_GT(differ, 190);
    // Uniform in area: sin(lat) uniform on [sin(-10), sin(30)] = [-0.1736, 0.5], mean 0.1632,
    // standard deviation of the mean (0.6736 / sqrt(12)) / sqrt(200) = 0.0138: within 4 sigma.
    EXPECT_NEAR(meanSinLat, 0.5 * (std::sin(-10.0 * kDegToRad) + 0.5), 4 * 0.0138);
}

TEST(SampledPairs, DistinctPairsOfTheRequestedCountReproducibleFromTheSeed)
{
    // 5 terminals: 5 x 4 = 20 ordered pairs of distinct sites.
    auto plan = [](int seed, int count)
    {
        const World w = BuildWorld(Parse(std::string(kHead) + "seed: " + std::to_string(seed) + R"(
ground_sites { name: "a" role: UT position { lat_deg: 1 lon_deg: 1 } }
ground_sites { name: "b" role: UT position { lat_deg: 2 lon_deg: 1 } }
ground_sites { name: "c" role: UT position { lat_deg: 3 lon_deg: 1 } }
ground_sites { name: "d" role: UT position { lat_deg: 4 lon_deg: 1 } }
ground_sites { name: "e" role: UT position { lat_deg: 5 lon_deg: 1 } }
traffic { flows { name: "p" endpoints { sampled_pairs { sites { role: UT } count: )"
                                         + std::to_string(count) + " } } ping {} } }\n"),
                                   ".");
        ErrorList errors;
        auto flows = PlanTraffic(w, 60.0, errors);
        EXPECT_TRUE(errors.Empty());
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& f : flows)
        {
            out.emplace_back(w.Nodes()[f.from].name, w.Nodes()[f.to].name);
        }
        return out;
    };
    for (int count : {1, 7, 20})
    {
        const auto p = plan(1, count);
        ASSERT_EQ(p.size(), static_cast<size_t>(count));
        std::set<std::pair<std::string, std::string>> distinct(p.begin(), p.end());
        EXPECT_EQ(distinct.size(), p.size()) << "count " << count;
        for (const auto& [from, to] : p)
        {
            EXPECT_NE(from, to);
            EXPECT_EQ(from.size(), 1u); // a terminal, never the gateway
            EXPECT_EQ(to.size(), 1u);
        }
        EXPECT_EQ(plan(1, count), p) << "same seed, same pairs";
    }
    // All 20 pairs: every ordered pair exactly once, whatever the seed.
    const auto all = plan(3, 20);
    const std::set<std::pair<std::string, std::string>> allDistinct(all.begin(), all.end());
    EXPECT_EQ(allDistinct.size(), 20u);
    // Another seed draws other pairs (7 of 20: the same 7 in the same order by chance is
    // 1 / (20 x 19 x ... x 14) = 1.3e-9).
    EXPECT_NE(plan(2, 7), plan(1, 7));
}

// from_nearest_core is to_nearest_core reversed: the same site-core pairs, core first. Cores at
// (0, 0) and (0, 10): a terminal at (1, 1) is nearer the first, one at (1, 8) the second.
TEST(NearestCore, FromNearestCoreReversesToNearestCore)
{
    auto plan = [](const std::string& selection)
    {
        const World w = BuildWorld(Parse(std::string(kHead) + R"(seed: 1
ground_sites { name: "core-w" role: CORE position { lat_deg: 0 lon_deg: 0 } }
ground_sites { name: "core-e" role: CORE position { lat_deg: 0 lon_deg: 10 } }
ground_sites { name: "a" role: UT position { lat_deg: 1 lon_deg: 1 } }
ground_sites { name: "b" role: UT position { lat_deg: 1 lon_deg: 8 } }
traffic { flows { name: "p" endpoints { )"
                                         + selection + R"( { role: UT } } cbr { rate_kbps: 1 } } }
)"),
                                   ".");
        ErrorList errors;
        auto flows = PlanTraffic(w, 60.0, errors);
        EXPECT_TRUE(errors.Empty());
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& f : flows)
        {
            out.emplace_back(w.Nodes()[f.from].name, w.Nodes()[f.to].name);
        }
        return out;
    };
    using P = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(plan("to_nearest_core"), (P{{"a", "core-w"}, {"b", "core-e"}}));
    EXPECT_EQ(plan("from_nearest_core"), (P{{"core-w", "a"}, {"core-e", "b"}}));
}

TEST(RandomPhase, FlowStartsAreUniformOverOnePeriodAndFollowTheSeed)
{
    // 2,000 terminals pinging the core every 100 ms from 1 s, each at its own phase: the starts
    // lie in [1, 1.1) s, and against the uniform distribution their Kolmogorov-Smirnov distance
    // stays under the 1 % critical value 1.628 / sqrt(n); the same seed gives the same starts,
    // another seed others. A CBR group's period is its packet spacing: 1000 B at 80 kbit/s,
    // 100 ms.
    auto starts = [](int seed, const std::string& kind)
    {
        const World w = BuildWorld(Parse(std::string(kHead) + "seed: " + std::to_string(seed) + R"(
ground_sites { name: "core" role: CORE position { lat_deg: 0 lon_deg: 1 } }
site_sets { name: "u" role: UT random { region { lat_min_deg: -5 lat_max_deg: 5 lon_min_deg: -5 lon_max_deg: 5 } count: 2000 } }
traffic { flows { name: "p" endpoints { to_nearest_core { set: "u" } } )"
                                         + kind + R"( start_s: 1 random_phase: true } }
)"),
                                   ".");
        ErrorList errors;
        auto flows = PlanTraffic(w, 60.0, errors);
        EXPECT_TRUE(errors.Empty());
        std::vector<double> out;
        for (const auto& f : flows)
        {
            out.push_back(f.start_s);
        }
        return out;
    };
    for (const std::string kind : {"ping { interval_ms: 100 }", "cbr { rate_kbps: 80 }"})
    {
        SCOPED_TRACE(kind);
        auto s = starts(1, kind);
        ASSERT_EQ(s.size(), 2000u);
        EXPECT_EQ(s, starts(1, kind));
        EXPECT_NE(s, starts(2, kind));
        std::sort(s.begin(), s.end());
        EXPECT_GE(s.front(), 1.0);
        EXPECT_LT(s.back(), 1.1);
        double ks = 0.0;
        for (size_t i = 0; i < s.size(); ++i)
        {
            const double cdf = (s[i] - 1.0) / 0.1;
            ks = std::max({ks,
                           std::abs(cdf - static_cast<double>(i) / s.size()),
                           std::abs(cdf - static_cast<double>(i + 1) / s.size())});
        }
        EXPECT_LT(ks, 1.628 / std::sqrt(2000.0));
    }
}

TEST(RandomPhase, OnlyPeriodicFlowsTakeAPhase)
{
    const World w = BuildWorld(Parse(std::string(kHead) + R"(seed: 1
ground_sites { name: "a" role: UT position { lat_deg: 1 lon_deg: 1 } }
traffic { flows { name: "t" endpoints { pair { from: "a" to: "gw" } } tcp_bulk { } random_phase: true } }
)"),
                               ".");
    ErrorList errors;
    PlanTraffic(w, 60.0, errors);
    std::string all;
    for (const auto& line : errors.Format("t"))
    {
        all += line + "\n";
    }
    EXPECT_NE(all.find("traffic.flows[0].random_phase: only ping and cbr flows"), std::string::npos)
        << all;
}
