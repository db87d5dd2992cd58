// SGP4 cost at constellation scale: one propagation step of 4,408 LEO satellites (the shells of
// Starlink's first-generation filing), SGP4 + TEME -> ECEF. Target: <= 10 ms on one core.
#include "core/model/constants.h"
#include "core/model/earth-orientation.h"
#include "orbit/model/sgp4.h"
#include "orbit/model/tle-orbit.h"
#include "orbit/model/tle.h"

#include <benchmark/benchmark.h>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace
{

using namespace sagin;

struct Shell
{
    int planes;
    int perPlane;
    double altitude_km;
    double inclination_deg;
};

/// B* in the TLE's packed form " 12345-4".
std::string
PackedExponent(double value)
{
    if (value == 0.0)
    {
        return " 00000-0";
    }
    int exponent = static_cast<int>(std::floor(std::log10(std::fabs(value)))) + 1;
    long mantissa = std::lround(std::fabs(value) / std::pow(10.0, exponent) * 1e5);
    if (mantissa >= 100000)
    {
        mantissa /= 10;
        ++exponent;
    }
    char buf[48];
    std::snprintf(buf,
                  sizeof buf,
                  "%c%05ld%c%d",
                  value < 0 ? '-' : ' ',
                  mantissa,
                  exponent < 0 ? '-' : '+',
                  std::abs(exponent));
    return buf;
}

std::string
WithChecksum(const std::string& line68)
{
    return line68 + static_cast<char>('0' + TleChecksum(line68));
}

/// TLE text for the 4,408 satellites: 72x22 at 550 km 53.0 deg, 72x22 at 540 km 53.2 deg,
/// 36x20 at 570 km 70 deg, 6x58 and 4x43 at 560 km 97.6 deg. Near-circular, light drag.
std::string
MakeConstellationTles()
{
    const std::vector<Shell> shells = {{72, 22, 550.0, 53.0},
                                       {72, 22, 540.0, 53.2},
                                       {36, 20, 570.0, 70.0},
                                       {6, 58, 560.0, 97.6},
                                       {4, 43, 560.0, 97.6}};
    const double mu = 398600.8;
    const double re = 6378.135;
    std::string text;
    int catalog = 70000;
    for (const Shell& sh : shells)
    {
        const double a = re + sh.altitude_km;
        const double n_revDay = std::sqrt(mu / (a * a * a)) * 86400.0 / kTwoPi;
        for (int p = 0; p < sh.planes; ++p)
        {
            for (int s = 0; s < sh.perPlane; ++s)
            {
                ++catalog;
                const double raan = 360.0 * p / sh.planes;
                const double anomaly = std::fmod(360.0 * s / sh.perPlane + 5.0 * p, 360.0);
                const int ecc = 1000 + (catalog * 37) % 400; // 1.0e-4 .. 1.4e-4
                char l1[80];
                char l2[80];
                std::snprintf(l1,
                              sizeof l1,
                              "1 %05dU 26001A   26001.50000000  .00001000  00000-0 %s 0  999",
                              catalog,
                              PackedExponent(1.0e-4 + 1e-7 * (catalog % 50)).c_str());
                std::snprintf(l2,
                              sizeof l2,
                              "2 %05d %8.4f %8.4f %07d %8.4f %8.4f %11.8f%5d",
                              catalog,
                              sh.inclination_deg,
                              raan,
                              ecc,
                              90.0,
                              anomaly,
                              n_revDay,
                              1);
                text += "SAT-" + std::to_string(catalog) + "\n" + WithChecksum(l1) + "\n"
                        + WithChecksum(l2) + "\n";
            }
        }
    }
    return text;
}

const std::vector<Tle>&
ConstellationTles()
{
    static const std::vector<Tle> tles = []
    {
        TleFile f = ParseTleText(MakeConstellationTles());
        if (!f.errors.empty() || !f.warnings.empty() || f.sets.size() != 4408)
        {
            throw std::runtime_error(
                "generated TLEs do not parse: "
                + (f.errors.empty() ? std::string("warnings or count") : f.errors[0].message));
        }
        return f.sets;
    }();
    return tles;
}

/// One step of the whole constellation in ECEF through TleOrbit (SGP4 + TEME -> ECEF).
void
BM_ConstellationStepEcef(benchmark::State& state)
{
    const std::vector<Tle>& tles = ConstellationTles();
    auto earth = std::make_shared<EarthOrientation>(UtcEpoch::Parse("2026-01-01T00:00:00Z"));
    std::vector<TleOrbit> orbits;
    orbits.reserve(tles.size());
    for (const Tle& t : tles)
    {
        orbits.emplace_back(t, earth);
    }
    std::vector<StateVector> out(orbits.size());
    double t_s = 0.0;
    for (auto _ : state)
    {
        for (size_t i = 0; i < orbits.size(); ++i)
        {
            out[i] = orbits[i].StateAt(t_s);
        }
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
        t_s += 10.0;
    }
    state.counters["satellites"] = static_cast<double>(orbits.size());
    state.counters["per_satellite_ns"] = benchmark::Counter(
        static_cast<double>(orbits.size()),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ConstellationStepEcef)->Unit(benchmark::kMillisecond);

/// The same step in TEME only (SGP4 alone).
void
BM_ConstellationStepTeme(benchmark::State& state)
{
    const std::vector<Tle>& tles = ConstellationTles();
    std::vector<Sgp4> sats;
    sats.reserve(tles.size());
    for (const Tle& t : tles)
    {
        sats.emplace_back(t);
    }
    std::vector<Sgp4State> out(sats.size());
    double t_min = 0.0;
    for (auto _ : state)
    {
        for (size_t i = 0; i < sats.size(); ++i)
        {
            out[i] = sats[i].Propagate(t_min);
        }
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
        t_min += 1.0 / 6.0;
    }
}
BENCHMARK(BM_ConstellationStepTeme)->Unit(benchmark::kMillisecond);

/// Initialising SGP4 for the constellation (done once per run).
void
BM_ConstellationInit(benchmark::State& state)
{
    const std::vector<Tle>& tles = ConstellationTles();
    for (auto _ : state)
    {
        for (const Tle& t : tles)
        {
            Sgp4 s(t);
            benchmark::DoNotOptimize(s);
        }
    }
}
BENCHMARK(BM_ConstellationInit)->Unit(benchmark::kMillisecond);

/// A 12-hour resonant orbit far from epoch: the resonance integrator restarts at every call.
void
BM_DeepSpaceResonant(benchmark::State& state)
{
    const TleFile f
        = ParseTleText("1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813\n"
                       "2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656\n");
    const Sgp4 sgp4(f.sets.at(0));
    const double t_min = static_cast<double>(state.range(0)) * 1440.0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(sgp4.Propagate(t_min));
    }
}
BENCHMARK(BM_DeepSpaceResonant)->Arg(1)->Arg(30)->Arg(365)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
