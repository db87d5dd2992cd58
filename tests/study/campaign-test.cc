// The campaign store and the run kinds: campaign.sqlite and its CSV export, a sweep's run equal
// to `sagin run` with the same overrides, runs of single tasks merged into a campaign, and the
// COVERAGE and PATHS kinds.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "sagin/v1/result.pb.h"
#include "study-test-util.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace sagin;
using namespace sagin::test;

TEST(Campaign, IndexExportAndEqualityWithSaginRun)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const std::string study = WriteTinyStudy(dir.Path(), out, 2);
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;

    // The table: one row per run with its parameters and headline metrics.
    auto rows = Query(out,
                      "SELECT task, standard, seed, altitude_km, elevation_deg, status, "
                      "latency_one_way_ms_p50 > 0, coverage_area_fraction > 0, wall_time_s > 0 "
                      "FROM runs ORDER BY task LIMIT 3");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], "0|ntn-transparent-leo|1|550|10|done|1|1|1");
    EXPECT_EQ(rows[1], "1|ntn-transparent-leo|2|550|10|done|1|1|1");
    EXPECT_EQ(rows[2], "2|ntn-regenerative-isl|1|550|10|done|1|1|1");
    EXPECT_EQ(Query(out, "SELECT name, path, standard FROM axes ORDER BY position"),
              (std::vector<std::string>{"altitude_km|scenario.shells[0].walker.altitude_km|",
                                        "elevation_deg|standard.*.visibility.space_deg|*"}));

    // The CSV export: the same table.
    r = RunSagin({"sweep", study, "--export", "csv"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 17u);
    EXPECT_EQ(lines[0].rfind(
                  "run_id,task,kind,standard,seed,altitude_km,elevation_deg,status,latency_one", 0),
              0u)
        << lines[0];
    const std::string id = Query(out, "SELECT run_id FROM runs WHERE task = 7").front();
    EXPECT_EQ(lines[8].substr(0, 64), id);

    // Task 7 is ntn-regenerative-isl, seed 2, 550 km, 20 deg: `sagin run` with those overrides
    // writes the same files (provenance wall time and host aside).
    EXPECT_EQ(
        Query(out, "SELECT standard, seed, altitude_km, elevation_deg FROM runs WHERE task = 7"),
        std::vector<std::string>{"ntn-regenerative-isl|2|550|20"});
    r = RunSagin({"run",
                  dir.Path() + "/tiny.txtpb",
                  "--standard",
                  SourceDir() + "/scenarios/standards/ntn-regenerative-isl.txtpb",
                  "--seed",
                  "2",
                  "--set",
                  "scenario.shells[0].walker.altitude_km=550",
                  "--set",
                  "standard.ntn-regenerative-isl.visibility.space_deg=20",
                  "--out",
                  dir.Path() + "/single"});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string a = out + "/runs/" + id;
    const std::string b = dir.Path() + "/single/ntn-regenerative-isl";
    for (const char* f : {"latency.csv", "coverage.csv", "scenario.txtpb", "standard.txtpb"})
    {
        EXPECT_EQ(ReadFile(a + "/" + f), ReadFile(b + "/" + f)) << f;
    }
    v1::RunResult ra;
    v1::RunResult rb;
    ASSERT_TRUE(ra.ParseFromString(ReadFile(a + "/result.binpb")));
    ASSERT_TRUE(rb.ParseFromString(ReadFile(b + "/result.binpb")));
    EXPECT_EQ(ra.provenance().run_id(), id);
    EXPECT_EQ(rb.provenance().run_id(), id);
    for (auto* x : {&ra, &rb})
    {
        x->mutable_provenance()->clear_wall_time_s();
        x->mutable_provenance()->clear_host();
    }
    EXPECT_EQ(ra.SerializeAsString(), rb.SerializeAsString());
}

TEST(Campaign, SingleTasksMergeIntoTheSameCampaign)
{
    TempDir dir;
    const std::string reference = dir.Path() + "/reference";
    const std::string study = WriteTinyStudy(dir.Path(), reference, 1);
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    // Tasks run one by one elsewhere (two "machines"), then merged.
    for (int t = 0; t < 8; ++t)
    {
        const std::string where = dir.Path() + (t % 2 ? "/host-a" : "/host-b");
        r = RunSagin({"sweep", study, "--task", std::to_string(t), "--out", where});
        ASSERT_EQ(r.status, 0) << r.err;
    }
    r = RunSagin({"sweep", study, "--task", "8"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--task 8: the study has 8 runs"), std::string::npos) << r.err;
    const std::string merged = dir.Path() + "/merged";
    r = RunSagin({"sweep",
                  study,
                  "--out",
                  merged,
                  "--merge",
                  dir.Path() + "/host-a",
                  dir.Path() + "/host-b"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("merged 8 runs"), std::string::npos) << r.out;
    const auto a = Snapshot(reference);
    const auto b = Snapshot(merged);
    EXPECT_EQ(a.files, b.files);
    EXPECT_EQ(a.rows, b.rows);
    // Merging again adds nothing.
    r = RunSagin({"sweep", study, "--out", merged, "--merge", dir.Path() + "/host-a"});
    EXPECT_NE(
        r.out.find("merged 0 runs and 0 failure records into " + merged + " (4 present already"),
        std::string::npos)
        << r.out;
}

TEST(Campaign, CoverageAndPathsKinds)
{
    TempDir dir;
    WriteTinyScenario(dir.Path());
    const std::string standards = SourceDir() + "/scenarios/standards/";
    const std::string head
        = "# proto-message: sagin.v1.Study\nscenario: \"tiny.txtpb\"\n"
          "standards: \""
          + standards
          + "ntn-transparent-leo.txtpb\"\n"
            "standards: \""
          + standards
          + "ntn-regenerative-isl.txtpb\"\n"
            "axes { path: \"scenario.shells[0].walker.altitude_km\" numbers: [550, 1200] }\n";
    auto coverage = dir.Write("coverage.txtpb",
                              head
                                  + "kind: COVERAGE\ncoverage { grid_deg: 1 step_s: 1 }\n"
                                    "output_directory: \""
                                  + dir.Path() + "/cov\"\n");
    auto r = RunSagin({"sweep", coverage});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(Query(dir.Path() + "/cov",
                    "SELECT kind, count(*), min(coverage_area_fraction) > 0, "
                    "max(latency_one_way_ms_p50) FROM runs"),
              // Coverage runs send no packet: their latency is NULL, not 0.
              std::vector<std::string>{"coverage|4|1|NULL"});
    // Higher satellites see more of the region.
    EXPECT_EQ(Query(dir.Path() + "/cov",
                    "SELECT count(*) FROM runs a JOIN runs b ON a.standard = b.standard "
                    "WHERE a.altitude_km = 550 AND b.altitude_km = 1200 AND "
                    "a.coverage_area_fraction <= b.coverage_area_fraction"),
              std::vector<std::string>{"2"});

    auto paths = dir.Write("paths.txtpb",
                           head
                               + "kind: PATHS\npaths { from: \"ut-a\" to: \"ut-b\" step_s: 0.5 }\n"
                                 "output_directory: \""
                               + dir.Path() + "/paths\"\n");
    r = RunSagin({"sweep", paths});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(Query(dir.Path() + "/paths",
                    "SELECT kind, count(*), min(latency_one_way_ms_p50) > 1 FROM runs"),
              std::vector<std::string>{"paths|4|1"});
    const std::string id
        = Query(dir.Path() + "/paths", "SELECT run_id FROM runs WHERE task = 0").front();
    auto csv = Lines(ReadFile(dir.Path() + "/paths/runs/" + id + "/paths.csv"));
    ASSERT_EQ(csv.size(), 6u); // header + t = 0, 0.5, 1, 1.5, 2
    EXPECT_EQ(csv[0], "t_s,src,dst,rtt_ms,one_way_ms,hops,path");
    // A PATHS study naming a site that does not exist is rejected before any run.
    auto bad = dir.Write("bad.txtpb",
                         head
                             + "kind: PATHS\npaths { from: \"ut-a\" to: \"nowhere\" }\n"
                               "output_directory: \""
                             + dir.Path() + "/bad\"\n");
    r = RunSagin({"sweep", bad});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("bad.txtpb: error: paths.to: no node named 'nowhere'"), std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Path() + "/bad"));
    // A run that turns out invalid only when it runs (a site set of one: no pair) is recorded
    // as failed with its error, and the others run.
    auto pairs
        = dir.Write("pairs.txtpb",
                    head
                        + "axes { path: \"scenario.site_sets[0].random.count\" numbers: [2, 1] }\n"
                          "kind: PATHS\npaths { all_pairs: \"rural\" }\n"
                          "output_directory: \""
                        + dir.Path() + "/pairs\"\n");
    r = RunSagin({"sweep", pairs});
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(
        Query(dir.Path() + "/pairs",
              "SELECT count, status, exit_status, error FROM runs "
              "GROUP BY count, status ORDER BY count"),
        (std::vector<std::string>{"1|failed|2|paths.all_pairs: the set needs at least two sites",
                                  "2|done|0|NULL"}));
}
