// CLI11 validators for the commands' flags, in the project's message style, that never stop the
// parse: a failed check is recorded in the command's FlagErrors and reported together with the
// command's other input errors (every error at once, exit status 2), as
// "sagin <command>: error: <flag> must be ..., got <value>". CLI11 shows each check's
// description in --help.
#ifndef SAGIN_TOOLS_CLI_FLAG_CHECKS_H
#define SAGIN_TOOLS_CLI_FLAG_CHECKS_H

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace sagin::cli
{

/// A number in [lo, hi].
CLI::Validator InRange(double lo, double hi);
/// A number > lo.
CLI::Validator Above(double lo);
/// A number >= lo.
CLI::Validator AtLeast(double lo);
/// One of the words.
CLI::Validator OneOf(const std::vector<std::string>& words);

/// The flag errors of one command. Shared by the command's option checks and its callback.
class FlagErrors
{
  public:
    /// `command`: the message prefix, e.g. "sagin coverage".
    explicit FlagErrors(std::string command);

    /// Adds `check` to `option`: when it fails, its message is recorded (not thrown).
    CLI::Option* Check(CLI::Option* option, const CLI::Validator& check);
    /// Records a check the callback makes itself (flags that depend on each other).
    void Add(const std::string& message);

    /// "sagin <command>: error: <message>" lines, in the order found.
    const std::vector<std::string>& Errors() const
    {
        return *m_errors;
    }

  private:
    std::string m_command;
    std::shared_ptr<std::vector<std::string>> m_errors;
};

} // namespace sagin::cli

#endif
