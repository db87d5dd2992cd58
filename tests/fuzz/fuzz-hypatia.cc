// libFuzzer target: the Hypatia importer (`sagin import hypatia DIR`). Its input is a folder of
// four files; one fuzz input holds them in order (tles.txt, isls.txt, ground_stations.txt,
// description.txt) separated by lines "%%" (tools/fuzz builds the seeds so). A file whose part is
// missing is absent from the folder. The imported scenario is then written as text, as the
// command does.
#include "core/model/diagnostics.h"
#include "fuzz-util.h"
#include "scenario/model/hypatia-import.h"

#include <cstdio>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const char* const kFiles[]
        = {"tles.txt", "isls.txt", "ground_stations.txt", "description.txt"};
    static const std::string kSeparator = "\n%%\n";
    const std::string& dir = sagin::fuzz::PrivateDir();
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::size_t begin = 0;
    for (const char* name : kFiles)
    {
        const std::string path = dir + "/" + name;
        if (begin > input.size())
        {
            std::remove(path.c_str());
            continue;
        }
        const std::size_t end = input.find(kSeparator, begin);
        const std::size_t stop = end == std::string::npos ? input.size() : end;
        sagin::fuzz::WriteText(path, input.substr(begin, stop - begin) + "\n");
        begin = end == std::string::npos ? input.size() + 1 : end + kSeparator.size();
    }
    try
    {
        const sagin::v1::Scenario scenario = sagin::ImportHypatiaFolder(dir);
        (void)sagin::HypatiaScenarioText(scenario, dir);
    }
    catch (const sagin::InputError& e)
    {
        sagin::fuzz::Rejected(e.Lines());
    }
    return 0;
}
