// A `sagin run` stopped by SIGINT or SIGTERM at any moment leaves no temporary (`*.tmp.*`) and no
// partial result folder; its children die with it; a later run removes the temporaries a dead
// process left. The moments are reached by polling for the state (never by sleeping a fixed
// time); the moment "before the result folder is renamed into place" is held still by the test
// hook SAGIN_TEST_STOP_BEFORE_COMMIT (the child stops itself there with SIGSTOP).
#include "../common/temp-dir.h"
#include "cli-test-util.h"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace sagin::test;
namespace fs = std::filesystem;

namespace
{

constexpr auto kDeadline = std::chrono::seconds(120); // a loaded 2-core machine, sanitizers on

/// Starts `sagin --quiet run ...` (quickstart under geo-transparent, `duration` simulated
/// seconds) writing into `out`; stdout and stderr to a file in `dir`.
pid_t
StartRun(const TempDir& dir,
         const std::string& out,
         bool stopBeforeCommit,
         const char* duration = "1")
{
    const std::string bin = HookedSaginBinary();
    const std::string scenario = SourceDir() + "/scenarios/quickstart.txtpb";
    const std::string standard = SourceDir() + "/scenarios/standards/geo-transparent.txtpb";
    const std::string log = dir.Path() + "/log.txt";
    pid_t pid = ::fork();
    if (pid == 0)
    {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        if (stopBeforeCommit)
        {
            ::setenv("SAGIN_TEST_STOP_BEFORE_COMMIT", "1", 1);
        }
        ::execl(bin.c_str(),
                bin.c_str(),
                "--quiet",
                "run",
                scenario.c_str(),
                "--standard",
                standard.c_str(),
                "--out",
                out.c_str(),
                "--duration",
                duration,
                "--jobs",
                "1",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return pid;
}

/// Polls until `ready` holds; false when the deadline passes first.
template <class F>
bool
PollUntil(F ready)
{
    const auto end = std::chrono::steady_clock::now() + kDeadline;
    while (std::chrono::steady_clock::now() < end)
    {
        if (ready())
        {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

/// The process state letter from /proc/<pid>/stat ('R', 'S', 'T', 'Z', ...), or 0 when gone.
char
ProcessState(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    std::getline(in, stat);
    const auto paren = stat.rfind(')');
    return paren == std::string::npos || paren + 2 >= stat.size() ? 0 : stat[paren + 2];
}

/// The entries of `root` (recursively) whose name holds ".tmp.".
std::vector<std::string>
Temporaries(const std::string& root)
{
    std::vector<std::string> found;
    std::error_code ec;
    if (!fs::exists(root, ec))
    {
        return found;
    }
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    {
        if (it->path().filename().string().find(".tmp.") != std::string::npos)
        {
            found.push_back(it->path().string());
        }
    }
    return found;
}

/// The pid in the name of the run's temporary result folder `<out>/geo-transparent.tmp.<pid>`.
pid_t
TemporaryOwner(const std::string& out)
{
    for (const auto& t : Temporaries(out))
    {
        const auto at = t.rfind(".tmp.");
        return static_cast<pid_t>(std::stol(t.substr(at + 5)));
    }
    return 0;
}

/// After the run ended: no temporary anywhere, and a result folder is complete or absent.
void
ExpectClean(const std::string& out)
{
    EXPECT_TRUE(Temporaries(out).empty()) << Temporaries(out).front();
    const std::string result = out + "/geo-transparent";
    if (fs::exists(result))
    {
        for (const char* f :
             {"result.binpb", "summary.json", "latency.csv", "coverage.csv", "scenario.txtpb"})
        {
            EXPECT_TRUE(fs::exists(result + "/" + f)) << f;
        }
    }
}

int
WaitStatus(pid_t pid)
{
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

} // namespace

TEST(Interrupt, BeforeTheResultFolderIsCommitted)
{
    for (int sig : {SIGINT, SIGTERM})
    {
        TempDir dir;
        const std::string out = dir.Path() + "/out";
        const pid_t parent = StartRun(dir, out, true);
        // The child wrote every file into <out>/geo-transparent.tmp.<child> and stopped itself.
        pid_t child = 0;
        // Until the child stops at the hook (or the run ends early: then fail at once, with
        // its log, instead of waiting out the deadline).
        PollUntil(
            [&]
            {
                child = TemporaryOwner(out);
                return (child > 0 && ProcessState(child) == 'T') || ProcessState(parent) == 'Z';
            });
        ASSERT_TRUE(child > 0 && ProcessState(child) == 'T') << Slurp(dir.Path() + "/log.txt");
        ASSERT_EQ(Temporaries(out).size(), 1u);
        ::kill(parent, sig);
        const int status = WaitStatus(parent);
        EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << status;
        // The parent stopped and waited for its child, which removed its temporary folder.
        EXPECT_TRUE(ProcessState(child) == 0 || ProcessState(child) == 'Z');
        ExpectClean(out);
        EXPECT_FALSE(fs::exists(out + "/geo-transparent"));
        EXPECT_FALSE(fs::exists(out)) << "the output folder the run created, empty, is removed";
    }
}

TEST(Interrupt, ReplacingAResultIsNeverHalfDone)
{
    // A second run into the same folder moves the first result aside and renames its own into
    // place; stopped between the two renames (the test hook), it finishes both before it obeys
    // SIGTERM: one complete result, nothing aside, no temporary.
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    pid_t run = StartRun(dir, out, false);
    int status = WaitStatus(run);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    const pid_t parent = StartRun(dir, out, true);
    pid_t child = 0;
    PollUntil(
        [&]
        {
            child = TemporaryOwner(out);
            return (child > 0 && ProcessState(child) == 'T') || ProcessState(parent) == 'Z';
        });
    ASSERT_TRUE(child > 0 && ProcessState(child) == 'T') << Slurp(dir.Path() + "/log.txt");
    EXPECT_FALSE(fs::exists(out + "/geo-transparent")) << "moved aside before the stop";
    ::kill(parent, SIGTERM);
    status = WaitStatus(parent);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
    ExpectClean(out);
    EXPECT_TRUE(fs::exists(out + "/geo-transparent/summary.json"));
    for (const auto& e : fs::directory_iterator(out))
    {
        // The result, and the first run's list of its standards (written after its runs).
        const std::string name = e.path().filename().string();
        EXPECT_TRUE(name == "geo-transparent" || name == "standards.txt") << name;
    }
}

TEST(Interrupt, WhileSimulatingAndAtOnce)
{
    // While the child simulates: the output folder exists (created after validation, before the
    // children start). At once: whatever the process has reached.
    for (bool waitForFolder : {true, false})
    {
        TempDir dir;
        const std::string out = dir.Path() + "/out";
        const pid_t parent = StartRun(dir, out, false, "30");
        if (waitForFolder)
        {
            ASSERT_TRUE(PollUntil(
                [&]
                {
                    return fs::exists(out) || ProcessState(parent) == 'Z';
                }));
        }
        ::kill(parent, waitForFolder ? SIGINT : SIGTERM);
        WaitStatus(parent);
        ExpectClean(out);
    }
}

TEST(Interrupt, ChildrenDieWithTheParent)
{
    // SIGKILL gives the parent no chance to clean; its child is told (SIGTERM on the parent's
    // death) and removes its own temporary folder.
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const pid_t parent = StartRun(dir, out, true);
    pid_t child = 0;
    PollUntil(
        [&]
        {
            child = TemporaryOwner(out);
            return (child > 0 && ProcessState(child) == 'T') || ProcessState(parent) == 'Z';
        });
    ASSERT_TRUE(child > 0 && ProcessState(child) == 'T') << Slurp(dir.Path() + "/log.txt");
    ::kill(parent, SIGKILL);
    WaitStatus(parent);
    ::kill(child, SIGCONT); // stopped by the test hook; a running child gets the SIGTERM at once
    ASSERT_TRUE(PollUntil(
        [&]
        {
            return ProcessState(child) == 0 || ProcessState(child) == 'Z';
        }));
    ExpectClean(out);
}

TEST(Interrupt, AWorkerKilledByASignalIsReportedWithItsStandard)
{
    // The run's worker (one per standard, from the process pool) dies of SIGKILL just before it
    // commits: the command names the standard and the signal, exits with status 1, and leaves
    // neither the result folder nor the worker's temporary.
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const pid_t parent = StartRun(dir, out, true);
    pid_t child = 0;
    PollUntil(
        [&]
        {
            child = TemporaryOwner(out);
            return (child > 0 && ProcessState(child) == 'T') || ProcessState(parent) == 'Z';
        });
    ASSERT_TRUE(child > 0 && ProcessState(child) == 'T') << Slurp(dir.Path() + "/log.txt");
    ::kill(child, SIGKILL);
    const int status = WaitStatus(parent);
    ASSERT_TRUE(WIFEXITED(status)) << status;
    EXPECT_EQ(WEXITSTATUS(status), 1);
    const std::string log = Slurp(dir.Path() + "/log.txt");
    EXPECT_NE(log.find("run failed for: geo-transparent (killed by signal 9 (Killed))"),
              std::string::npos)
        << log;
    EXPECT_FALSE(fs::exists(out + "/geo-transparent"));
    EXPECT_TRUE(Temporaries(out).empty()) << Temporaries(out).front();
}

TEST(Interrupt, StaleTemporariesOfDeadProcessesAreRemoved)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    // A pid that is certainly dead: a child that exited and was reaped.
    const pid_t dead = ::fork();
    if (dead == 0)
    {
        ::_exit(0);
    }
    WaitStatus(dead);
    const std::string stale = out + "/geo-transparent.tmp." + std::to_string(dead);
    dir.Write("out/geo-transparent.tmp." + std::to_string(dead) + "/latency.csv", "partial");
    // A temporary of a live process (this test) is not touched.
    const std::string live = out + "/geo-transparent.tmp." + std::to_string(::getpid());
    dir.Write("out/geo-transparent.tmp." + std::to_string(::getpid()) + "/x", "x");
    const pid_t run = StartRun(dir, out, false);
    const int status = WaitStatus(run);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(live));
    EXPECT_TRUE(fs::exists(out + "/geo-transparent/summary.json"));

    // The same for a file written with --out.
    const std::string csv = dir.Path() + "/paths.csv";
    dir.Write("paths.csv.tmp." + std::to_string(dead), "partial");
    auto r = RunSagin({"paths",
                       SourceDir() + "/scenarios/quickstart.txtpb",
                       "--standard",
                       SourceDir() + "/scenarios/standards/geo-transparent.txtpb",
                       "--from",
                       "ut-madrid",
                       "--to",
                       "ut-lisbon",
                       "--duration",
                       "0",
                       "--out",
                       csv});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(csv + ".tmp." + std::to_string(dead)));
    EXPECT_TRUE(fs::exists(csv));
}
