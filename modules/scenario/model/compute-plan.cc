#include "scenario/model/compute-plan.h"

#include "scenario/model/traffic-plan.h"
#include "scenario/model/validate-scenario.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace sagin
{

namespace
{

std::string
Idx(const std::string& path, int i)
{
    return path + "[" + std::to_string(i) + "]";
}

bool
IsHostRole(v1::Node::Role r)
{
    return r == v1::Node::SAT || r == v1::Node::HAPS || r == v1::Node::UAV || r == v1::Node::GW
           || r == v1::Node::BS || r == v1::Node::CORE;
}

bool
SiteAllows(v1::ServicePlacement::Site site, v1::Node::Role role)
{
    switch (site)
    {
    case v1::ServicePlacement::ANY:
        return true;
    case v1::ServicePlacement::IN_ORBIT:
        return role == v1::Node::SAT;
    case v1::ServicePlacement::HAPS:
        return role == v1::Node::HAPS;
    case v1::ServicePlacement::UAV:
        return role == v1::Node::UAV;
    case v1::ServicePlacement::GATEWAY_EDGE:
        return role == v1::Node::GW;
    case v1::ServicePlacement::BASE_STATION_EDGE:
        return role == v1::Node::BS;
    case v1::ServicePlacement::GROUND_CLOUD:
        return role == v1::Node::CORE;
    default:
        return false;
    }
}

void
CheckPlacement(const v1::ServicePlacement& p,
               const std::string& path,
               bool named,
               ErrorList& errors)
{
    if (named && p.service().empty())
    {
        errors.Add(path + ".service", "must name a service of the scenario's compute");
    }
    for (int k = 0; k < p.sites_size(); ++k)
    {
        if (p.sites(k) == v1::ServicePlacement::SITE_UNSPECIFIED)
        {
            errors.Add(Idx(path + ".sites", k),
                       "must be one of ANY, IN_ORBIT, HAPS, GATEWAY_EDGE, GROUND_CLOUD, UAV, "
                       "BASE_STATION_EDGE");
        }
    }
    if (!(p.load_info_age_ms() >= 0.0 && p.load_info_age_ms() <= 3.6e6))
    {
        errors.Add(path + ".load_info_age_ms",
                   "must be in [0, 3.6e6] ms, got " + Num(p.load_info_age_ms()));
    }
    else if (p.load_info_age_ms() > 0.0 && p.selection() != v1::ServicePlacement::LEAST_LOADED)
    {
        errors.Add(path + ".load_info_age_ms", "applies to LEAST_LOADED only");
    }
    if (p.selection() == v1::ServicePlacement::FIXED && p.fixed_node().empty())
    {
        errors.Add(path + ".fixed_node", "must name a compute host with FIXED");
    }
    if (p.selection() != v1::ServicePlacement::FIXED && !p.fixed_node().empty())
    {
        errors.Add(path + ".fixed_node", "applies to FIXED only");
    }
    const bool moves = p.continuity() == v1::ServicePlacement::MIGRATE
                       || p.continuity() == v1::ServicePlacement::REPLACE;
    if (!v1::ServicePlacement::Continuity_IsValid(p.continuity()))
    {
        errors.Add(path + ".continuity",
                   "must be one of PER_TASK, STAY, MIGRATE, REPLACE, got "
                       + std::to_string(p.continuity()));
    }
    else if (moves && p.selection() != v1::ServicePlacement::SELECTION_UNSPECIFIED
             && p.selection() != v1::ServicePlacement::NEAREST_LATENCY)
    {
        errors.Add(path + ".continuity",
                   v1::ServicePlacement::Continuity_Name(p.continuity())
                       + " moves a session to the nearest host: needs selection "
                         "NEAREST_LATENCY, got "
                       + v1::ServicePlacement::Selection_Name(p.selection()));
    }
    if (!(p.move_gain_ms() >= 0.0 && p.move_gain_ms() <= 3.6e6))
    {
        errors.Add(path + ".move_gain_ms",
                   "must be in [0, 3.6e6] ms, got " + Num(p.move_gain_ms()));
    }
    else if (p.move_gain_ms() > 0.0 && !moves)
    {
        errors.Add(path + ".move_gain_ms", "applies to MIGRATE and REPLACE only");
    }
    if (!(p.state_timeout_ms() >= 0.0 && p.state_timeout_ms() <= 3.6e6))
    {
        errors.Add(path + ".state_timeout_ms",
                   "must be in (0, 3.6e6] ms (0: 30000), got " + Num(p.state_timeout_ms()));
    }
    else if (p.state_timeout_ms() > 0.0
             && (p.continuity() == v1::ServicePlacement::CONTINUITY_UNSPECIFIED
                 || p.continuity() == v1::ServicePlacement::PER_TASK))
    {
        errors.Add(path + ".state_timeout_ms", "applies to sessions only (STAY, MIGRATE, REPLACE)");
    }
}

void
CheckComputePower(const v1::ComputePower& power, const std::string& path, ErrorList& errors)
{
    // A non-finite value is reported by the scenario-wide walk (and reset to 0 before this).
    auto watts = [&](double v, const char* field, const char* unit)
    {
        if (!(v >= 0.0 && v <= 1e7))
        {
            errors.Add(path + "." + field,
                       std::string("must be in [0, 1e7] ") + unit + ", got " + Num(v));
        }
    };
    watts(power.solar_array_w(), "solar_array_w", "W");
    watts(power.battery_wh(), "battery_wh", "Wh");
    watts(power.bus_load_w(), "bus_load_w", "W");
    watts(power.compute_load_w(), "compute_load_w", "W");
    if (power.has_depth_of_discharge()
        && !(power.depth_of_discharge() > 0.0 && power.depth_of_discharge() <= 1.0))
    {
        errors.Add(path + ".depth_of_discharge",
                   "must be in (0, 1], got " + Num(power.depth_of_discharge()));
    }
}

void
CheckEarthObservation(const v1::ComputeService& s, const std::string& p, ErrorList& errors)
{
    const v1::EarthObservation& eo = s.earth_observation();
    const std::string q = p + ".earth_observation";
    if (s.has_clients())
    {
        errors.Add(p + ".clients",
                   "must be unset with earth_observation (its satellites are the clients)");
    }
    if (s.request_bytes() != 0)
    {
        errors.Add(p + ".request_bytes",
                   "must be unset with earth_observation (the capture's size is its raw_bytes)");
    }
    if (s.response_bytes() != 0)
    {
        errors.Add(p + ".response_bytes",
                   "must be unset with earth_observation (the product's size is raw_bytes x "
                   "reduction_factor)");
    }
    if (s.state_bytes() != 0)
    {
        errors.Add(p + ".state_bytes",
                   "must be unset with earth_observation (a capture has no session)");
    }
    if (eo.satellites_case() == v1::EarthObservation::SATELLITES_NOT_SET)
    {
        errors.Add(q, "must select the capturing satellites (shell or shell_indices)");
    }
    if (!eo.has_region())
    {
        errors.Add(q + ".region", "must give the box the satellites capture over");
    }
    else
    {
        ValidateRegion(eo.region(), q + ".region", errors);
    }
    if (eo.raw_bytes() < 1 || eo.raw_bytes() > kComputeMaxMessage_bytes)
    {
        errors.Add(q + ".raw_bytes",
                   "must be in [1, 1e7] bytes, got " + std::to_string(eo.raw_bytes()));
    }
    if (!(eo.reduction_factor() > 0.0 && eo.reduction_factor() <= 1.0))
    {
        errors.Add(q + ".reduction_factor", "must be in (0, 1], got " + Num(eo.reduction_factor()));
    }
    if (eo.destination().empty())
    {
        errors.Add(q + ".destination", "must name the ground site that receives the products");
    }
}

/// The satellites of a shell (all, or by index); errors name `path`.
std::vector<int>
ShellSatellitesOf(const World& world,
                  bool all,
                  const std::string& name,
                  const google::protobuf::RepeatedField<std::uint32_t>& indices,
                  const std::string& path,
                  ErrorList& errors)
{
    const std::string field = all ? path + ".shell" : path + ".shell_indices.shell";
    const WorldShell* shell = nullptr;
    for (const auto& s : world.Shells())
    {
        shell = s.name == name ? &s : shell;
    }
    if (!shell)
    {
        if (!world.IsUnbuilt(name))
        {
            errors.Add(field, "no shell named '" + name + "'");
        }
        return {};
    }
    if (all)
    {
        return shell->nodes;
    }
    std::vector<int> selected;
    if (indices.empty())
    {
        errors.Add(path + ".shell_indices.indices", "must list at least one index");
    }
    for (int k = 0; k < indices.size(); ++k)
    {
        const auto ix = indices.Get(k);
        if (ix >= shell->nodes.size())
        {
            errors.Add(Idx(path + ".shell_indices.indices", k),
                       "must be < the shell's " + std::to_string(shell->nodes.size())
                           + " satellites, got " + std::to_string(ix));
        }
        else
        {
            selected.push_back(shell->nodes[ix]);
        }
    }
    return selected;
}

} // namespace

std::uint32_t
EarthObservationProductBytes(std::uint32_t raw_bytes, double reductionFactor)
{
    const double product = std::round(static_cast<double>(raw_bytes) * reductionFactor);
    return static_cast<std::uint32_t>(std::max(1.0, std::min(product, double(raw_bytes))));
}

int
ComputePlan::HostOf(int node) const
{
    for (size_t i = 0; i < hosts.size(); ++i)
    {
        if (hosts[i].node == node)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void
ValidateComputeFields(const v1::Scenario& scenario, ErrorList& errors)
{
    if (!scenario.has_compute())
    {
        return;
    }
    const v1::Compute& c = scenario.compute();
    for (int i = 0; i < c.nodes_size(); ++i)
    {
        const auto& g = c.nodes(i);
        const std::string p = Idx("compute.nodes", i);
        if (!g.name().empty() && !IsValidName(g.name()))
        {
            errors.Add(p + ".name",
                       "must use only letters, digits, '-', '_' and '.', got '" + g.name() + "'");
        }
        if (g.selection_case() == v1::ComputeNodes::SELECTION_NOT_SET)
        {
            errors.Add(p, "must select its nodes (sites, shell, shell_indices, role or names)");
        }
        if (g.selection_case() == v1::ComputeNodes::kRole && !IsHostRole(g.role()))
        {
            errors.Add(p + ".role", "must be one of SAT, HAPS, UAV, GW, BS, CORE");
        }
        if (g.servers() > 100000)
        {
            errors.Add(p + ".servers",
                       "must be at most 100000, got " + std::to_string(g.servers()));
        }
        switch (g.capacity_case())
        {
        case v1::ComputeNodes::kServiceRatePerS:
            if (!(g.service_rate_per_s() > 0.0 && g.service_rate_per_s() <= 1e9))
            {
                errors.Add(p + ".service_rate_per_s",
                           "must be in (0, 1e9] tasks/s, got " + Num(g.service_rate_per_s()));
            }
            break;
        case v1::ComputeNodes::kOpsPerS:
            if (!(g.ops_per_s() > 0.0 && g.ops_per_s() <= 1e20))
            {
                errors.Add(p + ".ops_per_s", "must be in (0, 1e20], got " + Num(g.ops_per_s()));
            }
            break;
        default:
            errors.Add(p, "must give a capacity (service_rate_per_s or ops_per_s)");
        }
        if (g.has_power())
        {
            CheckComputePower(g.power(), p + ".power", errors);
        }
    }
    std::set<std::string> names;
    for (int i = 0; i < c.services_size(); ++i)
    {
        const auto& s = c.services(i);
        const std::string p = Idx("compute.services", i);
        if (s.name().empty() || !IsValidName(s.name()))
        {
            errors.Add(p + ".name",
                       "must be a name of letters, digits, '-', '_' and '.', got '" + s.name()
                           + "'");
        }
        else if (!names.insert(s.name()).second)
        {
            errors.Add(p + ".name", "'" + s.name() + "' is used twice");
        }
        if (s.has_earth_observation())
        {
            CheckEarthObservation(s, p, errors);
        }
        else if (!s.has_clients())
        {
            errors.Add(p + ".clients", "must select the clients (set, role or names)");
        }
        if (!(s.rate_per_s() > 0.0 && s.rate_per_s() <= kComputeMaxRate_per_s))
        {
            errors.Add(p + ".rate_per_s",
                       "must be in (0, 1e5] tasks/s per client, got " + Num(s.rate_per_s()));
        }
        if (s.request_bytes() > kComputeMaxMessage_bytes)
        {
            errors.Add(p + ".request_bytes",
                       "must be at most 1e7, got " + std::to_string(s.request_bytes()));
        }
        if (s.response_bytes() > kComputeMaxMessage_bytes)
        {
            errors.Add(p + ".response_bytes",
                       "must be at most 1e7, got " + std::to_string(s.response_bytes()));
        }
        if (s.state_bytes() > kComputeMaxMessage_bytes)
        {
            errors.Add(p + ".state_bytes",
                       "must be at most 1e7, got " + std::to_string(s.state_bytes()));
        }
        if (s.has_operations() && !(s.operations() > 0.0 && s.operations() <= 1e20))
        {
            errors.Add(p + ".operations", "must be in (0, 1e20], got " + Num(s.operations()));
        }
        if (!(s.deadline_ms() >= 0.0 && s.deadline_ms() <= 3.6e6))
        {
            errors.Add(p + ".deadline_ms", "must be in [0, 3.6e6] ms, got " + Num(s.deadline_ms()));
        }
        if (!(s.start_s() >= 0.0))
        {
            errors.Add(p + ".start_s", "must be >= 0, got " + Num(s.start_s()));
        }
        if (!(s.stop_s() >= 0.0) || (s.stop_s() > 0.0 && s.stop_s() <= s.start_s()))
        {
            errors.Add(p + ".stop_s",
                       "must be 0 (the end of the run) or after start_s, got " + Num(s.stop_s()));
        }
    }
}

ComputePlan
PlanCompute(const World& world, double duration, ErrorList& errors)
{
    ComputePlan plan;
    const v1::Scenario& scenario = world.Scenario();
    if (!scenario.has_compute())
    {
        return plan;
    }
    const v1::Compute& c = scenario.compute();
    const auto& nodes = world.Nodes();
    std::map<int, int> hostGroup; // world node -> group
    for (int i = 0; i < c.nodes_size(); ++i)
    {
        const auto& g = c.nodes(i);
        const std::string p = Idx("compute.nodes", i);
        std::vector<int> selected;
        switch (g.selection_case())
        {
        case v1::ComputeNodes::kSites:
            selected = SelectSites(world, g.sites(), p + ".sites", errors);
            for (int n : selected)
            {
                if (nodes[n].role == v1::Node::UT)
                {
                    errors.Add(p + ".sites",
                               "'" + nodes[n].name
                                   + "' is a user terminal (terminals host no compute)");
                }
            }
            break;
        case v1::ComputeNodes::kShell:
        case v1::ComputeNodes::kShellIndices:
        {
            const bool all = g.selection_case() == v1::ComputeNodes::kShell;
            selected = ShellSatellitesOf(world,
                                         all,
                                         all ? g.shell() : g.shell_indices().shell(),
                                         g.shell_indices().indices(),
                                         p,
                                         errors);
            break;
        }
        case v1::ComputeNodes::kRole:
            for (size_t n = 0; n < nodes.size(); ++n)
            {
                if (nodes[n].role == g.role())
                {
                    selected.push_back(static_cast<int>(n));
                }
            }
            break;
        case v1::ComputeNodes::kNames:
        {
            std::istringstream in(g.names());
            std::string name;
            while (std::getline(in, name, ','))
            {
                const int n = world.Find(name);
                if (n < 0)
                {
                    if (!world.IsUnbuilt(name))
                    {
                        errors.Add(p + ".names", "no node named '" + name + "'");
                    }
                }
                else if (nodes[n].role == v1::Node::UT)
                {
                    errors.Add(p + ".names",
                               "'" + name + "' is a user terminal (terminals host no compute)");
                }
                else
                {
                    selected.push_back(n);
                }
            }
            break;
        }
        default:
            break; // ValidateComputeFields reports it
        }
        for (int n : selected)
        {
            if (nodes[n].role == v1::Node::UT)
            {
                continue;
            }
            if (g.has_power() && nodes[n].role != v1::Node::SAT)
            {
                errors.Add(p + ".power",
                           "'" + nodes[n].name + "' is a " + v1::Node::Role_Name(nodes[n].role)
                               + ", not a satellite (a power system applies to satellites only)");
            }
            auto [it, inserted] = hostGroup.emplace(n, i);
            if (!inserted)
            {
                if (it->second != i)
                {
                    errors.Add(p,
                               "'" + nodes[n].name + "' already hosts compute in "
                                   + Idx("compute.nodes", it->second));
                }
                continue;
            }
        }
    }
    for (const auto& [node, group] : hostGroup) // world node order
    {
        const auto& g = c.nodes(group);
        ComputeHost h;
        h.node = node;
        h.group = group;
        h.servers = g.servers() == 0 ? 1 : g.servers();
        h.serviceRate_per_s = g.has_service_rate_per_s() ? g.service_rate_per_s() : 0.0;
        h.ops_per_s = g.has_ops_per_s() ? g.ops_per_s() : 0.0;
        if (g.has_queue_limit())
        {
            h.queueLimit = g.queue_limit();
        }
        if (g.has_power())
        {
            const auto& pw = g.power();
            h.hasPower = true;
            h.power.solarArray_W = pw.solar_array_w();
            h.power.batteryCapacity_Wh = pw.battery_wh();
            h.power.depthOfDischarge = pw.has_depth_of_discharge() ? pw.depth_of_discharge() : 1.0;
            h.power.busLoad_W = pw.bus_load_w();
            h.power.computeLoad_W = pw.compute_load_w();
            h.eclipsePolicy = pw.eclipse_policy() == v1::ComputePower::FULL_RATE_FIRST
                                  ? EclipseComputePolicy::kFullRateFirst
                                  : EclipseComputePolicy::kSpread;
            h.shadow = pw.shadow_model() == v1::ComputePower::CONICAL ? ShadowBoundary::kPenumbra
                                                                      : ShadowBoundary::kCylinder;
        }
        plan.hosts.push_back(h);
    }
    for (int i = 0; i < c.services_size(); ++i)
    {
        const auto& s = c.services(i);
        const std::string p = Idx("compute.services", i);
        ComputeServicePlan sp;
        sp.name = s.name();
        sp.index = i;
        // What every service has: its arrivals, work and deadline.
        sp.rate_per_s = s.rate_per_s();
        sp.operations = s.has_operations() ? s.operations() : 0.0;
        sp.deterministic = s.service_time() == v1::ComputeService::DETERMINISTIC;
        sp.deadline_s = s.deadline_ms() * 1e-3;
        sp.start_s = s.start_s();
        sp.stop_s = s.stop_s() > 0.0 ? std::min(s.stop_s(), duration) : duration;
        if (s.has_earth_observation())
        {
            const v1::EarthObservation& eo = s.earth_observation();
            const std::string q = p + ".earth_observation";
            const bool all = eo.satellites_case() == v1::EarthObservation::kShell;
            if (eo.satellites_case() != v1::EarthObservation::SATELLITES_NOT_SET)
            {
                sp.clients = ShellSatellitesOf(world,
                                               all,
                                               all ? eo.shell() : eo.shell_indices().shell(),
                                               eo.shell_indices().indices(),
                                               q,
                                               errors);
            }
            sp.earthObservation = true;
            sp.region = eo.region();
            sp.reductionFactor = eo.reduction_factor();
            sp.request_bytes = std::max<std::uint32_t>(1, eo.raw_bytes());
            sp.response_bytes = EarthObservationProductBytes(
                sp.request_bytes,
                eo.reduction_factor() > 0.0 && eo.reduction_factor() <= 1.0 ? eo.reduction_factor()
                                                                            : 1.0);
            if (!eo.destination().empty())
            {
                const int n = world.Find(eo.destination());
                if (n < 0)
                {
                    if (!world.IsUnbuilt(eo.destination()))
                    {
                        errors.Add(q + ".destination", "no node named '" + eo.destination() + "'");
                    }
                }
                else if (nodes[n].role != v1::Node::GW && nodes[n].role != v1::Node::BS
                         && nodes[n].role != v1::Node::CORE)
                {
                    errors.Add(q + ".destination",
                               "'" + eo.destination() + "' is a "
                                   + v1::Node::Role_Name(nodes[n].role)
                                   + ", not a ground site (GW, BS or CORE)");
                }
                else
                {
                    sp.destination = n;
                }
            }
            plan.services.push_back(sp);
            continue;
        }
        if (s.has_clients())
        {
            sp.clients = SelectSites(world, s.clients(), p + ".clients", errors);
        }
        sp.request_bytes
            = s.request_bytes() == 0 ? kComputeDefaultMessage_bytes : s.request_bytes();
        sp.response_bytes
            = s.response_bytes() == 0 ? kComputeDefaultMessage_bytes : s.response_bytes();
        sp.state_bytes = s.state_bytes();
        plan.services.push_back(sp);
    }
    return plan;
}

void
ValidatePlacementFields(const v1::Standard& standard, ErrorList& errors)
{
    if (!standard.has_compute())
    {
        return;
    }
    const auto& c = standard.compute();
    std::set<std::string> seen;
    for (int i = 0; i < c.services_size(); ++i)
    {
        const std::string p = Idx("compute.services", i);
        CheckPlacement(c.services(i), p, true, errors);
        if (!c.services(i).service().empty() && !seen.insert(c.services(i).service()).second)
        {
            errors.Add(p + ".service", "'" + c.services(i).service() + "' is placed twice");
        }
    }
    if (c.has_default_placement())
    {
        CheckPlacement(c.default_placement(), "compute.default_placement", false, errors);
    }
}

std::vector<ServicePlacementPlan>
PlaceServices(const World& world,
              const ComputePlan& plan,
              const v1::Standard& standard,
              ErrorList& errors)
{
    const auto& nodes = world.Nodes();
    const v1::ComputePlacement& c = standard.compute();
    std::map<std::string, int> byName;
    for (int i = 0; i < c.services_size(); ++i)
    {
        byName[c.services(i).service()] = i;
        bool known = false;
        for (const auto& s : plan.services)
        {
            known |= s.name == c.services(i).service();
        }
        if (!known && !c.services(i).service().empty())
        {
            errors.Add(Idx("compute.services", i) + ".service",
                       "the scenario has no compute service named '" + c.services(i).service()
                           + "'");
        }
    }
    std::vector<ServicePlacementPlan> out;
    for (const auto& s : plan.services)
    {
        auto it = byName.find(s.name);
        const bool listed = it != byName.end();
        const v1::ServicePlacement& p = listed ? c.services(it->second) : c.default_placement();
        const std::string path
            = listed ? Idx("compute.services", it->second) : "compute.default_placement";
        ServicePlacementPlan sp;
        if (p.selection() != v1::ServicePlacement::SELECTION_UNSPECIFIED)
        {
            sp.selection = p.selection();
        }
        sp.loadInfoAge_s = p.load_info_age_ms() * 1e-3;
        if (p.continuity() != v1::ServicePlacement::CONTINUITY_UNSPECIFIED
            && v1::ServicePlacement::Continuity_IsValid(p.continuity()))
        {
            sp.continuity = p.continuity();
        }
        sp.moveGain_s = p.move_gain_ms() * 1e-3;
        if (p.state_timeout_ms() > 0.0)
        {
            sp.stateTimeout_s = p.state_timeout_ms() * 1e-3;
        }
        const bool moves = sp.continuity == v1::ServicePlacement::MIGRATE
                           || sp.continuity == v1::ServicePlacement::REPLACE;
        if (s.earthObservation && !listed)
        {
            sp.continuity = v1::ServicePlacement::PER_TASK; // the default's sessions: not for it
            sp.moveGain_s = 0.0;
        }
        else if (s.earthObservation && sp.continuity != v1::ServicePlacement::PER_TASK)
        {
            errors.Add(path + ".continuity",
                       "service '" + s.name
                           + "' is an Earth observation: a capture has no session (PER_TASK only)");
        }
        else if (moves && s.state_bytes == 0)
        {
            errors.Add(path + ".continuity",
                       v1::ServicePlacement::Continuity_Name(sp.continuity)
                           + " moves the session's state: service '" + s.name
                           + "' needs state_bytes > 0 (scenario compute.services["
                           + std::to_string(s.index) + "].state_bytes)");
        }
        for (size_t h = 0; h < plan.hosts.size(); ++h)
        {
            const v1::Node::Role role = nodes[plan.hosts[h].node].role;
            bool allowed = p.sites_size() == 0;
            for (int k = 0; k < p.sites_size(); ++k)
            {
                allowed |= SiteAllows(p.sites(k), role);
            }
            if (sp.selection == v1::ServicePlacement::FIXED)
            {
                allowed = nodes[plan.hosts[h].node].name == p.fixed_node();
            }
            if (!allowed)
            {
                continue;
            }
            const ComputeHost& host = plan.hosts[h];
            double mean = 0.0;
            if (host.serviceRate_per_s > 0.0)
            {
                mean = 1.0 / host.serviceRate_per_s;
            }
            else if (s.operations > 0.0)
            {
                mean = s.operations / host.ops_per_s;
            }
            else
            {
                errors.Add(path,
                           "service '" + s.name + "' may run on '" + nodes[host.node].name
                               + "', whose capacity is ops_per_s, but gives no operations "
                                 "(scenario compute.services["
                               + std::to_string(s.index) + "].operations)");
                continue;
            }
            sp.hosts.push_back(static_cast<int>(h));
            sp.mean_s.push_back(mean);
        }
        if (sp.selection == v1::ServicePlacement::FIXED && sp.hosts.empty()
            && !p.fixed_node().empty())
        {
            errors.Add(path + ".fixed_node",
                       "'" + p.fixed_node() + "' is not a compute host of the scenario");
        }
        out.push_back(std::move(sp));
    }
    return out;
}

} // namespace sagin
