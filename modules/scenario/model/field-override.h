// `--set path=value` and study axes: changes one field of a message by its path.
//
// A path is field names joined by '.', with [i] after a repeated field: `shells[0].walker.planes`.
// Values: numbers, true/false, enum value names, strings as written; `[a, b]` for a repeated
// scalar field; `{ text format }` for a message field. Unknown fields, out-of-range indices and
// values of the wrong type are errors naming the path.
#ifndef SAGIN_SCENARIO_FIELD_OVERRIDE_H
#define SAGIN_SCENARIO_FIELD_OVERRIDE_H

#include <google/protobuf/message.h>

#include <string>

namespace sagin
{

/// Sets the field at `path` (relative to `message`). Returns "" on success, else the reason.
std::string SetField(google::protobuf::Message& message, const std::string& path, const std::string& value);

/// Reads the field at `path` as text (for reports). Returns false when the path is invalid.
bool GetField(const google::protobuf::Message& message, const std::string& path, std::string& value);

/// A rooted override: `scenario.<path>` or `standard.<name>.<path>`.
struct RootedOverride
{
    std::string root;     ///< "scenario" or "standard"
    std::string standard; ///< the standard's name for "standard" roots
    std::string path;     ///< the rest
    std::string value;
    std::string text;     ///< as written, for messages and provenance
};

/// Parses `root.path=value`. Returns "" or the reason it cannot.
std::string ParseOverride(const std::string& text, RootedOverride& out);

} // namespace sagin

#endif
