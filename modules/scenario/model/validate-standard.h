// Semantic checks of a Standard, every error with its field path.
#ifndef SAGIN_SCENARIO_VALIDATE_STANDARD_H
#define SAGIN_SCENARIO_VALIDATE_STANDARD_H

#include "core/model/diagnostics.h"
#include "sagin/v1/standard.pb.h"

#include <cstdint>

namespace sagin
{

/// LinkParameters.default_rate_mbps when not set (10 Gbit/s), and its upper bound (1 Tbit/s).
constexpr double kDefaultLinkRate_mbps = 10000.0;
constexpr double kMaxLinkRate_mbps = 1e6;
/// Most spot beams per satellite a standard may give (BeamLayout.count): 1 + 3 k (k + 1), k = 18.
constexpr unsigned kMaxBeams = 1027;
/// LinkParameters.queue_packets when not set, and its upper bound.
constexpr std::uint32_t kDefaultQueuePackets = 1000;
constexpr std::uint32_t kMaxQueuePackets = 1000000;

ErrorList ValidateStandard(const v1::Standard& standard);

/// Loads and validates a standard file. Throws InputError. The standard's name defaults to the
/// file's base name without extension.
v1::Standard LoadStandard(const std::string& path, std::string* sha256 = nullptr);

} // namespace sagin

#endif
