// `sagin compare` on runs where some statistics have no samples: never ranked, never 0; fraction
// intervals inside [0, 1]; the Wilcoxon power note only on the rows it concerns; the default
// baseline is the first standard given. The runs are written by hand, so every expected number
// is worked out here.
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "metrics/model/result-files.h"
#include "study/model/comparison.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>

using namespace sagin;

namespace
{

/// A run folder under `dir` with a result for `standard` and `seed`: `received` of 100 packets
/// delivered with a median one-way delay `p50` (no latency when nothing arrived); with
/// `cellEdgeMbps` >= 0 a shared-capacity summary whose 5th-percentile user throughput it is.
void
WriteRun(const std::string& dir,
         const std::string& standard,
         std::uint64_t seed,
         std::uint64_t received,
         double p50,
         double cellEdgeMbps = -1.0)
{
    v1::RunResult r;
    r.set_schema_version(kRunResultSchema);
    r.set_standard(standard);
    r.set_scenario("world");
    r.set_seed(seed);
    r.mutable_provenance()->set_run_id(standard + "-" + std::to_string(seed));
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
    const std::string folder = dir + "/" + standard + "-" + std::to_string(seed);
    std::filesystem::create_directories(folder);
    WriteFileAtomically(folder + "/result.binpb", r.SerializeAsString());
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

    // Delivery is reported, with an interval inside [0, 1]: alpha pooled 10 of 300 delivered.
    const auto& del = RowOf(c, "packets.delivered_fraction", "alpha");
    EXPECT_EQ(del.interval, "wilson");
    EXPECT_NEAR(del.stats.mean, 10.0 / 300.0, 1e-12); // (0 + 0 + 0.1) / 3
    EXPECT_GE(del.stats.low, 0.0);
    // A Student t interval of {0, 0, 0.1} would reach below 0: mean 0.0333 - 4.303 * 0.0577 /
    // sqrt 3.
    EXPECT_LT(1.0 / 30.0 - 4.302653 * 0.0577350 / std::sqrt(3.0), 0.0);
    const auto& zeta = RowOf(c, "packets.delivered_fraction", "zeta");
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
