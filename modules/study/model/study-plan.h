// A study expanded into its runs: the study file loaded and checked (every error at once, each
// naming its field path), the cartesian product of the axes, standards and seeds, and each run's
// resolved inputs and id.
#ifndef SAGIN_STUDY_STUDY_PLAN_H
#define SAGIN_STUDY_STUDY_PLAN_H

#include "run/model/run-spec.h"
#include "sagin/v1/study.pb.h"

#include <string>
#include <vector>

namespace sagin
{

/// One axis of a study, checked.
struct StudyAxis
{
    std::string name;                ///< column name
    std::string path;                ///< rooted path as written
    std::string root;                ///< "scenario" or "standard"
    std::string standard;            ///< standard roots: a standard's name, or "*"
    std::string field;               ///< the path below the root
    std::vector<std::string> values; ///< as applied with SetField

    /// True for axes that apply to every standard (scenario.* and standard.*.*): they define the
    /// scenario variant that runs are aligned on; the others belong to one standard.
    bool Shared() const
    {
        return root == "scenario" || standard == "*";
    }
};

/// One run of the expansion.
struct PlannedRun
{
    v1::StudyRun record;      ///< id, task, kind, standard, seed, axis values, overrides
    std::string standardPath; ///< the standard's file
    RunSpec spec;             ///< resolved inputs (when prepared)
    bool prepared = false;
};

class StudyPlan
{
  public:
    /// Loads and checks `studyPath`, expands it and prepares (resolves and validates) every run,
    /// or only run `onlyTask` when it is >= 0. Throws InputError listing every problem; a study
    /// of more runs than kMaxStudyRuns (work-estimate.h) is refused before its expansion unless
    /// `force`.
    explicit StudyPlan(const std::string& studyPath, long onlyTask = -1, bool force = false);

    const v1::Study& Study() const
    {
        return m_study;
    }

    const std::string& Name() const
    {
        return m_name;
    }

    const std::string& StudyPath() const
    {
        return m_studyPath;
    }

    /// The study's output_directory, or results/studies/<name>.
    std::string DefaultOutputDirectory() const;

    const std::vector<StudyAxis>& Axes() const
    {
        return m_axes;
    }

    const std::vector<PlannedRun>& Runs() const
    {
        return m_runs;
    }

    /// Index of the run with this id, or -1.
    long Find(const std::string& runId) const;

    /// The validation warnings of the prepared runs (each run's copy is in its
    /// provenance.warnings), each once, in order of first appearance, with the number of runs it
    /// concerns when that is not every prepared run: "<warning> (3 of 12 runs)".
    std::vector<std::string> Warnings() const;

  private:
    void Check(const std::string& studyPath);
    void Expand();
    void Prepare(long onlyTask);

    v1::Study m_study;
    std::string m_studyPath;
    std::string m_name;
    std::string m_scenarioPath;
    std::vector<std::string> m_standardPaths;
    std::vector<std::string> m_standardNames;
    std::vector<StudyAxis> m_axes;
    std::vector<std::uint64_t> m_seeds; ///< empty: the scenario's seed
    std::uint64_t m_baseSeed = 1;
    std::vector<std::string> m_overrides; ///< fixed overrides, as written
    std::vector<PlannedRun> m_runs;
    /// Distinct warnings of the prepared runs and how many runs give each (Warnings()).
    std::vector<std::pair<std::string, size_t>> m_warnings;
    size_t m_prepared = 0;
    /// Errors Check() found in the study itself; reported by Prepare() with the runs' errors.
    std::vector<std::string> m_checkErrors;
    bool m_force = false;
};

/// The run id of a prepared run of a study: RunSpec::RunId() for RUN studies; for COVERAGE and
/// PATHS studies the SHA-256 of that id, the kind and the kind's options.
std::string StudyRunId(const v1::Study& study, const RunSpec& spec);

/// A short description of a run for messages: "task 3 (ntn-x, seed 2, altitude_km=550)".
std::string DescribeRun(const v1::StudyRun& run);

/// Column names of the campaign table that axes may not take.
bool IsReservedColumn(const std::string& name);

} // namespace sagin

#endif
