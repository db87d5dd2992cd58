// `sagin import hypatia DIR --out FILE`: turn a Hypatia satellite-network-state folder into a
// scenario (TLEs inline, the ISL list exactly as given, Hypatia's range limits, ground stations).
#include "cli/commands.h"
#include "core/model/diagnostics.h"
#include "scenario/model/hypatia-import.h"

namespace sagin::cli
{

void
AddImportCommand(CLI::App& app)
{
    auto format = std::make_shared<std::string>();
    auto dir = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "import", "Turn another tool's constellation description into a scenario.");
    cmd->add_option("FORMAT", *format, "Source format: hypatia")->required();
    cmd->add_option("DIR",
                    *dir,
                    "Hypatia satellite-network-state folder (tles.txt, isls.txt, "
                    "ground_stations.txt, description.txt)")
        ->required();
    cmd->add_option("--out", *out, "Scenario file to write (default: stdout)");
    cmd->callback(
        [format, dir, out]()
        {
            if (*format != "hypatia")
            {
                throw InputError("sagin import: error: unknown format '" + *format
                                 + "' (supported: hypatia)");
            }
            const v1::Scenario scenario = ImportHypatiaFolder(*dir); // every error at once
            OutputTarget target(*out);
            target.Stream() << HypatiaScenarioText(scenario, *dir);
            target.Commit();
        });
}

} // namespace sagin::cli
