#include "run/model/run-spec.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/sha256.h"
#include "routing/model/standard-policy.h"
#include "run/model/work-estimate.h"
#include "scenario/model/compute-plan.h"
#include "scenario/model/field-override.h"
#include "scenario/model/text-input.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/validate-input.h"
#include "scenario/model/validate-scenario.h"
#include "scenario/model/validate-standard.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <cmath>
#include <google/protobuf/text_format.h>
#include <map>
#include <set>

namespace sagin
{

std::string
RunSpec::RunId() const
{
    std::string a;
    std::string b;
    google::protobuf::TextFormat::PrintToString(scenario, &a);
    google::protobuf::TextFormat::PrintToString(standard, &b);
    // Files the scenario refers to (TLE files) count by content, not by path.
    std::string files;
    for (const auto& d : inputs)
    {
        if (d.role() != "scenario" && d.role() != "standard")
        {
            files += d.role() + ":" + d.sha256() + "\n";
        }
    }
    return Sha256Hex(a + "\n--standard--\n" + b + "\n--seed--\n" + std::to_string(seed)
                     + "\n--duration--\n" + std::to_string(duration_s) + "\n--files--\n" + files);
}

namespace
{

/// Why a standard that names the space layer finds nothing there, or empty.
std::string
SpaceLayerWithoutSatellites(const v1::Standard& standard,
                            const StandardPolicy& policy,
                            const World& world)
{
    std::string uses;
    for (int l : standard.access_layers())
    {
        if (l == v1::Node::SPACE)
        {
            uses = "access_layers lists SPACE";
        }
    }
    for (const auto* aerial : {&standard.haps(), &standard.uav()})
    {
        for (int b : aerial->backhauls())
        {
            if (b == v1::AerialPolicy::VIA_SATELLITE && uses.empty())
            {
                uses = std::string(aerial == &standard.haps() ? "haps" : "uav")
                       + ".backhauls lists VIA_SATELLITE";
            }
        }
    }
    if (uses.empty())
    {
        return "";
    }
    for (const auto& node : world.Nodes())
    {
        if (node.role == v1::Node::SAT && policy.Uses(node))
        {
            return "";
        }
    }
    const bool anySatellite = std::any_of(world.Nodes().begin(),
                                          world.Nodes().end(),
                                          [](const WorldNode& n)
                                          {
                                              return n.role == v1::Node::SAT;
                                          });
    return uses + ", but the scenario has "
           + (anySatellite ? std::string("no satellite of the orbits in space_orbits")
                           : std::string("no satellites"))
           + ": the space layer serves nothing under this standard";
}

} // namespace

std::vector<std::string>
ValidateRunInputs(const v1::Scenario& scenario,
                  const std::string& scenarioPath,
                  const std::string& scenarioDirectory,
                  const std::vector<v1::Standard>& standards,
                  const std::vector<std::string>& standardPaths,
                  double trafficDuration_s,
                  const std::vector<SiteReference>& sites,
                  RunWarnings* warnings,
                  bool packetRun,
                  bool force)
{
    // Non-finite numbers anywhere in the inputs first; the other checks see them as 0 and their
    // errors for those fields are dropped.
    v1::Scenario finiteScenario = scenario;
    const ErrorList nonFinite = NonFiniteFields(finiteScenario, true);
    const WorkEstimate planned = EstimateScenarioNodes(finiteScenario);
    if (!force && planned.Exceeds())
    {
        // Too large to build for the checks that need its nodes: the range checks of the scenario
        // and the standards' own checks only, with the refusal.
        std::vector<std::string> found;
        std::vector<std::string> lines
            = MergeErrors(nonFinite, ValidateScenario(finiteScenario, scenarioDirectory, &found))
                  .Format(scenarioPath);
        if (warnings)
        {
            warnings->scenario = found;
            warnings->standards.assign(standards.size(), {});
        }
        lines.push_back(scenarioPath + ": error: " + planned.Message());
        for (size_t i = 0; i < standards.size(); ++i)
        {
            v1::Standard standard = standards[i];
            const ErrorList nonFiniteStandard = NonFiniteFields(standard, true);
            const std::string where
                = i < standardPaths.size() ? standardPaths[i] : standards[i].name();
            for (const auto& l :
                 MergeErrors(nonFiniteStandard, ValidateStandard(standard)).Format(where))
            {
                lines.push_back(l);
            }
        }
        return lines;
    }
    ErrorList checks;
    std::vector<std::string> scenarioWarnings;
    const World world = ResolveWorld(finiteScenario, scenarioDirectory, checks, &scenarioWarnings);
    if (warnings)
    {
        warnings->scenario = scenarioWarnings;
        warnings->standards.assign(standards.size(), {});
    }
    const std::vector<PlannedFlow> flows = PlanTraffic(world, trafficDuration_s, checks);
    const ComputePlan compute = PlanCompute(world, trafficDuration_s, checks);
    const ErrorList scenarioErrors = MergeErrors(nonFinite, checks);
    std::vector<std::string> lines = scenarioErrors.Format(scenarioPath);
    const WorkEstimate nodes = EstimateWorldNodes(world);
    if (!force && nodes.Exceeds())
    {
        lines.push_back(scenarioPath + ": error: " + nodes.Message());
    }
    for (size_t i = 0; i < standards.size(); ++i)
    {
        v1::Standard standard = standards[i];
        const ErrorList nonFiniteStandard = NonFiniteFields(standard, true); // before the checks
        ErrorList errors = MergeErrors(nonFiniteStandard, ValidateStandard(standard));
        // The checks against the scenario; a field that failed its own check is not repeated.
        ErrorList resolved;
        ResolveStandard(standard, world, resolved);
        if (checks.Empty())
        {
            PlaceServices(world, compute, standard, resolved);
        }
        auto startsWith = [](const std::string& s, const std::string& prefix)
        {
            return s.compare(0, prefix.size(), prefix) == 0;
        };
        for (const auto& e : resolved.Errors())
        {
            // A link budget (`links.x.forward`) that its link model rejects repeats any error of
            // the same link's own fields.
            const bool budget = e.path.size() > 8
                                && (e.path.rfind(".forward") == e.path.size() - 8
                                    || e.path.rfind(".reverse") == e.path.size() - 8);
            const std::string link = budget ? e.path.substr(0, e.path.size() - 8) + "." : e.path;
            bool repeated = false;
            for (const auto& own : errors.Errors())
            {
                repeated |= startsWith(e.path, own.path) || startsWith(own.path, e.path)
                            || (budget && startsWith(own.path, link));
            }
            if (!repeated)
            {
                errors.Add(e.path, e.message);
            }
        }
        const std::string where = i < standardPaths.size() ? standardPaths[i] : standards[i].name();
        for (const auto& l : errors.Format(where))
        {
            lines.push_back(l);
        }
        if (packetRun && !force && errors.Empty() && scenarioErrors.Empty() && !nodes.Exceeds())
        {
            const WorkEstimate events
                = EstimateRunEvents(world, standard, flows, trafficDuration_s);
            if (events.Exceeds())
            {
                errors.Add("", events.Message());
                lines.push_back(where + ": error: " + events.Message());
            }
        }
        if (warnings && errors.Empty() && scenarioErrors.Empty())
        {
            const StandardPolicy policy = ResolveStandard(standard, world, where);
            const std::string why = SpaceLayerWithoutSatellites(standard, policy, world);
            if (!why.empty())
            {
                warnings->standards[i].push_back(where + ": warning: " + why);
            }
        }
    }
    for (const auto& ref : sites)
    {
        if (!ref.list && world.Find(ref.spec) < 0 && world.IsUnbuilt(ref.spec))
        {
            continue; // its own element has errors
        }
        try
        {
            if (ref.list)
            {
                ResolveSiteList(world, ref.spec, ref.where);
            }
            else
            {
                GroundSiteNamed(world, ref.spec, ref.where);
            }
        }
        catch (const InputError& e)
        {
            lines.insert(lines.end(), e.Lines().begin(), e.Lines().end());
        }
    }
    return lines;
}

std::vector<RunSpec>
PrepareRuns(const std::string& scenarioPath,
            const std::vector<std::string>& standardPaths,
            const std::vector<std::string>& overrides,
            std::uint64_t seed,
            bool seedGiven,
            double duration,
            bool durationGiven)
{
    RunRequest r;
    r.scenarioPath = scenarioPath;
    r.standardPaths = standardPaths;
    r.overrides = overrides;
    r.seed = seed;
    r.seedGiven = seedGiven;
    r.duration = duration;
    r.durationGiven = durationGiven;
    return PrepareRuns(r);
}

std::vector<RunSpec>
PrepareRuns(const RunRequest& request)
{
    const std::string& scenarioPath = request.scenarioPath;
    const std::vector<std::string>& standardPaths = request.standardPaths;
    const std::vector<std::string>& overrides = request.overrides;
    // Every error of every kind is collected before any is reported.
    std::vector<std::string> errors = request.errors;
    TextInput scenarioInfo;
    v1::Scenario scenario;
    bool scenarioLoaded = false;
    try
    {
        scenario = LoadTextInputAs<v1::Scenario>(scenarioPath, &scenarioInfo);
        scenarioLoaded = true;
    }
    catch (const InputError& e)
    {
        errors.insert(errors.end(), e.Lines().begin(), e.Lines().end());
    }
    if (scenario.name().empty())
    {
        std::string base = scenarioPath.substr(scenarioPath.find_last_of('/') + 1);
        scenario.set_name(base.substr(0, base.find('.')));
    }
    std::vector<v1::Standard> standards;
    std::vector<std::string> loadedPaths;
    std::vector<std::string> digests;
    std::set<std::string> names;
    for (const auto& path : standardPaths)
    {
        try
        {
            TextInput info;
            v1::Standard s = LoadTextInputAs<v1::Standard>(path, &info);
            if (s.name().empty())
            {
                std::string base = path.substr(path.find_last_of('/') + 1);
                s.set_name(base.substr(0, base.find('.')));
            }
            if (!names.insert(s.name()).second)
            {
                errors.push_back(path + ": error: name: two standards are named '" + s.name()
                                 + "'");
            }
            standards.push_back(s);
            loadedPaths.push_back(path);
            digests.push_back(info.sha256);
        }
        catch (const InputError& e)
        {
            errors.insert(errors.end(), e.Lines().begin(), e.Lines().end());
        }
    }
    const bool allStandardsLoaded = standards.size() == standardPaths.size();
    // Overrides, before validation: a run never starts on invalid input. `standard.*.<path>`
    // sets the field in every standard.
    for (const auto& text : overrides)
    {
        RootedOverride o;
        std::string why = ParseOverride(text, o);
        if (why.empty())
        {
            if (o.root == "scenario")
            {
                if (scenarioLoaded)
                {
                    why = SetField(scenario, o.path, o.value);
                }
            }
            else
            {
                bool found = false;
                for (auto& s : standards)
                {
                    if ((o.standard == "*" || s.name() == o.standard) && why.empty())
                    {
                        found = true;
                        why = SetField(s, o.path, o.value);
                    }
                }
                if (!found && allStandardsLoaded)
                {
                    std::string known;
                    for (const auto& s : standards)
                    {
                        known += (known.empty() ? "" : ", ") + s.name();
                    }
                    why = o.standard == "*" ? "no standard in this run"
                                            : "no standard named '" + o.standard + "' in this run ("
                                                  + known + ")";
                }
            }
        }
        if (!why.empty())
        {
            errors.push_back("--set " + text + ": error: " + why);
        }
    }
    if (request.seedGiven)
    {
        scenario.set_seed(request.seed);
    }
    if (request.durationGiven)
    {
        scenario.set_duration_s(request.duration);
    }
    if (scenarioLoaded && request.needsDuration && !(scenario.duration_s() > 0.0)
        && !std::isnan(scenario.duration_s()))
    {
        errors.push_back(scenarioPath
                         + ": error: duration_s: a run needs a duration > 0 (or --duration)");
    }
    // The validation pass: everything at once.
    RunWarnings warnings;
    if (scenarioLoaded)
    {
        for (const auto& l :
             ValidateRunInputs(scenario,
                               scenarioPath,
                               scenarioInfo.directory,
                               standards,
                               loadedPaths,
                               scenario.duration_s() > 0.0 ? scenario.duration_s() : 1.0,
                               request.sites,
                               &warnings,
                               request.needsDuration,
                               request.force))
        {
            errors.push_back(l);
        }
        if (request.needsDuration && scenario.traffic().flows_size() == 0)
        {
            warnings.scenario.push_back(
                scenarioPath
                + ": warning: traffic: the scenario has no flows: a packet-level "
                  "run measures coverage only (no latency, loss or goodput)");
        }
    }
    else
    {
        for (size_t i = 0; i < standards.size(); ++i)
        {
            v1::Standard standard = standards[i];
            const ErrorList nonFinite = NonFiniteFields(standard, true);
            const ErrorList standardErrors = MergeErrors(nonFinite, ValidateStandard(standard));
            for (const auto& l : standardErrors.Format(loadedPaths[i]))
            {
                errors.push_back(l);
            }
        }
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    std::vector<RunSpec> specs;
    if (standards.empty())
    {
        standards.emplace_back(); // a command that reads only the scenario: one spec, no standard
        loadedPaths.emplace_back();
        digests.emplace_back();
    }
    for (size_t i = 0; i < standards.size(); ++i)
    {
        RunSpec r;
        r.scenario = scenario;
        r.scenarioPath = scenarioPath;
        r.scenarioDirectory = scenarioInfo.directory;
        r.standard = standards[i];
        r.standardPath = loadedPaths[i];
        r.seed = scenario.seed();
        r.duration_s = scenario.duration_s();
        r.overrides = overrides;
        r.force = request.force;
        r.warnings = warnings.scenario;
        if (i < warnings.standards.size())
        {
            r.warnings.insert(
                r.warnings.end(), warnings.standards[i].begin(), warnings.standards[i].end());
        }
        v1::InputDigest d;
        d.set_role("scenario");
        d.set_path(scenarioPath);
        d.set_sha256(scenarioInfo.sha256);
        r.inputs.push_back(d);
        d.set_role("standard");
        d.set_path(loadedPaths[i]);
        d.set_sha256(digests[i]);
        r.inputs.push_back(d);
        // Files the scenario refers to (TLE files).
        for (const auto& shell : scenario.shells())
        {
            if (shell.has_tle() && shell.tle().source_case() == v1::TleShell::kFile)
            {
                const std::string path = ResolvePath(scenarioInfo.directory, shell.tle().file());
                d.set_role("tle");
                d.set_path(path);
                d.set_sha256(Sha256Hex(ReadFile(path)));
                r.inputs.push_back(d);
            }
        }
        specs.push_back(std::move(r));
    }
    return specs;
}

std::vector<std::string>
DistinctWarnings(const std::vector<RunSpec>& specs)
{
    std::vector<std::string> out;
    for (const auto& spec : specs)
    {
        for (const auto& w : spec.warnings)
        {
            if (std::find(out.begin(), out.end(), w) == out.end())
            {
                out.push_back(w);
            }
        }
    }
    return out;
}

} // namespace sagin
