// `sagin paths`: the path and latency between ground sites over time, without packets.
#include "cli/commands.h"
#include "cli/flag-checks.h"
#include "core/model/diagnostics.h"
#include "core/model/text-format.h"
#include "run/model/run-spec.h"
#include "study/model/geometric-run.h"

#include <cmath>
#include <limits>

namespace sagin::cli
{

namespace
{

struct PathsOptions
{
    std::string scenario;
    std::string standard;
    std::string from;
    std::string to;
    std::string allPairs;
    std::vector<std::string> sets; ///< --set overrides, as `sagin run`
    double start = 0.0;
    double duration = std::numeric_limits<double>::quiet_NaN(); ///< NaN: not given
    double step = std::numeric_limits<double>::quiet_NaN();
    std::string format = "csv";
    std::string out;
    bool force = false;
    FlagErrors flags{"sagin paths"}; ///< the flags' own checks (flag-checks.h)
};

void
RunPaths(const PathsOptions& o)
{
    // Flag errors, the input files' errors and the site names, all reported together.
    RunRequest request;
    request.errors = o.flags.Errors();
    auto bad = [&](const std::string& message)
    {
        request.errors.push_back("sagin paths: error: " + message);
    };
    if (o.standard.empty())
    {
        bad("--standard FILE is required");
    }
    if (o.allPairs.empty() && (o.from.empty() || o.to.empty()))
    {
        bad("give --from A --to B, or --all-pairs SET");
    }
    if (!o.allPairs.empty() && (!o.from.empty() || !o.to.empty()))
    {
        bad("--all-pairs cannot be combined with --from/--to");
    }
    if (!o.from.empty() && o.from == o.to)
    {
        bad("--from and --to name the same site");
    }
    const bool durationGiven = !std::isnan(o.duration);
    request.scenarioPath = o.scenario;
    if (!o.standard.empty())
    {
        request.standardPaths = {o.standard};
    }
    request.overrides = o.sets;
    request.force = o.force;
    request.needsDuration = false;
    request.duration = durationGiven ? o.duration : 0.0;
    request.durationGiven = durationGiven && o.duration >= 0.0 && std::isfinite(o.duration);
    if (!o.allPairs.empty())
    {
        request.sites.push_back({"sagin paths: error: --all-pairs", o.allPairs, true});
    }
    for (const auto& [flag, name] : {std::pair{"--from", o.from}, {"--to", o.to}})
    {
        if (!name.empty())
        {
            request.sites.push_back({std::string("sagin paths: error: ") + flag, name, false});
        }
    }
    const auto specs = PrepareRuns(request);
    for (const auto& w : DistinctWarnings(specs))
    {
        std::cerr << w << '\n';
    }

    v1::PathsRunOptions options;
    options.set_from(o.from);
    options.set_to(o.to);
    options.set_all_pairs(o.allPairs);
    options.set_start_s(o.start);
    options.set_step_s(std::isnan(o.step) ? 0.0 : o.step); // 0: the standard's update interval
    OutputTarget out(o.out);
    try
    {
        SamplePathsRun(specs.front(),
                       options,
                       o.format == "csv" ? PathsFormat::Csv : PathsFormat::Json,
                       out.Stream(),
                       true);
    }
    catch (const InputError& e) // the run's own checks name its fields (paths.*)
    {
        std::vector<std::string> lines;
        for (const auto& l : e.Lines())
        {
            lines.push_back("sagin paths: error: " + l);
        }
        throw InputError(lines);
    }
    out.Commit();
}

} // namespace

void
AddPathsCommand(CLI::App& app)
{
    auto o = std::make_shared<PathsOptions>();
    auto* cmd = app.add_subcommand(
        "paths",
        "Path and latency between ground sites over time, from geometry and the standard's "
        "access and routing rules (no packets). CSV columns: "
        "t_s,src,dst,rtt_ms,one_way_ms,hops,path; "
        "rtt_ms is the forward plus the return path at the same instant (propagation plus "
        "processing, no queueing); an unreachable step has empty rtt_ms and hops 0.");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)")->required();
    cmd->add_option("--standard", o->standard, "Standard file (.txtpb)")->required();
    cmd->add_option("--from", o->from, "Source ground site (node name)");
    cmd->add_option("--to", o->to, "Destination ground site (node name)");
    cmd->add_option("--all-pairs",
                    o->allPairs,
                    "Every pair of a site set (set name, or names joined by commas)");
    cmd->add_option("--set",
                    o->sets,
                    "Override a field before validation, as `sagin run`: scenario.<path>=value or "
                    "standard.<name|*>.<path>=value; repeat for several");
    cmd->add_option("--start", o->start, "First time, seconds after the epoch (default 0)");
    o->flags.Check(cmd->add_option("--duration",
                                   o->duration,
                                   "Seconds covered (default: the scenario's duration_s)"),
                   AtLeast(0.0));
    o->flags.Check(
        cmd->add_option(
            "--step", o->step, "Seconds between samples (default: the standard's update interval)"),
        Above(0.0));
    o->flags.Check(cmd->add_option("--format", o->format, "Output format (default csv)"),
                   OneOf({"csv", "json"}));
    cmd->add_option("--out", o->out, "Output file, written atomically (default: stdout)");
    cmd->add_flag("--force",
                  o->force,
                  "Run even when the work estimate exceeds its limit (see README: work limits)");
    cmd->callback(
        [o]()
        {
            RunPaths(*o);
        });
}

} // namespace sagin::cli
