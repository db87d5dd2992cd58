// Reads sagin.v1 inputs written in Protobuf text format. The message type comes from the file's
// `# proto-message:` header. Syntax errors and unknown fields become
// `path:line:col: error: message` (1-based) in an InputError (exit status 2).
#ifndef SAGIN_SCENARIO_TEXT_INPUT_H
#define SAGIN_SCENARIO_TEXT_INPUT_H

#include <google/protobuf/message.h>

#include <memory>
#include <string>

namespace sagin
{

struct TextInput
{
    std::string path;       ///< as given
    std::string directory;  ///< folder of the file, for relative paths inside it
    std::string text;       ///< the bytes read
    std::string sha256;     ///< of the bytes read
    std::string typeName;   ///< full message name, e.g. sagin.v1.Scenario
    std::unique_ptr<google::protobuf::Message> message;
};

/// The full message name named by a `# proto-message:` header line, or "" when absent.
std::string ProtoMessageHeader(const std::string& text);

/// Parses `path`. When `expectedType` is not empty, the header (if present) must name it and
/// it is used when the header is absent. Throws InputError.
TextInput LoadTextInput(const std::string& path, const std::string& expectedType = "");

/// Parses text as `message` (cleared first), reporting errors against `path`. Throws InputError.
void ParseTextInto(const std::string& path,
                   const std::string& text,
                   google::protobuf::Message& message);

/// Loads a file that must hold message type T.
template <class T>
T
LoadTextInputAs(const std::string& path, TextInput* info = nullptr)
{
    TextInput in = LoadTextInput(path, T::descriptor()->full_name());
    T out;
    out.CopyFrom(*in.message);
    if (info)
    {
        *info = std::move(in);
    }
    return out;
}

/// The names of an enum's values joined by ", ", without the `*_UNSPECIFIED` zero value:
/// "TRANSPARENT, REGENERATIVE". Error messages list the valid names with it.
std::string EnumValueNames(const google::protobuf::EnumDescriptor* e);

/// The folder part of a path ("." when there is none).
std::string DirectoryOf(const std::string& path);
/// `relative` resolved against `directory` (absolute paths are returned unchanged).
std::string ResolvePath(const std::string& directory, const std::string& relative);

} // namespace sagin

#endif
