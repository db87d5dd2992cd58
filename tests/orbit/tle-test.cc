// Reading two- and three-line element sets.
#include "orbit/model/tle.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

namespace sagin
{
namespace
{

// Vanguard 1, as in python3-sgp4's tests.
const std::string kVanguard1
    = "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753";
const std::string kVanguard2
    = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";
// Vanguard 1 twenty years on, from CelesTrak, with its name line.
const std::string kVanguardNamed
    = "VANGUARD 1              \n"
      "1 00005U 58002B   20287.20333880 -.00000016  00000-0 -22483-4 0  9998\n"
      "2 00005  34.2443 225.5254 1845686 162.2516 205.2356 10.84869164218149\n";
// SL-6 R/B(2) from SGP4-VER.TLE: negative second derivative of the mean motion.
const std::string kSl6 = "1 16925U 86065D   06151.67415771  .02550794 -30915-6  18784-3 0  4486\n"
                         "2 16925  62.0906 295.0239 5596327 245.1593  47.9690  4.88511875148616\n";

/// `line` with its checksum digit (column 69) replaced.
std::string
WithChecksum(std::string line, char digit)
{
    line[68] = digit;
    return line;
}

TEST(TleParser, ReadsEveryFieldOfATwoLineSet)
{
    const TleFile f = ParseTleText(kVanguard1 + "\n" + kVanguard2 + "\n");
    ASSERT_TRUE(f.errors.empty());
    EXPECT_TRUE(f.warnings.empty());
    ASSERT_EQ(f.sets.size(), 1u);
    const Tle& t = f.sets[0];
    EXPECT_EQ(t.name, "");
    EXPECT_EQ(TleDisplayName(t), "5");
    EXPECT_EQ(t.line, 1);
    EXPECT_EQ(t.catalogNumber, 5);
    EXPECT_EQ(t.classification, 'U');
    EXPECT_EQ(t.internationalDesignator, "58002B");
    EXPECT_EQ(t.epochYear2, 0);
    EXPECT_DOUBLE_EQ(t.epochDay, 179.78495062);
    EXPECT_EQ(t.epoch.Iso8601(0.0), "2000-06-27T18:50:19.734Z");
    EXPECT_DOUBLE_EQ(t.ndot, 0.00000023);
    EXPECT_DOUBLE_EQ(t.nddot, 0.0);
    EXPECT_DOUBLE_EQ(t.bstar, 0.28098e-4);
    EXPECT_EQ(t.ephemerisType, 0);
    EXPECT_EQ(t.elementSetNumber, 475);
    EXPECT_DOUBLE_EQ(t.inclination_deg, 34.2682);
    EXPECT_DOUBLE_EQ(t.raan_deg, 348.7242);
    EXPECT_DOUBLE_EQ(t.eccentricity, 0.1859667);
    EXPECT_DOUBLE_EQ(t.argOfPerigee_deg, 331.7664);
    EXPECT_DOUBLE_EQ(t.meanAnomaly_deg, 19.3264);
    EXPECT_DOUBLE_EQ(t.meanMotion_revPerDay, 10.82419157);
    EXPECT_EQ(t.revolutionNumber, 41366);
    EXPECT_FALSE(t.verification.has_value());
}

TEST(TleParser, ReadsAThreeLineSetWithItsName)
{
    const TleFile f = ParseTleText(kVanguardNamed);
    ASSERT_TRUE(f.errors.empty());
    EXPECT_TRUE(f.warnings.empty());
    ASSERT_EQ(f.sets.size(), 1u);
    const Tle& t = f.sets[0];
    EXPECT_EQ(t.name, "VANGUARD 1");
    EXPECT_EQ(TleDisplayName(t), "VANGUARD 1");
    EXPECT_EQ(t.line, 2);
    EXPECT_EQ(t.epochYear2, 20);
    EXPECT_DOUBLE_EQ(t.ndot, -0.00000016);
    EXPECT_DOUBLE_EQ(t.bstar, -0.22483e-4);
    EXPECT_EQ(t.elementSetNumber, 999);
    EXPECT_EQ(t.revolutionNumber, 21814);
}

TEST(TleParser, MixesTwoAndThreeLineSetsCommentsBlankLinesAndCrlf)
{
    const std::string text = "# a comment\r\n"
                             "\r\n"
                             + kVanguard1 + "\r\n" + kVanguard2 + "\r\n" + // lines 3-4
                             "0 ISS (ZARYA)\r\n" +                         // line 5
                             kSl6;                                         // lines 6-7, LF only
    const TleFile f = ParseTleText(text);
    ASSERT_TRUE(f.errors.empty()) << f.errors[0].line << ": " << f.errors[0].message;
    ASSERT_EQ(f.sets.size(), 2u);
    EXPECT_EQ(f.sets[0].name, "");
    EXPECT_EQ(f.sets[0].line, 3);
    EXPECT_EQ(f.sets[1].name, "ISS (ZARYA)"); // Space-Track's "0 " prefix is dropped
    EXPECT_EQ(f.sets[1].line, 6);
    EXPECT_EQ(f.sets[1].catalogNumber, 16925);
}

TEST(TleParser, ReadsImpliedDecimalAndExponentFields)
{
    const TleFile f = ParseTleText(kSl6);
    ASSERT_EQ(f.sets.size(), 1u);
    const Tle& t = f.sets[0];
    EXPECT_DOUBLE_EQ(t.nddot, -0.30915e-6); // "-30915-6"
    EXPECT_DOUBLE_EQ(t.bstar, 0.18784e-3);  // " 18784-3"
    EXPECT_DOUBLE_EQ(t.eccentricity, 0.5596327);
    EXPECT_DOUBLE_EQ(t.ndot, 0.02550794);

    // Other forms seen in SGP4-VER.TLE: exponent zero, explicit plus signs, tiny eccentricity.
    const std::string l1 = "1 29141U 85108AA  06170.26783845  .99999999  00000-0  13519-0 0   718";
    const std::string l2 = "2 29141  82.4288 273.4882 0000884 277.2124  83.9133 15.93343074  6828";
    const TleFile g = ParseTleText(l1 + "\n" + l2 + "\n");
    ASSERT_EQ(g.sets.size(), 1u);
    EXPECT_DOUBLE_EQ(g.sets[0].bstar, 0.13519);
    EXPECT_DOUBLE_EQ(g.sets[0].eccentricity, 0.0000884);
    EXPECT_EQ(g.sets[0].internationalDesignator, "85108AA");

    const std::string p1 = "1 20413U 83020D   05363.79166667  .00000000 +12345+1  00000+0 0  7041";
    const TleFile h = ParseTleText(p1 + "\n"
                                   + "2 20413  12.3514 187.4253 7864447 196.3027 356.5478  "
                                     "0.24690082  7978\n");
    ASSERT_EQ(h.sets.size(), 1u) << (h.errors.empty() ? "" : h.errors[0].message);
    EXPECT_DOUBLE_EQ(h.sets[0].nddot, 1.2345);
    EXPECT_DOUBLE_EQ(h.sets[0].bstar, 0.0);
}

TEST(TleParser, ChecksumMismatchIsAWarningAndTheSetIsKept)
{
    const std::string text
        = "NAME\n" + WithChecksum(kVanguard1, '9') + "\n" + WithChecksum(kVanguard2, '0') + "\n";
    const TleFile f = ParseTleText(text);
    EXPECT_TRUE(f.errors.empty());
    ASSERT_EQ(f.sets.size(), 1u);
    EXPECT_EQ(f.sets[0].catalogNumber, 5);
    ASSERT_EQ(f.warnings.size(), 2u);
    EXPECT_EQ(f.warnings[0].line, 2);
    EXPECT_NE(f.warnings[0].message.find("checksum"), std::string::npos);
    EXPECT_EQ(f.warnings[1].line, 3);
    EXPECT_EQ(TleChecksum(kVanguard1), 3);
    EXPECT_EQ(TleChecksum(kVanguard2), 7);
}

TEST(TleParser, GarbledLineIsAnErrorWithItsLineNumber)
{
    std::string bad1 = kVanguard1;
    bad1.replace(20, 3, "1x9"); // epoch day "1x9.78495062"
    const std::string text = "FIRST\n" + bad1 + "\n" + kVanguard2 + "\n" + // lines 1-3
                             "SECOND\n" + kVanguard1 + "\n" + kVanguard2 + "\n";
    const TleFile f = ParseTleText(text);
    ASSERT_EQ(f.errors.size(), 1u);
    EXPECT_EQ(f.errors[0].line, 2);
    EXPECT_NE(f.errors[0].message.find("columns 21-32"), std::string::npos) << f.errors[0].message;
    ASSERT_EQ(f.sets.size(), 1u); // reading went on
    EXPECT_EQ(f.sets[0].name, "SECOND");
    EXPECT_EQ(f.sets[0].line, 5);

    std::string bad2 = kVanguard2;
    bad2.replace(26, 7, "18596a7"); // eccentricity
    const TleFile g = ParseTleText("\n\n" + kVanguard1 + "\n" + bad2 + "\n");
    ASSERT_EQ(g.errors.size(), 1u);
    EXPECT_EQ(g.errors[0].line, 4);
    EXPECT_NE(g.errors[0].message.find("eccentricity"), std::string::npos);
    EXPECT_TRUE(g.sets.empty());

    // A truncated line 2 (mean motion cut off).
    const TleFile h = ParseTleText(kVanguard1 + "\n" + kVanguard2.substr(0, 55) + "\n");
    ASSERT_EQ(h.errors.size(), 1u);
    EXPECT_EQ(h.errors[0].line, 2);
}

TEST(TleParser, StructuralErrors)
{
    // Line 2 alone; a name with no element set; line 1 with no line 2; mismatched numbers.
    std::string other2 = kVanguard2;
    other2.replace(2, 5, "00006");
    const std::string text = kVanguard2 + "\n" +                       // 1: line 2 alone
                             "LONELY NAME\n" +                         // 2: not followed by line 1
                             "ANOTHER NAME\n" +                        // 3: followed by line 1
                             kVanguard1 + "\n" +                       // 4: no line 2 follows
                             "\n" + kVanguard1 + "\n" + other2 + "\n"; // 6-7: numbers differ
    const TleFile f = ParseTleText(text);
    EXPECT_TRUE(f.sets.empty());
    ASSERT_EQ(f.errors.size(), 4u);
    EXPECT_EQ(f.errors[0].line, 1);
    EXPECT_EQ(f.errors[1].line, 2);
    EXPECT_EQ(f.errors[2].line, 4);
    EXPECT_EQ(f.errors[3].line, 7);
    EXPECT_NE(f.errors[3].message.find("catalog number"), std::string::npos);
}

TEST(TleParser, ReadsAlpha5CatalogNumbers)
{
    std::string l1 = kVanguard1;
    std::string l2 = kVanguard2;
    l1.replace(2, 5, "A0001");
    l2.replace(2, 5, "A0001");
    TleFile f = ParseTleText(l1 + "\n" + l2 + "\n");
    ASSERT_EQ(f.sets.size(), 1u);
    EXPECT_EQ(f.sets[0].catalogNumber, 100001);
    l1.replace(2, 5, "Z9999");
    l2.replace(2, 5, "Z9999");
    f = ParseTleText(l1 + "\n" + l2 + "\n");
    ASSERT_EQ(f.sets.size(), 1u);
    EXPECT_EQ(f.sets[0].catalogNumber, 339999);
}

TEST(TleParser, ReadsTheVerificationRangeAfterColumn69)
{
    const std::string l2 = kVanguard2 + "     0.00      4320.0        360.00";
    const TleFile f = ParseTleText(kVanguard1 + "\n" + l2 + "\n");
    ASSERT_EQ(f.sets.size(), 1u);
    ASSERT_TRUE(f.sets[0].verification.has_value());
    EXPECT_DOUBLE_EQ(f.sets[0].verification->start_min, 0.0);
    EXPECT_DOUBLE_EQ(f.sets[0].verification->stop_min, 4320.0);
    EXPECT_DOUBLE_EQ(f.sets[0].verification->step_min, 360.0);
    EXPECT_TRUE(f.warnings.empty());
}

TEST(TleParser, ReadsTheWholeVerificationFile)
{
    const std::string path = "/usr/lib/python3/dist-packages/sgp4/SGP4-VER.TLE";
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        GTEST_SKIP() << path << " not found: install the Debian package python3-sgp4";
    }
    std::ostringstream os;
    os << in.rdbuf();
    const TleFile f = ParseTleText(os.str());
    EXPECT_TRUE(f.errors.empty());
    ASSERT_EQ(f.sets.size(), 33u);
    // The three made-up error-code cases (33333-33335) carry stale checksums.
    ASSERT_EQ(f.warnings.size(), 5u);
    EXPECT_EQ(f.warnings[0].line, 100);
    EXPECT_EQ(f.warnings[4].line, 107);
    for (const Tle& t : f.sets)
    {
        EXPECT_TRUE(t.verification.has_value()) << t.catalogNumber;
        EXPECT_EQ(t.name, "");
    }
    EXPECT_EQ(f.sets[0].line, 3);
    // 22312's start time has more digits than the others.
    EXPECT_DOUBLE_EQ(f.sets[11].verification->start_min, 54.2028672);
}

TEST(TleParser, NonDigitInTheChecksumColumnIsAWarning)
{
    // Column 69 holds the checksum digit; a letter there (a shifted or damaged line) cannot be
    // checked. A blank column 69 (no checksum given) stays silent.
    const std::string text = WithChecksum(kVanguard1, 'X') + "\n" + kVanguard2 + "\n";
    const TleFile f = ParseTleText(text);
    EXPECT_TRUE(f.errors.empty());
    ASSERT_EQ(f.sets.size(), 1u);
    ASSERT_EQ(f.warnings.size(), 1u);
    EXPECT_EQ(f.warnings[0].line, 1);
    EXPECT_NE(f.warnings[0].message.find("'X' in column 69"), std::string::npos) << f.warnings[0].message;
    const TleFile blank = ParseTleText(WithChecksum(kVanguard1, ' ') + "\n" + kVanguard2 + "\n");
    EXPECT_TRUE(blank.warnings.empty());
    ASSERT_EQ(blank.sets.size(), 1u);
}

} // namespace
} // namespace sagin
