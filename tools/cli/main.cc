// `sagin`: the command users and scripts run. See README.md for every subcommand.
#include "cli/commands.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"

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
            m_impl->file = std::make_unique<AtomicFile>(path);
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
    CLI::App app{"sagin-sim: space-air-ground integrated network simulator (ns-3)", "sagin"};
    app.require_subcommand(1);
    app.set_version_flag("--version", SAGIN_VERSION);
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "No progress lines on stderr");
    app.parse_complete_callback([&]() { sagin::Progress::SetEnabled(!quiet); });

    sagin::cli::AddValidateCommand(app);
    sagin::cli::AddEphemerisCommand(app);
    sagin::cli::AddLinkbudgetCommand(app);
    sagin::cli::AddPathsCommand(app);
    sagin::cli::AddImportCommand(app);
    sagin::cli::AddRunCommand(app);
    sagin::cli::AddCoverageCommand(app);
    sagin::cli::AddSweepCommand(app);
    sagin::cli::AddCompareCommand(app);

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
