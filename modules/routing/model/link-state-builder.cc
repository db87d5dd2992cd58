#include "routing/model/link-state-builder.h"

#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "core/model/geodesy.h"
#include "link/model/optical-isl.h"
#include "orbit/model/circular-orbit.h"
#include "scenario/model/site-sets.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <set>
#include <unordered_map>

namespace sagin
{

/// First ns-3 stream number of the terminal-links' channel draws (two per terminal-link), far
/// above the network's (SaginNetwork's NetworkOptions::stream, 1000) and below ns-3's automatic
/// ones (2^63).
constexpr std::int64_t kChannelDrawStream = std::int64_t(1) << 40;

struct LinkStateBuilder::DrawState
{
    struct Link
    {
        std::unique_ptr<CorrelatedFading> fading;
        Vec3 last; ///< the terminal's position at the previous draw
    };

    std::mutex mutex;
    std::unordered_map<std::uint64_t, Link> links;
};

LinkStateBuilder::~LinkStateBuilder() = default;
LinkStateBuilder::LinkStateBuilder(LinkStateBuilder&&) noexcept = default;

LinkStateBuilder::LinkStateBuilder(const World& world, const StandardPolicy& policy)
    : m_draws(std::make_unique<DrawState>())
    , m_world(world)
    , m_policy(policy)
{
    const auto& nodes = world.Nodes();
    m_fixedUp.resize(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto& n = nodes[i];
        int idx = static_cast<int>(i);
        switch (n.role)
        {
        case v1::Node::SAT:
            if (policy.Uses(n))
            {
                m_sats.push_back(idx);
            }
            break;
        case v1::Node::HAPS:
        case v1::Node::UAV:
            m_aerial.push_back(idx);
            break;
        case v1::Node::UT:
            m_uts.push_back(idx);
            break;
        case v1::Node::GW:
            m_gws.push_back(idx);
            break;
        case v1::Node::BS:
            m_bss.push_back(idx);
            break;
        default:
            break;
        }
        if (n.trajectory->IsFixed()) // a moving terminal's up vector follows it (EvaluateLink)
        {
            Geodetic g = n.layer == v1::Node::GROUND
                             ? n.site
                             : EcefToGeodetic(n.trajectory->PositionAt(0.0));
            m_fixedUp[i] = UpVector(g.lat_deg, g.lon_deg);
        }
    }
    for (const auto& sh : world.Scenario().shells())
    {
        m_shellMaskDeg.push_back(sh.min_elevation_deg());
    }
    // Fixed terminals are indexed once: each satellite then visits only those in its footprint.
    if (!m_uts.empty()
        && std::all_of(m_uts.begin(),
                       m_uts.end(),
                       [&](int u)
                       {
                           return nodes[u].trajectory->IsFixed();
                       }))
    {
        std::vector<Vec3> utPositions;
        for (int u : m_uts)
        {
            utPositions.push_back(nodes[u].trajectory->PositionAt(0.0));
        }
        m_utIndex = std::make_unique<PointIndex>(utPositions);
    }
    // Site failures: the ground sites (by position) and aerial platforms (by their position at
    // the start of the failure) of the listed roles inside the region.
    const double inf = std::numeric_limits<double>::infinity();
    m_nodeDown.resize(nodes.size());
    m_detection_s = policy.failureDetection_s;
    for (const auto& f : world.Scenario().site_failures())
    {
        const double end = f.end_s() > 0.0 ? f.end_s() : inf;
        for (size_t i = 0; i < nodes.size(); ++i)
        {
            const auto& n = nodes[i];
            bool roleMatches = f.roles_size() == 0 ? n.role == v1::Node::BS : false;
            for (int r : f.roles())
            {
                roleMatches |= n.role == r;
            }
            if (!roleMatches || n.role == v1::Node::SAT)
            {
                continue;
            }
            Geodetic g = n.layer == v1::Node::GROUND
                             ? n.site
                             : EcefToGeodetic(n.trajectory->PositionAt(f.start_s()));
            if (InRegion(f.region(), g.lat_deg, g.lon_deg))
            {
                m_nodeDown[i].emplace_back(f.start_s(), end);
                m_hasFailures = true;
            }
        }
    }
    // Sectorised base stations.
    m_sectors.resize(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto& n = nodes[i];
        if (n.role == v1::Node::BS && n.sectors > 1)
        {
            auto s = std::make_unique<Sectors>();
            s->frame = EnuFrame(n.site);
            for (unsigned k = 0; k < n.sectors; ++k)
            {
                s->antennas.emplace_back(n.sectorAzimuth_deg + k * 360.0 / n.sectors,
                                         n.sectorDowntilt_deg);
            }
            m_sectors[i] = std::move(s);
        }
    }
    const auto& climate = world.Scenario().rain();
    m_rainClimate = climate.rain_rate_mm_h() > 0.0;
    for (const auto& r : climate.regions())
    {
        m_rainClimate |= r.rain_rate_mm_h() > 0.0;
    }
    // Rain as a time series: one process per ground site where it rains, seeded by its name.
    m_rainSeries = climate.time_series() && m_rainClimate;
    if (m_rainSeries)
    {
        m_siteRain.resize(nodes.size());
        for (size_t i = 0; i < nodes.size(); ++i)
        {
            if (nodes[i].layer != v1::Node::GROUND)
            {
                continue;
            }
            SiteRain& site = m_siteRain[i];
            site.climate = RainAt(nodes[i].trajectory->PositionAt(0.0), 0.01, true);
            if (site.climate.rainRate001MmH > 0.0
                && site.climate.rainProbabilityPercent > RainFadeSeries::kMinRainProbabilityPercent)
            {
                site.series = std::make_unique<RainFadeSeries>(
                    RainFadeSeries::SiteSeed(world.Scenario().seed(), nodes[i].name));
                site.threshold = RainFadeSeries::Threshold(site.climate.rainProbabilityPercent);
            }
        }
    }
    BuildIslPairs();
    // Failure events (random ISL failures draw from the standard's ISLs): drawn up to the end of
    // the run and its drain.
    const auto& measurement = world.Scenario().measurement();
    const double horizon = world.Scenario().duration_s()
                           + (measurement.drain_s() > 0.0 ? measurement.drain_s() : 2.0);
    m_intervals = ResolveFailures(world, m_islPairs, horizon);
    for (const auto& f : m_intervals)
    {
        if (f.node >= 0)
        {
            m_nodeDown[f.node].emplace_back(f.start_s, f.end_s);
        }
        else
        {
            m_islDown[static_cast<std::uint64_t>(f.islA) << 32 | static_cast<std::uint64_t>(f.islB)]
                .emplace_back(f.start_s, f.end_s);
        }
        m_hasFailures = true;
    }
    // sin(mask) per kind and shell, so that Visible() needs no trigonometry.
    for (int k = 0; k < kLinkKindCount; ++k)
    {
        const LinkKind kind = static_cast<LinkKind>(k);
        m_sinMask[k].resize(m_shellMaskDeg.size() + 1);
        for (size_t sh = 0; sh <= m_shellMaskDeg.size(); ++sh)
        {
            m_sinMask[k][sh] = std::sin(MaskDegOf(kind, static_cast<int>(sh) - 1) * kDegToRad);
        }
    }
}

double
LinkStateBuilder::SectorLossDb(int bs, const Vec3& d) const
{
    const auto& s = m_sectors[bs];
    if (!s)
    {
        return 0.0;
    }
    const Vec3 enu = Normalized(s->frame.DirectionToEnu(d));
    double best = -1e9;
    for (const auto& a : s->antennas)
    {
        best = std::max(best, a.GainDb(enu));
    }
    return best - s->antennas.front().MaxGainDbi();
}

RainParameters
LinkStateBuilder::RainAt(const Vec3& ground, double exceedancePercent, bool series) const
{
    const Geodetic g = EcefToGeodetic(ground);
    const auto& climate = m_world.Scenario().rain();
    RainParameters rain;
    rain.rainRate001MmH = climate.rain_rate_mm_h();
    if (climate.has_isotherm_height_km())
    {
        rain.isothermHeightKm = climate.isotherm_height_km();
    }
    if (series && climate.has_rain_probability_percent())
    {
        rain.rainProbabilityPercent = climate.rain_probability_percent();
    }
    for (const auto& r : climate.regions())
    {
        if (InRegion(r.region(), g.lat_deg, g.lon_deg))
        {
            if (r.has_rain_rate_mm_h())
            {
                rain.rainRate001MmH = r.rain_rate_mm_h();
            }
            if (r.has_isotherm_height_km())
            {
                rain.isothermHeightKm = r.isotherm_height_km();
            }
            if (series && r.has_rain_probability_percent())
            {
                rain.rainProbabilityPercent = r.rain_probability_percent();
            }
        }
    }
    rain.latitudeDeg = g.lat_deg;
    rain.stationHeightKm = std::max(0.0, g.alt_m / 1000.0);
    rain.exceedancePercent = exceedancePercent;
    return rain;
}

namespace
{

/// Whether one of `intervals` covers t, each counted from its start + `delay`.
bool
Covers(const std::vector<std::pair<double, double>>& intervals, double t, double delay)
{
    for (const auto& [start, end] : intervals)
    {
        if (t >= start + delay && t < end)
        {
            return true;
        }
    }
    return false;
}

/// Whether one of `intervals` covers t but was not noticed by `routingTime`.
bool
CoversUnnoticed(const std::vector<std::pair<double, double>>& intervals,
                double t,
                double routingTime,
                double delay)
{
    for (const auto& [start, end] : intervals)
    {
        if (t >= start && t < end && !(routingTime >= start + delay))
        {
            return true;
        }
    }
    return false;
}

} // namespace

bool
LinkStateBuilder::Failed(int node, double t) const
{
    return Covers(m_nodeDown[node], t, m_detection_s);
}

bool
LinkStateBuilder::IslFailed(int a, int b, double t) const
{
    if (m_islDown.empty())
    {
        return false;
    }
    const auto it = m_islDown.find(static_cast<std::uint64_t>(std::min(a, b)) << 32
                                   | static_cast<std::uint64_t>(std::max(a, b)));
    return it != m_islDown.end() && Covers(it->second, t, m_detection_s);
}

bool
LinkStateBuilder::FailedUnnoticed(int node, int peer, double t, double routingTime) const
{
    if (!m_hasFailures)
    {
        return false;
    }
    if (CoversUnnoticed(m_nodeDown[node], t, routingTime, m_detection_s))
    {
        return true;
    }
    if (peer < 0 || m_islDown.empty())
    {
        return false;
    }
    const auto it = m_islDown.find(static_cast<std::uint64_t>(std::min(node, peer)) << 32
                                   | static_cast<std::uint64_t>(std::max(node, peer)));
    return it != m_islDown.end() && CoversUnnoticed(it->second, t, routingTime, m_detection_s);
}

void
LinkStateBuilder::BuildIslPairs()
{
    std::set<std::pair<int, int>> pairs;
    auto add = [&](int a, int b)
    {
        if (a != b)
        {
            pairs.insert({std::min(a, b), std::max(a, b)});
        }
    };
    const auto topo = m_policy.islTopology;
    if (topo == v1::IslPolicy::SCENARIO_LIST)
    {
        for (auto [a, b] : m_world.ScenarioIsls())
        {
            add(a, b);
        }
    }
    else if (topo == v1::IslPolicy::PLUS_GRID || topo == v1::IslPolicy::INTRA_PLANE)
    {
        for (const auto& sh : m_world.Shells())
        {
            if (!sh.walker)
            {
                continue; // TLE and GEO shells have no plane structure: list their ISLs instead
            }
            const int P = sh.planes;
            const int S = sh.perPlane;
            auto node = [&](int p, int s)
            {
                return sh.nodes[((p % P + P) % P) * S + ((s % S + S) % S)];
            };
            for (int p = 0; p < P; ++p)
            {
                for (int s = 0; s < S && S > 1; ++s)
                {
                    add(node(p, s), node(p, s + 1));
                }
            }
            if (topo != v1::IslPolicy::PLUS_GRID || P < 2)
            {
                continue;
            }
            // Cross-plane neighbour: the slot of plane p+1 with the nearest argument of latitude
            // (Walker phasing moves it by F S / T slots), plus the standard's shift.
            const auto& nodes = m_world.Nodes();
            auto argLat = [&](int n)
            {
                auto* orbit = dynamic_cast<const CircularOrbit*>(nodes[n].trajectory.get());
                return orbit ? orbit->Elements().argOfLatitude_rad : 0.0;
            };
            const bool star = sh.pattern == v1::WalkerShell::STAR;
            for (int p = 0; p < P; ++p)
            {
                if (p == P - 1 && star && !m_policy.islAcrossStarSeam)
                {
                    break;
                }
                const int q = (p + 1) % P;
                const double du = std::remainder(argLat(node(q, 0)) - argLat(node(p, 0)), kTwoPi);
                const int offset = static_cast<int>(std::lround(-du / (kTwoPi / S)));
                for (int s = 0; s < S; ++s)
                {
                    add(node(p, s), node(q, s + offset + m_policy.crossPlaneShift));
                }
            }
        }
    }
    m_islPairs.clear();
    for (auto [a, b] : pairs)
    {
        if (m_policy.Uses(m_world.Nodes()[a]) && m_policy.Uses(m_world.Nodes()[b]))
        {
            m_islPairs.emplace_back(a, b);
        }
    }
}

void
LinkStateBuilder::Positions(double t, std::vector<Vec3>& out) const
{
    const auto& nodes = m_world.Nodes();
    out.resize(nodes.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        // A failed node has no position: every link to it is unusable.
        out[i] = !m_hasFailures || !Failed(static_cast<int>(i), t)
                     ? nodes[i].trajectory->PositionAt(t)
                     : Vec3{nan, nan, nan};
    }
}

double
LinkStateBuilder::FootprintAngle(LinkKind kind,
                                 int upper,
                                 double upperRadius,
                                 double minPointRadius,
                                 double maxPointRadius) const
{
    if (kind == LinkKind::ServiceGround)
    {
        return RangeCapAngle(upperRadius, minPointRadius, maxPointRadius, m_policy.groundRange_m);
    }
    if (m_world.Nodes()[upper].role == v1::Node::SAT && m_policy.rangeVisibility)
    {
        return RangeCapAngle(upperRadius, minPointRadius, maxPointRadius, m_policy.maxGslLength_m);
    }
    return MaskCapAngle(upperRadius, minPointRadius, MaskDeg(kind, upper) * kDegToRad);
}

double
LinkStateBuilder::MaskDeg(LinkKind kind, int upper) const
{
    const auto& n = m_world.Nodes()[upper];
    return MaskDegOf(kind, n.role == v1::Node::SAT ? n.shell : -1);
}

double
LinkStateBuilder::MaskDegOf(LinkKind kind, int shell) const
{
    double mask = 0.0;
    switch (kind)
    {
    case LinkKind::Feeder:
        mask = m_policy.feederMaskDeg;
        break;
    case LinkKind::ServiceSpace:
        mask = m_policy.spaceMaskDeg;
        break;
    case LinkKind::AirSpace:
        mask = m_policy.airSpaceMaskDeg;
        break;
    case LinkKind::ServiceAir:
        mask = m_policy.airMaskDeg;
        break;
    case LinkKind::AirGround:
        mask = m_policy.airGroundMaskDeg;
        break;
    default:
        return 0.0;
    }
    if (shell >= 0)
    {
        mask = std::max(mask, m_shellMaskDeg[shell]);
    }
    return mask;
}

bool
LinkStateBuilder::EvaluateLink(
    LinkKind kind, int a, int b, const Vec3& pa, const Vec3& pb, SnapshotLink& out) const
{
    if (!std::isfinite(pa.x) || !std::isfinite(pb.x))
    {
        return false;
    }
    if (kind == LinkKind::Isl)
    {
        const LinkKindModel& model = m_policy.Link(kind);
        out.a = a;
        out.b = b;
        out.kind = kind;
        out.distance_m = Distance(pa, pb);
        out.delay_s = out.distance_m / kSpeedOfLight;
        out.elevation_deg = std::numeric_limits<double>::quiet_NaN();
        out.forwardCn_db = std::numeric_limits<double>::quiet_NaN();
        out.forwardRate_bps = out.reverseRate_bps = model.defaultRate_bps;
        out.queuePackets = model.queuePackets;
        const double grazing = m_policy.islGrazingAltitude_m >= 0.0
                                   ? m_policy.islGrazingAltitude_m
                                   : -std::numeric_limits<double>::infinity();
        if (!IslLineOfSight(pa, pb, m_policy.islMaxRange_m, grazing))
        {
            return false;
        }
        if (model.fixedRate_bps > 0.0)
        {
            out.forwardRate_bps = out.reverseRate_bps = model.fixedRate_bps;
        }
        return true;
    }
    // Which end is on the ground (or lower), which is above: elevation is measured at the lower.
    const bool lowerIsA = LowerEndTransmitsForward(kind);
    const int lower = lowerIsA ? a : b;
    const int upper = lowerIsA ? b : a;
    const Vec3& pl = lowerIsA ? pa : pb;
    const Vec3& pu = lowerIsA ? pb : pa;
    Vec3 up = m_fixedUp[lower];
    if (up.x == 0.0 && up.y == 0.0 && up.z == 0.0)
    {
        Geodetic g = EcefToGeodetic(pl);
        up = UpVector(g.lat_deg, g.lon_deg);
    }
    const bool service = kind == LinkKind::ServiceSpace || kind == LinkKind::ServiceAir
                         || kind == LinkKind::ServiceGround;
    const int site = m_rainSeries && m_siteRain[lower].series ? lower : -1;
    if (!EvaluateToPoint(kind, upper, pu, pl, up, out, service ? lower : -1, site))
    {
        return false;
    }
    out.a = a;
    out.b = b;
    return true;
}

FadingSample
LinkStateBuilder::Draw(const LinkKindModel& model,
                       const LinkBudget& budget,
                       int terminal,
                       int upper,
                       const Vec3& at,
                       double pLos) const
{
    const std::uint64_t key = static_cast<std::uint64_t>(terminal) * m_world.Nodes().size()
                              + static_cast<std::uint64_t>(upper);
    const ChannelModel cm = budget.Parameters().model;
    const Environment env = budget.Parameters().environment;
    const bool given = !std::isnan(model.shadowCorrelation_m);
    const double corrLos = given ? model.shadowCorrelation_m : ShadowDecorrelationM(cm, env, true);
    const double corrNlos
        = given ? model.shadowCorrelation_m : ShadowDecorrelationM(cm, env, false);
    std::lock_guard<std::mutex> lock(m_draws->mutex);
    DrawState::Link& link = m_draws->links[key];
    if (!link.fading)
    {
        // Its own two streams: a link's draws do not depend on which other links were drawn
        // before it, nor in what order.
        link.fading = std::make_unique<CorrelatedFading>(
            kChannelDrawStream + 2 * static_cast<std::int64_t>(key), model.losCorrelation_m);
        link.last = at;
    }
    const double moved = Norm(at - link.last);
    link.last = at;
    return link.fading->Next(moved, pLos, 1.0, 1.0, corrLos, corrNlos);
}

bool
LinkStateBuilder::HasLinkCondition(LinkKind kind, int upper) const
{
    const auto& n = m_world.Nodes()[upper];
    return m_policy.Link(kind, n.role == v1::Node::SAT ? n.shell : -1).forward != nullptr;
}

bool
LinkStateBuilder::Visible(
    LinkKind kind, int upper, const Vec3& pu, const Vec3& pl, const Vec3& up) const
{
    const auto& node = m_world.Nodes()[upper];
    const Vec3 d = pu - pl;
    const double distance2 = Dot(d, d);
    if (kind == LinkKind::ServiceGround)
    {
        return distance2 <= m_policy.groundRange_m * m_policy.groundRange_m;
    }
    if (node.role == v1::Node::SAT && m_policy.rangeVisibility)
    {
        return distance2 <= m_policy.maxGslLength_m * m_policy.maxGslLength_m;
    }
    // Elevation >= mask  <=>  along >= sin(mask) * |d|.
    const double along = Dot(up, d);
    const double s
        = m_sinMask[static_cast<int>(kind)][node.role == v1::Node::SAT ? node.shell + 1 : 0];
    if (along < 0.0 && s >= 0.0)
    {
        return false;
    }
    return along * std::fabs(along) >= s * std::fabs(s) * distance2;
}

void
LinkStateBuilder::AdvanceRain(double t)
{
    for (SiteRain& site : m_siteRain)
    {
        if (site.series)
        {
            site.climate.rainDeviate = site.series->At(t);
        }
    }
}

bool
LinkStateBuilder::Raining(int node) const
{
    if (!m_rainSeries || !m_siteRain[node].series)
    {
        return false;
    }
    return m_siteRain[node].climate.rainDeviate > m_siteRain[node].threshold;
}

bool
LinkStateBuilder::RainOutage(int gw, const std::vector<Vec3>& pos) const
{
    if (!Raining(gw))
    {
        return false;
    }
    bool clearSky = false;
    SnapshotLink l;
    for (int s : m_sats)
    {
        if (EvaluatePoint(LinkKind::Feeder, s, pos[s], pos[gw], m_fixedUp[gw], l, -1, gw, false))
        {
            return false; // a feeder link closes in the rain
        }
        clearSky = clearSky
                   || EvaluatePoint(
                       LinkKind::Feeder, s, pos[s], pos[gw], m_fixedUp[gw], l, -1, gw, true);
    }
    return clearSky;
}

bool
LinkStateBuilder::EvaluateToPoint(LinkKind kind,
                                  int upper,
                                  const Vec3& pu,
                                  const Vec3& pl,
                                  const Vec3& up,
                                  SnapshotLink& out,
                                  int terminal,
                                  int site) const
{
    return EvaluatePoint(kind, upper, pu, pl, up, out, terminal, site, false);
}

bool
LinkStateBuilder::EvaluatePoint(LinkKind kind,
                                int upper,
                                const Vec3& pu,
                                const Vec3& pl,
                                const Vec3& up,
                                SnapshotLink& out,
                                int terminal,
                                int site,
                                bool clearSky) const
{
    const auto& nodes = m_world.Nodes();
    if (!std::isfinite(pu.x) || !std::isfinite(pl.x) || !Visible(kind, upper, pu, pl, up))
    {
        return false; // a node without a position (failed, or SGP4 cannot propagate) serves nobody
    }
    const Vec3 d = pu - pl;
    const double along = Dot(up, d);
    const bool satLink = nodes[upper].role == v1::Node::SAT;
    const double distance2 = Dot(d, d);
    out.a = upper;
    out.b = -1;
    out.kind = kind;
    out.distance_m = std::sqrt(distance2);
    out.delay_s = out.distance_m / kSpeedOfLight;
    out.elevation_deg = ElevationRad(pl, up, pu) * kRadToDeg;
    out.forwardCn_db = std::numeric_limits<double>::quiet_NaN();
    out.los = -1;
    out.shadowFading_db = std::numeric_limits<double>::quiet_NaN();
    const LinkKindModel& model = m_policy.Link(kind, satLink ? nodes[upper].shell : -1);
    out.forwardRate_bps = out.reverseRate_bps = model.defaultRate_bps;
    out.queuePackets = model.queuePackets;
    // Rain at the ground end, when the standard is dimensioned for an availability and the
    // climate has rain: each direction fades at its own frequency, and a receiver on the ground
    // also sees the rain's sky noise (LinkBudget::RainFadeAt). A ground site with a rain time
    // series fades instead by its process now, whatever the availability.
    RainParameters rain; // clear sky
    const bool series = site >= 0 && m_rainSeries && m_siteRain[site].series
                        && !std::isnan(m_siteRain[site].climate.rainDeviate);
    if (!clearSky && out.elevation_deg > 0.0)
    {
        if (series)
        {
            if (m_siteRain[site].climate.rainDeviate > m_siteRain[site].threshold)
            {
                rain = m_siteRain[site].climate; // it rains there now (else: clear sky)
            }
        }
        else if (m_rainClimate && model.rainExceedance_percent > 0.0)
        {
            rain = RainAt(pl, model.rainExceedance_percent);
        }
    }
    // Mean-mode C/N: the fast path for satellite and HAPS (NTN, free space) links; the ground and
    // air-to-ground models need the heights and the horizontal distance.
    const double horizontal = Norm(Cross(up, d));
    LinkGeometry g;
    g.distanceM = out.distance_m;
    g.elevationDeg = std::max(out.elevation_deg, 0.0);
    g.groundDistanceM = std::max(horizontal, 1.0);
    // A base station serves a terminal 1.5 m above the ground; for air-to-ground links the
    // aerial end's height above the ground end.
    g.aerialHeightM = kind == LinkKind::ServiceGround ? 1.5 : std::max(along, 1.5);
    if (kind == LinkKind::ServiceGround)
    {
        g.groundAntennaHeightM = nodes[upper].antennaHeight_m;
    }
    auto meanCn = [&](const LinkBudget& budget)
    {
        const ChannelModel cm = budget.Parameters().model;
        if (cm == ChannelModel::kNtn || cm == ChannelModel::kFreeSpace)
        {
            return budget.MeanCnDb(out.distance_m, std::max(out.elevation_deg, 0.0), rain);
        }
        return budget.Evaluate(g, LinkCondition::kMean).cnDb;
    };
    // RANDOM draws on a terminal's link: one draw of the LOS state and of z_SF per evaluation,
    // the same for both directions (each scales z by its own sigma of the drawn state); the C/N
    // moves from the mean by the model's drawn loss minus its mean loss, so rain and the fast
    // path's terms stay as in mean mode.
    const bool draws = model.randomDraws && terminal >= 0 && model.forward;
    FadingSample unit;
    if (draws)
    {
        const double pLos = model.forward->Evaluate(g, LinkCondition::kMean).losProbability;
        unit = Draw(model, *model.forward, terminal, upper, pl, std::isnan(pLos) ? 1.0 : pLos);
        out.los = unit.los ? 1 : 0;
    }
    auto cnOf = [&](const LinkBudget& budget, bool forward)
    {
        const double mean = meanCn(budget);
        if (!draws)
        {
            return mean;
        }
        const double sigma
            = budget.Evaluate(g, unit.los ? LinkCondition::kLos : LinkCondition::kNlos)
                  .shadowFadingSigmaDb;
        const FadingSample s{unit.los, std::isnan(sigma) ? 0.0 : sigma * unit.shadowFadingDb};
        if (forward)
        {
            out.shadowFading_db = s.shadowFadingDb;
        }
        return mean + budget.Evaluate(g, LinkCondition::kMean, &s).cnDb
               - budget.Evaluate(g, LinkCondition::kMean).cnDb;
    };
    // A sectorised base station serves with its best sector: the pattern's loss applies both ways.
    const double sectorLoss = kind == LinkKind::ServiceGround ? SectorLossDb(upper, pl - pu) : 0.0;
    if (model.forward)
    {
        double cn = cnOf(*model.forward, true) + sectorLoss;
        out.forwardCn_db = cn;
        if (!(cn >= model.minCn_db))
        {
            return false;
        }
        out.forwardRate_bps = model.forward->RateBps(cn);
        if (!model.minCnGiven && model.fixedRate_bps <= 0.0 && !(out.forwardRate_bps > 0.0))
        {
            return false; // below the modulation table's lowest threshold
        }
        if (model.reverse)
        {
            double rcn = cnOf(*model.reverse, false) + sectorLoss;
            out.reverseRate_bps = model.reverse->RateBps(rcn);
            if (model.fixedRate_bps <= 0.0 && !(out.reverseRate_bps > 0.0))
            {
                return false; // the return direction does not close: no two-way service
            }
        }
    }
    if (model.fixedRate_bps > 0.0)
    {
        out.forwardRate_bps = out.reverseRate_bps = model.fixedRate_bps;
    }
    return true;
}

void
LinkStateBuilder::Build(TopologySnapshot& snap,
                        std::vector<std::vector<AccessCandidate>>& candidates) const
{
    BuildLinks(snap);
    BuildCandidates(snap, candidates);
}

void
LinkStateBuilder::BuildLinks(TopologySnapshot& snap) const
{
    const auto& pos = snap.positions;
    snap.links.clear();
    SnapshotLink l;

    // ISLs (regenerative payloads only: a bent pipe does not route).
    if (!m_policy.transparent)
    {
        for (auto [a, b] : m_islPairs)
        {
            if (EvaluateLink(LinkKind::Isl, a, b, pos[a], pos[b], l)
                && !IslFailed(a, b, snap.time_s))
            {
                snap.links.push_back(l);
            }
        }
    }
    BackhaulLinks(pos, snap.links);
    // Fiber.
    for (const auto& f : m_world.Fibers())
    {
        SnapshotLink fl;
        fl.a = f.a;
        fl.b = f.b;
        fl.kind = LinkKind::Terrestrial;
        fl.distance_m = f.length_m;
        fl.delay_s = f.delay_s;
        fl.forwardRate_bps = fl.reverseRate_bps = f.rate_bps;
        fl.queuePackets = m_policy.Link(LinkKind::Terrestrial).queuePackets;
        snap.links.push_back(fl);
    }
}

void
LinkStateBuilder::BackhaulLinks(const std::vector<Vec3>& pos, std::vector<SnapshotLink>& out) const
{
    const auto& nodes = m_world.Nodes();
    SnapshotLink l;
    // Gateways to satellites (feeder), best elevation first when the gateway's links are capped.
    std::vector<SnapshotLink> gwLinks;
    for (int g : m_gws)
    {
        gwLinks.clear();
        for (int s : m_sats)
        {
            if (EvaluateLink(LinkKind::Feeder, g, s, pos[g], pos[s], l))
            {
                gwLinks.push_back(l);
            }
        }
        if (m_policy.maxGatewayLinks > 0 && gwLinks.size() > m_policy.maxGatewayLinks)
        {
            std::stable_sort(gwLinks.begin(),
                             gwLinks.end(),
                             [](const SnapshotLink& x, const SnapshotLink& y)
                             {
                                 return x.elevation_deg > y.elevation_deg;
                             });
            gwLinks.resize(m_policy.maxGatewayLinks);
            std::sort(gwLinks.begin(),
                      gwLinks.end(),
                      [](const SnapshotLink& x, const SnapshotLink& y)
                      {
                          return x.b < y.b;
                      });
        }
        out.insert(out.end(), gwLinks.begin(), gwLinks.end());
    }
    // Aerial backhaul: to satellites and to gateways / base stations.
    for (int h : m_aerial)
    {
        const bool haps = nodes[h].role == v1::Node::HAPS;
        const bool viaSat = haps ? m_policy.hapsViaSatellite : m_policy.uavViaSatellite;
        const bool viaGround = haps ? m_policy.hapsViaGround : m_policy.uavViaGround;
        if (viaSat)
        {
            for (int s : m_sats)
            {
                if (EvaluateLink(LinkKind::AirSpace, s, h, pos[s], pos[h], l))
                {
                    out.push_back(l);
                }
            }
        }
        if (viaGround)
        {
            for (const auto* group : {&m_gws, &m_bss})
            {
                for (int g : *group)
                {
                    if (EvaluateLink(LinkKind::AirGround, g, h, pos[g], pos[h], l))
                    {
                        out.push_back(l);
                    }
                }
            }
        }
    }
}

void
LinkStateBuilder::CanServe(const std::vector<SnapshotLink>& links, std::vector<char>& serve) const
{
    const auto& nodes = m_world.Nodes();
    std::vector<char>& backhaul = serve;
    backhaul.assign(nodes.size(), 0);
    // b is the satellite of a feeder, the platform of an air_ground or air_space link. A bent
    // pipe's own backhaul first: a platform relayed through it needs its feeder.
    for (const auto& x : links)
    {
        if (x.kind == LinkKind::Feeder || x.kind == LinkKind::AirGround)
        {
            backhaul[x.b] = 1;
        }
    }
    const bool bentPipe = m_policy.IsTransparentRelay(v1::Node::SAT);
    for (const auto& x : links)
    {
        if (x.kind == LinkKind::AirSpace && (!bentPipe || backhaul[x.a]))
        {
            backhaul[x.b] = 1;
        }
    }
    for (size_t n = 0; n < nodes.size(); ++n)
    {
        serve[n] = !m_policy.IsTransparentRelay(nodes[n].role) || backhaul[n];
    }
}

void
LinkStateBuilder::BuildCandidates(const TopologySnapshot& snap,
                                  std::vector<std::vector<AccessCandidate>>& candidates) const
{
    const auto& pos = snap.positions;
    candidates.assign(m_uts.size(), {});
    SnapshotLink l;
    // A transparent relay serves only while it has a backhaul (CanServe, as in the coverage
    // engine): a terminal never picks a bent pipe that leads nowhere.
    std::vector<char> serve;
    CanServe(snap.links, serve);
    auto canServe = [&](int n)
    {
        return serve[n] != 0;
    };
    // Space candidates, each terminal's in satellite order either way: through the index, each
    // satellite visits the terminals in its footprint cap; without it, every pair.
    if (m_policy.layerAllowed[v1::Node::SPACE] && m_utIndex && !m_bruteForce)
    {
        const std::vector<int>& order = m_utIndex->Order();
        for (int s : m_sats)
        {
            if (!canServe(s) || !std::isfinite(pos[s].x))
            {
                continue;
            }
            const double angle = FootprintAngle(LinkKind::ServiceSpace,
                                                s,
                                                Norm(pos[s]),
                                                m_utIndex->MinRadius(),
                                                m_utIndex->MaxRadius());
            m_utIndex->ForEachInCap(
                m_utIndex->MakeCap(pos[s], angle),
                0,
                m_utIndex->Bins(),
                [&](int k)
                {
                    const int i = order[k];
                    const int u = m_uts[i];
                    if (EvaluateLink(LinkKind::ServiceSpace, s, u, pos[s], pos[u], l))
                    {
                        candidates[i].push_back({l, v1::Node::SPACE});
                    }
                });
        }
    }
    else if (m_policy.layerAllowed[v1::Node::SPACE])
    {
        for (size_t k = 0; k < m_uts.size(); ++k)
        {
            const int u = m_uts[k];
            for (int s : m_sats)
            {
                if (canServe(s) && EvaluateLink(LinkKind::ServiceSpace, s, u, pos[s], pos[u], l))
                {
                    candidates[k].push_back({l, v1::Node::SPACE});
                }
            }
        }
    }
    // Air and ground candidates (a few platforms and cells).
    for (size_t k = 0; k < m_uts.size(); ++k)
    {
        const int u = m_uts[k];
        auto& c = candidates[k];
        if (m_policy.layerAllowed[v1::Node::AIR])
        {
            for (int h : m_aerial)
            {
                if (canServe(h) && EvaluateLink(LinkKind::ServiceAir, h, u, pos[h], pos[u], l))
                {
                    c.push_back({l, v1::Node::AIR});
                }
            }
        }
        if (m_policy.layerAllowed[v1::Node::GROUND])
        {
            for (int b : m_bss)
            {
                if (EvaluateLink(LinkKind::ServiceGround, b, u, pos[b], pos[u], l))
                {
                    c.push_back({l, v1::Node::GROUND});
                }
            }
        }
    }
}

} // namespace sagin
