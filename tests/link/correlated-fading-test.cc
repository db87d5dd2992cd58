// The random parts: shadow fading correlated over distance as exp(-d / d_corr) (38.811 / 38.901
// 7.4.4), and the LOS state frequency, drawn from seeded ns-3 streams.
#include "link/model/correlated-fading.h"

#include <cmath>
#include <gtest/gtest.h>
#include <ns3/rng-seed-manager.h>
#include <vector>

namespace sagin
{
namespace
{

/// Sample autocorrelation of a series at lag k (mean removed, biased normalisation).
double
Autocorrelation(const std::vector<double>& x, std::size_t k)
{
    double mean = 0.0;
    for (double v : x)
    {
        mean += v;
    }
    mean /= x.size();
    double c0 = 0.0;
    double ck = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i)
    {
        c0 += (x[i] - mean) * (x[i] - mean);
        if (i + k < x.size())
        {
            ck += (x[i] - mean) * (x[i + k] - mean);
        }
    }
    return ck / c0;
}

TEST(CorrelatedFading, ExponentialAutocorrelation)
{
    ns3::RngSeedManager::SetSeed(12345);
    ns3::RngSeedManager::SetRun(1);
    // The terminal moves 5 m between samples; d_corr = 37 m (38.811 LOS SF decorrelation).
    const double step = 5.0;
    const double dCorr = 37.0;
    const std::size_t n = 200000;
    CorrelatedFading f(10);
    std::vector<double> z;
    z.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        z.push_back(f.NextStandardNormal(step, dCorr));
    }
    // Tolerance: for an AR(1) series with rho = exp(-5/37) = 0.8736, Bartlett's formula bounds
    // the standard error of a sample autocorrelation by sqrt((1 + rho^2) / (1 - rho^2) / n)
    // = sqrt(7.44 / 200000) = 0.0061; 5 standard errors = 0.031.
    const double tol = 0.031;
    for (std::size_t k : {1u, 2u, 4u, 7u, 10u, 20u})
    {
        double d = k * step;
        EXPECT_NEAR(Autocorrelation(z, k), std::exp(-d / dCorr), tol) << "d = " << d << " m";
    }
    // Unit variance and zero mean (standard errors ~ sqrt(2 * 7.44 / n) = 0.0086 and
    // sqrt(7.44 / n) = 0.0061).
    double mean = 0.0;
    double var = 0.0;
    for (double v : z)
    {
        mean += v;
        var += v * v;
    }
    mean /= n;
    var = var / n - mean * mean;
    EXPECT_NEAR(mean, 0.0, 0.031);
    EXPECT_NEAR(var, 1.0, 0.043);
}

TEST(CorrelatedFading, IrregularStepsKeepTheLaw)
{
    ns3::RngSeedManager::SetSeed(777);
    ns3::RngSeedManager::SetRun(3);
    // Steps alternate 3 m and 17 m: the correlation between samples 20 m apart (every second
    // sample) must still be exp(-20/50) = 0.6703 (d_corr = 50 m, 38.811 NLOS).
    const std::size_t n = 200000;
    CorrelatedFading f(20);
    std::vector<double> even;
    std::vector<double> all;
    for (std::size_t i = 0; i < n; ++i)
    {
        all.push_back(f.NextStandardNormal(i % 2 ? 3.0 : 17.0, 50.0));
    }
    for (std::size_t i = 0; i < n; i += 2)
    {
        even.push_back(all[i]);
    }
    // n/2 samples, rho = 0.6703: sqrt((1 + 0.449) / (1 - 0.449) / 100000) = 0.0051; 5 se.
    EXPECT_NEAR(Autocorrelation(even, 1), std::exp(-20.0 / 50.0), 0.026);
    EXPECT_NEAR(Autocorrelation(even, 3), std::exp(-60.0 / 50.0), 0.026);
}

TEST(CorrelatedFading, LosStateFrequencyAndSigma)
{
    ns3::RngSeedManager::SetSeed(99);
    ns3::RngSeedManager::SetRun(1);
    // Far-apart positions (1 km steps >> 50 m): independent draws. P_LOS = 0.7.
    CorrelatedFading f(30);
    const int n = 40000;
    int los = 0;
    double sumLos2 = 0;
    double sumNlos2 = 0;
    int nl = 0;
    for (int i = 0; i < n; ++i)
    {
        FadingSample s = f.Next(1000.0, 0.7, 2.0, 8.0, 37.0, 50.0);
        if (s.los)
        {
            ++los;
            sumLos2 += s.shadowFadingDb * s.shadowFadingDb;
        }
        else
        {
            ++nl;
            sumNlos2 += s.shadowFadingDb * s.shadowFadingDb;
        }
    }
    // Binomial standard error sqrt(0.21 / 40000) = 0.0023; 5 se = 0.0115.
    EXPECT_NEAR(static_cast<double>(los) / n, 0.7, 0.0115);
    // sigma estimates: relative standard error of a variance ~ sqrt(2 / m): 5 se.
    EXPECT_NEAR(sumLos2 / los, 4.0, 4.0 * 5 * std::sqrt(2.0 / los));
    EXPECT_NEAR(sumNlos2 / nl, 64.0, 64.0 * 5 * std::sqrt(2.0 / nl));
}

TEST(CorrelatedFading, SeededStreamsReproduce)
{
    ns3::RngSeedManager::SetSeed(5);
    ns3::RngSeedManager::SetRun(2);
    CorrelatedFading a(40);
    std::vector<double> first;
    for (int i = 0; i < 10; ++i)
    {
        first.push_back(a.NextStandardNormal(10.0, 37.0));
    }
    CorrelatedFading b(40); // same stream number, same seed and run
    for (int i = 0; i < 10; ++i)
    {
        EXPECT_DOUBLE_EQ(b.NextStandardNormal(10.0, 37.0), first[i]);
    }
}

} // namespace
} // namespace sagin
