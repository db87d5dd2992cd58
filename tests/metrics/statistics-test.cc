// Summary statistics against hand-computed values: nearest-rank percentiles
// (sorted[ceil(p/100 n) - 1]), mean, extremes.
#include "metrics/model/statistics.h"

#include <gtest/gtest.h>

using namespace sagin;

TEST(Statistics, NearestRankPercentilesByHand)
{
    // 1..10 (shuffled): p50 = sorted[ceil(5) - 1] = 5; p90 = sorted[ceil(9) - 1] = 9;
    // p95 = sorted[ceil(9.5) - 1] = 10; p99 = 10; mean 5.5.
    std::vector<double> v = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
    v1::Distribution d;
    Summarize(v, d);
    EXPECT_EQ(d.count(), 10u);
    EXPECT_DOUBLE_EQ(d.mean(), 5.5);
    EXPECT_DOUBLE_EQ(d.p50(), 5.0);
    EXPECT_DOUBLE_EQ(d.p90(), 9.0);
    EXPECT_DOUBLE_EQ(d.p95(), 10.0);
    EXPECT_DOUBLE_EQ(d.p99(), 10.0);
    EXPECT_DOUBLE_EQ(d.min(), 1.0);
    EXPECT_DOUBLE_EQ(d.max(), 10.0);

    // 200 samples 0.5, 1.5, ..., 199.5: p99 = sorted[ceil(198) - 1] = 197.5; p50 = 99.5.
    std::vector<double> w;
    for (int i = 0; i < 200; ++i)
    {
        w.push_back(199.5 - i);
    }
    Summarize(w, d);
    EXPECT_DOUBLE_EQ(d.p99(), 197.5);
    EXPECT_DOUBLE_EQ(d.p50(), 99.5);
    EXPECT_DOUBLE_EQ(d.mean(), 100.0);
}

TEST(Statistics, EmptyAndSingle)
{
    std::vector<double> none;
    v1::Distribution d;
    Summarize(none, d);
    EXPECT_EQ(d.count(), 0u);
    EXPECT_EQ(d.p99(), 0.0);
    std::vector<double> one = {42.0};
    Summarize(one, d);
    EXPECT_EQ(d.p50(), 42.0);
    EXPECT_EQ(d.p99(), 42.0);
    EXPECT_EQ(Percentile({}, 50), 0.0);
}
