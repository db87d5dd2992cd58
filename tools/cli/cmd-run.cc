// `sagin run`: the same world, traffic and seed under each candidate standard, packet-level,
// one result folder per standard, and a side-by-side table of the headline metrics.
#include "cli/commands.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/process-pool.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"
#include "coverage/model/coverage-map.h"
#include "metrics/model/result-files.h"
#include "metrics/model/run-table.h"
#include "run/model/run-engine.h"
#include "run/model/run-spec.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

namespace sagin::cli
{

namespace
{

struct RunOptions
{
    std::string scenario;
    std::vector<std::string> standards;
    std::string out;
    std::uint64_t seed = 0;
    double duration = 0.0;
    std::vector<std::string> sets;
    int jobs = 0;
    int coverageThreads = 1;
    std::string pcap;
    bool maps = false;
    std::string mapProjection = "plate-carree";
    bool force = false;
};

/// Runs one spec (in a worker process); returns the worker's exit status.
int
RunInWorker(const RunSpec& spec, const std::string& dir)
{
    try
    {
        RunOne(spec, dir);
        return kExitOk;
    }
    catch (const InputError& e)
    {
        for (const auto& l : e.Lines())
        {
            std::cerr << l << "\n";
        }
        return kExitBadInput;
    }
    catch (const std::exception& e)
    {
        std::cerr << "sagin run: " << spec.standard.name() << ": error: " << e.what() << "\n";
        return kExitFailure;
    }
}

void
PrintTable(const std::vector<v1::RunResult>& results)
{
    std::fputs(FormatRunTable(results).c_str(), stdout);
    std::fflush(stdout);
}

void
Run(const RunOptions& o, bool seedGiven, bool durationGiven)
{
    // Flag errors are reported with every error of the input files.
    RunRequest request;
    if (o.standards.empty())
    {
        request.errors.push_back("sagin run: error: give at least one --standard FILE");
    }
    if (durationGiven && !(o.duration > 0.0 && std::isfinite(o.duration)))
    {
        request.errors.push_back("sagin run: error: --duration must be a finite number > 0");
    }
    if (o.jobs < 0 || o.coverageThreads < 1)
    {
        request.errors.push_back(
            "sagin run: error: --jobs must be >= 0 and --coverage-threads >= 1");
    }
    request.scenarioPath = o.scenario;
    request.standardPaths = o.standards;
    request.overrides = o.sets;
    request.seed = o.seed;
    request.seedGiven = seedGiven;
    request.duration = o.duration;
    request.durationGiven
        = durationGiven && o.duration > 0.0 && std::isfinite(o.duration); // reported once
    request.force = o.force;
    if (!o.out.empty())
    {
        if (const std::string why = OutputFolderProblem(o.out); !why.empty())
        {
            request.errors.push_back("sagin run: error: --out: " + why);
        }
    }
    auto specs = PrepareRuns(request);
    for (const auto& w : DistinctWarnings(specs))
    {
        std::cerr << w << '\n';
    }
    const std::string out = o.out.empty() ? "results/" + specs.front().scenario.name() : o.out;
    if (const std::string why = OutputFolderProblem(out); !why.empty())
    {
        throw InputError("sagin run: error: " + why);
    }
    std::error_code ec;
    const bool created = !std::filesystem::exists(out, ec);
    std::filesystem::create_directories(out, ec);
    if (ec)
    {
        throw InputError("sagin run: error: cannot create " + out + ": " + ec.message());
    }
    if (created)
    {
        RegisterTemporary(out, true); // removed if a stop signal leaves it empty
    }
    for (const auto& s : specs)
    {
        RemoveStaleTemporaries(out + "/" + s.standard.name()); // left by a killed run
    }
    int jobs
        = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    jobs = std::min<int>(jobs, static_cast<int>(specs.size()));
    const bool mapsDrawn = o.maps && GnuplotAvailable();
    if (o.maps && !mapsDrawn)
    {
        Warn("sagin run", "gnuplot not found on the PATH: no maps (install gnuplot-nox)");
    }
    for (auto& s : specs)
    {
        s.coverageThreads = o.coverageThreads;
        s.pcapNodes = o.pcap;
        s.mapProjection = o.maps && mapsDrawn ? o.mapProjection : "";
    }
    ProcessPoolOptions pool;
    pool.slots = jobs;
    const std::vector<JobOutcome> outcomes = RunInProcessPool(
        specs.size(),
        [&](size_t i)
        {
            return RunInWorker(specs[i], out + "/" + specs[i].standard.name());
        },
        pool);
    if (created)
    {
        UnregisterTemporary(out);
    }
    // The order given, for `sagin compare` (its default baseline is the first standard).
    {
        std::vector<std::string> names;
        for (const auto& s : specs)
        {
            names.push_back(s.standard.name());
        }
        WriteStandardOrder(out, names);
    }
    std::vector<v1::RunResult> results;
    std::vector<std::string> failed;
    bool allBadInput = true; // every failure was refused input (exit 2): so is the command
    for (size_t i = 0; i < specs.size(); ++i)
    {
        const std::string dir = out + "/" + specs[i].standard.name();
        if (!outcomes[i].Succeeded())
        {
            RemoveStaleTemporaries(dir); // a worker killed by a signal could not remove its own
            const int code = outcomes[i].ExitCode();
            failed.push_back(specs[i].standard.name()
                             + (code == kExitBadInput || code == kExitFailure
                                    ? ""
                                    : " (" + outcomes[i].Describe() + ")"));
            allBadInput = allBadInput && code == kExitBadInput;
            continue;
        }
        v1::RunResult r;
        r.ParseFromString(ReadFile(dir + "/result.binpb"));
        results.push_back(r);
    }
    PrintTable(results);
    std::cerr << "results in " << out
              << "/<standard>/ (summary.json, latency.csv, coverage.csv, result.binpb)\n";
    if (!failed.empty())
    {
        std::string list;
        for (const auto& f : failed)
        {
            list += (list.empty() ? "" : ", ") + f;
        }
        if (allBadInput)
        {
            throw InputError("sagin run: error: run refused for: " + list);
        }
        throw std::runtime_error("run failed for: " + list);
    }
}

} // namespace

void
AddRunCommand(CLI::App& app)
{
    auto o = std::make_shared<RunOptions>();
    auto* cmd = app.add_subcommand(
        "run",
        "Packet-level simulation of the scenario under each standard (same world, traffic and "
        "seed); "
        "writes DIR/<standard>/{result.binpb,summary.json,latency.csv,coverage.csv} and prints a "
        "side-by-side table.");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)")->required();
    cmd->add_option("--standard", o->standards, "Standard file (.txtpb); repeat for each candidate")
        ->required();
    cmd->add_option("--out", o->out, "Output folder (default results/<scenario name>)");
    auto* seed = cmd->add_option("--seed", o->seed, "Seed (default: the scenario's)");
    auto* duration
        = cmd->add_option("--duration", o->duration, "Simulated seconds (default: the scenario's)");
    cmd->add_option(
        "--set",
        o->sets,
        "Override a field before validation: scenario.<path>=value or standard.<name>.<path>=value "
        "(standard.*.<path>: every standard); repeat for several");
    cmd->add_flag("--force",
                  o->force,
                  "Run even when the work estimate exceeds its limit (see README: work limits)");
    cmd->add_option("--jobs", o->jobs, "Standards run in parallel (default: the number of cores)");
    cmd->add_option("--coverage-threads",
                    o->coverageThreads,
                    "Threads of each run's coverage evaluation (default 1)");
    cmd->add_flag("--maps",
                  o->maps,
                  "Draw the coverage maps of each run (availability and serving, as sagin "
                  "coverage draws them; needs gnuplot)");
    cmd->add_option("--map-projection",
                    o->mapProjection,
                    "Projection of the --maps: plate-carree (default), equirectangular or mercator")
        ->check(CLI::IsMember(MapProjectionNames()));
    cmd->add_option("--pcap",
                    o->pcap,
                    "Write pcap files of every device of the nodes whose name matches this regular "
                    "expression into DIR/<standard>/pcap/ (e.g. '^madrid$')");
    cmd->callback(
        [o, seed, duration]()
        {
            Run(*o, seed->count() > 0, duration->count() > 0);
        });
}

} // namespace sagin::cli
