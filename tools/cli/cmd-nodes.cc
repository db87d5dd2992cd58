// `sagin nodes`: the nodes of a scenario with their roles, layers and groups, so that a user can
// pick the names `paths --from/--to`, `--all-pairs` and `ephemeris --nodes` take.
#include "cli/commands.h"
#include "cli/flag-checks.h"
#include "core/model/diagnostics.h"
#include "core/model/json-writer.h"
#include "core/model/text-format.h"
#include "routing/model/standard-policy.h"
#include "run/model/run-spec.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

namespace sagin::cli
{

namespace
{

struct NodesOptions
{
    std::string scenario;
    std::string standard;
    std::vector<std::string> sets;
    std::string format = "csv";
    std::string out;
    FlagErrors flags{"sagin nodes"}; ///< the flags' own checks (flag-checks.h)
};

std::string
LayerName(v1::Node::Layer layer)
{
    std::string name = v1::Node::Layer_Name(layer);
    std::transform(name.begin(),
                   name.end(),
                   name.begin(),
                   [](unsigned char c)
                   {
                       return std::tolower(c);
                   });
    return layer == v1::Node::LAYER_UNSPECIFIED ? "" : name;
}

void
RunNodes(const NodesOptions& o)
{
    RunRequest request;
    request.errors = o.flags.Errors();
    request.scenarioPath = o.scenario;
    if (!o.standard.empty())
    {
        request.standardPaths = {o.standard};
    }
    request.overrides = o.sets;
    request.needsDuration = false;
    const auto specs = PrepareRuns(request); // every error at once
    const RunSpec& spec = specs.front();
    const World world = BuildWorld(spec.scenario, spec.scenarioDirectory, o.scenario);
    std::unique_ptr<StandardPolicy> policy;
    if (!o.standard.empty())
    {
        policy
            = std::make_unique<StandardPolicy>(ResolveStandard(spec.standard, world, o.standard));
    }

    OutputTarget out(o.out);
    std::ostream& os = out.Stream();
    const bool csv = o.format == "csv";
    JsonWriter json(os);
    if (csv)
    {
        os << "name,role,layer,group,plane,slot,lat_deg,lon_deg,alt_m" << (policy ? ",used" : "")
           << "\n";
    }
    else
    {
        json.BeginArray(JsonWriter::Layout::Rows);
    }
    for (const auto& n : world.Nodes())
    {
        // group: the shell of a satellite, the site set of a generated site.
        const std::string group
            = n.role == v1::Node::SAT && n.shell >= 0 ? world.Shells()[n.shell].name : n.siteSet;
        const bool ground = n.layer == v1::Node::GROUND;
        const bool walker = n.plane >= 0;
        if (csv)
        {
            os << CsvField(n.name) << ',' << RoleName(n.role) << ',' << LayerName(n.layer) << ','
               << CsvField(group) << ',' << (walker ? std::to_string(n.plane) : "") << ','
               << (n.slot >= 0 ? std::to_string(n.slot) : "") << ','
               << (ground ? Exact(n.site.lat_deg) : "") << ','
               << (ground ? Exact(n.site.lon_deg) : "") << ','
               << (ground ? Exact(n.site.alt_m) : "");
            if (policy)
            {
                os << ',' << (policy->Uses(n) ? 1 : 0);
            }
            os << '\n';
            continue;
        }
        json.BeginObject().Key("name").String(n.name).Key("role").String(RoleName(n.role));
        json.Key("layer").String(LayerName(n.layer)).Key("group").String(group);
        json.Key("plane");
        walker ? json.Integer(n.plane) : json.Null();
        json.Key("slot");
        n.slot >= 0 ? json.Integer(n.slot) : json.Null();
        const double none = std::nan("");
        json.Key("lat_deg").Number(ground ? n.site.lat_deg : none);
        json.Key("lon_deg").Number(ground ? n.site.lon_deg : none);
        json.Key("alt_m").Number(ground ? n.site.alt_m : none);
        if (policy)
        {
            json.Key("used").Bool(policy->Uses(n));
        }
        json.EndObject();
    }
    if (!csv)
    {
        json.EndArray();
        os << '\n';
    }
    out.Commit();
}

} // namespace

void
AddNodesCommand(CLI::App& app)
{
    auto o = std::make_shared<NodesOptions>();
    auto* cmd = app.add_subcommand(
        "nodes",
        "The scenario's nodes, one per line: name, role (sat, haps, uav, ut, gw, bs, core), layer, "
        "group (a satellite's shell, a generated site's site set), Walker plane and slot, and the "
        "position of ground sites; with --standard, whether the standard uses the node. The names "
        "are those paths --from/--to/--all-pairs and ephemeris --nodes take.");
    cmd->add_option("SCENARIO", o->scenario, "Scenario file (.txtpb)")->required();
    cmd->add_option("--standard", o->standard, "Standard file (.txtpb): adds the column used");
    cmd->add_option("--set",
                    o->sets,
                    "Override a field before validation, as `sagin run`: scenario.<path>=value or "
                    "standard.<name|*>.<path>=value; repeat for several");
    o->flags.Check(cmd->add_option("--format", o->format, "Output format (default csv)"),
                   OneOf({"csv", "json"}));
    cmd->add_option("--out", o->out, "Output file, written atomically (default: stdout)");
    cmd->callback(
        [o]()
        {
            RunNodes(*o);
        });
}

} // namespace sagin::cli
