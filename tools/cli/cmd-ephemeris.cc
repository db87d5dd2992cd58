// `sagin ephemeris`: positions of every node over time, as CSV or CZML (Cesium).
#include "cli/commands.h"
#include "cli/flag-checks.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"
#include "orbit/model/tle-orbit.h"
#include "orbit/model/tle.h"
#include "run/model/run-spec.h"
#include "run/model/work-estimate.h"
#include "scenario/model/ephemeris.h"
#include "scenario/model/text-input.h"
#include "scenario/model/world.h"
#include "view/model/view-data.h"

#include <cmath>
#include <iostream>
#include <limits>
#include <regex>

namespace sagin::cli
{

namespace
{

struct EphemerisOptions
{
    std::string scenario;
    std::string standard;
    std::string tleFile;
    std::string startUtc;
    double start = 0.0;
    double duration = std::numeric_limits<double>::quiet_NaN(); ///< NaN: not given
    double step = 60.0;
    std::string nodes;
    std::string format = "csv";
    std::string out;
    bool force = false;
    FlagErrors flags{"sagin ephemeris"}; ///< the flags' own checks (flag-checks.h)
};

/// One stderr line (with the progress lines; --quiet silences it): the nodes' mean, least and
/// most time in the penumbra, as a percentage of the span.
void
PrintEclipseSummary(const std::vector<EclipseSummary>& summary)
{
    if (!Progress::Enabled() || summary.empty() || std::isnan(summary.front().penumbraFraction))
    {
        return;
    }
    size_t lo = 0;
    size_t hi = 0;
    double sum = 0.0;
    double umbraSum = 0.0;
    for (size_t i = 0; i < summary.size(); ++i)
    {
        sum += summary[i].penumbraFraction;
        umbraSum += summary[i].umbraFraction;
        lo = summary[i].penumbraFraction < summary[lo].penumbraFraction ? i : lo;
        hi = summary[i].penumbraFraction > summary[hi].penumbraFraction ? i : hi;
    }
    const double n = static_cast<double>(summary.size());
    std::cerr << "eclipses: " << summary.size() << " nodes in the Earth's shadow "
              << Fixed(100.0 * sum / n, 1) << " % of the span on average (umbra "
              << Fixed(100.0 * umbraSum / n, 1) << " %), least "
              << Fixed(100.0 * summary[lo].penumbraFraction, 1) << " % (" << summary[lo].node
              << "), most " << Fixed(100.0 * summary[hi].penumbraFraction, 1) << " % ("
              << summary[hi].node << ")\n";
}

void
RunEphemeris(const EphemerisOptions& o)
{
    // The flags' own errors, all at once, before any file is read.
    std::vector<std::string> errors = o.flags.Errors();
    auto bad = [&](const std::string& message)
    {
        errors.push_back("sagin ephemeris: error: " + message);
    };
    if (o.scenario.empty() == o.tleFile.empty())
    {
        bad("give either a SCENARIO file or --tle FILE");
    }
    if (!o.standard.empty() && (o.format != "czml" || !o.tleFile.empty()))
    {
        bad("--standard (the links of CZML) needs a SCENARIO and --format czml");
    }
    try
    {
        EphemerisTimes(o.start, 0.0, o.step); // the step and start alone; the duration comes later
    }
    catch (const InputError& e)
    {
        for (const auto& l : e.Lines())
        {
            bad("--" + l);
        }
    }
    std::regex filter;
    if (!o.nodes.empty())
    {
        try
        {
            filter = std::regex(o.nodes, std::regex::ECMAScript);
        }
        catch (const std::regex_error& e)
        {
            bad("--nodes: invalid regular expression '" + o.nodes + "': " + e.what());
        }
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }

    std::vector<EphemerisNode> nodes;
    std::shared_ptr<const EarthOrientation> earth;
    double duration = o.duration;
    std::string documentName;
    std::unique_ptr<World> world;
    std::unique_ptr<StandardPolicy> policy;
    if (!o.scenario.empty())
    {
        if (!o.startUtc.empty())
        {
            throw InputError(
                "sagin ephemeris: error: --start-utc is for --tle; a scenario has its epoch");
        }
        // The world's size from the scenario, before it is built.
        TextInput info;
        v1::Scenario scenario = LoadTextInputAs<v1::Scenario>(o.scenario, &info);
        RunSpec spec;
        if (!o.standard.empty())
        {
            // The validation pass of run and paths over the scenario and the standard, every
            // error at once.
            RunRequest request;
            request.scenarioPath = o.scenario;
            request.standardPaths = {o.standard};
            request.needsDuration = false;
            request.force = o.force;
            spec = PrepareRuns(request).front();
            for (const auto& w : spec.warnings)
            {
                std::cerr << w << '\n';
            }
            scenario = spec.scenario;
        }
        const auto refused
            = Refusals({EstimateScenarioNodes(scenario)}, o.scenario + ": error: ", o.force);
        if (!refused.empty())
        {
            throw InputError(refused);
        }
        world = std::make_unique<World>(BuildWorld(scenario, info.directory, o.scenario));
        if (!o.force && EstimateWorldNodes(*world).Exceeds())
        {
            throw InputError(o.scenario + ": error: " + EstimateWorldNodes(*world).Message());
        }
        earth = world->Earth();
        if (!o.standard.empty())
        {
            policy = std::make_unique<StandardPolicy>(
                ResolveStandard(spec.standard, *world, spec.standardPath));
        }
        if (std::isnan(duration))
        {
            duration = world->Scenario().duration_s();
        }
        documentName = world->Scenario().name().empty() ? o.scenario : world->Scenario().name();
        for (const auto& n : world->Nodes())
        {
            nodes.push_back({n.name, RoleName(n.role), n.trajectory});
        }
    }
    else
    {
        if (o.startUtc.empty())
        {
            throw InputError("sagin ephemeris: error: --tle needs --start-utc ISO8601 (time 0)");
        }
        UtcEpoch epoch;
        try
        {
            epoch = UtcEpoch::Parse(o.startUtc);
        }
        catch (const std::invalid_argument& e)
        {
            throw InputError(std::string("sagin ephemeris: error: --start-utc: ") + e.what());
        }
        earth = std::make_shared<EarthOrientation>(epoch);
        std::string text;
        try
        {
            text = ReadFile(o.tleFile);
        }
        catch (const std::exception& e)
        {
            throw InputError(o.tleFile + ": error: " + e.what());
        }
        TleFile parsed = ParseTleText(text);
        for (const auto& w : parsed.warnings)
        {
            Warn(o.tleFile + ":" + std::to_string(w.line), w.message);
        }
        if (!parsed.errors.empty())
        {
            std::vector<std::string> lines;
            for (const auto& e : parsed.errors)
            {
                lines.push_back(o.tleFile + ":" + std::to_string(e.line)
                                + ":1: error: " + e.message);
            }
            throw InputError(lines);
        }
        if (std::isnan(duration))
        {
            duration = 0.0;
        }
        documentName = o.tleFile;
        for (const auto& tle : parsed.sets)
        {
            nodes.push_back({TleDisplayName(tle), "sat", std::make_shared<TleOrbit>(tle, earth)});
        }
    }
    std::vector<double> times;
    try
    {
        times = EphemerisTimes(o.start, duration, o.step);
    }
    catch (const InputError& e)
    {
        std::vector<std::string> lines;
        for (const auto& l : e.Lines())
        {
            lines.push_back("sagin ephemeris: error: --" + l);
        }
        throw InputError(lines);
    }
    if (!o.nodes.empty())
    {
        std::vector<EphemerisNode> kept;
        for (auto& n : nodes)
        {
            if (std::regex_search(n.name, filter))
            {
                kept.push_back(std::move(n));
            }
        }
        nodes.swap(kept);
        if (nodes.empty())
        {
            throw InputError("sagin ephemeris: error: --nodes '" + o.nodes + "' matches no node");
        }
    }
    const auto refused = Refusals({EstimateSamples("ephemeris positions",
                                                   static_cast<double>(nodes.size()),
                                                   static_cast<double>(times.size()),
                                                   std::to_string(nodes.size()) + " nodes x "
                                                       + std::to_string(times.size()) + " times")},
                                  "sagin ephemeris: error: ",
                                  o.force);
    if (!refused.empty())
    {
        throw InputError(refused);
    }
    // The standard's links as its TopologyController has them up (the sampling of `sagin view`),
    // between the nodes kept.
    std::vector<EphemerisLink> links;
    if (policy)
    {
        for (auto& l : EphemerisLinks(SampleView(*world, policy.get(), o.start, duration, o.step)))
        {
            if (o.nodes.empty()
                || (std::regex_search(l.a, filter) && std::regex_search(l.b, filter)))
            {
                links.push_back(std::move(l));
            }
        }
    }
    OutputTarget out(o.out);
    if (o.format == "csv")
    {
        WriteEphemerisCsv(out.Stream(), nodes, times, SunEphemeris(earth), true);
    }
    else if (o.format == "eclipses")
    {
        const auto summary = WriteEclipsesCsv(
            out.Stream(), nodes, o.start, o.start + duration, o.step, SunEphemeris(earth), true);
        out.Commit();
        PrintEclipseSummary(summary);
        return;
    }
    else
    {
        WriteEphemerisCzml(out.Stream(), nodes, times, earth->Epoch(), documentName, true, links);
    }
    out.Commit();
}

} // namespace

void
AddEphemerisCommand(CLI::App& app)
{
    auto o = std::make_shared<EphemerisOptions>();
    auto* cmd = app.add_subcommand(
        "ephemeris",
        "Positions of every node over time: ECEF metres and WGS84 geodetic, at t = start + k*step "
        "for every k with t <= start + duration. CSV columns: "
        "t_s,node,role,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit (sunlit: fraction of the solar "
        "disc visible, conical Earth shadow). CZML loads in Cesium.");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)");
    cmd->add_option("--standard",
                    o->standard,
                    "With --format czml: a standard whose links (its topology controller's, as "
                    "run and paths have them) the CZML draws while they are up");
    cmd->add_option("--tle", o->tleFile, "A TLE file instead of a scenario (needs --start-utc)");
    cmd->add_option("--start-utc", o->startUtc, "With --tle: the UTC instant of t = 0 (ISO 8601)");
    cmd->add_option("--start", o->start, "First time, seconds after the epoch (default 0)");
    cmd->add_option("--duration",
                    o->duration,
                    "Seconds covered (default: the scenario's duration_s; 0 with --tle)");
    cmd->add_option("--step",
                    o->step,
                    "Seconds between samples, at least 0.001, at most 1e7 samples (default 60)");
    cmd->add_option(
        "--nodes", o->nodes, "Only nodes whose name matches this regular expression (search)");
    o->flags.Check(cmd->add_option("--format",
                                   o->format,
                                   "Output format (default csv); eclipses: each node's penumbra "
                                   "and umbra intervals (CSV node,role,shadow,begin_s,end_s,"
                                   "duration_s), searched every --step s"),
                   OneOf({"csv", "czml", "eclipses"}));
    cmd->add_option("--out", o->out, "Output file, written atomically (default: stdout)");
    cmd->add_flag("--force",
                  o->force,
                  "Run even when the work estimate exceeds its limit (see README: work limits)");
    cmd->callback(
        [o]()
        {
            RunEphemeris(*o);
        });
}

} // namespace sagin::cli
