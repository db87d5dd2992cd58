#include "study/model/geometric-run.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/text-format.h"
#include "coverage/model/coverage-engine.h"
#include "coverage/model/coverage-point.h"
#include "metrics/model/result-files.h"
#include "metrics/model/statistics.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/standard-policy.h"
#include "routing/model/path-series.h"
#include "run/model/run-engine.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/world.h"

#include <chrono>
#include <cmath>
#include <google/protobuf/text_format.h>
#include <sstream>

namespace sagin
{

namespace
{

std::string
Folder(const RunDirectory& dir)
{
    std::string tmp = dir.File("");
    tmp.pop_back();
    return tmp;
}

void
StartResult(const RunSpec& spec, v1::RunResult& result)
{
    result.set_schema_version(kRunResultSchema);
    result.set_standard(spec.standard.name());
    result.set_scenario(spec.scenario.name());
    result.set_seed(spec.seed);
}

} // namespace

v1::RunResult
RunCoverageOne(const RunSpec& spec,
               const v1::CoverageRunOptions& options,
               const std::string& runId,
               const std::string& directory)
{
    const auto wallStart = std::chrono::steady_clock::now();
    World world = BuildWorld(spec.scenario, spec.scenarioDirectory, spec.scenarioPath);
    StandardPolicy policy = ResolveStandard(spec.standard, world, spec.standardPath);
    LinkStateBuilder builder(world, policy);

    v1::CoverageGrid grid = spec.scenario.coverage();
    if (options.grid_deg() > 0.0)
    {
        grid.set_resolution_deg(options.grid_deg());
    }
    else if (!(grid.resolution_deg() > 0.0))
    {
        grid.set_resolution_deg(1.0);
    }
    std::vector<CoveragePoint> points = GridPoints(grid);
    if (!options.no_sites())
    {
        auto sites = TerminalPoints(world);
        points.insert(points.end(), sites.begin(), sites.end());
    }
    const double duration = spec.duration_s;
    const double step
        = options.step_s() > 0.0 ? options.step_s() : (grid.step_s() > 0.0 ? grid.step_s() : 60.0);
    CoverageEngine engine(builder, points, std::max(1, spec.coverageThreads));
    std::vector<Vec3> positions;
    for (const auto& sample : CoverageSampleTimes(0.0, duration, step))
    {
        builder.Positions(sample.t_s, positions);
        engine.Sample(sample.t_s, positions, sample.weight_s);
    }

    v1::RunResult result;
    StartResult(spec, result);
    result.set_duration_s(engine.SampledTime());
    engine.FillSummary(*result.mutable_coverage());

    RunDirectory dir(directory);
    const std::string tmp = Folder(dir);
    {
        AtomicFile csv(dir.File("coverage.csv"));
        engine.WriteCsv(csv.Stream());
        csv.Commit();
    }
    WriteResolvedInputs(spec, tmp);
    FillRunProvenance(spec, runId, wallStart, result);
    WriteResultFiles(tmp, result);
    dir.Commit();
    return result;
}

v1::RunResult
RunPathsOne(const RunSpec& spec,
            const v1::PathsRunOptions& options,
            const std::string& runId,
            const std::string& directory)
{
    const auto wallStart = std::chrono::steady_clock::now();
    World world = BuildWorld(spec.scenario, spec.scenarioDirectory, spec.scenarioPath);
    StandardPolicy policy = ResolveStandard(spec.standard, world, spec.standardPath);

    std::vector<std::pair<int, int>> pairs;
    std::vector<int> destinations;
    if (!options.all_pairs().empty())
    {
        destinations = ResolveSiteList(world, options.all_pairs(), "paths.all_pairs");
        for (int n : destinations)
        {
            if (world.Nodes()[n].layer != v1::GROUND)
            {
                throw InputError("paths.all_pairs: '" + world.Nodes()[n].name
                                 + "' is not a ground site");
            }
        }
        pairs = AllPairs(destinations);
        if (pairs.empty())
        {
            throw InputError("paths.all_pairs: the set needs at least two sites");
        }
    }
    else
    {
        const int a = GroundSiteNamed(world, options.from(), "paths.from");
        const int b = GroundSiteNamed(world, options.to(), "paths.to");
        if (a == b)
        {
            throw InputError("paths: from and to name the same site");
        }
        pairs.emplace_back(a, b);
        destinations = {a, b};
    }
    const double step = options.step_s() > 0.0 ? options.step_s() : policy.updateInterval_s;
    const double duration = spec.duration_s;
    if (duration / step > 1e8)
    {
        throw InputError("paths.step_s: more than 1e8 time steps; raise it");
    }
    const long steps = static_cast<long>(std::floor(duration / step + 1e-9));

    TopologyController controller(world, policy, destinations);
    RunDirectory dir(directory);
    AtomicFile csv(dir.File("paths.csv"));
    std::ostream& os = csv.Stream();
    os << kPathsCsvHeader;
    std::vector<double> oneWay;
    std::vector<double> rtt;
    std::uint64_t samples = 0;
    std::uint64_t reachable = 0;
    SamplePaths(controller, pairs, options.start_s(), step, steps, [&](const PathSample& s) {
        WritePathsCsvRow(os, world, s);
        if (s.RoundTrip())
        {
            rtt.push_back(s.Rtt_s() * 1e3);
            ++reachable;
        }
        if (s.forward.reachable)
        {
            oneWay.push_back(s.forward.Latency() * 1e3);
        }
        ++samples;
    });
    csv.Commit();

    v1::RunResult result;
    StartResult(spec, result);
    result.set_duration_s(duration);
    Summarize(oneWay, *result.mutable_latency()->mutable_one_way_ms());
    Summarize(rtt, *result.mutable_latency()->mutable_rtt_ms());
    auto* p = result.mutable_packets();
    p->set_sent(samples);
    p->set_received(reachable);
    p->set_lost(samples - reachable);
    if (samples > 0)
    {
        p->set_loss_fraction(static_cast<double>(samples - reachable) / samples);
        p->set_delivered_fraction(static_cast<double>(reachable) / samples);
    }
    const std::string tmp = Folder(dir);
    WriteResolvedInputs(spec, tmp);
    FillRunProvenance(spec, runId, wallStart, result);
    WriteResultFiles(tmp, result);
    dir.Commit();
    return result;
}

} // namespace sagin
