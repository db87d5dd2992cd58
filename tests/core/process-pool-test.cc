// The process pool (core/model/process-pool.h): outcomes in job order whatever the order the jobs
// end in, at most `slots` at once, failures (status, exception, signal) reported with their job,
// and a stop signal of the caller stops every worker, whose temporaries are removed.
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "core/model/process-pool.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace sagin;
using sagin::test::TempDir;

namespace
{

bool
Exists(const std::string& path)
{
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

} // namespace

TEST(ProcessPool, OutcomesInJobOrderWhateverTheOrderTheyEnd)
{
    // Job i sleeps (6 - i) x 30 ms: with 6 slots they end in reverse order.
    constexpr size_t kJobs = 6;
    std::vector<size_t> ended;
    int mostRunning = 0;
    ProcessPoolOptions o;
    o.slots = 6;
    o.captureOutput = true;
    o.onJobEnd = [&](size_t job, const JobOutcome& outcome)
    {
        ended.push_back(job);
        EXPECT_EQ(outcome.output, "job " + std::to_string(job) + "\n");
    };
    o.onTick = [&](int running)
    {
        mostRunning = std::max(mostRunning, running);
    };
    const auto outcomes = RunInProcessPool(
        kJobs,
        [](size_t i)
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(30 * (6 - i)));
            std::cout << "job " << i << "\n"; // flushed by the pool before the worker exits
            return static_cast<int>(i % 2) * 10;
        },
        o);
    ASSERT_EQ(outcomes.size(), kJobs);
    for (size_t i = 0; i < kJobs; ++i)
    {
        EXPECT_EQ(outcomes[i].output, "job " + std::to_string(i) + "\n");
        EXPECT_EQ(outcomes[i].ExitCode(), static_cast<int>(i % 2) * 10) << i;
        EXPECT_EQ(outcomes[i].Succeeded(), i % 2 == 0) << i;
    }
    ASSERT_EQ(ended.size(), kJobs);
    EXPECT_NE(ended.front(), 0u); // not in job order: the order is the pool's work
    EXPECT_LE(mostRunning, 6);
}

TEST(ProcessPool, NeverMoreThanSlotsAtOnce)
{
    // Each job holds a lock file for 40 ms; a job that finds more than `slots` lock files fails.
    TempDir dir;
    const std::string d = dir.Path();
    ProcessPoolOptions o;
    o.slots = 2;
    int mostRunning = 0;
    o.onTick = [&](int running)
    {
        mostRunning = std::max(mostRunning, running);
    };
    const auto outcomes = RunInProcessPool(
        7,
        [&](size_t i)
        {
            const std::string mine = d + "/running." + std::to_string(i);
            std::ofstream(mine) << i;
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
            int running = 0;
            for (const auto& e : std::filesystem::directory_iterator(d))
            {
                running += e.path().filename().string().rfind("running.", 0) == 0;
            }
            std::filesystem::remove(mine);
            return running <= 2 ? 0 : 1;
        },
        o);
    for (size_t i = 0; i < outcomes.size(); ++i)
    {
        EXPECT_TRUE(outcomes[i].Succeeded()) << i << ": " << outcomes[i].Describe();
    }
    EXPECT_LE(mostRunning, 2);
    EXPECT_GE(mostRunning, 1);
}

TEST(ProcessPool, FailuresAreReportedWithTheirJob)
{
    ProcessPoolOptions o;
    o.slots = 2;
    o.captureOutput = true;
    const auto outcomes = RunInProcessPool(
        4,
        [](size_t i) -> int
        {
            switch (i)
            {
            case 1:
                return 3; // a non-zero status
            case 2:
                throw std::runtime_error("boom"); // an exception escaping the job
            case 3:
                ::raise(SIGKILL); // killed by a signal
                return 0;
            default:
                return 0;
            }
        },
        o);
    ASSERT_EQ(outcomes.size(), 4u);
    EXPECT_TRUE(outcomes[0].Succeeded());
    EXPECT_EQ(outcomes[0].Describe(), "exit status 0");
    EXPECT_EQ(outcomes[1].ExitCode(), 3);
    EXPECT_EQ(outcomes[1].Describe(), "exit status 3");
    EXPECT_EQ(outcomes[2].ExitCode(), 1);
    EXPECT_EQ(outcomes[2].output, "error: boom\n");
    EXPECT_FALSE(outcomes[3].Succeeded());
    EXPECT_EQ(outcomes[3].ExitCode(), -1);
    ASSERT_TRUE(WIFSIGNALED(outcomes[3].waitStatus));
    EXPECT_EQ(WTERMSIG(outcomes[3].waitStatus), SIGKILL);
    EXPECT_EQ(outcomes[3].Describe(), "killed by signal 9 (Killed)");
}

TEST(ProcessPool, NoJobsNoWorkers)
{
    ProcessPoolOptions o;
    o.slots = 4;
    EXPECT_TRUE(RunInProcessPool(
                    0,
                    [](size_t)
                    {
                        return 0;
                    },
                    o)
                    .empty());
}

TEST(ProcessPool, AStopSignalStopsEveryWorkerAndRemovesTheirTemporaries)
{
    // A caller process runs 3 jobs on 2 slots; each running job registers a temporary file,
    // writes its pid, and waits forever. SIGINT to the caller: it must die of SIGINT having
    // stopped both workers, whose temporaries (and the caller's own) are gone; the third job
    // never runs.
    TempDir dir;
    const std::string d = dir.Path();
    const pid_t caller = ::fork();
    ASSERT_GE(caller, 0);
    if (caller == 0)
    {
        InstallTemporaryCleanup();
        const std::string own = TemporaryPathFor(d + "/caller");
        std::ofstream(own) << "caller";
        RegisterTemporary(own);
        ProcessPoolOptions o;
        o.slots = 2;
        RunInProcessPool(
            3,
            [&](size_t i)
            {
                const std::string tmp = TemporaryPathFor(d + "/job" + std::to_string(i));
                std::ofstream(tmp) << "partial";
                RegisterTemporary(tmp);
                WriteFileAtomically(d + "/pid." + std::to_string(i), std::to_string(::getpid()));
                for (;;)
                {
                    ::pause();
                }
                return 0;
            },
            o);
        ::_exit(0);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!(Exists(d + "/pid.0") && Exists(d + "/pid.1"))
           && std::chrono::steady_clock::now() < deadline)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(Exists(d + "/pid.0") && Exists(d + "/pid.1"));
    const pid_t w0 = std::stoi(ReadFile(d + "/pid.0"));
    const pid_t w1 = std::stoi(ReadFile(d + "/pid.1"));
    ASSERT_EQ(::kill(caller, SIGINT), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(caller, &status, 0), caller);
    ASSERT_TRUE(WIFSIGNALED(status)) << status;
    EXPECT_EQ(WTERMSIG(status), SIGINT);
    // The caller waited for its workers before dying: they are gone, reaped.
    for (pid_t w : {w0, w1})
    {
        errno = 0;
        EXPECT_EQ(::kill(w, 0), -1) << w;
        EXPECT_EQ(errno, ESRCH) << w;
    }
    std::vector<std::string> left;
    for (const auto& e : std::filesystem::directory_iterator(d))
    {
        left.push_back(e.path().filename().string());
    }
    std::sort(left.begin(), left.end());
    EXPECT_EQ(left, (std::vector<std::string>{"pid.0", "pid.1"})); // no *.tmp.*, no job 2
}
