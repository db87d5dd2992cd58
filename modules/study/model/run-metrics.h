// Metrics of a run by name: a metric is the path of a number in summary.json (the proto field
// names of sagin.v1.RunResult joined by '.'), e.g. `latency.one_way_ms.p50`. The headline metrics
// are the ones the campaign table keeps as columns (the path with '.' replaced by '_').
#ifndef SAGIN_STUDY_RUN_METRICS_H
#define SAGIN_STUDY_RUN_METRICS_H

#include "sagin/v1/result.pb.h"

#include <optional>
#include <string>
#include <vector>

namespace sagin
{

/// The metrics of the campaign table and of `sagin compare`'s default report, in order.
const std::vector<std::string>& HeadlineMetrics();

/// The campaign column of a metric: "latency.one_way_ms.p50" -> "latency_one_way_ms_p50".
std::string MetricColumn(const std::string& metric);

/// How a figure labels a metric or a swept axis: its words and, from the name's unit suffix
/// (`_ms`, `_s`, `_km`, `_mbps`, `_fraction`, `_per_terminal_hour`, ...), its unit; a trailing
/// statistic (p50, mean, ...) is spelled out. "latency.one_way_ms.p50" -> "latency one way,
/// median (ms)"; "altitude_km" -> "altitude (km)"; a name without a known suffix is kept as it is.
std::string MetricLabel(const std::string& metric);

/// The values a metric can take: [low, high], each end finite or infinite. Counts (unsigned
/// fields) and quantities whose name ends in a non-negative unit (`_ms`, `_s`, `_km`, `_mbps`,
/// `_per_terminal_hour`, ...; the innermost unit on the path, so `latency.one_way_ms.p99` is in
/// ms) are >= 0; fractions (`_fraction`), availabilities, utilizations, rate factors, the
/// `*_by_layer` fractions and Jain's index lie in [0, 1], percentages (`_percent`) in [0, 100]; dB,
/// degrees, metres, hertz and names without a unit are unbounded. A confidence interval of a mean
/// is cut at these bounds (the mean of such values cannot lie outside them).
struct MetricRange
{
    double low;
    double high;
};

MetricRange MetricDomain(const std::string& metric);

/// The value of a numeric field of `result` by its path: unset (no value) for a statistic without
/// samples (an unset optional field, null in summary.json). Returns "" when the path names a
/// number, else why not (no such field, not a number, a repeated field).
std::string MetricValue(const v1::RunResult& result,
                        const std::string& metric,
                        std::optional<double>& value);

} // namespace sagin

#endif
