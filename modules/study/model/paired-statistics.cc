#include "study/model/paired-statistics.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace sagin
{

namespace
{

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double
Mean(const std::vector<double>& x)
{
    return x.empty() ? 0.0
                     : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double
SampleSd(const std::vector<double>& x, double mean)
{
    if (x.size() < 2)
    {
        return kNaN;
    }
    double ss = 0.0;
    for (double v : x)
    {
        ss += (v - mean) * (v - mean);
    }
    return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

} // namespace

double
StudentT(double confidence, double df)
{
    boost::math::students_t dist(df);
    return boost::math::quantile(dist, 0.5 + confidence / 2.0);
}

Proportion
WilsonInterval(std::uint64_t successes, std::uint64_t trials, double confidence)
{
    Proportion p;
    if (trials == 0 || successes > trials)
    {
        p.estimate = p.low = p.high = kNaN;
        return p;
    }
    const double z = boost::math::quantile(boost::math::normal(), 0.5 + confidence / 2.0);
    const double n = static_cast<double>(trials);
    const double x = static_cast<double>(successes);
    const double z2 = z * z;
    const double centre = (x + z2 / 2.0) / (n + z2);
    const double half = z * std::sqrt(x * (n - x) / n + z2 / 4.0) / (n + z2);
    p.estimate = x / n;
    // The exact ends are 0 and 1 when x is 0 or n (rounding could leave 1e-17 off).
    p.low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
    p.high = successes == trials ? 1.0 : std::min(1.0, centre + half);
    return p;
}

MeanInterval
MeanCi(const std::vector<double>& x, double confidence)
{
    MeanInterval m;
    m.n = x.size();
    m.mean = Mean(x);
    m.sd = SampleSd(x, m.mean);
    if (x.size() < 2)
    {
        m.low = m.high = kNaN;
        return m;
    }
    const double half = m.sd == 0.0 ? 0.0
                                    : StudentT(confidence, static_cast<double>(x.size() - 1)) * m.sd
                                          / std::sqrt(static_cast<double>(x.size()));
    m.low = m.mean - half;
    m.high = m.mean + half;
    return m;
}

PairedTest
WilcoxonSignedRank(const std::vector<double>& d)
{
    PairedTest t;
    std::vector<double> nz;
    for (double v : d)
    {
        if (v != 0.0)
        {
            nz.push_back(v);
        }
    }
    const size_t n = nz.size();
    if (n == 0)
    {
        t.p = 1.0;
        t.exact = true;
        t.minP = 0.0; // no evidence either way, not a lack of power
        return t;
    }
    // Average ranks of |d|; twice the ranks are integers.
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(),
              order.end(),
              [&](size_t a, size_t b)
              {
                  return std::fabs(nz[a]) < std::fabs(nz[b]);
              });
    std::vector<long> twiceRank(n);
    double tieTerm = 0.0; // sum of (t^3 - t) over tie groups
    for (size_t i = 0; i < n;)
    {
        size_t j = i;
        while (j + 1 < n && std::fabs(nz[order[j + 1]]) == std::fabs(nz[order[i]]))
        {
            ++j;
        }
        const long twice = static_cast<long>(i + 1 + j + 1); // 2 * average of ranks i+1..j+1
        for (size_t k = i; k <= j; ++k)
        {
            twiceRank[order[k]] = twice;
        }
        const double g = static_cast<double>(j - i + 1);
        if (g > 1)
        {
            tieTerm += g * g * g - g;
        }
        i = j + 1;
    }
    long twiceWPlus = 0;
    long twiceTotal = 0;
    for (size_t i = 0; i < n; ++i)
    {
        twiceTotal += twiceRank[i];
        if (nz[i] > 0)
        {
            twiceWPlus += twiceRank[i];
        }
    }
    t.statistic = twiceWPlus / 2.0;
    if (n <= 50)
    {
        // Number of sign assignments giving each value of 2 W+ (every assignment is equally likely
        // under the null hypothesis).
        std::vector<double> count(static_cast<size_t>(twiceTotal) + 1, 0.0);
        count[0] = 1.0;
        long reach = 0;
        for (size_t i = 0; i < n; ++i)
        {
            const long r = twiceRank[i];
            for (long w = reach; w >= 0; --w)
            {
                if (count[w] != 0.0)
                {
                    count[w + r] += count[w];
                }
            }
            reach += r;
        }
        const double total = std::ldexp(1.0, static_cast<int>(n));
        double below = 0.0; // P(2W+ <= observed)
        double above = 0.0; // P(2W+ >= observed)
        for (long w = 0; w <= twiceTotal; ++w)
        {
            if (w <= twiceWPlus)
            {
                below += count[w];
            }
            if (w >= twiceWPlus)
            {
                above += count[w];
            }
        }
        t.p = std::min(1.0, 2.0 * std::min(below, above) / total);
        t.exact = true;
        // The most extreme outcome: all signs alike.
        t.minP = std::min(1.0, 2.0 * count[0] / total);
        return t;
    }
    const double nn = static_cast<double>(n);
    const double mean = nn * (nn + 1) / 4.0;
    const double var = nn * (nn + 1) * (2 * nn + 1) / 24.0 - tieTerm / 48.0;
    const double w = t.statistic;
    const double diff = std::fabs(w - mean) - 0.5;
    const double z = var > 0 ? std::max(0.0, diff) / std::sqrt(var) : 0.0;
    boost::math::normal normal;
    t.p = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(normal, z)));
    t.exact = false;
    t.minP = 0.0;
    return t;
}

PairedTest
PairedBootstrap(const std::vector<double>& d,
                double confidence,
                std::uint32_t resamples,
                std::uint64_t seed)
{
    PairedTest t;
    const size_t n = d.size();
    t.statistic = Mean(d);
    if (n == 0)
    {
        t.p = 1.0;
        t.low = t.high = kNaN;
        return t;
    }
    std::mt19937_64 rng(seed);
    std::vector<double> means(resamples);
    for (std::uint32_t b = 0; b < resamples; ++b)
    {
        double sum = 0.0;
        for (size_t i = 0; i < n; ++i)
        {
            sum += d[rng() % n];
        }
        means[b] = sum / static_cast<double>(n);
    }
    std::sort(means.begin(), means.end());
    auto quantile = [&](double q)
    {
        const double pos = q * (resamples - 1);
        const size_t lo = static_cast<size_t>(std::floor(pos));
        const size_t hi = std::min<size_t>(lo + 1, resamples - 1);
        return means[lo] + (pos - lo) * (means[hi] - means[lo]);
    };
    t.low = quantile((1.0 - confidence) / 2.0);
    t.high = quantile(1.0 - (1.0 - confidence) / 2.0);
    double le = 0.0;
    double ge = 0.0;
    for (double m : means)
    {
        le += m <= 0.0;
        ge += m >= 0.0;
    }
    t.p = std::min(1.0, 2.0 * std::min(le, ge) / resamples);
    return t;
}

PairedTest
PairedT(const std::vector<double>& d)
{
    PairedTest t;
    const size_t n = d.size();
    const double mean = Mean(d);
    const double sd = SampleSd(d, mean);
    if (n < 2)
    {
        t.p = kNaN;
        return t;
    }
    if (sd == 0.0)
    {
        t.statistic
            = mean == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), mean);
        t.p = mean == 0.0 ? 1.0 : 0.0;
        return t;
    }
    t.statistic = mean / (sd / std::sqrt(static_cast<double>(n)));
    boost::math::students_t dist(static_cast<double>(n - 1));
    t.p = std::min(1.0,
                   2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t.statistic))));
    return t;
}

} // namespace sagin
