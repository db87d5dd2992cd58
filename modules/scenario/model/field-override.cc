#include "scenario/model/field-override.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <sstream>
#include <vector>

namespace sagin
{

namespace gp = google::protobuf;

namespace
{

struct Segment
{
    std::string name;
    int index = -1; ///< -1: no [i]
};

bool
SplitPath(const std::string& path, std::vector<Segment>& out, std::string& error)
{
    std::string part;
    std::istringstream in(path);
    while (std::getline(in, part, '.'))
    {
        Segment s;
        auto bracket = part.find('[');
        if (bracket != std::string::npos)
        {
            if (part.back() != ']')
            {
                error = "malformed index in '" + part + "'";
                return false;
            }
            std::string idx = part.substr(bracket + 1, part.size() - bracket - 2);
            char* end = nullptr;
            long v = std::strtol(idx.c_str(), &end, 10);
            if (idx.empty() || *end != '\0' || v < 0)
            {
                error = "malformed index in '" + part + "'";
                return false;
            }
            s.index = static_cast<int>(v);
            part = part.substr(0, bracket);
        }
        if (part.empty())
        {
            error = "empty field name";
            return false;
        }
        s.name = part;
        out.push_back(s);
    }
    if (out.empty())
    {
        error = "empty path";
        return false;
    }
    return true;
}

std::string
Trim(const std::string& s)
{
    auto b = s.find_first_not_of(" \t");
    auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// Sets one scalar, or appends one element to a repeated scalar.
std::string
SetScalar(gp::Message& m, const gp::FieldDescriptor* f, const std::string& raw)
{
    const gp::Reflection* r = m.GetReflection();
    const std::string v = Trim(raw);
    const bool rep = f->is_repeated();
    auto bad = [&](const char* what) { return "expected " + std::string(what) + ", got '" + v + "'"; };
    auto parseDouble = [&](double& out) {
        char* end = nullptr;
        errno = 0;
        out = std::strtod(v.c_str(), &end);
        return !v.empty() && *end == '\0' && errno == 0 && std::isfinite(out);
    };
    auto parseInt = [&](long long& out) {
        char* end = nullptr;
        errno = 0;
        out = std::strtoll(v.c_str(), &end, 10);
        return !v.empty() && *end == '\0' && errno == 0;
    };
    switch (f->cpp_type())
    {
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
    case gp::FieldDescriptor::CPPTYPE_FLOAT: {
        double d = 0;
        if (!parseDouble(d))
        {
            return bad("a number");
        }
        if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_DOUBLE)
        {
            rep ? r->AddDouble(&m, f, d) : r->SetDouble(&m, f, d);
        }
        else
        {
            rep ? r->AddFloat(&m, f, static_cast<float>(d)) : r->SetFloat(&m, f, static_cast<float>(d));
        }
        return "";
    }
    case gp::FieldDescriptor::CPPTYPE_INT32:
    case gp::FieldDescriptor::CPPTYPE_INT64:
    case gp::FieldDescriptor::CPPTYPE_UINT32:
    case gp::FieldDescriptor::CPPTYPE_UINT64: {
        long long i = 0;
        if (!parseInt(i))
        {
            return bad("an integer");
        }
        const bool isUnsigned = f->cpp_type() == gp::FieldDescriptor::CPPTYPE_UINT32 ||
                                f->cpp_type() == gp::FieldDescriptor::CPPTYPE_UINT64;
        if (isUnsigned && i < 0)
        {
            return bad("a non-negative integer");
        }
        if ((f->cpp_type() == gp::FieldDescriptor::CPPTYPE_INT32 &&
             (i < std::numeric_limits<int32_t>::min() || i > std::numeric_limits<int32_t>::max())) ||
            (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_UINT32 && i > std::numeric_limits<uint32_t>::max()))
        {
            return bad("a 32-bit integer");
        }
        switch (f->cpp_type())
        {
        case gp::FieldDescriptor::CPPTYPE_INT32:
            rep ? r->AddInt32(&m, f, static_cast<int32_t>(i)) : r->SetInt32(&m, f, static_cast<int32_t>(i));
            break;
        case gp::FieldDescriptor::CPPTYPE_INT64:
            rep ? r->AddInt64(&m, f, i) : r->SetInt64(&m, f, i);
            break;
        case gp::FieldDescriptor::CPPTYPE_UINT32:
            rep ? r->AddUInt32(&m, f, static_cast<uint32_t>(i)) : r->SetUInt32(&m, f, static_cast<uint32_t>(i));
            break;
        default:
            rep ? r->AddUInt64(&m, f, static_cast<uint64_t>(i)) : r->SetUInt64(&m, f, static_cast<uint64_t>(i));
        }
        return "";
    }
    case gp::FieldDescriptor::CPPTYPE_BOOL: {
        bool b;
        if (v == "true" || v == "1")
        {
            b = true;
        }
        else if (v == "false" || v == "0")
        {
            b = false;
        }
        else
        {
            return bad("true or false");
        }
        rep ? r->AddBool(&m, f, b) : r->SetBool(&m, f, b);
        return "";
    }
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
        const gp::EnumValueDescriptor* e = f->enum_type()->FindValueByName(v);
        if (!e)
        {
            std::string names;
            for (int k = 1; k < f->enum_type()->value_count(); ++k)
            {
                names += (k > 1 ? ", " : "") + f->enum_type()->value(k)->name();
            }
            return "expected one of " + names + ", got '" + v + "'";
        }
        rep ? r->AddEnum(&m, f, e) : r->SetEnum(&m, f, e);
        return "";
    }
    case gp::FieldDescriptor::CPPTYPE_STRING: {
        std::string sv = v;
        if (sv.size() >= 2 && sv.front() == '"' && sv.back() == '"')
        {
            sv = sv.substr(1, sv.size() - 2);
        }
        rep ? r->AddString(&m, f, sv) : r->SetString(&m, f, sv);
        return "";
    }
    default:
        return "cannot set a field of this type";
    }
}

/// Replaces a whole message by its text format (`{ ... }` or bare fields).
std::string
SetMessageText(gp::Message& m, const std::string& value)
{
    std::string v = Trim(value);
    m.Clear();
    if (!gp::TextFormat::ParseFromString(v.size() >= 2 && v.front() == '{' ? v.substr(1, v.size() - 2) : v, &m))
    {
        return "expected a message in text format, got '" + value + "'";
    }
    return "";
}

} // namespace

std::string
SetField(gp::Message& message, const std::string& path, const std::string& value)
{
    std::vector<Segment> segments;
    std::string error;
    if (!SplitPath(path, segments, error))
    {
        return error;
    }
    gp::Message* m = &message;
    for (size_t k = 0; k < segments.size(); ++k)
    {
        const Segment& s = segments[k];
        const gp::Descriptor* d = m->GetDescriptor();
        const gp::FieldDescriptor* f = d->FindFieldByName(s.name);
        if (!f)
        {
            return "no field '" + s.name + "' in " + d->full_name();
        }
        const gp::Reflection* r = m->GetReflection();
        const bool last = k + 1 == segments.size();
        if (f->is_repeated())
        {
            const int size = r->FieldSize(*m, f);
            if (s.index < 0)
            {
                if (!last || f->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
                {
                    return "'" + s.name + "' is repeated: give an index, " + s.name + "[i]";
                }
                // The whole list: [a, b, c].
                std::string v = Trim(value);
                if (v.size() < 2 || v.front() != '[' || v.back() != ']')
                {
                    return "expected a list like [1, 2] for repeated field '" + s.name + "'";
                }
                r->ClearField(m, f);
                std::istringstream in(v.substr(1, v.size() - 2));
                std::string item;
                while (std::getline(in, item, ','))
                {
                    if (Trim(item).empty())
                    {
                        continue;
                    }
                    std::string e = SetScalar(*m, f, item);
                    if (!e.empty())
                    {
                        return e;
                    }
                }
                return "";
            }
            if (s.index >= size)
            {
                return "index " + std::to_string(s.index) + " out of range: '" + s.name + "' has " +
                       std::to_string(size) + " element" + (size == 1 ? "" : "s");
            }
            if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
            {
                m = r->MutableRepeatedMessage(m, f, s.index);
                if (last)
                {
                    return SetMessageText(*m, value);
                }
                continue;
            }
            if (!last)
            {
                return "'" + s.name + "' is not a message";
            }
            // One element of a repeated scalar: rebuild the list with the element replaced.
            std::unique_ptr<gp::Message> tmp(m->New());
            std::string e = SetScalar(*tmp, f, value);
            if (!e.empty())
            {
                return e;
            }
            std::unique_ptr<gp::Message> copy(m->New());
            copy->CopyFrom(*m);
            r->ClearField(m, f);
            for (int i = 0; i < size; ++i)
            {
                std::string text;
                if (i == s.index)
                {
                    gp::TextFormat::PrintFieldValueToString(*tmp, f, 0, &text);
                }
                else
                {
                    gp::TextFormat::PrintFieldValueToString(*copy, f, i, &text);
                }
                SetScalar(*m, f, text);
            }
            return "";
        }
        if (s.index >= 0)
        {
            return "'" + s.name + "' is not repeated: no index allowed";
        }
        if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
        {
            m = r->MutableMessage(m, f);
            if (last)
            {
                return SetMessageText(*m, value);
            }
            continue;
        }
        if (!last)
        {
            return "'" + s.name + "' is not a message";
        }
        return SetScalar(*m, f, value);
    }
    return "";
}

bool
GetField(const gp::Message& message, const std::string& path, std::string& value)
{
    std::vector<Segment> segments;
    std::string error;
    if (!SplitPath(path, segments, error))
    {
        return false;
    }
    const gp::Message* m = &message;
    for (size_t k = 0; k < segments.size(); ++k)
    {
        const Segment& s = segments[k];
        const gp::FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(s.name);
        if (!f)
        {
            return false;
        }
        const gp::Reflection* r = m->GetReflection();
        const bool last = k + 1 == segments.size();
        if (f->is_repeated())
        {
            if (s.index < 0 || s.index >= r->FieldSize(*m, f))
            {
                return false;
            }
            if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
            {
                m = &r->GetRepeatedMessage(*m, f, s.index);
                continue;
            }
            if (!last)
            {
                return false;
            }
            gp::TextFormat::PrintFieldValueToString(*m, f, s.index, &value);
            return true;
        }
        if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE)
        {
            m = &r->GetMessage(*m, f);
            continue;
        }
        if (!last)
        {
            return false;
        }
        gp::TextFormat::PrintFieldValueToString(*m, f, -1, &value);
        return true;
    }
    value = m->ShortDebugString();
    return true;
}

std::string
ParseOverride(const std::string& text, RootedOverride& out)
{
    out.text = text;
    auto eq = text.find('=');
    if (eq == std::string::npos)
    {
        return "expected path=value";
    }
    std::string path = Trim(text.substr(0, eq));
    out.value = text.substr(eq + 1);
    if (path.rfind("scenario.", 0) == 0)
    {
        out.root = "scenario";
        out.path = path.substr(9);
    }
    else if (path.rfind("standard.", 0) == 0)
    {
        out.root = "standard";
        std::string rest = path.substr(9);
        auto dot = rest.find('.');
        if (dot == std::string::npos || dot == 0)
        {
            return "expected standard.<name>.<field path>";
        }
        out.standard = rest.substr(0, dot);
        out.path = rest.substr(dot + 1);
    }
    else
    {
        return "a path starts with 'scenario.' or 'standard.<name>.'";
    }
    if (out.path.empty())
    {
        return "empty field path";
    }
    return "";
}

} // namespace sagin
