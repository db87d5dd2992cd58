// What a run writes: byte-identical results for the same inputs and seed (but wall time and
// host), provenance from ns-3's version macros and the inputs' SHA-256, summary.json keys as
// documented and always numbers, and bad input rejected before anything runs.
#include "run-test-util.h"

#include <filesystem>
#include <fstream>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <ns3/version-defines.h>
#include <openssl/evp.h>
#include <sstream>

using namespace sagin::test;

namespace
{

std::string
Sha256(const std::string& bytes)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(bytes.data(), bytes.size(), d, &n, EVP_sha256(), nullptr);
    std::string hex;
    for (unsigned i = 0; i < n; ++i)
    {
        char b[3];
        std::snprintf(b, sizeof b, "%02x", d[i]);
        hex += b;
    }
    return hex;
}

/// summary.json without its two host-dependent lines.
std::string
WithoutHostFields(const std::string& json)
{
    std::istringstream in(json);
    std::string line;
    std::string out;
    while (std::getline(in, line))
    {
        if (line.find("\"wall_time_s\"") == std::string::npos
            && line.find("\"host\"") == std::string::npos)
        {
            out += line + "\n";
        }
    }
    return out;
}

} // namespace

TEST(RunOutputs, SameInputsAndSeedGiveIdenticalResults)
{
    TempDir dir;
    const std::string scenario = SourceDir() + "/scenarios/quickstart.txtpb";
    std::vector<std::string> standards = {"ntn-regenerative-isl", "haps-hibs"};
    for (const char* out : {"a", "b"})
    {
        std::vector<std::string> args
            = {"run", scenario, "--duration", "10", "--out", dir.Path() + "/" + out};
        for (const auto& s : standards)
        {
            args.push_back("--standard");
            args.push_back(SourceDir() + "/scenarios/standards/" + s + ".txtpb");
        }
        // Different parallelism must not change anything.
        args.push_back("--jobs");
        args.push_back(std::string(out) == "a" ? "1" : "2");
        auto r = RunSagin(args);
        ASSERT_EQ(r.status, 0) << r.err;
    }
    for (const auto& s : standards)
    {
        for (const char* f : {"latency.csv", "coverage.csv", "scenario.txtpb", "standard.txtpb"})
        {
            EXPECT_EQ(Slurp(dir.Path() + "/a/" + s + "/" + f),
                      Slurp(dir.Path() + "/b/" + s + "/" + f))
                << s << "/" << f;
        }
        const std::string ja = Slurp(dir.Path() + "/a/" + s + "/summary.json");
        const std::string jb = Slurp(dir.Path() + "/b/" + s + "/summary.json");
        EXPECT_NE(ja.find("\"wall_time_s\""), std::string::npos);
        EXPECT_EQ(WithoutHostFields(ja), WithoutHostFields(jb)) << s;
        auto ra = ReadResult(dir.Path() + "/a", s);
        auto rb = ReadResult(dir.Path() + "/b", s);
        for (auto* r : {&ra, &rb})
        {
            r->mutable_provenance()->clear_wall_time_s();
            r->mutable_provenance()->clear_host();
        }
        EXPECT_EQ(ra.SerializeAsString(), rb.SerializeAsString()) << s;
    }
}

TEST(RunOutputs, TheNumberOfJobsChangesNoByte)
{
    // 2 standards x 2 seeds, each at --jobs 1 (one worker after the other) and --jobs 2 (both
    // standards at once in the process pool): every file of every result folder is the same
    // byte for byte (what cmp checks), but the wall time and host of summary.json and
    // result.binpb.
    TempDir dir;
    const std::string scenario = SourceDir() + "/scenarios/quickstart.txtpb";
    const std::vector<std::string> standards = {"geo-transparent", "haps-hibs"};
    for (const char* seed : {"1", "2"})
    {
        for (const char* jobs : {"1", "2"})
        {
            std::vector<std::string> args = {"run",
                                             scenario,
                                             "--duration",
                                             "5",
                                             "--seed",
                                             seed,
                                             "--jobs",
                                             jobs,
                                             "--out",
                                             dir.Path() + "/s" + seed + "-j" + jobs};
            for (const auto& s : standards)
            {
                args.push_back("--standard");
                args.push_back(SourceDir() + "/scenarios/standards/" + s + ".txtpb");
            }
            auto r = RunSagin(args);
            ASSERT_EQ(r.status, 0) << r.err;
        }
        const std::string a = dir.Path() + "/s" + seed + "-j1";
        const std::string b = dir.Path() + "/s" + seed + "-j2";
        size_t compared = 0;
        for (const auto& e : std::filesystem::recursive_directory_iterator(a))
        {
            if (!e.is_regular_file())
            {
                continue;
            }
            const std::string rel = std::filesystem::relative(e.path(), a).string();
            const std::string name = e.path().filename().string();
            ASSERT_TRUE(std::filesystem::exists(b + "/" + rel)) << rel;
            if (name == "summary.json")
            {
                EXPECT_EQ(WithoutHostFields(Slurp(a + "/" + rel)),
                          WithoutHostFields(Slurp(b + "/" + rel)))
                    << rel;
            }
            else if (name != "result.binpb")
            {
                EXPECT_EQ(Slurp(a + "/" + rel), Slurp(b + "/" + rel))
                    << "seed " << seed << ": " << rel;
            }
            ++compared;
        }
        EXPECT_EQ(compared, 1 + 6 * standards.size()); // standards.txt, 6 files per standard
        for (const auto& s : standards)
        {
            auto ra = ReadResult(a, s);
            auto rb = ReadResult(b, s);
            EXPECT_EQ(ra.seed(), std::stoul(seed));
            for (auto* r : {&ra, &rb})
            {
                r->mutable_provenance()->clear_wall_time_s();
                r->mutable_provenance()->clear_host();
            }
            EXPECT_EQ(ra.SerializeAsString(), rb.SerializeAsString())
                << "seed " << seed << ": " << s;
        }
    }
}

TEST(RunOutputs, ProvenanceAndSummaryKeys)
{
    TempDir dir;
    const std::string scenario = SourceDir() + "/scenarios/quickstart.txtpb";
    const std::string standard = SourceDir() + "/scenarios/standards/ntn-transparent-leo.txtpb";
    auto r = RunSagin({"run",
                       scenario,
                       "--standard",
                       standard,
                       "--duration",
                       "5",
                       "--seed",
                       "7",
                       "--out",
                       dir.Path(),
                       "--set",
                       "scenario.shells[0].walker.altitude_km=600"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto result = ReadResult(dir.Path(), "ntn-transparent-leo");
    const auto& p = result.provenance();
    EXPECT_EQ(p.ns3_version(),
              std::to_string(NS3_VERSION_MAJOR) + "." + std::to_string(NS3_VERSION_MINOR) + "."
                  + std::to_string(NS3_VERSION_PATCH));
    EXPECT_EQ(p.ns3_version(), "3.37.0");
    EXPECT_EQ(p.seed(), 7u);
    EXPECT_EQ(result.seed(), 7u);
    EXPECT_GT(p.events(), 0u);
    ASSERT_EQ(p.inputs_size(), 2);
    EXPECT_EQ(p.inputs(0).sha256(), Sha256(Slurp(scenario)));
    EXPECT_EQ(p.inputs(1).sha256(), Sha256(Slurp(standard)));
    ASSERT_EQ(p.overrides_size(), 1);
    EXPECT_EQ(p.run_id().size(), 64u);
    // The resolved scenario carries the override.
    EXPECT_NE(Slurp(dir.Path() + "/ntn-transparent-leo/scenario.txtpb").find("altitude_km: 600"),
              std::string::npos);

    // summary.json: the documented keys are present, as numbers, zero included.
    google::protobuf::Struct json;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                    Slurp(dir.Path() + "/ntn-transparent-leo/summary.json"), &json)
                    .ok());
    auto number = [&](std::vector<std::string> path)
    {
        const google::protobuf::Struct* s = &json;
        for (size_t i = 0; i + 1 < path.size(); ++i)
        {
            EXPECT_TRUE(s->fields().count(path[i])) << path[i];
            s = &s->fields().at(path[i]).struct_value();
        }
        EXPECT_TRUE(s->fields().count(path.back())) << path.back();
        EXPECT_EQ(s->fields().at(path.back()).kind_case(), google::protobuf::Value::kNumberValue)
            << path.back();
    };
    number({"seed"});
    for (const char* k : {"mean", "p50", "p95", "p99", "max"})
    {
        number({"latency", "one_way_ms", k});
        number({"latency", "rtt_ms", k});
    }
    for (const char* k :
         {"access", "feeder", "isl", "air", "terrestrial", "processing", "queueing"})
    {
        number({"latency", "breakdown_ms", k});
    }
    for (const char* k : {"sent", "received", "lost"})
    {
        number({"packets", k});
    }
    for (const char* k : {"area_fraction", "population_fraction", "time_availability"})
    {
        number({"coverage", k});
    }
    number({"handovers_per_terminal_hour"});
    number({"provenance", "wall_time_s"});
    number({"provenance", "events"});
    // The ISL category of a standard without ISLs is present and zero.
    EXPECT_EQ(json.fields()
                  .at("latency")
                  .struct_value()
                  .fields()
                  .at("breakdown_ms")
                  .struct_value()
                  .fields()
                  .at("isl")
                  .number_value(),
              0.0);
}

TEST(RunOutputs, EverySemanticErrorAtOnceAndNothingRuns)
{
    TempDir dir;
    auto scenario = dir.Write("bad.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "bad"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 10
shells { name: "s" walker { pattern: DELTA altitude_km: -1 inclination_deg: 53 total_satellites: 10 planes: 3 } }
traffic { flows { name: "p" endpoints { pair { from: "nobody" to: "nowhere" } } ping {} } }
)");
    auto standard = dir.Write("bad-std.txtpb", R"(# proto-message: sagin.v1.Standard
name: "bad-std"
visibility { space_deg: 95 }
)");
    const std::string out = dir.Path() + "/out";
    auto r = RunSagin({"run", scenario, "--standard", standard, "--out", out});
    EXPECT_EQ(r.status, 2);
    for (const char* needle : {"shells[0].walker.altitude_km: must be > 0",
                               "shells[0].walker.total_satellites: must be a multiple of planes",
                               "payload: must be one of TRANSPARENT, REGENERATIVE",
                               "visibility.space_deg: must be in [0, 90)"})
    {
        EXPECT_NE(r.err.find(needle), std::string::npos) << needle << "\n" << r.err;
    }
    EXPECT_FALSE(std::filesystem::exists(out));

    // A bad --set path names the path; an unknown standard in --set too.
    auto good = SourceDir() + "/scenarios/quickstart.txtpb";
    auto std1 = SourceDir() + "/scenarios/standards/ntn-transparent-leo.txtpb";
    for (const auto& [set, needle] :
         {std::pair<std::string, std::string>{"scenario.shells[0].walker.plane=3",
                                              "no field 'plane'"},
          {"standard.nope.visibility.space_deg=3", "no standard named 'nope'"},
          {"scenario.shells[0].walker.planes=abc", "expected an integer"}})
    {
        r = RunSagin({"run", good, "--standard", std1, "--out", out, "--set", set});
        EXPECT_EQ(r.status, 2) << set;
        EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
    }
    EXPECT_FALSE(std::filesystem::exists(out));
}
