// Inputs that are valid but almost certainly not meant are warnings returned to the caller:
// element sets far from the run's dates, a TLE checksum column holding a non-digit.
#include "../common/temp-dir.h"
#include "scenario/model/validate-scenario.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

using namespace sagin;

namespace
{

// ISS (ZARYA), epoch 08264.51782528: day 264 of 2008 (a leap year: 31 + 29 + 31 + 30 + 31 + 30
// + 31 + 31 = 244 days before September, so September 20) at 0.51782528 d = 12:25:40.104 UTC.
// Period 1440 / 15.72125391 = 91.6 min: near-Earth.
const char* kIss = "ISS (ZARYA)\n"
                   "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
                   "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n";

std::vector<std::string>
Warnings(const std::string& scenarioText, const std::string& dir)
{
    v1::Scenario s;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(scenarioText, &s));
    std::vector<std::string> warnings;
    ErrorList errors = ValidateScenario(s, dir, &warnings);
    EXPECT_TRUE(errors.Empty()) << errors.Format("x")[0];
    return warnings;
}

std::string
IssScenario(const std::string& epoch, double duration_s)
{
    return "epoch_utc: \"" + epoch + "\" duration_s: " + std::to_string(duration_s)
           + " shells { name: \"iss\" tle { file: \"iss.tle\" } }";
}

} // namespace

TEST(ValidateWarnings, RunFarFromANearEarthElementSetsEpochIsAWarning)
{
    test::TempDir dir;
    dir.Write("iss.tle", kIss);
    // From the epoch (2008-09-20 12:25:40.104) to 2008-10-19 00:00:00: the rest of September 20
    // (86400 - 44740.104 s = 0.48218 d) plus 28 days = 28.48218 days. With a run of one day the
    // end is 29.48 days from the epoch (within 30: no warning); with two days, 30.48 (warning).
    EXPECT_TRUE(Warnings(IssScenario("2008-10-19T00:00:00Z", 86400), dir.Path()).empty());
    auto w = Warnings(IssScenario("2008-10-19T00:00:00Z", 2 * 86400), dir.Path());
    ASSERT_EQ(w.size(), 1u);
    EXPECT_NE(
        w[0].find(
            dir.Path()
            + "/iss.tle: warning: shells[0].tle: the run reaches 30.5 days from the epoch of 1 of "
              "its 1 near-Earth element sets"),
        std::string::npos)
        << w[0];
    EXPECT_NE(w[0].find("30 days"), std::string::npos);
    // Before the epoch counts the same: 2008-08-01 is 50.5 days before it.
    w = Warnings(IssScenario("2008-08-01T00:00:00Z", 60), dir.Path());
    ASSERT_EQ(w.size(), 1u);
    EXPECT_NE(w[0].find("reaches 50.5 days"), std::string::npos) << w[0];
}

TEST(ValidateWarnings, DeepSpaceElementSetsAreNotChecked)
{
    test::TempDir dir;
    // SL-6 R/B(2) (4.885 rev/day, period 295 min: deep space, SDP4), epoch 2006-05-31.
    dir.Write("sl6.tle",
              "1 16925U 86065D   06151.67415771  .02550794 -30915-6  18784-3 0  4486\n"
              "2 16925  62.0906 295.0239 5596327 245.1593  47.9690  4.88511875148616\n");
    EXPECT_TRUE(
        Warnings(
            "epoch_utc: \"2026-01-01T00:00:00Z\" duration_s: 60 shells { name: \"d\" tle { file: "
            "\"sl6.tle\" } }",
            dir.Path())
            .empty());
}

TEST(ValidateWarnings, ChecksumColumnWithANonDigitIsReturnedNotPrinted)
{
    test::TempDir dir;
    std::string text = kIss;
    // Line 1 of the set is text line 2; its column 69 (the checksum '7') becomes 'Z'.
    const size_t line1 = text.find("1 25544U");
    text[line1 + 68] = 'Z';
    dir.Write("iss.tle", text);
    testing::internal::CaptureStderr();
    auto w = Warnings(IssScenario("2008-09-21T00:00:00Z", 60), dir.Path());
    const std::string printed = testing::internal::GetCapturedStderr();
    EXPECT_TRUE(printed.empty()) << printed;
    ASSERT_EQ(w.size(), 1u);
    EXPECT_NE(w[0].find(dir.Path() + "/iss.tle:2: warning: TLE line 1 has 'Z' in column 69"),
              std::string::npos)
        << w[0];
    // Without a sink the warning goes to stderr, as before.
    v1::Scenario s;
    ASSERT_TRUE(
        google::protobuf::TextFormat::ParseFromString(IssScenario("2008-09-21T00:00:00Z", 60), &s));
    testing::internal::CaptureStderr();
    BuildWorld(s, dir.Path(), "x.txtpb");
    EXPECT_NE(testing::internal::GetCapturedStderr().find("'Z' in column 69"), std::string::npos);
}
