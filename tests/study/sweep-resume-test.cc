// A sweep killed at any moment (SIGKILL) and started again loses no finished run, leaves no
// half-written one, and ends with the same campaign as an uninterrupted sweep; a failing run is
// recorded and does not stop the others; a repeated sweep runs only what is missing.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "study-test-util.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <signal.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace sagin::test;

namespace
{

ino_t
Inode(const std::string& path)
{
    struct stat st
    {
    };
    ::stat(path.c_str(), &st);
    return st.st_ino;
}

void
ExpectSameCampaign(const CampaignSnapshot& a, const CampaignSnapshot& b)
{
    ASSERT_EQ(a.files.size(), b.files.size());
    for (const auto& [name, content] : a.files)
    {
        auto it = b.files.find(name);
        ASSERT_NE(it, b.files.end()) << name;
        EXPECT_EQ(content, it->second) << name;
    }
    EXPECT_EQ(a.rows, b.rows);
}

} // namespace

TEST(SweepResume, KilledSweepsEndWithTheSameCampaign)
{
    TempDir dir;
    const std::string reference = dir.Path() + "/reference";
    const std::string killed = dir.Path() + "/killed";
    const std::string study = WriteTinyStudy(dir.Path(), reference, 3);
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto expected = Snapshot(reference);
    ASSERT_EQ(expected.rows.size(), 24u);
    ASSERT_EQ(DoneRuns(reference).size(), 24u);

    // Kill points: right after the start (loading, index rebuild, first workers), just as runs
    // 1, 8 and 17 appear (their sweep is updating the index and starting the next worker), and
    // at odd moments after runs 4 and 12 (mid-run); the last sweep finishes.
    std::map<std::string, ino_t> finished; // run id -> inode of its folder when first seen
    size_t kills = 0;
    const std::vector<std::pair<int, int>> points
        = {{0, 20}, {1, 0}, {4, 13}, {8, 0}, {12, 29}, {17, 0}, {-1, 0}};
    for (const auto& [target, delayMs] : points)
    {
        const pid_t pid = StartSagin({"sweep", study, "--jobs", "2", "--out", killed}, dir.Path());
        if (target < 0)
        {
            EXPECT_EQ(WaitFor(pid), 0);
            break;
        }
        const auto start = std::chrono::steady_clock::now();
        while (target > 0 && static_cast<int>(DoneRuns(killed).size()) < target
               && std::chrono::steady_clock::now() - start < std::chrono::seconds(30))
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        ::kill(pid, SIGKILL);
        EXPECT_EQ(WaitFor(pid), -SIGKILL);
        ++kills;
        // Workers die with the sweep: give them a moment, then nothing may change any more.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto done = DoneRuns(killed);
        std::cout << "kill " << kills << " (target " << target << "): " << done.size()
                  << " of 24 runs done\n";
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        EXPECT_EQ(DoneRuns(killed), done) << "a worker outlived its sweep";
        EXPECT_EQ(IncompleteRuns(killed), std::vector<std::string>{}) << "after kill " << kills;
        // No finished run is lost or rewritten.
        for (const auto& [id, inode] : finished)
        {
            EXPECT_EQ(Inode(killed + "/runs/" + id), inode) << id << " was lost or rewritten";
        }
        for (const auto& id : done)
        {
            finished.emplace(id, Inode(killed + "/runs/" + id));
        }
    }
    EXPECT_EQ(kills, 6u);
    EXPECT_LT(finished.size(), 24u) << "every kill came too late to interrupt anything";
    for (const auto& [id, inode] : finished)
    {
        EXPECT_EQ(Inode(killed + "/runs/" + id), inode) << id << " was run again";
    }
    ExpectSameCampaign(expected, Snapshot(killed));
}

TEST(SweepResume, FailedRunIsRecordedAndRetried)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const std::string study = WriteTinyStudy(dir.Path(), out, 1);
    // The fault is injected through the test binary's hook (the product has none).
    const std::string plain = SaginBinary();
    ::setenv("SAGIN_BIN", HookedSaginBinary().c_str(), 1);
    ::setenv("SAGIN_STUDY_FAULT_TASKS", "2,5", 1);
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ::unsetenv("SAGIN_STUDY_FAULT_TASKS");
    ::setenv("SAGIN_BIN", plain.c_str(), 1);
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_NE(r.err.find("2 runs failed"), std::string::npos) << r.err;
    EXPECT_EQ(DoneRuns(out).size(), 6u);
    auto failed = Query(
        out,
        "SELECT task, status, exit_status, error, instr(stderr, 'injected fault') > 0, directory "
        "LIKE 'failed/%' FROM runs WHERE status != 'done' ORDER BY task");
    ASSERT_EQ(failed.size(), 2u);
    EXPECT_EQ(failed[0], "2|failed|134|the worker was killed by signal 6 (Aborted)|1|1");
    EXPECT_EQ(failed[1].substr(0, 9), "5|failed|");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(out + "/failed"), {}), 2);

    // Sweeping again runs only the two failed runs.
    r = RunSagin({"sweep", study, "--jobs", "2"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("this sweep: 2 runs (2 done, 0 failed)"), std::string::npos) << r.out;
    EXPECT_EQ(Query(out, "SELECT count(*) FROM runs WHERE status = 'done' AND error IS NULL"),
              std::vector<std::string>{"8"});
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(out + "/failed"), {}), 0);
}

TEST(SweepResume, RepeatedSweepRunsOnlyWhatIsMissing)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    std::string study = WriteTinyStudy(dir.Path(), out, 1);
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.find("this sweep"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("8/8 runs done"), std::string::npos) << r.out;
    // A third altitude: only its 4 runs are new.
    std::string text = sagin::ReadFile(study);
    text.replace(text.find("[550, 700]"), 10, "[550, 700, 850]");
    dir.Write("tiny-study.txtpb", text);
    r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("this sweep: 4 runs (4 done, 0 failed)"), std::string::npos) << r.out;
    EXPECT_EQ(
        Query(out, "SELECT count(*), count(DISTINCT altitude_km) FROM runs WHERE status = 'done'"),
        std::vector<std::string>{"12|3"});
}

TEST(SweepResume, BrokenRunFolderIsRunAgain)
{
    // Workers do not sync each file (the sweep syncs at its end): after a power loss a run folder
    // may hold truncated files. The next sweep checks every finished run and runs a broken one
    // again.
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const std::string study = WriteTinyStudy(dir.Path(), out, 1);
    ASSERT_EQ(RunSagin({"sweep", study, "--jobs", "2"}).status, 0);
    const auto before = Snapshot(out);
    const std::string id = DoneRuns(out).front();
    {
        std::ofstream(out + "/runs/" + id + "/result.binpb", std::ios::trunc);
    }
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find(id + " is incomplete"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("this sweep: 1 run (1 done, 0 failed)"), std::string::npos) << r.out;
    const auto after = Snapshot(out);
    EXPECT_EQ(before.files, after.files);
    EXPECT_EQ(before.rows, after.rows);
}
