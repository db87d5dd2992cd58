// libFuzzer target: a scenario file through what `sagin run SCENARIO --standard STD` does before
// it builds anything heavy: the text-format loader (header, syntax, unknown fields) and the one
// validation pass (PrepareRuns: non-finite numbers, range checks, the world's nodes, traffic,
// the standard resolved against the scenario, the work limits). The standard is the shipped
// multilayer one, which uses every layer. InputError is the expected answer to bad input; any
// other exception, a crash, a hang or a leak is a bug.
#include "core/model/diagnostics.h"
#include "fuzz-util.h"
#include "run/model/run-spec.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = sagin::fuzz::PrivateDir() + "/scenario.txtpb";
    sagin::fuzz::WriteBytes(path, data, size);
    sagin::RunRequest request;
    request.scenarioPath = path;
    request.standardPaths
        = {sagin::fuzz::SourceDir() + "/scenarios/standards/sagin-multilayer.txtpb"};
    try
    {
        sagin::PrepareRuns(request);
    }
    catch (const sagin::InputError& e)
    {
        sagin::fuzz::Rejected(e.Lines());
    }
    return 0;
}
