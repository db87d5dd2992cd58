// libFuzzer target: a standard file through what `sagin run --standard STD` does with it: the
// loader (LoadStandard: syntax, header, name) and the validation pass against a small fixed
// scenario (tests/fuzz/fixed-world.txtpb): the standard's own checks, its resolution against the
// scenario's nodes (link models, shells, ranges) and the work estimate of the run.
#include "core/model/diagnostics.h"
#include "fuzz-util.h"
#include "run/model/run-spec.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = sagin::fuzz::PrivateDir() + "/standard.txtpb";
    sagin::fuzz::WriteBytes(path, data, size);
    sagin::RunRequest request;
    request.scenarioPath = sagin::fuzz::SourceDir() + "/tests/fuzz/fixed-world.txtpb";
    request.standardPaths = {path};
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
