#include "run-test-util.h"

#include <fstream>
#include <sstream>

namespace sagin::test
{

v1::RunResult
ReadResult(const std::string& runDir, const std::string& standard)
{
    std::ifstream in(runDir + "/" + standard + "/result.binpb", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    v1::RunResult r;
    r.ParseFromString(ss.str());
    return r;
}

std::vector<std::vector<std::string>>
ReadCsv(const std::string& path)
{
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
    {
        std::vector<std::string> f;
        std::istringstream ls(line);
        std::string x;
        while (std::getline(ls, x, ','))
        {
            f.push_back(x);
        }
        if (!line.empty() && line.back() == ',')
        {
            f.push_back("");
        }
        rows.push_back(f);
    }
    return rows;
}

} // namespace sagin::test
