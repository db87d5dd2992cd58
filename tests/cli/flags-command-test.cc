// Command-line conventions: --quiet anywhere, unknown commands named, --set on paths and
// coverage as on run (standard.*.<path> included), and `sagin nodes`.
#include "../common/temp-dir.h"
#include "cli-test-util.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace sagin::test;

namespace
{

std::string
Quickstart()
{
    return SourceDir() + "/scenarios/quickstart.txtpb";
}

std::string
Standard(const std::string& name)
{
    return SourceDir() + "/scenarios/standards/" + name + ".txtpb";
}

std::vector<std::string>
Split(const std::string& line, char sep)
{
    std::vector<std::string> f;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, sep))
    {
        f.push_back(cell);
    }
    if (!line.empty() && line.back() == sep)
    {
        f.emplace_back();
    }
    return f;
}

} // namespace

TEST(Flags, UnknownCommandIsNamedWithTheCommands)
{
    auto r = RunSagin({"rn", Quickstart()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(
        r.err.find(
            "sagin: error: unknown command 'rn' (commands: validate, ephemeris, linkbudget, paths, "
            "nodes, import, run, coverage, sweep, compare, calibrate-38821, view)"),
        std::string::npos)
        << r.err;
}

TEST(Flags, ViewReportsEveryFlagErrorAtOnce)
{
    auto r = RunSagin({"view",
                       Quickstart(),
                       "--step",
                       "-1",
                       "--port",
                       "70000",
                       "--duration",
                       "-5",
                       "--results",
                       "/nonexistent-results"});
    EXPECT_EQ(r.status, 2);
    for (const char* m : {"sagin view: error: --step must be > 0, got -1",
                          "sagin view: error: --port must be in 0..65535, got 70000",
                          "sagin view: error: --duration must be >= 0, got -5",
                          "sagin view: error: --results: /nonexistent-results is not a folder"})
    {
        EXPECT_NE(r.err.find(m), std::string::npos) << m << "\n" << r.err;
    }
}

TEST(Flags, QuietBeforeOrAfterTheCommand)
{
    // Enough steps for a progress line (printed after 0.5 s of work).
    const std::vector<std::string> paths = {"paths",
                                            Quickstart(),
                                            "--standard",
                                            Standard("geo-transparent"),
                                            "--from",
                                            "ut-madrid",
                                            "--to",
                                            "ut-lisbon",
                                            "--duration",
                                            "40000",
                                            "--step",
                                            "1"};
    auto loud = RunSaginVerbose(paths);
    ASSERT_EQ(loud.status, 0) << loud.err;
    EXPECT_NE(loud.err.find("paths"), std::string::npos) << "no progress line without --quiet";
    auto after = paths;
    after.push_back("--quiet");
    auto quietAfter = RunSaginVerbose(after);
    EXPECT_EQ(quietAfter.status, 0) << quietAfter.err;
    EXPECT_EQ(quietAfter.err, "");
    EXPECT_EQ(quietAfter.out, loud.out);
    auto before = paths;
    before.insert(before.begin(), "-q");
    auto quietBefore = RunSaginVerbose(before);
    EXPECT_EQ(quietBefore.status, 0);
    EXPECT_EQ(quietBefore.err, "");
}

TEST(Flags, SetWorksForPathsAndEveryStandard)
{
    // geo-transparent has sat_ms 0.01. Raising it by 10 ms adds exactly 10 ms per satellite
    // forwarding the packet: one_way_ms(after) - one_way_ms(before) = 10 x (number of "geo-0"
    // in the path). The single GEO satellite makes the route the same both times.
    const std::vector<std::string> base = {"paths",
                                           Quickstart(),
                                           "--standard",
                                           Standard("geo-transparent"),
                                           "--from",
                                           "ut-madrid",
                                           "--to",
                                           "ut-lisbon",
                                           "--duration",
                                           "3",
                                           "--step",
                                           "1"};
    auto before = RunSagin(base);
    ASSERT_EQ(before.status, 0) << before.err;
    for (const char* set :
         {"standard.geo-transparent.processing.sat_ms=10.01", "standard.*.processing.sat_ms=10.01"})
    {
        auto args = base;
        args.push_back("--set");
        args.push_back(set);
        auto after = RunSagin(args);
        ASSERT_EQ(after.status, 0) << after.err;
        auto a = Lines(before.out);
        auto b = Lines(after.out);
        ASSERT_EQ(a.size(), 5u); // header + t = 0, 1, 2, 3
        ASSERT_EQ(a.size(), b.size());
        int reachable = 0;
        for (size_t i = 1; i < a.size(); ++i)
        {
            auto fa = Split(a[i], ',');
            auto fb = Split(b[i], ',');
            ASSERT_EQ(fa.size(), 7u) << a[i];
            EXPECT_EQ(fa[6], fb[6]) << "same path";
            if (fa[3].empty())
            {
                continue;
            }
            ++reachable;
            int sats = 0;
            for (const auto& node : Split(fa[6], '>'))
            {
                sats += node == "geo-0";
            }
            EXPECT_GE(sats, 1);
            EXPECT_NEAR(std::stod(fb[4]) - std::stod(fa[4]), 10.0 * sats, 1e-5) << set << "\n"
                                                                                << a[i] << "\n"
                                                                                << b[i];
        }
        EXPECT_GT(reachable, 0);
    }
    // An override is checked like a file: a bad value is an input error.
    auto args = base;
    args.insert(args.end(), {"--set", "standard.*.visibility.space_deg=95"});
    auto bad = RunSagin(args);
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("visibility.space_deg: must be in [0, 90), got 95"), std::string::npos)
        << bad.err;
}

TEST(Flags, StarSetsEveryStandardOfARun)
{
    TempDir dir;
    auto r = RunSagin({"run",
                       Quickstart(),
                       "--standard",
                       Standard("geo-transparent"),
                       "--standard",
                       Standard("ntn-transparent-leo"),
                       "--out",
                       dir.Path() + "/out",
                       "--set",
                       "standard.*.visibility.space_deg=95"});
    EXPECT_EQ(r.status, 2);
    for (const char* name : {"geo-transparent.txtpb: error: visibility.space_deg",
                             "ntn-transparent-leo.txtpb: error: visibility.space_deg"})
    {
        EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
    }
}

TEST(Flags, SetWorksForCoverage)
{
    TempDir dir;
    const std::string out = dir.Path() + "/cov";
    auto r = RunSagin({"coverage",
                       Quickstart(),
                       "--standard",
                       Standard("geo-transparent"),
                       "--grid-deg",
                       "30",
                       "--duration",
                       "0",
                       "--no-maps",
                       "--no-sites",
                       "--out",
                       out,
                       "--set",
                       "scenario.name=renamed"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream in(out + "/geo-transparent/summary.json");
    std::stringstream json;
    json << in.rdbuf();
    EXPECT_NE(json.str().find("\"scenario\": \"renamed\""), std::string::npos)
        << json.str().substr(0, 400);
    EXPECT_NE(json.str().find("scenario.name=renamed"), std::string::npos)
        << "in provenance.overrides";
}

TEST(Flags, NodesListsNamesRolesAndPositions)
{
    auto r = RunSagin({"nodes", Quickstart(), "--standard", Standard("geo-transparent")});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0], "name,role,layer,group,plane,slot,lat_deg,lon_deg,alt_m,used");
    int leo = 0;
    int leoUsed = 0;
    bool gw = false;
    bool geo = false;
    for (size_t i = 1; i < lines.size(); ++i)
    {
        auto f = Split(lines[i], ',');
        ASSERT_EQ(f.size(), 10u) << lines[i];
        if (f[3] == "leo")
        {
            // quickstart.txtpb: 288 satellites in 24 planes of 12.
            ++leo;
            leoUsed += f[9] == "1";
            EXPECT_EQ(f[1], "sat");
            EXPECT_EQ(f[2], "space");
            EXPECT_LT(std::stoi(f[4]), 24);
            EXPECT_LT(std::stoi(f[5]), 12);
        }
        if (f[0] == "geo-0")
        {
            geo = true;
            EXPECT_EQ(lines[i], "geo-0,sat,space,geo,,0,,,,1"); // GEO: used by a GEO-only standard
        }
        if (f[0] == "gw-madrid")
        {
            gw = true;
            // quickstart.txtpb line: position { lat_deg: 40.45 lon_deg: -3.55 alt_m: 650 }
            EXPECT_EQ(lines[i], "gw-madrid,gw,ground,,,,40.45,-3.55,650,1");
        }
    }
    EXPECT_EQ(leo, 288);
    EXPECT_EQ(leoUsed, 0); // geo-transparent: space_orbits [GEO]
    EXPECT_TRUE(gw);
    EXPECT_TRUE(geo);
    auto json = RunSagin({"nodes", Quickstart(), "--format", "json"});
    ASSERT_EQ(json.status, 0) << json.err;
    EXPECT_NE(json.out.find("{\"name\":\"gw-madrid\",\"role\":\"gw\",\"layer\":\"ground\","
                            "\"group\":\"\",\"plane\":null,"
                            "\"slot\":null,\"lat_deg\":40.45,\"lon_deg\":-3.55,\"alt_m\":650}"),
              std::string::npos)
        << json.out.substr(0, 600);
    EXPECT_EQ(RunSagin({"nodes", Quickstart(), "--format", "xml"}).status, 2);
}
