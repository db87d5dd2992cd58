// The one JSON writer of the product: every JSON file or report sagin writes goes through it, so
// strings are escaped the same way everywhere and a non-finite number is always written as null
// (JSON has no NaN or infinity; a number with no data behind it is null).
#ifndef SAGIN_CORE_JSON_WRITER_H
#define SAGIN_CORE_JSON_WRITER_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace sagin
{

/// Streams one JSON value to an std::ostream (an std::ostringstream for a string). Containers
/// choose how they are laid out; the separators follow from the layout, so callers only name
/// keys and values. Misuse (a value where a key is due, an unbalanced End) throws
/// std::logic_error.
class JsonWriter
{
  public:
    enum class Layout
    {
        Compact, ///< {"a":1,"b":[1,2]}
        Inline,  ///< {"a": 1, "b": [1, 2]}
        Lines,   ///< one member per line, indented two spaces per enclosing Lines container
        Rows,    ///< one element per line, not indented (streams of records: CZML packets)
    };

    explicit JsonWriter(std::ostream& os);

    JsonWriter& BeginObject(Layout layout = Layout::Compact);
    JsonWriter& EndObject();
    JsonWriter& BeginArray(Layout layout = Layout::Compact);
    JsonWriter& EndArray();

    /// The key of the next member of the enclosing object.
    JsonWriter& Key(const std::string& key);

    JsonWriter& String(const std::string& value);
    /// Shortest round-trip form (Exact in text-format.h); null when not finite.
    JsonWriter& Number(double value);
    /// `decimals` digits after the point (Fixed in text-format.h); null when not finite.
    JsonWriter& Number(double value, int decimals);
    JsonWriter& Integer(std::int64_t value);
    JsonWriter& Unsigned(std::uint64_t value);
    JsonWriter& Bool(bool value);
    JsonWriter& Null();

    /// True when every container begun has been ended.
    bool Done() const;

  private:
    struct Frame
    {
        bool object;
        Layout layout;
        bool empty = true;
        bool keyPending = false;
    };

    void BeforeValue();
    void Begin(bool object, Layout layout, char open);
    void End(bool object, char close);
    void Indent(int levels);
    int LinesDepth() const;

    std::ostream& m_os;
    std::vector<Frame> m_stack;
    bool m_topWritten = false;
};

} // namespace sagin

#endif
