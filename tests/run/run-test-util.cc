#include "run-test-util.h"

#include <cmath>

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

V
Ecef(double latDeg, double lonDeg, double h)
{
    const double e2 = kF * (2 - kF);
    const double p = latDeg * M_PI / 180;
    const double l = lonDeg * M_PI / 180;
    const double n = kA / std::sqrt(1 - e2 * std::sin(p) * std::sin(p));
    return {(n + h) * std::cos(p) * std::cos(l), (n + h) * std::cos(p) * std::sin(l), (n * (1 - e2) + h) * std::sin(p)};
}

double
Dist(V a, V b)
{
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

} // namespace sagin::test
