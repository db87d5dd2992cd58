// `sagin ephemeris`: CSV columns and rows, the time grid, node filters, CZML as valid JSON,
// and the --tle mode. Positions themselves are tested against closed forms in tests/orbit.
#include "../common/temp-dir.h"
#include "cli-test-util.h"
#include "core/model/diagnostics.h"
#include "scenario/model/ephemeris.h"

#include <cmath>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>

using namespace sagin::test;

static std::vector<std::string>
Split(const std::string& line)
{
    std::vector<std::string> f;
    std::istringstream in(line);
    std::string x;
    while (std::getline(in, x, ','))
    {
        f.push_back(x);
    }
    return f;
}

TEST(EphemerisCommand, CsvRowsColumnsAndTimes)
{
    auto r = RunSagin({"ephemeris",
                       SourceDir() + "/scenarios/starlink-shell1.txtpb",
                       "--duration",
                       "120",
                       "--step",
                       "60",
                       "--nodes",
                       "^shell1-0-"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 1u + 3u * 22u);
    EXPECT_EQ(lines[0], "t_s,node,role,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit");
    EXPECT_EQ(lines[1].rfind("0.000,shell1-0-0,sat,", 0), 0u);
    EXPECT_EQ(lines.back().rfind("120.000,shell1-0-21,sat,", 0), 0u);
    for (size_t i = 1; i < lines.size(); ++i)
    {
        auto f = Split(lines[i]);
        ASSERT_EQ(f.size(), 10u);
        double x = std::stod(f[3]);
        double y = std::stod(f[4]);
        double z = std::stod(f[5]);
        // 550 km above the equatorial radius: the geocentric radius is exact.
        EXPECT_NEAR(std::sqrt(x * x + y * y + z * z), 6378137.0 + 550e3, 0.01);
        // Geodetic altitude varies with latitude by up to about 21.4 km (WGS84 polar flattening).
        EXPECT_GT(std::stod(f[8]), 549e3);
        EXPECT_LT(std::stod(f[8]), 572e3);
        EXPECT_LE(std::fabs(std::stod(f[6])), 53.2);
        // The visible fraction of the solar disc (tests/orbit/sun-eclipse-test.cc checks it).
        EXPECT_GE(std::stod(f[9]), 0.0);
        EXPECT_LE(std::stod(f[9]), 1.0);
    }
}

TEST(EphemerisCommand, CzmlIsJsonWithOnePacketPerNode)
{
    TempDir dir;
    std::string out = dir.Path() + "/e.czml";
    auto r = RunSagin({"ephemeris",
                       SourceDir() + "/scenarios/aerial-kenya.txtpb",
                       "--format",
                       "czml",
                       "--duration",
                       "600",
                       "--out",
                       out});
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream in(out);
    std::stringstream ss;
    ss << in.rdbuf();
    google::protobuf::ListValue list;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(ss.str(), &list).ok());
    ASSERT_GE(list.values_size(), 2);
    EXPECT_EQ(list.values(0).struct_value().fields().at("id").string_value(), "document");
}

TEST(EphemerisCommand, TleModeAndErrors)
{
    TempDir dir;
    auto tle = dir.Write("iss.tle",
                         "ISS (ZARYA)\n"
                         "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
                         "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n");
    auto r = RunSagin(
        {"ephemeris", "--tle", tle, "--start-utc", "2008-09-20T12:25:40Z", "--duration", "600"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 12u);
    EXPECT_EQ(lines[1].rfind("0.000,ISS (ZARYA),sat,", 0), 0u) << lines[1];
    double alt = std::stod(Split(lines[1])[8]);
    EXPECT_GT(alt, 330e3);
    EXPECT_LT(alt, 370e3);

    EXPECT_EQ(RunSagin({"ephemeris", "--tle", tle}).status, 2);
    EXPECT_EQ(
        RunSagin({"ephemeris", SourceDir() + "/scenarios/geo-trio.txtpb", "--step", "0"}).status,
        2);
    EXPECT_EQ(
        RunSagin({"ephemeris", SourceDir() + "/scenarios/geo-trio.txtpb", "--nodes", "("}).status,
        2);
    EXPECT_EQ(RunSagin({"ephemeris", dir.Path() + "/absent.txtpb"}).status, 2);
}

namespace
{

/// Moves along x at 1 km/s from (7000 km, 0, 0): positions by hand at any t.
class LineTrajectory : public sagin::Trajectory
{
  public:
    sagin::StateVector StateAt(double t) const override
    {
        return {{7.0e6 + 1.0e3 * t, 0.0, 0.0}, {1.0e3, 0.0, 0.0}};
    }
};

std::vector<std::string>
TimesErrors(double start, double duration, double step)
{
    try
    {
        sagin::EphemerisTimes(start, duration, step);
    }
    catch (const sagin::InputError& e)
    {
        return e.Lines();
    }
    return {};
}

} // namespace

// The time grid: t = start + k * step for k * step <= duration, and the limits that keep a tiny
// or denormal step from asking for an unbounded number of samples.
TEST(Ephemeris, TimesAndTheirLimits)
{
    // 10 + k * 0.25 for k = 0..4 (4 * 0.25 = 1 = duration).
    EXPECT_EQ(sagin::EphemerisTimes(10.0, 1.0, 0.25),
              (std::vector<double>{10.0, 10.25, 10.5, 10.75, 11.0}));
    // 0.3 / 0.1 is 2.9999999999999996 in binary; the 1e-9 tolerance keeps the last sample.
    EXPECT_EQ(sagin::EphemerisTimes(0.0, 0.3, 0.1).size(), 4u);
    EXPECT_EQ(sagin::EphemerisTimes(0.0, 0.0, 60.0), (std::vector<double>{0.0}));
    // The minimum step itself: 1 s / 1 ms + 1 = 1001 samples.
    EXPECT_EQ(sagin::EphemerisTimes(0.0, 1.0, sagin::kEphemerisMinStep_s).size(), 1001u);
    for (double step : {0.0, -1.0, 1e-320, 4.9e-324, 5e-4, std::nan("")})
    {
        SCOPED_TRACE(step);
        const auto errors = TimesErrors(0.0, 60.0, step);
        ASSERT_EQ(errors.size(), 1u);
        EXPECT_EQ(errors[0].rfind("step: must be at least 0.001 s", 0), 0u) << errors[0];
    }
    // 1e5 s every 1 ms is 1e8 + 1 samples, over the 1e7 limit; 1e4 s every 1 ms is 1e7 + 1.
    EXPECT_EQ(TimesErrors(0.0, 1e5, 1e-3).size(), 1u);
    EXPECT_EQ(TimesErrors(0.0, 1e4, 1e-3).size(), 1u);
    EXPECT_TRUE(TimesErrors(0.0, 9999.5, 1e-3).empty()); // 9999501 samples
    // Every error at once.
    EXPECT_EQ(TimesErrors(std::nan(""), -1.0, 0.0).size(), 3u);
}

// The CZML writer without the binary: the document packet's clock, a fixed node's one position,
// a moving node's samples (seconds after the first time, then x y z).
TEST(Ephemeris, CzmlPackets)
{
    std::vector<sagin::EphemerisNode> nodes = {
        {"gw", "gw", std::make_shared<sagin::FixedTrajectory>(sagin::Vec3{6378137.0, 0.0, 0.0})},
        {"sat", "sat", std::make_shared<LineTrajectory>()},
    };
    std::ostringstream os;
    sagin::WriteEphemerisCzml(
        os, nodes, {60.0, 120.0}, sagin::UtcEpoch::Parse("2026-01-01T00:00:00Z"), "doc");
    google::protobuf::Value v;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(os.str(), &v).ok()) << os.str();
    const auto& packets = v.list_value().values();
    ASSERT_EQ(packets.size(), 3);
    const auto& doc = packets[0].struct_value().fields();
    EXPECT_EQ(doc.at("clock").struct_value().fields().at("interval").string_value(),
              "2026-01-01T00:01:00.000Z/2026-01-01T00:02:00.000Z");
    const auto& fixed = packets[1].struct_value().fields().at("position").struct_value().fields();
    ASSERT_EQ(fixed.at("cartesian").list_value().values_size(), 3);
    EXPECT_EQ(fixed.at("cartesian").list_value().values(0).number_value(), 6378137.0);
    const auto& moving = packets[2].struct_value().fields().at("position").struct_value().fields();
    const auto& c = moving.at("cartesian").list_value().values();
    ASSERT_EQ(c.size(), 8);
    // t = 60 s: x = 7e6 + 60e3 = 7.06e6 m at offset 0; t = 120 s: x = 7.12e6 m at offset 60 s.
    EXPECT_EQ(c[0].number_value(), 0.0);
    EXPECT_EQ(c[1].number_value(), 7.06e6);
    EXPECT_EQ(c[4].number_value(), 60.0);
    EXPECT_EQ(c[5].number_value(), 7.12e6);
    EXPECT_EQ(moving.at("epoch").string_value(), "2026-01-01T00:01:00.000Z");
}

// A tiny, denormal or too fine --step is bad input (exit 2, naming --step), not a crash.
TEST(EphemerisCommand, TinyStepIsAnError)
{
    for (const std::string step : {"1e-320", "0.0001", "-0"})
    {
        SCOPED_TRACE(step);
        auto r = RunSagin({"ephemeris",
                           SourceDir() + "/scenarios/geo-trio.txtpb",
                           "--format",
                           "czml",
                           "--step",
                           step});
        EXPECT_EQ(r.status, 2) << r.err;
        EXPECT_NE(r.err.find("--step"), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty());
    }
    auto r = RunSagin({"ephemeris",
                       SourceDir() + "/scenarios/geo-trio.txtpb",
                       "--duration",
                       "1e5",
                       "--step",
                       "0.001"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("samples"), std::string::npos) << r.err;
}

// The flags' errors come together, before any file is read.
TEST(EphemerisCommand, FlagErrorsAllAtOnce)
{
    auto r = RunSagin(
        {"ephemeris", "/nonexistent.txtpb", "--format", "kml", "--step", "1e-9", "--nodes", "("});
    EXPECT_EQ(r.status, 2) << r.err;
    for (const char* expected : {"--format must be csv, czml or eclipses",
                                 "--step: must be at least 0.001 s",
                                 "--nodes: invalid"})
    {
        EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
    }
}

TEST(EphemerisCommand, EclipsesOfALeoSatellite)
{
    // A 550 km satellite over 3 h: bounds from the closed form (docs/models.md#sun-and-eclipses).
    // In the cylinder it spends at most (1/pi) acos(sqrt(h^2 + 2Rh) / r) = 0.372311 of its
    // 5739.0 s orbit = 2136.7 s per eclipse, and the umbra is shorter than that; each penumbra
    // crossing takes at least 2a / n = 8.495 s (a the Sun's angular radius, n the mean motion;
    // longer when the orbit meets the shadow's edge obliquely), so a whole eclipse's penumbra
    // outlasts its umbra by at least 17.0 s.
    auto r = RunSaginVerbose({"ephemeris",
                              SourceDir() + "/scenarios/starlink-shell1.txtpb",
                              "--format",
                              "eclipses",
                              "--duration",
                              "10800",
                              "--nodes",
                              "^shell1-0-0$"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(lines[0], "node,role,shadow,begin_s,end_s,duration_s");
    EXPECT_NE(r.err.find("eclipses: 1 nodes in the Earth's shadow"), std::string::npos) << r.err;
    int whole = 0;
    for (size_t i = 1; i + 1 < lines.size(); ++i)
    {
        auto pen = Split(lines[i]);
        if (pen[2] != "penumbra")
        {
            continue;
        }
        auto umb = Split(lines[i + 1]);
        ASSERT_EQ(umb[2], "umbra") << lines[i + 1];
        const double b0 = std::stod(pen[3]);
        const double b1 = std::stod(umb[3]);
        const double e0 = std::stod(pen[4]);
        const double e1 = std::stod(umb[4]);
        EXPECT_LE(b0, b1);
        EXPECT_GE(e0, e1);
        if (b0 > 0.0 && e0 < 10800.0)
        {
            ++whole;
            EXPECT_LT(std::stod(umb[5]), 2136.7);
            EXPECT_GT(std::stod(pen[5]) - std::stod(umb[5]), 16.99);
        }
    }
    EXPECT_GE(whole, 1);
}

// --standard adds the standard's links to the CZML (their intervals are checked against the
// topology controller in tests/view/czml-test.cc); it is refused with CSV (exit 2).
TEST(EphemerisCommand, CzmlWithAStandardHasLinkPackets)
{
    const std::string scenario = SourceDir() + "/scenarios/quickstart.txtpb";
    const std::string standard = SourceDir() + "/scenarios/standards/sagin-multilayer.txtpb";
    auto r = RunSagin({"ephemeris",
                       scenario,
                       "--format",
                       "czml",
                       "--standard",
                       standard,
                       "--duration",
                       "20",
                       "--step",
                       "10",
                       "-q"});
    ASSERT_EQ(r.status, 0) << r.err;
    google::protobuf::ListValue list;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &list).ok());
    int links = 0;
    for (const auto& p : list.values())
    {
        const auto& f = p.struct_value().fields();
        if (f.at("id").string_value().rfind("link/", 0) == 0)
        {
            ++links;
            EXPECT_EQ(f.at("polyline")
                          .struct_value()
                          .fields()
                          .at("positions")
                          .struct_value()
                          .fields()
                          .at("references")
                          .list_value()
                          .values_size(),
                      2);
        }
    }
    EXPECT_GT(links, 0);
    auto bad = RunSagin({"ephemeris", scenario, "--standard", standard});
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("--standard (the links of CZML) needs a SCENARIO and --format czml"),
              std::string::npos)
        << bad.err;
}
