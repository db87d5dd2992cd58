#include "core/model/diagnostics.h"

#include <iostream>

namespace sagin
{

void
ErrorList::Add(std::string path, std::string message)
{
    m_errors.push_back({std::move(path), std::move(message)});
}

bool
ErrorList::Empty() const
{
    return m_errors.empty();
}

const std::vector<FieldError>&
ErrorList::Errors() const
{
    return m_errors;
}

std::vector<std::string>
ErrorList::Format(const std::string& file) const
{
    std::vector<std::string> lines;
    for (const auto& e : m_errors)
    {
        std::string line = file.empty() ? "error: " : file + ": error: ";
        line += e.path.empty() ? e.message : e.path + ": " + e.message;
        lines.push_back(line);
    }
    return lines;
}

static std::string
JoinLines(const std::vector<std::string>& lines)
{
    std::string all;
    for (const auto& l : lines)
    {
        if (!all.empty())
        {
            all += '\n';
        }
        all += l;
    }
    return all;
}

InputError::InputError(const std::string& line)
    : std::runtime_error(line),
      m_lines{line}
{
}

InputError::InputError(std::vector<std::string> lines)
    : std::runtime_error(JoinLines(lines)),
      m_lines(std::move(lines))
{
}

const std::vector<std::string>&
InputError::Lines() const
{
    return m_lines;
}

std::string
FieldMessage(const std::string& path, const std::string& message)
{
    return path + ": " + message;
}

void
Warn(const std::string& where, const std::string& message)
{
    std::cerr << where << ": warning: " << message << '\n';
}

} // namespace sagin
