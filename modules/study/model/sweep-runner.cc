#include "study/model/sweep-runner.h"

#include "core/model/test-hooks.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "run/model/run-engine.h"
#include "study/model/geometric-run.h"
#include "study/model/sweep-progress.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <map>
#include <poll.h>
#include <set>
#include <sstream>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sagin
{

namespace
{

/// Child exit statuses: the run is published, or its failure is recorded by the child itself.
constexpr int kChildDone = 0;
constexpr int kChildRecordedInput = kExitBadInput;  // 2
constexpr int kChildRecordedFailure = kExitFailure; // 1

/// Everything written to a file descriptor from its start (a worker's captured stderr).
std::string
ReadAll(int fd)
{
    std::string text;
    char buf[65536];
    off_t offset = 0;
    ssize_t n = 0;
    while ((n = ::pread(fd, buf, sizeof buf, offset)) > 0)
    {
        text.append(buf, static_cast<size_t>(n));
        offset += n;
    }
    return text;
}

/// Runs one task in a worker and ends the process: publishes the run (or records its failure),
/// tells the sweep on `notify` that its slot is free (before the process teardown), exits.
[[noreturn]] void
RunTask(const v1::Study& study, const PlannedRun& run, const CampaignLayout& layout, int notify)
{
    const std::string& id = run.record.run_id();
    if (Hooks().failStudyTask && Hooks().failStudyTask(run.record.task()))
    {
        std::cerr << "sagin sweep: injected fault (test hook) in "
                  << DescribeRun(run.record) << "\n";
        std::cerr.flush();
        std::abort();
    }
    int status = kChildDone;
    std::string error;
    try
    {
        const std::string staged = layout.StagingPath(id);
        switch (study.kind())
        {
        case v1::Run::COVERAGE:
            RunCoverageOne(run.spec, study.coverage(), staged);
            break;
        case v1::Run::PATHS:
            RunPathsOne(run.spec, study.paths(), staged);
            break;
        default:
            RunOne(run.spec, staged);
        }
        layout.Publish(staged, run.record);
    }
    catch (const InputError& e)
    {
        for (const auto& l : e.Lines())
        {
            std::cerr << l << "\n";
            error += (error.empty() ? "" : "\n") + l;
        }
        status = kChildRecordedInput;
    }
    catch (const std::exception& e)
    {
        error = e.what();
        std::cerr << "sagin sweep: error: " << error << "\n";
        status = kChildRecordedFailure;
    }
    std::cout.flush();
    std::cerr.flush();
    if (status != kChildDone)
    {
        try
        {
            v1::StudyRun record = run.record;
            record.set_error(error);
            record.set_exit_status(status);
            layout.RecordFailure(record, ReadAll(2));
        }
        catch (const std::exception& e)
        {
            std::cerr << "sagin sweep: cannot record the failure: " << e.what() << "\n";
            std::cerr.flush();
            ::_exit(3);
        }
    }
    const pid_t self = ::getpid();
    if (::write(notify, &self, sizeof self) != sizeof self)
    {
        // The sweep learns of the end from SIGCHLD instead.
    }
    ::_exit(status);
}

/// The body of a standby worker: set up while other runs are running, it waits for the number
/// of the task to run on `go` (end of file: not needed, exit). Never returns.
[[noreturn]] void
StandbyMain(const StudyPlan& plan,
            const CampaignLayout& layout,
            pid_t parent,
            int go,
            int capture,
            int notify,
            const std::vector<int>& othersFds)
{
    // Die with the sweep: a killed sweep must not leave workers writing behind it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
    {
        ::_exit(128 + SIGKILL);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int fd : othersFds)
    {
        ::close(fd);
    }
    // stdout and stderr go to the capture file the sweep made (a memory file: no file system
    // work per run); the sweep reads it when the worker ends.
    ::dup2(capture, 1);
    ::dup2(capture, 2);
    ::close(capture);
    Progress::SetEnabled(false);
    // Renames keep every folder complete or absent under SIGKILL; syncing each file (a journal
    // commit of a few ms each) would cost more than a short run. The sweep syncs at its end.
    SetDurableWrites(false);
    std::uint32_t task = 0;
    ssize_t n = 0;
    do
    {
        n = ::read(go, &task, sizeof task);
    } while (n < 0 && errno == EINTR);
    if (n != sizeof task || task >= plan.Runs().size())
    {
        ::_exit(0);
    }
    ::close(go);
    RunTask(plan.Study(), plan.Runs()[task], layout, notify);
}

} // namespace

std::string
DescribeExit(int status)
{
    if (WIFEXITED(status))
    {
        return "exit status " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status))
    {
        const int sig = WTERMSIG(status);
        return "killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
    }
    return "status " + std::to_string(status);
}

SweepRunner::SweepRunner(const StudyPlan& plan, const CampaignLayout& layout, CampaignStore* store)
    : m_plan(plan)
    , m_layout(layout)
    , m_store(store)
{
}

bool
SweepRunner::Reap(size_t task, int capture, int status, bool echoStderr, SweepOutcome& outcome)
{
    const PlannedRun& run = m_plan.Runs()[task];
    const std::string& id = run.record.run_id();
    const std::string err = capture >= 0 ? ReadAll(capture) : std::string();
    if (capture >= 0)
    {
        ::close(capture);
    }
    if (echoStderr && !err.empty())
    {
        std::cerr << err;
        std::cerr.flush();
    }
    const bool exited = WIFEXITED(status);
    const int code = exited ? WEXITSTATUS(status) : -1;
    // Done when the run is published (by this worker; or by a `--task` job elsewhere meanwhile).
    const bool done = m_layout.IsDone(id);
    if (!done && !(exited && (code == kChildRecordedInput || code == kChildRecordedFailure)))
    {
        // The worker died (a signal, an abort) or could not record its failure: record it here.
        v1::StudyRun record = run.record;
        record.set_error(std::string("the worker ") + (WIFSIGNALED(status) ? "was " : "ended with ")
                         + DescribeExit(status) + (code == kChildDone ? " without a result" : ""));
        record.set_exit_status(exited ? code : 128 + WTERMSIG(status));
        m_layout.RecordFailure(record, err);
    }
    v1::RunResult result;
    if (done)
    {
        ++outcome.done;
        try
        {
            result.ParseFromString(ReadFile(m_layout.RunDir(id) + "/result.binpb"));
            outcome.runWall_s += result.provenance().wall_time_s();
        }
        catch (const std::exception&)
        {
        }
    }
    else
    {
        ++outcome.failed;
    }
    if (m_store)
    {
        m_store->Refresh(m_plan, task, done ? &result : nullptr);
    }
    return done;
}

SweepOutcome
SweepRunner::Run(const std::vector<size_t>& tasks, int jobs, bool echoStderr)
{
    SweepOutcome outcome;
    jobs = std::max(1, jobs);
    size_t alreadyDone = 0;
    for (const auto& r : m_plan.Runs())
    {
        alreadyDone += m_layout.IsDone(r.record.run_id());
    }
    SweepProgress progress(m_plan.Runs().size(), alreadyDone, tasks.size());

    // SIGCHLD is received through a signalfd, next to the pipe on which workers say that they
    // are done: a freed slot gets its next run at once, from a standby worker forked ahead of
    // time, while the finished worker's process is still being torn down.
    sigset_t chld;
    sigset_t old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, &old);
    const int sigfd = ::signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
    int notify[2] = {-1, -1};
    if (sigfd < 0 || ::pipe2(notify, O_CLOEXEC | O_NONBLOCK) != 0)
    {
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
        throw std::runtime_error(std::string("cannot set up the workers: ") + std::strerror(errno));
    }

    struct Standby
    {
        pid_t pid;
        int go;      ///< write end: the task number
        int capture; ///< the worker's stdout/stderr
    };
    struct Worker
    {
        size_t task;
        int capture;
        bool notified; ///< said it is done (its slot is free)
    };
    std::vector<Standby> standbys;
    std::map<pid_t, Worker> active;
    int busy = 0; ///< active workers that have not said they are done
    size_t next = 0;

    auto spawnStandby = [&]()
    {
        std::cout.flush();
        std::cerr.flush();
        int go[2];
        const int capture = ::memfd_create("sagin-worker-output", MFD_CLOEXEC);
        if (capture < 0 || ::pipe2(go, O_CLOEXEC) != 0)
        {
            throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(errno));
        }
        std::vector<int> others = {go[1], notify[0], sigfd};
        for (const auto& s : standbys)
        {
            others.push_back(s.go);
            others.push_back(s.capture);
        }
        for (const auto& [pid, w] : active)
        {
            others.push_back(w.capture);
        }
        const pid_t parent = ::getpid();
        const pid_t pid = ::fork();
        if (pid < 0)
        {
            throw std::runtime_error(std::string("cannot start a worker: fork: ")
                                     + std::strerror(errno));
        }
        if (pid == 0)
        {
            StandbyMain(m_plan, m_layout, parent, go[0], capture, notify[1], others);
        }
        ::close(go[0]);
        standbys.push_back(Standby{pid, go[1], capture});
    };
    auto reapAll = [&]()
    {
        signalfd_siginfo info;
        while (::read(sigfd, &info, sizeof info) > 0)
        {
        }
        int status = 0;
        pid_t pid = 0;
        while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0)
        {
            auto it = active.find(pid);
            if (it != active.end())
            {
                const Worker w = it->second;
                busy -= w.notified ? 0 : 1;
                active.erase(it);
                Reap(w.task, w.capture, status, echoStderr, outcome);
                continue;
            }
            for (size_t i = 0; i < standbys.size(); ++i)
            {
                if (standbys[i].pid == pid)
                {
                    ::close(standbys[i].go);
                    ::close(standbys[i].capture);
                    standbys.erase(standbys.begin() + static_cast<long>(i));
                    break;
                }
            }
        }
    };
    auto shutdownStandbys = [&]()
    {
        for (const auto& s : standbys)
        {
            ::close(s.go); // end of file: the standby exits
            ::close(s.capture);
        }
        for (const auto& s : standbys)
        {
            int st = 0;
            ::waitpid(s.pid, &st, 0);
        }
        standbys.clear();
    };

    try
    {
        while (next < tasks.size() || !active.empty())
        {
            // Free slots get their runs.
            while (busy < jobs && next < tasks.size())
            {
                if (standbys.empty())
                {
                    spawnStandby();
                }
                Standby s = standbys.front();
                standbys.erase(standbys.begin());
                const std::uint32_t task = static_cast<std::uint32_t>(tasks[next++]);
                if (::write(s.go, &task, sizeof task) != sizeof task)
                {
                    throw std::runtime_error("cannot hand a run to a worker");
                }
                ::close(s.go);
                active[s.pid] = Worker{task, s.capture, false};
                ++busy;
                ++outcome.ran;
            }
            // Standby workers for the next free slots, forked while the runs run.
            while (standbys.size() < std::min<size_t>(jobs, tasks.size() - next))
            {
                spawnStandby();
            }
            progress.Update(outcome.done, outcome.failed, busy);
            pollfd fds[2] = {{notify[0], POLLIN, 0}, {sigfd, POLLIN, 0}};
            const int ready = ::poll(fds, 2, 250);
            if (ready <= 0)
            {
                continue;
            }
            if (fds[0].revents & POLLIN)
            {
                pid_t done = 0;
                while (::read(notify[0], &done, sizeof done) == sizeof done)
                {
                    auto it = active.find(done);
                    if (it != active.end() && !it->second.notified)
                    {
                        it->second.notified = true;
                        --busy;
                    }
                }
            }
            if (fds[1].revents & POLLIN)
            {
                reapAll();
            }
        }
        shutdownStandbys();
        if (m_store)
        {
            m_store->Flush();
        }
    }
    catch (...)
    {
        for (const auto& [pid, w] : active)
        {
            ::kill(pid, SIGKILL);
            ::close(w.capture);
        }
        for (const auto& s : standbys)
        {
            ::kill(s.pid, SIGKILL);
        }
        for (const auto& [pid, w] : active)
        {
            int st = 0;
            ::waitpid(pid, &st, 0);
        }
        shutdownStandbys();
        ::close(sigfd);
        ::close(notify[0]);
        ::close(notify[1]);
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
        throw;
    }
    ::close(sigfd);
    ::close(notify[0]);
    ::close(notify[1]);
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
    // One sync for every file the workers wrote.
    const int fd = ::open(m_layout.Directory().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
    {
        ::syncfs(fd);
        ::close(fd);
    }
    progress.Finish(outcome.done, outcome.failed);
    return outcome;
}

} // namespace sagin
