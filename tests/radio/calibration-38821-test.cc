// The TR 38.821 calibration: shape and ranges of a case (SINR <= SIR, FR3 above FR1, coupling
// loss above its physical floor), deterministic drops, and the command end to end.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "core/model/atomic-file.h"
#include "radio/model/calibration-38821.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

namespace sagin
{
namespace
{

Tr38821Case
Leo600Ka(FrequencyReuse r)
{
    return {1, Tr38821Orbit::kLeo600, Tr38821Band::kKa, r};
}

TEST(Calibration38821, ThirtyDownlinkCases)
{
    auto cases = Tr38821DownlinkCases();
    EXPECT_EQ(cases.size(), 30u); // 2 sets x 3 orbits x (Ka FR1/FR3/FR4 + S FR1/FR3)
    EXPECT_EQ(cases.front().Id(), "set1-geo-ka-fr1");
    EXPECT_EQ(Tr38821BeamCount(FrequencyReuse::kFr1), 61);
    EXPECT_EQ(Tr38821BeamCount(FrequencyReuse::kFr3), 127);
}

TEST(Calibration38821, GeometryOfTheCase)
{
    // LEO-600 at nadir: the satellite is h above the central beam's centre (0, 0, R).
    auto p = Tr38821Payload(Leo600Ka(FrequencyReuse::kFr1));
    EXPECT_NEAR(Distance(p.Position(), Vec3(0, 0, 6371e3 + 600e3)), 0.0, 1e-6);
    // GEO at 45 deg: the central beam's centre sees the satellite at 45 deg elevation.
    auto g = Tr38821Payload({1, Tr38821Orbit::kGeo, Tr38821Band::kKa, FrequencyReuse::kFr1});
    auto c = g.BeamGroundCentre(0, 6371e3);
    ASSERT_TRUE(c.has_value());
    Vec3 d = g.Position() - *c;
    EXPECT_NEAR(
        std::asin(Dot(d, *c) / Norm(d) / Norm(*c)) * 180.0 / 3.14159265358979323846, 45.0, 1e-9);
    // Slant range at 45 deg (TR 38.811): sqrt(R^2 sin^2 e + h^2 + 2 h R) - R sin e.
    const double R = 6371e3, h = 35786e3, s = std::sin(3.14159265358979323846 / 4);
    EXPECT_NEAR(Norm(d), std::sqrt(R * R * s * s + h * h + 2 * h * R) - R * s, 1e-3);
}

TEST(Calibration38821, Leo600KaShapeAndOrdering)
{
    Tr38821Options o;
    auto fr1 = RunTr38821Case(Leo600Ka(FrequencyReuse::kFr1), o);
    auto fr3 = RunTr38821Case(Leo600Ka(FrequencyReuse::kFr3), o);
    for (const auto* r : {&fr1, &fr3})
    {
        ASSERT_EQ(r->terminals.size(), 190u);
        std::vector<int> perBeam(19, 0);
        // Floor of the coupling loss: FSPL over the shortest range (h) minus the peak gains,
        // 174.03 - 38.5 - 39.7 = 95.83 dB.
        const double floor = 32.45 + 20 * std::log10(20.0) + 20 * std::log10(600e3) - 38.5 - 39.7;
        for (const auto& t : r->terminals)
        {
            perBeam[t.beam]++;
            EXPECT_EQ(t.sinr.servingBeam, t.beam);
            EXPECT_LE(t.sinr.sinrDb, t.sinr.sirDb);
            EXPECT_GE(t.sinr.couplingLossDb, floor - 1e-9);
            // Inside its best-server region a terminal is within a few dB of its beam's peak.
            EXPECT_LE(t.sinr.couplingLossDb, floor + 10.0);
        }
        for (int n : perBeam)
        {
            EXPECT_EQ(n, 10);
        }
        EXPECT_LE(r->couplingLossDb[0], r->couplingLossDb[1]);
        EXPECT_LE(r->couplingLossDb[1], r->couplingLossDb[2]);
        EXPECT_LE(r->sinrDb[1], r->sirDb[1]);
        EXPECT_FALSE(r->reported.has_value()); // the TR's values were not found (n/a)
    }
    // FR3 removes the adjacent co-channel beams: its SIR is well above FR1's at every point.
    for (int k = 0; k < 3; ++k)
    {
        EXPECT_GT(fr3.sirDb[k], fr1.sirDb[k] + 3.0);
    }
    // FR1 at the beam edge is interference-limited: at most a few dB of SIR at 5 %.
    EXPECT_LT(fr1.sirDb[0], 3.0);
}

TEST(Calibration38821, DropsAreDeterministic)
{
    Tr38821Options o;
    o.terminalsPerBeam = 3;
    auto a = RunTr38821Case(Leo600Ka(FrequencyReuse::kFr3), o);
    auto b = RunTr38821Case(Leo600Ka(FrequencyReuse::kFr3), o);
    ASSERT_EQ(a.terminals.size(), b.terminals.size());
    for (std::size_t i = 0; i < a.terminals.size(); ++i)
    {
        EXPECT_EQ(a.terminals[i].sinr.couplingLossDb, b.terminals[i].sinr.couplingLossDb);
        EXPECT_EQ(a.terminals[i].sinr.sinrDb, b.terminals[i].sinr.sinrDb);
    }
    EXPECT_EQ(FormatTr38821Csv({a}), FormatTr38821Csv({b}));
    o.seed = 2;
    auto c = RunTr38821Case(Leo600Ka(FrequencyReuse::kFr3), o);
    EXPECT_NE(a.terminals[0].sinr.couplingLossDb, c.terminals[0].sinr.couplingLossDb);
}

TEST(Calibration38821, CommandWritesTheTable)
{
    test::TempDir dir;
    const std::string out = dir.Path() + "/cal";
    auto r = test::RunSagin({"calibrate-38821", "--case", "^set1-leo600-ka", "--out", out});
    ASSERT_EQ(r.status, 0) << r.err;
    std::string csv = ReadFile(out + "/calibration-38821.csv");
    // Header + FR1, FR3, FR4.
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
    EXPECT_NE(csv.find("\nset1-leo600-ka-fr3,1,leo600,ka,fr3,127,"), std::string::npos);
    EXPECT_NE(csv.find(",n/a,n/a"), std::string::npos);
    std::string json = ReadFile(out + "/calibration-38821.json");
    EXPECT_NE(json.find("\"p50_tr\": null"), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(out + "/calibration-38821.txt"));
    EXPECT_TRUE(std::filesystem::exists(out + "/calibration-38821.md"));
    // No temporaries left.
    for (const auto& e : std::filesystem::directory_iterator(out))
    {
        EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos);
    }
    // Bad input: exit status 2 with the flag named.
    r = test::RunSagin({"calibrate-38821", "--case", "nothing-like-this"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--case"), std::string::npos) << r.err;
    r = test::RunSagin({"calibrate-38821", "--terminals-per-beam", "0"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--terminals-per-beam"), std::string::npos) << r.err;
    r = test::RunSagin({"calibrate-38821", "--case", "("});
    EXPECT_EQ(r.status, 2);
}

TEST(Calibration38821, CommittedTableIsCurrent)
{
    // docs/calibration/ is what `sagin calibrate-38821 --out docs/calibration` writes.
    std::vector<Tr38821CaseResult> results;
    for (const auto& c : Tr38821DownlinkCases())
    {
        results.push_back(RunTr38821Case(c, Tr38821Options{}));
    }
    const std::string dir = std::string(SAGIN_SOURCE_DIR) + "/docs/calibration/calibration-38821";
    // Field by field: text equal, numbers within one unit of the last printed digit (a build with
    // other optimisation flags may round a last digit the other way).
    auto split = [](const std::string& text, char sep)
    {
        std::vector<std::string> parts;
        std::string cur;
        for (char ch : text)
        {
            if (ch == sep)
            {
                parts.push_back(cur);
                cur.clear();
            }
            else
            {
                cur += ch;
            }
        }
        parts.push_back(cur);
        return parts;
    };
    const auto committed = split(ReadFile(dir + ".csv"), '\n');
    const auto produced = split(FormatTr38821Csv(results), '\n');
    ASSERT_EQ(committed.size(), produced.size())
        << "regenerate: tools/sagin calibrate-38821 --out docs/calibration";
    for (std::size_t i = 0; i < committed.size(); ++i)
    {
        const auto a = split(committed[i], ',');
        const auto b = split(produced[i], ',');
        ASSERT_EQ(a.size(), b.size()) << "line " << i + 1;
        for (std::size_t k = 0; k < a.size(); ++k)
        {
            char* endA = nullptr;
            char* endB = nullptr;
            const double x = std::strtod(a[k].c_str(), &endA);
            const double y = std::strtod(b[k].c_str(), &endB);
            if (!a[k].empty() && *endA == '\0' && !b[k].empty() && *endB == '\0')
            {
                EXPECT_NEAR(x, y, 1.5e-3)
                    << "line " << i + 1 << " field " << k + 1
                    << "; regenerate: tools/sagin calibrate-38821 --out docs/calibration";
            }
            else
            {
                EXPECT_EQ(a[k], b[k]) << "line " << i + 1 << " field " << k + 1;
            }
        }
    }
}

} // namespace
} // namespace sagin
