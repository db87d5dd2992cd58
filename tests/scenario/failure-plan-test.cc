// Random failure draws against their distributions: exponential times to failure whose mean
// lies in the chi-square interval of the MTBF, renewal with repair, a random fraction of ISLs in
// its binomial interval, and the same draws on every resolution.
#include "core/model/diagnostics.h"
#include "scenario/model/failure-plan.h"
#include "scenario/model/world.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace sagin;

namespace
{

// 2000 satellites (40 planes of 50).
World
Shell2000(const std::string& failures)
{
    v1::Scenario s;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
        R"(name: "t" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60 seed: 7
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 2000 planes: 40 } }
)" + failures,
        &s));
    return BuildWorld(s, ".");
}

} // namespace

// Each satellite's first time to failure is exponential with mean MTBF = 1 h = 3600 s. The mean
// m of n = 2000 of them satisfies 2 n m / MTBF ~ chi-square with 2n = 4000 degrees of freedom.
// Its 0.05 % and 99.95 % quantiles (two-sided 99.9 %, z = 3.2905) by Wilson-Hilferty,
// k (1 - 2/(9k) +- z sqrt(2/(9k)))^3 with k = 4000: 2/(9k) = 5.556e-5, sqrt = 7.4536e-3,
// (1 - 5.556e-5 + 0.024526)^3 = 1.07520 and (1 - 5.556e-5 - 0.024526)^3 = 0.92804:
// m / MTBF in [0.92804, 1.07520].
TEST(FailurePlan, TimesToFailureAreExponentialWithTheMtbf)
{
    const World w = Shell2000(R"(failures { satellites { random { shell: "s" mtbf_h: 1 } } start_s: 5 })");
    const auto intervals = ResolveFailures(w, {}, 1e12);
    ASSERT_EQ(intervals.size(), 2000u); // no repair: one failure per satellite, until the end
    double sum = 0.0;
    double sumSq = 0.0;
    for (const auto& f : intervals)
    {
        EXPECT_GE(f.start_s, 5.0);
        EXPECT_TRUE(std::isinf(f.end_s));
        sum += f.start_s - 5.0;
        sumSq += (f.start_s - 5.0) * (f.start_s - 5.0);
    }
    const double mean = sum / 2000.0;
    EXPECT_GT(mean / 3600.0, 0.92804);
    EXPECT_LT(mean / 3600.0, 1.07520);
    // Exponential: standard deviation = mean (coefficient of variation 1); the sample CV of
    // 2000 draws is within +-0.1 of it (its standard error is about 1/sqrt(2000) = 0.022).
    const double sd = std::sqrt(sumSq / 2000.0 - mean * mean);
    EXPECT_NEAR(sd / mean, 1.0, 0.1);
    // The same draws every time (and so whatever the thread count: they happen here, once).
    const auto again = ResolveFailures(w, {}, 1e12);
    ASSERT_EQ(again.size(), intervals.size());
    for (size_t i = 0; i < again.size(); ++i)
    {
        EXPECT_EQ(again[i].start_s, intervals[i].start_s);
        EXPECT_EQ(again[i].node, intervals[i].node);
    }
}

// With repair, each satellite alternates up (exponential, mean MTBF) and down (repair_s): over a
// horizon H the expected number of failures per satellite is about H / (MTBF + repair)
// (renewal theorem). MTBF 100 s, repair 100 s, H = 20000 s: about 100 per satellite, 200000 in
// all (sd about sqrt(2000 x 100 x 0.25), 224 for this renewal count: mean-squared CV of a cycle
// 0.25); +-1 % is over 8 sd.
TEST(FailurePlan, RepairedSatellitesFailAgain)
{
    const World w = Shell2000(
        R"(failures { satellites { random { shell: "s" mtbf_h: 0.027777777777777776 repair_s: 100 } } })");
    const auto intervals = ResolveFailures(w, {}, 20000.0);
    EXPECT_NEAR(intervals.size() / 200000.0, 1.0, 0.01);
    for (size_t i = 1; i < intervals.size(); ++i)
    {
        EXPECT_NEAR(intervals[i].end_s - intervals[i].start_s, 100.0, 1e-9 * intervals[i].end_s);
        if (intervals[i].node == intervals[i - 1].node)
        {
            EXPECT_GE(intervals[i].start_s, intervals[i - 1].end_s); // up between failures
        }
    }
}

// Each of 1999 ISLs fails with probability 0.3: a binomial count, mean 599.7, sd
// sqrt(1999 x 0.3 x 0.7) = 20.49; +-3.29 sd (99.9 %) is [532.3, 667.1].
TEST(FailurePlan, RandomIslFractionIsBinomial)
{
    const World w = Shell2000(R"(failures { isls { random { shell: "s" fraction: 0.3 } } })");
    std::vector<std::pair<int, int>> pairs;
    for (int i = 0; i + 1 < 2000; ++i)
    {
        pairs.emplace_back(w.Shells()[0].nodes[i + 1], w.Shells()[0].nodes[i]);
    }
    const auto intervals = ResolveFailures(w, pairs, 60.0);
    EXPECT_GT(intervals.size(), 532u);
    EXPECT_LT(intervals.size(), 668u);
    for (const auto& f : intervals)
    {
        EXPECT_EQ(f.node, -1);
        EXPECT_LT(f.islA, f.islB);
    }
}

// Named satellites and shell indices resolve to the same node; an index past the shell is an
// error under its field path.
TEST(FailurePlan, NamesAndIndicesResolve)
{
    const World w = Shell2000(R"(
failures { name: "a" satellites { names: "s-1-2" } start_s: 3 end_s: 4 }
failures { satellites { shell_indices { shell: "s" indices: [52] } } }
)");
    const auto intervals = ResolveFailures(w, {}, 60.0);
    ASSERT_EQ(intervals.size(), 2u);
    EXPECT_EQ(intervals[0].event, "a");
    EXPECT_EQ(intervals[1].event, "failures[1]");
    EXPECT_EQ(intervals[0].node, intervals[1].node); // plane 1 x 50 + slot 2 = 52
    EXPECT_EQ(intervals[0].end_s, 4.0);
    EXPECT_TRUE(std::isinf(intervals[1].end_s));
}
