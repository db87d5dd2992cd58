#include "scenario/model/text-input.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/sha256.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>

namespace sagin
{

namespace
{

/// The enum types of the fields called `field` in `root` and the messages it contains.
std::vector<const google::protobuf::EnumDescriptor*>
EnumsOfField(const google::protobuf::Descriptor* root, const std::string& field)
{
    std::vector<const google::protobuf::EnumDescriptor*> enums;
    std::vector<const google::protobuf::Descriptor*> todo{root};
    std::set<const google::protobuf::Descriptor*> seen{root};
    while (!todo.empty())
    {
        const auto* d = todo.back();
        todo.pop_back();
        for (int i = 0; i < d->field_count(); ++i)
        {
            const auto* f = d->field(i);
            if (f->enum_type() && f->name() == field &&
                std::find(enums.begin(), enums.end(), f->enum_type()) == enums.end())
            {
                enums.push_back(f->enum_type());
            }
            if (f->message_type() && seen.insert(f->message_type()).second)
            {
                todo.push_back(f->message_type());
            }
        }
    }
    return enums;
}

/// The text between the quotes that follow `marker` in `message` (std::string::npos in
/// `*end` when there is none). Plain scanning: no regular expression runs over input text.
std::string
QuotedAfter(const std::string& message, const std::string& marker, size_t from = 0, size_t* end = nullptr)
{
    const size_t at = message.find(marker, from);
    if (end)
    {
        *end = std::string::npos;
    }
    if (at == std::string::npos)
    {
        return "";
    }
    const size_t open = at + marker.size();
    const size_t close = message.find('"', open);
    if (close == std::string::npos)
    {
        return "";
    }
    if (end)
    {
        *end = close + 1;
    }
    return message.substr(open, close - open);
}

/// True when `s` is a non-empty run of letters, digits and underscores (a field name).
bool
IsIdentifier(const std::string& s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

/// True when `s` is a non-empty run of letters, digits, underscores and dots (a message name).
bool
IsQualifiedName(const std::string& s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    });
}

class CollectErrors : public google::protobuf::io::ErrorCollector
{
  public:
    CollectErrors(std::string path, const std::string& text, const google::protobuf::Descriptor* root)
        : m_path(std::move(path)),
          m_root(root)
    {
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line))
        {
            m_text.push_back(line);
        }
    }

    void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override
    {
        // Protobuf reports an unknown field at the token after its name; point at the name.
        const std::string unknownField = QuotedAfter(message, "has no field named \"");
        if (IsIdentifier(unknownField) && line >= 0 && line < static_cast<int>(m_text.size()))
        {
            const std::string& text = m_text[line];
            auto at = text.rfind(unknownField, column > 0 ? column - 1 : 0);
            if (at != std::string::npos)
            {
                column = static_cast<int>(at);
            }
        }
        // An unknown enum value: point at it and say which names the field takes.
        std::string text = message;
        std::string hint;
        size_t valueEnd = std::string::npos;
        const std::string badValue = QuotedAfter(message, "Unknown enumeration value of \"", 0, &valueEnd);
        const std::string forField = " for field \"";
        const std::string enumField =
            valueEnd != std::string::npos && message.compare(valueEnd, forField.size(), forField) == 0
                ? QuotedAfter(message, forField, valueEnd)
                : "";
        if (IsIdentifier(enumField))
        {
            // Protobuf reports it at the token after the value; find the value before that.
            for (int l = std::min(line, static_cast<int>(m_text.size()) - 1); l >= 0 && !badValue.empty(); --l)
            {
                const auto at = l == line ? m_text[l].rfind(badValue, column > 0 ? column - 1 : 0)
                                          : m_text[l].rfind(badValue);
                if (at != std::string::npos)
                {
                    line = l;
                    column = static_cast<int>(at);
                    break;
                }
            }
            if (!text.empty() && text.back() == '.')
            {
                text.pop_back();
            }
            const auto enums = EnumsOfField(m_root, enumField);
            for (size_t i = 0; i < enums.size(); ++i)
            {
                hint += (i ? " or " : "; valid: ") + EnumValueNames(enums[i]);
                if (enums.size() > 1)
                {
                    hint += " (" + enums[i]->name() + ")";
                }
            }
        }
        // A line of junk can make a name of megabytes: quote at most 200 bytes of it.
        if (text.size() > 400)
        {
            text = text.substr(0, 200) + "...(" + std::to_string(text.size() - 200) + " more bytes)";
        }
        // Protobuf counts lines and columns from 0; editors and compilers count from 1.
        m_lines.push_back(m_path + ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1) +
                          ": error: " + text + hint);
    }

    void AddWarning(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override
    {
        Warn(m_path + ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1), message);
    }

    std::vector<std::string> m_lines;

  private:
    std::string m_path;
    const google::protobuf::Descriptor* m_root;
    std::vector<std::string> m_text;
};

} // namespace

std::string
EnumValueNames(const google::protobuf::EnumDescriptor* e)
{
    std::string names;
    for (int i = 0; i < e->value_count(); ++i)
    {
        const std::string& name = e->value(i)->name();
        const std::string unspecified = "_UNSPECIFIED";
        if (e->value(i)->number() == 0 && name.size() >= unspecified.size() &&
            name.compare(name.size() - unspecified.size(), unspecified.size(), unspecified) == 0)
        {
            continue;
        }
        names += (names.empty() ? "" : ", ") + name;
    }
    return names;
}

std::string
DirectoryOf(const std::string& path)
{
    auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
    {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string
ResolvePath(const std::string& directory, const std::string& relative)
{
    if (relative.empty() || relative[0] == '/' || directory.empty() || directory == ".")
    {
        return relative;
    }
    return directory + "/" + relative;
}

std::string
ProtoMessageHeader(const std::string& text)
{
    // Plain scanning of the leading comment block (no regular expression over input text: a
    // backtracking one overflows the stack on a long line).
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
    size_t start = 0;
    while (start < text.size())
    {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
        {
            end = text.size();
        }
        // Headers sit in the leading comment block only.
        if (end > start && text[start] != '#')
        {
            break;
        }
        size_t i = start + 1;
        while (i < end && isSpace(text[i]))
        {
            ++i;
        }
        const std::string key = "proto-message:";
        if (end > start && text.compare(i, key.size(), key) == 0)
        {
            i += key.size();
            while (i < end && isSpace(text[i]))
            {
                ++i;
            }
            size_t last = end;
            while (last > i && isSpace(text[last - 1]))
            {
                --last;
            }
            const std::string name = text.substr(i, last - i);
            if (IsQualifiedName(name))
            {
                return name;
            }
        }
        start = end + 1;
    }
    return "";
}

void
ParseTextInto(const std::string& path, const std::string& text, google::protobuf::Message& message)
{
    message.Clear();
    CollectErrors errors(path, text, message.GetDescriptor());
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.AllowUnknownField(false);
    parser.AllowUnknownExtension(false);
    if (!parser.ParseFromString(text, &message) || !errors.m_lines.empty())
    {
        if (errors.m_lines.empty())
        {
            errors.m_lines.push_back(path + ":1:1: error: cannot parse as " +
                                     message.GetDescriptor()->full_name());
        }
        throw InputError(errors.m_lines);
    }
}

TextInput
LoadTextInput(const std::string& path, const std::string& expectedType)
{
    TextInput in;
    in.path = path;
    in.directory = DirectoryOf(path);
    try
    {
        in.text = ReadFile(path);
    }
    catch (const std::runtime_error& e)
    {
        throw InputError(path + ": error: " + std::string(e.what()).substr(0));
    }
    in.sha256 = Sha256Hex(in.text);
    std::string header = ProtoMessageHeader(in.text);
    if (!expectedType.empty() && !header.empty() && header != expectedType)
    {
        throw InputError(path + ":1:1: error: expected a " + expectedType +
                         " file, but its '# proto-message:' header says " + header);
    }
    in.typeName = header.empty() ? expectedType : header;
    if (in.typeName.empty())
    {
        throw InputError(path + ":1:1: error: missing '# proto-message: sagin.v1.<Type>' header line");
    }
    const auto* desc =
        google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(in.typeName);
    if (!desc || desc->file()->package() != "sagin.v1")
    {
        throw InputError(path + ":1:1: error: unknown message type '" + in.typeName +
                         "' in the '# proto-message:' header (expected sagin.v1.<Type>)");
    }
    const google::protobuf::Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(desc);
    in.message.reset(prototype->New());
    ParseTextInto(path, in.text, *in.message);
    return in;
}

} // namespace sagin
