// How much work a command is about to do, estimated from its inputs before anything starts, and
// the limits above which it refuses (exit status 2, with the estimate) unless given --force.
// One place for every command's estimate and limit.
#ifndef SAGIN_RUN_WORK_ESTIMATE_H
#define SAGIN_RUN_WORK_ESTIMATE_H

#include "sagin/v1/standard.pb.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/world.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sagin
{

/// Packet-level run: simulated events (packets sent by every flow, plus one topology update of
/// every node per routing update interval) over duration + drain. About 1e6 events take a
/// second on one core: 1e9 is a quarter of an hour and more.
constexpr double kMaxRunEvents = 1e9;
/// Nodes in one world (satellites, platforms, sites): every command keeps a state per node per
/// step.
constexpr double kMaxWorldNodes = 1e5;
/// Runs of one study (product of its axes, times its seeds and standards).
constexpr double kMaxStudyRuns = 1e5;
/// Rows of a time series written or kept per (node or pair, time step): `ephemeris` positions,
/// `paths` samples. A row is about 100 bytes of CSV: 1e8 rows are 10 GB of output.
constexpr double kMaxSamples = 1e8;
/// Coverage: (grid cell or terminal) x time step x satellite evaluations, counted without the
/// spatial index (an upper bound of the work). The default 1 deg global grid, an hour every 60 s
/// and 1584 satellites is 4e9.
constexpr double kMaxCoverageEvaluations = 1e12;
/// Memory a command is about to allocate for its points and their statistics.
constexpr double kMaxMemoryBytes = 4e9;
/// Memory of one coverage point (grid cell or terminal): the point and its geometry, plus its
/// statistics and result per standard. Measured as peak RSS differences of `sagin coverage
/// --region -90,90,-180,180 --duration 0 --no-maps` between --grid-deg 0.5 and 0.2 (165031 and
/// 1031347 points): 459 bytes per point with one standard, 720 with two.
constexpr double kCoverageBytesPerPoint = 200;
constexpr double kCoverageBytesPerPointAndStandard = 260;

/// One estimate against its limit.
struct WorkEstimate
{
    std::string what;  ///< e.g. "simulated events"
    double amount = 0; ///< the estimate
    double limit = 0;  ///< the documented limit
    std::string how;   ///< how the estimate was made, for the message

    bool Exceeds() const
    {
        return !(amount <= limit);
    }
    /// "<what>: about <amount> (<how>), above the limit of <limit>; pass --force to run anyway".
    std::string Message() const;
};

/// The world's size.
WorkEstimate EstimateWorldNodes(const World& world);

/// The world's size from the scenario alone, before it is built: Walker shells' total_satellites,
/// GEO longitudes, platforms, fleets' counts, ground sites and the site sets' sizes (SiteSetSize,
/// the generator's own count). TLE shells count their max_satellites, or their
/// inline text's line pairs; a TLE file counts after the build (EstimateWorldNodes).
WorkEstimate EstimateScenarioNodes(const v1::Scenario& scenario);

/// Rows of a time series: `rows` nodes or pairs x `steps` time steps ("ephemeris positions",
/// "path samples").
WorkEstimate EstimateSamples(const std::string& what,
                             double rows,
                             double steps,
                             const std::string& how);

/// A coverage pass: `points` (cells and terminals) x `steps` x `satellites` evaluations, and the
/// memory of `points` points under `standards` standards.
std::vector<WorkEstimate> EstimateCoverage(double points,
                                           double steps,
                                           double satellites,
                                           double standards);

/// The number of cells of an equal-area grid of height `resolution_deg` over the region (the
/// globe when absent): the region's area over one cell's, within a few per cent of GridPoints.
double EstimateGridCells(const v1::CoverageGrid& grid);

/// The messages of the estimates that exceed their limits (none with `force`), each prefixed
/// with `where` (e.g. "sagin coverage: error: ").
std::vector<std::string> Refusals(const std::vector<WorkEstimate>& estimates,
                                  const std::string& where,
                                  bool force);

/// A packet-level run of `world` under `standard` for `duration_s` (the traffic's flows as
/// planned), including the scenario's drain time.
WorkEstimate EstimateRunEvents(const World& world,
                               const v1::Standard& standard,
                               const std::vector<PlannedFlow>& flows,
                               double duration_s);

/// A study's run count (a double: the product of its axes may exceed any integer).
WorkEstimate EstimateStudyRuns(double runs, const std::string& how);

} // namespace sagin

#endif
