#include "study/model/sweep-runner.h"

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
#include <set>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sagin
{

namespace
{

/// Child exit statuses: the run is published, or its failure is recorded by the child itself.
constexpr int kChildDone = 0;
constexpr int kChildRecordedInput = kExitBadInput; // 2
constexpr int kChildRecordedFailure = kExitFailure; // 1

std::string
StderrPath(const CampaignLayout& layout, const std::string& runId, pid_t pid)
{
    const std::string staging = layout.StagingPath(runId);
    return staging.substr(0, staging.find_last_of('.')) + "." + std::to_string(pid) + ".stderr";
}

std::string
ReadOrEmpty(const std::string& path)
{
    try
    {
        return ReadFile(path);
    }
    catch (const std::exception&)
    {
        return "";
    }
}

std::set<size_t>
FaultTasks()
{
    std::set<size_t> tasks;
    if (const char* env = std::getenv("SAGIN_STUDY_FAULT_TASKS"))
    {
        std::istringstream in(env);
        std::string item;
        while (std::getline(in, item, ','))
        {
            if (!item.empty())
            {
                tasks.insert(std::strtoul(item.c_str(), nullptr, 10));
            }
        }
    }
    return tasks;
}

/// The body of a worker process. Never returns.
[[noreturn]] void
WorkerMain(const v1::Study& study, const PlannedRun& run, const CampaignLayout& layout, pid_t parent)
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

    const std::string& id = run.record.run_id();
    const std::string errPath = StderrPath(layout, id, ::getpid());
    const int fd = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0)
    {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::close(fd);
    }
    Progress::SetEnabled(false);
    // Renames keep every folder complete or absent under SIGKILL; syncing each file (a journal
    // commit of a few ms each) would cost more than a short run. The sweep syncs at its end.
    SetDurableWrites(false);
    if (FaultTasks().count(run.record.task()))
    {
        std::cerr << "sagin sweep: injected fault (SAGIN_STUDY_FAULT_TASKS) in " << DescribeRun(run.record) << "\n";
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
        case v1::COVERAGE:
            RunCoverageOne(run.spec, study.coverage(), id, staged);
            break;
        case v1::PATHS:
            RunPathsOne(run.spec, study.paths(), id, staged);
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
            layout.RecordFailure(record, ReadOrEmpty(errPath));
        }
        catch (const std::exception& e)
        {
            std::cerr << "sagin sweep: cannot record the failure: " << e.what() << "\n";
            std::cerr.flush();
            ::_exit(3);
        }
    }
    ::_exit(status);
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
    : m_plan(plan),
      m_layout(layout),
      m_store(store)
{
}

pid_t
SweepRunner::Launch(size_t task)
{
    std::cout.flush();
    std::cerr.flush();
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
    {
        throw std::runtime_error(std::string("cannot start a worker: fork: ") + std::strerror(errno));
    }
    if (pid == 0)
    {
        WorkerMain(m_plan.Study(), m_plan.Runs()[task], m_layout, parent);
    }
    return pid;
}

bool
SweepRunner::Reap(size_t task, pid_t pid, int status, bool echoStderr, SweepOutcome& outcome)
{
    const PlannedRun& run = m_plan.Runs()[task];
    const std::string& id = run.record.run_id();
    const std::string errPath = StderrPath(m_layout, id, pid);
    const std::string err = ReadOrEmpty(errPath);
    if (echoStderr && !err.empty())
    {
        std::cerr << err;
        std::cerr.flush();
    }
    const bool exited = WIFEXITED(status);
    const int code = exited ? WEXITSTATUS(status) : -1;
    bool done = exited && code == kChildDone && m_layout.IsDone(id);
    if (!done && !(exited && (code == kChildRecordedInput || code == kChildRecordedFailure)))
    {
        // The worker died (a signal, an abort) or could not record its failure: record it here.
        v1::StudyRun record = run.record;
        record.set_error(std::string("the worker ") + (WIFSIGNALED(status) ? "was " : "ended with ") +
                         DescribeExit(status) + (code == kChildDone ? " without a result" : ""));
        record.set_exit_status(exited ? code : 128 + WTERMSIG(status));
        m_layout.RecordFailure(record, err);
    }
    std::error_code ec;
    std::filesystem::remove(errPath, ec);
    if (done)
    {
        ++outcome.done;
        try
        {
            v1::RunResult result;
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
        m_store->Refresh(m_plan, task);
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

    // SIGCHLD stays blocked and is waited for with a timeout: a finished worker is replaced at
    // once, and the progress line still refreshes during long runs.
    sigset_t chld;
    sigset_t old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, &old);

    std::map<pid_t, size_t> running;
    size_t next = 0;
    auto fill = [&]() {
        while (static_cast<int>(running.size()) < jobs && next < tasks.size())
        {
            const size_t task = tasks[next++];
            running[Launch(task)] = task;
            ++outcome.ran;
        }
    };
    struct Finished
    {
        size_t task;
        pid_t pid;
        int status;
    };
    try
    {
        while (next < tasks.size() || !running.empty())
        {
            fill();
            progress.Update(outcome.done, outcome.failed, running.size());
            std::vector<Finished> finished;
            int status = 0;
            pid_t pid = 0;
            while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0)
            {
                auto it = running.find(pid);
                if (it != running.end())
                {
                    finished.push_back({it->second, pid, status});
                    running.erase(it);
                }
            }
            if (finished.empty())
            {
                timespec timeout{0, 250000000};
                ::sigtimedwait(&chld, nullptr, &timeout);
                continue;
            }
            // Replacements start before the bookkeeping of the finished workers.
            fill();
            for (const auto& f : finished)
            {
                Reap(f.task, f.pid, f.status, echoStderr, outcome);
            }
        }
    }
    catch (...)
    {
        for (const auto& [pid, task] : running)
        {
            ::kill(pid, SIGKILL);
            int st = 0;
            ::waitpid(pid, &st, 0);
        }
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
        throw;
    }
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
