// Kill and interrupt stress (issue 16), label `stress`: `run` (two standards, two workers),
// `coverage` and `sweep` (two runs, two workers) are sent SIGKILL or SIGINT at seeded random
// moments, from before the process starts working to after it has finished, into the same
// output folder trial after trial. Whatever the moment, after each trial:
//  - every process the command started is gone within a bounded time (the test is the
//    processes' subreaper, so it sees the orphans of a killed parent and reaps them);
//  - every result folder under its final name is complete and its result.binpb loads;
//    (an old result that a replacement moved aside, `<name>.old.<pid>`, counts as a temporary);
//  - after SIGINT no new temporary (`*.tmp.*`) remains (those of earlier killed trials may,
//    when the signal lands before the command cleans them);
// and a last, undisturbed command in the same folder succeeds and leaves no temporary of the
// killed trials (stale temporaries are cleaned by the next command, or were never visible under
// a final name). The assertions hold for any moment the signal lands, so they are not timing
// dependent; the moments only make the trials visit different states.
#include "../common/temp-dir.h"
#include "cli-test-util.h"
#include "core/model/atomic-file.h"
#include "sagin/v1/result.pb.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace sagin::test;
namespace fs = std::filesystem;

namespace
{

constexpr int kTrials = 20; ///< per command, alternating SIGKILL and SIGINT
/// Bound for the command's processes to be gone after the signal (generous: a loaded machine).
constexpr auto kGone = std::chrono::seconds(20);

/// Starts `sagin --quiet <args>` (stdout and stderr appended to `log`).
pid_t
Start(const std::vector<std::string>& args, const std::string& log, bool stopBeforeCommit = false)
{
    // The hooked binary stops (SIGSTOP) a process about to rename a result into place.
    const std::string bin = stopBeforeCommit ? HookedSaginBinary() : SaginBinary();
    std::vector<std::string> argv = {bin, "--quiet"};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid == 0)
    {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        if (stopBeforeCommit)
        {
            ::setenv("SAGIN_TEST_STOP_BEFORE_COMMIT", "1", 1);
        }
        std::vector<char*> c;
        for (auto& a : argv)
        {
            c.push_back(a.data());
        }
        c.push_back(nullptr);
        ::execv(bin.c_str(), c.data());
        ::_exit(127);
    }
    return pid;
}

/// Reaps every child of this process (the command and, as subreaper, its orphans) until none
/// is left; false when some are still alive after kGone. The command's own status in `status`.
bool
ReapAll(pid_t command, int& status)
{
    const auto end = std::chrono::steady_clock::now() + kGone;
    while (true)
    {
        int s = 0;
        const pid_t pid = ::waitpid(-1, &s, WNOHANG);
        if (pid == command)
        {
            status = s;
        }
        if (pid < 0 && errno == ECHILD)
        {
            return true; // no child left at all
        }
        if (pid == 0)
        {
            if (std::chrono::steady_clock::now() > end)
            {
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
}

/// The processes whose parent is `parent`, with their state letters (/proc/<pid>/stat).
std::vector<std::pair<pid_t, char>>
ChildrenOf(pid_t parent)
{
    std::vector<std::pair<pid_t, char>> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc", ec))
    {
        const std::string name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
        {
            continue;
        }
        std::ifstream in(e.path() / "stat");
        std::string stat;
        std::getline(in, stat);
        const auto paren = stat.rfind(')');
        if (paren == std::string::npos)
        {
            continue;
        }
        std::istringstream rest(stat.substr(paren + 2));
        char state = 0;
        long ppid = 0;
        rest >> state >> ppid;
        if (ppid == parent)
        {
            found.emplace_back(static_cast<pid_t>(std::stol(name)), state);
        }
    }
    return found;
}

std::vector<std::string>
Temporaries(const std::string& root)
{
    std::vector<std::string> found;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    {
        const std::string name = it->path().filename().string();
        if (name.find(".tmp.") != std::string::npos || name.find(".old.") != std::string::npos)
        {
            found.push_back(it->path().string()); // a temporary, or an old result being replaced
        }
    }
    return found;
}

/// Every result folder under its final name (a folder holding result.binpb or summary.json,
/// outside temporaries) is complete: summary.json present, result.binpb present and loading.
void
ExpectResultsComplete(const std::string& root, const std::string& what)
{
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    {
        const fs::path p = it->path();
        if (!it->is_directory() || p.string().find(".tmp.") != std::string::npos
            || p.string().find(".old.") != std::string::npos
            || p.string().find(".staging") != std::string::npos)
        {
            continue;
        }
        if (!fs::exists(p / "result.binpb") && !fs::exists(p / "summary.json"))
        {
            continue;
        }
        EXPECT_TRUE(fs::exists(p / "summary.json")) << what << ": " << p << " has no summary.json";
        sagin::v1::RunResult result;
        EXPECT_TRUE(fs::exists(p / "result.binpb")
                    && result.ParseFromString(Slurp((p / "result.binpb").string()))
                    && !result.provenance().run_id().empty())
            << what << ": " << p << "/result.binpb is missing or does not load";
    }
}

struct Command
{
    std::string name;
    std::vector<std::string> args; ///< with "OUT" standing for the output folder
    /// Results removed after each trial's checks (relative to the output folder), so that the
    /// next trial works again instead of finding its runs done (temporaries are kept).
    std::vector<std::string> reset;
    /// Temporaries under this part of the output folder may stay after SIGINT: a sweep's workers
    /// die of SIGKILL with it, and the next sweep clears its .staging/ folder before it starts.
    std::string leftoversUnder;
};

std::vector<std::string>
WithOut(const std::vector<std::string>& args, const std::string& out)
{
    std::vector<std::string> a = args;
    for (auto& s : a)
    {
        s = s == "OUT" ? out : s;
    }
    return a;
}

void
Stress(const Command& command, const TempDir& dir, unsigned seed)
{
    const std::string out = dir.Path() + "/out";
    const std::string log = dir.Path() + "/log.txt";
    const auto args = WithOut(command.args, out);

    // One undisturbed command first: how long it takes bounds the moments drawn below.
    auto t0 = std::chrono::steady_clock::now();
    int status = -1;
    pid_t pid = Start(args, log);
    ASSERT_TRUE(ReapAll(pid, status)) << command.name;
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command.name << "\n"
                                                               << Slurp(log);
    const double took_s
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fs::remove_all(out);

    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> moment(0.0, 1.2 * took_s); // some land after the end
    for (int trial = 0; trial < kTrials; ++trial)
    {
        const int sig = trial % 2 == 0 ? SIGKILL : SIGINT;
        const double at_s = moment(rng);
        const std::string what = command.name + " trial " + std::to_string(trial) + " ("
                                 + (sig == SIGKILL ? "SIGKILL" : "SIGINT") + " at "
                                 + std::to_string(at_s) + " s)";
        // Temporaries that killed trials left (the next command that gets far enough removes them).
        const auto before = Temporaries(out);
        pid = Start(args, log);
        std::this_thread::sleep_for(std::chrono::duration<double>(at_s));
        ::kill(pid, sig);
        status = -1;
        ASSERT_TRUE(ReapAll(pid, status))
            << what << ": a process of the command is still alive after " << kGone.count() << " s";
        ExpectResultsComplete(out, what);
        if (sig == SIGINT)
        {
            // An interrupted command removes its own temporaries: none is new.
            for (const auto& t : Temporaries(out))
            {
                const bool allowed = !command.leftoversUnder.empty()
                                     && t.find(command.leftoversUnder) != std::string::npos;
                EXPECT_TRUE(allowed || std::find(before.begin(), before.end(), t) != before.end())
                    << what << ": " << t;
            }
        }
        for (const auto& r : command.reset)
        {
            fs::remove_all(fs::path(out) / r);
        }
    }
    // The next command cleans what the killed ones left and publishes complete results.
    status = -1;
    pid = Start(args, log);
    ASSERT_TRUE(ReapAll(pid, status));
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command.name << "\n"
                                                               << Slurp(log);
    const auto left = Temporaries(out);
    EXPECT_TRUE(left.empty()) << command.name
                              << ": a stale temporary survived the next command: " << left.front();
    ExpectResultsComplete(out, command.name + " (final)");
}

/// Orphans: the command's workers are held just before they publish (stopped by the test hook);
/// SIGKILL to the parent alone; then every worker must be gone within kGone without publishing
/// (they get SIGTERM when the parent dies, remove their temporaries and die).
void
KillOnlyTheParent(const std::vector<std::string>& args,
                  const TempDir& dir,
                  const std::string& results,
                  const std::string& leftoversUnder = "")
{
    const std::string out = dir.Path() + "/out";
    const std::string log = dir.Path() + "/log.txt";
    const pid_t parent = Start(WithOut(args, out), log, true);
    std::vector<std::pair<pid_t, char>> workers;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < end)
    {
        workers = ChildrenOf(parent);
        if (std::any_of(workers.begin(),
                        workers.end(),
                        [](const auto& w)
                        {
                            return w.second == 'T';
                        }))
        {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(std::any_of(workers.begin(),
                            workers.end(),
                            [](const auto& w)
                            {
                                return w.second == 'T';
                            }))
        << "no worker reached its commit\n"
        << Slurp(log);
    ::kill(parent, SIGKILL);
    // Wake the stopped workers (now this subreaper's children): they must die, not publish.
    while (ChildrenOf(parent).size() > 0 || ::waitpid(parent, nullptr, WNOHANG) == 0)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (const auto& [pid, state] : ChildrenOf(::getpid()))
    {
        ::kill(pid, SIGCONT);
    }
    int status = 0;
    ASSERT_TRUE(ReapAll(parent, status))
        << "a worker outlived its parent by " << kGone.count() << " s";
    std::error_code ec;
    EXPECT_TRUE(!fs::exists(fs::path(out) / results, ec)
                || fs::is_empty(fs::path(out) / results, ec))
        << "a worker published after its parent died";
    for (const auto& t : Temporaries(out))
    {
        // Only a temporary of the killed parent itself may remain (the next command removes it),
        // and those under `leftoversUnder`, which the next command clears (the stress test
        // checks it).
        const bool allowed = !leftoversUnder.empty() && t.find(leftoversUnder) != std::string::npos;
        EXPECT_TRUE(allowed || t.find(".tmp." + std::to_string(parent)) != std::string::npos)
            << "left by a worker: " << t;
    }
}

class KillStress : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        // Orphans of a killed command are reparented to this process, which reaps them.
        ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    }
};

const std::string kScenario = SourceDir() + "/scenarios/quickstart.txtpb";
const std::string kGeo = SourceDir() + "/scenarios/standards/geo-transparent.txtpb";
const std::string kHaps = SourceDir() + "/scenarios/standards/haps-hibs.txtpb";

} // namespace

TEST_F(KillStress, Run)
{
    TempDir dir;
    Stress({"run",
            {"run",
             kScenario,
             "--standard",
             kGeo,
             "--standard",
             kHaps,
             "--duration",
             "1",
             "--jobs",
             "2",
             "--out",
             "OUT"}},
           dir,
           161);
}

TEST_F(KillStress, Coverage)
{
    // `sagin coverage` works in this process with threads (no worker process): the test still
    // checks that nothing of it outlives the signal.
    TempDir dir;
    Stress({"coverage",
            {"coverage",
             kScenario,
             "--standard",
             kGeo,
             "--standard",
             kHaps,
             "--no-maps",
             "--out",
             "OUT"}},
           dir,
           162);
}

TEST_F(KillStress, Sweep)
{
    TempDir dir;
    const std::string study
        = dir.Write("study.txtpb",
                    "# proto-message: sagin.v1.Study\nname: \"stress\"\nscenario: \"" + kScenario
                        + "\"\nstandards: \"" + kGeo
                        + "\"\nkind: COVERAGE\n"
                          "coverage { grid_deg: 2 }\nseeds { count: 3 }\n");
    Stress({"sweep",
            {"sweep", study, "--jobs", "2", "--out", "OUT"},
            {"runs", "campaign.sqlite"},
            "/.staging/"},
           dir,
           163);
}

TEST_F(KillStress, RunWorkersDieWithTheirParent)
{
    TempDir dir;
    KillOnlyTheParent({"run",
                       kScenario,
                       "--standard",
                       kGeo,
                       "--standard",
                       kHaps,
                       "--duration",
                       "1",
                       "--jobs",
                       "2",
                       "--out",
                       "OUT"},
                      dir,
                      "geo-transparent");
}

TEST_F(KillStress, SweepWorkersDieWithTheirParent)
{
    TempDir dir;
    const std::string study
        = dir.Write("study.txtpb",
                    "# proto-message: sagin.v1.Study\nname: \"orphans\"\nscenario: \"" + kScenario
                        + "\"\nstandards: \"" + kGeo
                        + "\"\nkind: COVERAGE\n"
                          "coverage { grid_deg: 2 }\nseeds { count: 3 }\n");
    // Sweep workers get SIGTERM when their parent dies (the process pool's ForkChild): their
    // staging folders stay in DIR/.staging/, which the next sweep clears before it starts.
    KillOnlyTheParent({"sweep", study, "--jobs", "2", "--out", "OUT"}, dir, "runs", "/.staging/");
}
