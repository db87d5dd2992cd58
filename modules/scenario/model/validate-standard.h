// Semantic checks of a Standard, every error with its field path.
#ifndef SAGIN_SCENARIO_VALIDATE_STANDARD_H
#define SAGIN_SCENARIO_VALIDATE_STANDARD_H

#include "core/model/diagnostics.h"

#include "sagin/v1/standard.pb.h"

namespace sagin
{

ErrorList ValidateStandard(const v1::Standard& standard);

/// Loads and validates a standard file. Throws InputError. The standard's name defaults to the
/// file's base name without extension.
v1::Standard LoadStandard(const std::string& path, std::string* sha256 = nullptr);

} // namespace sagin

#endif
