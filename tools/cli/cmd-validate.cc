// `sagin validate FILE...`: parse and check any sagin.v1 input files; exit 0, or 2 with every
// error of every file.
#include "cli/commands.h"
#include "core/model/diagnostics.h"
#include "run/model/work-estimate.h"
#include "scenario/model/validate-input.h"
#include "study/model/study-plan.h"

#include <iostream>

namespace sagin::cli
{

void
AddValidateCommand(CLI::App& app)
{
    auto files = std::make_shared<std::vector<std::string>>();
    auto force = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand(
        "validate",
        "Parse and check input files (scenario, standard, study); the type comes from each "
        "file's '# proto-message:' header. Prints every error; exit status 2 if any.");
    cmd->add_option("FILE", *files, "Input files (.txtpb)")->required();
    cmd->add_flag("--force",
                  *force,
                  "Check a scenario whose world is above the node limit anyway (builds it)");
    cmd->callback(
        [files, force]()
        {
            std::vector<std::string> all;
            for (const auto& f : *files)
            {
                try
                {
                    TextInput in = LoadTextInput(f);
                    std::string summary;
                    std::vector<std::string> errors;
                    if (in.typeName == "sagin.v1.Study")
                    {
                        // A study is checked as `sagin sweep --dry-run` does: every axis value
                        // applied.
                        StudyPlan plan(f);
                        summary = in.typeName + ", " + std::to_string(plan.Runs().size()) + " runs";
                    }
                    else if (!*force && in.typeName == v1::Scenario::descriptor()->full_name()
                             && EstimateScenarioNodes(static_cast<const v1::Scenario&>(*in.message))
                                    .Exceeds())
                    {
                        // Too large to build: refused from the file, as every command does.
                        errors.push_back(
                            f + ": error: "
                            + EstimateScenarioNodes(static_cast<const v1::Scenario&>(*in.message))
                                  .Message());
                    }
                    else
                    {
                        errors = ValidateInput(in, &summary);
                    }
                    if (errors.empty())
                    {
                        std::cout << f << ": ok (" << summary << ")\n";
                    }
                    all.insert(all.end(), errors.begin(), errors.end());
                }
                catch (const InputError& e)
                {
                    all.insert(all.end(), e.Lines().begin(), e.Lines().end());
                }
            }
            if (!all.empty())
            {
                throw InputError(all);
            }
        });
}

} // namespace sagin::cli
