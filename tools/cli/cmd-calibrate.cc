// `sagin calibrate-38821`: the TR 38.821 section 6.1.1 downlink calibration (coupling loss,
// geometry SIR and SINR of spot beams) as a table beside the TR's values. Thin: the cases, the
// drops and the table are in modules/radio (calibration-38821.h).
#include "cli/commands.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "radio/model/calibration-38821.h"

#include <iostream>
#include <regex>

namespace sagin::cli
{

namespace
{

struct CalibrateOptions
{
    std::string out;
    std::string cases = ".*";
    std::uint64_t seed = 1;
    int terminalsPerBeam = 10;
};

void
Calibrate(const CalibrateOptions& o)
{
    std::regex re;
    try
    {
        re = std::regex(o.cases, std::regex::ECMAScript);
    }
    catch (const std::regex_error& e)
    {
        throw InputError("sagin calibrate-38821: error: --case: invalid regular expression '"
                         + o.cases + "'");
    }
    if (o.terminalsPerBeam < 1 || o.terminalsPerBeam > 10000)
    {
        throw InputError(
            "sagin calibrate-38821: error: --terminals-per-beam: must be in [1, 10000], got "
            + std::to_string(o.terminalsPerBeam));
    }
    std::vector<Tr38821Case> cases;
    for (const auto& c : Tr38821DownlinkCases())
    {
        if (std::regex_search(c.Id(), re))
        {
            cases.push_back(c);
        }
    }
    if (cases.empty())
    {
        throw InputError("sagin calibrate-38821: error: --case '" + o.cases + "' matches no case");
    }
    Tr38821Options options;
    options.seed = o.seed;
    options.terminalsPerBeam = o.terminalsPerBeam;
    std::vector<Tr38821CaseResult> results;
    Progress progress("calibrate-38821 cases", cases.size());
    for (const auto& c : cases)
    {
        results.push_back(RunTr38821Case(c, options));
        progress.Update(results.size());
    }
    progress.Finish();
    if (o.out.empty())
    {
        std::cout << FormatTr38821Text(results);
        return;
    }
    for (const auto& path : WriteTr38821Files(o.out, results))
    {
        if (Progress::Enabled())
        {
            std::cerr << "wrote " << path << "\n";
        }
    }
}

} // namespace

void
AddCalibrateCommand(CLI::App& app)
{
    auto o = std::make_shared<CalibrateOptions>();
    auto* cmd = app.add_subcommand(
        "calibrate-38821",
        "TR 38.821 downlink calibration: coupling loss, geometry SIR and SINR of spot beams");
    cmd->add_option("--out",
                    o->out,
                    "Folder for calibration-38821.{txt,csv,json,md} (default: text on stdout)");
    cmd->add_option("--case",
                    o->cases,
                    "Regular expression over case ids (set1-leo600-ka-fr3, ...); default all");
    cmd->add_option("--seed", o->seed, "Seed of the terminal drops (default 1)");
    cmd->add_option("--terminals-per-beam",
                    o->terminalsPerBeam,
                    "Terminals dropped per serving beam (default 10)");
    cmd->callback(
        [o]()
        {
            Calibrate(*o);
        });
}

} // namespace sagin::cli
