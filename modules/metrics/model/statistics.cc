#include "metrics/model/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sagin
{

double
Percentile(const std::vector<double>& sorted, double p)
{
    if (sorted.empty())
    {
        return 0.0;
    }
    const double n = static_cast<double>(sorted.size());
    long rank = static_cast<long>(std::ceil(p / 100.0 * n - 1e-9));
    rank = std::clamp(rank, 1L, static_cast<long>(sorted.size()));
    return sorted[static_cast<size_t>(rank - 1)];
}

void
Summarize(std::vector<double>& samples, v1::Distribution& out)
{
    out.Clear();
    out.set_count(samples.size());
    if (samples.empty())
    {
        return;
    }
    std::sort(samples.begin(), samples.end());
    // Kahan-free but order-fixed sum: the samples are sorted, so the result is reproducible.
    double sum = 0.0;
    for (double v : samples)
    {
        sum += v;
    }
    out.set_mean(sum / static_cast<double>(samples.size()));
    out.set_min(samples.front());
    out.set_max(samples.back());
    out.set_p50(Percentile(samples, 50));
    out.set_p90(Percentile(samples, 90));
    out.set_p95(Percentile(samples, 95));
    out.set_p99(Percentile(samples, 99));
    out.set_p999(Percentile(samples, 99.9));
}

} // namespace sagin
