// Errors the user can act on. Bad input ends a command with exit status 2 and every message
// printed; nothing else should make the program stop without a message.
#ifndef SAGIN_CORE_DIAGNOSTICS_H
#define SAGIN_CORE_DIAGNOSTICS_H

#include <stdexcept>
#include <string>
#include <vector>

namespace sagin
{

/// Exit statuses of the `sagin` command.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  ///< the run failed for a reason other than its input
constexpr int kExitBadInput = 2; ///< bad flags, unreadable or invalid input files

/// One semantic error: the offending field path (`shells[1].walker.planes`) and what is wrong.
struct FieldError
{
    std::string path;
    std::string message;
};

/// Collects every semantic error of one input before reporting them together.
class ErrorList
{
  public:
    void Add(std::string path, std::string message);
    bool Empty() const;
    const std::vector<FieldError>& Errors() const;
    /// Lines `<file>: error: <path>: <message>` (or without the file prefix when file is empty).
    std::vector<std::string> Format(const std::string& file) const;

  private:
    std::vector<FieldError> m_errors;
};

/// Thrown for bad user input (exit status 2). Holds one or more fully formatted lines.
class InputError : public std::runtime_error
{
  public:
    explicit InputError(const std::string& line);
    explicit InputError(std::vector<std::string> lines);
    const std::vector<std::string>& Lines() const;

  private:
    std::vector<std::string> m_lines;
};

/// Builds "<path>: <message>" field errors in one expression.
std::string FieldMessage(const std::string& path, const std::string& message);

/// Warnings go to stderr as `<where>: warning: <message>` and never stop a run.
void Warn(const std::string& where, const std::string& message);

} // namespace sagin

#endif
