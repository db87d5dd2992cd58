#include "scenario/model/world.h"

#include "core/model/atomic-file.h"
#include "core/model/constants.h"
#include "core/model/deterministic-rng.h"
#include "core/model/diagnostics.h"
#include "orbit/model/flight-plan-trajectory.h"
#include "orbit/model/station-keeping-trajectory.h"
#include "orbit/model/tle-orbit.h"
#include "orbit/model/tle.h"
#include "orbit/model/walker-shell.h"
#include "scenario/model/failure-plan.h"
#include "scenario/model/site-sets.h"
#include "scenario/model/text-input.h"
#include "scenario/model/validate-scenario.h"

#include <set>

namespace sagin
{

std::string
RoleName(v1::Node::Role role)
{
    switch (role)
    {
    case v1::Node::SAT:
        return "sat";
    case v1::Node::HAPS:
        return "haps";
    case v1::Node::UAV:
        return "uav";
    case v1::Node::UT:
        return "ut";
    case v1::Node::GW:
        return "gw";
    case v1::Node::BS:
        return "bs";
    case v1::Node::CORE:
        return "core";
    default:
        return "unspecified";
    }
}

const v1::Scenario&
World::Scenario() const
{
    return m_scenario;
}

const std::shared_ptr<const EarthOrientation>&
World::Earth() const
{
    return m_earth;
}

const std::vector<WorldNode>&
World::Nodes() const
{
    return m_nodes;
}

const std::vector<WorldShell>&
World::Shells() const
{
    return m_shells;
}

int
World::Find(const std::string& name) const
{
    auto it = m_byName.find(name);
    return it == m_byName.end() ? -1 : it->second;
}

std::vector<int>
World::SiteSet(const std::string& name) const
{
    std::vector<int> out;
    for (size_t i = 0; i < m_nodes.size(); ++i)
    {
        if (m_nodes[i].siteSet == name)
        {
            out.push_back(static_cast<int>(i));
        }
    }
    return out;
}

const std::vector<std::pair<int, int>>&
World::ScenarioIsls() const
{
    return m_isls;
}

const std::vector<WorldFiber>&
World::Fibers() const
{
    return m_fibers;
}

std::string
TleNodeName(const std::string& shell, const std::string& displayName)
{
    std::string name = displayName;
    for (char& c : name)
    {
        if (c == ' ')
        {
            c = '-';
        }
    }
    name = SanitizeName(name);
    if (name.rfind(shell, 0) == 0 && name.size() > shell.size() && name[shell.size()] == '-')
    {
        return name;
    }
    return shell + "-" + name;
}

static Geodetic
ToGeodetic(const v1::GeoPoint& p)
{
    return {p.lat_deg(), p.lon_deg(), p.alt_m()};
}

/// The legs of a flight plan or of a moving terminal's route.
static std::vector<FlightLeg>
ToLegs(const google::protobuf::RepeatedPtrField<v1::FlightLeg>& in)
{
    std::vector<FlightLeg> legs;
    for (const auto& l : in)
    {
        FlightLeg leg;
        if (l.has_fly_to())
        {
            leg.kind = FlightLeg::Kind::FlyTo;
            leg.point = ToGeodetic(l.fly_to().point());
            leg.speed_m_s = l.fly_to().speed_m_s();
        }
        else if (l.has_hover())
        {
            leg.kind = FlightLeg::Kind::Hover;
            leg.duration_s = l.hover().duration_s();
        }
        else
        {
            leg.kind = FlightLeg::Kind::Loiter;
            leg.point = ToGeodetic(l.loiter().center());
            leg.radius_m = l.loiter().radius_m();
            leg.period_s = l.loiter().period_s();
            leg.duration_s = l.loiter().duration_s();
            leg.speed_m_s = l.loiter().approach_speed_m_s();
            leg.clockwise = !l.loiter().counter_clockwise();
        }
        legs.push_back(leg);
    }
    return legs;
}

World
BuildWorld(const v1::Scenario& scenario,
           const std::string& directory,
           const std::string& file,
           std::vector<std::string>* warnings)
{
    ErrorList errors;
    World w = ResolveWorld(scenario, directory, errors, warnings);
    if (!errors.Empty())
    {
        throw InputError(errors.Format(file));
    }
    return w;
}

bool
World::IsUnbuilt(const std::string& name) const
{
    for (const auto& prefix : m_unbuilt)
    {
        if (name == prefix
            || (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0
                && name[prefix.size()] == '-'))
        {
            return true;
        }
    }
    return false;
}

World
ResolveWorld(const v1::Scenario& scenario,
             const std::string& directory,
             ErrorList& errors,
             std::vector<std::string>* warnings)
{
    // Range checks first; an element with an error of its own ("shells[2]...") is not built, but
    // named nodes keep their names so that references to them are still checked.
    const ErrorList ranges = ValidateScenario(scenario, directory, warnings);
    std::set<std::string> broken;
    bool epochBroken = false;
    for (const auto& e : ranges.Errors())
    {
        errors.Add(e.path, e.message);
        const auto bracket = e.path.find(']');
        if (bracket != std::string::npos)
        {
            broken.insert(e.path.substr(0, bracket + 1));
        }
        epochBroken |= e.path == "epoch_utc" || e.path == "dut1_s";
    }
    auto isBroken = [&](const char* list, int i)
    {
        return broken.count(std::string(list) + "[" + std::to_string(i) + "]") > 0;
    };
    World w;
    w.m_scenario = scenario;
    w.m_earth = std::make_shared<EarthOrientation>(
        UtcEpoch::Parse(epochBroken ? "2000-01-01T12:00:00Z" : scenario.epoch_utc()),
        epochBroken ? 0.0 : scenario.dut1_s());
    auto add = [&](WorldNode n, const std::string& path)
    {
        if (!w.m_byName.emplace(n.name, static_cast<int>(w.m_nodes.size())).second)
        {
            errors.Add(path, "node name '" + n.name + "' is used twice");
            return false;
        }
        w.m_nodes.push_back(std::move(n));
        return true;
    };

    for (int si = 0; si < scenario.shells_size(); ++si)
    {
        const auto& sh = scenario.shells(si);
        const std::string path = "shells[" + std::to_string(si) + "]";
        WorldShell shell;
        shell.name = sh.name();
        if (isBroken("shells", si))
        {
            w.m_unbuilt.push_back(sh.name());
        }
        else if (sh.has_walker())
        {
            const auto& wk = sh.walker();
            WalkerParams p;
            p.kind = wk.pattern() == v1::WalkerShell::STAR ? WalkerKind::Star : WalkerKind::Delta;
            p.altitude_m = wk.altitude_km() * 1000.0;
            p.inclination_deg = wk.inclination_deg();
            p.total = static_cast<int>(wk.total_satellites());
            p.planes = static_cast<int>(wk.planes());
            p.phasing = static_cast<int>(wk.phasing());
            p.raan0_deg = wk.raan0_deg();
            p.argLat0_deg = wk.arg_latitude0_deg();
            shell.walker = true;
            shell.planes = p.planes;
            shell.perPlane = p.total / p.planes;
            shell.altitude_m = p.altitude_m;
            shell.inclination_deg = p.inclination_deg;
            shell.pattern = wk.pattern();
            for (const auto& sat : LayoutWalkerShell(sh.name(), p))
            {
                WorldNode n;
                n.name = sat.name;
                n.role = v1::Node::SAT;
                n.layer = v1::Node::SPACE;
                n.trajectory
                    = std::make_shared<CircularOrbit>(sat.elements, w.m_earth, !wk.no_j2_drift());
                n.shell = si;
                n.plane = sat.plane;
                n.slot = sat.slot;
                shell.nodes.push_back(static_cast<int>(w.m_nodes.size()));
                add(std::move(n), path + ".name");
            }
        }
        else if (sh.has_geo())
        {
            const auto& g = sh.geo();
            const double altitude
                = (g.altitude_km() > 0.0 ? g.altitude_km() : kGeoAltitudeKm) * 1000.0;
            shell.altitude_m = altitude;
            for (int k = 0; k < g.longitudes_deg_size(); ++k)
            {
                const double lon = g.longitudes_deg(k) * kDegToRad;
                const double r = kWgs84A + altitude;
                WorldNode n;
                n.name = sh.name() + "-" + std::to_string(k);
                n.role = v1::Node::SAT;
                n.layer = v1::Node::SPACE;
                n.trajectory = std::make_shared<FixedTrajectory>(
                    Vec3{r * std::cos(lon), r * std::sin(lon), 0.0});
                n.shell = si;
                n.slot = k;
                shell.nodes.push_back(static_cast<int>(w.m_nodes.size()));
                add(std::move(n), path + ".name");
            }
        }
        else
        {
            TleFile parsed = ParseTleText(sh.tle().source_case() == v1::TleShell::kText
                                              ? sh.tle().text()
                                              : ReadFile(ResolvePath(directory, sh.tle().file())));
            double altitudeSum = 0.0;
            int count = 0;
            for (const auto& tle : parsed.sets)
            {
                if (sh.tle().max_satellites() > 0
                    && count >= static_cast<int>(sh.tle().max_satellites()))
                {
                    break;
                }
                WorldNode n;
                n.name = TleNodeName(sh.name(), TleDisplayName(tle));
                n.role = v1::Node::SAT;
                n.layer = v1::Node::SPACE;
                auto orbit = std::make_shared<TleOrbit>(tle, w.m_earth);
                n.trajectory = orbit;
                n.shell = si;
                Vec3 r0 = n.trajectory->PositionAt(0.0);
                if (std::isfinite(r0.x))
                {
                    altitudeSum += Norm(r0) - kWgs84A;
                }
                ++count;
                shell.nodes.push_back(static_cast<int>(w.m_nodes.size()));
                add(std::move(n), path + ".tle.file");
            }
            shell.altitude_m = count > 0 ? altitudeSum / count : 0.0;
        }
        w.m_shells.push_back(std::move(shell));
    }

    for (int i = 0; i < scenario.aerial_platforms_size(); ++i)
    {
        const auto& a = scenario.aerial_platforms(i);
        WorldNode n;
        n.name = a.name();
        n.role = a.role();
        n.layer = v1::Node::AIR;
        if (isBroken("aerial_platforms", i))
        {
            n.trajectory = std::make_shared<FixedTrajectory>(Vec3{});
        }
        else if (a.has_station_keeping())
        {
            const auto& k = a.station_keeping();
            StationKeepingParams p;
            p.center = ToGeodetic(k.center());
            p.radius_m = k.radius_m();
            p.period_s = k.period_s();
            p.phase_deg = k.phase_deg();
            p.clockwise = !k.counter_clockwise();
            n.trajectory = std::make_shared<StationKeepingTrajectory>(p);
            n.site = p.center;
        }
        else
        {
            const auto& f = a.flight_plan();
            n.trajectory
                = std::make_shared<FlightPlanTrajectory>(ToGeodetic(f.start()), ToLegs(f.legs()));
            n.site = ToGeodetic(f.start());
        }
        if (!isBroken("aerial_platforms", i) || w.Find(n.name) < 0) // a bad name is reported once
        {
            add(std::move(n), "aerial_platforms[" + std::to_string(i) + "].name");
        }
    }

    for (int i = 0; i < scenario.aerial_fleets_size(); ++i)
    {
        const auto& f = scenario.aerial_fleets(i);
        if (isBroken("aerial_fleets", i))
        {
            w.m_unbuilt.push_back(f.name());
            continue;
        }
        const auto& r = f.region();
        std::vector<std::pair<double, double>> points;
        const double lonSpan = r.lon_max_deg() >= r.lon_min_deg()
                                   ? r.lon_max_deg() - r.lon_min_deg()
                                   : r.lon_max_deg() - r.lon_min_deg() + 360.0;
        if (f.random())
        {
            DeterministicRng rng(
                MixSeed(scenario.seed(), 0x666c656574000000ULL + f.seed_offset() + i));
            const double s0 = std::sin(r.lat_min_deg() * kDegToRad);
            const double s1 = std::sin(r.lat_max_deg() * kDegToRad);
            for (uint32_t k = 0; k < f.count(); ++k)
            {
                double lat = std::asin(s0 + (s1 - s0) * rng.NextUniform()) * kRadToDeg;
                double lon = r.lon_min_deg() + lonSpan * rng.NextUniform();
                points.emplace_back(lat, lon > 180.0 ? lon - 360.0 : lon);
            }
        }
        else if (f.count() > 0)
        {
            // Near-square cells: cols / rows ~ (lon span * cos(mid lat)) / lat span.
            const double latSpan = r.lat_max_deg() - r.lat_min_deg();
            const double aspect = lonSpan
                                  * std::cos(0.5 * (r.lat_min_deg() + r.lat_max_deg()) * kDegToRad)
                                  / latSpan;
            int rows = std::max(
                1, static_cast<int>(std::lround(std::sqrt(f.count() / std::max(aspect, 1e-6)))));
            int cols
                = std::max(1, static_cast<int>(std::ceil(static_cast<double>(f.count()) / rows)));
            while (rows * cols < static_cast<int>(f.count()))
            {
                ++cols;
            }
            for (int row = 0; row < rows && points.size() < f.count(); ++row)
            {
                for (int col = 0; col < cols && points.size() < f.count(); ++col)
                {
                    double lat = r.lat_min_deg() + (row + 0.5) * latSpan / rows;
                    double lon = r.lon_min_deg() + (col + 0.5) * lonSpan / cols;
                    points.emplace_back(lat, lon > 180.0 ? lon - 360.0 : lon);
                }
            }
        }
        for (size_t k = 0; k < points.size(); ++k)
        {
            WorldNode n;
            n.name = f.name() + "-" + std::to_string(k);
            n.role = f.role();
            n.layer = v1::Node::AIR;
            n.site = {points[k].first, points[k].second, f.alt_m()};
            n.trajectory = std::make_shared<FixedTrajectory>(GeodeticToEcef(n.site));
            add(std::move(n), "aerial_fleets[" + std::to_string(i) + "].name");
        }
    }

    for (int i = 0; i < scenario.ground_sites_size(); ++i)
    {
        const auto& g = scenario.ground_sites(i);
        WorldNode n;
        n.name = g.name();
        n.role = g.role();
        n.layer = v1::Node::GROUND;
        n.site = ToGeodetic(g.position());
        if (isBroken("ground_sites", i))
        {
            n.trajectory = std::make_shared<FixedTrajectory>(Vec3{});
        }
        else if (g.route_size() > 0)
        {
            n.trajectory = std::make_shared<FlightPlanTrajectory>(n.site, ToLegs(g.route()));
        }
        else
        {
            n.trajectory = std::make_shared<FixedTrajectory>(GeodeticToEcef(n.site));
        }
        n.population = g.population();
        n.antennaHeight_m = g.antenna_height_m() > 0.0 ? g.antenna_height_m() : 25.0;
        n.sectors = g.sectors() == 3 ? 3 : 1;
        n.sectorAzimuth_deg = g.sector_azimuth_deg();
        n.sectorDowntilt_deg = g.sector_downtilt_deg();
        if (!isBroken("ground_sites", i) || w.Find(n.name) < 0) // a bad name is reported once
        {
            add(std::move(n), "ground_sites[" + std::to_string(i) + "].name");
        }
    }

    for (int i = 0; i < scenario.site_sets_size(); ++i)
    {
        const auto& ss = scenario.site_sets(i);
        const std::string path = "site_sets[" + std::to_string(i) + "]";
        if (isBroken("site_sets", i))
        {
            w.m_unbuilt.push_back(ss.name());
            continue;
        }
        auto sites = GenerateSites(ss, scenario.seed());
        if (sites.empty())
        {
            errors.Add(
                path,
                "generates no sites (is the region empty of cities, or too small for the grid?)");
        }
        for (const auto& site : sites)
        {
            WorldNode n;
            n.name = site.name;
            n.role = ss.role();
            n.layer = v1::Node::GROUND;
            n.site = {site.lat_deg, site.lon_deg, ss.alt_m()};
            n.trajectory = std::make_shared<FixedTrajectory>(GeodeticToEcef(n.site));
            n.population = site.population;
            n.siteSet = ss.name();
            if (!add(std::move(n), path + ".name"))
            {
                break;
            }
        }
    }
    // Listed ISLs: both ends must be satellites.
    for (int i = 0; i < scenario.isls_size(); ++i)
    {
        const auto& isl = scenario.isls(i);
        const std::string path = "isls[" + std::to_string(i) + "]";
        if (isBroken("isls", i))
        {
            continue;
        }
        int a = w.Find(isl.a());
        int b = w.Find(isl.b());
        bool ok = true;
        for (auto [idx, name, field] : {std::tuple{a, isl.a(), ".a"}, {b, isl.b(), ".b"}})
        {
            if (idx < 0 && w.IsUnbuilt(name))
            {
                ok = false;
            }
            else if (idx < 0 || w.m_nodes[idx].role != v1::Node::SAT)
            {
                errors.Add(path + field, "no satellite named '" + name + "'");
                ok = false;
            }
        }
        if (ok)
        {
            w.m_isls.emplace_back(a, b);
        }
    }
    // Fiber: listed links, then each gateway and base station to its nearest core site.
    const auto& t = scenario.terrestrial();
    const double index = t.refractive_index() > 0.0 ? t.refractive_index() : 1.468;
    const double factor = t.route_factor() > 0.0 ? t.route_factor() : 1.0;
    const double defaultRate = (t.rate_gbps() > 0.0 ? t.rate_gbps() : 100.0) * 1e9;
    auto isGround = [&](int idx)
    {
        return idx >= 0 && w.m_nodes[idx].layer == v1::Node::GROUND;
    };
    auto addFiber = [&](int a, int b, double lengthKm, double rateGbps)
    {
        WorldFiber f;
        f.a = a;
        f.b = b;
        const auto& ga = w.m_nodes[a].site;
        const auto& gb = w.m_nodes[b].site;
        f.length_m
            = lengthKm > 0.0
                  ? lengthKm * 1000.0
                  : factor * GeodesicDistance(ga.lat_deg, ga.lon_deg, gb.lat_deg, gb.lon_deg);
        f.delay_s = f.length_m * index / kSpeedOfLight;
        f.rate_bps = rateGbps > 0.0 ? rateGbps * 1e9 : defaultRate;
        w.m_fibers.push_back(f);
    };
    for (int i = 0; i < t.fiber_links_size(); ++i)
    {
        const auto& f = t.fiber_links(i);
        const std::string path = "terrestrial.fiber_links[" + std::to_string(i) + "]";
        if (isBroken("terrestrial.fiber_links", i))
        {
            continue;
        }
        int a = w.Find(f.a());
        int b = w.Find(f.b());
        if (!isGround(a) && !(a < 0 && w.IsUnbuilt(f.a())))
        {
            errors.Add(path + ".a", "no ground site named '" + f.a() + "'");
        }
        if (!isGround(b) && !(b < 0 && w.IsUnbuilt(f.b())))
        {
            errors.Add(path + ".b", "no ground site named '" + f.b() + "'");
        }
        if (isGround(a) && isGround(b))
        {
            addFiber(a, b, f.length_km(), f.rate_gbps());
        }
    }
    if (t.connect_to_nearest_core())
    {
        std::vector<int> cores;
        for (size_t i = 0; i < w.m_nodes.size(); ++i)
        {
            if (w.m_nodes[i].role == v1::Node::CORE)
            {
                cores.push_back(static_cast<int>(i));
            }
        }
        if (cores.empty())
        {
            errors.Add("terrestrial.connect_to_nearest_core", "the scenario has no CORE site");
        }
        for (size_t i = 0; i < w.m_nodes.size() && !cores.empty(); ++i)
        {
            const auto& n = w.m_nodes[i];
            if (n.role != v1::Node::GW && n.role != v1::Node::BS)
            {
                continue;
            }
            int best = -1;
            double bestD = 0.0;
            for (int c : cores)
            {
                const auto& g = w.m_nodes[c].site;
                double d = GeodesicDistance(n.site.lat_deg, n.site.lon_deg, g.lat_deg, g.lon_deg);
                if (best < 0 || d < bestD)
                {
                    best = c;
                    bestD = d;
                }
            }
            addFiber(static_cast<int>(i), best, 0.0, 0.0);
        }
    }
    // Failure events: the satellites, shells, sites and ISL ends they name.
    std::vector<char> brokenFailures(scenario.failures_size());
    for (int i = 0; i < scenario.failures_size(); ++i)
    {
        brokenFailures[i] = isBroken("failures", i);
    }
    ResolveFailures(w, {}, 0.0, &errors, brokenFailures);
    return w;
}

World
LoadWorld(const std::string& path)
{
    TextInput info;
    v1::Scenario scenario = LoadTextInputAs<v1::Scenario>(path, &info);
    return BuildWorld(scenario, info.directory, path);
}

} // namespace sagin
