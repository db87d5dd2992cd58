#include "run/model/run-spec.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/sha256.h"
#include "routing/model/standard-policy.h"
#include "scenario/model/field-override.h"
#include "scenario/model/text-input.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/validate-standard.h"
#include "scenario/model/world.h"

#include <google/protobuf/text_format.h>

#include <algorithm>
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
    return Sha256Hex(a + "\n--standard--\n" + b + "\n--seed--\n" + std::to_string(seed) + "\n--duration--\n" +
                     std::to_string(duration_s) + "\n--files--\n" + files);
}

namespace
{

/// Why a standard that names the space layer finds nothing there, or empty.
std::string
SpaceLayerWithoutSatellites(const v1::Standard& standard, const StandardPolicy& policy, const World& world)
{
    std::string uses;
    for (int l : standard.access_layers())
    {
        if (l == v1::SPACE)
        {
            uses = "access_layers lists SPACE";
        }
    }
    for (const auto* aerial : {&standard.haps(), &standard.uav()})
    {
        for (int b : aerial->backhauls())
        {
            if (b == v1::VIA_SATELLITE && uses.empty())
            {
                uses = std::string(aerial == &standard.haps() ? "haps" : "uav") + ".backhauls lists VIA_SATELLITE";
            }
        }
    }
    if (uses.empty())
    {
        return "";
    }
    for (const auto& node : world.Nodes())
    {
        if (node.role == v1::SAT && policy.Uses(node))
        {
            return "";
        }
    }
    const bool anySatellite = std::any_of(world.Nodes().begin(), world.Nodes().end(),
                                          [](const WorldNode& n) { return n.role == v1::SAT; });
    return uses + ", but the scenario has " +
           (anySatellite ? std::string("no satellite of the orbits in space_orbits")
                         : std::string("no satellites")) +
           ": the space layer serves nothing under this standard";
}

} // namespace

std::vector<RunSpec>
PrepareRuns(const std::string& scenarioPath,
            const std::vector<std::string>& standardPaths,
            const std::vector<std::string>& overrides,
            std::uint64_t seed,
            bool seedGiven,
            double duration,
            bool durationGiven)
{
    std::vector<std::string> errors;
    TextInput scenarioInfo;
    v1::Scenario scenario = LoadTextInputAs<v1::Scenario>(scenarioPath, &scenarioInfo);
    if (scenario.name().empty())
    {
        std::string base = scenarioPath.substr(scenarioPath.find_last_of('/') + 1);
        scenario.set_name(base.substr(0, base.find('.')));
    }
    std::vector<v1::Standard> standards;
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
                errors.push_back(path + ": error: name: two standards are named '" + s.name() + "'");
            }
            standards.push_back(s);
            digests.push_back(info.sha256);
        }
        catch (const InputError& e)
        {
            errors.insert(errors.end(), e.Lines().begin(), e.Lines().end());
        }
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    // Overrides, before validation: a run never starts on invalid input.
    for (const auto& text : overrides)
    {
        RootedOverride o;
        std::string why = ParseOverride(text, o);
        if (why.empty())
        {
            if (o.root == "scenario")
            {
                why = SetField(scenario, o.path, o.value);
            }
            else
            {
                bool found = false;
                for (auto& s : standards)
                {
                    if (s.name() == o.standard)
                    {
                        found = true;
                        why = SetField(s, o.path, o.value);
                    }
                }
                if (!found)
                {
                    why = "no standard named '" + o.standard + "' in this run";
                }
            }
        }
        if (!why.empty())
        {
            errors.push_back("--set " + text + ": error: " + why);
        }
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    if (seedGiven)
    {
        scenario.set_seed(seed);
    }
    if (durationGiven)
    {
        scenario.set_duration_s(duration);
    }
    if (!(scenario.duration_s() > 0.0))
    {
        errors.push_back(scenarioPath + ": error: duration_s: a run needs a duration > 0 (or --duration)");
    }
    // Semantic validation of everything, all errors at once.
    std::unique_ptr<World> world;
    std::vector<std::string> warnings;
    try
    {
        world = std::make_unique<World>(BuildWorld(scenario, scenarioInfo.directory, scenarioPath, &warnings));
        ErrorList traffic;
        PlanTraffic(*world, scenario.duration_s(), traffic);
        for (const auto& l : traffic.Format(scenarioPath))
        {
            errors.push_back(l);
        }
    }
    catch (const InputError& e)
    {
        errors.insert(errors.end(), e.Lines().begin(), e.Lines().end());
    }
    if (scenario.traffic().flows_size() == 0)
    {
        warnings.push_back(scenarioPath + ": warning: traffic: the scenario has no flows: a packet-level run "
                                          "measures coverage only (no latency, loss or goodput)");
    }
    std::vector<std::vector<std::string>> standardWarnings(standards.size());
    for (size_t i = 0; i < standards.size(); ++i)
    {
        ErrorList e = ValidateStandard(standards[i]);
        for (const auto& l : e.Format(standardPaths[i]))
        {
            errors.push_back(l);
        }
        if (e.Empty() && world)
        {
            try
            {
                const StandardPolicy policy = ResolveStandard(standards[i], *world, standardPaths[i]);
                const std::string why = SpaceLayerWithoutSatellites(standards[i], policy, *world);
                if (!why.empty())
                {
                    standardWarnings[i].push_back(standardPaths[i] + ": warning: " + why);
                }
            }
            catch (const InputError& ie)
            {
                errors.insert(errors.end(), ie.Lines().begin(), ie.Lines().end());
            }
        }
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    std::vector<RunSpec> specs;
    for (size_t i = 0; i < standards.size(); ++i)
    {
        RunSpec r;
        r.scenario = scenario;
        r.scenarioPath = scenarioPath;
        r.scenarioDirectory = scenarioInfo.directory;
        r.standard = standards[i];
        r.standardPath = standardPaths[i];
        r.seed = scenario.seed();
        r.duration_s = scenario.duration_s();
        r.overrides = overrides;
        r.warnings = warnings;
        r.warnings.insert(r.warnings.end(), standardWarnings[i].begin(), standardWarnings[i].end());
        v1::InputDigest d;
        d.set_role("scenario");
        d.set_path(scenarioPath);
        d.set_sha256(scenarioInfo.sha256);
        r.inputs.push_back(d);
        d.set_role("standard");
        d.set_path(standardPaths[i]);
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

} // namespace sagin
