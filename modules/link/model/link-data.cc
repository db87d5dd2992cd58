#include "link/model/link-data.h"

#include <stdexcept>

namespace sagin
{

namespace
{

std::string
Trim(std::string_view s)
{
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
    {
        ++b;
    }
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
    {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

} // namespace

std::vector<std::vector<std::string>>
ParseCsv(std::string_view text)
{
    if (text.empty())
    {
        throw std::runtime_error("embedded link data file is missing");
    }
    std::vector<std::vector<std::string>> rows;
    std::size_t pos = 0;
    while (pos < text.size())
    {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
        {
            end = text.size();
        }
        std::string line = Trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        std::vector<std::string> fields;
        std::size_t start = 0;
        while (true)
        {
            std::size_t comma = line.find(',', start);
            fields.push_back(Trim(std::string_view(line).substr(
                start, comma == std::string::npos ? std::string::npos : comma - start)));
            if (comma == std::string::npos)
            {
                break;
            }
            start = comma + 1;
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

} // namespace sagin
