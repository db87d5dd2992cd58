// `sagin coverage`: coverage over an equal-area grid and the scenario's user terminals over
// time, per layer and combined, for one or more standards (no packets).
#include "cli/commands.h"
#include "cli/flag-checks.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"
#include "coverage/model/coverage-map.h"
#include "metrics/model/result-files.h"
#include "run/model/run-spec.h"
#include "study/model/geometric-run.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
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
    std::string mapProjection = "plate-carree";
    bool noSites = false;
    bool bruteForce = false;
    bool exactInterference = false;
    bool force = false;
    FlagErrors flags{"sagin coverage"}; ///< the flags' own checks (flag-checks.h)
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

void
CoverageCommand(const CoverageOptions& o)
{
    // Flag errors are reported together with the input files' errors (PrepareRuns).
    std::vector<std::string> flagErrors = o.flags.Errors();
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

    RunRequest request;
    request.scenarioPath = o.scenario;
    request.standardPaths = o.standards;
    request.overrides = o.sets;
    request.needsDuration = false;
    request.duration = o.duration;
    request.durationGiven = o.durationGiven && o.duration >= 0.0;
    if (!o.out.empty())
    {
        if (const std::string why = OutputFolderProblem(o.out); !why.empty())
        {
            flagErrors.push_back("sagin coverage: error: --out: " + why);
        }
    }
    request.errors = flagErrors;
    request.force = o.force;
    std::vector<RunSpec> specs = PrepareRuns(request); // every error at once
    for (const auto& w : DistinctWarnings(specs))
    {
        std::cerr << w << '\n';
    }

    v1::CoverageRunOptions options;
    options.set_grid_deg(o.gridDeg);
    options.set_step_s(o.step);
    options.set_no_sites(o.noSites);
    options.set_start_s(o.start);
    if (!o.region.empty())
    {
        *options.mutable_region() = region;
    }
    CoverageRunSettings settings;
    settings.bruteForce = o.bruteForce;
    settings.exactInterference = o.exactInterference;
    settings.maps = !o.noMaps && GnuplotAvailable();
    settings.mapProjection = MapProjectionNamed(o.mapProjection);
    settings.progress = true;
    if (!o.noMaps && !settings.maps)
    {
        Warn("sagin coverage", "gnuplot not found on the PATH: no maps (install gnuplot-nox)");
    }
    const int threads
        = o.threads > 0 ? o.threads : static_cast<int>(std::thread::hardware_concurrency());
    const std::string& scenarioName = specs.front().scenario.name();
    const std::string outDir = o.out.empty() ? "results/coverage-" + scenarioName : o.out;
    if (const std::string why = OutputFolderProblem(outDir); !why.empty())
    {
        throw InputError("sagin coverage: error: " + why);
    }
    std::vector<std::string> folders;
    std::vector<std::string> names;
    for (auto& spec : specs)
    {
        spec.coverageThreads = threads;
        names.push_back(spec.standard.name());
        folders.push_back(outDir + "/" + names.back());
    }

    std::error_code ec;
    const bool created = !std::filesystem::exists(outDir, ec);
    std::filesystem::create_directories(outDir, ec);
    if (created)
    {
        RegisterTemporary(outDir, true); // removed if a stop signal leaves it empty
    }
    for (const auto& folder : folders)
    {
        RemoveStaleTemporaries(folder); // left by a killed run
    }
    CoverageRunReport report;
    try
    {
        report = RunCoverage(specs, options, folders, settings);
    }
    catch (const InputError&) // refused before any work (work limits): leave nothing behind
    {
        if (created)
        {
            std::filesystem::remove(outDir, ec); // only when empty
            UnregisterTemporary(outDir);
        }
        throw;
    }
    WriteStandardOrder(outDir, names);
    if (created)
    {
        UnregisterTemporary(outDir);
    }
    WriteCoverageTable(std::cout, scenarioName, report);
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
        "coverage.csv, summary.json, result.binpb, the resolved scenario.txtpb and standard.txtpb, "
        "and "
        "availability/serving maps (PNG and SVG, "
        "with gnuplot). See modules/coverage/README.md for every column and key.");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)")->required();
    cmd->add_option("--standard", o->standards, "Standard file (.txtpb); repeat for several")
        ->required();
    cmd->add_option("--set",
                    o->sets,
                    "Override a field before validation, as `sagin run`: scenario.<path>=value or "
                    "standard.<name|*>.<path>=value; repeat for several");
    o->flags.Check(cmd->add_option("--grid-deg",
                                   o->gridDeg,
                                   "Cell height in degrees (default: the scenario's "
                                   "coverage.resolution_deg, else 1)"),
                   InRange(0.05, 90.0));
    cmd->add_option(
        "--region",
        o->region,
        "LATMIN,LATMAX,LONMIN,LONMAX in degrees (default: the scenario's coverage region, else "
        "the globe)");
    cmd->add_option("--start", o->start, "First sample, seconds after the epoch (default 0)");
    o->flags.Check(
        cmd->add_option(
            "--duration",
            o->duration,
            "Seconds covered (default: the scenario's duration_s; 0: one snapshot counted as 1 s)"),
        AtLeast(0.0));
    o->flags.Check(cmd->add_option("--step",
                                   o->step,
                                   "Seconds between samples (default: the scenario's "
                                   "coverage.step_s, else the standards' update interval, at "
                                   "most 1440 samples)"),
                   Above(0.0));
    o->flags.Check(
        cmd->add_option("--threads", o->threads, "Worker threads (default and 0: one per core)"),
        InRange(0.0, 1024.0));
    cmd->add_option("--out", o->out, "Output folder (default: results/coverage-<scenario>)");
    cmd->add_flag("--no-maps", o->noMaps, "Do not draw maps");
    cmd->add_option("--map-projection",
                    o->mapProjection,
                    "Projection of the maps: plate-carree (default), equirectangular (true scale "
                    "at the map's central latitude, for regional maps) or mercator (cut at "
                    "+-85 deg)")
        ->check(CLI::IsMember(MapProjectionNames()));
    cmd->add_flag("--force",
                  o->force,
                  "Run even when the work estimate exceeds its limit (see README: work limits)");
    cmd->add_flag("--no-sites", o->noSites, "Grid cells only, not the user terminals");
    cmd->add_flag("--brute-force",
                  o->bruteForce,
                  "Evaluate every node against every point (no spatial index): the reference the "
                  "index is measured against; same results, much slower");
    cmd->add_flag("--exact-interference",
                  o->exactInterference,
                  "Sum every beam of a satellite that only interferes at a point, instead of "
                  "looking the sum up in its payload's tabulated grid: the reference the grid is "
                  "measured against (SINR within about 0.01 dB); slower");
    cmd->callback(
        [o, cmd]()
        {
            o->durationGiven = cmd->get_option("--duration")->count() > 0;
            CoverageCommand(*o);
        });
}

} // namespace sagin::cli
