// Link-budget throughput: 1,000,000 satellite-terminal budgets per iteration (geometry from ECEF
// positions: elevation and slant range; mean TR 38.811 path loss; C/N; DVB-S2X rate).
// Target (issue 3): <= 0.5 s per 1,000,000 on one core.
// BM_MillionEvaluateToPoint does the same through the simulator's own per-link predicate,
// LinkStateBuilder::EvaluateToPoint (visibility rule, both directions' C/N and rate), which the
// topology controller and the coverage engine call; the README row quotes it.
#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "link/model/link-budget.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/standard-policy.h"
#include "scenario/model/text-input.h"
#include "scenario/model/world.h"

#include <benchmark/benchmark.h>
#include <cmath>
#include <vector>

namespace
{

using namespace sagin;

struct Scene
{
    std::vector<Vec3> terminals;
    std::vector<Vec3> ups;
    std::vector<Vec3> satellites;
};

/// 1000 terminals on a 40 x 25 grid over 8 deg x 8 deg of Europe and 1000 satellites at 550 km
/// over the same square: every pair is above the 10 deg mask (at most 11.3 deg of central angle
/// apart, the 10 deg footprint of 550 km reaching 15.0 deg), so every evaluation computes a budget.
Scene
MakeCompactScene()
{
    Scene s;
    for (int i = 0; i < 1000; ++i)
    {
        double lat = 40.0 + (i % 40) * 0.2;
        double lon = 0.0 + (i / 40) * 0.32;
        s.terminals.push_back(GeodeticToEcef({lat, lon, 50.0}));
        s.ups.push_back(UpVector(lat, lon));
        double slat = 40.0 + std::fmod(i * 7.31, 8.0);
        double slon = 0.0 + std::fmod(i * 3.77, 8.0);
        s.satellites.push_back(GeodeticToEcef({slat, slon, 550e3}));
    }
    return s;
}

Scene
MakeScene()
{
    Scene s;
    // 1000 terminals on a 40 x 25 grid over Europe / Africa; 1000 satellites at 550 km over the
    // same region, so that most pairs are above the horizon.
    for (int i = 0; i < 1000; ++i)
    {
        double lat = -30.0 + (i % 40) * 2.0;
        double lon = -10.0 + (i / 40) * 2.0;
        s.terminals.push_back(GeodeticToEcef({lat, lon, 50.0}));
        s.ups.push_back(UpVector(lat, lon));
        double slat = -35.0 + std::fmod(i * 7.31, 90.0);
        double slon = -15.0 + std::fmod(i * 3.77, 60.0);
        s.satellites.push_back(GeodeticToEcef({slat, slon, 550e3}));
    }
    return s;
}

LinkBudgetParameters
KaDownlink()
{
    // 38.821 Set-1 LEO Ka DL: 4 dBW/MHz over 400 MHz, VSAT G/T 39.7 - 10 log10(150 + 290 (10^0.12
    // - 1)) dB/K, urban.
    LinkBudgetParameters p;
    p.model = ChannelModel::kNtn;
    p.environment = Environment::kUrban;
    p.frequencyHz = 20e9;
    p.bandwidthHz = 400e6;
    p.eirpDbwPerMhz = 4.0;
    p.rxGainDbi = 39.7;
    p.noiseFigureDb = 1.2;
    p.antennaTemperatureK = 150.0;
    p.modulation = ModulationKind::kDvbS2x;
    p.minElevationDeg = 10.0;
    return p;
}

void
BM_MillionSatelliteTerminalBudgets(benchmark::State& state)
{
    const Scene scene = MakeScene();
    const LinkBudget budget(KaDownlink());
    const double minElevationRad = 10.0 * kDegToRad;
    for (auto _ : state)
    {
        double sumRate = 0.0;
        int visible = 0;
        for (std::size_t t = 0; t < scene.terminals.size(); ++t)
        {
            const Vec3& g = scene.terminals[t];
            const Vec3& up = scene.ups[t];
            for (const Vec3& sat : scene.satellites)
            {
                Vec3 d = sat - g;
                double range = Norm(d);
                double elevation = std::asin(Dot(up, d) / range);
                if (elevation < minElevationRad)
                {
                    continue;
                }
                ++visible;
                double cn = budget.MeanCnDb(range, elevation * kRadToDeg);
                sumRate += budget.RateBps(cn);
            }
        }
        benchmark::DoNotOptimize(sumRate);
        benchmark::DoNotOptimize(visible);
        state.counters["visible"] = visible;
    }
    state.SetItemsProcessed(state.iterations() * 1000000);
}

/// Same work with every pair evaluated (no visibility cut): the worst case.
void
BM_MillionBudgetsNoCut(benchmark::State& state)
{
    const Scene scene = MakeScene();
    const LinkBudget budget(KaDownlink());
    for (auto _ : state)
    {
        double sumRate = 0.0;
        for (std::size_t t = 0; t < scene.terminals.size(); ++t)
        {
            const Vec3& g = scene.terminals[t];
            const Vec3& up = scene.ups[t];
            for (const Vec3& sat : scene.satellites)
            {
                Vec3 d = sat - g;
                double range = Norm(d);
                double elevationDeg = std::asin(Dot(up, d) / range) * kRadToDeg;
                double cn = budget.MeanCnDb(range, elevationDeg);
                sumRate += budget.RateBps(cn);
            }
        }
        benchmark::DoNotOptimize(sumRate);
    }
    state.SetItemsProcessed(state.iterations() * 1000000);
}

/// 1,000,000 service-link evaluations through LinkStateBuilder::EvaluateToPoint: 1000 satellites
/// of a Walker shell (positions of the scene, so the pairs are those above) against the 1000
/// terminals, with a Ka-band budget both ways (forward: 38.821 Set-1 VSAT downlink as above;
/// reverse: a 33 dBm, 43.2 dBi VSAT to a 13 dB/K satellite receiver) and a 10 deg mask.
void
BM_MillionEvaluateToPoint(benchmark::State& state)
{
    // Arg 0: the scene above (most pairs below the mask); 1: the compact scene (all above it).
    const Scene scene = state.range(0) == 0 ? MakeScene() : MakeCompactScene();
    v1::Scenario scenario;
    ParseTextInto("<bench scenario>",
                  R"(name: "bench" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 1
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 1000 planes: 40 phasing: 1 } }
ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: 0 } })",
                  scenario);
    const World world = BuildWorld(scenario, ".");
    v1::Standard standard;
    ParseTextInto("<bench standard>",
                  R"(name: "bench" payload: REGENERATIVE access_layers: [SPACE] visibility { space_deg: 10 }
links { service_space {
  frequency_ghz: 20 reverse_frequency_ghz: 30 bandwidth_mhz: 400 channel: NTN environment: URBAN
  forward { eirp_dbw_per_mhz: 4 rx { gain_dbi: 39.7 noise_figure_db: 1.2 antenna_temperature_k: 150 } }
  reverse { tx { power_dbm: 33 gain_dbi: 43.2 } gt_dbk: 13 }
  modulation: DVB_S2X } })",
                  standard);
    const StandardPolicy policy = ResolveStandard(standard, world);
    const LinkStateBuilder builder(world, policy);
    const auto& sats = world.Shells().front().nodes;
    for (auto _ : state)
    {
        double sumRate = 0.0;
        int usable = 0;
        for (std::size_t t = 0; t < scene.terminals.size(); ++t)
        {
            for (std::size_t k = 0; k < scene.satellites.size(); ++k)
            {
                SnapshotLink link;
                if (builder.EvaluateToPoint(LinkKind::ServiceSpace, sats[k], scene.satellites[k], scene.terminals[t],
                                            scene.ups[t], link))
                {
                    ++usable;
                    sumRate += link.forwardRate_bps + link.reverseRate_bps;
                }
            }
        }
        benchmark::DoNotOptimize(sumRate);
        state.counters["usable"] = usable;
    }
    // Pairs above the mask (counted outside the timed loop).
    int visible = 0;
    for (std::size_t t = 0; t < scene.terminals.size(); ++t)
    {
        for (std::size_t k = 0; k < scene.satellites.size(); ++k)
        {
            visible += builder.Visible(LinkKind::ServiceSpace, sats[k], scene.satellites[k], scene.terminals[t],
                                       scene.ups[t]);
        }
    }
    state.counters["visible"] = visible;
    state.SetItemsProcessed(state.iterations() * 1000000);
}

} // namespace

BENCHMARK(BM_MillionEvaluateToPoint)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MillionSatelliteTerminalBudgets)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MillionBudgetsNoCut)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
