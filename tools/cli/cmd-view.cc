// `sagin view`: writes the offline 3D viewer of a scenario (a static site) and optionally serves
// it on 127.0.0.1. The data assembly lives in modules/view.
#include "cli/commands.h"
#include "cli/flag-checks.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/text-format.h"
#include "run/model/run-spec.h"
#include "run/model/work-estimate.h"
#include "view/model/static-server.h"
#include "view/model/view-data.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>

namespace sagin::cli
{

namespace
{

constexpr double kDefaultViewStep_s = 10.0;
constexpr double kDefaultViewSpan_s = 1800.0;

struct ViewOptions
{
    std::string scenario;
    std::string standard;
    std::string results;
    std::vector<std::string> sets;
    std::string out;
    bool serve = false;
    int port = 8000;
    double start = 0.0;
    double duration = std::numeric_limits<double>::quiet_NaN(); ///< NaN: the scenario's
    double step = std::numeric_limits<double>::quiet_NaN();     ///< NaN: the default
    bool force = false;
    FlagErrors flags{"sagin view"}; ///< the flags' own checks (flag-checks.h)
};

void
RunView(const ViewOptions& o)
{
    RunRequest request;
    request.errors = o.flags.Errors(); // ranges of --duration and --step (non-finite: main)
    auto bad = [&](const std::string& message)
    {
        request.errors.push_back("sagin view: error: " + message);
    };
    const bool durationGiven = !std::isnan(o.duration);
    if (o.port < 0 || o.port > 65535)
    {
        bad("--port must be in 0..65535, got " + std::to_string(o.port));
    }
    if (!o.results.empty() && !std::filesystem::is_directory(o.results))
    {
        bad("--results: " + o.results + " is not a folder");
    }
    if (!o.out.empty())
    {
        if (const std::string why = OutputFolderProblem(o.out); !why.empty())
        {
            bad("--out: " + why);
        }
    }
    const std::string bundle = FindViewerBundle();
    if (bundle.empty())
    {
        request.errors.push_back(
            "sagin view: error: the viewer's web app is not built (looked in $SAGIN_VIEWER_DIR, "
            "else <folder of sagin>/../share/sagin/viewer): build with tools/sagin build, which "
            "needs nodejs and npm");
    }
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
    const auto specs = PrepareRuns(request); // every error at once
    for (const auto& w : DistinctWarnings(specs))
    {
        std::cerr << w << '\n';
    }
    const RunSpec& spec = specs.front();
    const World world = BuildWorld(spec.scenario, spec.scenarioDirectory, o.scenario);
    std::unique_ptr<StandardPolicy> policy;
    if (!o.standard.empty())
    {
        policy = std::make_unique<StandardPolicy>(
            ResolveStandard(spec.standard, world, spec.standardPath));
    }
    // Defaults: a sample every 10 s (a LEO satellite moves about 75 km, the page interpolates
    // linearly: the chord is at most ~100 m inside the orbit) over the scenario's duration, at
    // most kDefaultViewSpan_s of it unless --duration says otherwise.
    const double step = !std::isnan(o.step) ? o.step : kDefaultViewStep_s;
    const double duration
        = request.durationGiven ? spec.duration_s : std::min(spec.duration_s, kDefaultViewSpan_s);
    const double samples = std::floor(duration / step + 1e-9) + 1.0;
    const auto refused
        = Refusals({EstimateSamples("positions",
                                    static_cast<double>(world.Nodes().size()),
                                    samples,
                                    std::to_string(world.Nodes().size()) + " nodes x "
                                        + Exact(samples) + " time steps")},
                   "sagin view: error: ",
                   o.force);
    if (!refused.empty())
    {
        throw InputError(refused);
    }
    ViewData data;
    try
    {
        data = SampleView(world, policy.get(), o.start, duration, step);
    }
    catch (const InputError& e)
    {
        std::vector<std::string> lines;
        for (const auto& l : e.Lines())
        {
            lines.push_back("sagin view: error: " + l);
        }
        throw InputError(lines);
    }
    ViewSiteInfo info;
    info.scenario = spec.scenario.name();
    info.standard = policy ? spec.standard.name() : "";
    info.epochUtc = world.Earth()->Epoch().Iso8601(0.0, 3);
    const std::string out = o.out.empty() ? "results/view-" + info.scenario : o.out;
    if (const std::string why = OutputFolderProblem(out); !why.empty())
    {
        throw InputError("sagin view: error: " + why);
    }
    WriteViewSite(data, info, bundle, o.results, out);
    std::cerr << "sagin view: " << data.nodes.size() << " nodes, " << data.Samples()
              << " samples every " << Exact(step) << " s, " << data.links.size() << " links; wrote "
              << out << "/index.html\n";
    std::cout << out << "/index.html\n";
    if (o.serve)
    {
        StaticServer server(out, o.port);
        std::cout << "http://127.0.0.1:" << server.Port() << "/ (Ctrl-C stops)" << std::endl;
        server.Serve();
    }
}

} // namespace

void
AddViewCommand(CLI::App& app)
{
    auto o = std::make_shared<ViewOptions>();
    auto* cmd = app.add_subcommand(
        "view",
        "Write the offline 3D viewer of a scenario (a static site: globe, timeline, nodes and, "
        "with --standard, the links of its topology over time) into a folder, and optionally "
        "serve it on 127.0.0.1. Prints the path of its index.html (and the URL with --serve).");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)")->required();
    cmd->add_option("--standard", o->standard, "Standard file (.txtpb): draws its links");
    cmd->add_option("--results",
                    o->results,
                    "A run's result folder: its latency.csv, paths.csv and coverage.csv are "
                    "copied for the latency chart");
    cmd->add_option(
        "--set", o->sets, "Override a field before validation, as `sagin run`; repeat for several");
    cmd->add_option("--out", o->out, "Output folder (default results/view-<scenario name>)");
    cmd->add_flag("--serve", o->serve, "Serve the folder on 127.0.0.1 until Ctrl-C");
    cmd->add_option("--port", o->port, "Port of --serve (default 8000; 0: any free port)");
    cmd->add_option("--start", o->start, "First time, seconds after the epoch (default 0)");
    o->flags.Check(cmd->add_option("--duration",
                                   o->duration,
                                   "Seconds covered (default: the scenario's duration_s, at most "
                                   "1800)"),
                   AtLeast(0.0));
    o->flags.Check(cmd->add_option("--step", o->step, "Seconds between samples (default 10)"),
                   Above(0.0));
    cmd->add_flag("--force",
                  o->force,
                  "Run even when the work estimate exceeds its limit (see README: work limits)");
    cmd->callback(
        [o]()
        {
            RunView(*o);
        });
}

} // namespace sagin::cli
