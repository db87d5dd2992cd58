// Semantic validation of any sagin.v1 input file, chosen by its message type. Used by
// `sagin validate` and before any run starts.
#ifndef SAGIN_SCENARIO_VALIDATE_INPUT_H
#define SAGIN_SCENARIO_VALIDATE_INPUT_H

#include "scenario/model/text-input.h"

#include <string>
#include <vector>

namespace sagin
{

/// Every semantic error of a parsed input, formatted `file: error: path: message`, plus a
/// one-line description of what the file holds when it is valid (`summary`).
std::vector<std::string> ValidateInput(const TextInput& input, std::string* summary);

} // namespace sagin

#endif
