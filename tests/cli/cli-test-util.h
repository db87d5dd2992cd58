// Runs the built `sagin` binary ($SAGIN_BIN) and captures its exit status, stdout and stderr.
#ifndef SAGIN_TESTS_CLI_TEST_UTIL_H
#define SAGIN_TESTS_CLI_TEST_UTIL_H

#include <string>
#include <vector>

namespace sagin::test
{

struct CommandResult
{
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs `sagin <args>` (arguments are shell-quoted here).
CommandResult RunSagin(const std::vector<std::string>& args);
/// The same without the leading `--quiet`.
CommandResult RunSaginVerbose(const std::vector<std::string>& args);
/// The built binary.
std::string SaginBinary();

/// The same program with the test hooks installed from the environment (`sagin-hooked`, next to
/// `sagin`): SAGIN_TEST_STOP_BEFORE_COMMIT, SAGIN_STUDY_FAULT_TASKS (tests/common/hooked-init.cc).
std::string HookedSaginBinary();

/// The repository's source folder (for shipped scenarios).
std::string SourceDir();

/// The bytes of a file ("" when it cannot be read).
std::string Slurp(const std::string& path);

/// Splits text into lines (without the line ends).
std::vector<std::string> Lines(const std::string& text);

} // namespace sagin::test

#endif
