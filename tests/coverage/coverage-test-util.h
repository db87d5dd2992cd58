// Helpers of the coverage tests: worlds and standards from text, and geometry written here,
// independently of the code under test (closed-form WGS84, no GeographicLib).
#ifndef SAGIN_TESTS_COVERAGE_TEST_UTIL_H
#define SAGIN_TESTS_COVERAGE_TEST_UTIL_H

#include "core/model/vec3.h"
#include "coverage/model/coverage-engine.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/standard-policy.h"
#include "scenario/model/world.h"

#include <memory>
#include <string>

namespace sagin::test
{

/// A world, a resolved standard and the link-state builder over them, built from text.
struct CoverageSetup
{
    std::unique_ptr<World> world;
    std::unique_ptr<StandardPolicy> policy;
    std::unique_ptr<LinkStateBuilder> builder;
};

/// Parses a Scenario and a Standard written in text format (both must validate).
CoverageSetup MakeSetup(const std::string& scenarioText, const std::string& standardText);

/// Samples an engine at t = t0, t0 + step, ... (count samples of weight `step`).
void SampleEvery(
    CoverageEngine& engine, const LinkStateBuilder& builder, double t0, double step, int count);

constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257223563;
constexpr double kPiT = 3.14159265358979323846;

/// WGS84 geodetic -> ECEF (m).
Vec3 Ecef(double lat_deg, double lon_deg, double alt_m);
/// Unit ellipsoid normal at a geodetic latitude and longitude.
Vec3 Up(double lat_deg, double lon_deg);
/// Geodetic elevation (deg) of `target` from a point at geodetic lat/lon/alt.
double ElevationDeg(double lat_deg, double lon_deg, double alt_m, const Vec3& target);
/// Spherical cap geometry of docs/models.md#coverage-geometry: Earth central angle (rad) of the footprint of
/// a satellite at altitude h (m) above a sphere of radius R (m) with minimum elevation eps (deg).
double CentralAngle(double R, double h, double eps_deg);

} // namespace sagin::test

#endif
