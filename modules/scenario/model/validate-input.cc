#include "scenario/model/validate-input.h"

#include "core/model/diagnostics.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/validate-standard.h"

#include <algorithm>
#include "scenario/model/world.h"

namespace sagin
{

std::vector<std::string>
ValidateInput(const TextInput& input, std::string* summary)
{
    const std::string& type = input.typeName;
    if (type == v1::Scenario::descriptor()->full_name())
    {
        // Range checks, the checks that need the nodes, and the traffic, all at once.
        ErrorList errors;
        const World world = ResolveWorld(static_cast<const v1::Scenario&>(*input.message), input.directory, errors);
        PlanTraffic(world, std::max(world.Scenario().duration_s(), 1.0), errors);
        if (!errors.Empty())
        {
            return errors.Format(input.path);
        }
        if (summary)
        {
            *summary = type + ", " + std::to_string(world.Nodes().size()) + " nodes";
        }
        return {};
    }
    if (type == v1::Standard::descriptor()->full_name())
    {
        ErrorList errors = ValidateStandard(static_cast<const v1::Standard&>(*input.message));
        if (summary)
        {
            *summary = type;
        }
        return errors.Format(input.path);
    }
    if (summary)
    {
        *summary = type;
    }
    return {};
}

} // namespace sagin
