// The subcommands of `sagin`. Each Add*Command registers its flags on the app and a callback
// that runs it. A callback reports bad input by throwing sagin::InputError (exit status 2) and
// other failures by throwing std::exception (exit status 1); main() prints the message.
#ifndef SAGIN_TOOLS_CLI_COMMANDS_H
#define SAGIN_TOOLS_CLI_COMMANDS_H

#include <CLI/CLI.hpp>

namespace sagin::cli
{

void AddValidateCommand(CLI::App& app);
void AddEphemerisCommand(CLI::App& app);
void AddLinkbudgetCommand(CLI::App& app);
void AddPathsCommand(CLI::App& app);
void AddNodesCommand(CLI::App& app);
void AddImportCommand(CLI::App& app);
void AddRunCommand(CLI::App& app);
void AddCoverageCommand(CLI::App& app);
void AddSweepCommand(CLI::App& app);
void AddCompareCommand(CLI::App& app);
void AddCalibrateCommand(CLI::App& app);
void AddViewCommand(CLI::App& app);

/// Where a command writes its main output: stdout, or a file written atomically.
class OutputTarget
{
  public:
    explicit OutputTarget(const std::string& path);
    ~OutputTarget();
    std::ostream& Stream();
    /// Makes the file appear (no effect for stdout).
    void Commit();

  private:
    struct Impl;
    Impl* m_impl;
};

} // namespace sagin::cli

#endif
