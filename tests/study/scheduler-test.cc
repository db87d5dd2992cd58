// Handing a study to an existing scheduler: a GNU parallel job list run for real (then merged:
// the same campaign as a local sweep), and the Slurm job-array script.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "study-test-util.h"

#include <cstdlib>
#include <gtest/gtest.h>

using namespace sagin;
using namespace sagin::test;

TEST(Scheduler, GnuParallelJobListRunsTheStudy)
{
    if (std::system("parallel --version >/dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "GNU parallel is not installed";
    }
    TempDir dir;
    const std::string local = dir.Path() + "/local";
    const std::string study = WriteTinyStudy(dir.Path(), local, 1);
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;

    const std::string campaign = dir.Path() + "/campaign";
    const std::string emit = dir.Path() + "/emit";
    // Half the runs are done already in the campaign: the job list holds the other half.
    for (int t : {0, 2, 4, 6})
    {
        ASSERT_EQ(RunSagin({"sweep", study, "--task", std::to_string(t), "--out", campaign}).status,
                  0);
    }
    r = RunSagin({"sweep", study, "--out", campaign, "--emit", "gnu-parallel", emit});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("jobs.txt: 4 jobs"), std::string::npos) << r.out;
    auto jobs = Lines(ReadFile(emit + "/jobs.txt"));
    ASSERT_EQ(jobs.size(), 4u);
    EXPECT_NE(jobs[0].find(" sweep " + study + " --out " + emit + "/results --task 1"),
              std::string::npos)
        << jobs[0];

    const std::string run = "parallel --will-cite --jobs 2 --halt never --joblog " + emit
                            + "/joblog < " + emit + "/jobs.txt > " + emit + "/parallel.log 2>&1";
    ASSERT_EQ(std::system(run.c_str()), 0) << ReadFile(emit + "/parallel.log");
    EXPECT_EQ(Lines(ReadFile(emit + "/joblog")).size(), 5u); // header + 4 jobs
    r = RunSagin({"sweep", study, "--out", campaign, "--merge", emit + "/results"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("merged 4 runs"), std::string::npos) << r.out;
    const auto a = Snapshot(local);
    const auto b = Snapshot(campaign);
    EXPECT_EQ(a.files, b.files);
    EXPECT_EQ(a.rows, b.rows);
}

TEST(Scheduler, SlurmArrayScript)
{
    TempDir dir;
    const std::string study = WriteTinyStudy(dir.Path(), dir.Path() + "/campaign", 1);
    const std::string emit = dir.Path() + "/slurm";
    auto r = RunSagin({"sweep", study, "--emit", "slurm", emit});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string script = ReadFile(emit + "/sweep.sbatch");
    EXPECT_NE(script.find("#SBATCH --array=0-7\n"), std::string::npos) << script;
    EXPECT_NE(
        script.find("TASK=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " + emit + "/tasks.txt)"),
        std::string::npos)
        << script;
    EXPECT_NE(
        script.find(" --quiet sweep " + study + " --out " + emit + "/results --task \"$TASK\""),
        std::string::npos)
        << script;
    EXPECT_EQ(Lines(ReadFile(emit + "/tasks.txt")).size(), 8u);
    EXPECT_EQ(Lines(ReadFile(emit + "/tasks.tsv"))[0],
              "task\trun_id\tstandard\tseed\taltitude_km\televation_deg");
    r = RunSagin({"sweep", study, "--emit", "pbs", emit});
    EXPECT_EQ(r.status, 2);
}
