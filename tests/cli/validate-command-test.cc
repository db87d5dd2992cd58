// `sagin validate`: exit 0 for valid files, 2 with every error otherwise.
#include "../common/temp-dir.h"
#include "cli-test-util.h"

#include <gtest/gtest.h>

using namespace sagin::test;

TEST(ValidateCommand, ShippedScenariosAreValid)
{
    for (const char* f : {"starlink-shell1.txtpb",
                          "starlink-gen1.txtpb",
                          "kuiper-k1.txtpb",
                          "oneweb.txtpb",
                          "geo-trio.txtpb",
                          "aerial-kenya.txtpb"})
    {
        auto r = RunSagin({"validate", SourceDir() + "/scenarios/" + f});
        EXPECT_EQ(r.status, 0) << f << "\n" << r.err;
    }
}

TEST(ValidateCommand, SyntaxAndSemanticErrorsExitTwo)
{
    TempDir dir;
    auto syntax = dir.Write("syntax.txtpb",
                            "# proto-message: sagin.v1.Scenario\n"
                            "epoch_utc: \"2026-01-01T00:00:00Z\"\n"
                            "shells { name: \"a\" walker { altitud_km: 5 } }\n");
    auto semantic = dir.Write("semantic.txtpb",
                              "# proto-message: sagin.v1.Scenario\n"
                              "epoch_utc: \"2026-01-01T00:00:00Z\"\n"
                              "shells { name: \"a\" walker { pattern: DELTA altitude_km: -5 "
                              "inclination_deg: 200 total_satellites: 7 planes: 2 phasing: 2 } }\n"
                              "shells { name: \"t\" tle { file: \"absent.tle\" } }\n");
    auto r = RunSagin({"validate", syntax, semantic});
    EXPECT_EQ(r.status, 2);
    auto lines = Lines(r.err);
    ASSERT_EQ(lines.size(), 6u) << r.err;
    EXPECT_EQ(lines[0].rfind(syntax + ":3:29: error: ", 0), 0u) << lines[0];
    EXPECT_EQ(lines[1], semantic + ": error: shells[0].walker.altitude_km: must be > 0, got -5");
    EXPECT_EQ(lines[2],
              semantic + ": error: shells[0].walker.inclination_deg: must be in [0, 180], got 200");
    EXPECT_EQ(lines[3],
              semantic
                  + ": error: shells[0].walker.total_satellites: must be a multiple of planes (2), "
                    "got 7");
    EXPECT_EQ(lines[4],
              semantic
                  + ": error: shells[0].walker.phasing: must be in [0, planes) = [0, 2), got 2");
    EXPECT_EQ(lines[5].rfind(semantic + ": error: shells[1].tle.file: TLE file: cannot read ", 0),
              0u);
}

TEST(ValidateCommand, BadFlagsExitTwo)
{
    EXPECT_EQ(RunSagin({"validate"}).status, 2);
    EXPECT_EQ(RunSagin({"no-such-command"}).status, 2);
    EXPECT_EQ(RunSagin({"--help"}).status, 0);
}

// Above the node limit (1e5) a scenario is refused from the file alone, with the estimate; the
// message's "pass --force" is true of `validate` too: with it the world is built and checked.
TEST(ValidateCommand, NodeLimitRefusesUnlessForced)
{
    TempDir dir;
    // 100,100 Walker satellites (1001 planes of 100) + 0 sites: just above 1e5.
    auto big
        = dir.Write("big.txtpb",
                    "# proto-message: sagin.v1.Scenario\n"
                    "name: \"big\"\nepoch_utc: \"2026-01-01T00:00:00Z\"\n"
                    "shells { name: \"w\" walker { pattern: DELTA altitude_km: 550 "
                    "inclination_deg: 53 total_satellites: 100100 planes: 1001 phasing: 1 } }\n");
    auto refused = RunSagin({"validate", big});
    EXPECT_EQ(refused.status, 2) << refused.err;
    EXPECT_NE(refused.err.find("nodes: about 1e+05"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("pass --force"), std::string::npos) << refused.err;
    auto forced = RunSagin({"validate", "--force", big});
    EXPECT_EQ(forced.status, 0) << forced.err;
    EXPECT_NE(forced.out.find(big + ": ok"), std::string::npos) << forced.out;
}
