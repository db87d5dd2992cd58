// --set and study axes: SetField by path, every kind of field, and errors naming the path.
#include "scenario/model/field-override.h"

#include "sagin/v1/scenario.pb.h"
#include "sagin/v1/standard.pb.h"

#include <gtest/gtest.h>

using namespace sagin;

TEST(FieldOverride, SetsScalarsEnumsMessagesAndLists)
{
    v1::Scenario s;
    auto* w = s.add_shells()->mutable_walker();
    w->set_planes(3);
    s.add_shells()->mutable_geo()->add_longitudes_deg(1.0);
    EXPECT_EQ(SetField(s, "shells[0].walker.planes", "40"), "");
    EXPECT_EQ(s.shells(0).walker().planes(), 40u);
    EXPECT_EQ(SetField(s, "shells[0].walker.altitude_km", "1100.5"), "");
    EXPECT_DOUBLE_EQ(s.shells(0).walker().altitude_km(), 1100.5);
    EXPECT_EQ(SetField(s, "shells[0].walker.pattern", "STAR"), "");
    EXPECT_EQ(s.shells(0).walker().pattern(), v1::WalkerShell::STAR);
    EXPECT_EQ(SetField(s, "shells[0].walker.no_j2_drift", "true"), "");
    EXPECT_TRUE(s.shells(0).walker().no_j2_drift());
    EXPECT_EQ(SetField(s, "name", "\"x y\""), "");
    EXPECT_EQ(s.name(), "x y");
    EXPECT_EQ(SetField(s, "shells[1].geo.longitudes_deg", "[10, 20, 30]"), "");
    ASSERT_EQ(s.shells(1).geo().longitudes_deg_size(), 3);
    EXPECT_EQ(SetField(s, "shells[1].geo.longitudes_deg[1]", "25"), "");
    EXPECT_DOUBLE_EQ(s.shells(1).geo().longitudes_deg(1), 25.0);
    EXPECT_DOUBLE_EQ(s.shells(1).geo().longitudes_deg(2), 30.0);
    EXPECT_EQ(SetField(s, "coverage.region", "{lat_min_deg: 1 lat_max_deg: 2 lon_min_deg: 3 lon_max_deg: 4}"), "");
    EXPECT_DOUBLE_EQ(s.coverage().region().lon_max_deg(), 4.0);
    std::string v;
    ASSERT_TRUE(GetField(s, "shells[0].walker.planes", v));
    EXPECT_EQ(v, "40");

    v1::Standard std;
    EXPECT_EQ(SetField(std, "access_layers", "[GROUND, SPACE]"), "");
    ASSERT_EQ(std.access_layers_size(), 2);
    EXPECT_EQ(std.access_layers(1), v1::Node::SPACE);
}

TEST(FieldOverride, ErrorsSayWhatIsWrong)
{
    v1::Scenario s;
    s.add_shells()->mutable_walker();
    EXPECT_NE(SetField(s, "shells[0].walker.plane", "3").find("no field 'plane' in sagin.v1.WalkerShell"), std::string::npos);
    EXPECT_NE(SetField(s, "shells[1].walker.planes", "3").find("index 1 out of range: 'shells' has 1 element"), std::string::npos);
    EXPECT_NE(SetField(s, "shells.walker.planes", "3").find("give an index"), std::string::npos);
    EXPECT_NE(SetField(s, "shells[0].walker.planes", "7.5").find("expected an integer, got '7.5'"), std::string::npos);
    EXPECT_NE(SetField(s, "shells[0].walker.planes", "-1").find("non-negative"), std::string::npos);
    EXPECT_NE(SetField(s, "shells[0].walker.pattern", "HEX").find("expected one of DELTA, STAR"), std::string::npos);
    EXPECT_NE(SetField(s, "seed.x", "1").find("'seed' is not a message"), std::string::npos);
    EXPECT_NE(SetField(s, "shells[0].walker.altitude_km", "abc").find("expected a number"), std::string::npos);
    RootedOverride o;
    EXPECT_EQ(ParseOverride("standard.regen.visibility.space_deg=25", o), "");
    EXPECT_EQ(o.standard, "regen");
    EXPECT_EQ(o.path, "visibility.space_deg");
    EXPECT_EQ(o.value, "25");
    EXPECT_NE(ParseOverride("shells[0].walker.planes=3", o), "");
    EXPECT_NE(ParseOverride("scenario.name", o), "");
}
