#include "study/model/sweep-runner.h"

#include "core/model/test-hooks.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "run/model/run-engine.h"
#include "study/model/geometric-run.h"
#include "study/model/sweep-progress.h"

#include <cstdlib>
#include <fcntl.h>
#include <iostream>
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

/// Runs one task in a worker process: publishes the run (or records its failure); returns the
/// worker's exit status.
int
RunTask(const v1::Study& study, const PlannedRun& run, const CampaignLayout& layout)
{
    Progress::SetEnabled(false);
    // Renames keep every folder complete or absent under SIGKILL; syncing each file (a journal
    // commit of a few ms each) would cost more than a short run. The sweep syncs at its end.
    SetDurableWrites(false);
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
            layout.RecordFailure(record, CapturedOutputSoFar());
        }
        catch (const std::exception& e)
        {
            std::cerr << "sagin sweep: cannot record the failure: " << e.what() << "\n";
            std::cerr.flush();
            return 3;
        }
    }
    return status;
}

} // namespace

SweepRunner::SweepRunner(const StudyPlan& plan, const CampaignLayout& layout, CampaignStore* store)
    : m_plan(plan)
    , m_layout(layout)
    , m_store(store)
{
}

bool
SweepRunner::Reap(size_t task, const JobOutcome& worker, bool echoStderr, SweepOutcome& outcome)
{
    const PlannedRun& run = m_plan.Runs()[task];
    const std::string& id = run.record.run_id();
    const std::string& err = worker.output;
    if (echoStderr && !err.empty())
    {
        std::cerr << err;
        std::cerr.flush();
    }
    const int status = worker.waitStatus;
    const bool exited = WIFEXITED(status);
    const int code = worker.ExitCode();
    // Done when the run is published (by this worker; or by a `--task` job elsewhere meanwhile).
    const bool done = m_layout.IsDone(id);
    if (!done && !(exited && (code == kChildRecordedInput || code == kChildRecordedFailure)))
    {
        // The worker died (a signal, an abort) or could not record its failure: record it here.
        v1::StudyRun record = run.record;
        record.set_error(std::string("the worker ") + (WIFSIGNALED(status) ? "was " : "ended with ")
                         + worker.Describe() + (code == kChildDone ? " without a result" : ""));
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
    size_t alreadyDone = 0;
    for (const auto& r : m_plan.Runs())
    {
        alreadyDone += m_layout.IsDone(r.record.run_id());
    }
    SweepProgress progress(m_plan.Runs().size(), alreadyDone, tasks.size());

    // One worker process per run (its output captured, for failed/ and --echo), from the pool.
    ProcessPoolOptions pool;
    pool.slots = jobs;
    pool.captureOutput = true;
    pool.onJobEnd = [&](size_t i, const JobOutcome& worker)
    {
        Reap(tasks[i], worker, echoStderr, outcome);
    };
    pool.onTick = [&](int running)
    {
        progress.Update(outcome.done, outcome.failed, running);
    };
    outcome.ran = tasks.size();
    RunInProcessPool(
        tasks.size(),
        [&](size_t i)
        {
            return RunTask(m_plan.Study(), m_plan.Runs()[tasks[i]], m_layout);
        },
        pool);
    if (m_store)
    {
        m_store->Flush();
    }
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
