// Terrestrial base stations: a sectorised site serves with its best sector and the TR 38.901
// element pattern's loss (Table 7.3-1: A_H = -min(12 (phi / 65)^2, 30)) lowers the C/N of both
// directions; the site's antenna height reaches the channel model.
#include "routing-test-util.h"

#include "routing/model/link-state-builder.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sagin;
using namespace sagin::test;

namespace
{

const char* kStandard = R"(
name: "cells"
payload: REGENERATIVE
access_layers: [GROUND]
visibility { ground_range_km: 5 }
links {
  service_ground {
    frequency_ghz: 2 bandwidth_mhz: 20 channel: UMA environment: URBAN
    forward { tx { power_dbm: 46 gain_dbi: 15 } rx { gain_dbi: 0 noise_figure_db: 7 } }
    reverse { tx { power_dbm: 23 gain_dbi: 0 } rx { gain_dbi: 15 noise_figure_db: 5 } }
    reverse_bandwidth_mhz: 5
    modulation: SHANNON
    min_cn_db: -100
  }
})";

/// C/N of the service links from `bs` to two terminals 1 km away (north, and at `bearing`).
std::pair<SnapshotLink, SnapshotLink>
Links(const std::string& bsExtra, double bearingDeg)
{
    // 1 km from the site at 10 deg N: north along the meridian, and along `bearing` (flat-Earth
    // offsets are exact enough at 1 km for these angles).
    const double lat = 10.0;
    const double dLat = 1000.0 / 110600.0;
    const double b = bearingDeg * M_PI / 180.0;
    const double dLatB = dLat * std::cos(b);
    const double dLonB = 1000.0 / (111300.0 * std::cos(lat * M_PI / 180.0)) * std::sin(b);
    char text[2048];
    std::snprintf(text,
                  sizeof text,
                  R"(epoch_utc: "2026-01-01T00:00:00Z"
ground_sites { name: "bs" role: BS position { lat_deg: %.8f lon_deg: 20 alt_m: 25 } %s }
ground_sites { name: "ut-n" role: UT position { lat_deg: %.8f lon_deg: 20 alt_m: 1.5 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: %.8f lon_deg: %.8f alt_m: 1.5 } })",
                  lat,
                  bsExtra.c_str(),
                  lat + dLat,
                  lat + dLatB,
                  20 + dLonB);
    auto world = MakeWorld(ScenarioFromText(text));
    StandardPolicy policy = Resolve(StandardFromText(kStandard), *world);
    LinkStateBuilder builder(*world, policy);
    std::vector<Vec3> pos;
    builder.Positions(0.0, pos);
    const int bs = NodeIndex(*world, "bs");
    SnapshotLink n;
    SnapshotLink s;
    EXPECT_TRUE(builder.EvaluateLink(LinkKind::ServiceGround, bs, NodeIndex(*world, "ut-n"), pos[bs],
                                     pos[NodeIndex(*world, "ut-n")], n));
    EXPECT_TRUE(builder.EvaluateLink(LinkKind::ServiceGround, bs, NodeIndex(*world, "ut-b"), pos[bs],
                                     pos[NodeIndex(*world, "ut-b")], s));
    return {n, s};
}

} // namespace

TEST(BaseStation, BestSectorPatternLoss)
{
    // Omni: the same C/N in every direction (same distance).
    auto omni = Links("", 60.0);
    EXPECT_NEAR(omni.first.forwardCn_db, omni.second.forwardCn_db, 0.05);
    // Three sectors at 0, 120, 240 deg: north is on boresight; 60 deg is 60 deg off the two
    // nearest sectors: A_H = -12 (60 / 65)^2 = -10.225 dB (the vertical cut is the same for both
    // terminals), so the C/N drops by that much relative to omni, both ways.
    auto tri = Links("sectors: 3 sector_azimuth_deg: 0", 60.0);
    const double loss = 12.0 * (60.0 / 65.0) * (60.0 / 65.0);
    EXPECT_NEAR(tri.first.forwardCn_db, omni.first.forwardCn_db, 0.05);
    EXPECT_NEAR(omni.second.forwardCn_db - tri.second.forwardCn_db, loss, 0.05);
    // 30 deg off: 12 (30/65)^2 = 2.556 dB.
    auto tri30 = Links("sectors: 3 sector_azimuth_deg: 0", 30.0);
    EXPECT_NEAR(omni.second.forwardCn_db - tri30.second.forwardCn_db, 12.0 * (30.0 / 65.0) * (30.0 / 65.0), 0.1);
    // Rotating the sectors by 60 deg puts the second terminal on boresight.
    auto rotated = Links("sectors: 3 sector_azimuth_deg: 60", 60.0);
    EXPECT_NEAR(rotated.second.forwardCn_db, omni.second.forwardCn_db, 0.05);
}

TEST(BaseStation, AntennaHeightReachesTheChannelModel)
{
    // TR 38.901 UMa: a higher mast changes the 3D distance and the LOS breakpoint; the C/N
    // differs, and equals what the channel model gives for that height directly.
    auto low = Links("antenna_height_m: 25", 0.0);
    auto high = Links("antenna_height_m: 35", 0.0);
    EXPECT_GT(std::fabs(low.first.forwardCn_db - high.first.forwardCn_db), 0.01);
    LinkBudgetParameters p;
    p.model = ChannelModel::kUmaAv;
    p.environment = Environment::kUrban;
    p.frequencyHz = 2e9;
    p.bandwidthHz = 20e6;
    p.txPowerDbw = 16.0;
    p.txGainDbi = 15.0;
    p.rxGainDbi = 0.0;
    p.noiseFigureDb = 7.0;
    p.modulation = ModulationKind::kShannon;
    p.groundAntennaHeightM = 35.0;
    LinkBudget budget(p);
    LinkGeometry g;
    g.distanceM = high.first.distance_m;
    g.elevationDeg = std::max(0.0, high.first.elevation_deg);
    g.groundDistanceM = std::sqrt(std::max(0.0, g.distanceM * g.distanceM - 23.5 * 23.5));
    g.aerialHeightM = 1.5;
    EXPECT_NEAR(budget.Evaluate(g, LinkCondition::kMean).cnDb, high.first.forwardCn_db, 0.05);
}
