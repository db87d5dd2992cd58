// The geometric kinds of runs, without packets: COVERAGE (`sagin coverage`, a study's COVERAGE
// runs) and PATHS (`sagin paths`, a study's PATHS runs). The commands and the sweep call these
// functions, so that one set of options gives the same numbers, files and run id either way.
// Each run folder appears complete or not at all, like RunOne().
#ifndef SAGIN_STUDY_GEOMETRIC_RUN_H
#define SAGIN_STUDY_GEOMETRIC_RUN_H

#include "coverage/model/coverage-map.h"
#include "run/model/run-engine.h"
#include "run/model/run-spec.h"
#include "sagin/v1/result.pb.h"
#include "sagin/v1/study.pb.h"

#include <ostream>
#include <string>
#include <vector>

namespace sagin
{

/// The run id of a COVERAGE run: RunSpec::RunId() plus the kind and the options that change the
/// numbers (the folder name of a study's run, provenance.run_id).
std::string CoverageRunId(const RunSpec& spec, const v1::CoverageRunOptions& options);

/// The run id of a PATHS run, likewise.
std::string PathsRunId(const RunSpec& spec, const v1::PathsRunOptions& options);

/// What changes how a coverage run works, not its numbers.
struct CoverageRunSettings
{
    bool bruteForce = false; ///< every node against every point (no spatial index)
    /// Interferers' beams summed exactly, not from the tabulated grid (CoverageEngine::
    /// SetExactInterference): the reference mode; SINR moves within the grid's 0.01 dB.
    bool exactInterference = false;
    bool maps = false; ///< availability/serving maps with gnuplot (the caller checks it exists)
    MapProjection mapProjection = MapProjection::PlateCarree; ///< of the maps
    bool progress = false;                                    ///< a progress line on stderr
};

/// One standard's coverage run.
struct CoverageRunOutput
{
    v1::RunResult result;
    std::string standard;         ///< the standard's name
    double samplingSeconds = 0.0; ///< wall time spent sampling this standard
};

/// What a coverage pass measured: one output per spec, and the sampling plan they share.
struct CoverageRunReport
{
    std::vector<CoverageRunOutput> runs;
    std::size_t points = 0;  ///< grid cells plus terminals
    std::size_t samples = 0; ///< time samples
    double step_s = 0.0;
    double resolution_deg = 0.0;
    int threads = 1;
    bool bruteForce = false;
    bool exactInterference = false;
};

/// Coverage of several standards over the same scenario (the specs come from one PrepareRuns
/// call: same scenario, one standard each) in one pass over time: the world and the node
/// positions are computed once per sample. The grid is the scenario's coverage grid with the
/// options' resolution and region (resolution default 1 deg); the run covers
/// [options.start_s, options.start_s + spec.duration_s] every options.step_s (default: the
/// scenario's coverage.step_s, else 60 s) with spec.coverageThreads worker threads. Writes into
/// `directories[i]` (replacing an older folder): coverage.csv, scenario.txtpb, standard.txtpb,
/// result.binpb and summary.json (provenance with CoverageRunId), and with settings.maps
/// availability.{png,svg} and serving.{png,svg}. Unless spec.force, InputError with the
/// estimate when the evaluations or the memory (EstimateCoverage) exceed their limits, before
/// the grid is built.
CoverageRunReport RunCoverage(const std::vector<RunSpec>& specs,
                              const v1::CoverageRunOptions& options,
                              const std::vector<std::string>& directories,
                              const CoverageRunSettings& settings = {});

/// The same for one standard (a study's run).
v1::RunResult RunCoverageOne(const RunSpec& spec,
                             const v1::CoverageRunOptions& options,
                             const std::string& directory);

/// The headline table of `sagin coverage` (one line per standard).
void WriteCoverageTable(std::ostream& os,
                        const std::string& scenarioName,
                        const CoverageRunReport& report);

enum class PathsFormat
{
    Csv,  ///< kPathsCsvHeader and one WritePathsCsvRow per sample
    Json, ///< an array of {t_s, src, dst, rtt_ms, one_way_ms, hops, path} objects
};

/// Samples the paths between the options' ground sites (options.from/to, or every pair of
/// options.all_pairs) from options.start_s for spec.duration_s every options.step_s (default: the
/// standard's routing update interval), writing one row per pair and sample to `os`. Returns the
/// result: latency.one_way_ms and rtt_ms over the reachable samples, packets.sent/received/lost
/// as samples/round trips/unreachable (no provenance). InputError for sites that are not ground
/// sites, a pair of one site, or more than 1e8 time steps; unless spec.force, InputError with the
/// estimate when pairs x steps exceeds kMaxSamples (work-estimate.h), before any sample.
v1::RunResult SamplePathsRun(const RunSpec& spec,
                             const v1::PathsRunOptions& options,
                             PathsFormat format,
                             std::ostream& os,
                             bool progress = false);

/// A study's PATHS run: SamplePathsRun into paths.csv, with scenario.txtpb, standard.txtpb,
/// result.binpb and summary.json (provenance with PathsRunId) in `directory`.
v1::RunResult RunPathsOne(const RunSpec& spec,
                          const v1::PathsRunOptions& options,
                          const std::string& directory);

} // namespace sagin

#endif
