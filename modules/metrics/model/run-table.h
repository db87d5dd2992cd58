// The side-by-side table `sagin run` prints: for each standard what was delivered and served
// next to the latency it measured, so that no latency column can be read without the traffic it
// rests on. Statistics without samples print as n/a; a standard that delivers less than 99 % of
// its packets is flagged with its main drop reason.
#ifndef SAGIN_METRICS_RUN_TABLE_H
#define SAGIN_METRICS_RUN_TABLE_H

#include "sagin/v1/result.pb.h"

#include <string>
#include <vector>

namespace sagin
{

/// Delivery below this fraction is flagged in the table.
inline constexpr double kDeliveryFlagThreshold = 0.99;

/// "no_route 81 %": the drop reason with the most drops and its share of all drops, or "" when
/// nothing was dropped in the network.
std::string MainDropReason(const v1::Drops& drops);

/// The table, one row per result, in the order given.
std::string FormatRunTable(const std::vector<v1::RunResult>& results);

} // namespace sagin

#endif
