// Summary statistics of samples: mean, nearest-rank percentiles, extremes.
#ifndef SAGIN_METRICS_STATISTICS_H
#define SAGIN_METRICS_STATISTICS_H

#include "sagin/v1/result.pb.h"

#include <vector>

namespace sagin
{

/// The p-th percentile by the nearest-rank method: the smallest sample such that at least p % of
/// the samples are <= it (sorted[ceil(p / 100 * n) - 1]); NaN-free input; 0 for no samples.
double Percentile(const std::vector<double>& sorted, double p);

/// Fills a Distribution from samples (the vector is sorted in place).
void Summarize(std::vector<double>& samples, v1::Distribution& out);

} // namespace sagin

#endif
