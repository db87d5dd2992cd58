// Semantic validation of any sagin.v1 input file, chosen by its message type. Used by
// `sagin validate` and before any run starts.
#ifndef SAGIN_SCENARIO_VALIDATE_INPUT_H
#define SAGIN_SCENARIO_VALIDATE_INPUT_H

#include "core/model/diagnostics.h"
#include "scenario/model/text-input.h"

#include <string>
#include <vector>

namespace sagin
{

/// Every non-finite (NaN or infinite) double or float field of `message` and the messages it
/// contains, as errors under their field paths (`haps[0].station_keeping.radius_m: must be a
/// finite number, got nan`), one reflection walk for every input type. With `reset`, each such
/// field is set to 0 afterwards, so that the range checks that follow see no NaN (their errors
/// for these paths are dropped by MergeErrors).
ErrorList NonFiniteFields(google::protobuf::Message& message, bool reset);

/// `first`, then the errors of `more` that are not at or under a path of `first` (already
/// reported there).
ErrorList MergeErrors(ErrorList first, const ErrorList& more);

/// Every semantic error of a parsed input, formatted `file: error: path: message`, plus a
/// one-line description of what the file holds when it is valid (`summary`).
std::vector<std::string> ValidateInput(const TextInput& input, std::string* summary);

} // namespace sagin

#endif
