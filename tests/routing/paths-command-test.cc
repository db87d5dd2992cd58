// `sagin paths`: CSV header and columns, rows without a path, --all-pairs, bad input (exit 2 and
// a clear message, nothing on stdout) and --format json.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "routing-test-util.h"
#include "run/model/run-spec.h"
#include "study/model/geometric-run.h"

#include <cmath>
#include <fstream>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

std::vector<std::string>
Fields(const std::string& line)
{
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ','))
    {
        out.push_back(field);
    }
    if (!line.empty() && line.back() == ',')
    {
        out.emplace_back();
    }
    return out;
}

/// One plane of 10 LEO satellites (36 deg apart) and two gateways 150 km apart under the
/// first one at t = 0: connected only while one satellite sees both, which leaves gaps.
std::string
GapScenario()
{
    const char* shell = R"(# proto-file: sagin/v1/scenario.proto
# proto-message: sagin.v1.Scenario
name: "gaps" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 1200 seed: 1
shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53
                              total_satellites: 10 planes: 1 phasing: 0 } }
)";
    auto probe = MakeWorld(ScenarioFromText(shell));
    Vec3 p = probe->Nodes()[probe->Find("leo-0-0")].trajectory->PositionAt(0.0);
    // Sub-satellite point (geocentric is close enough to place the sites).
    const double lat = std::atan2(p.z, std::hypot(p.x, p.y)) * 180.0 / M_PI;
    const double lon = std::atan2(p.y, p.x) * 180.0 / M_PI;
    std::ostringstream s;
    s.precision(10);
    s << shell << "ground_sites { name: \"gw-a\" role: GW position { lat_deg: " << lat
      << " lon_deg: " << lon - 0.7 << " } }\n"
      << "ground_sites { name: \"gw-b\" role: GW position { lat_deg: " << lat
      << " lon_deg: " << lon + 0.7 << " } }\n";
    return s.str();
}

const char* kRegenerative = R"(# proto-file: sagin/v1/standard.proto
# proto-message: sagin.v1.Standard
name: "regen" payload: REGENERATIVE isl { topology: NO_ISL } visibility { space_deg: 25 }
)";

} // namespace

TEST(PathsCommand, CsvColumnsAndRowsWithoutAPath)
{
    TempDir tmp;
    const std::string text = GapScenario();
    const std::string scenario = tmp.Write("gaps.txtpb", text);
    const std::string standard = tmp.Write("regen.txtpb", kRegenerative);
    auto r = RunSagin({"paths",
                       scenario,
                       "--standard",
                       standard,
                       "--from",
                       "gw-a",
                       "--to",
                       "gw-b",
                       "--duration",
                       "1200",
                       "--step",
                       "10"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 122u);
    EXPECT_EQ(lines[0], "t_s,src,dst,rtt_ms,one_way_ms,hops,path");

    // The same world, to recompute each reachable row's latency from the trajectories.
    auto world = MakeWorld(ScenarioFromText(text));
    const auto& nodes = world->Nodes();
    const int a = world->Find("gw-a");
    const int b = world->Find("gw-b");
    int reachable = 0;
    int unreachable = 0;
    for (size_t i = 1; i < lines.size(); ++i)
    {
        auto f = Fields(lines[i]);
        ASSERT_EQ(f.size(), 7u) << lines[i];
        const double t = std::stod(f[0]);
        EXPECT_NEAR(t, 10.0 * (i - 1), 1e-9);
        EXPECT_EQ(f[1], "gw-a");
        EXPECT_EQ(f[2], "gw-b");
        if (f[3].empty())
        {
            ++unreachable;
            EXPECT_EQ(f[4], "") << lines[i];
            EXPECT_EQ(f[5], "0") << lines[i];
            EXPECT_EQ(f[6], "") << lines[i];
            continue;
        }
        ++reachable;
        EXPECT_EQ(f[5], "2") << lines[i];
        const std::string sat = f[6].substr(5, f[6].size() - 10);
        EXPECT_EQ(f[6], "gw-a>" + sat + ">gw-b");
        const int s = world->Find(sat);
        ASSERT_GE(s, 0) << f[6];
        const double oneWay
            = (Distance(nodes[a].trajectory->PositionAt(t), nodes[s].trajectory->PositionAt(t))
               + Distance(nodes[s].trajectory->PositionAt(t), nodes[b].trajectory->PositionAt(t)))
              / kC;
        EXPECT_NEAR(std::stod(f[4]), oneWay * 1e3, 1.5e-6) << lines[i];
        // One satellite at a time sees both: the return path is the same, so the RTT is twice.
        EXPECT_NEAR(std::stod(f[3]), 2.0 * oneWay * 1e3, 3e-6) << lines[i];
    }
    EXPECT_GT(reachable, 3);
    EXPECT_GT(unreachable, 3);

    // --out writes the same bytes to a file and nothing to stdout.
    const std::string out = tmp.Path() + "/paths.csv";
    auto w = RunSagin({"paths",
                       scenario,
                       "--standard",
                       standard,
                       "--from",
                       "gw-a",
                       "--to",
                       "gw-b",
                       "--duration",
                       "1200",
                       "--step",
                       "10",
                       "--out",
                       out});
    ASSERT_EQ(w.status, 0) << w.err;
    EXPECT_EQ(w.out, "");
    std::ifstream in(out);
    std::stringstream file;
    file << in.rdbuf();
    EXPECT_EQ(file.str(), r.out);
}

TEST(PathsCommand, AllPairsOverASet)
{
    TempDir tmp;
    std::ifstream in(std::string(SAGIN_SOURCE_DIR) + "/scenarios/kuiper-k1.txtpb");
    std::stringstream text;
    text << in.rdbuf() << "\nsite_sets { name: \"c\" role: GW cities { top: 4 } }\n"
         << "ground_sites { name: \"ut-x\" role: UT position { lat_deg: 10 lon_deg: 10 } }\n";
    const std::string scenario = tmp.Write("k1.txtpb", text.str());
    const std::string standard = tmp.Write("grid.txtpb", R"(
name: "grid" payload: REGENERATIVE isl { topology: PLUS_GRID } visibility { space_deg: 30 }
)");
    auto world = LoadWorld(scenario);
    const auto set = world.SiteSet("c");
    ASSERT_EQ(set.size(), 4u);

    auto r = RunSagin({"paths",
                       scenario,
                       "--standard",
                       standard,
                       "--all-pairs",
                       "c",
                       "--duration",
                       "20",
                       "--step",
                       "10"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 1u + 3u * 6u);
    std::set<std::pair<std::string, std::string>> expectedPairs;
    for (size_t i = 0; i < set.size(); ++i)
    {
        for (size_t j = i + 1; j < set.size(); ++j)
        {
            expectedPairs.insert({world.Nodes()[set[i]].name, world.Nodes()[set[j]].name});
        }
    }
    for (int step = 0; step < 3; ++step)
    {
        std::set<std::pair<std::string, std::string>> seen;
        for (int k = 0; k < 6; ++k)
        {
            auto f = Fields(lines[1 + step * 6 + k]);
            ASSERT_EQ(f.size(), 7u);
            EXPECT_NEAR(std::stod(f[0]), 10.0 * step, 1e-9);
            seen.insert({f[1], f[2]});
            EXPECT_FALSE(f[3].empty())
                << "the largest cities are connected over K1: " << lines[1 + step * 6 + k];
        }
        EXPECT_EQ(seen, expectedPairs);
    }

    // A list of names instead of a set.
    const std::string a = world.Nodes()[set[0]].name;
    const std::string b = world.Nodes()[set[3]].name;
    auto list = RunSagin({"paths",
                          scenario,
                          "--standard",
                          standard,
                          "--all-pairs",
                          a + "," + b + ",ut-x",
                          "--duration",
                          "0"});
    ASSERT_EQ(list.status, 0) << list.err;
    auto listLines = Lines(list.out);
    ASSERT_EQ(listLines.size(), 4u);
    EXPECT_EQ(Fields(listLines[1])[1], a);
    EXPECT_EQ(Fields(listLines[1])[2], b);
    EXPECT_EQ(Fields(listLines[3])[2], "ut-x");
}

TEST(PathsCommand, BadInputExitsTwoWithAClearMessage)
{
    TempDir tmp;
    const std::string scenario = tmp.Write("gaps.txtpb", GapScenario());
    const std::string standard = tmp.Write("regen.txtpb", kRegenerative);
    const std::string syntax = tmp.Write(
        "syntax.txtpb", "name: \"x\"\npayload: REGENERATIVE\nvisibility { space_dg: 5 }\n");
    const std::string semantic = tmp.Write(
        "semantic.txtpb", "name: \"x\" payload: TRANSPARENT isl { topology: PLUS_GRID }\n");
    struct Case
    {
        std::vector<std::string> args;
        std::vector<std::string> messages; ///< each must appear on stderr
    };
    const std::vector<Case> cases = {
        {{"paths", scenario, "--standard", standard, "--from", "Nowhere", "--to", "gw-b"},
         {"--from", "Nowhere"}},
        {{"paths", scenario, "--standard", standard, "--from", "gw-a", "--to", "Atlantis"},
         {"--to", "Atlantis"}},
        {{"paths", scenario, "--standard", standard, "--from", "leo-0-3", "--to", "gw-b"},
         {"leo-0-3", "not a ground site"}},
        {{"paths", scenario, "--from", "gw-a", "--to", "gw-b"}, {"--standard"}},
        {{"paths", scenario, "--standard", syntax, "--from", "gw-a", "--to", "gw-b"},
         {syntax + ":3:", "error", "space_dg"}},
        {{"paths", scenario, "--standard", semantic, "--from", "gw-a", "--to", "gw-b"},
         {"semantic.txtpb", "isl.topology"}},
        {{"paths", scenario, "--standard", standard, "--from", "gw-a", "--to", "gw-a"}, {"same"}},
        {{"paths", scenario, "--standard", standard, "--all-pairs", "gw-a,nobody"}, {"nobody"}},
        {{"paths", scenario, "--standard", standard, "--all-pairs", "gw-a,leo-0-1"},
         {"leo-0-1", "not a ground site"}},
        {{"paths",
          scenario,
          "--standard",
          standard,
          "--from",
          "gw-a",
          "--to",
          "gw-b",
          "--format",
          "xml"},
         {"xml"}},
    };
    for (const auto& c : cases)
    {
        std::string cmd;
        for (const auto& a : c.args)
        {
            cmd += " " + a;
        }
        SCOPED_TRACE(cmd);
        auto r = RunSagin(c.args);
        EXPECT_EQ(r.status, 2) << r.err;
        EXPECT_EQ(r.out, "") << "no partial output";
        for (const auto& m : c.messages)
        {
            EXPECT_NE(r.err.find(m), std::string::npos) << "stderr lacks '" << m << "': " << r.err;
        }
        EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
    }
}

TEST(PathsCommand, JsonIsValidAndMatchesTheCsv)
{
    TempDir tmp;
    const std::string scenario = tmp.Write("gaps.txtpb", GapScenario());
    const std::string standard = tmp.Write("regen.txtpb", kRegenerative);
    const std::vector<std::string> args = {"paths",
                                           scenario,
                                           "--standard",
                                           standard,
                                           "--from",
                                           "gw-a",
                                           "--to",
                                           "gw-b",
                                           "--duration",
                                           "1200",
                                           "--step",
                                           "30"};
    auto csv = RunSagin(args);
    ASSERT_EQ(csv.status, 0) << csv.err;
    auto jsonArgs = args;
    jsonArgs.insert(jsonArgs.end(), {"--format", "json"});
    auto json = RunSagin(jsonArgs);
    ASSERT_EQ(json.status, 0) << json.err;

    google::protobuf::ListValue list;
    auto status = google::protobuf::util::JsonStringToMessage(json.out, &list);
    ASSERT_TRUE(status.ok()) << status.ToString() << "\n" << json.out.substr(0, 500);
    auto lines = Lines(csv.out);
    ASSERT_EQ(static_cast<size_t>(list.values_size()), lines.size() - 1);
    int nulls = 0;
    for (int i = 0; i < list.values_size(); ++i)
    {
        const auto& v = list.values(i);
        ASSERT_TRUE(v.has_struct_value());
        const auto& f = v.struct_value().fields();
        for (const char* key : {"t_s", "src", "dst", "rtt_ms", "one_way_ms", "hops", "path"})
        {
            EXPECT_EQ(f.count(key), 1u) << key;
        }
        auto row = Fields(lines[i + 1]);
        EXPECT_NEAR(f.at("t_s").number_value(), std::stod(row[0]), 1e-9);
        EXPECT_EQ(f.at("src").string_value(), row[1]);
        EXPECT_EQ(f.at("dst").string_value(), row[2]);
        EXPECT_EQ(f.at("hops").number_value(), std::stod(row[5]));
        std::string path;
        for (const auto& n : f.at("path").list_value().values())
        {
            path += (path.empty() ? "" : ">") + n.string_value();
        }
        EXPECT_EQ(path, row[6]);
        if (row[3].empty())
        {
            ++nulls;
            EXPECT_EQ(f.at("rtt_ms").kind_case(), google::protobuf::Value::kNullValue);
            EXPECT_EQ(f.at("one_way_ms").kind_case(), google::protobuf::Value::kNullValue);
        }
        else
        {
            EXPECT_NEAR(f.at("rtt_ms").number_value(), std::stod(row[3]), 1e-9);
            EXPECT_NEAR(f.at("one_way_ms").number_value(), std::stod(row[4]), 1e-9);
        }
    }
    EXPECT_GT(nulls, 0);
    EXPECT_LT(nulls, list.values_size());
}

// --start shifts the first instant; without --step, the standard's update interval is the step.
TEST(PathsCommand, StartAndDefaultStep)
{
    TempDir tmp;
    const std::string scenario = tmp.Write("gaps.txtpb", GapScenario());
    const std::string standard = tmp.Write(
        "regen.txtpb", std::string(kRegenerative) + "routing { update_interval_ms: 250 }\n");
    auto r = RunSagin({"paths",
                       scenario,
                       "--standard",
                       standard,
                       "--from",
                       "gw-a",
                       "--to",
                       "gw-b",
                       "--start",
                       "30",
                       "--duration",
                       "10",
                       "--step",
                       "5"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(Fields(lines[1])[0], "30.000");
    EXPECT_EQ(Fields(lines[2])[0], "35.000");
    EXPECT_EQ(Fields(lines[3])[0], "40.000");

    auto d = RunSagin({"paths",
                       scenario,
                       "--standard",
                       standard,
                       "--from",
                       "gw-a",
                       "--to",
                       "gw-b",
                       "--duration",
                       "1"});
    ASSERT_EQ(d.status, 0) << d.err;
    lines = Lines(d.out);
    ASSERT_EQ(lines.size(), 6u) << "0, 0.25, 0.5, 0.75 and 1 s";
    EXPECT_EQ(Fields(lines[2])[0], "0.250");
    EXPECT_EQ(Fields(lines[5])[0], "1.000");
}

// A negative duration or step is bad input like a zero step, not a request for the defaults.
TEST(PathsCommand, NegativeDurationOrStepIsAnError)
{
    TempDir tmp;
    const std::string scenario = tmp.Write("gaps.txtpb", GapScenario());
    const std::string standard = tmp.Write("regen.txtpb", kRegenerative);
    for (auto [flag, value] :
         {std::pair{"--duration", "-5"}, std::pair{"--step", "-0.5"}, std::pair{"--step", "0"}})
    {
        SCOPED_TRACE(std::string(flag) + " " + value);
        auto r = RunSagin({"paths",
                           scenario,
                           "--standard",
                           standard,
                           "--from",
                           "gw-a",
                           "--to",
                           "gw-b",
                           flag,
                           value});
        EXPECT_EQ(r.status, 2) << "stdout has " << Lines(r.out).size() << " lines";
        EXPECT_NE(r.err.find(flag), std::string::npos) << r.err;
    }
}

// `sagin paths` and a study's PATHS run are one function (SamplePathsRun): the command's CSV is
// byte for byte the study run's paths.csv, whose run id is the study's scheme (PathsRunId).
TEST(PathsCommand, TheCommandAndAStudyRunAreOne)
{
    TempDir tmp;
    const std::string scenario = tmp.Write("gaps.txtpb", GapScenario());
    const std::string standard = tmp.Write("regen.txtpb", kRegenerative);
    auto r = RunSagin({"paths", scenario, "--standard", standard, "--from", "gw-a", "--to", "gw-b",
                       "--start", "30", "--duration", "600", "--step", "20"});
    ASSERT_EQ(r.status, 0) << r.err;

    const auto specs = PrepareRuns(scenario, {standard}, {}, 1, false, 600.0, true);
    v1::PathsRunOptions options;
    options.set_from("gw-a");
    options.set_to("gw-b");
    options.set_start_s(30);
    options.set_step_s(20);
    const std::string folder = tmp.Path() + "/study-run";
    const v1::RunResult result = RunPathsOne(specs.front(), options, folder);
    std::ifstream in(folder + "/paths.csv", std::ios::binary);
    std::ostringstream csv;
    csv << in.rdbuf();
    EXPECT_EQ(csv.str(), r.out);
    EXPECT_EQ(result.provenance().run_id(), PathsRunId(specs.front(), options));
    // 0..600 s every 20 s from t = 30 s: 31 samples of one pair.
    EXPECT_EQ(result.packets().sent(), 31u);
    EXPECT_EQ(Lines(r.out).size(), 32u);
}
