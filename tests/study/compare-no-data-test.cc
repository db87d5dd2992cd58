// `sagin compare` on runs where some statistics have no samples: never ranked, never 0; every
// interval inside its metric's bounds (fractions in [0, 1], latencies and counts >= 0); the
// Wilcoxon power note only on the rows it concerns; the default baseline is the first standard
// given. The runs are written by hand, so every expected number
// is worked out here.
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "metrics/model/result-files.h"
#include "study/model/comparison.h"
#include "study/model/run-metrics.h"

#include <cmath>
#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <set>

using namespace sagin;

namespace
{

/// Student's t quantile at 0.975 with 2 degrees of freedom, in closed form: for df = 2 the
/// quantile of p is (2p - 1) / sqrt(2 p (1 - p)) = 0.95 / sqrt(0.04875) = 4.3026527 (tables:
/// 4.303).
const double kT2 = 0.95 / std::sqrt(0.04875);

/// A run folder under `dir` with a result for `standard` and `seed`: `received` of 100 packets
/// delivered with a median one-way delay `p50` (no latency when nothing arrived); with
/// `cellEdgeMbps` >= 0 a shared-capacity summary whose 5th-percentile user throughput it is.
/// A run folder under `dir` with a result for `standard` and `seed`, filled by `fill`.
void
WriteResult(const std::string& dir,
            const std::string& standard,
            std::uint64_t seed,
            const std::function<void(v1::RunResult&)>& fill)
{
    v1::RunResult r;
    r.set_schema_version(kRunResultSchema);
    r.set_standard(standard);
    r.set_scenario("world");
    r.set_seed(seed);
    r.mutable_provenance()->set_run_id(standard + "-" + std::to_string(seed));
    fill(r);
    const std::string folder = dir + "/" + standard + "-" + std::to_string(seed);
    std::filesystem::create_directories(folder);
    WriteFileAtomically(folder + "/result.binpb", r.SerializeAsString());
}

void
WriteRun(const std::string& dir,
         const std::string& standard,
         std::uint64_t seed,
         std::uint64_t received,
         double p50,
         double cellEdgeMbps = -1.0)
{
    WriteResult(dir,
                standard,
                seed,
                [&](v1::RunResult& r)
                {
                    auto* p = r.mutable_packets();
                    p->set_sent(100);
                    p->set_received(received);
                    p->set_lost(100 - received);
                    p->set_loss_fraction((100.0 - received) / 100.0);
                    p->set_delivered_fraction(received / 100.0);
                    auto* d = r.mutable_latency()->mutable_one_way_ms();
                    d->set_count(received);
                    if (received > 0)
                    {
                        d->set_p50(p50);
                        d->set_mean(p50);
                    }
                    if (cellEdgeMbps >= 0.0)
                    {
                        r.mutable_shared_capacity()->set_users(1);
                        r.mutable_shared_capacity()->set_user_throughput_p5_mbps(cellEdgeMbps);
                    }
                });
}

const ComparisonRow&
RowOf(const Comparison& c, const std::string& metric, const std::string& treatment)
{
    for (const auto& r : c.Rows())
    {
        if (r.metric == metric && r.treatment == treatment)
        {
            return r;
        }
    }
    throw std::runtime_error("no row " + metric + " " + treatment);
}

} // namespace

TEST(CompareNoData, TreatmentWithoutSamplesIsNotRanked)
{
    test::TempDir tmp;
    const std::string dir = tmp.Path() + "/runs";
    // "zeta" is given first on the command line (standards.txt), "alpha" sorts first by name.
    // zeta delivers everything at 40 ms; alpha delivers nothing in seeds 1 and 2 and 10 packets
    // at 30 ms in seed 3.
    for (std::uint64_t seed = 1; seed <= 3; ++seed)
    {
        WriteRun(dir, "zeta", seed, 100, 40.0 + static_cast<double>(seed));
        WriteRun(dir, "alpha", seed, seed == 3 ? 10 : 0, 30.0);
    }
    WriteStandardOrder(dir, {"zeta", "alpha"});
    ResultSet set = ResultSet::Load({dir});
    Comparison c(set, CompareOptions{});
    EXPECT_EQ(c.Baseline(), "zeta");

    const auto& lat = RowOf(c, "latency.one_way_ms.p50", "alpha");
    EXPECT_EQ(lat.seeds, 3u);
    EXPECT_EQ(lat.noData, 2u);
    EXPECT_FALSE(lat.hasDiff); // never a "-25 % improvement" from one lucky seed
    EXPECT_EQ(lat.noDiffReason, "2 of 3 seeds have no data");
    const std::string table = c.Format("table");
    EXPECT_NE(table.find("2 of 3 seeds have no data"), std::string::npos) << table;
    const std::string json = c.Format("json");
    EXPECT_NE(json.find("\"runs_without_data\": 2"), std::string::npos) << json;
    const std::string csv = c.Format("csv");
    EXPECT_NE(csv.find("2 of 3 seeds have no data"), std::string::npos) << csv;

    // Delivery is reported, with an interval inside [0, 1]. alpha delivered {0, 0, 0.1}: mean
    // 1/30, sd sqrt(0.01 / 3) = 0.0577350; the Student t interval (t(0.975, 2) = 4.30265) 1/30
    // -+ 4.30265 x 0.0577350 / sqrt 3 = [-0.11009, 0.17676] reaches below 0 and is cut there. The
    // pooled counts alone (10 of 300, Wilson [0.0182, 0.0603]) would hide how much the seeds
    // disagree: the interval holds both.
    const auto& del = RowOf(c, "packets.delivered_fraction", "alpha");
    EXPECT_EQ(del.interval, "t+wilson");
    EXPECT_TRUE(del.clipped);
    EXPECT_NEAR(del.stats.mean, 10.0 / 300.0, 1e-12); // (0 + 0 + 0.1) / 3
    EXPECT_EQ(del.stats.low, 0.0);
    const double sd = std::sqrt(0.01 / 3.0);
    EXPECT_NEAR(del.stats.high, 1.0 / 30.0 + kT2 * sd / std::sqrt(3.0), 1e-12);
    EXPECT_NEAR(del.stats.high, 0.17676, 1e-5);
    // zeta delivered everything in every seed: the t interval is [1, 1] (sd 0), the binomial
    // uncertainty of 300 packets is not: Wilson's [300 / (300 + z^2), 1].
    const auto& zeta = RowOf(c, "packets.delivered_fraction", "zeta");
    EXPECT_EQ(zeta.interval, "t+wilson");
    EXPECT_FALSE(zeta.clipped);
    EXPECT_EQ(zeta.stats.high, 1.0); // 300 of 300 -> upper end exactly 1
    const double z2 = 1.959963984540054 * 1.959963984540054;
    EXPECT_NEAR(zeta.stats.low, 300.0 / (300.0 + z2), 1e-12);
}

TEST(CompareNoData, WilcoxonNoteOnlyWhereItApplies)
{
    test::TempDir tmp;
    const std::string dir = tmp.Path() + "/runs";
    // Three seeds: latency differs in every seed (3 non-zero differences: the exact test's
    // smallest p is 2 / 2^3 = 0.25), delivery is equal everywhere (no non-zero difference: no
    // lack of power, p = 1).
    for (std::uint64_t seed = 1; seed <= 3; ++seed)
    {
        WriteRun(dir, "base", seed, 100, 50.0 + static_cast<double>(seed));
        WriteRun(dir, "other", seed, 100, 40.0 + static_cast<double>(seed));
    }
    WriteStandardOrder(dir, {"base", "other"});
    ResultSet set = ResultSet::Load({dir});
    CompareOptions o;
    o.metrics = {"latency.one_way_ms.p50", "packets.delivered_fraction"};
    Comparison c(set, o);
    EXPECT_TRUE(RowOf(c, "latency.one_way_ms.p50", "other").wilcoxonFloor);
    EXPECT_NEAR(RowOf(c, "latency.one_way_ms.p50", "other").test.p, 0.25, 1e-12);
    EXPECT_FALSE(RowOf(c, "packets.delivered_fraction", "other").wilcoxonFloor);
    const std::string table = c.Format("table");
    EXPECT_NE(table.find("0.25 (a)"), std::string::npos) << table;
    EXPECT_NE(table.find("(a) with at most 3 pairs the exact Wilcoxon test cannot reach p < 0.05"),
              std::string::npos)
        << table;
}

// The shared-capacity metrics are default compare metrics only where some run has them: runs
// without shared beams (null) do not list them, runs with them do (and queueing_delay_ms.p99,
// null in every run here, stays out).
TEST(CompareNoData, SharedCapacityMetricsAreDefaultOnlyWithData)
{
    test::TempDir tmp;
    const std::string plain = tmp.Path() + "/plain";
    const std::string shared = tmp.Path() + "/shared";
    for (std::uint64_t seed = 1; seed <= 2; ++seed)
    {
        WriteRun(plain, "a", seed, 100, 40.0);
        WriteRun(plain, "b", seed, 100, 41.0);
        WriteRun(shared, "a", seed, 100, 40.0, 2.0);
        WriteRun(shared, "b", seed, 100, 41.0, 1.0 + static_cast<double>(seed));
    }
    auto metricsOf = [](const std::string& dir)
    {
        Comparison c(ResultSet::Load({dir}), CompareOptions{});
        std::set<std::string> m;
        for (const auto& r : c.Rows())
        {
            m.insert(r.metric);
        }
        return m;
    };
    EXPECT_EQ(metricsOf(plain).count("shared_capacity.user_throughput_p5_mbps"), 0u);
    const auto withShared = metricsOf(shared);
    EXPECT_EQ(withShared.count("shared_capacity.user_throughput_p5_mbps"), 1u);
    EXPECT_EQ(withShared.count("shared_capacity.queueing_delay_ms.p99"), 0u);
    Comparison c(ResultSet::Load({shared}), CompareOptions{});
    // b: (2 + 3) / 2 = 2.5 Mbit/s; a: 2.
    EXPECT_NEAR(RowOf(c, "shared_capacity.user_throughput_p5_mbps", "b").stats.mean, 2.5, 1e-12);
}

// Each metric's domain, from its field's type and unit: what a mean of it can be.
TEST(CompareBounds, MetricDomainFollowsTypeAndUnit)
{
    const double inf = std::numeric_limits<double>::infinity();
    auto is = [](const std::string& m, double low, double high)
    {
        const MetricRange r = MetricDomain(m);
        EXPECT_EQ(r.low, low) << m;
        EXPECT_EQ(r.high, high) << m;
    };
    is("latency.one_way_ms.p99", 0.0, inf);
    is("latency.one_way_ms.count", 0.0, inf); // a count, not a time
    is("latency.breakdown_ms.feeder", 0.0, inf);
    is("handovers_per_terminal_hour", 0.0, inf);
    is("tcp_goodput_mbps", 0.0, inf);
    is("packets.lost", 0.0, inf);
    is("packets.delivered_fraction", 0.0, 1.0);
    is("coverage.time_availability", 0.0, 1.0);
    is("coverage.cell_availability_p5", 0.0, 1.0);
    is("coverage.area_by_layer.space", 0.0, 1.0);
    is("compute.utilization.space", 0.0, 1.0);
    is("shared_capacity.beam_utilization.p50", 0.0, 1.0);
    is("shared_capacity.beam_utilization.count", 0.0, inf);
    is("shared_capacity.user_throughput_jain", 0.0, 1.0);
    is("compute.power.mean_rate_factor", 0.0, 1.0);
    is("compute.power.compute_energy_wh", 0.0, inf);
    is("rain.all_gateways_outage_fraction", 0.0, 1.0);
    is("shared_capacity.area_traffic_mbps_per_km2", 0.0, inf);
    is("shared_capacity.beam_traffic_mbps_per_km2.p50", 0.0, inf);
    is("shared_capacity.sinr_db.p50", -inf, inf); // dB: any sign
    is("shared_capacity_return.beam_utilization.p50", 0.0, 1.0);
    is("shared_capacity_return.user_throughput_jain", 0.0, 1.0);
    is("shared_capacity_return.user_throughput_p5_mbps", 0.0, inf);
    is("shared_capacity_return.sinr_db.p50", -inf, inf);
    is("no.such.metric", -inf, inf);
}

// A latency percentile that varies wildly over three seeds: the t interval would claim a negative
// latency is plausible; it is cut at 0, marked, and explained.
TEST(CompareBounds, LatencyIntervalIsCutAtZero)
{
    test::TempDir tmp;
    const std::string dir = tmp.Path() + "/runs";
    const double p99[] = {10.0, 12.0, 500.0};
    for (std::uint64_t seed = 1; seed <= 3; ++seed)
    {
        WriteResult(dir,
                    "only",
                    seed,
                    [&](v1::RunResult& r)
                    {
                        r.mutable_latency()->mutable_one_way_ms()->set_count(1000);
                        r.mutable_latency()->mutable_one_way_ms()->set_p99(p99[seed - 1]);
                    });
    }
    CompareOptions o;
    o.metrics = {"latency.one_way_ms.p99"};
    ResultSet set = ResultSet::Load({dir});
    Comparison c(set, o);
    const auto& row = RowOf(c, "latency.one_way_ms.p99", "only");
    // Mean 174; deviations -164, -162, 326: sd = sqrt((164^2 + 162^2 + 326^2) / 2) = 282.336;
    // half-width 4.30265 x 282.336 / sqrt 3 = 701.34: [-527.34, 875.34].
    const double sd = std::sqrt((164.0 * 164.0 + 162.0 * 162.0 + 326.0 * 326.0) / 2.0);
    const double half = kT2 * sd / std::sqrt(3.0);
    EXPECT_NEAR(row.stats.mean, 174.0, 1e-12);
    EXPECT_EQ(row.interval, "t");
    EXPECT_TRUE(row.clipped);
    EXPECT_EQ(row.stats.low, 0.0);
    EXPECT_NEAR(row.stats.high, 174.0 + half, 1e-9);
    EXPECT_NEAR(row.stats.high, 875.34, 0.01);
    const std::string table = c.Format("table");
    EXPECT_NE(table.find("[0, 875.34] (b)"), std::string::npos) << table;
    EXPECT_NE(
        table.find(
            "(b) the Student t interval reached past the metric's bound (below 0, or above 1"),
        std::string::npos)
        << table;
    EXPECT_NE(c.Format("json").find("\"ci_clipped\": true"), std::string::npos);
    EXPECT_NE(c.Format("csv").find(",t,true,"), std::string::npos) << c.Format("csv");
}

// Jain's index is at most 1: an interval over seeds near 1 stops there. A latency whose interval
// stays above 0 is left alone (no mark, no note).
TEST(CompareBounds, JainIndexStaysAtMostOne)
{
    test::TempDir tmp;
    const std::string dir = tmp.Path() + "/runs";
    const double jain[] = {0.99, 1.0, 0.9};
    for (std::uint64_t seed = 1; seed <= 3; ++seed)
    {
        WriteResult(dir,
                    "only",
                    seed,
                    [&](v1::RunResult& r)
                    {
                        r.mutable_shared_capacity()->set_users(4);
                        r.mutable_shared_capacity()->set_user_throughput_jain(jain[seed - 1]);
                        r.mutable_latency()->mutable_one_way_ms()->set_count(100);
                        r.mutable_latency()->mutable_one_way_ms()->set_p50(
                            30.0 + static_cast<double>(seed));
                    });
    }
    CompareOptions o;
    o.metrics = {"shared_capacity.user_throughput_jain", "latency.one_way_ms.p50"};
    ResultSet set = ResultSet::Load({dir});
    Comparison c(set, o);
    const auto& j = RowOf(c, "shared_capacity.user_throughput_jain", "only");
    // Mean 0.96333, sd sqrt((0.02667^2 + 0.03667^2 + 0.06333^2) / 2) = 0.055076: t interval
    // [0.82652, 1.10015], cut at 1.
    const double mean = (0.99 + 1.0 + 0.9) / 3.0;
    const double sd = std::sqrt(
        (std::pow(0.99 - mean, 2) + std::pow(1.0 - mean, 2) + std::pow(0.9 - mean, 2)) / 2.0);
    EXPECT_NEAR(j.stats.low, mean - kT2 * sd / std::sqrt(3.0), 1e-12);
    EXPECT_NEAR(j.stats.low, 0.82652, 1e-5);
    EXPECT_EQ(j.stats.high, 1.0);
    EXPECT_TRUE(j.clipped);
    // 31, 32, 33 ms: [32 - 4.30265 x 1 / sqrt 3, 32 + ...] = [29.516, 34.484], inside.
    const auto& l = RowOf(c, "latency.one_way_ms.p50", "only");
    EXPECT_FALSE(l.clipped);
    EXPECT_NEAR(l.stats.low, 32.0 - kT2 / std::sqrt(3.0), 1e-12);
}

// The deadline-miss fraction has no count of misses in the summary, only the tasks behind it:
// the misses are the fraction times the tasks, pooled over the seeds for the Wilson interval.
TEST(CompareBounds, DeadlineMissesPoolTheirCounts)
{
    test::TempDir tmp;
    const std::string dir = tmp.Path() + "/runs";
    for (std::uint64_t seed = 1; seed <= 2; ++seed)
    {
        WriteResult(dir,
                    "only",
                    seed,
                    [&](v1::RunResult& r)
                    {
                        // 0 of 40 missed in every seed.
                        r.mutable_compute()->set_deadline_tasks(40);
                        r.mutable_compute()->set_deadline_miss_fraction(0.0);
                    });
    }
    CompareOptions o;
    o.metrics = {"compute.deadline_miss_fraction"};
    ResultSet set = ResultSet::Load({dir});
    Comparison c(set, o);
    const auto& row = RowOf(c, "compute.deadline_miss_fraction", "only");
    // Two seeds with no miss: t gives [0, 0]; 0 of 80 pooled gives Wilson [0, z^2 / (80 + z^2)].
    const double z2 = 1.959963984540054 * 1.959963984540054;
    EXPECT_EQ(row.interval, "t+wilson");
    EXPECT_EQ(row.stats.low, 0.0);
    EXPECT_NEAR(row.stats.high, z2 / (80.0 + z2), 1e-12);
}
