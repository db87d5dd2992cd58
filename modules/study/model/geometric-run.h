// The geometric kinds of study runs, without packets: COVERAGE (what `sagin coverage` measures,
// for one standard) and PATHS (what `sagin paths` measures). Each writes a run folder that
// appears complete or not at all, like RunOne().
#ifndef SAGIN_STUDY_GEOMETRIC_RUN_H
#define SAGIN_STUDY_GEOMETRIC_RUN_H

#include "run/model/run-engine.h"
#include "run/model/run-spec.h"
#include "sagin/v1/result.pb.h"
#include "sagin/v1/study.pb.h"

#include <string>

namespace sagin
{

/// Coverage over the scenario's grid (and its user terminals) for the run's duration. Writes
/// coverage.csv, scenario.txtpb, standard.txtpb, result.binpb and summary.json into `directory`.
v1::RunResult RunCoverageOne(const RunSpec& spec,
                             const v1::CoverageRunOptions& options,
                             const std::string& runId,
                             const std::string& directory);

/// Path latency between ground sites over time. Writes paths.csv (the columns of `sagin paths`),
/// scenario.txtpb, standard.txtpb, result.binpb and summary.json into `directory`.
v1::RunResult RunPathsOne(const RunSpec& spec,
                          const v1::PathsRunOptions& options,
                          const std::string& runId,
                          const std::string& directory);


} // namespace sagin

#endif
