// The statistics of `sagin compare` against published values (R's wilcox.test and t.test on
// the Hollander & Wolfe depression data) and against brute-force enumeration.
#include "study/model/paired-statistics.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace sagin;

namespace
{

// Hollander & Wolfe (1973), p. 29: Hamilton depression scale before (x) and after (y) therapy;
// the example of R's wilcox.test.
const std::vector<double> kX = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
const std::vector<double> kY = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

std::vector<double>
Differences()
{
    std::vector<double> d;
    for (size_t i = 0; i < kX.size(); ++i)
    {
        d.push_back(kX[i] - kY[i]);
    }
    return d;
}

} // namespace

TEST(PairedStatistics, StudentQuantilesAndInterval)
{
    EXPECT_NEAR(StudentT(0.95, 1), 12.7062, 1e-4);
    EXPECT_NEAR(StudentT(0.95, 5), 2.5706, 1e-4);
    EXPECT_NEAR(StudentT(0.95, 30), 2.0423, 1e-4);
    MeanInterval m = MeanCi({1.0, 2.0, 3.0, 4.0});
    EXPECT_DOUBLE_EQ(m.mean, 2.5);
    EXPECT_NEAR(m.sd, 1.290994, 1e-6);
    EXPECT_NEAR(m.high - m.mean, 3.182446 * 1.290994 / 2.0, 1e-5);
    EXPECT_NEAR(m.mean - m.low, m.high - m.mean, 1e-12);
    MeanInterval one = MeanCi({5.0});
    EXPECT_EQ(one.n, 1u);
    EXPECT_TRUE(std::isnan(one.low));
    MeanInterval same = MeanCi({2.0, 2.0, 2.0});
    EXPECT_EQ(same.low, 2.0);
    EXPECT_EQ(same.high, 2.0);
}

TEST(PairedStatistics, WilcoxonExactMatchesR)
{
    // R: wilcox.test(x, y, paired = TRUE): V = 40, p-value = 0.03906.
    PairedTest t = WilcoxonSignedRank(Differences());
    EXPECT_TRUE(t.exact);
    EXPECT_DOUBLE_EQ(t.statistic, 40.0);
    EXPECT_NEAR(t.p, 0.0390625, 1e-12);
    EXPECT_NEAR(t.minP, 2.0 / 512.0, 1e-15);
    // Six differences of one sign: the smallest p six pairs can give, 2/64.
    EXPECT_NEAR(WilcoxonSignedRank({1, 2, 3, 4, 5, 6}).p, 0.03125, 1e-15);
    EXPECT_NEAR(WilcoxonSignedRank({-1, -2, -3, -4, -5}).p, 0.0625, 1e-15);
    // Zeros are dropped; no difference at all is p = 1.
    EXPECT_NEAR(WilcoxonSignedRank({0, 1, 2, 3, 4, 5, 6}).p, 0.03125, 1e-15);
    EXPECT_EQ(WilcoxonSignedRank({0, 0, 0}).p, 1.0);
}

TEST(PairedStatistics, WilcoxonWithTiesMatchesEnumeration)
{
    const std::vector<double> d = {1.5, -1.5, 2.0, 2.0, 2.0, -0.5, 3.0, 4.0};
    // Average ranks of |d|: 0.5 -> 1, 1.5 -> 2.5 (twice), 2.0 -> 5 (three times), 3 -> 7, 4 -> 8.
    const std::vector<double> rank = {2.5, 2.5, 5, 5, 5, 1, 7, 8};
    double observed = 0;
    for (size_t i = 0; i < d.size(); ++i)
    {
        observed += d[i] > 0 ? rank[i] : 0.0;
    }
    int below = 0;
    int above = 0;
    for (int mask = 0; mask < 256; ++mask)
    {
        double w = 0;
        for (int i = 0; i < 8; ++i)
        {
            w += (mask >> i & 1) ? rank[i] : 0.0;
        }
        below += w <= observed;
        above += w >= observed;
    }
    const double expected = std::min(1.0, 2.0 * std::min(below, above) / 256.0);
    PairedTest t = WilcoxonSignedRank(d);
    EXPECT_TRUE(t.exact);
    EXPECT_DOUBLE_EQ(t.statistic, observed);
    EXPECT_NEAR(t.p, expected, 1e-15);
}

TEST(PairedStatistics, WilcoxonNormalApproximationBeyondFiftyPairs)
{
    std::vector<double> d;
    for (int i = 1; i <= 60; ++i)
    {
        d.push_back(i % 2 ? -i : i);
    }
    PairedTest t = WilcoxonSignedRank(d);
    EXPECT_FALSE(t.exact);
    EXPECT_DOUBLE_EQ(t.statistic, 930.0); // the even ranks
    // z = (|930 - 915| - 0.5) / sqrt(60 * 61 * 121 / 24).
    const double z = 14.5 / std::sqrt(60.0 * 61.0 * 121.0 / 24.0);
    EXPECT_NEAR(t.p, std::erfc(z / std::sqrt(2.0)), 1e-12);
}

TEST(PairedStatistics, PairedTMatchesR)
{
    // R: t.test(x, y, paired = TRUE): t = 3.0354, df = 8, p-value = 0.01618 (0.0161766 by
    // integrating the t density numerically).
    PairedTest t = PairedT(Differences());
    EXPECT_NEAR(t.statistic, 3.0353754, 1e-6);
    EXPECT_NEAR(t.p, 0.0161766, 1e-6);
}

TEST(PairedStatistics, BootstrapIsReproducible)
{
    const auto d = Differences();
    PairedTest a = PairedBootstrap(d);
    PairedTest b = PairedBootstrap(d);
    EXPECT_EQ(a.p, b.p);
    EXPECT_EQ(a.low, b.low);
    EXPECT_NEAR(a.statistic, 3.887 / 9.0, 1e-12);
    EXPECT_LT(a.low, a.statistic);
    EXPECT_GT(a.high, a.statistic);
    EXPECT_GT(a.low, 0.0); // clearly positive
    EXPECT_LT(a.p, 0.01);
    PairedTest noise = PairedBootstrap({1.0, -1.0, 0.5, -0.5, 0.2, -0.2});
    EXPECT_GT(noise.p, 0.5);
}

TEST(PairedStatistics, WilsonIntervalMatchesNewcombe1998)
{
    // R. G. Newcombe, Statistics in Medicine 17 (1998) 857-872, Table I, method 3 (score
    // interval without continuity correction), 95 %.
    struct Case
    {
        std::uint64_t x, n;
        double low, high;
    };
    for (const Case& c : {Case{81, 263, 0.2553, 0.3662},
                          Case{15, 148, 0.0624, 0.1605},
                          Case{0, 20, 0.0, 0.1611},
                          Case{1, 29, 0.0061, 0.1718}})
    {
        const Proportion p = WilsonInterval(c.x, c.n);
        EXPECT_NEAR(p.low, c.low, 5e-5) << c.x << "/" << c.n;
        EXPECT_NEAR(p.high, c.high, 5e-5) << c.x << "/" << c.n;
    }
    // Closed forms at the ends: 0 of n -> [0, z^2 / (n + z^2)], n of n -> [n / (n + z^2), 1].
    const double z2 = 1.959963984540054 * 1.959963984540054;
    EXPECT_EQ(WilsonInterval(0, 300).low, 0.0);
    EXPECT_NEAR(WilsonInterval(0, 300).high, z2 / (300 + z2), 1e-12);
    EXPECT_EQ(WilsonInterval(300, 300).high, 1.0);
    EXPECT_NEAR(WilsonInterval(300, 300).low, 300 / (300 + z2), 1e-12);
    EXPECT_TRUE(std::isnan(WilsonInterval(0, 0).low));
}
