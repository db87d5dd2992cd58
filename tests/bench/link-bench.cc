// Link-budget throughput: 1,000,000 satellite-terminal budgets per iteration (geometry from ECEF
// positions: elevation and slant range; mean TR 38.811 path loss; C/N; DVB-S2X rate).
// Target (issue 3): <= 0.5 s per 1,000,000 on one core.
#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "link/model/link-budget.h"

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

} // namespace

BENCHMARK(BM_MillionSatelliteTerminalBudgets)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MillionBudgetsNoCut)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
