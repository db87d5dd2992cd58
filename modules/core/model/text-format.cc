#include "core/model/text-format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sagin
{

std::string
Fixed(double value, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    if (buf[0] == '-')
    {
        bool allZero = true;
        for (const char* p = buf + 1; *p; ++p)
        {
            if (*p != '0' && *p != '.')
            {
                allZero = false;
                break;
            }
        }
        if (allZero)
        {
            return std::string(buf + 1);
        }
    }
    return buf;
}

std::string
Exact(double value)
{
    char buf[64];
    for (int precision = 15; precision <= 17; ++precision)
    {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::strtod(buf, nullptr) == value)
        {
            break;
        }
    }
    return buf;
}

std::string
JsonString(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20)
            {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            }
            else
            {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
    return out;
}

std::string
CsvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
    {
        return s;
    }
    std::string out = "\"";
    for (char c : s)
    {
        if (c == '"')
        {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

} // namespace sagin
