#include "cli/flag-checks.h"

#include "core/model/text-format.h" // Exact

#include <cerrno>
#include <cstdlib>

namespace sagin::cli
{

namespace
{

/// The number in `text`, or false when it is not one (CLI11's own conversion reports that).
bool
Parse(const std::string& text, double& v)
{
    char* end = nullptr;
    errno = 0;
    v = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0';
}

CLI::Validator
NumberCheck(const std::string& description,
            bool (*ok)(double, double, double),
            double lo,
            double hi)
{
    return CLI::Validator(
        [=](std::string& text) -> std::string
        {
            double v = 0.0;
            if (!Parse(text, v) || ok(v, lo, hi))
            {
                return "";
            }
            return "must be " + description + ", got " + text;
        },
        description);
}

} // namespace

CLI::Validator
InRange(double lo, double hi)
{
    return NumberCheck(
        "in [" + Exact(lo) + ", " + Exact(hi) + "]",
        [](double v, double a, double b)
        {
            return v >= a && v <= b;
        },
        lo,
        hi);
}

CLI::Validator
Above(double lo)
{
    return NumberCheck(
        "> " + Exact(lo),
        [](double v, double a, double)
        {
            return v > a;
        },
        lo,
        0.0);
}

CLI::Validator
AtLeast(double lo)
{
    return NumberCheck(
        ">= " + Exact(lo),
        [](double v, double a, double)
        {
            return v >= a;
        },
        lo,
        0.0);
}

CLI::Validator
OneOf(const std::vector<std::string>& words)
{
    std::string list;
    for (size_t i = 0; i < words.size(); ++i)
    {
        list += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
    }
    return CLI::Validator(
        [words, list](std::string& text) -> std::string
        {
            for (const auto& w : words)
            {
                if (text == w)
                {
                    return "";
                }
            }
            return "must be " + list + ", got '" + text + "'";
        },
        list);
}

FlagErrors::FlagErrors(std::string command)
    : m_command(std::move(command))
    , m_errors(std::make_shared<std::vector<std::string>>())
{
}

CLI::Option*
FlagErrors::Check(CLI::Option* option, const CLI::Validator& check)
{
    const std::string prefix = m_command + ": error: " + option->get_name() + " ";
    auto errors = m_errors;
    CLI::Validator recorded(
        [check, prefix, errors](std::string& text) -> std::string
        {
            std::string copy = text;
            const std::string why = check(copy);
            if (!why.empty())
            {
                errors->push_back(prefix + why);
            }
            return ""; // never stops the parse: reported with the command's other errors
        },
        check.get_description());
    return option->check(recorded);
}

void
FlagErrors::Add(const std::string& message)
{
    m_errors->push_back(m_command + ": error: " + message);
}

} // namespace sagin::cli
