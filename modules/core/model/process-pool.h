// The one pool of worker processes: jobs 0..N-1 each run in their own forked child (a fresh copy
// of everything the caller prepared), at most `slots` at a time, and the outcome of each is
// returned in job order whatever the order in which they end.
//
// Semantics, for every caller (`sagin run` across standards, `sagin sweep` across runs):
// - A child runs `body(job)` and exits with the status it returns; an exception escaping the
//   body is printed on the child's stderr and gives exit status 1 (kExitFailure).
// - A child that ends with a non-zero status or dies of a signal is reported with its job
//   (JobOutcome::waitStatus, DescribeExit); the other jobs go on.
// - Workers are forked ahead of time (standbys, as many as the free slots will need) and wait
//   on a pipe for their job number; a worker says that it is done before its process is torn
//   down, so a freed slot gets its next job without waiting for either.
// - Every worker is a ForkChild (atomic-file.h): a stop signal (SIGINT, SIGTERM, SIGHUP) of the
//   caller stops every worker with SIGTERM and waits for it, each worker removing its registered
//   temporaries, before the caller removes its own and dies of the signal; a worker whose parent
//   dies (even of SIGKILL) gets SIGTERM. So an interrupted command leaves nothing half-written.
// - An exception thrown by a callback in the caller kills every worker (SIGKILL), waits for them
//   and is rethrown.
#ifndef SAGIN_CORE_PROCESS_POOL_H
#define SAGIN_CORE_PROCESS_POOL_H

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace sagin
{

/// How one job's process ended.
struct JobOutcome
{
    int waitStatus = -1; ///< as waitpid() reports it; -1 when the job never ran
    std::string output;  ///< its stdout and stderr, when ProcessPoolOptions::captureOutput

    /// Exited with status 0.
    bool Succeeded() const;
    /// The exit status, or -1 when the process died of a signal (or never ran).
    int ExitCode() const;
    /// "exit status 2", "killed by signal 9 (Killed)".
    std::string Describe() const;
};

struct ProcessPoolOptions
{
    int slots = 1; ///< jobs running at once (at least 1)
    /// Each worker's stdout and stderr go to a memory file, returned in JobOutcome::output;
    /// otherwise workers write to the caller's stdout and stderr.
    bool captureOutput = false;
    /// In the caller, as each job's process ends (in the order they end), before the pool
    /// starts waiting again.
    std::function<void(std::size_t job, const JobOutcome& outcome)> onJobEnd;
    /// In the caller, after every event and at least every 250 ms: how many jobs are running.
    std::function<void(int running)> onTick;
};

/// Runs body(0), ..., body(jobs - 1), each in its own child process; returns their outcomes in
/// job order. Throws std::runtime_error when a worker cannot be started.
std::vector<JobOutcome> RunInProcessPool(std::size_t jobs,
                                         const std::function<int(std::size_t job)>& body,
                                         const ProcessPoolOptions& options);

/// In a worker with captured output: what it has written to its stdout and stderr so far.
std::string CapturedOutputSoFar();

/// Describes a wait status: "exit status 2", "killed by signal 9 (Killed)".
std::string DescribeExit(int waitStatus);

} // namespace sagin

#endif
