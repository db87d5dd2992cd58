#include "core/model/json-writer.h"

#include "core/model/text-format.h"

#include <cmath>
#include <stdexcept>

namespace sagin
{

JsonWriter::JsonWriter(std::ostream& os)
    : m_os(os)
{
}

int
JsonWriter::LinesDepth() const
{
    int depth = 0;
    for (const auto& f : m_stack)
    {
        depth += f.layout == Layout::Lines ? 1 : 0;
    }
    return depth;
}

void
JsonWriter::Indent(int levels)
{
    for (int i = 0; i < levels; ++i)
    {
        m_os << "  ";
    }
}

void
JsonWriter::BeforeValue()
{
    if (m_stack.empty())
    {
        if (m_topWritten)
        {
            throw std::logic_error("JsonWriter: a second top-level value");
        }
        m_topWritten = true;
        return;
    }
    Frame& f = m_stack.back();
    if (f.object)
    {
        if (!f.keyPending)
        {
            throw std::logic_error("JsonWriter: a value in an object without a key");
        }
        f.keyPending = false;
        return;
    }
    // An array element: the separator before it.
    switch (f.layout)
    {
    case Layout::Compact:
        m_os << (f.empty ? "" : ",");
        break;
    case Layout::Inline:
        m_os << (f.empty ? "" : ", ");
        break;
    case Layout::Lines:
        m_os << (f.empty ? "\n" : ",\n");
        Indent(LinesDepth());
        break;
    case Layout::Rows:
        m_os << (f.empty ? "\n" : ",\n");
        break;
    }
    f.empty = false;
}

JsonWriter&
JsonWriter::Key(const std::string& key)
{
    if (m_stack.empty() || !m_stack.back().object || m_stack.back().keyPending)
    {
        throw std::logic_error("JsonWriter: key '" + key + "' outside an object or after a key");
    }
    Frame& f = m_stack.back();
    switch (f.layout)
    {
    case Layout::Compact:
        m_os << (f.empty ? "" : ",") << JsonString(key) << ':';
        break;
    case Layout::Inline:
        m_os << (f.empty ? "" : ", ") << JsonString(key) << ": ";
        break;
    case Layout::Lines:
        m_os << (f.empty ? "\n" : ",\n");
        Indent(LinesDepth());
        m_os << JsonString(key) << ": ";
        break;
    case Layout::Rows:
        m_os << (f.empty ? "\n" : ",\n") << JsonString(key) << ": ";
        break;
    }
    f.empty = false;
    f.keyPending = true;
    return *this;
}

void
JsonWriter::Begin(bool object, Layout layout, char open)
{
    BeforeValue();
    m_os << open;
    m_stack.push_back(Frame{object, layout});
}

void
JsonWriter::End(bool object, char close)
{
    if (m_stack.empty() || m_stack.back().object != object || m_stack.back().keyPending)
    {
        throw std::logic_error(std::string("JsonWriter: unbalanced '") + close + "'");
    }
    const Layout layout = m_stack.back().layout;
    m_stack.pop_back();
    if (layout == Layout::Lines || layout == Layout::Rows)
    {
        m_os << '\n';
        if (layout == Layout::Lines)
        {
            Indent(LinesDepth());
        }
    }
    m_os << close;
}

JsonWriter&
JsonWriter::BeginObject(Layout layout)
{
    Begin(true, layout, '{');
    return *this;
}

JsonWriter&
JsonWriter::EndObject()
{
    End(true, '}');
    return *this;
}

JsonWriter&
JsonWriter::BeginArray(Layout layout)
{
    Begin(false, layout, '[');
    return *this;
}

JsonWriter&
JsonWriter::EndArray()
{
    End(false, ']');
    return *this;
}

JsonWriter&
JsonWriter::String(const std::string& value)
{
    BeforeValue();
    m_os << JsonString(value);
    return *this;
}

JsonWriter&
JsonWriter::Number(double value)
{
    BeforeValue();
    m_os << (std::isfinite(value) ? Exact(value) : "null");
    return *this;
}

JsonWriter&
JsonWriter::Number(double value, int decimals)
{
    BeforeValue();
    m_os << (std::isfinite(value) ? Fixed(value, decimals) : "null");
    return *this;
}

JsonWriter&
JsonWriter::Integer(std::int64_t value)
{
    BeforeValue();
    m_os << value;
    return *this;
}

JsonWriter&
JsonWriter::Unsigned(std::uint64_t value)
{
    BeforeValue();
    m_os << value;
    return *this;
}

JsonWriter&
JsonWriter::Bool(bool value)
{
    BeforeValue();
    m_os << (value ? "true" : "false");
    return *this;
}

JsonWriter&
JsonWriter::Null()
{
    BeforeValue();
    m_os << "null";
    return *this;
}

bool
JsonWriter::Done() const
{
    return m_stack.empty() && m_topWritten;
}

} // namespace sagin
