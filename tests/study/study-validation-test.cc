// A malformed study is rejected before any run starts, every error naming its field path; a
// valid one expands into the documented product of axes, standards and seeds.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "core/model/diagnostics.h"
#include "study-test-util.h"
#include "study/model/geometric-run.h"
#include "study/model/study-plan.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <set>

using namespace sagin;
using namespace sagin::test;

namespace
{

/// Writes a study over the tiny scenario with the given axes block; returns its path.
std::string
StudyWith(const TempDir& dir, const std::string& body, const std::string& kind = "kind: RUN\n")
{
    WriteTinyScenario(dir.Path());
    const std::string standards = SourceDir() + "/scenarios/standards/";
    return dir.Write("s.txtpb",
                     "# proto-message: sagin.v1.Study\nscenario: \"tiny.txtpb\"\n"
                     "standards: \""
                         + standards
                         + "ntn-transparent-leo.txtpb\"\n"
                           "standards: \""
                         + standards + "ntn-regenerative-isl.txtpb\"\n" + kind
                         + "output_directory: \"" + dir.Path() + "/out\"\n" + body);
}

/// Runs `sagin sweep` on a malformed study: exit 2, nothing created, stderr returned.
std::string
Rejected(const TempDir& dir, const std::string& study)
{
    auto r = RunSagin({"sweep", study});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Path() + "/out")) << "a run folder was created";
    return r.err;
}

} // namespace

TEST(StudyValidation, UnknownFieldPathIsNamed)
{
    TempDir dir;
    auto err = Rejected(
        dir,
        StudyWith(dir, "axes { path: \"scenario.shells[0].walker.altitud_km\" numbers: [500] }\n"));
    EXPECT_NE(err.find("axes[0].path: axis 'altitud_km': scenario.shells[0].walker.altitud_km: no "
                       "field 'altitud_km'"),
              std::string::npos)
        << err;
    err = Rejected(
        dir, StudyWith(dir, "axes { path: \"standard.*.visibilty.space_deg\" numbers: [5] }\n"));
    EXPECT_NE(
        err.find(
            "axes[0].path: axis 'space_deg': standard.*.visibilty.space_deg: no field 'visibilty'"),
        std::string::npos)
        << err;
    err = Rejected(
        dir,
        StudyWith(dir, "axes { path: \"standard.nope.visibility.space_deg\" numbers: [5] }\n"));
    EXPECT_NE(
        err.find("axes[0].path: standard.nope.visibility.space_deg: no standard named 'nope'"),
        std::string::npos)
        << err;
    err = Rejected(dir,
                   StudyWith(dir, "axes { path: \"shells[0].walker.planes\" numbers: [5] }\n"));
    EXPECT_NE(err.find("axes[0].path: shells[0].walker.planes: a path starts with 'scenario.'"),
              std::string::npos)
        << err;
}

TEST(StudyValidation, WrongTypeValueIsNamed)
{
    TempDir dir;
    auto err = Rejected(
        dir,
        StudyWith(dir,
                  "axes { path: \"scenario.shells[0].walker.planes\" numbers: [6, 7.5] }\n"
                  "axes { path: \"standard.*.payload\" values: [\"REGENERATIVE\", \"BENT\"] }\n"));
    EXPECT_NE(
        err.find(
            "axes[0].numbers[1]: scenario.shells[0].walker.planes: expected an integer, got '7.5'"),
        std::string::npos)
        << err;
    EXPECT_NE(err.find("axes[1].values[1]: standard.*.payload: expected one of"), std::string::npos)
        << err;
}

TEST(StudyValidation, EmptyAxisAndOtherMistakesAllAtOnce)
{
    TempDir dir;
    auto err = Rejected(
        dir,
        StudyWith(dir,
                  "axes { path: \"scenario.duration_s\" }\n"
                  "axes { path: \"scenario.seed\" range { start: 1 stop: 5 step: -1 } }\n"
                  "axes { path: \"scenario.shells[0].walker.altitude_km\" name: \"seed\" "
                  "numbers: [500, 500] }\n"
                  "seeds { }\n",
                  "kind: STUDY_RUN_KIND_UNSPECIFIED\n"));
    for (const char* expected :
         {"axes[0]: scenario.duration_s: the axis is empty",
          "axes[1].range.step: has the wrong sign",
          "axes[2].name: 'seed' is a column of the campaign already",
          "axes[2].numbers[1]: scenario.shells[0].walker.altitude_km: value '500' is listed twice",
          "seeds: is empty",
          "kind: must be RUN, COVERAGE or PATHS"})
    {
        EXPECT_NE(err.find(expected), std::string::npos) << expected << "\n" << err;
    }
}

TEST(StudyValidation, SemanticErrorOfAValueIsCaughtBeforeAnyRun)
{
    TempDir dir;
    // Each value alone is a valid number, but -100 km is not an altitude.
    auto err = Rejected(
        dir,
        StudyWith(dir,
                  "axes { path: \"scenario.shells[0].walker.altitude_km\" numbers: [550, -100] }\n"
                  "seeds { count: 2 }\n"));
    EXPECT_NE(err.find("altitude_km"), std::string::npos) << err;
    EXPECT_NE(
        err.find("[in task 4 (ntn-transparent-leo, seed 1, altitude_km=-100) and 3 more runs]"),
        std::string::npos)
        << err;
}

TEST(StudyValidation, ExpansionIsTheProductInStudyOrder)
{
    TempDir dir;
    auto path = StudyWith(
        dir,
        "axes { path: \"scenario.shells[0].walker.altitude_km\" numbers: [550, 700, 900] }\n"
        "axes { path: \"standard.ntn-regenerative-isl.routing.update_interval_ms\" name: \"upd\" "
        "numbers: [100, 1000] }\n"
        "axes { path: \"standard.*.visibility.space_deg\" name: \"el\" range { start: 0.1 stop: "
        "0.3 step: 0.1 } }\n"
        "seeds { values: [7, 3] }\n");
    StudyPlan plan(path);
    // 3 altitudes x 3 elevations x (transparent: 1 + regenerative: 2 intervals) x 2 seeds.
    ASSERT_EQ(plan.Runs().size(), 3u * 3u * 3u * 2u);
    EXPECT_EQ(plan.Axes()[2].values, (std::vector<std::string>{"0.1", "0.2", "0.3"}));
    std::set<std::string> ids;
    for (const auto& r : plan.Runs())
    {
        ids.insert(r.record.run_id());
        EXPECT_EQ(r.record.run_id(), StudyRunId(plan.Study(), r.spec));
    }
    EXPECT_EQ(ids.size(), plan.Runs().size());
    const auto& first = plan.Runs()[0].record;
    EXPECT_EQ(first.standard(), "ntn-transparent-leo");
    EXPECT_EQ(first.seed(), 7u);
    EXPECT_EQ(DescribeRun(first), "task 0 (ntn-transparent-leo, seed 7, altitude_km=550, el=0.1)");
    EXPECT_EQ(DescribeRun(plan.Runs()[3].record),
              "task 3 (ntn-regenerative-isl, seed 3, altitude_km=550, upd=100, el=0.1)");
    EXPECT_EQ(DescribeRun(plan.Runs()[4].record),
              "task 4 (ntn-regenerative-isl, seed 7, altitude_km=550, upd=1000, el=0.1)");
    EXPECT_EQ(plan.Runs()[4].spec.standard.routing().update_interval_ms(), 1000);
    EXPECT_EQ(plan.Runs()[4].spec.scenario.seed(), 7u);
}

TEST(StudyValidation, DryRunListsRunsAndCreatesNothing)
{
    TempDir dir;
    auto path = WriteTinyStudy(dir.Path(), dir.Path() + "/out", 2);
    auto r = RunSagin({"sweep", path, "--dry-run"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("study tiny: 16 runs: 0 done, 0 failed, 16 to run"), std::string::npos)
        << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.Path() + "/out"));
}

// A COVERAGE study takes `sagin coverage`'s --region and --start as coverage.region and
// coverage.start_s; a bad region is named by its field path, with the other errors.
TEST(StudyValidation, CoverageRegionAndStart)
{
    TempDir dir;
    auto err
        = Rejected(dir,
                   StudyWith(dir,
                             "coverage { grid_deg: 0.01 region { lat_min_deg: 10 lat_max_deg: 5 "
                             "lon_min_deg: 0 lon_max_deg: 400 } }\n",
                             "kind: COVERAGE\n"));
    for (const char* expected : {"coverage.grid_deg: must be in [0.05, 90]",
                                 "coverage.region: latitudes must satisfy",
                                 "coverage.region: longitudes must lie in [-180, 360]"})
    {
        EXPECT_NE(err.find(expected), std::string::npos) << expected << "\n" << err;
    }
}

// `sweep --force` reaches the study's runs: a PATHS run of 1e9 s every 10 s (1e8 + 1 samples,
// above kMaxSamples) is refused with the estimate without it; with it the run's spec carries the
// flag that lets SamplePathsRun past the limit (not run here: it would take hours).
TEST(StudyValidation, ForceReachesTheRuns)
{
    TempDir dir;
    const auto path
        = StudyWith(dir,
                    "duration_s: 1e9\npaths { from: \"ut-a\" to: \"ut-b\" step_s: 10 }\n",
                    "kind: PATHS\n");
    StudyPlan plain(path);
    ASSERT_FALSE(plain.Runs().empty());
    EXPECT_FALSE(plain.Runs()[0].spec.force);
    try
    {
        RunPathsOne(plain.Runs()[0].spec, plain.Study().paths(), dir.Path() + "/p");
        ADD_FAILURE() << "a 1e8-sample PATHS run was not refused";
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("path samples: about 1e+08"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("pass --force"), std::string::npos) << e.what();
    }
    StudyPlan forced(path, -1, true);
    for (const auto& r : forced.Runs())
    {
        EXPECT_TRUE(r.spec.force) << DescribeRun(r.record);
    }
}

// Six axes over one field with three values each: every repeat is named, and the repeats take
// no part in the runs, so the plan stays 2 standards x 3 values instead of expanding
// 2 x 3^6 = 1,458 runs only to find most of them identical (a fuzzer found the same with twelve
// copies: 2 x 3^12 runs, minutes of planning before the error). The duplicate-runs check
// therefore has nothing to say.
TEST(StudyValidation, RepeatedAxesAreNamedAndNotExpanded)
{
    TempDir dir;
    std::string body;
    for (int i = 0; i < 6; ++i)
    {
        body += "axes { path: \"scenario.shells[0].walker.altitude_km\" numbers: [500, 550, 600] "
                "}\n";
    }
    auto err = Rejected(dir, StudyWith(dir, body));
    for (int i = 1; i < 6; ++i)
    {
        EXPECT_NE(err.find("axes[" + std::to_string(i)
                           + "].path: scenario.shells[0].walker.altitude_km: two axes sweep the "
                             "same field"),
                  std::string::npos)
            << i << "\n"
            << err;
    }
    EXPECT_EQ(err.find("axes[0].path"), std::string::npos) << err;
    EXPECT_EQ(err.find("same resolved inputs"), std::string::npos) << err;
}
