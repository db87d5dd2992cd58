// `sagin ephemeris`: CSV columns and rows, the time grid, node filters, CZML as valid JSON,
// and the --tle mode. Positions themselves are tested against closed forms in tests/orbit.
#include "cli-test-util.h"

#include "../common/temp-dir.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <cmath>
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
    EXPECT_EQ(lines[0], "t_s,node,role,x_m,y_m,z_m,lat_deg,lon_deg,alt_m");
    EXPECT_EQ(lines[1].rfind("0.000,shell1-0-0,sat,", 0), 0u);
    EXPECT_EQ(lines.back().rfind("120.000,shell1-0-21,sat,", 0), 0u);
    for (size_t i = 1; i < lines.size(); ++i)
    {
        auto f = Split(lines[i]);
        ASSERT_EQ(f.size(), 9u);
        double x = std::stod(f[3]);
        double y = std::stod(f[4]);
        double z = std::stod(f[5]);
        // 550 km above the equatorial radius: the geocentric radius is exact.
        EXPECT_NEAR(std::sqrt(x * x + y * y + z * z), 6378137.0 + 550e3, 0.01);
        // Geodetic altitude varies with latitude by up to about 21.4 km (WGS84 polar flattening).
        EXPECT_GT(std::stod(f[8]), 549e3);
        EXPECT_LT(std::stod(f[8]), 572e3);
        EXPECT_LE(std::fabs(std::stod(f[6])), 53.2);
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
    auto r = RunSagin({"ephemeris", "--tle", tle, "--start-utc", "2008-09-20T12:25:40Z", "--duration", "600"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 12u);
    EXPECT_EQ(lines[1].rfind("0.000,ISS (ZARYA),sat,", 0), 0u) << lines[1];
    double alt = std::stod(Split(lines[1])[8]);
    EXPECT_GT(alt, 330e3);
    EXPECT_LT(alt, 370e3);

    EXPECT_EQ(RunSagin({"ephemeris", "--tle", tle}).status, 2);
    EXPECT_EQ(RunSagin({"ephemeris", SourceDir() + "/scenarios/geo-trio.txtpb", "--step", "0"}).status, 2);
    EXPECT_EQ(RunSagin({"ephemeris", SourceDir() + "/scenarios/geo-trio.txtpb", "--nodes", "("}).status, 2);
    EXPECT_EQ(RunSagin({"ephemeris", dir.Path() + "/absent.txtpb"}).status, 2);
}
