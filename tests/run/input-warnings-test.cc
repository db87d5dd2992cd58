// Warnings for inputs that are valid but almost certainly not meant: printed once on stderr by
// `sagin run` and recorded in each run's provenance (provenance.warnings).
#include "run-test-util.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace sagin::test;

namespace
{

size_t
Count(const std::string& text, const std::string& needle)
{
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    {
        ++n;
    }
    return n;
}

bool
Has(const sagin::v1::RunResult& r, const std::string& needle)
{
    const auto& w = r.provenance().warnings();
    return std::any_of(w.begin(),
                       w.end(),
                       [&](const std::string& l)
                       {
                           return l.find(needle) != std::string::npos;
                       });
}

} // namespace

TEST(InputWarnings, NoSatellitesForASpaceStandardAndNoTrafficAreRecorded)
{
    TempDir dir;
    auto scenario = dir.Write("ground.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "ground-only"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 5
ground_sites { name: "ut" role: UT position { lat_deg: 40 lon_deg: -3 } }
ground_sites { name: "bs" role: BS position { lat_deg: 40 lon_deg: -3.01 } }
coverage { region { lat_min_deg: 39 lat_max_deg: 41 lon_min_deg: -4 lon_max_deg: -2 } resolution_deg: 1 step_s: 5 }
)");
    auto space = dir.Write("space.txtpb", R"(# proto-message: sagin.v1.Standard
name: "space"
access_layers: [SPACE]
payload: TRANSPARENT
)");
    auto ground = dir.Write("ground.txtpb.std", R"(# proto-message: sagin.v1.Standard
name: "ground"
access_layers: [GROUND]
payload: TRANSPARENT
)");
    auto r = RunSagin(
        {"run", scenario, "--standard", space, "--standard", ground, "--out", dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    // Printed once each, even with two standards.
    EXPECT_EQ(Count(r.err, scenario + ": warning: traffic: the scenario has no flows"), 1u)
        << r.err;
    EXPECT_EQ(
        Count(r.err,
              space + ": warning: access_layers lists SPACE, but the scenario has no satellites"),
        1u)
        << r.err;
    EXPECT_EQ(Count(r.err, "no satellites"), 1u) << r.err; // not for the ground standard
    auto s = ReadResult(dir.Path() + "/out", "space");
    auto g = ReadResult(dir.Path() + "/out", "ground");
    EXPECT_TRUE(Has(s, "the scenario has no flows"));
    EXPECT_TRUE(Has(s, "access_layers lists SPACE, but the scenario has no satellites"));
    EXPECT_TRUE(Has(g, "the scenario has no flows"));
    EXPECT_FALSE(Has(g, "no satellites"));
    EXPECT_EQ(g.provenance().warnings_size(), 1);
}

TEST(InputWarnings, CleanInputsHaveNoWarnings)
{
    TempDir dir;
    auto scenario = dir.Write("geo.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "geo-clean"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 3
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
traffic { flows { name: "p" endpoints { pair { from: "ut" to: "gw" } } ping { interval_ms: 500 } } }
coverage { region { lat_min_deg: 30 lat_max_deg: 40 lon_min_deg: 15 lon_max_deg: 25 } resolution_deg: 10 step_s: 3 }
)");
    auto r = RunSagin({"run",
                       scenario,
                       "--standard",
                       SourceDir() + "/scenarios/standards/geo-transparent.txtpb",
                       "--out",
                       dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
    EXPECT_EQ(ReadResult(dir.Path() + "/out", "geo-transparent").provenance().warnings_size(), 0);
}

// `sagin sweep` prints its runs' warnings too, each once for the study, with the number of runs
// it concerns when not all.
TEST(InputWarnings, SweepPrintsEachWarningOnce)
{
    TempDir dir;
    dir.Write("ground.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "ground-only"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 2
ground_sites { name: "ut" role: UT position { lat_deg: 40 lon_deg: -3 } }
ground_sites { name: "bs" role: BS position { lat_deg: 40 lon_deg: -3.01 } }
coverage { region { lat_min_deg: 39 lat_max_deg: 41 lon_min_deg: -4 lon_max_deg: -2 } resolution_deg: 1 step_s: 2 }
)");
    dir.Write("space.txtpb", R"(# proto-message: sagin.v1.Standard
name: "space"
access_layers: [SPACE]
payload: TRANSPARENT
)");
    dir.Write("ground-std.txtpb", R"(# proto-message: sagin.v1.Standard
name: "ground"
access_layers: [GROUND]
payload: TRANSPARENT
)");
    auto study = dir.Write("study.txtpb", R"(# proto-message: sagin.v1.Study
name: "warned"
kind: RUN
scenario: "ground.txtpb"
standards: "space.txtpb"
standards: "ground-std.txtpb"
seeds { count: 2 }
)");
    auto r = RunSagin({"sweep", study, "--out", dir.Path() + "/campaign"});
    ASSERT_EQ(r.status, 0) << r.err;
    // Four runs: the no-flows warning concerns all of them, the SPACE one the two of "space".
    EXPECT_EQ(Count(r.err, "warning: traffic: the scenario has no flows"), 1u) << r.err;
    EXPECT_EQ(
        Count(
            r.err,
            "no flows: a packet-level run measures coverage only (no latency, loss or goodput)\n"),
        1u)
        << r.err;
    EXPECT_EQ(Count(r.err, "the space layer serves nothing under this standard (2 of 4 runs)\n"),
              1u)
        << r.err;
}
