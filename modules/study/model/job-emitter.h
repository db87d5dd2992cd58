// Hands a study's missing runs to an existing scheduler instead of running them here: a Slurm
// job array (one array task per run) or a job list for GNU parallel (on this machine or over
// ssh). Every job runs `sagin sweep STUDY --task N --out EMITDIR/results` from the current
// folder; `sagin sweep STUDY --merge EMITDIR/results` then brings the results into the campaign.
//
// Files written into EMITDIR:
//   tasks.txt       the task numbers, one a line (array task i runs line i + 1)
//   tasks.tsv       the same with run id, standard, seed and axis values, for people
//   sweep.sbatch    (slurm) the job-array script: `sbatch EMITDIR/sweep.sbatch`
//   jobs.txt        (gnu-parallel) one shell command a line: `parallel < EMITDIR/jobs.txt`
//   README.txt      how to submit, follow and merge
#ifndef SAGIN_STUDY_JOB_EMITTER_H
#define SAGIN_STUDY_JOB_EMITTER_H

#include "study/model/study-plan.h"

#include <string>
#include <vector>

namespace sagin
{

struct EmitOptions
{
    std::string scheduler;  ///< "slurm" or "gnu-parallel"
    std::string directory;  ///< EMITDIR
    std::string binary;     ///< absolute path of the sagin executable
    std::string workingDir; ///< absolute folder the jobs start in
    std::string studyPath;  ///< as given (relative to workingDir) or absolute
};

/// Writes the files for `tasks` (indices into plan.Runs()). Returns the instructions printed
/// for the user (also in README.txt).
std::string EmitJobs(const StudyPlan& plan,
                     const std::vector<size_t>& tasks,
                     const EmitOptions& options);

/// A string quoted for a POSIX shell.
std::string ShellQuote(const std::string& s);

} // namespace sagin

#endif
