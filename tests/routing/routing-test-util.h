// Helpers of the routing tests: worlds and standards from text, and geometry computed
// independently of the code under test (own WGS84 formulas, no GeographicLib).
#ifndef SAGIN_TESTS_ROUTING_TEST_UTIL_H
#define SAGIN_TESTS_ROUTING_TEST_UTIL_H

#include "core/model/vec3.h"
#include "routing/model/standard-policy.h"
#include "sagin/v1/scenario.pb.h"
#include "sagin/v1/standard.pb.h"
#include "scenario/model/world.h"

#include <memory>
#include <string>

namespace sagin::test
{

/// Speed of light (m/s), written here rather than taken from the code under test.
constexpr double kC = 299792458.0;

/// Parses a Scenario written in text format (throws InputError like the command would).
v1::Scenario ScenarioFromText(const std::string& text);
/// Loads a shipped scenario (path relative to the source folder).
v1::Scenario ShippedScenario(const std::string& relativePath);
/// Builds the world of a scenario (relative TLE paths resolve against the source folder).
std::unique_ptr<World> MakeWorld(const v1::Scenario& scenario);

/// Parses a Standard written in text format and checks that it validates.
v1::Standard StandardFromText(const std::string& text);
/// Resolves a standard for a world (the policy keeps no reference to the proto).
StandardPolicy Resolve(const v1::Standard& standard, const World& world);

/// WGS84 geodetic -> ECEF (m), closed form (a = 6378137 m, f = 1/298.257223563).
Vec3 Wgs84ToEcef(double lat_deg, double lon_deg, double alt_m);
/// Unit ellipsoid normal at a geodetic latitude and longitude.
Vec3 Wgs84Up(double lat_deg, double lon_deg);
/// Elevation (deg) of `target` seen from `observer` whose ellipsoid normal is `up`.
double ElevationDeg(const Vec3& observer, const Vec3& up, const Vec3& target);

/// Index of a node by name; fails the test (returns -1) when absent.
int NodeIndex(const World& world, const std::string& name);

} // namespace sagin::test

#endif
