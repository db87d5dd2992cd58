// The mean of a long simulation run with its 99 % confidence interval from batch means, for
// tests that compare a queue with its closed form.
#ifndef SAGIN_TESTS_BATCH_MEANS_H
#define SAGIN_TESTS_BATCH_MEANS_H

#include <cmath>
#include <numeric>
#include <vector>

namespace sagin::test
{

struct Estimate
{
    double mean;
    double half99; ///< half-width of the 99 % confidence interval
};

/// Mean and 99 % interval from 50 batch means (the first tenth of the run dropped as warm-up):
/// t(0.995, 49 dof) = 2.680.
inline Estimate
BatchMeans(const std::vector<double>& x)
{
    const size_t skip = x.size() / 10;
    const size_t batches = 50;
    const size_t per = (x.size() - skip) / batches;
    std::vector<double> means;
    for (size_t b = 0; b < batches; ++b)
    {
        const auto first = x.begin() + skip + b * per;
        means.push_back(std::accumulate(first, first + per, 0.0) / per);
    }
    const double mean = std::accumulate(means.begin(), means.end(), 0.0) / batches;
    double ss = 0.0;
    for (double m : means)
    {
        ss += (m - mean) * (m - mean);
    }
    const double sd = std::sqrt(ss / (batches - 1));
    return {mean, 2.680 * sd / std::sqrt(static_cast<double>(batches))};
}

} // namespace sagin::test

#endif
