// `sagin`: the command users and scripts run. See README.md for every subcommand.
#include "cli/commands.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace sagin::cli
{

struct OutputTarget::Impl
{
    std::unique_ptr<AtomicFile> file;
};

OutputTarget::OutputTarget(const std::string& path)
    : m_impl(new Impl)
{
    if (!path.empty() && path != "-")
    {
        try
        {
            m_impl->file = std::make_unique<AtomicFile>(path); // removes stale temporaries first
        }
        catch (const std::exception& e)
        {
            delete m_impl;
            throw InputError(std::string("error: ") + e.what());
        }
    }
}

OutputTarget::~OutputTarget()
{
    delete m_impl;
}

std::ostream&
OutputTarget::Stream()
{
    return m_impl->file ? m_impl->file->Stream() : std::cout;
}

void
OutputTarget::Commit()
{
    if (m_impl->file)
    {
        m_impl->file->Commit();
    }
    else
    {
        std::cout.flush();
    }
}

} // namespace sagin::cli

int
main(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    // A stopped command (Ctrl-C, kill) leaves no temporary file or folder behind.
    sagin::InstallTemporaryCleanup();
    CLI::App app{"sagin-sim: space-air-ground integrated network simulator (ns-3)", "sagin"};
    app.require_subcommand(1);
    app.set_version_flag("--version", SAGIN_VERSION);
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "No progress lines on stderr (before or after the command)");
    // Options a command does not know fall through to the app: `sagin run X --quiet` works as
    // `sagin --quiet run X`.
    app.fallthrough();
    app.parse_complete_callback(
        [&]()
        {
            sagin::Progress::SetEnabled(!quiet);
        });

    sagin::cli::AddValidateCommand(app);
    sagin::cli::AddEphemerisCommand(app);
    sagin::cli::AddLinkbudgetCommand(app);
    sagin::cli::AddPathsCommand(app);
    sagin::cli::AddNodesCommand(app);
    sagin::cli::AddImportCommand(app);
    sagin::cli::AddRunCommand(app);
    sagin::cli::AddCoverageCommand(app);
    sagin::cli::AddSweepCommand(app);
    sagin::cli::AddCompareCommand(app);
    sagin::cli::AddCalibrateCommand(app);
    sagin::cli::AddViewCommand(app);

    // No command takes a NaN or an infinity for a number: one check on every floating-point
    // option of every command (the commands' own range checks come after). `run` reports its
    // --duration together with the rest of its validation pass instead.
    const CLI::Validator finite(
        [](std::string& text) -> std::string
        {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            return end != text.c_str() && !std::isfinite(v) ? "must be a finite number, got " + text
                                                            : "";
        },
        "FINITE");
    for (auto* sub : app.get_subcommands({}))
    {
        if (sub->get_name() == "run")
        {
            continue;
        }
        for (auto* opt : sub->get_options())
        {
            // "FLOAT", or "FLOAT:<check>" once a flag check (flag-checks.h) is attached.
            if (opt->get_type_name().rfind("FLOAT", 0) == 0)
            {
                opt->check(finite);
            }
        }
    }

    // The command is the first argument that is not an option of the app itself.
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (!arg.empty() && arg[0] == '-')
        {
            continue;
        }
        std::string names;
        bool known = false;
        for (const auto* sub : app.get_subcommands({}))
        {
            names += (names.empty() ? "" : ", ") + sub->get_name();
            known |= sub->check_name(arg);
        }
        if (!known)
        {
            std::cerr << "sagin: error: unknown command '" << arg << "' (commands: " << names
                      << ")\n";
            std::cerr << "Run 'sagin --help' for usage.\n";
            return sagin::kExitBadInput;
        }
        break;
    }
    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::CallForHelp& e)
    {
        return app.exit(e);
    }
    catch (const CLI::CallForAllHelp& e)
    {
        return app.exit(e);
    }
    catch (const CLI::CallForVersion& e)
    {
        return app.exit(e);
    }
    catch (const CLI::ParseError& e)
    {
        std::cerr << "sagin: error: " << e.what() << "\n";
        std::cerr << "Run 'sagin --help' or 'sagin <command> --help' for usage.\n";
        return sagin::kExitBadInput;
    }
    catch (const sagin::InputError& e)
    {
        for (const auto& line : e.Lines())
        {
            std::cerr << line << "\n";
        }
        return sagin::kExitBadInput;
    }
    catch (const std::exception& e)
    {
        std::cerr << "sagin: error: " << e.what() << "\n";
        return sagin::kExitFailure;
    }
    return sagin::kExitOk;
}
