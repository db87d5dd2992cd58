// Geometry SINR throughput: one Set-1 LEO-600 Ka payload of 61 beams (FR1) at nadir evaluated for
// 10,000 terminals spread over its 19 serving beams, and one whole TR 38.821 calibration case
// (drops included). The later target: a 1-degree global grid (64,800 points) against a
// starlink-gen1 constellation with 61 beams per satellite in <= 1 s per step.
#include "core/model/constants.h"
#include "radio/model/calibration-38821.h"

#include <benchmark/benchmark.h>
#include <cmath>
#include <vector>

namespace
{

using namespace sagin;

void
BM_GeometrySinr61Beams(benchmark::State& state)
{
    const Tr38821Case c{1, Tr38821Orbit::kLeo600, Tr38821Band::kKa, FrequencyReuse::kFr1};
    const SpotBeamPayload payload = Tr38821Payload(c);
    const TerminalRx rx = Tr38821TerminalRx(c.band);
    // 100 x 100 terminals on a square of +-60 km around the central beam's centre (0, 0, R).
    std::vector<Vec3> terminals;
    const double r = kEarthMeanRadius3gpp;
    for (int i = 0; i < 100; ++i)
    {
        for (int j = 0; j < 100; ++j)
        {
            double a = (i - 49.5) * 1.2e3 / r;
            double b = (j - 49.5) * 1.2e3 / r;
            terminals.push_back(Normalized(Vec3(std::sin(a), std::sin(b), 1.0)) * r);
        }
    }
    for (auto _ : state)
    {
        double sum = 0.0;
        for (const auto& t : terminals)
        {
            sum += payload.Evaluate(t, rx).sinrDb;
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(terminals.size()));
}
BENCHMARK(BM_GeometrySinr61Beams)->Unit(benchmark::kMillisecond);

void
BM_Leo600CalibrationCase(benchmark::State& state)
{
    const Tr38821Case c{1,
                        Tr38821Orbit::kLeo600,
                        Tr38821Band::kKa,
                        state.range(0) == 1 ? FrequencyReuse::kFr1 : FrequencyReuse::kFr3};
    for (auto _ : state)
    {
        auto r = RunTr38821Case(c, Tr38821Options{});
        benchmark::DoNotOptimize(r.sinrDb);
    }
}
BENCHMARK(BM_Leo600CalibrationCase)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
