// Traffic demand against closed forms: Poisson counts of FTP model 3, the exact spacing of CBR,
// the long-run rate of on-off sources (exponential and Pareto periods), the hexagon area and the
// users a density gives, and every configuration error at once.
#include "radio/model/traffic-demand.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace sagin
{
namespace
{

/// Items with time < horizon and their bits.
std::pair<int, double>
CountUntil(DemandSource& src, double horizon)
{
    int n = 0;
    double bits = 0.0;
    for (DemandItem it = src.Next(); it.timeS < horizon; it = src.Next())
    {
        ++n;
        bits += it.bits;
    }
    return {n, bits};
}

TEST(TrafficDemand, Ftp3ArrivalsArePoisson)
{
    DemandConfig c;
    c.kind = DemandKind::kFtp3;
    c.fileRatePerS = 2.0;
    DemandSource src(c, 7);
    // Poisson process of rate 2 /s over 10,000 s: count ~ Poisson(20,000), sd sqrt(20,000) =
    // 141.4; accept 4 sd.
    auto [n, bits] = CountUntil(src, 10000.0);
    EXPECT_NEAR(n, 20000.0, 4.0 * std::sqrt(20000.0));
    // Every file is 0.5 Mbyte = 4,000,000 bit.
    EXPECT_DOUBLE_EQ(bits, n * 4e6);
    // Offered load lambda S = 2 x 4e6 = 8e6 bit/s.
    EXPECT_DOUBLE_EQ(MeanOfferedBps(c), 8e6);
}

TEST(TrafficDemand, Ftp3InterArrivalMeanAndVariance)
{
    DemandConfig c;
    c.kind = DemandKind::kFtp3;
    c.fileRatePerS = 4.0;
    DemandSource src(c, 11);
    // Exponential gaps of mean 1/4 = 0.25 s and variance 1/16 = 0.0625 s^2; with 100,000 gaps the
    // sample mean's sd is 0.25 / sqrt(1e5) = 7.9e-4 s (accept 4 sd = 3.2e-3).
    const int m = 100000;
    double prev = 0.0, sum = 0.0, sumSq = 0.0;
    for (int i = 0; i < m; ++i)
    {
        double t = src.Next().timeS;
        double g = t - prev;
        prev = t;
        sum += g;
        sumSq += g * g;
    }
    double mean = sum / m;
    double var = sumSq / m - mean * mean;
    EXPECT_NEAR(mean, 0.25, 3.2e-3);
    EXPECT_NEAR(var, 0.0625, 0.0625 * 0.05);
}

TEST(TrafficDemand, CbrIsExactlyPeriodic)
{
    DemandConfig c;
    c.kind = DemandKind::kCbr;
    c.rateBps = 1.2e6;
    c.packetBytes = 1500;
    DemandSource src(c, 3);
    // Interval = 1500 x 8 / 1.2e6 = 0.01 s; the first packet at a phase in [0, 0.01).
    DemandItem first = src.Next();
    EXPECT_GE(first.timeS, 0.0);
    EXPECT_LT(first.timeS, 0.01);
    EXPECT_DOUBLE_EQ(first.bits, 12000.0);
    double prev = first.timeS;
    for (int i = 0; i < 1000; ++i)
    {
        double t = src.Next().timeS;
        EXPECT_NEAR(t - prev, 0.01, 1e-12);
        prev = t;
    }
    EXPECT_DOUBLE_EQ(MeanOfferedBps(c), 1.2e6);
}

TEST(TrafficDemand, OnOffLongRunRate)
{
    for (PeriodDistribution d : {PeriodDistribution::kExponential, PeriodDistribution::kPareto})
    {
        DemandConfig c;
        c.kind = DemandKind::kOnOff;
        c.rateBps = 1.2e6; // a packet every 0.01 s while on
        c.packetBytes = 1500;
        c.meanOnS = 0.5;
        c.meanOffS = 1.5;
        c.periods = d;
        c.paretoShape = 2.5; // finite variance, so the long-run average settles
        DemandSource src(c, 5);
        // Long-run rate = 1.2e6 x 0.5 / (0.5 + 1.5) = 300 kbit/s. Over 200,000 s there are
        // about 100,000 cycles; an on period of length D sends ceil(D / 0.01) packets, on
        // average half a packet more than D / 0.01 (0.005 s of 0.5 s: +1 %), so accept 3 %.
        EXPECT_DOUBLE_EQ(MeanOfferedBps(c), 3e5);
        auto [n, bits] = CountUntil(src, 2e5);
        EXPECT_NEAR(bits / 2e5, 3e5, 3e5 * 0.03) << static_cast<int>(d);
    }
}

TEST(TrafficDemand, FullBufferHasNoItems)
{
    DemandSource src(DemandConfig{}, 1);
    EXPECT_TRUE(src.FullBuffer());
    EXPECT_TRUE(std::isinf(src.Next().timeS));
    EXPECT_TRUE(std::isinf(MeanOfferedBps(DemandConfig{})));
}

TEST(TrafficDemand, SameSeedSameItems)
{
    DemandConfig c;
    c.kind = DemandKind::kFtp3;
    c.fileRatePerS = 1.0;
    DemandSource a(c, 42), b(c, 42), other(c, 43);
    bool differs = false;
    for (int i = 0; i < 100; ++i)
    {
        double ta = a.Next().timeS;
        EXPECT_EQ(ta, b.Next().timeS);
        differs |= ta != other.Next().timeS;
    }
    EXPECT_TRUE(differs);
}

TEST(TrafficDemand, HexAreaAndDensity)
{
    // Centres 50 km apart: the hexagon's apothem is 25 km, area 2 sqrt(3) x 25^2 = 2165.0635 km^2.
    EXPECT_NEAR(HexCellAreaKm2(50.0), 2165.0635, 1e-4);
    // 0.5 users per km^2 over it: 1082.53 -> 1083.
    EXPECT_EQ(UsersFromDensity(0.5, HexCellAreaKm2(50.0)), 1083);
    EXPECT_EQ(UsersFromDensity(0.0, 100.0), 0);
    EXPECT_THROW(UsersFromDensity(-1.0, 100.0), InputError);
    EXPECT_THROW(UsersFromDensity(std::nan(""), 100.0), InputError);
}

TEST(TrafficDemand, BeamFootprintOfANadirLeo600Payload)
{
    // Set-1 LEO Ka payload at 600 km over (0, 0, R), 7 beams 1.53 deg apart. A first-tier beam
    // leaves the satellite at theta = 1.53 deg off nadir and meets the sphere at the central
    // angle gamma = asin((R + h) / R sin theta) - theta (law of sines in the triangle centre-
    // satellite-point): R gamma = 16.0265 km from the central beam's centre, so the central
    // beam's hexagon is (sqrt 3 / 2) (R gamma)^2 = 222.437 km^2.
    const double kPi = 3.14159265358979323846;
    const double r = 6371e3, h = 600e3, theta = 1.53 * kPi / 180.0;
    SpotBeamConfig c;
    c.numBeams = 7;
    c.spacingRad = theta;
    c.maxGainDbi = 38.5;
    c.apertureRadiusM = 0.25;
    c.frequencyHz = 20e9;
    c.eirpDensityDbwPerMhz = 4.0;
    c.bandwidthHz = 400e6;
    SpotBeamPayload p(c);
    p.Place(Vec3(0, 0, r + h), Vec3(0, 0, -1), Vec3(1, 0, 0));
    const double d = r * (std::asin((r + h) / r * std::sin(theta)) - theta) * 1e-3;
    auto area = BeamFootprintAreaKm2(p, 0, r);
    ASSERT_TRUE(area.has_value());
    EXPECT_NEAR(*area, std::sqrt(3.0) / 2.0 * d * d, 1e-6 * *area);
    EXPECT_NEAR(*area, 222.437, 0.001);
    // 10 users per km^2 there: 2224.37 -> 2224 users.
    EXPECT_EQ(UsersFromDensity(10.0, *area), 2224);
    // One beam alone has no neighbour to measure its cell by.
    c.numBeams = 1;
    SpotBeamPayload single(c);
    single.Place(Vec3(0, 0, r + h), Vec3(0, 0, -1), Vec3(1, 0, 0));
    EXPECT_FALSE(BeamFootprintAreaKm2(single, 0, r).has_value());
}

TEST(TrafficDemand, EveryErrorAtOnce)
{
    DemandConfig c;
    c.kind = DemandKind::kOnOff;
    c.meanOnS = 0.0;
    c.meanOffS = std::nan("");
    c.rateBps = -1.0;
    c.periods = PeriodDistribution::kPareto;
    c.paretoShape = 1.0;
    ErrorList list;
    CheckDemandConfig(c, "demand", list);
    std::string e;
    for (const auto& l : list.Format(""))
    {
        e += l + "\n";
    }
    EXPECT_EQ(list.Errors().size(), 4u) << e;
    EXPECT_NE(e.find("demand.mean_on_s"), std::string::npos) << e;
    EXPECT_NE(e.find("demand.mean_off_s"), std::string::npos) << e;
    EXPECT_NE(e.find("demand.rate_bps"), std::string::npos) << e;
    EXPECT_NE(e.find("demand.pareto_shape"), std::string::npos) << e;
    EXPECT_THROW(DemandSource(c, 1), InputError);

    DemandConfig f;
    f.kind = DemandKind::kFtp3;
    f.fileSizeBytes = 0.0;
    f.fileRatePerS = std::numeric_limits<double>::infinity();
    ErrorList ftp;
    CheckDemandConfig(f, "", ftp);
    ASSERT_EQ(ftp.Errors().size(), 2u);
    EXPECT_EQ(ftp.Errors()[0].path, "file_size_bytes");
    EXPECT_EQ(ftp.Errors()[1].path, "file_rate_per_s");
}

} // namespace
} // namespace sagin
