#include "scenario/model/validate-scenario.h"

#include "core/model/atomic-file.h"
#include "core/model/utc-epoch.h"
#include "link/model/rain-fade-series.h"
#include "orbit/model/tle.h"
#include "scenario/model/compute-plan.h"
#include "scenario/model/site-sets.h"
#include "scenario/model/text-input.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>

namespace sagin
{

std::string
Num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

bool
IsValidName(const std::string& name)
{
    // Not empty and not starting with '.' (no ".", "..", nor a hidden file: names become path
    // components of output folders).
    if (name.empty() || name[0] == '.')
    {
        return false;
    }
    for (char c : name)
    {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || c == '-' || c == '_' || c == '.';
        if (!ok)
        {
            return false;
        }
    }
    return true;
}

static void
NonNegativeField(double v, const std::string& path, ErrorList& errors)
{
    if (!(v >= 0.0) || !std::isfinite(v))
    {
        errors.Add(path, "must be >= 0, got " + Num(v));
    }
}

static std::string
Idx(const std::string& path, int i)
{
    return path + "[" + std::to_string(i) + "]";
}

void
ValidateGeoPoint(const v1::GeoPoint& p, const std::string& path, ErrorList& errors)
{
    if (!std::isfinite(p.lat_deg()) || p.lat_deg() < -90.0 || p.lat_deg() > 90.0)
    {
        errors.Add(path + ".lat_deg", "must be in [-90, 90], got " + Num(p.lat_deg()));
    }
    if (!std::isfinite(p.lon_deg()) || p.lon_deg() < -180.0 || p.lon_deg() >= 360.0)
    {
        errors.Add(path + ".lon_deg", "must be in [-180, 360), got " + Num(p.lon_deg()));
    }
    if (!std::isfinite(p.alt_m()) || p.alt_m() < -500.0 || p.alt_m() > 1.0e8)
    {
        errors.Add(path + ".alt_m", "must be in [-500, 1e8] m, got " + Num(p.alt_m()));
    }
}

void
ValidateRegion(const v1::Region& r, const std::string& path, ErrorList& errors)
{
    if (!(r.lat_min_deg() >= -90.0 && r.lat_min_deg() <= 90.0))
    {
        errors.Add(path + ".lat_min_deg", "must be in [-90, 90], got " + Num(r.lat_min_deg()));
    }
    if (!(r.lat_max_deg() >= -90.0 && r.lat_max_deg() <= 90.0))
    {
        errors.Add(path + ".lat_max_deg", "must be in [-90, 90], got " + Num(r.lat_max_deg()));
    }
    if (!(r.lat_max_deg() > r.lat_min_deg()))
    {
        errors.Add(path + ".lat_max_deg",
                   "must be greater than lat_min_deg (" + Num(r.lat_min_deg()) + "), got "
                       + Num(r.lat_max_deg()));
    }
    for (auto [v, name] :
         {std::pair{r.lon_min_deg(), "lon_min_deg"}, {r.lon_max_deg(), "lon_max_deg"}})
    {
        if (!(v >= -180.0 && v <= 360.0))
        {
            errors.Add(path + "." + name, "must be in [-180, 360], got " + Num(v));
        }
    }
    if (r.lon_min_deg() == r.lon_max_deg())
    {
        errors.Add(path + ".lon_max_deg", "must differ from lon_min_deg (an empty box)");
    }
}

static void
ValidateWalker(const v1::WalkerShell& w, const std::string& path, ErrorList& errors)
{
    if (w.pattern() == v1::WalkerShell::WALKER_PATTERN_UNSPECIFIED)
    {
        errors.Add(path + ".pattern",
                   "must be one of " + EnumValueNames(v1::WalkerShell::Pattern_descriptor()));
    }
    if (!(w.altitude_km() > 0.0) || !std::isfinite(w.altitude_km()))
    {
        errors.Add(path + ".altitude_km", "must be > 0, got " + Num(w.altitude_km()));
    }
    else if (w.altitude_km() > 400000.0)
    {
        errors.Add(path + ".altitude_km", "must be <= 400000 km, got " + Num(w.altitude_km()));
    }
    if (!(w.inclination_deg() >= 0.0 && w.inclination_deg() <= 180.0))
    {
        errors.Add(path + ".inclination_deg",
                   "must be in [0, 180], got " + Num(w.inclination_deg()));
    }
    if (w.planes() < 1)
    {
        errors.Add(path + ".planes", "must be >= 1, got " + std::to_string(w.planes()));
    }
    if (w.total_satellites() < 1)
    {
        errors.Add(path + ".total_satellites",
                   "must be >= 1, got " + std::to_string(w.total_satellites()));
    }
    else if (w.planes() >= 1 && w.total_satellites() % w.planes() != 0)
    {
        errors.Add(path + ".total_satellites",
                   "must be a multiple of planes (" + std::to_string(w.planes()) + "), got "
                       + std::to_string(w.total_satellites()));
    }
    if (w.total_satellites() > 1000000)
    {
        errors.Add(path + ".total_satellites", "must be <= 1000000");
    }
    if (w.planes() >= 1 && w.phasing() >= w.planes())
    {
        errors.Add(path + ".phasing",
                   "must be in [0, planes) = [0, " + std::to_string(w.planes()) + "), got "
                       + std::to_string(w.phasing()));
    }
    for (auto [v, name] :
         {std::pair{w.raan0_deg(), "raan0_deg"}, {w.arg_latitude0_deg(), "arg_latitude0_deg"}})
    {
        if (!std::isfinite(v) || std::fabs(v) > 360.0)
        {
            errors.Add(path + "." + name, "must be in [-360, 360], got " + Num(v));
        }
    }
}

/// A warning to `sink` as `<where>: warning: <message>`, or to stderr when there is no sink.
static void
EmitWarning(std::vector<std::string>* sink, const std::string& where, const std::string& message)
{
    if (sink)
    {
        sink->push_back(where + ": warning: " + message);
    }
    else
    {
        Warn(where, message);
    }
}

/// SGP4's element sets of near-Earth orbits (period below 225 min) lose accuracy quickly away
/// from their epoch (km per day, more with drag); a run more than this far from the epoch of a
/// set it propagates is almost certainly a stale file.
constexpr double kNearEarthTleSpan_days = 30.0;

static void
ValidateTle(const v1::TleShell& t,
            const std::string& path,
            const std::string& directory,
            const v1::Scenario& scenario,
            ErrorList& errors,
            std::vector<std::string>* warnings)
{
    std::string where;
    std::string text;
    if (t.source_case() == v1::TleShell::kText)
    {
        where = path + ".text";
        text = t.text();
    }
    else
    {
        if (t.file().empty())
        {
            errors.Add(path + ".file", "must name a TLE file (or give the element sets in text)");
            return;
        }
        where = ResolvePath(directory, t.file());
        try
        {
            text = ReadFile(where);
        }
        catch (const std::exception& e)
        {
            errors.Add(path + ".file", std::string("TLE file: ") + e.what());
            return;
        }
    }
    const std::string field
        = t.source_case() == v1::TleShell::kText ? path + ".text" : path + ".file";
    TleFile parsed = ParseTleText(text);
    for (const auto& w : parsed.warnings)
    {
        EmitWarning(warnings, where + ":" + std::to_string(w.line), w.message);
    }
    // The run's span against the element sets' epochs (near-Earth sets only).
    try
    {
        const UtcEpoch start = UtcEpoch::Parse(scenario.epoch_utc());
        const double duration
            = std::isfinite(scenario.duration_s()) ? std::max(0.0, scenario.duration_s()) : 0.0;
        int stale = 0;
        int nearEarth = 0;
        double worst_days = 0.0;
        for (const auto& set : parsed.sets)
        {
            if (!(set.meanMotion_revPerDay > 1440.0 / 225.0))
            {
                continue; // deep space (SDP4): not checked
            }
            ++nearEarth;
            const double fromEpoch_s = start.SecondsSince(set.epoch);
            const double span_days
                = std::max(std::fabs(fromEpoch_s), std::fabs(fromEpoch_s + duration)) / 86400.0;
            if (span_days > kNearEarthTleSpan_days)
            {
                ++stale;
                worst_days = std::max(worst_days, span_days);
            }
        }
        if (stale > 0)
        {
            char days[32];
            std::snprintf(days, sizeof days, "%.1f", worst_days);
            EmitWarning(warnings,
                        where,
                        path + ": the run reaches " + days + " days from the epoch of "
                            + std::to_string(stale) + " of its " + std::to_string(nearEarth)
                            + " near-Earth element sets; SGP4 predictions of near-Earth orbits "
                              "(period < 225 min) "
                              "are not meant for more than 30 days from the set's epoch (errors of "
                              "kilometres a "
                              "day): use element sets from within 30 days of the run (epoch_utc to "
                              "epoch_utc + "
                              "duration_s)");
        }
    }
    catch (const std::exception&)
    {
        // epoch_utc is reported by its own check.
    }
    for (const auto& e : parsed.errors)
    {
        errors.Add(field,
                   (t.source_case() == v1::TleShell::kText ? "line " : where + ":")
                       + std::to_string(e.line) + ": " + e.message);
    }
    if (parsed.errors.empty() && parsed.sets.empty())
    {
        errors.Add(field, "holds no element sets");
    }
}

/// The legs of a flight plan or of a moving terminal's route, at `path` (e.g. "...legs").
static void
ValidateLegs(const google::protobuf::RepeatedPtrField<v1::FlightLeg>& legs,
             const std::string& path,
             ErrorList& errors)
{
    for (int i = 0; i < legs.size(); ++i)
    {
        const auto& leg = legs.Get(i);
        std::string lp = Idx(path, i);
        switch (leg.leg_case())
        {
        case v1::FlightLeg::kFlyTo:
            ValidateGeoPoint(leg.fly_to().point(), lp + ".fly_to.point", errors);
            if (!(leg.fly_to().speed_m_s() > 0.0))
            {
                errors.Add(lp + ".fly_to.speed_m_s",
                           "must be > 0, got " + Num(leg.fly_to().speed_m_s()));
            }
            break;
        case v1::FlightLeg::kHover:
            if (!(leg.hover().duration_s() >= 0.0))
            {
                errors.Add(lp + ".hover.duration_s",
                           "must be >= 0, got " + Num(leg.hover().duration_s()));
            }
            break;
        case v1::FlightLeg::kLoiter:
        {
            const auto& l = leg.loiter();
            ValidateGeoPoint(l.center(), lp + ".loiter.center", errors);
            if (!(l.radius_m() > 0.0))
            {
                errors.Add(lp + ".loiter.radius_m", "must be > 0, got " + Num(l.radius_m()));
            }
            if (!(l.period_s() > 0.0))
            {
                errors.Add(lp + ".loiter.period_s", "must be > 0, got " + Num(l.period_s()));
            }
            if (!(l.duration_s() >= 0.0))
            {
                errors.Add(lp + ".loiter.duration_s", "must be >= 0, got " + Num(l.duration_s()));
            }
            if (!(l.approach_speed_m_s() >= 0.0))
            {
                errors.Add(lp + ".loiter.approach_speed_m_s", "must be >= 0");
            }
            break;
        }
        case v1::FlightLeg::LEG_NOT_SET:
            errors.Add(lp, "must set one of fly_to, hover, loiter");
            break;
        }
    }
}

static void
ValidateFlightPlan(const v1::FlightPlan& f, const std::string& path, ErrorList& errors)
{
    ValidateGeoPoint(f.start(), path + ".start", errors);
    ValidateLegs(f.legs(), path + ".legs", errors);
}

static bool
IsGroundRole(v1::Node::Role r)
{
    return r == v1::Node::UT || r == v1::Node::GW || r == v1::Node::BS || r == v1::Node::CORE;
}

ErrorList
ValidateScenario(const v1::Scenario& s,
                 const std::string& directory,
                 std::vector<std::string>* warnings)
{
    ErrorList errors;
    if (!s.name().empty() && !IsValidName(s.name()))
    {
        errors.Add("name",
                   "must use only letters, digits, '-', '_' and '.', not starting with '.', got '"
                       + s.name() + "'");
    }
    if (s.epoch_utc().empty())
    {
        errors.Add("epoch_utc", "must be set (ISO 8601 UTC, e.g. \"2026-01-01T00:00:00Z\")");
    }
    else
    {
        try
        {
            UtcEpoch::Parse(s.epoch_utc());
        }
        catch (const std::invalid_argument& e)
        {
            errors.Add("epoch_utc", e.what());
        }
    }
    if (!(s.duration_s() >= 0.0) || !std::isfinite(s.duration_s()))
    {
        errors.Add("duration_s", "must be >= 0, got " + Num(s.duration_s()));
    }
    if (!(std::fabs(s.dut1_s()) < 0.9))
    {
        errors.Add("dut1_s", "must be in (-0.9, 0.9) s, got " + Num(s.dut1_s()));
    }

    std::set<std::string> names;
    auto claimName = [&](const std::string& name, const std::string& path)
    {
        if (!IsValidName(name))
        {
            errors.Add(
                path,
                "must be a name of letters, digits, '-', '_' and '.', not starting with '.', got '"
                    + name + "'");
        }
        else if (!names.insert(name).second)
        {
            errors.Add(path, "'" + name + "' is used twice");
        }
    };

    for (int i = 0; i < s.shells_size(); ++i)
    {
        const auto& sh = s.shells(i);
        std::string p = Idx("shells", i);
        claimName(sh.name(), p + ".name");
        switch (sh.kind_case())
        {
        case v1::Shell::kWalker:
            ValidateWalker(sh.walker(), p + ".walker", errors);
            break;
        case v1::Shell::kTle:
            ValidateTle(sh.tle(), p + ".tle", directory, s, errors, warnings);
            break;
        case v1::Shell::kGeo:
        {
            const auto& g = sh.geo();
            if (g.longitudes_deg_size() == 0)
            {
                errors.Add(p + ".geo.longitudes_deg", "must list at least one longitude");
            }
            for (int k = 0; k < g.longitudes_deg_size(); ++k)
            {
                double lon = g.longitudes_deg(k);
                if (!(lon >= -180.0 && lon < 360.0))
                {
                    errors.Add(Idx(p + ".geo.longitudes_deg", k),
                               "must be in [-180, 360), got " + Num(lon));
                }
            }
            if (!(g.altitude_km() >= 0.0) || g.altitude_km() > 400000.0)
            {
                errors.Add(p + ".geo.altitude_km",
                           "must be in [0, 400000], got " + Num(g.altitude_km()));
            }
            break;
        }
        case v1::Shell::KIND_NOT_SET:
            errors.Add(p, "must set walker, tle or geo");
            break;
        }
    }
    for (int i = 0; i < s.aerial_platforms_size(); ++i)
    {
        const auto& a = s.aerial_platforms(i);
        std::string p = Idx("aerial_platforms", i);
        claimName(a.name(), p + ".name");
        if (a.role() != v1::Node::HAPS && a.role() != v1::Node::UAV)
        {
            errors.Add(p + ".role", "must be one of HAPS, UAV");
        }
        switch (a.motion_case())
        {
        case v1::AerialPlatform::kStationKeeping:
        {
            const auto& k = a.station_keeping();
            ValidateGeoPoint(k.center(), p + ".station_keeping.center", errors);
            if (!(k.radius_m() >= 0.0))
            {
                errors.Add(p + ".station_keeping.radius_m",
                           "must be >= 0, got " + Num(k.radius_m()));
            }
            if (k.radius_m() > 0.0 && !(k.period_s() > 0.0))
            {
                errors.Add(p + ".station_keeping.period_s",
                           "must be > 0 when radius_m > 0, got " + Num(k.period_s()));
            }
            break;
        }
        case v1::AerialPlatform::kFlightPlan:
            ValidateFlightPlan(a.flight_plan(), p + ".flight_plan", errors);
            break;
        case v1::AerialPlatform::MOTION_NOT_SET:
            errors.Add(p, "must set station_keeping or flight_plan");
            break;
        }
    }
    for (int i = 0; i < s.ground_sites_size(); ++i)
    {
        const auto& g = s.ground_sites(i);
        std::string p = Idx("ground_sites", i);
        claimName(g.name(), p + ".name");
        if (!IsGroundRole(g.role()))
        {
            errors.Add(p + ".role", "must be one of UT, GW, BS, CORE");
        }
        if (!g.has_position())
        {
            errors.Add(p + ".position", "must be set");
        }
        ValidateGeoPoint(g.position(), p + ".position", errors);
        NonNegativeField(g.antenna_height_m(), p + ".antenna_height_m", errors);
        if (!(std::fabs(g.sector_downtilt_deg()) <= 90.0))
        {
            errors.Add(p + ".sector_downtilt_deg",
                       "must be in [-90, 90], got " + Num(g.sector_downtilt_deg()));
        }
        if (g.sectors() != 0 && g.sectors() != 1 && g.sectors() != 3)
        {
            errors.Add(p + ".sectors", "must be 0, 1 or 3, got " + std::to_string(g.sectors()));
        }
        if (!(g.population() >= 0.0))
        {
            errors.Add(p + ".population", "must be >= 0, got " + Num(g.population()));
        }
        if (g.route_size() > 0 && g.role() != v1::Node::UT)
        {
            errors.Add(p + ".route",
                       "only a terminal (role UT) moves; gateways, base stations "
                       "and core sites are fixed");
        }
        ValidateLegs(g.route(), p + ".route", errors);
    }
    for (int i = 0; i < s.site_sets_size(); ++i)
    {
        const auto& ss = s.site_sets(i);
        std::string p = Idx("site_sets", i);
        if (!IsValidName(ss.name()))
        {
            errors.Add(
                p + ".name",
                "must be a name of letters, digits, '-', '_' and '.', not starting with '.', got '"
                    + ss.name() + "'");
        }
        if (!IsGroundRole(ss.role()))
        {
            errors.Add(p + ".role", "must be one of UT, GW, BS, CORE");
        }
        switch (ss.generator_case())
        {
        case v1::SiteSet::kCities:
            if (ss.cities().top() < 1 || ss.cities().top() > WorldCities().size())
            {
                errors.Add(p + ".cities.top",
                           "must be in [1, " + std::to_string(WorldCities().size()) + "], got "
                               + std::to_string(ss.cities().top()));
            }
            if (ss.cities().has_region())
            {
                ValidateRegion(ss.cities().region(), p + ".cities.region", errors);
            }
            break;
        case v1::SiteSet::kGrid:
            if (!ss.grid().has_region())
            {
                errors.Add(p + ".grid.region", "must be set");
            }
            ValidateRegion(ss.grid().region(), p + ".grid.region", errors);
            if (!(ss.grid().spacing_deg() > 0.0))
            {
                errors.Add(p + ".grid.spacing_deg",
                           "must be > 0, got " + Num(ss.grid().spacing_deg()));
            }
            else if (ss.grid().spacing_deg() < 0.01)
            {
                errors.Add(p + ".grid.spacing_deg", "must be >= 0.01 degrees");
            }
            break;
        case v1::SiteSet::kRandom:
            if (!ss.random().has_region())
            {
                errors.Add(p + ".random.region", "must be set");
            }
            ValidateRegion(ss.random().region(), p + ".random.region", errors);
            if (ss.random().count() < 1 || ss.random().count() > 10000000)
            {
                errors.Add(p + ".random.count",
                           "must be in [1, 10000000], got " + std::to_string(ss.random().count()));
            }
            break;
        case v1::SiteSet::GENERATOR_NOT_SET:
            errors.Add(p, "must set cities, grid or random");
            break;
        }
    }
    const auto& limits = s.link_limits();
    if (!(limits.max_gsl_length_m() >= 0.0))
    {
        errors.Add("link_limits.max_gsl_length_m",
                   "must be >= 0, got " + Num(limits.max_gsl_length_m()));
    }
    if (!(limits.max_isl_length_m() >= 0.0))
    {
        errors.Add("link_limits.max_isl_length_m",
                   "must be >= 0, got " + Num(limits.max_isl_length_m()));
    }
    for (int i = 0; i < s.isls_size(); ++i)
    {
        if (s.isls(i).a().empty() || s.isls(i).b().empty() || s.isls(i).a() == s.isls(i).b())
        {
            errors.Add(Idx("isls", i), "must name two different satellites");
        }
    }
    const auto& t = s.terrestrial();
    for (auto [v, name] : {std::pair{t.refractive_index(), "terrestrial.refractive_index"},
                           {t.route_factor(), "terrestrial.route_factor"},
                           {t.rate_gbps(), "terrestrial.rate_gbps"}})
    {
        if (!(v >= 0.0) || v > 1e6)
        {
            errors.Add(name, "must be >= 0, got " + Num(v));
        }
    }
    if (t.refractive_index() > 0.0 && t.refractive_index() < 1.0)
    {
        errors.Add("terrestrial.refractive_index",
                   "must be >= 1, got " + Num(t.refractive_index()));
    }
    if (t.route_factor() > 0.0 && t.route_factor() < 1.0)
    {
        errors.Add("terrestrial.route_factor",
                   "must be >= 1 (a route is never shorter than the geodesic), got "
                       + Num(t.route_factor()));
    }
    for (int i = 0; i < t.fiber_links_size(); ++i)
    {
        const auto& f = t.fiber_links(i);
        std::string p = Idx("terrestrial.fiber_links", i);
        if (f.a().empty() || f.b().empty() || f.a() == f.b())
        {
            errors.Add(p, "must name two different ground sites");
        }
        NonNegativeField(f.length_km(), p + ".length_km", errors);
        NonNegativeField(f.rate_gbps(), p + ".rate_gbps", errors);
    }
    for (int i = 0; i < s.site_failures_size(); ++i)
    {
        const auto& f = s.site_failures(i);
        std::string p = Idx("site_failures", i);
        if (!f.has_region())
        {
            errors.Add(p + ".region", "must be set");
        }
        ValidateRegion(f.region(), p + ".region", errors);
        NonNegativeField(f.start_s(), p + ".start_s", errors);
        if (f.end_s() != 0.0 && !(f.end_s() > f.start_s()))
        {
            errors.Add(p + ".end_s",
                       "must be after start_s (or 0: until the end), got " + Num(f.end_s()));
        }
        for (int k = 0; k < f.roles_size(); ++k)
        {
            if (f.roles(k) == v1::Node::NODE_ROLE_UNSPECIFIED || f.roles(k) == v1::Node::SAT)
            {
                errors.Add(Idx(p + ".roles", k), "must be one of HAPS, UAV, UT, GW, BS, CORE");
            }
        }
    }
    for (int i = 0; i < s.failures_size(); ++i)
    {
        const auto& f = s.failures(i);
        const std::string p = Idx("failures", i);
        NonNegativeField(f.start_s(), p + ".start_s", errors);
        if (f.end_s() != 0.0 && !(f.end_s() > f.start_s()))
        {
            errors.Add(p + ".end_s",
                       "must be after start_s (or 0: until the end), got " + Num(f.end_s()));
        }
        switch (f.target_case())
        {
        case v1::FailureEvent::kSatellites:
        {
            const auto& sf = f.satellites();
            const std::string q = p + ".satellites";
            if (sf.selection_case() == v1::SatelliteFailure::kNames && sf.names().empty())
            {
                errors.Add(q + ".names", "must name at least one satellite");
            }
            else if (sf.selection_case() == v1::SatelliteFailure::kShellIndices)
            {
                if (sf.shell_indices().shell().empty())
                {
                    errors.Add(q + ".shell_indices.shell", "must name a shell");
                }
                if (sf.shell_indices().indices_size() == 0)
                {
                    errors.Add(q + ".shell_indices.indices", "must list at least one index");
                }
            }
            else if (sf.selection_case() == v1::SatelliteFailure::kRandom)
            {
                const auto& r = sf.random();
                if (r.shell().empty())
                {
                    errors.Add(q + ".random.shell", "must name a shell");
                }
                if (!(r.mtbf_h() > 0.0))
                {
                    errors.Add(q + ".random.mtbf_h", "must be > 0 (hours), got " + Num(r.mtbf_h()));
                }
                NonNegativeField(r.repair_s(), q + ".random.repair_s", errors);
            }
            else if (sf.selection_case() == v1::SatelliteFailure::SELECTION_NOT_SET)
            {
                errors.Add(q, "must set names, shell_indices or random");
            }
            break;
        }
        case v1::FailureEvent::kSites:
            if (!f.sites().has_sites())
            {
                errors.Add(p + ".sites.sites", "must be set");
            }
            break;
        case v1::FailureEvent::kIsls:
        {
            const auto& isl = f.isls();
            const std::string q = p + ".isls";
            if (isl.selection_case() == v1::IslFailure::kPair)
            {
                if (isl.pair().a().empty() || isl.pair().b().empty()
                    || isl.pair().a() == isl.pair().b())
                {
                    errors.Add(q + ".pair", "must name two different satellites");
                }
            }
            else if (isl.selection_case() == v1::IslFailure::kRandom)
            {
                if (isl.random().shell().empty())
                {
                    errors.Add(q + ".random.shell", "must name a shell");
                }
                if (!(isl.random().fraction() > 0.0 && isl.random().fraction() <= 1.0))
                {
                    errors.Add(q + ".random.fraction",
                               "must be in (0, 1], got " + Num(isl.random().fraction()));
                }
            }
            else
            {
                errors.Add(q, "must set pair or random");
            }
            break;
        }
        case v1::FailureEvent::TARGET_NOT_SET:
            errors.Add(p, "must set satellites, sites or isls");
            break;
        }
    }
    for (int i = 0; i < s.aerial_fleets_size(); ++i)
    {
        const auto& f = s.aerial_fleets(i);
        std::string p = Idx("aerial_fleets", i);
        if (!IsValidName(f.name()))
        {
            errors.Add(
                p + ".name",
                "must be a name of letters, digits, '-', '_' and '.', not starting with '.', got '"
                    + f.name() + "'");
        }
        if (f.role() != v1::Node::HAPS && f.role() != v1::Node::UAV)
        {
            errors.Add(p + ".role", "must be one of HAPS, UAV");
        }
        if (!f.has_region())
        {
            errors.Add(p + ".region", "must be set");
        }
        ValidateRegion(f.region(), p + ".region", errors);
        if (f.count() > 100000)
        {
            errors.Add(p + ".count", "must be <= 100000, got " + std::to_string(f.count()));
        }
        if (!(f.alt_m() > 0.0) || f.alt_m() > 1e5)
        {
            errors.Add(p + ".alt_m", "must be in (0, 100000] m, got " + Num(f.alt_m()));
        }
    }
    const auto& cov = s.coverage();
    if (cov.has_region())
    {
        ValidateRegion(cov.region(), "coverage.region", errors);
    }
    if (!(cov.resolution_deg() >= 0.0) || cov.resolution_deg() > 90.0
        || (cov.resolution_deg() > 0.0 && cov.resolution_deg() < 0.05))
    {
        errors.Add("coverage.resolution_deg",
                   "must be in [0.05, 90] (0: the default), got " + Num(cov.resolution_deg()));
    }
    NonNegativeField(cov.step_s(), "coverage.step_s", errors);
    NonNegativeField(s.measurement().warmup_s(), "measurement.warmup_s", errors);
    NonNegativeField(s.measurement().drain_s(), "measurement.drain_s", errors);
    // Rain climate: R_0.01 in [0, 250] mm/h, h_0 in [0, 8] km.
    auto rainRate = [&](double v, const std::string& path)
    {
        if (!(v >= 0.0 && v <= 250.0))
        {
            errors.Add(path, "must be in [0, 250] mm/h, got " + Num(v));
        }
    };
    auto isotherm = [&](double v, const std::string& path)
    {
        if (!(v >= 0.0 && v <= 8.0))
        {
            errors.Add(path, "must be in [0, 8] km, got " + Num(v));
        }
    };
    // P_rain of the time series in (0.02, 100] %: the fit needs two of P.1853's exceedances
    // (0.01, 0.02 %) below it.
    auto rainProbability = [&](double v, const std::string& path)
    {
        if (!(v > RainFadeSeries::kMinRainProbabilityPercent && v <= 100.0))
        {
            errors.Add(path,
                       "must be in (0.02, 100] % (the P.1853 fit needs two of its exceedances "
                       "below it), got "
                           + Num(v));
        }
    };
    const auto& rain = s.rain();
    rainRate(rain.rain_rate_mm_h(), "rain.rain_rate_mm_h");
    if (rain.has_rain_probability_percent())
    {
        rainProbability(rain.rain_probability_percent(), "rain.rain_probability_percent");
    }
    else if (rain.time_series() && rain.rain_rate_mm_h() > 0.0)
    {
        errors.Add("rain.rain_probability_percent",
                   "must be given with rain.time_series where it rains (R_0.01 > 0): the P.837 "
                   "probability of rain P0 of the place, %; the simulator does not guess it");
    }
    if (rain.has_isotherm_height_km())
    {
        isotherm(rain.isotherm_height_km(), "rain.isotherm_height_km");
    }
    for (int i = 0; i < rain.regions_size(); ++i)
    {
        const auto& r = rain.regions(i);
        const std::string p = Idx("rain.regions", i);
        if (!r.has_region())
        {
            errors.Add(p + ".region", "must be set");
        }
        ValidateRegion(r.region(), p + ".region", errors);
        if (r.has_rain_rate_mm_h())
        {
            rainRate(r.rain_rate_mm_h(), p + ".rain_rate_mm_h");
        }
        if (r.has_isotherm_height_km())
        {
            isotherm(r.isotherm_height_km(), p + ".isotherm_height_km");
        }
        if (r.has_rain_probability_percent())
        {
            rainProbability(r.rain_probability_percent(), p + ".rain_probability_percent");
        }
        else if (rain.time_series() && !rain.has_rain_probability_percent()
                 && r.has_rain_rate_mm_h() && r.rain_rate_mm_h() > 0.0)
        {
            errors.Add(p + ".rain_probability_percent",
                       "must be given with rain.time_series where it rains (R_0.01 > 0): the "
                       "P.837 probability of rain P0 of the place, % (or give "
                       "rain.rain_probability_percent)");
        }
    }
    for (int i = 0; i < s.shells_size(); ++i)
    {
        double m = s.shells(i).min_elevation_deg();
        if (!(m >= 0.0 && m < 90.0))
        {
            errors.Add(Idx("shells", i) + ".min_elevation_deg",
                       "must be in [0, 90), got " + Num(m));
        }
    }
    ValidateComputeFields(s, errors);
    return errors;
}

} // namespace sagin
