// Geometry SINR throughput: one Set-1 LEO-600 Ka payload of 61 beams (FR1) at nadir evaluated for
// 10,000 terminals spread over its 19 serving beams, and one whole TR 38.821 calibration case
// (drops included). The later target: a 1-degree global grid (64,800 points) against a
// starlink-gen1 constellation with 61 beams per satellite in <= 1 s per step.
// Shared capacity (issue target: 19 beams of one LEO satellite, 1,000 terminals, FTP model 3 at
// 50 % load, 30 simulated seconds in <= 3 min whole process, < 2 GiB):
//   /usr/bin/time -v build/bin/radio-bench --benchmark_filter=Capacity
#include "core/model/constants.h"
#include "link/model/modulation-table.h"
#include "radio/model/beam-scheduler.h"
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

/// The capacity of the 19 serving beams of the Set-1 LEO-600 Ka FR3 calibration case: 1,000
/// terminals dropped as the calibration drops them (53 per beam, the first 1,000 kept), NR
/// numerology 3 (120 kHz, 0.125 ms slots) over the colour's 133.3 MHz (92 RB), NR CQI table 3,
/// FTP model 3 with 0.5 Mbyte files at 50 % load (lambda such that the beams' mean time share
/// sum_i lambda S / r_i is 0.5), 30 s; round robin (arg 0) or proportional fair (arg 1).
void
BM_Capacity19Beams1000UeFtp3(benchmark::State& state)
{
    const Tr38821Case c{1, Tr38821Orbit::kLeo600, Tr38821Band::kKa, FrequencyReuse::kFr3};
    Tr38821Options o;
    o.terminalsPerBeam = 53;
    const Tr38821CaseResult drop = RunTr38821Case(c, o);
    std::vector<BeamUser> users;
    std::vector<int> beamOf;
    for (std::size_t i = 0; i < 1000; ++i)
    {
        users.push_back({drop.terminals[i].sinr.sinrDb});
        beamOf.push_back(drop.terminals[i].beam);
    }
    CapacityConfig cfg;
    cfg.scheduler.subcarrierSpacingHz = 120e3;
    cfg.scheduler.bandwidthHz = drop.colourBandwidthMhz * 1e6;
    cfg.scheduler.policy
        = state.range(0) == 0 ? SchedulerPolicy::kRoundRobin : SchedulerPolicy::kProportionalFair;
    cfg.modulation = ModulationKind::kNrCqi256;
    cfg.durationS = 30.0;
    cfg.demand.kind = DemandKind::kFtp3;
    const ModulationTable table = ModulationTable::NrCqi(true);
    const double slot = SlotDurationS(cfg.scheduler.subcarrierSpacingHz);
    const int rb = ResourceBlocks(cfg.scheduler.bandwidthHz, cfg.scheduler.subcarrierSpacingHz);
    double sumInverseRate = 0.0;
    for (const BeamUser& u : users)
    {
        const double eff = table.Efficiency(u.sinrDb);
        if (eff > 0.0)
        {
            sumInverseRate += slot / (BitsPerResourceBlock(eff, cfg.scheduler) * rb);
        }
    }
    const double fileBits = cfg.demand.fileSizeBytes * 8.0;
    cfg.demand.fileRatePerS = 0.5 * 19.0 / (fileBits * sumInverseRate);
    CapacityResult r;
    for (auto _ : state)
    {
        r = EvaluateCapacity(users, beamOf, 19, cfg);
        benchmark::DoNotOptimize(r.beams.data());
    }
    std::size_t files = 0;
    for (const BeamCapacity& b : r.beams)
    {
        files += b.itemsCompleted;
    }
    state.counters["files"] = static_cast<double>(files);
    state.counters["utilization_mean"] = r.beamUtilization.mean.value_or(std::nan(""));
    state.counters["ftt_mean_ms"] = r.itemDelayS.mean.value_or(std::nan("")) * 1e3;
    state.counters["upt_p5_Mbps"] = r.itemThroughputBps.p5.value_or(std::nan("")) * 1e-6;
    state.counters["upt_p50_Mbps"] = r.itemThroughputBps.p50.value_or(std::nan("")) * 1e-6;
}
BENCHMARK(BM_Capacity19Beams1000UeFtp3)
    ->Arg(0)
    ->Arg(1)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

/// The worst case of proportional fair: one beam (120 kHz, 92 RB) with 1,000 full-buffer users
/// of 7 different efficiencies for 1 s (8,000 slots): every slot ranks every user, so the cost
/// is slots x users (items: user-slot pairs).
void
BM_FullBufferPf1000Users(benchmark::State& state)
{
    SchedulerConfig c;
    c.subcarrierSpacingHz = 120e3;
    c.bandwidthHz = 400e6 / 3.0;
    c.policy = SchedulerPolicy::kProportionalFair;
    std::vector<double> eff;
    for (int i = 0; i < 1000; ++i)
    {
        eff.push_back(1.0 + (i % 7) * 0.5);
    }
    for (auto _ : state)
    {
        std::vector<DemandSource> sources;
        for (int i = 0; i < 1000; ++i)
        {
            sources.emplace_back(DemandConfig{}, i);
        }
        BeamCapacity b = SimulateBeam(c, eff, sources, 1.0);
        benchmark::DoNotOptimize(b.servedBits);
    }
    state.SetItemsProcessed(state.iterations() * 8000 * 1000);
}
BENCHMARK(BM_FullBufferPf1000Users)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
