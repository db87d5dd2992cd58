// libFuzzer target: a study file through what `sagin sweep STUDY --task 0` does before its run:
// the loader and the study's own checks (StudyPlan: paths, axes, seeds, kinds, the run count
// against its limit), the expansion, and the validation pass of task 0 (the scenario and
// standards the study names, with the axis values applied). Preparing every run of a large
// study would take the fuzzer's time without reaching new code, so only task 0 is prepared.
//
// The study is written to <private dir>/scenarios/studies/fuzz.txtpb, next to links to the
// shipped scenarios and standards, so that the shipped studies' relative paths
// ("../quickstart.txtpb", "../standards/...") resolve.
#include "core/model/diagnostics.h"
#include "fuzz-util.h"
#include "study/model/study-plan.h"

#include <filesystem>

namespace
{

std::string
StudyPath()
{
    namespace fs = std::filesystem;
    const fs::path root = fs::path(sagin::fuzz::PrivateDir()) / "scenarios";
    fs::create_directories(root / "studies");
    for (const auto& entry :
         fs::directory_iterator(fs::path(sagin::fuzz::SourceDir()) / "scenarios"))
    {
        if (entry.path().filename() != "studies")
        {
            fs::create_symlink(entry.path(), root / entry.path().filename());
        }
    }
    return (root / "studies" / "fuzz.txtpb").string();
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = StudyPath();
    sagin::fuzz::WriteBytes(path, data, size);
    try
    {
        sagin::StudyPlan plan(path, 0);
    }
    catch (const sagin::InputError& e)
    {
        sagin::fuzz::Rejected(e.Lines());
    }
    return 0;
}
