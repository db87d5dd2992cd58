// Runs the runs of a study in local worker processes: one job of the process pool
// (core/model/process-pool.h) per run, its stdout and stderr captured, at most `jobs` at a time,
// one overall progress line on stderr. A worker dies with its parent, so a killed sweep leaves no
// worker behind; a run folder appears in runs/ complete or not at all, and a failed run is
// recorded in failed/ with its error and stderr without stopping the others.
//
// Test hook: the environment variable SAGIN_STUDY_FAULT_TASKS=3,7 makes the workers of tasks
// 3 and 7 abort (SIGABRT) before running, to exercise failure handling.
#ifndef SAGIN_STUDY_SWEEP_RUNNER_H
#define SAGIN_STUDY_SWEEP_RUNNER_H

#include "core/model/process-pool.h"
#include "study/model/campaign-layout.h"
#include "study/model/campaign-store.h"
#include "study/model/study-plan.h"

#include <chrono>
#include <string>
#include <vector>

namespace sagin
{

struct SweepOutcome
{
    size_t ran = 0;       ///< runs started by this sweep
    size_t done = 0;      ///< of which finished
    size_t failed = 0;    ///< of which failed
    double runWall_s = 0; ///< sum of the finished runs' own wall times (provenance.wall_time_s)
};

class SweepRunner
{
  public:
    /// `store` may be null (no index updates: `--task`).
    SweepRunner(const StudyPlan& plan, const CampaignLayout& layout, CampaignStore* store);

    /// Runs `tasks` (indices into plan.Runs(), every one prepared) on `jobs` workers.
    /// `echoStderr`: copy each worker's captured stderr to ours when it ends (for scheduler logs).
    SweepOutcome Run(const std::vector<size_t>& tasks, int jobs, bool echoStderr = false);

  private:
    /// Handles a finished worker; returns true when its run is done.
    bool Reap(size_t task, const JobOutcome& worker, bool echoStderr, SweepOutcome& outcome);

    const StudyPlan& m_plan;
    const CampaignLayout& m_layout;
    CampaignStore* m_store;
};

} // namespace sagin

#endif
