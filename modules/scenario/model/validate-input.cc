#include "scenario/model/validate-input.h"

#include "core/model/diagnostics.h"
#include "scenario/model/compute-plan.h"
#include "scenario/model/traffic-plan.h"
#include "scenario/model/validate-standard.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <cmath>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <sstream>

namespace sagin
{

namespace
{

std::string
NonFiniteText(double v)
{
    return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
}

void
WalkNonFinite(google::protobuf::Message& message,
              const std::string& prefix,
              bool reset,
              ErrorList& errors)
{
    using google::protobuf::FieldDescriptor;
    const auto* reflection = message.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    reflection->ListFields(message, &fields); // set fields only, in field-number order
    for (const auto* f : fields)
    {
        const std::string path = prefix + (prefix.empty() ? "" : ".") + f->name();
        const bool isDouble = f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE;
        const bool isFloat = f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT;
        const bool isMessage = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
        if (!isDouble && !isFloat && !isMessage)
        {
            continue;
        }
        const int count = f->is_repeated() ? reflection->FieldSize(message, f) : 1;
        for (int i = 0; i < count; ++i)
        {
            const std::string at = f->is_repeated() ? path + "[" + std::to_string(i) + "]" : path;
            if (isMessage)
            {
                WalkNonFinite(f->is_repeated() ? *reflection->MutableRepeatedMessage(&message, f, i)
                                               : *reflection->MutableMessage(&message, f),
                              at,
                              reset,
                              errors);
                continue;
            }
            const double v = isDouble
                                 ? (f->is_repeated() ? reflection->GetRepeatedDouble(message, f, i)
                                                     : reflection->GetDouble(message, f))
                                 : (f->is_repeated() ? reflection->GetRepeatedFloat(message, f, i)
                                                     : reflection->GetFloat(message, f));
            if (std::isfinite(v))
            {
                continue;
            }
            errors.Add(at, "must be a finite number, got " + NonFiniteText(v));
            if (!reset)
            {
                continue;
            }
            if (isDouble && f->is_repeated())
            {
                reflection->SetRepeatedDouble(&message, f, i, 0.0);
            }
            else if (isDouble)
            {
                reflection->SetDouble(&message, f, 0.0);
            }
            else if (f->is_repeated())
            {
                reflection->SetRepeatedFloat(&message, f, i, 0.0F);
            }
            else
            {
                reflection->SetFloat(&message, f, 0.0F);
            }
        }
    }
}

} // namespace

ErrorList
NonFiniteFields(google::protobuf::Message& message, bool reset)
{
    ErrorList errors;
    WalkNonFinite(message, "", reset, errors);
    return errors;
}

ErrorList
MergeErrors(ErrorList first, const ErrorList& more)
{
    ErrorList kept = first;
    for (const auto& e : more.Errors())
    {
        bool under = false;
        for (const auto& r : first.Errors())
        {
            under |= e.path.compare(0, r.path.size(), r.path) == 0
                     && (e.path.size() == r.path.size() || e.path[r.path.size()] == '.'
                         || e.path[r.path.size()] == '[');
        }
        if (!under)
        {
            kept.Add(e.path, e.message);
        }
    }
    return kept;
}

std::vector<std::string>
ValidateInput(const TextInput& input, std::string* summary)
{
    const std::string& type = input.typeName;
    if (type == v1::Scenario::descriptor()->full_name())
    {
        // Range checks, the checks that need the nodes, and the traffic, all at once.
        // Non-finite numbers first (reset to 0 in a copy, so the range checks see none).
        v1::Scenario scenario = static_cast<const v1::Scenario&>(*input.message);
        const ErrorList nonFinite = NonFiniteFields(scenario, true);
        ErrorList checks;
        const World world = ResolveWorld(scenario, input.directory, checks);
        PlanTraffic(world, std::max(world.Scenario().duration_s(), 1.0), checks);
        PlanCompute(world, std::max(world.Scenario().duration_s(), 1.0), checks);
        const ErrorList errors = MergeErrors(nonFinite, checks);
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
        v1::Standard standard = static_cast<const v1::Standard&>(*input.message);
        const ErrorList nonFinite = NonFiniteFields(standard, true);
        const ErrorList errors = MergeErrors(nonFinite, ValidateStandard(standard));
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
    std::unique_ptr<google::protobuf::Message> copy(input.message->New());
    copy->CopyFrom(*input.message);
    return NonFiniteFields(*copy, false).Format(input.path);
}

} // namespace sagin
