// `sagin coverage`: coverage over an equal-area grid and the scenario's user terminals over
// time, per layer and combined, for one or more standards (no packets).
#include "cli/commands.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "core/model/sha256.h"
#include "core/model/text-format.h"
#include "coverage/model/coverage-engine.h"
#include "coverage/model/coverage-map.h"
#include "coverage/model/coverage-point.h"
#include "metrics/model/result-files.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/standard-policy.h"
#include "run/model/run-spec.h"
#include "scenario/model/text-input.h"
#include "scenario/model/validate-standard.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

namespace sagin::cli
{

namespace
{

struct CoverageOptions
{
    std::string scenario;
    std::vector<std::string> standards;
    std::vector<std::string> sets; ///< --set overrides, as `sagin run`
    double gridDeg = 0.0;
    std::string region;
    double start = 0.0;
    double duration = 0.0;
    bool durationGiven = false;
    double step = 0.0;
    int threads = 0;
    std::string out;
    bool noMaps = false;
    bool noSites = false;
    bool bruteForce = false;
};

[[noreturn]] void
BadFlag(const std::string& message)
{
    throw InputError("sagin coverage: error: " + message);
}

v1::Region
ParseRegion(const std::string& text)
{
    std::vector<double> v;
    std::istringstream in(text);
    std::string field;
    while (std::getline(in, field, ','))
    {
        try
        {
            size_t used = 0;
            v.push_back(std::stod(field, &used));
            if (used != field.size())
            {
                throw std::invalid_argument(field);
            }
        }
        catch (const std::exception&)
        {
            BadFlag("--region: '" + field
                    + "' is not a number (give LATMIN,LATMAX,LONMIN,LONMAX in degrees)");
        }
    }
    if (v.size() != 4)
    {
        BadFlag("--region: give four numbers LATMIN,LATMAX,LONMIN,LONMAX, got '" + text + "'");
    }
    if (!(v[0] >= -90.0 && v[1] <= 90.0 && v[0] < v[1]))
    {
        BadFlag("--region: latitudes must satisfy -90 <= LATMIN < LATMAX <= 90, got '" + text
                + "'");
    }
    if (!(v[2] >= -180.0 && v[2] <= 360.0 && v[3] >= -180.0 && v[3] <= 360.0) || v[2] == v[3])
    {
        BadFlag("--region: longitudes must lie in [-180, 360] and differ, got '" + text + "'");
    }
    v1::Region r;
    r.set_lat_min_deg(v[0]);
    r.set_lat_max_deg(v[1]);
    r.set_lon_min_deg(v[2]);
    r.set_lon_max_deg(v[3]);
    return r;
}

std::string
FileSha256(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return Sha256Hex(bytes.str());
}

/// "25°" or "25-40°" over the satellites' effective masks.
std::string
MaskText(const LinkStateBuilder& builder, LinkKind kind, v1::NodeRole role1, v1::NodeRole role2)
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

std::string
RulesText(const LinkStateBuilder& builder)
{
    const StandardPolicy& p = builder.Policy();
    // Only the layers the standard allows and the world has nodes for.
    bool has[4] = {false, false, false, false};
    for (const auto& n : builder.GetWorld().Nodes())
    {
        has[v1::SPACE] |= n.role == v1::SAT && p.Uses(n);
        has[v1::AIR] |= n.role == v1::HAPS || n.role == v1::UAV;
        has[v1::GROUND] |= n.role == v1::BS;
    }
    std::vector<std::string> parts;
    if (p.layerAllowed[v1::SPACE] && has[v1::SPACE])
    {
        if (p.rangeVisibility)
        {
            parts.push_back("space: range <= " + Fixed(p.maxGslLength_m / 1000.0, 0) + " km");
        }
        else
        {
            std::string m = MaskText(builder, LinkKind::ServiceSpace, v1::SAT, v1::SAT);
            parts.push_back("space mask "
                            + (m.empty() ? Fixed(p.spaceMaskDeg, 0) + "\xC2\xB0" : m));
        }
        if (p.transparent)
        {
            parts.back() += " (bent pipe via a gateway)";
        }
    }
    if (p.layerAllowed[v1::AIR] && has[v1::AIR])
    {
        parts.push_back("air mask " + Fixed(p.airMaskDeg, 0) + "\xC2\xB0");
    }
    if (p.layerAllowed[v1::GROUND] && has[v1::GROUND])
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

struct StandardRun
{
    std::string file;
    std::string sha256;
    std::unique_ptr<StandardPolicy> policy;
    std::unique_ptr<LinkStateBuilder> builder;
    std::unique_ptr<CoverageEngine> engine;
    double seconds = 0.0;
};

void
RunCoverage(const CoverageOptions& o)
{
    // Flag errors are reported together with the input files' errors (PrepareRuns).
    std::vector<std::string> flagErrors;
    auto badFlag = [&](const std::string& message) { flagErrors.push_back("sagin coverage: error: " + message); };
    if (o.gridDeg != 0.0 && !(o.gridDeg >= 0.05 && o.gridDeg <= 90.0))
    {
        badFlag("--grid-deg must be in [0.05, 90], got " + Exact(o.gridDeg));
    }
    if (o.step != 0.0 && !(o.step > 0.0))
    {
        badFlag("--step must be > 0, got " + Exact(o.step));
    }
    if (o.durationGiven && !(o.duration >= 0.0))
    {
        badFlag("--duration must be >= 0, got " + Exact(o.duration));
    }
    if (!std::isfinite(o.start))
    {
        badFlag("--start must be a number of seconds");
    }
    if (o.threads < 0 || o.threads > 1024)
    {
        badFlag("--threads must be in [1, 1024] (0: one per core), got " + std::to_string(o.threads));
    }
    v1::Region region;
    if (!o.region.empty())
    {
        try
        {
            region = ParseRegion(o.region);
        }
        catch (const InputError& e)
        {
            flagErrors.insert(flagErrors.end(), e.Lines().begin(), e.Lines().end());
        }
    }

    const auto wallStart = std::chrono::steady_clock::now();
    RunRequest request;
    request.scenarioPath = o.scenario;
    request.standardPaths = o.standards;
    request.overrides = o.sets;
    request.needsDuration = false;
    request.errors = flagErrors;
    const std::vector<RunSpec> specs = PrepareRuns(request); // every error at once
    const v1::Scenario& scenario = specs.front().scenario;
    const std::string& scenarioDirectory = specs.front().scenarioDirectory;
    const std::string& scenarioSha256 = specs.front().inputs.front().sha256();
    World world = BuildWorld(scenario, scenarioDirectory, o.scenario);

    std::vector<StandardRun> runs(specs.size());
    for (size_t i = 0; i < runs.size(); ++i)
    {
        auto& r = runs[i];
        r.file = specs[i].standardPath;
        r.sha256 = specs[i].inputs[1].sha256();
        r.policy = std::make_unique<StandardPolicy>(ResolveStandard(specs[i].standard, world, r.file));
        r.builder = std::make_unique<LinkStateBuilder>(world, *r.policy);
    }

    // The grid: the scenario's, with the command's resolution and region.
    v1::CoverageGrid grid = scenario.coverage();
    if (o.gridDeg > 0.0)
    {
        grid.set_resolution_deg(o.gridDeg);
    }
    else if (!(grid.resolution_deg() > 0.0))
    {
        grid.set_resolution_deg(1.0);
    }
    if (!o.region.empty())
    {
        *grid.mutable_region() = region;
    }
    std::vector<CoveragePoint> points = GridPoints(grid);
    if (!o.noSites)
    {
        auto sites = TerminalPoints(world);
        points.insert(points.end(), sites.begin(), sites.end());
    }

    const double duration = o.durationGiven ? o.duration : scenario.duration_s();
    const double step = o.step > 0.0 ? o.step : (grid.step_s() > 0.0 ? grid.step_s() : 60.0);
    const auto samples = CoverageSampleTimes(o.start, duration, step);
    const int threads = o.threads > 0
                            ? o.threads
                            : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    for (auto& r : runs)
    {
        r.engine = std::make_unique<CoverageEngine>(*r.builder, points, threads);
        r.engine->SetBruteForce(o.bruteForce);
    }

    // One pass over time; every standard sees the same positions (site failures come from the
    // scenario, so they are the same for every standard).
    std::vector<Vec3> positions;
    Progress progress("coverage", samples.size());
    for (size_t k = 0; k < samples.size(); ++k)
    {
        const double t = samples[k].t_s;
        const double weight = samples[k].weight_s;
        runs.front().builder->Positions(t, positions);
        for (auto& r : runs)
        {
            const auto t0 = std::chrono::steady_clock::now();
            r.engine->Sample(t, positions, weight);
            r.seconds
                += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
        progress.Update(k + 1);
    }
    progress.Finish();

    const std::string outDir = o.out.empty() ? "results/coverage-" + scenario.name() : o.out;
    const bool maps = !o.noMaps && GnuplotAvailable();
    if (!o.noMaps && !maps)
    {
        Warn("sagin coverage", "gnuplot not found on the PATH: no maps (install gnuplot-nox)");
    }
    std::vector<v1::RunResult> results;
    std::error_code ec;
    const bool created = !std::filesystem::exists(outDir, ec);
    std::filesystem::create_directories(outDir, ec);
    if (created)
    {
        RegisterTemporary(outDir, true); // removed if a stop signal leaves it empty
    }
    for (auto& r : runs)
    {
        const std::string& name = r.policy->name;
        RemoveStaleTemporaries(outDir + "/" + name); // left by a killed run
        RunDirectory dir(outDir + "/" + name);
        {
            std::ofstream csv(dir.File("coverage.csv"), std::ios::binary);
            r.engine->WriteCsv(csv);
            if (!csv.flush())
            {
                throw std::runtime_error("cannot write " + dir.File("coverage.csv"));
            }
        }
        v1::RunResult result;
        result.set_schema_version(kRunResultSchema);
        result.set_standard(name);
        result.set_scenario(scenario.name());
        result.set_seed(scenario.seed());
        result.set_duration_s(r.engine->SampledTime());
        r.engine->FillSummary(*result.mutable_coverage());
        auto* prov = result.mutable_provenance();
        FillBuildProvenance(*prov);
        prov->set_seed(scenario.seed());
        auto addInput
            = [&](const std::string& role, const std::string& path, const std::string& sha)
        {
            auto* in = prov->add_inputs();
            in->set_role(role);
            in->set_path(path);
            in->set_sha256(sha);
        };
        addInput("scenario", o.scenario, scenarioSha256);
        addInput("standard", r.file, r.sha256);
        for (const auto& sh : scenario.shells())
        {
            if (sh.has_tle() && !sh.tle().file().empty())
            {
                const std::string path = ResolvePath(scenarioDirectory, sh.tle().file());
                addInput("tle", path, FileSha256(path));
            }
        }
        // The run id: the inputs and every option that changes the numbers.
        std::ostringstream id;
        id << scenarioSha256 << '\n' << r.sha256 << '\n';
        for (const auto& set : o.sets)
        {
            prov->add_overrides(set);
            id << "set " << set << '\n';
        }
        for (const auto& in : prov->inputs())
        {
            id << in.sha256() << '\n';
        }
        id << "coverage grid " << grid.ShortDebugString() << " start " << Exact(o.start)
           << " duration " << Exact(duration) << " step " << Exact(step) << " sites " << !o.noSites;
        prov->set_run_id(Sha256Hex(id.str()));
        if (maps)
        {
            std::string tmp = dir.File("");
            tmp.pop_back();
            const double lonMin = grid.has_region() ? grid.region().lon_min_deg() : -180.0;
            std::ostringstream title;
            title << name << " on " << scenario.name() << ": " << RulesText(*r.builder) << "; "
                  << SpanText(o.start, o.start + duration) << " every " << Exact(step) << " s; "
                  << Exact(grid.resolution_deg()) << "\xC2\xB0 equal-area grid";
            WriteCoverageMaps(*r.engine, tmp, lonMin, title.str());
        }
        prov->set_wall_time_s(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count());
        std::string tmp = dir.File("");
        tmp.pop_back();
        WriteResultFiles(tmp, result);
        dir.Commit();
        results.push_back(result);
    }
    {
        std::vector<std::string> names;
        for (const auto& r : runs)
        {
            names.push_back(r.policy->name);
        }
        WriteStandardOrder(outDir, names);
    }

    if (created)
    {
        UnregisterTemporary(outDir);
    }
    // The headline numbers.
    std::cout << "coverage of " << scenario.name() << ": " << points.size() << " points ("
              << results.front().coverage().cells() << " cells of " << Exact(grid.resolution_deg())
              << " deg, " << results.front().coverage().terminals() << " terminals), " << samples.size()
              << " samples of " << Exact(step) << " s, " << threads << " threads"
              << (o.bruteForce ? ", brute force" : "") << "\n";
    size_t nameWidth = 8;
    for (const auto& r : runs)
    {
        nameWidth = std::max(nameWidth, r.policy->name.size());
    }
    auto cell = [](std::string text, size_t width)
    {
        return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
    };
    std::string header = "standard";
    header.resize(nameWidth, ' ');
    std::cout << header << cell("area", 8) << cell("pop.", 8) << cell("p5", 7) << cell("p50", 7)
              << cell("serving", 9) << cell("longest outage", 16) << cell("time (s)", 10) << "\n";
    for (size_t i = 0; i < runs.size(); ++i)
    {
        const auto& c = results[i].coverage();
        std::string name = runs[i].policy->name;
        name.resize(nameWidth, ' ');
        // Statistics without data (no cells, no terminals) print as n/a.
        auto num = [](bool has, double v, int digits, const char* unit)
        { return has ? Fixed(v, digits) + unit : std::string("n/a"); };
        std::cout << name << cell(num(c.has_area_fraction(), 100.0 * c.area_fraction(), 1, "%"), 8)
                  << cell(num(c.has_population_fraction(), 100.0 * c.population_fraction(), 1, "%"), 8)
                  << cell(num(c.has_cell_availability_p5(), c.cell_availability_p5(), 3, ""), 7)
                  << cell(num(c.has_cell_availability_p50(), c.cell_availability_p50(), 3, ""), 7)
                  << cell(num(c.has_mean_serving_nodes(), c.mean_serving_nodes(), 2, ""), 9)
                  << cell(c.has_longest_outage_s() ? FormatDuration(c.longest_outage_s()) : "n/a", 16)
                  << cell(Fixed(runs[i].seconds, 2), 10) << "\n";
    }
    std::cout
        << "area: grid, area-weighted; pop.: terminals, population-weighted; p5, p50: cell "
           "availability by area;\nserving: mean nodes able to serve a cell; time: seconds of "
           "sampling\n";
    std::cout << "results in " << outDir << "/<standard>/\n";
}

} // namespace

void
AddCoverageCommand(CLI::App& app)
{
    auto o = std::make_shared<CoverageOptions>();
    auto* cmd = app.add_subcommand(
        "coverage",
        "Coverage over an equal-area grid (and the scenario's user terminals) over time, per layer "
        "and combined under each standard's rules, without packets. Writes DIR/<standard>/ with "
        "coverage.csv, summary.json, result.binpb and availability/serving maps (PNG and SVG, "
        "with gnuplot). See modules/coverage/README.md for every column and key.");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)")->required();
    cmd->add_option("--standard", o->standards, "Standard file (.txtpb); repeat for several")
        ->required();
    cmd->add_option("--set",
                    o->sets,
                    "Override a field before validation, as `sagin run`: scenario.<path>=value or "
                    "standard.<name|*>.<path>=value; repeat for several");
    cmd->add_option(
        "--grid-deg",
        o->gridDeg,
        "Cell height in degrees, 0.05 to 90 (default: the scenario's coverage.resolution_deg, "
        "else 1)");
    cmd->add_option(
        "--region",
        o->region,
        "LATMIN,LATMAX,LONMIN,LONMAX in degrees (default: the scenario's coverage region, else "
        "the globe)");
    cmd->add_option("--start", o->start, "First sample, seconds after the epoch (default 0)");
    cmd->add_option(
        "--duration",
        o->duration,
        "Seconds covered (default: the scenario's duration_s; 0: one snapshot counted as 1 s)");
    cmd->add_option("--step",
                    o->step,
                    "Seconds between samples (default: the scenario's coverage.step_s, else 60)");
    cmd->add_option("--threads", o->threads, "Worker threads (default: one per core)");
    cmd->add_option("--out", o->out, "Output folder (default: results/coverage-<scenario>)");
    cmd->add_flag("--no-maps", o->noMaps, "Do not draw maps");
    cmd->add_flag("--no-sites", o->noSites, "Grid cells only, not the user terminals");
    cmd->add_flag("--brute-force",
                  o->bruteForce,
                  "Evaluate every node against every point (no spatial index): the reference the "
                  "index is measured against; same results, much slower");
    cmd->callback(
        [o, cmd]()
        {
            o->durationGiven = cmd->get_option("--duration")->count() > 0;
            RunCoverage(*o);
        });
}

} // namespace sagin::cli
