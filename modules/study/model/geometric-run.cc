#include "study/model/geometric-run.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/json-writer.h"
#include "core/model/progress.h"
#include "core/model/sha256.h"
#include "core/model/text-format.h"
#include "coverage/model/coverage-engine.h"
#include "coverage/model/coverage-map.h"
#include "coverage/model/coverage-point.h"
#include "metrics/model/flow-statistics.h"
#include "metrics/model/result-files.h"
#include "metrics/model/statistics.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/path-series.h"
#include "routing/model/standard-policy.h"
#include "run/model/run-engine.h"
#include "run/model/work-estimate.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <google/protobuf/text_format.h>
#include <memory>
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

/// "25°" or "25-40°" over the satellites' effective masks.
std::string
MaskText(const LinkStateBuilder& builder, LinkKind kind, v1::Node::Role role1, v1::Node::Role role2)
{
    double lo = 1e9;
    double hi = -1e9;
    const auto& nodes = builder.GetWorld().Nodes();
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        if (nodes[i].role == role1 || nodes[i].role == role2)
        {
            const double m = builder.MaskDeg(kind, static_cast<int>(i));
            lo = std::min(lo, m);
            hi = std::max(hi, m);
        }
    }
    if (lo > hi)
    {
        return "";
    }
    std::string deg = "\xC2\xB0";
    return lo == hi ? Fixed(lo, lo == std::round(lo) ? 0 : 1) + deg
                    : Fixed(lo, 0) + "-" + Fixed(hi, 0) + deg;
}

/// The standard's serving rules, for a map's title.
std::string
RulesText(const LinkStateBuilder& builder)
{
    const StandardPolicy& p = builder.Policy();
    // Only the layers the standard allows and the world has nodes for.
    bool has[4] = {false, false, false, false};
    for (const auto& n : builder.GetWorld().Nodes())
    {
        has[v1::Node::SPACE] |= n.role == v1::Node::SAT && p.Uses(n);
        has[v1::Node::AIR] |= n.role == v1::Node::HAPS || n.role == v1::Node::UAV;
        has[v1::Node::GROUND] |= n.role == v1::Node::BS;
    }
    std::vector<std::string> parts;
    if (p.layerAllowed[v1::Node::SPACE] && has[v1::Node::SPACE])
    {
        if (p.rangeVisibility)
        {
            parts.push_back("space: range <= " + Fixed(p.maxGslLength_m / 1000.0, 0) + " km");
        }
        else
        {
            std::string m = MaskText(builder, LinkKind::ServiceSpace, v1::Node::SAT, v1::Node::SAT);
            parts.push_back("space mask "
                            + (m.empty() ? Fixed(p.spaceMaskDeg, 0) + "\xC2\xB0" : m));
        }
        if (p.transparent)
        {
            parts.back() += " (bent pipe via a gateway)";
        }
    }
    if (p.layerAllowed[v1::Node::AIR] && has[v1::Node::AIR])
    {
        parts.push_back("air mask " + Fixed(p.airMaskDeg, 0) + "\xC2\xB0");
    }
    if (p.layerAllowed[v1::Node::GROUND] && has[v1::Node::GROUND])
    {
        parts.push_back("ground range " + Fixed(p.groundRange_m / 1000.0, 1) + " km");
    }
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
    {
        out += (i ? ", " : "") + parts[i];
    }
    return out;
}

/// "t = 0-24 h" or, for spans under two hours, "t = 0-600 s".
std::string
SpanText(double start, double end)
{
    if (end < 7200.0)
    {
        return "t = " + Exact(start) + "-" + Exact(end) + " s";
    }
    auto hours = [](double s)
    {
        const double h = s / 3600.0;
        return Fixed(h, h == std::round(h) ? 0 : 2);
    };
    return "t = " + hours(start) + "-" + hours(end) + " h";
}

/// One standard of a coverage pass.
struct StandardCoverage
{
    std::unique_ptr<StandardPolicy> policy;
    std::unique_ptr<LinkStateBuilder> builder;
    std::unique_ptr<CoverageEngine> engine;
    double seconds = 0.0;
};

} // namespace

std::string
CoverageRunId(const RunSpec& spec, const v1::CoverageRunOptions& c)
{
    // The options a study has always had keep their text (and so older campaigns their ids);
    // region and start_s count when set.
    std::string text = spec.RunId() + "\nkind coverage grid_deg " + Exact(c.grid_deg()) + " step_s "
                       + Exact(c.step_s()) + " no_sites " + (c.no_sites() ? "1" : "0");
    if (c.has_region())
    {
        text += " region " + c.region().ShortDebugString();
    }
    if (c.start_s() != 0.0)
    {
        text += " start_s " + Exact(c.start_s());
    }
    return Sha256Hex(text);
}

std::string
PathsRunId(const RunSpec& spec, const v1::PathsRunOptions& p)
{
    return Sha256Hex(spec.RunId() + "\nkind paths from " + p.from() + " to " + p.to()
                     + " all_pairs " + p.all_pairs() + " start_s " + Exact(p.start_s()) + " step_s "
                     + Exact(p.step_s()));
}

CoverageRunReport
RunCoverage(const std::vector<RunSpec>& specs,
            const v1::CoverageRunOptions& options,
            const std::vector<std::string>& directories,
            const CoverageRunSettings& settings)
{
    const auto wallStart = std::chrono::steady_clock::now();
    if (specs.empty() || directories.size() != specs.size())
    {
        throw std::logic_error("RunCoverage: one directory per spec");
    }
    const RunSpec& first = specs.front();
    World world = BuildWorld(first.scenario, first.scenarioDirectory, first.scenarioPath);
    std::vector<StandardCoverage> runs(specs.size());
    for (size_t i = 0; i < specs.size(); ++i)
    {
        runs[i].policy = std::make_unique<StandardPolicy>(
            ResolveStandard(specs[i].standard, world, specs[i].standardPath));
        runs[i].builder = std::make_unique<LinkStateBuilder>(world, *runs[i].policy);
    }

    // The grid: the scenario's, with the options' resolution and region.
    v1::CoverageGrid grid = first.scenario.coverage();
    if (options.grid_deg() > 0.0)
    {
        grid.set_resolution_deg(options.grid_deg());
    }
    else if (!(grid.resolution_deg() > 0.0))
    {
        grid.set_resolution_deg(1.0);
    }
    if (options.has_region())
    {
        *grid.mutable_region() = options.region();
    }
    const double start = options.start_s();
    const double duration = first.duration_s;
    double longestUpdate_s = 0.0;
    for (const auto& r : runs)
    {
        longestUpdate_s = std::max(longestUpdate_s, r.policy->updateInterval_s);
    }
    const double step
        = options.step_s() > 0.0 ? options.step_s() : CoverageStep(grid, longestUpdate_s, duration);
    {
        // The work and memory, estimated before the grid is built.
        double terminals = 0.0;
        double satellites = 0.0;
        for (const auto& n : world.Nodes())
        {
            terminals += n.role == v1::Node::UT && !options.no_sites() ? 1.0 : 0.0;
            satellites += n.role == v1::Node::SAT ? 1.0 : 0.0;
        }
        const double steps = std::floor(std::max(0.0, duration) / step) + 1.0;
        const auto refused = Refusals(EstimateCoverage(EstimateGridCells(grid) + terminals,
                                                       steps,
                                                       satellites,
                                                       static_cast<double>(specs.size())),
                                      "sagin coverage: error: ",
                                      specs.front().force);
        if (!refused.empty())
        {
            throw InputError(refused);
        }
    }
    std::vector<CoveragePoint> points = GridPoints(grid);
    if (!options.no_sites())
    {
        auto sites = TerminalPoints(world);
        points.insert(points.end(), sites.begin(), sites.end());
    }
    const auto samples = CoverageSampleTimes(start, duration, step);
    const int threads = std::max(1, first.coverageThreads);
    for (auto& r : runs)
    {
        r.engine = std::make_unique<CoverageEngine>(*r.builder, points, threads);
        r.engine->SetBruteForce(settings.bruteForce);
        r.engine->SetExactInterference(settings.exactInterference);
    }

    // One pass over time; every standard sees the same positions (site failures come from the
    // scenario, so they are the same for every standard).
    std::vector<Vec3> positions;
    std::unique_ptr<Progress> progress;
    if (settings.progress)
    {
        progress = std::make_unique<Progress>("coverage", samples.size());
    }
    for (size_t k = 0; k < samples.size(); ++k)
    {
        runs.front().builder->Positions(samples[k].t_s, positions);
        for (auto& r : runs)
        {
            const auto t0 = std::chrono::steady_clock::now();
            r.engine->Sample(samples[k].t_s, positions, samples[k].weight_s);
            r.seconds
                += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
        if (progress)
        {
            progress->Update(k + 1);
        }
    }
    if (progress)
    {
        progress->Finish();
    }

    CoverageRunReport report;
    report.points = points.size();
    report.samples = samples.size();
    report.step_s = step;
    report.resolution_deg = grid.resolution_deg();
    report.threads = threads;
    report.bruteForce = settings.bruteForce;
    report.exactInterference = settings.exactInterference;
    for (size_t i = 0; i < runs.size(); ++i)
    {
        const RunSpec& spec = specs[i];
        StandardCoverage& r = runs[i];
        CoverageRunOutput out;
        out.standard = r.policy->name;
        out.samplingSeconds = r.seconds;
        StartResult(spec, out.result);
        out.result.set_duration_s(r.engine->SampledTime());
        r.engine->FillSummary(*out.result.mutable_coverage());

        RunDirectory dir(directories[i]);
        const std::string tmp = Folder(dir);
        {
            AtomicFile csv(dir.File("coverage.csv"));
            r.engine->WriteCsv(csv.Stream());
            csv.Commit();
        }
        if (settings.maps)
        {
            const double lonMin = grid.has_region() ? grid.region().lon_min_deg() : -180.0;
            std::ostringstream title;
            title << out.standard << " on " << spec.scenario.name() << ": " << RulesText(*r.builder)
                  << "; " << SpanText(start, start + duration) << " every " << Exact(step) << " s; "
                  << Exact(grid.resolution_deg()) << "\xC2\xB0 equal-area grid";
            WriteCoverageMaps(*r.engine, tmp, lonMin, title.str(), start, settings.mapProjection);
        }
        WriteResolvedInputs(spec, tmp);
        FillRunProvenance(spec, CoverageRunId(spec, options), wallStart, out.result);
        WriteResultFiles(tmp, out.result);
        dir.Commit();
        report.runs.push_back(std::move(out));
    }
    return report;
}

v1::RunResult
RunCoverageOne(const RunSpec& spec,
               const v1::CoverageRunOptions& options,
               const std::string& directory)
{
    return RunCoverage({spec}, options, {directory}).runs.front().result;
}

void
WriteCoverageTable(std::ostream& os,
                   const std::string& scenarioName,
                   const CoverageRunReport& report)
{
    const auto& front = report.runs.front().result.coverage();
    os << "coverage of " << scenarioName << ": " << report.points << " points (" << front.cells()
       << " cells of " << Exact(report.resolution_deg) << " deg, " << front.terminals()
       << " terminals), " << report.samples << " samples of " << Exact(report.step_s) << " s, "
       << report.threads << " threads" << (report.bruteForce ? ", brute force" : "")
       << (report.exactInterference ? ", exact interference" : "") << "\n";
    size_t nameWidth = 8;
    for (const auto& r : report.runs)
    {
        nameWidth = std::max(nameWidth, r.standard.size());
    }
    auto cell = [](std::string text, size_t width)
    {
        return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
    };
    // Spot beams: SINR coverage next to visibility (only when some standard has beams).
    const bool sinr = std::any_of(report.runs.begin(),
                                  report.runs.end(),
                                  [](const auto& r)
                                  {
                                      return r.result.coverage().has_sinr();
                                  });
    std::string header = "standard";
    header.resize(nameWidth, ' ');
    os << header << cell("area", 8) << cell("pop.", 8) << cell("p5", 7) << cell("p50", 7)
       << cell("serving", 9) << cell("longest outage", 16) << cell("time (s)", 10);
    if (sinr)
    {
        os << cell("SINR area", 10) << cell("SINR p5", 9) << cell("p50", 7) << cell("p95", 7);
    }
    os << "\n";
    for (const auto& r : report.runs)
    {
        const auto& c = r.result.coverage();
        std::string name = r.standard;
        name.resize(nameWidth, ' ');
        // Statistics without data (no cells, no terminals) print as n/a.
        auto num = [](bool has, double v, int digits, const char* unit)
        {
            return has ? Fixed(v, digits) + unit : std::string("n/a");
        };
        os << name << cell(num(c.has_area_fraction(), 100.0 * c.area_fraction(), 1, "%"), 8)
           << cell(num(c.has_population_fraction(), 100.0 * c.population_fraction(), 1, "%"), 8)
           << cell(num(c.has_cell_availability_p5(), c.cell_availability_p5(), 3, ""), 7)
           << cell(num(c.has_cell_availability_p50(), c.cell_availability_p50(), 3, ""), 7)
           << cell(num(c.has_mean_serving_nodes(), c.mean_serving_nodes(), 2, ""), 9)
           << cell(c.has_longest_outage_s() ? FormatDuration(c.longest_outage_s()) : "n/a", 16)
           << cell(Fixed(r.samplingSeconds, 2), 10);
        if (sinr)
        {
            const auto& q = c.sinr();
            os << cell(num(q.has_area_fraction(), 100.0 * q.area_fraction(), 1, "%"), 10)
               << cell(num(q.has_sinr_p5_db(), q.sinr_p5_db(), 1, ""), 9)
               << cell(num(q.has_sinr_p50_db(), q.sinr_p50_db(), 1, ""), 7)
               << cell(num(q.has_sinr_p95_db(), q.sinr_p95_db(), 1, ""), 7);
        }
        os << "\n";
    }
    os << "area: grid, area-weighted; pop.: terminals, population-weighted; p5, p50: cell "
          "availability by area;\nserving: mean nodes able to serve a cell; time: seconds of "
          "sampling\n";
    if (sinr)
    {
        os << "SINR area: area-weighted share of cell time with downlink SINR >= the standard's "
              "threshold (spot beams); SINR p5, p50, p95: cell SINR (dB) over area and time\n";
    }
    // The population weights rest on the terminals that give a population (same world for all).
    if (front.has_population_fraction() && front.population_terminals() < front.terminals())
    {
        os << "pop.: over the " << front.population_terminals() << " of " << front.terminals()
           << " terminals that give a population (the others weigh 0)\n";
    }
}

v1::RunResult
SamplePathsRun(const RunSpec& spec,
               const v1::PathsRunOptions& options,
               PathsFormat format,
               std::ostream& os,
               bool progress)
{
    World world = BuildWorld(spec.scenario, spec.scenarioDirectory, spec.scenarioPath);
    StandardPolicy policy = ResolveStandard(spec.standard, world, spec.standardPath);

    std::vector<std::pair<int, int>> pairs;
    std::vector<int> destinations;
    if (!options.all_pairs().empty())
    {
        destinations = ResolveSiteList(world, options.all_pairs(), "paths.all_pairs");
        for (int n : destinations)
        {
            if (world.Nodes()[n].layer != v1::Node::GROUND)
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
    if (!(step > 0.0) || !std::isfinite(step))
    {
        throw InputError("paths.step_s: must be > 0, got " + Exact(step));
    }
    if (duration / step > 1e8)
    {
        throw InputError("paths.step_s: more than 1e8 time steps; raise it");
    }
    const long steps = static_cast<long>(std::floor(duration / step + 1e-9));
    const auto refused
        = Refusals({EstimateSamples("path samples",
                                    static_cast<double>(pairs.size()),
                                    static_cast<double>(steps + 1),
                                    std::to_string(pairs.size()) + " pairs x "
                                        + std::to_string(steps + 1) + " time steps")},
                   "",
                   spec.force);
    if (!refused.empty())
    {
        throw InputError(refused);
    }

    SeedRandomStreams(spec.seed); // channel draws (a standard's RANDOM draws), as in a run
    TopologyController controller(world, policy, destinations);
    const bool csv = format == PathsFormat::Csv;
    JsonWriter json(os);
    if (csv)
    {
        os << kPathsCsvHeader;
    }
    else
    {
        json.BeginArray(JsonWriter::Layout::Rows);
    }
    std::unique_ptr<Progress> bar;
    if (progress)
    {
        bar = std::make_unique<Progress>("paths", steps + 1);
    }
    const auto& nodes = world.Nodes();
    std::vector<double> oneWay;
    std::vector<double> rtt;
    std::uint64_t samples = 0;
    std::uint64_t reachable = 0;
    SamplePaths(
        controller,
        pairs,
        options.start_s(),
        step,
        steps,
        [&](const PathSample& s)
        {
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
            if (csv)
            {
                WritePathsCsvRow(os, world, s);
                return;
            }
            const bool reached = s.forward.reachable;
            json.BeginObject().Key("t_s").Number(s.t_s, 3);
            json.Key("src").String(nodes[s.src].name).Key("dst").String(nodes[s.dst].name);
            json.Key("rtt_ms").Number(s.RoundTrip() ? s.Rtt_s() * 1e3 : std::nan(""), 6);
            json.Key("one_way_ms").Number(reached ? s.forward.Latency() * 1e3 : std::nan(""), 6);
            json.Key("hops").Unsigned(reached ? s.forward.links.size() : 0);
            json.Key("path").BeginArray();
            for (size_t i = 0; i < s.forward.nodes.size() && reached; ++i)
            {
                json.String(nodes[s.forward.nodes[i]].name);
            }
            json.EndArray().EndObject();
        },
        [&](long k)
        {
            if (bar)
            {
                bar->Update(k + 1);
            }
        });
    if (!csv)
    {
        json.EndArray();
        os << '\n';
    }
    if (bar)
    {
        bar->Finish();
    }

    v1::RunResult result;
    StartResult(spec, result);
    result.set_duration_s(duration);
    Summarize(oneWay, *result.mutable_latency()->mutable_one_way_ms());
    Summarize(rtt, *result.mutable_latency()->mutable_rtt_ms());
    // Path samples count as packets: reachable ones as delivered.
    SetPacketCounts(samples, reachable, *result.mutable_packets());
    return result;
}

v1::RunResult
RunPathsOne(const RunSpec& spec, const v1::PathsRunOptions& options, const std::string& directory)
{
    const auto wallStart = std::chrono::steady_clock::now();
    RunDirectory dir(directory);
    AtomicFile csv(dir.File("paths.csv"));
    v1::RunResult result = SamplePathsRun(spec, options, PathsFormat::Csv, csv.Stream());
    csv.Commit();
    const std::string tmp = Folder(dir);
    WriteResolvedInputs(spec, tmp);
    FillRunProvenance(spec, PathsRunId(spec, options), wallStart, result);
    WriteResultFiles(tmp, result);
    dir.Commit();
    return result;
}

} // namespace sagin
