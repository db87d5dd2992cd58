#include "run-test-util.h"

#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
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

v1::RunResult
RunTexts(const TempDir& dir,
         const std::string& sub,
         const std::string& scenario,
         const std::string& standard,
         const std::string& standardName)
{
    const auto sc = dir.Write(sub + "-scenario.txtpb", scenario);
    const auto st = dir.Write(sub + "-standard.txtpb", standard);
    const auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/" + sub});
    EXPECT_EQ(r.status, 0) << r.err;
    return ReadResult(dir.Path() + "/" + sub, standardName);
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

std::map<std::string, std::string>
CsvRow(const std::vector<std::string>& header, const std::vector<std::string>& row)
{
    std::map<std::string, std::string> m;
    for (size_t i = 0; i < header.size() && i < row.size(); ++i)
    {
        m[header[i]] = row[i];
    }
    return m;
}

std::string
GeoBentPipeScenario(const std::string& name, double duration_s, const std::string& flows)
{
    return "# proto-message: sagin.v1.Scenario\nname: \"" + name
           + "\"\nduration_s: " + std::to_string(duration_s) + R"(
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
ground_sites { name: "core" role: CORE position { lat_deg: 20 lon_deg: 5.01 } }
terrestrial { connect_to_nearest_core: true }
traffic { )"
           + flows + R"( }
coverage { region { lat_min_deg: 30 lat_max_deg: 40 lon_min_deg: 15 lon_max_deg: 25 } resolution_deg: 10 step_s: 60 }
)";
}

double
GeoBentPipeOneWay_s()
{
    const V sat{kA + 35786.03e3, 0, 0};
    return (Dist(Ecef(35, 20, 0), sat) + Dist(Ecef(20, 5, 0), sat)) / kC;
}

V
Ecef(double latDeg, double lonDeg, double h)
{
    const double e2 = kF * (2 - kF);
    const double p = latDeg * M_PI / 180;
    const double l = lonDeg * M_PI / 180;
    const double n = kA / std::sqrt(1 - e2 * std::sin(p) * std::sin(p));
    return {(n + h) * std::cos(p) * std::cos(l),
            (n + h) * std::cos(p) * std::sin(l),
            (n * (1 - e2) + h) * std::sin(p)};
}

double
Dist(V a, V b)
{
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
                     + (a.z - b.z) * (a.z - b.z));
}

} // namespace sagin::test
