// `sagin compare`: alignment of runs by scenario variant and seed across standards, means and
// intervals over seeds, paired differences from the baseline, the four formats, errors, plots.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "study-test-util.h"
#include "study/model/run-metrics.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

std::vector<std::string>
Fields(const std::string& line)
{
    std::vector<std::string> out;
    std::string field;
    bool quoted = false;
    for (char c : line)
    {
        if (c == '"')
        {
            quoted = !quoted;
        }
        else if (c == ',' && !quoted)
        {
            out.push_back(field);
            field.clear();
        }
        else
        {
            field += c;
        }
    }
    out.push_back(field);
    return out;
}

} // namespace

TEST(Compare, CampaignReportAgreesWithTheIndex)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const std::string study = WriteTinyStudy(dir.Path(), out, 3);
    auto r = RunSagin({"sweep", study, "--jobs", "2"});
    ASSERT_EQ(r.status, 0) << r.err;

    r = RunSagin({"compare",
                  out,
                  "--baseline",
                  "ntn-transparent-leo",
                  "--metric",
                  "latency.one_way_ms.mean",
                  "--metric",
                  "coverage.area_fraction",
                  "--format",
                  "csv",
                  "--test",
                  "t"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    // 4 variants x 2 metrics x 2 standards.
    ASSERT_EQ(lines.size(), 1u + 16u);
    const auto head = Fields(lines[0]);
    EXPECT_EQ(head[0], "variant");
    EXPECT_EQ(head[1], "altitude_km");
    EXPECT_EQ(head[2], "elevation_deg");
    auto col = [&](const std::string& name)
    {
        return std::find(head.begin(), head.end(), name) - head.begin();
    };
    // Row 2: the regenerative payload at 550 km / 10 deg, latency, compared with the bent pipe.
    const auto row = Fields(lines[2]);
    EXPECT_EQ(row[col("variant")], "altitude_km=550, elevation_deg=10");
    EXPECT_EQ(row[col("metric")], "latency.one_way_ms.mean");
    EXPECT_EQ(row[col("standard")], "ntn-regenerative-isl");
    EXPECT_EQ(row[col("baseline")], "ntn-transparent-leo");
    EXPECT_EQ(row[col("n")], "3");
    EXPECT_EQ(row[col("pairs")], "3");
    // The mean and the paired difference agree with the campaign table.
    auto q = Query(out,
                   "SELECT avg(latency_one_way_ms_mean) FROM runs WHERE altitude_km = 550 AND "
                   "elevation_deg = 10 AND standard = 'ntn-regenerative-isl'");
    EXPECT_NEAR(std::stod(row[col("mean")]), std::stod(q.front()), 1e-9);
    q = Query(
        out,
        "SELECT avg(a.latency_one_way_ms_mean - b.latency_one_way_ms_mean) FROM runs a JOIN runs b "
        "ON a.seed = b.seed AND a.altitude_km = b.altitude_km AND a.elevation_deg = "
        "b.elevation_deg "
        "WHERE a.altitude_km = 550 AND a.elevation_deg = 10 AND a.standard = "
        "'ntn-regenerative-isl' "
        "AND b.standard = 'ntn-transparent-leo'");
    EXPECT_NEAR(std::stod(row[col("diff_mean")]), std::stod(q.front()), 1e-9);
    EXPECT_LT(std::stod(row[col("diff_mean")]), 0.0); // regenerative is faster here
    EXPECT_LE(std::stod(row[col("ci_low")]), std::stod(row[col("mean")]));
    EXPECT_EQ(row[col("test")], "t");

    // The other formats.
    r = RunSagin({"compare",
                  out,
                  "--baseline",
                  "ntn-transparent-leo",
                  "--where",
                  "altitude_km=550",
                  "--where",
                  "elevation_deg=10"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("baseline: ntn-transparent-leo"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\naltitude_km=550, elevation_deg=10\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("altitude_km=700"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("(baseline)"), std::string::npos) << r.out;
    // Three seeds: the exact Wilcoxon test cannot reach 0.05 (smallest p 2 / 2^3 = 0.25); the rows
    // it concerns are marked and explained.
    EXPECT_NE(r.out.find("0.25 (a)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pairs the exact Wilcoxon test cannot reach p < 0.05"), std::string::npos)
        << r.out;
    r = RunSagin({"compare", out, "--format", "md", "--metric", "latency.rtt_ms.p50"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("| metric | standard | n | mean | 95 % CI |"), std::string::npos) << r.out;
    r = RunSagin({"compare",
                  out,
                  "--format",
                  "json",
                  "--metric",
                  "latency.rtt_ms.p50",
                  "--out",
                  dir.Path() + "/c.json"});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string json = ReadFile(dir.Path() + "/c.json");
    EXPECT_NE(json.find("\"baseline\": \"ntn-transparent-leo\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"axes\": {\"altitude_km\": 700, \"elevation_deg\": 20}"),
              std::string::npos)
        << json;
}

TEST(Compare, BadInputExitsTwoNamingIt)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    ASSERT_EQ(RunSagin({"sweep", WriteTinyStudy(dir.Path(), out, 1), "--jobs", "2"}).status, 0);
    auto r = RunSagin({"compare", out, "--metric", "latency.one_way.p50"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--metric latency.one_way.p50: no key 'latency.one_way' in summary.json"),
              std::string::npos)
        << r.err;
    r = RunSagin({"compare", out, "--metric", "latency"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("is a group of metrics"), std::string::npos) << r.err;
    r = RunSagin({"compare", out, "--baseline", "geo-transparent"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--baseline geo-transparent: no such standard"), std::string::npos)
        << r.err;
    r = RunSagin({"compare", out, "--where", "altitude=550"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("no axis named 'altitude'"), std::string::npos) << r.err;
    r = RunSagin({"compare", dir.Path() + "/nothing"});
    EXPECT_EQ(r.status, 2);
}

TEST(Compare, RunFoldersAndPlots)
{
    TempDir dir;
    WriteTinyScenario(dir.Path());
    const std::string standards = SourceDir() + "/scenarios/standards/";
    // `sagin run` with two seeds into two folders: aligned by seed across standards.
    for (const char* seed : {"1", "2"})
    {
        auto r = RunSagin({"run",
                           dir.Path() + "/tiny.txtpb",
                           "--standard",
                           standards + "ntn-transparent-leo.txtpb",
                           "--standard",
                           standards + "ntn-regenerative-isl.txtpb",
                           "--seed",
                           seed,
                           "--out",
                           dir.Path() + "/seed" + seed});
        ASSERT_EQ(r.status, 0) << r.err;
    }
    auto r = RunSagin({"compare",
                       dir.Path() + "/seed1",
                       dir.Path() + "/seed2",
                       "--format",
                       "csv",
                       "--metric",
                       "latency.one_way_ms.p50",
                       "--baseline",
                       "ntn-transparent-leo"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    EXPECT_EQ(Fields(lines[1])[0], "tiny");
    // variant,metric,standard,treatment,n,runs_without_data,mean,sd,ci_low,ci_high,ci_method,
    // ci_clipped,baseline,pairs,... (no axes)
    EXPECT_EQ(Fields(lines[2])[2], "ntn-regenerative-isl");
    EXPECT_EQ(Fields(lines[2])[4], "2");
    EXPECT_EQ(Fields(lines[2])[5], "0");
    EXPECT_EQ(Fields(lines[2])[10], "t");
    EXPECT_EQ(Fields(lines[2])[12], "ntn-transparent-leo");
    EXPECT_EQ(Fields(lines[2])[13], "2");

    if (std::system("gnuplot --version >/dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "gnuplot is not installed";
    }
    const std::string out = dir.Path() + "/study";
    ASSERT_EQ(RunSagin({"sweep", WriteTinyStudy(dir.Path(), out, 2), "--jobs", "2"}).status, 0);
    r = RunSagin({"compare",
                  out,
                  "--metric",
                  "latency.one_way_ms.p50",
                  "--where",
                  "elevation_deg=10",
                  "--plot",
                  dir.Path() + "/fig/study"});
    ASSERT_EQ(r.status, 0) << r.err;
    for (const char* f : {"study-cdf.svg",
                          "study-cdf.png",
                          "study-breakdown.svg",
                          "study-breakdown.png",
                          "study-latency_one_way_ms_p50-vs-altitude_km.svg",
                          "study-latency_one_way_ms_p50-vs-altitude_km.png"})
    {
        const std::string path = dir.Path() + "/fig/" + f;
        ASSERT_TRUE(std::filesystem::exists(path)) << f << "\n" << r.err;
        EXPECT_GT(std::filesystem::file_size(path), 1000u) << f;
    }
    // One latency panel per scenario variant (the two altitudes left by --where), titled with
    // it; the metric plot's axes say what they show and in which unit.
    const std::string cdf = ReadFile(dir.Path() + "/fig/study-cdf.svg");
    EXPECT_NE(cdf.find("ntn-regenerative-isl"), std::string::npos);
    EXPECT_NE(cdf.find("by scenario variant"), std::string::npos);
    const std::string metricPlot
        = ReadFile(dir.Path() + "/fig/study-latency_one_way_ms_p50-vs-altitude_km.svg");
    EXPECT_NE(metricPlot.find("latency one way, median (ms)"), std::string::npos);
    EXPECT_NE(metricPlot.find("altitude (km)"), std::string::npos);
    // --pool: one CDF over both variants, saying so.
    r = RunSagin({"compare",
                  out,
                  "--metric",
                  "latency.one_way_ms.p50",
                  "--where",
                  "elevation_deg=10",
                  "--pool",
                  "--plot",
                  dir.Path() + "/pool/study.svg"});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string pooled = ReadFile(dir.Path() + "/pool/study-cdf.svg");
    EXPECT_NE(pooled.find("variants pooled"), std::string::npos);
    EXPECT_EQ(pooled.find("by scenario variant"), std::string::npos);
}

// Figure labels from the metric's name: words, the statistic spelled out, the unit from the
// schema's suffix convention.
TEST(Compare, MetricLabelsNameTheUnit)
{
    EXPECT_EQ(MetricLabel("latency.one_way_ms.p50"), "latency one way, median (ms)");
    EXPECT_EQ(MetricLabel("latency.rtt_ms.p99"), "latency rtt, 99th percentile (ms)");
    EXPECT_EQ(MetricLabel("packets.delivered_fraction"), "packets delivered (fraction)");
    EXPECT_EQ(MetricLabel("handovers_per_terminal_hour"), "handovers (per terminal-hour)");
    EXPECT_EQ(MetricLabel("tcp_goodput_mbps"), "tcp goodput (Mbit/s)");
    EXPECT_EQ(MetricLabel("altitude_km"), "altitude (km)");
    EXPECT_EQ(MetricLabel("coverage.grid_area_km2"), "coverage grid area (km\u00b2)");
    EXPECT_EQ(MetricLabel("shared_capacity.area_traffic_mbps_per_km2"),
              "shared capacity area traffic (Mbit/s/km\u00b2)");
    EXPECT_EQ(MetricLabel("elevation_deg"), "elevation (deg)");
    EXPECT_EQ(MetricLabel("seed"), "seed");
    EXPECT_EQ(MetricLabel("x.p1"), "x, 1st percentile");
    EXPECT_EQ(MetricLabel("x.p12"), "x, 12th percentile");
}
