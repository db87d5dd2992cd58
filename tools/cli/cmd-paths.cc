// `sagin paths`: the path and latency between ground sites over time, without packets.
#include "cli/commands.h"

#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"
#include "routing/model/path-series.h"
#include "run/model/run-spec.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/validate-standard.h"
#include "scenario/model/world.h"

#include <cmath>
#include <limits>
#include <sstream>

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
};

void
RunPaths(const PathsOptions& o)
{
    // Flag errors, the input files' errors and the site names, all reported together.
    RunRequest request;
    auto bad = [&](const std::string& message) { request.errors.push_back("sagin paths: error: " + message); };
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
    if (o.format != "csv" && o.format != "json")
    {
        bad("--format must be csv or json, got '" + o.format + "'");
    }
    request.scenarioPath = o.scenario;
    if (!o.standard.empty())
    {
        request.standardPaths = {o.standard};
    }
    request.overrides = o.sets;
    request.needsDuration = false;
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
    World world = BuildWorld(specs.front().scenario, specs.front().scenarioDirectory, o.scenario);
    StandardPolicy policy = ResolveStandard(specs.front().standard, world, o.standard);

    std::vector<std::pair<int, int>> pairs;
    std::vector<int> destinations;
    if (!o.allPairs.empty())
    {
        auto set = ResolveSiteList(world, o.allPairs, "sagin paths: error: --all-pairs");
        pairs = AllPairs(set);
        destinations = set;
        if (pairs.empty())
        {
            throw InputError("sagin paths: error: --all-pairs: the set needs at least two sites");
        }
    }
    else
    {
        int a = GroundSiteNamed(world, o.from, "sagin paths: error: --from");
        int b = GroundSiteNamed(world, o.to, "sagin paths: error: --to");
        if (a == b)
        {
            throw InputError("sagin paths: error: --from and --to name the same site");
        }
        pairs.emplace_back(a, b);
        destinations = {a, b};
    }
    const double duration = std::isnan(o.duration) ? world.Scenario().duration_s() : o.duration;
    const double step = std::isnan(o.step) ? policy.updateInterval_s : o.step;
    if (!(step > 0.0) || !std::isfinite(step))
    {
        throw InputError("sagin paths: error: --step must be > 0, got " + Fixed(step, 6));
    }
    if (!(duration >= 0.0) || !std::isfinite(duration))
    {
        throw InputError("sagin paths: error: --duration must be >= 0, got " + Fixed(duration, 6));
    }
    if (duration / step > 1e8)
    {
        throw InputError("sagin paths: error: more than 1e8 time steps; raise --step");
    }
    const long steps = static_cast<long>(std::floor(duration / step + 1e-9));

    TopologyController controller(world, policy, destinations);
    OutputTarget out(o.out);
    std::ostream& os = out.Stream();
    const bool csv = o.format == "csv";
    os << (csv ? kPathsCsvHeader : "[");
    bool first = true;
    Progress progress("paths", steps + 1);
    const auto& nodes = world.Nodes();
    SamplePaths(
        controller,
        pairs,
        o.start,
        step,
        steps,
        [&](const PathSample& s) {
            if (csv)
            {
                WritePathsCsvRow(os, world, s);
                return;
            }
            os << (first ? "\n" : ",\n") << "{\"t_s\":" << Fixed(s.t_s, 3) << ",\"src\":" << JsonString(nodes[s.src].name)
               << ",\"dst\":" << JsonString(nodes[s.dst].name)
               << ",\"rtt_ms\":" << (s.RoundTrip() ? Fixed(s.Rtt_s() * 1e3, 6) : "null")
               << ",\"one_way_ms\":" << (s.forward.reachable ? Fixed(s.forward.Latency() * 1e3, 6) : "null")
               << ",\"hops\":" << (s.forward.reachable ? s.forward.links.size() : 0) << ",\"path\":[";
            for (size_t i = 0; i < s.forward.nodes.size() && s.forward.reachable; ++i)
            {
                os << (i ? "," : "") << JsonString(nodes[s.forward.nodes[i]].name);
            }
            os << "]}";
            first = false;
        },
        [&](long k) { progress.Update(k + 1); });
    if (!csv)
    {
        os << "\n]\n";
    }
    progress.Finish();
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
        "access and routing rules (no packets). CSV columns: t_s,src,dst,rtt_ms,one_way_ms,hops,path; "
        "rtt_ms is the forward plus the return path at the same instant (propagation plus "
        "processing, no queueing); an unreachable step has empty rtt_ms and hops 0.");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)")->required();
    cmd->add_option("--standard", o->standard, "Standard file (.txtpb)")->required();
    cmd->add_option("--from", o->from, "Source ground site (node name)");
    cmd->add_option("--to", o->to, "Destination ground site (node name)");
    cmd->add_option("--all-pairs", o->allPairs, "Every pair of a site set (set name, or names joined by commas)");
    cmd->add_option("--set",
                    o->sets,
                    "Override a field before validation, as `sagin run`: scenario.<path>=value or "
                    "standard.<name|*>.<path>=value; repeat for several");
    cmd->add_option("--start", o->start, "First time, seconds after the epoch (default 0)");
    cmd->add_option("--duration", o->duration, "Seconds covered (default: the scenario's duration_s)");
    cmd->add_option("--step", o->step, "Seconds between samples (default: the standard's update interval)");
    cmd->add_option("--format", o->format, "csv (default) or json");
    cmd->add_option("--out", o->out, "Output file, written atomically (default: stdout)");
    cmd->callback([o]() { RunPaths(*o); });
}

} // namespace sagin::cli
