// Access policies: which node serves a user terminal under each rule, hysteresis and minimum
// dwell with handover counts, and layer preference. Expected choices are derived here from the
// geometry (own WGS84 formulas), closed-form free-space budgets and, for the update-by-update
// rules, a second implementation of the rule as the Standard schema documents it.
#include "core/model/geodesy.h"
#include "routing-test-util.h"
#include "routing/model/topology-controller.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <set>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

std::string
Point(double lat, double lon, double alt)
{
    std::ostringstream s;
    s.precision(12);
    s << "{ lat_deg: " << lat << " lon_deg: " << lon << " alt_m: " << alt << " }";
    return s.str();
}

/// The point `distance_m` from (lat, lon) along `azimuth_deg`.
std::pair<double, double>
Offset(double lat, double lon, double azimuth_deg, double distance_m)
{
    double lat2 = 0.0;
    double lon2 = 0.0;
    GeodesicDirect(lat, lon, azimuth_deg, distance_m, lat2, lon2);
    return {lat2, lon2};
}

/// Sub-satellite point of a node at t.
Geodetic
Nadir(const World& world, const std::string& name, double t)
{
    Geodetic g = EcefToGeodetic(world.Nodes()[world.Find(name)].trajectory->PositionAt(t));
    g.alt_m = 0.0;
    return g;
}

/// Free-space C/N (dB) from first principles: EIRP density over the bandwidth, G/T, Boltzmann,
/// noise bandwidth and 20 log10(4 pi d f / c).
double
FreeSpaceCn(double eirpDbwPerMhz, double gtDbK, double bandwidthMhz, double frequencyGhz, double d)
{
    const double fspl = 20.0 * std::log10(4.0 * M_PI * d * frequencyGhz * 1e9 / kC);
    const double k = 10.0 * std::log10(1.380649e-23);
    return eirpDbwPerMhz + 10.0 * std::log10(bandwidthMhz) + gtDbK - k
           - 10.0 * std::log10(bandwidthMhz * 1e6) - fspl;
}

/// One candidate as the reference sees it.
struct RefCandidate
{
    int node;
    double merit;
    bool usable;
};

/// The access rule as the schema documents it: the best usable candidate, unless the current
/// serving node is still usable and (it was chosen less than `dwell` ago, or the best is not
/// better by more than `margin`). Counts handovers (one node to another).
class ReferenceAccess
{
  public:
    ReferenceAccess(double margin, double dwell)
        : m_margin(margin)
        , m_dwell(dwell)
    {
    }

    /// Returns the serving node; `nearTie` tells that a comparison was within `eps` of flipping.
    int Step(double t, const std::vector<RefCandidate>& cands, double eps, bool& nearTie)
    {
        nearTie = false;
        const RefCandidate* best = nullptr;
        const RefCandidate* current = nullptr;
        double second = -INFINITY;
        for (const auto& c : cands)
        {
            if (!c.usable)
            {
                continue;
            }
            if (!best || c.merit > best->merit)
            {
                second = best ? best->merit : second;
                best = &c;
            }
            else
            {
                second = std::max(second, c.merit);
            }
            if (c.node == m_serving)
            {
                current = &c;
            }
        }
        nearTie = best && std::abs(best->merit - second) < eps;
        const RefCandidate* chosen = best;
        if (current && best && current != best)
        {
            const double gain = best->merit - current->merit;
            nearTie = nearTie || std::abs(gain - m_margin) < eps;
            if (t - m_since < m_dwell || gain <= m_margin)
            {
                chosen = current;
            }
        }
        const int next = chosen ? chosen->node : kNoServingNode;
        if (next != m_serving)
        {
            if (next != kNoServingNode && m_serving != kNoServingNode)
            {
                ++m_handovers;
                m_handoverTimes.push_back(t);
            }
            m_serving = next;
            m_since = t;
        }
        return m_serving;
    }

    unsigned Handovers() const
    {
        return m_handovers;
    }

    const std::vector<double>& HandoverTimes() const
    {
        return m_handoverTimes;
    }

  private:
    double m_margin;
    double m_dwell;
    int m_serving = kNoServingNode;
    double m_since = 0.0;
    unsigned m_handovers = 0;
    std::vector<double> m_handoverTimes;
};

/// Runs the controller and the reference side by side for one terminal over [0, duration]
/// and compares the serving node at every update. `merit(sat, t, usable)` gives the reference's
/// merit of a satellite. Returns the controller's handover count.
unsigned
CompareWithReference(const World& world,
                     const StandardPolicy& policy,
                     const std::string& terminal,
                     double duration,
                     double step,
                     double margin,
                     double dwell,
                     const std::function<double(int, const Vec3&, const Vec3&, bool&)>& merit,
                     std::vector<double>* handoverTimes = nullptr)
{
    TopologyController controller(world, policy);
    ReferenceAccess ref(margin, dwell);
    const int ut = world.Find(terminal);
    const Vec3 put = world.Nodes()[ut].trajectory->PositionAt(0.0);
    std::vector<int> sats;
    for (size_t i = 0; i < world.Nodes().size(); ++i)
    {
        if (world.Nodes()[i].role == v1::Node::SAT)
        {
            sats.push_back(static_cast<int>(i));
        }
    }
    int mismatches = 0;
    int tolerated = 0;
    int served = 0;
    for (double t = 0.0; t <= duration + 1e-9; t += step)
    {
        controller.Update(t);
        std::vector<RefCandidate> cands;
        for (int s : sats)
        {
            bool usable = false;
            double m = merit(s, put, world.Nodes()[s].trajectory->PositionAt(t), usable);
            cands.push_back({s, m, usable});
        }
        bool nearTie = false;
        const int expected = ref.Step(t, cands, 1e-6, nearTie);
        const int got = controller.Snapshot().serving[ut];
        served += got >= 0;
        if (got != expected)
        {
            if (nearTie)
            {
                ++tolerated;
            }
            else if (++mismatches <= 5)
            {
                ADD_FAILURE() << "t = " << t << ": serving "
                              << (got >= 0 ? world.Nodes()[got].name : "none") << ", expected "
                              << (expected >= 0 ? world.Nodes()[expected].name : "none");
            }
        }
    }
    EXPECT_EQ(tolerated, 0) << "near-ties make the comparison fragile: change the geometry";
    EXPECT_GT(served, 0);
    const unsigned handovers = controller.Access().States()[0].handovers;
    if (mismatches == 0 && tolerated == 0)
    {
        EXPECT_EQ(handovers, ref.Handovers());
    }
    if (handoverTimes)
    {
        *handoverTimes = ref.HandoverTimes();
    }
    return handovers;
}

const char* kSingleSat = R"(
    name: "one" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 600 seed: 1
    shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53
                                  total_satellites: 1 planes: 1 phasing: 0 } }
)";

const char* kOnePlane = R"(
    name: "plane" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 1200 seed: 1
    shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53
                                  total_satellites: 18 planes: 1 phasing: 0 } }
)";

} // namespace

// Four candidates, each best under one rule:
//   uav-zenith  directly overhead at 5 km, flying away at 200 m/s   highest elevation (90 deg)
//   uav-near    300 m up, 1 km away, flying away at 50 m/s          nearest (1.04 km)
//   leo-0-0     a LEO satellite at about 50 deg, 80 dB more EIRP    best C/N
//   haps        held 80 km away at 20 km, about 13.5 deg             longest visibility (never
//   sets)
// Free-space budgets (one per link kind) make the C/N a closed form.
TEST(AccessPolicy, EachRuleChoosesItsOwnNode)
{
    auto probe = MakeWorld(ScenarioFromText(kSingleSat));
    const Geodetic nadir = Nadir(*probe, "leo-0-0", 0.0);
    auto [utLat, utLon] = Offset(nadir.lat_deg, nadir.lon_deg, 90.0, 420e3);
    auto [nearLat, nearLon] = Offset(utLat, utLon, 0.0, 1000.0);
    auto [hapsLat, hapsLon] = Offset(utLat, utLon, 200.0, 80e3);
    std::ostringstream s;
    s << kSingleSat << "ground_sites { name: \"ut\" role: UT position " << Point(utLat, utLon, 0)
      << " }\n"
      << "aerial_platforms { name: \"uav-zenith\" role: UAV flight_plan { start "
      << Point(utLat, utLon, 5000) << " legs { fly_to { point " << Point(utLat + 1.0, utLon, 5000)
      << " speed_m_s: 200 } } } }\n"
      << "aerial_platforms { name: \"uav-near\" role: UAV flight_plan { start "
      << Point(nearLat, nearLon, 300) << " legs { fly_to { point " << Point(utLat + 1.0, utLon, 300)
      << " speed_m_s: 50 } } } }\n"
      << "aerial_platforms { name: \"haps\" role: HAPS station_keeping { center "
      << Point(hapsLat, hapsLon, 20000) << " } }\n";
    auto world = MakeWorld(ScenarioFromText(s.str()));
    const auto& nodes = world->Nodes();
    const int ut = NodeIndex(*world, "ut");

    // Budgets: 2 GHz, 10 MHz; the satellite transmits 80 dB more than the aerial platforms.
    const double spaceEirp = 80.0;
    const double airEirp = 0.0;
    const double gt = -30.0;
    auto standardFor = [&](const char* rule)
    {
        std::ostringstream st;
        // Platforms as base stations: a relay without a backhaul would serve nobody.
        st << "name: \"rules\" payload: REGENERATIVE access_layers: [SPACE, AIR]"
           << " haps { role: BASE_STATION } uav { role: BASE_STATION }"
           << " access { rule: " << rule << " layer_choice: BEST_OF_ALL }"
           << " visibility { space_deg: 25 air_deg: 10 }"
           << " links {"
           << "  service_space { frequency_ghz: 2 bandwidth_mhz: 10 channel: FREE_SPACE "
              "modulation: DVB_S2X"
           << "    min_cn_db: -50 forward { eirp_dbw_per_mhz: " << spaceEirp << " gt_dbk: " << gt
           << " } }"
           << "  service_air { frequency_ghz: 2 bandwidth_mhz: 10 channel: FREE_SPACE modulation: "
              "DVB_S2X"
           << "    min_cn_db: -50 forward { eirp_dbw_per_mhz: " << airEirp << " gt_dbk: " << gt
           << " } } }";
        return StandardFromText(st.str());
    };

    // The reference merits at t = 0, from first principles.
    const Vec3 pu = Wgs84ToEcef(utLat, utLon, 0.0);
    const Vec3 up = Wgs84Up(utLat, utLon);
    struct Expect
    {
        std::string name;
        Vec3 position;
        bool sat;
        double elevation = 0.0;
        double distance = 0.0;
        double cn = 0.0;
        double visible_s = 0.0;
    };
    std::vector<Expect> cands
        = {{"uav-zenith", Wgs84ToEcef(utLat, utLon, 5000), false},
           {"uav-near", Wgs84ToEcef(nearLat, nearLon, 300), false},
           {"leo-0-0", nodes[world->Find("leo-0-0")].trajectory->PositionAt(0.0), true},
           {"haps", Wgs84ToEcef(hapsLat, hapsLon, 20000), false}};
    for (auto& c : cands)
    {
        c.elevation = ElevationDeg(pu, up, c.position);
        c.distance = Distance(pu, c.position);
        c.cn = FreeSpaceCn(c.sat ? spaceEirp : airEirp, gt, 10.0, 2.0, c.distance);
        // Remaining visibility over the 600 s look-ahead in 10 s steps, from the trajectory.
        const auto& traj = *nodes[world->Find(c.name)].trajectory;
        c.visible_s = 600.0;
        for (double dt = 10.0; dt <= 600.0; dt += 10.0)
        {
            if (ElevationDeg(pu, up, traj.PositionAt(dt)) < (c.sat ? 25.0 : 10.0))
            {
                c.visible_s = dt - 10.0;
                break;
            }
        }
        EXPECT_GE(c.elevation, c.sat ? 25.0 : 10.0) << c.name << " must be a candidate";
        std::cout << c.name << ": elevation " << c.elevation << " deg, distance "
                  << c.distance / 1e3 << " km, C/N " << c.cn << " dB, visible for " << c.visible_s
                  << " s\n";
    }
    auto argmax = [&](auto key)
    {
        size_t best = 0;
        for (size_t i = 1; i < cands.size(); ++i)
        {
            if (key(cands[i]) > key(cands[best]))
            {
                best = i;
            }
        }
        return cands[best].name;
    };
    const std::string byElevation = argmax(
        [](const Expect& c)
        {
            return c.elevation;
        });
    const std::string byDistance = argmax(
        [](const Expect& c)
        {
            return -c.distance;
        });
    const std::string byCn = argmax(
        [](const Expect& c)
        {
            return c.cn;
        });
    const std::string byVisibility = argmax(
        [](const Expect& c)
        {
            return c.visible_s;
        });
    // The geometry does what it was built for: four different winners, with clear margins.
    EXPECT_EQ(byElevation, "uav-zenith");
    EXPECT_EQ(byDistance, "uav-near");
    EXPECT_EQ(byCn, "leo-0-0");
    EXPECT_EQ(byVisibility, "haps");

    for (auto [rule, expected] : {std::pair{"HIGHEST_ELEVATION", byElevation},
                                  std::pair{"NEAREST", byDistance},
                                  std::pair{"BEST_CN", byCn},
                                  std::pair{"LONGEST_VISIBILITY", byVisibility}})
    {
        auto standard = standardFor(rule);
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        controller.Update(0.0);
        const int serving = controller.Snapshot().serving[ut];
        ASSERT_GE(serving, 0) << rule;
        EXPECT_EQ(nodes[serving].name, expected) << rule;
        // The chosen access link carries the geometry and the C/N of the closed forms.
        for (const auto& l : controller.Snapshot().links)
        {
            if (IsServiceLink(l.kind) && l.b == ut)
            {
                EXPECT_EQ(l.a, serving);
                for (const auto& c : cands)
                {
                    if (c.name == nodes[serving].name)
                    {
                        EXPECT_NEAR(l.distance_m, c.distance, 1e-3);
                        EXPECT_NEAR(l.elevation_deg, c.elevation, 1e-6);
                        EXPECT_NEAR(l.forwardCn_db, c.cn, 0.01);
                    }
                }
            }
        }
    }
}

// Two satellites of one plane at nearly the same elevation, one rising and one setting: the
// terminal sits a little closer to the setting one, so HIGHEST_ELEVATION and NEAREST keep the
// setting satellite while LONGEST_VISIBILITY takes the rising one.
TEST(AccessPolicy, LongestVisibilityPrefersTheRisingSatellite)
{
    auto probe = MakeWorld(ScenarioFromText(kOnePlane));
    const Geodetic a = Nadir(*probe, "leo-0-0", 0.0);
    const Geodetic b = Nadir(*probe, "leo-0-1", 0.0);
    // 55 % of the way from leo-0-0's nadir to leo-0-1's, along the geodesic.
    const double d = GeodesicDistance(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
    double lat = 0.0;
    double lon = 0.0;
    {
        // Azimuth by bisection on the end point (GeodesicDirect only): good enough for a site.
        double best = 1e99;
        for (double az = 0.0; az < 360.0; az += 0.01)
        {
            double la = 0.0;
            double lo = 0.0;
            GeodesicDirect(a.lat_deg, a.lon_deg, az, d, la, lo);
            double miss = GeodesicDistance(la, lo, b.lat_deg, b.lon_deg);
            if (miss < best)
            {
                best = miss;
                GeodesicDirect(a.lat_deg, a.lon_deg, az, 0.55 * d, lat, lon);
            }
        }
    }
    auto world = MakeWorld(ScenarioFromText(std::string(kOnePlane)
                                            + "ground_sites { name: \"ut\" role: UT position "
                                            + Point(lat, lon, 0) + " }"));
    const auto& nodes = world->Nodes();
    const int ut = NodeIndex(*world, "ut");
    const int s0 = NodeIndex(*world, "leo-0-0");
    const int s1 = NodeIndex(*world, "leo-0-1");
    const Vec3 pu = Wgs84ToEcef(lat, lon, 0.0);
    const Vec3 up = Wgs84Up(lat, lon);

    // Which one approaches: the range shrinks over the next second.
    auto range = [&](int s, double t)
    {
        return Distance(pu, nodes[s].trajectory->PositionAt(t));
    };
    const bool s1Rising = range(s1, 1.0) < range(s1, 0.0);
    ASSERT_NE(s1Rising, range(s0, 1.0) < range(s0, 0.0)) << "one rises, the other sets";
    const int rising = s1Rising ? s1 : s0;
    const int setting = s1Rising ? s0 : s1;
    const double eRising = ElevationDeg(pu, up, nodes[rising].trajectory->PositionAt(0.0));
    const double eSetting = ElevationDeg(pu, up, nodes[setting].trajectory->PositionAt(0.0));
    std::cout << "rising " << nodes[rising].name << " at " << eRising << " deg, setting "
              << nodes[setting].name << " at " << eSetting << " deg\n";
    ASSERT_GE(std::min(eRising, eSetting), 10.0);
    const int closer = range(s0, 0.0) < range(s1, 0.0) ? s0 : s1;
    ASSERT_EQ(setting, closer) << "the site was meant to be closer to the setting satellite";

    for (auto [rule, expected] : {std::pair{"HIGHEST_ELEVATION", setting},
                                  std::pair{"NEAREST", setting},
                                  std::pair{"LONGEST_VISIBILITY", rising}})
    {
        auto standard = StandardFromText(
            std::string("name: \"lv\" payload: REGENERATIVE access { rule: ") + rule
            + " lookahead_s: 900 lookahead_step_s: 5 } visibility { space_deg: 10 }");
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        controller.Update(0.0);
        EXPECT_EQ(controller.Snapshot().serving[ut], expected) << rule;
    }
}

// Hysteresis: with a margin the terminal keeps its satellite until another is better by more
// than the margin (degrees for HIGHEST_ELEVATION, km for NEAREST, dB for BEST_CN): on this pass
// the same handovers happen, each later.
TEST(AccessPolicy, HysteresisKeepsTheServingNodeUntilTheMarginIsExceeded)
{
    auto probe = MakeWorld(ScenarioFromText(kOnePlane));
    const Geodetic nadir = Nadir(*probe, "leo-0-0", 0.0);
    auto world = MakeWorld(ScenarioFromText(std::string(kOnePlane)
                                            + "ground_sites { name: \"ut\" role: UT position "
                                            + Point(nadir.lat_deg, nadir.lon_deg, 0) + " }"));
    const Vec3 up = Wgs84Up(nadir.lat_deg, nadir.lon_deg);
    auto elevation = [&](int, const Vec3& pu, const Vec3& ps, bool& usable)
    {
        double e = ElevationDeg(pu, up, ps);
        usable = e >= 10.0;
        return e;
    };
    auto nearness_km = [&](int, const Vec3& pu, const Vec3& ps, bool& usable)
    {
        usable = ElevationDeg(pu, up, ps) >= 10.0;
        return -Distance(pu, ps) / 1e3;
    };
    // Free-space budget: C/N falls with 20 log10(distance).
    const char* budget
        = "links { service_space { frequency_ghz: 2 bandwidth_mhz: 10 channel: FREE_SPACE "
          "modulation: DVB_S2X min_cn_db: -50 forward { eirp_dbw_per_mhz: 40 gt_dbk: -10 } } }";
    auto cn = [&](int, const Vec3& pu, const Vec3& ps, bool& usable)
    {
        usable = ElevationDeg(pu, up, ps) >= 10.0;
        return FreeSpaceCn(40.0, -10.0, 10.0, 2.0, Distance(pu, ps));
    };
    struct Case
    {
        const char* rule;
        const char* field;
        double margin;
        std::function<double(int, const Vec3&, const Vec3&, bool&)> merit;
        const char* extra;
    };
    for (const Case& c : {Case{"HIGHEST_ELEVATION", "hysteresis_deg", 8.0, elevation, ""},
                          Case{"NEAREST", "hysteresis_km", 300.0, nearness_km, ""},
                          Case{"BEST_CN", "hysteresis_db", 2.0, cn, budget}})
    {
        SCOPED_TRACE(c.rule);
        std::vector<unsigned> counts;
        std::vector<std::vector<double>> times;
        for (double margin : {0.0, c.margin})
        {
            std::ostringstream st;
            st << "name: \"h\" payload: REGENERATIVE access { rule: " << c.rule << " " << c.field
               << ": " << margin << " } visibility { space_deg: 10 } " << c.extra;
            auto standard = StandardFromText(st.str());
            auto policy = Resolve(standard, *world);
            std::vector<double> t;
            counts.push_back(
                CompareWithReference(*world, policy, "ut", 1200.0, 1.0, margin, 0.0, c.merit, &t));
            times.push_back(t);
        }
        std::cout << c.rule << ": " << counts[0] << " handovers without hysteresis, " << counts[1]
                  << " with\n";
        EXPECT_GE(counts[0], 2u);
        ASSERT_EQ(counts[1], counts[0]) << "each handover is delayed, none skipped, on this pass";
        for (size_t i = 0; i < times[0].size(); ++i)
        {
            EXPECT_GT(times[1][i], times[0][i] + 5.0)
                << "handover " << i << " comes later with hysteresis";
        }
    }
}

// Minimum dwell over a dense shell: no handover sooner than the dwell after the previous change
// unless the serving satellite dropped below the mask; fewer handovers than without it.
TEST(AccessPolicy, MinimumDwellLimitsHandovers)
{
    auto scenario = ShippedScenario("scenarios/starlink-shell1.txtpb");
    auto* site = scenario.add_ground_sites();
    site->set_name("ut");
    site->set_role(v1::Node::UT);
    site->mutable_position()->set_lat_deg(40.42);
    site->mutable_position()->set_lon_deg(-3.70);
    auto world = MakeWorld(scenario);
    const Vec3 up = Wgs84Up(40.42, -3.70);
    auto elevation = [&](int, const Vec3& pu, const Vec3& ps, bool& usable)
    {
        double e = ElevationDeg(pu, up, ps);
        usable = e >= 25.0;
        return e;
    };
    std::vector<unsigned> counts;
    for (double dwell : {0.0, 60.0})
    {
        std::ostringstream st;
        st << "name: \"d\" payload: REGENERATIVE access { rule: HIGHEST_ELEVATION min_dwell_s: "
           << dwell << " } visibility { space_deg: 25 }";
        auto standard = StandardFromText(st.str());
        auto policy = Resolve(standard, *world);
        counts.push_back(
            CompareWithReference(*world, policy, "ut", 600.0, 2.0, 0.0, dwell, elevation));
    }
    std::cout << "min dwell: " << counts[0] << " handovers in 600 s without, " << counts[1]
              << " with 60 s\n";
    EXPECT_GE(counts[0], 10u);
    EXPECT_LT(counts[1], counts[0]);
    EXPECT_LE(counts[1], 600u / 60u + 3u);
}

// Layer preference [GROUND, AIR, SPACE] with FIRST_AVAILABLE: a base station in range serves,
// else the HAPS, else a satellite; with BEST_OF_ALL the base station (seen at the horizon)
// loses to higher candidates.
TEST(AccessPolicy, LayerPreferenceGroundThenAirThenSpace)
{
    auto probe = MakeWorld(ScenarioFromText(kSingleSat));
    const Geodetic nadir = Nadir(*probe, "leo-0-0", 0.0);
    // HAPS 300 km east of the nadir; base station 6 km from the HAPS' ground point.
    auto [hLat, hLon] = Offset(nadir.lat_deg, nadir.lon_deg, 90.0, 300e3);
    auto [bsLat, bsLon] = Offset(hLat, hLon, 0.0, 6e3);
    auto [u1Lat, u1Lon]
        = Offset(bsLat, bsLon, 180.0, 3e3); // 3 km from the BS, 3 km from the HAPS point
    auto [u2Lat, u2Lon] = Offset(hLat, hLon, 180.0, 20e3); // 26 km from the BS, HAPS at ~45 deg
    std::ostringstream s;
    s << kSingleSat << "aerial_platforms { name: \"haps\" role: HAPS station_keeping { center "
      << Point(hLat, hLon, 20000) << " } }\n"
      << "ground_sites { name: \"bs\" role: BS position " << Point(bsLat, bsLon, 30) << " }\n"
      << "ground_sites { name: \"ut1\" role: UT position " << Point(u1Lat, u1Lon, 0) << " }\n"
      << "ground_sites { name: \"ut2\" role: UT position " << Point(u2Lat, u2Lon, 0) << " }\n"
      << "ground_sites { name: \"ut3\" role: UT position " << Point(nadir.lat_deg, nadir.lon_deg, 0)
      << " }\n";
    auto world = MakeWorld(ScenarioFromText(s.str()));
    const int ut1 = NodeIndex(*world, "ut1");
    const int ut2 = NodeIndex(*world, "ut2");
    const int ut3 = NodeIndex(*world, "ut3");
    const int bs = NodeIndex(*world, "bs");
    const int haps = NodeIndex(*world, "haps");
    const int sat = NodeIndex(*world, "leo-0-0");

    // The premises, from first principles.
    auto pos = [](double lat, double lon, double alt)
    {
        return Wgs84ToEcef(lat, lon, alt);
    };
    const Vec3 satPos = world->Nodes()[sat].trajectory->PositionAt(0.0);
    EXPECT_LT(Distance(pos(u1Lat, u1Lon, 0), pos(bsLat, bsLon, 30)), 10e3);
    EXPECT_GT(Distance(pos(u2Lat, u2Lon, 0), pos(bsLat, bsLon, 30)), 10e3);
    EXPECT_GE(ElevationDeg(pos(u2Lat, u2Lon, 0), Wgs84Up(u2Lat, u2Lon), pos(hLat, hLon, 20000)),
              15.0);
    EXPECT_LT(ElevationDeg(pos(nadir.lat_deg, nadir.lon_deg, 0),
                           Wgs84Up(nadir.lat_deg, nadir.lon_deg),
                           pos(hLat, hLon, 20000)),
              15.0);
    for (auto [lat, lon] : {std::pair{u1Lat, u1Lon},
                            std::pair{u2Lat, u2Lon},
                            std::pair{nadir.lat_deg, nadir.lon_deg}})
    {
        EXPECT_GE(ElevationDeg(pos(lat, lon, 0), Wgs84Up(lat, lon), satPos), 25.0)
            << "the satellite serves all";
    }

    auto serving = [&](const char* layerChoice)
    {
        auto standard = StandardFromText(
            std::string("name: \"layers\" payload: REGENERATIVE ")
            + "access_layers: [GROUND, AIR, SPACE] access { layer_choice: " + layerChoice
            + " } visibility { space_deg: 25 air_deg: 15 ground_range_km: 10 }");
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        controller.Update(0.0);
        return controller.Snapshot().serving;
    };
    auto first = serving("FIRST_AVAILABLE");
    EXPECT_EQ(first[ut1], bs);
    EXPECT_EQ(first[ut2], haps);
    EXPECT_EQ(first[ut3], sat);
    auto best = serving("BEST_OF_ALL");
    EXPECT_NE(best[ut1], bs) << "by elevation alone the base station does not win";
    EXPECT_EQ(best[ut3], sat);
}

// A gateway uses every satellite above its mask, or, with max_gateway_links, only the highest.
TEST(AccessPolicy, GatewayLinksAreTheHighestSatellites)
{
    auto scenario = ShippedScenario("scenarios/starlink-shell1.txtpb");
    auto* site = scenario.add_ground_sites();
    site->set_name("gw");
    site->set_role(v1::Node::GW);
    site->mutable_position()->set_lat_deg(-33.45);
    site->mutable_position()->set_lon_deg(-70.66);
    site->mutable_position()->set_alt_m(570);
    auto world = MakeWorld(scenario);
    const int gw = NodeIndex(*world, "gw");
    const Vec3 pg = Wgs84ToEcef(-33.45, -70.66, 570);
    const Vec3 up = Wgs84Up(-33.45, -70.66);
    for (double t : {0.0, 100.0, 2000.0})
    {
        // Every satellite above 25 deg, highest first, from first principles.
        std::vector<std::pair<double, int>> visible;
        for (size_t i = 0; i < world->Nodes().size(); ++i)
        {
            if (world->Nodes()[i].role != v1::Node::SAT)
            {
                continue;
            }
            double e = ElevationDeg(pg, up, world->Nodes()[i].trajectory->PositionAt(t));
            if (e >= 25.0)
            {
                visible.emplace_back(e, static_cast<int>(i));
            }
        }
        std::sort(visible.rbegin(), visible.rend());
        ASSERT_GE(visible.size(), 4u) << "Starlink shell 1 covers Santiago";
        for (unsigned cap : {0u, 3u})
        {
            auto standard
                = StandardFromText("name: \"gw\" payload: REGENERATIVE access { max_gateway_links: "
                                   + std::to_string(cap) + " } visibility { space_deg: 25 }");
            auto policy = Resolve(standard, *world);
            TopologyController controller(*world, policy);
            controller.Update(t);
            std::set<int> got;
            for (const auto& l : controller.Snapshot().links)
            {
                if (l.kind == LinkKind::Feeder && l.a == gw)
                {
                    got.insert(l.b);
                }
            }
            std::set<int> expected;
            for (size_t i = 0; i < visible.size() && (cap == 0 || i < cap); ++i)
            {
                expected.insert(visible[i].second);
            }
            EXPECT_EQ(got, expected) << "cap " << cap << " at t = " << t;
        }
    }
}
