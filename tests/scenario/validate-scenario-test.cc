// Semantic validation collects every error, each with its field path.
#include "../common/temp-dir.h"
#include "core/model/diagnostics.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

using namespace sagin;

namespace
{

std::vector<std::string>
Errors(const std::string& text, const std::string& dir = ".")
{
    v1::Scenario s;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &s));
    try
    {
        BuildWorld(s, dir, "x.txtpb");
    }
    catch (const InputError& e)
    {
        return e.Lines();
    }
    return {};
}

bool
Has(const std::vector<std::string>& lines, const std::string& needle)
{
    return std::any_of(lines.begin(),
                       lines.end(),
                       [&](const std::string& l)
                       {
                           return l.find(needle) != std::string::npos;
                       });
}

} // namespace

TEST(ValidateScenario, ReportsEveryWalkerErrorAtOnce)
{
    auto e = Errors(R"(
        epoch_utc: "2026-01-01T00:00:00Z"
        shells { name: "a" walker { pattern: DELTA altitude_km: 0 inclination_deg: 53 total_satellites: 10 planes: 3 phasing: 1 } }
        shells { name: "b" walker { pattern: DELTA altitude_km: 550 inclination_deg: 181 total_satellites: 12 planes: 3 phasing: 3 } }
        shells { name: "c" walker { altitude_km: 550 inclination_deg: -1 total_satellites: 12 planes: 0 } }
    )");
    EXPECT_TRUE(Has(e, "x.txtpb: error: shells[0].walker.altitude_km: must be > 0, got 0"));
    EXPECT_TRUE(
        Has(e, "shells[0].walker.total_satellites: must be a multiple of planes (3), got 10"));
    EXPECT_TRUE(Has(e, "shells[1].walker.inclination_deg: must be in [0, 180], got 181"));
    EXPECT_TRUE(Has(e, "shells[1].walker.phasing: must be in [0, planes) = [0, 3), got 3"));
    EXPECT_TRUE(Has(e, "shells[2].walker.pattern: must be one of DELTA, STAR"));
    EXPECT_TRUE(Has(e, "shells[2].walker.planes: must be >= 1, got 0"));
    EXPECT_TRUE(Has(e, "shells[2].walker.inclination_deg"));
    EXPECT_EQ(e.size(), 7u);
}

TEST(ValidateScenario, EpochAndNames)
{
    auto e = Errors(R"(
        epoch_utc: "2026-02-30T00:00:00Z"
        ground_sites { name: "a" role: UT position { lat_deg: 95 } }
        ground_sites { name: "a" role: SAT }
        aerial_platforms { name: "h" role: UT }
    )");
    EXPECT_TRUE(Has(e, "epoch_utc: bad day"));
    EXPECT_TRUE(Has(e, "ground_sites[0].position.lat_deg: must be in [-90, 90], got 95"));
    EXPECT_TRUE(Has(e, "ground_sites[1].name: 'a' is used twice"));
    EXPECT_TRUE(Has(e, "ground_sites[1].role: must be one of UT, GW, BS, CORE"));
    EXPECT_TRUE(Has(e, "aerial_platforms[0].role: must be one of HAPS, UAV"));
    EXPECT_TRUE(Has(e, "aerial_platforms[0]: must set station_keeping or flight_plan"));
}

TEST(ValidateScenario, TleFileProblemsNameTheFileAndLine)
{
    test::TempDir dir;
    dir.Write("bad.tle",
              "ISS (ZARYA)\n"
              "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
              "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n"
              "1 this line is not a TLE line at all\n"
              "2 garbage\n");
    auto e = Errors(R"(
        epoch_utc: "2026-01-01T00:00:00Z"
        shells { name: "missing" tle { file: "nope.tle" } }
        shells { name: "bad" tle { file: "bad.tle" } }
    )",
                    dir.Path());
    EXPECT_TRUE(Has(e, "shells[0].tle.file: TLE file: cannot read "));
    EXPECT_TRUE(Has(e, "shells[1].tle.file: " + dir.Path() + "/bad.tle:4: "));
}

TEST(ValidateScenario, ValidScenarioBuildsTheWorld)
{
    test::TempDir dir;
    auto e = Errors(R"(
        epoch_utc: "2026-01-01T00:00:00Z"
        shells { name: "s" walker { pattern: STAR altitude_km: 1200 inclination_deg: 87.9 total_satellites: 12 planes: 3 phasing: 1 } }
        aerial_platforms { name: "h" role: HAPS station_keeping { center { lat_deg: 1 lon_deg: 2 alt_m: 20000 } } }
        ground_sites { name: "g" role: GW position { lat_deg: 1 lon_deg: 2 } }
        site_sets { name: "c" role: UT cities { top: 5 } }
    )");
    EXPECT_TRUE(e.empty()) << e.front();
}
