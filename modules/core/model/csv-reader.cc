#include "core/model/csv-reader.h"

#include <sstream>

namespace sagin
{

namespace
{

bool
IsBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string
Where(int line, size_t column)
{
    return std::to_string(line) + ":" + std::to_string(column + 1) + ": ";
}

} // namespace

CsvReader::CsvReader(std::istream& in, CsvOptions options)
    : m_in(in)
    , m_options(options)
{
}

bool
CsvReader::Next(std::vector<std::string>& fields)
{
    std::string line;
    while (true)
    {
        if (!std::getline(m_in, line))
        {
            return false;
        }
        ++m_line;
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        const bool blank = line.find_first_not_of(" \t") == std::string::npos;
        if (blank || (m_options.comments && line[0] == '#'))
        {
            continue;
        }
        break;
    }
    m_recordLine = m_line;
    fields.clear();
    std::string field;
    size_t i = 0;
    while (true)
    {
        // One field starting at line[i].
        field.clear();
        size_t start = i;
        if (m_options.trim)
        {
            while (start < line.size() && IsBlank(line[start]))
            {
                ++start;
            }
        }
        if (start < line.size() && line[start] == '"')
        {
            const int openLine = m_line;
            const size_t openColumn = start;
            i = start + 1;
            while (true)
            {
                if (i >= line.size())
                {
                    // A line break inside the quotes: part of the field.
                    std::string more;
                    if (!std::getline(m_in, more))
                    {
                        throw CsvError(Where(openLine, openColumn) + "quoted field never closed");
                    }
                    ++m_line;
                    if (!more.empty() && more.back() == '\r')
                    {
                        more.pop_back();
                    }
                    field += '\n';
                    line = more;
                    i = 0;
                    continue;
                }
                if (line[i] == '"')
                {
                    if (i + 1 < line.size() && line[i + 1] == '"')
                    {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i; // the closing quote
                    break;
                }
                field += line[i++];
            }
            while (m_options.trim && i < line.size() && IsBlank(line[i]))
            {
                ++i;
            }
            if (i < line.size() && line[i] != ',')
            {
                throw CsvError(Where(m_line, i)
                               + "text after a closing quote (write \"\" for a quote)");
            }
        }
        else
        {
            i = line.find(',', start);
            if (i == std::string::npos)
            {
                i = line.size();
            }
            size_t end = i;
            if (m_options.trim)
            {
                while (end > start && IsBlank(line[end - 1]))
                {
                    --end;
                }
            }
            field.assign(line, start, end - start);
        }
        fields.push_back(field);
        if (i >= line.size())
        {
            return true;
        }
        ++i; // the comma
    }
}

std::vector<std::vector<std::string>>
ReadCsv(std::string_view text, CsvOptions options)
{
    std::istringstream in{std::string(text)};
    CsvReader reader(in, options);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    while (reader.Next(fields))
    {
        rows.push_back(fields);
    }
    return rows;
}

} // namespace sagin
