// A standard's channel draws (LinkParameters.draws) through a run's link-state evaluation: the
// inputs are prepared and resolved as `sagin run` does (PrepareRuns, BuildWorld, ResolveStandard,
// SeedRandomStreams) and the terminal links are evaluated by the LinkStateBuilder the topology
// controller of a run uses. Reference values: TR 38.811 Table 6.6.1-1 (urban P_LOS) and Table
// 6.6.2-1 (urban: sigma_SF 4 dB LOS, 6 dB NLOS at every elevation), docs/models.md.
// Then through `sagin run` itself: RANDOM draws are byte-identical for a seed whatever --jobs and
// --coverage-threads, change with the seed, and MEAN reproduces the outputs without `draws`.
#include "core/model/atomic-file.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/standard-policy.h"
#include "run-test-util.h"
#include "run/model/run-engine.h"
#include "run/model/run-spec.h"
#include "scenario/model/world.h"

#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

constexpr int kTerminals = 2000;

/// A GEO satellite at 0 deg E with a gateway under it, and kTerminals fixed terminals on the
/// ring that sees it at 50 deg elevation. Spherical geometry (R = 6371 km, r = 42164 km): the
/// central angle gamma of elevation e is acos(R / r cos e) - e = acos(0.151103 x 0.642788) - 50
/// = 84.4264 - 50 = 34.4264 deg; on the ellipsoid the geodetic elevations stay within 1 deg of
/// 50 (checked), so every link has the alpha_q = 50 deg row of the 38.811 tables.
std::string
RingScenario()
{
    const double kPi = std::acos(-1.0);
    const double gamma = 34.4264 * kPi / 180.0;
    std::ostringstream s;
    s.precision(10);
    s << "# proto-message: sagin.v1.Scenario\n"
         "name: \"ring\"\nepoch_utc: \"2026-03-01T10:00:00Z\"\nduration_s: 2\nseed: 1\n"
         "shells { name: \"geo\" geo { longitudes_deg: [0] } }\n"
         "ground_sites { name: \"gw\" role: GW position { lat_deg: 0 lon_deg: 0 } }\n"
         "ground_sites { name: \"core\" role: CORE position { lat_deg: 0.01 lon_deg: 0 } }\n";
    for (int i = 0; i < kTerminals; ++i)
    {
        // The point at angular distance gamma from (0, 0) in direction theta.
        const double theta = 2.0 * kPi * (i + 0.5) / kTerminals;
        const double lat = std::asin(std::sin(gamma) * std::cos(theta)) * 180.0 / kPi;
        const double lon
            = std::atan2(std::sin(theta) * std::sin(gamma), std::cos(gamma)) * 180.0 / kPi;
        s << "ground_sites { name: \"ut" << i << "\" role: UT position { lat_deg: " << lat
          << " lon_deg: " << lon << " } }\n";
    }
    return s.str();
}

/// Ka band, urban; rate_mbps keeps every link usable whatever its draw (the test counts draws,
/// not service).
std::string
RingStandard(const std::string& draws)
{
    return "# proto-message: sagin.v1.Standard\n"
           "name: \"ring-std\"\naccess_layers: [SPACE]\nspace_orbits: [GEO]\npayload: TRANSPARENT\n"
           "isl { topology: NO_ISL }\naccess { rule: HIGHEST_ELEVATION }\n"
           "visibility { space_deg: 10 feeder_deg: 5 }\n"
           "links {\n  service_space {\n    frequency_ghz: 20\n    bandwidth_mhz: 400\n"
           "    channel: NTN\n    environment: URBAN\n"
           "    forward { eirp_dbw_per_mhz: 40 gt_dbk: 15 }\n    rate_mbps: 10\n"
           + draws + "  }\n  feeder { rate_mbps: 10000 }\n}\n";
}

struct TerminalLinks
{
    std::vector<int> los;
    std::vector<double> shadowDb;
    std::vector<double> cnDb;
    std::vector<double> elevationDeg;
};

/// The terminal links at t = 0 as a run evaluates them.
TerminalLinks
Evaluate(const std::string& scenario, const std::string& standard, std::uint64_t seed)
{
    RunRequest request;
    request.scenarioPath = scenario;
    request.standardPaths = {standard};
    request.seed = seed;
    request.seedGiven = true;
    request.needsDuration = false;
    const std::vector<RunSpec> specs = PrepareRuns(request);
    const RunSpec& spec = specs.front();
    World world = BuildWorld(spec.scenario, spec.scenarioDirectory, spec.scenarioPath, nullptr);
    StandardPolicy policy = ResolveStandard(spec.standard, world, spec.standardPath);
    SeedRandomStreams(spec.seed);
    LinkStateBuilder builder(world, policy);
    TopologySnapshot snap;
    builder.Positions(0.0, snap.positions);
    builder.BuildLinks(snap);
    std::vector<std::vector<AccessCandidate>> candidates;
    builder.BuildCandidates(snap, candidates);
    TerminalLinks out;
    for (const auto& c : candidates)
    {
        EXPECT_EQ(c.size(), 1u); // the GEO satellite, through its gateway's feeder
        if (c.size() != 1)
        {
            continue;
        }
        out.los.push_back(c[0].link.los);
        out.shadowDb.push_back(c[0].link.shadowFading_db);
        out.cnDb.push_back(c[0].link.forwardCn_db);
        out.elevationDeg.push_back(c[0].link.elevation_deg);
    }
    return out;
}

/// log of the binomial probability P(X = k), X ~ B(n, p).
double
LogBinomialPmf(int n, int k, double p)
{
    return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p)
           + (n - k) * std::log1p(-p);
}

/// The central 99.9 % interval [lo, hi] of B(n, p): P(X < lo) <= 0.0005 and P(X > hi) <= 0.0005.
std::pair<int, int>
BinomialInterval(int n, double p)
{
    double below = 0.0;
    int lo = 0;
    while (below + std::exp(LogBinomialPmf(n, lo, p)) <= 0.0005)
    {
        below += std::exp(LogBinomialPmf(n, lo, p));
        ++lo;
    }
    double above = 0.0;
    int hi = n;
    while (above + std::exp(LogBinomialPmf(n, hi, p)) <= 0.0005)
    {
        above += std::exp(LogBinomialPmf(n, hi, p));
        --hi;
    }
    return {lo, hi};
}

/// The central 99.9 % interval of chi-square with k degrees of freedom (Wilson-Hilferty:
/// k (1 - 2/(9k) +- z sqrt(2/(9k)))^3 with z = 3.2905, the standard normal's 0.9995 quantile;
/// its error is far below the interval's width for k in the hundreds).
std::pair<double, double>
ChiSquareInterval(int k)
{
    const double a = 2.0 / (9.0 * k);
    const double z = 3.2905;
    return {k * std::pow(1.0 - a - z * std::sqrt(a), 3),
            k * std::pow(1.0 - a + z * std::sqrt(a), 3)};
}

/// The ring world in a temporary folder, and standards for it.
struct Ring
{
    TempDir dir;
    std::string scenario = dir.Write("ring.txtpb", RingScenario());

    /// A RingStandard file with `draws` ("" for none).
    std::string Standard(const std::string& file, const std::string& draws) const
    {
        return dir.Write(file, RingStandard(draws.empty() ? "" : "    draws { " + draws + " }\n"));
    }

    TerminalLinks Evaluate(const std::string& standard, std::uint64_t seed) const
    {
        return ::Evaluate(scenario, standard, seed);
    }
};

} // namespace

TEST(ChannelDraws, LosFractionAndShadowSigmaMatchTr38811)
{
    const Ring ring;
    const TerminalLinks t = ring.Evaluate(ring.Standard("random.txtpb", "mode: RANDOM"), 1);
    ASSERT_EQ(t.los.size(), static_cast<size_t>(kTerminals));
    int los = 0;
    double sumLos2 = 0.0;
    double sumNlos2 = 0.0;
    for (size_t i = 0; i < t.los.size(); ++i)
    {
        ASSERT_NEAR(t.elevationDeg[i], 50.0, 1.0) << i;
        ASSERT_TRUE(t.los[i] == 0 || t.los[i] == 1) << i;
        los += t.los[i];
        (t.los[i] ? sumLos2 : sumNlos2) += t.shadowDb[i] * t.shadowDb[i];
    }
    // TR 38.811 Table 6.6.1-1, urban, 50 deg: P_LOS = 72.6 %. B(2000, 0.726): mean 1452, sd
    // sqrt(2000 x 0.726 x 0.274) = 19.9; the exact 99.9 % interval is about 1452 +- 66.
    const auto [lo, hi] = BinomialInterval(kTerminals, 0.726);
    EXPECT_GT(lo, 1380);
    EXPECT_LT(hi, 1520);
    EXPECT_GE(los, lo);
    EXPECT_LE(los, hi);
    // Urban sigma_SF: 4 dB LOS, 6 dB NLOS. sum (x / sigma)^2 over n draws ~ chi-square(n).
    const int nlos = kTerminals - los;
    const auto [cLo, cHi] = ChiSquareInterval(los);
    EXPECT_GE(sumLos2 / 16.0, cLo) << "LOS sigma " << std::sqrt(sumLos2 / los);
    EXPECT_LE(sumLos2 / 16.0, cHi) << "LOS sigma " << std::sqrt(sumLos2 / los);
    const auto [nLo, nHi] = ChiSquareInterval(nlos);
    EXPECT_GE(sumNlos2 / 36.0, nLo) << "NLOS sigma " << std::sqrt(sumNlos2 / nlos);
    EXPECT_LE(sumNlos2 / 36.0, nHi) << "NLOS sigma " << std::sqrt(sumNlos2 / nlos);
}

TEST(ChannelDraws, DrawnCnIsTheMeanMovedByTheDrawnLoss)
{
    // Urban Ka at 50 deg: the mean loss carries (1 - 0.726) x CL with CL = 34.6 dB (38.811 Table
    // 6.6.2-1, dense urban CL used for urban). A LOS draw has no CL: C/N = mean + 0.274 x 34.6 -
    // SF; an NLOS draw: C/N = mean - 0.726 x 34.6 - SF.
    const Ring ring;
    const TerminalLinks mean = ring.Evaluate(ring.Standard("none.txtpb", ""), 1);
    const TerminalLinks drawn = ring.Evaluate(ring.Standard("random.txtpb", "mode: RANDOM"), 1);
    ASSERT_EQ(mean.cnDb.size(), drawn.cnDb.size());
    for (size_t i = 0; i < mean.cnDb.size(); ++i)
    {
        EXPECT_EQ(mean.los[i], -1);
        EXPECT_TRUE(std::isnan(mean.shadowDb[i]));
        const double cl = drawn.los[i] ? 0.274 * 34.6 : -0.726 * 34.6;
        EXPECT_NEAR(drawn.cnDb[i], mean.cnDb[i] + cl - drawn.shadowDb[i], 1e-9) << i;
    }
}

TEST(ChannelDraws, SameSeedSameDrawsAnotherSeedOthersMeanModeNone)
{
    const Ring ring;
    const std::string random = ring.Standard("random.txtpb", "mode: RANDOM");
    const TerminalLinks a = ring.Evaluate(random, 7);
    const TerminalLinks b = ring.Evaluate(random, 7);
    const TerminalLinks c = ring.Evaluate(random, 8);
    EXPECT_EQ(a.los, b.los);
    EXPECT_EQ(a.shadowDb, b.shadowDb);
    EXPECT_NE(a.los, c.los);
    EXPECT_NE(a.shadowDb, c.shadowDb);
    // MEAN is the mode without `draws`: the same C/N to the last bit, no draw.
    const TerminalLinks none = ring.Evaluate(ring.Standard("none.txtpb", ""), 7);
    const TerminalLinks mean = ring.Evaluate(ring.Standard("mean.txtpb", "mode: MEAN"), 7);
    EXPECT_EQ(none.cnDb, mean.cnDb);
    EXPECT_EQ(mean.los, std::vector<int>(mean.los.size(), -1));
}

TEST(ChannelDraws, ThroughSaginRun)
{
    TempDir dir;
    const std::string scenario = SourceDir() + "/scenarios/quickstart.txtpb";
    const std::string standard = SourceDir() + "/scenarios/standards/ntn-transparent-leo.txtpb";
    const std::string randomDraws
        = "standard.ntn-transparent-leo.links.service_space.draws.mode=RANDOM";
    auto run = [&](const std::string& out,
                   const std::string& seed,
                   const std::string& threads,
                   const std::vector<std::string>& sets)
    {
        std::vector<std::string> args = {"run",
                                         scenario,
                                         "--standard",
                                         standard,
                                         "--duration",
                                         "5",
                                         "--seed",
                                         seed,
                                         "--coverage-threads",
                                         threads,
                                         "--out",
                                         dir.Path() + "/" + out};
        for (const auto& s : sets)
        {
            args.push_back("--set");
            args.push_back(s);
        }
        auto r = RunSagin(args);
        EXPECT_EQ(r.status, 0) << r.err;
        return dir.Path() + "/" + out + "/ntn-transparent-leo/";
    };
    // RANDOM: the same seed gives the same bytes whatever the coverage threads; another seed
    // other latencies (the drawn C/N sets the access rates).
    const std::string r1 = run("r1", "3", "1", {randomDraws});
    const std::string r2 = run("r2", "3", "2", {randomDraws});
    const std::string r3 = run("r3", "4", "1", {randomDraws});
    for (const char* f : {"latency.csv", "coverage.csv", "standard.txtpb"})
    {
        EXPECT_EQ(ReadFile(r1 + f), ReadFile(r2 + f)) << f;
    }
    EXPECT_NE(ReadFile(r1 + "latency.csv"), ReadFile(r3 + "latency.csv"));
    // MEAN reproduces the run without `draws` byte for byte.
    const std::string plain = run("plain", "3", "1", {});
    const std::string mean = run(
        "mean", "3", "1", {"standard.ntn-transparent-leo.links.service_space.draws.mode=MEAN"});
    for (const char* f : {"latency.csv", "coverage.csv"})
    {
        EXPECT_EQ(ReadFile(plain + f), ReadFile(mean + f)) << f;
    }
    EXPECT_NE(ReadFile(plain + "latency.csv"), ReadFile(r1 + "latency.csv"));
    auto a = ReadResult(dir.Path() + "/plain", "ntn-transparent-leo");
    auto b = ReadResult(dir.Path() + "/mean", "ntn-transparent-leo");
    a.clear_provenance();
    b.clear_provenance();
    EXPECT_EQ(a.SerializeAsString(), b.SerializeAsString());
}

TEST(ChannelDraws, ValidationNamesEachField)
{
    const Ring ring;
    const std::string bad = ring.dir.Write(
        "bad.txtpb",
        "# proto-message: sagin.v1.Standard\n"
        "name: \"bad\"\naccess_layers: [SPACE]\nspace_orbits: [GEO]\npayload: TRANSPARENT\n"
        "links {\n"
        "  service_space { frequency_ghz: 20 bandwidth_mhz: 400 channel: FREE_SPACE\n"
        "    forward { eirp_dbw_per_mhz: 40 gt_dbk: 15 } rate_mbps: 10\n"
        "    draws { mode: RANDOM los_correlation_m: -1 } }\n"
        "  feeder { rate_mbps: 10000 draws { mode: MEAN shadow_correlation_m: 0 } }\n"
        "}\n");
    auto r = RunSagin({"validate", ring.scenario, bad});
    EXPECT_EQ(r.status, 2) << r.out << r.err;
    const std::string all = r.out + r.err;
    for (const char* e :
         {"links.service_space.draws.los_correlation_m: must be > 0 m",
          "links.service_space.draws.mode: RANDOM: channel FREE_SPACE has no LOS state",
          "links.feeder.draws: applies to the links of user terminals only",
          "links.feeder.draws.shadow_correlation_m: must be > 0 m"})
    {
        EXPECT_NE(all.find(e), std::string::npos) << e << "\n" << all;
    }
}
