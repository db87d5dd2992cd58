// One validation pass: a command reports every error of every kind at once (flags, --set,
// range checks, world-dependent checks of the scenario and the standards, site names given on
// the command line, a study's axes and its runs), with exit status 2 and nothing written.
#include "cli-test-util.h"

#include "../common/temp-dir.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace sagin::test;

namespace
{

// Range errors (a Walker shell below the ground, a latitude of 95) together with errors that
// need the nodes: a ground site reusing a satellite's name, an ISL and a fiber to nodes that do
// not exist, a traffic endpoint that does not exist. References to the broken shell ("s-0-0")
// and to the broken site ("far") are not reported a second time.
const char* kBadScenario = R"(# proto-message: sagin.v1.Scenario
name: "bad"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 10
shells { name: "s" walker { pattern: DELTA altitude_km: -1 inclination_deg: 53 total_satellites: 12 planes: 3 } }
shells { name: "ok" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 4 planes: 2 } }
ground_sites { name: "gw" role: GW position { lat_deg: 40 lon_deg: -3 } }
ground_sites { name: "ok-0-0" role: UT position { lat_deg: 41 lon_deg: -3 } }
ground_sites { name: "far" role: UT position { lat_deg: 95 lon_deg: 0 } }
isls { a: "s-0-0" b: "ok-0-1" }
isls { a: "ok-0-1" b: "ghost" }
terrestrial { fiber_links { a: "gw" b: "nowhere" } }
traffic { flows { name: "p" endpoints { pair { from: "far" to: "nobody" } } ping {} } }
)";

// A range error, a missing enum, and a shell the scenario does not have (needs the scenario).
const char* kBadStandard = R"(# proto-message: sagin.v1.Standard
name: "bad-std"
visibility { space_deg: 95 }
shell_links { shell: "nope" }
)";

void
ExpectAll(const std::string& err, const std::vector<std::string>& needles)
{
    for (const auto& n : needles)
    {
        EXPECT_NE(err.find(n), std::string::npos) << "missing: " << n << "\n" << err;
    }
}

const std::vector<std::string> kScenarioErrors = {
    ": error: shells[0].walker.altitude_km: must be > 0, got -1",
    ": error: ground_sites[2].position.lat_deg: must be in [-90, 90], got 95",
    ": error: ground_sites[1].name: node name 'ok-0-0' is used twice",
    ": error: isls[1].b: no satellite named 'ghost'",
    ": error: terrestrial.fiber_links[0].b: no ground site named 'nowhere'",
    ": error: traffic.flows[0].endpoints.pair.to: no ground site named 'nobody'",
};

const std::vector<std::string> kStandardErrors = {
    ": error: payload: must be one of TRANSPARENT, REGENERATIVE",
    ": error: visibility.space_deg: must be in [0, 90), got 95",
    ": error: shell_links[0].shell: the scenario has no shell named 'nope'",
};

} // namespace

TEST(InputErrors, RunReportsEveryKindAtOnce)
{
    TempDir dir;
    const auto scenario = dir.Write("bad.txtpb", kBadScenario);
    const auto standard = dir.Write("bad-std.txtpb", kBadStandard);
    const std::string out = dir.Path() + "/out";
    auto r = RunSagin({"run", scenario, "--standard", standard, "--out", out, "--jobs", "-1", "--set",
                       "scenario.shells[1].walker.plane=3"});
    EXPECT_EQ(r.status, 2);
    ExpectAll(r.err, kScenarioErrors);
    ExpectAll(r.err, kStandardErrors);
    ExpectAll(r.err,
              {"sagin run: error: --jobs must be >= 0",
               "--set scenario.shells[1].walker.plane=3: error:",
               "no field 'plane'"});
    // The broken shell's and the broken site's names are not reported again.
    EXPECT_EQ(r.err.find("s-0-0"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("'far'"), std::string::npos) << r.err;
    // 6 scenario + 3 standard + 1 flag + 1 --set errors, nothing else.
    EXPECT_EQ(Lines(r.err).size(), 11u) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(InputErrors, ValidateReportsTheWorldDependentErrorsToo)
{
    TempDir dir;
    const auto scenario = dir.Write("bad.txtpb", kBadScenario);
    auto r = RunSagin({"validate", scenario});
    EXPECT_EQ(r.status, 2);
    ExpectAll(r.err, kScenarioErrors);
    EXPECT_EQ(Lines(r.err).size(), kScenarioErrors.size()) << r.err;
}

TEST(InputErrors, PathsReportsSiteNamesWithTheFileErrors)
{
    TempDir dir;
    const auto scenario = dir.Write("bad.txtpb", kBadScenario);
    const auto standard = dir.Write("bad-std.txtpb", kBadStandard);
    auto r = RunSagin({"paths", scenario, "--standard", standard, "--from", "far", "--to", "ghost2", "--format",
                       "xml"});
    EXPECT_EQ(r.status, 2);
    ExpectAll(r.err, kScenarioErrors);
    ExpectAll(r.err, kStandardErrors);
    ExpectAll(r.err,
              {"sagin paths: error: --format must be csv or json, got 'xml'",
               "sagin paths: error: --to: no node named 'ghost2'"});
    EXPECT_EQ(r.err.find("--from"), std::string::npos) << r.err; // 'far' exists (with an error of its own)
}

TEST(InputErrors, EnumErrorsListTheValidNames)
{
    TempDir dir;
    // A parse error for an unknown value names the values the field takes.
    const auto standard = dir.Write("enum.txtpb", "# proto-message: sagin.v1.Standard\npayload: TRANSPARANT\n");
    auto r = RunSagin({"validate", standard});
    EXPECT_EQ(r.status, 2);
    ExpectAll(r.err, {standard + ":2:10: error:", "TRANSPARANT", "valid: TRANSPARENT, REGENERATIVE"});
    // The same for a field name used with different enums in different messages: each is named.
    const auto scenario = dir.Write("enum2.txtpb",
                                    "# proto-message: sagin.v1.Scenario\n"
                                    "shells { name: \"w\" walker { pattern: ZIGZAG } }\n");
    r = RunSagin({"validate", scenario});
    EXPECT_EQ(r.status, 2);
    ExpectAll(r.err, {"ZIGZAG", "valid: DELTA, STAR"});
}

TEST(InputErrors, StudyReportsItsAxesWithItsRuns)
{
    TempDir dir;
    const auto study = dir.Write("study.txtpb",
                                 "# proto-message: sagin.v1.Study\n"
                                 "name: \"s\"\n"
                                 "scenario: \"" + SourceDir() + "/scenarios/quickstart.txtpb\"\n"
                                 "standards: \"" + SourceDir() + "/scenarios/standards/geo-transparent.txtpb\"\n"
                                 "axes { path: \"scenaro.x\" numbers: [1, 1] }\n"
                                 "axes { path: \"scenario.shells[0].walker.planes\" numbers: [0, 24] }\n"
                                 "kind: PATHS\n"
                                 "paths { from: \"ut-madrid\" to: \"nowhere\" }\n");
    auto r = RunSagin({"sweep", study, "--dry-run", "--out", dir.Path() + "/campaign"});
    EXPECT_EQ(r.status, 2);
    ExpectAll(r.err,
              {study + ": error: axes[0].path: scenaro.x:",
               study + ": error: axes[0].numbers[1]: scenaro.x: value '1' is listed twice",
               ": error: shells[0].walker.planes: must be >= 1, got 0",
               study + ": error: paths.to: no node named 'nowhere'"});
}
