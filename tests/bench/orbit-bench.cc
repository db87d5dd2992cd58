// One propagation step of the 4,408 Walker satellites of Starlink's first generation
// (target <= 2 ms on one core). Run: build/bin/orbit-bench
#include "core/model/constants.h"
#include "orbit/model/walker-shell.h"

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

using namespace sagin;

static void
BM_WalkerStep4408(benchmark::State& state)
{
    auto earth = std::make_shared<EarthOrientation>(UtcEpoch::Parse("2026-01-01T00:00:00Z"));
    // Starlink Gen1 as modified in 2021 (scenarios/starlink-gen1.txtpb).
    struct ShellSpec
    {
        double alt_km, inc;
        int planes, perPlane;
    };
    std::vector<std::unique_ptr<Trajectory>> sats;
    for (auto s : {ShellSpec{550, 53.0, 72, 22},
                   ShellSpec{540, 53.2, 72, 22},
                   ShellSpec{570, 70.0, 36, 20},
                   ShellSpec{560, 97.6, 6, 58},
                   ShellSpec{560, 97.6, 4, 43}})
    {
        WalkerParams p{WalkerKind::Delta, s.alt_km * 1e3, s.inc, s.planes * s.perPlane, s.planes, 1, 0, 0};
        for (const auto& w : LayoutWalkerShell("s", p))
        {
            sats.push_back(std::make_unique<CircularOrbit>(w.elements, earth, true));
        }
    }
    std::vector<StateVector> out(sats.size());
    double t = 0.0;
    for (auto _ : state)
    {
        for (size_t i = 0; i < sats.size(); ++i)
        {
            out[i] = sats[i]->StateAt(t);
        }
        benchmark::DoNotOptimize(out.data());
        t += 60.0;
    }
    state.counters["satellites"] = static_cast<double>(sats.size());
}
BENCHMARK(BM_WalkerStep4408)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
