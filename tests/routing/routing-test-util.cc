#include "routing-test-util.h"

#include "scenario/model/text-input.h"
#include "scenario/model/validate-standard.h"

#include <cmath>
#include <gtest/gtest.h>

namespace sagin::test
{

v1::Scenario
ScenarioFromText(const std::string& text)
{
    v1::Scenario s;
    ParseTextInto("<test scenario>", text, s);
    return s;
}

v1::Scenario
ShippedScenario(const std::string& relativePath)
{
    return LoadTextInputAs<v1::Scenario>(std::string(SAGIN_SOURCE_DIR) + "/" + relativePath);
}

std::unique_ptr<World>
MakeWorld(const v1::Scenario& scenario)
{
    return std::make_unique<World>(BuildWorld(scenario, SAGIN_SOURCE_DIR, "<test scenario>"));
}

v1::Standard
StandardFromText(const std::string& text)
{
    v1::Standard s;
    ParseTextInto("<test standard>", text, s);
    ErrorList errors = ValidateStandard(s);
    for (const auto& line : errors.Format("<test standard>"))
    {
        ADD_FAILURE() << line;
    }
    return s;
}

StandardPolicy
Resolve(const v1::Standard& standard, const World& world)
{
    return ResolveStandard(standard, world, "<test standard>");
}

Vec3
Wgs84ToEcef(double lat_deg, double lon_deg, double alt_m)
{
    const double a = 6378137.0;
    const double f = 1.0 / 298.257223563;
    const double e2 = f * (2.0 - f);
    const double phi = lat_deg * M_PI / 180.0;
    const double lam = lon_deg * M_PI / 180.0;
    const double n = a / std::sqrt(1.0 - e2 * std::sin(phi) * std::sin(phi));
    return {(n + alt_m) * std::cos(phi) * std::cos(lam),
            (n + alt_m) * std::cos(phi) * std::sin(lam),
            (n * (1.0 - e2) + alt_m) * std::sin(phi)};
}

Vec3
Wgs84Up(double lat_deg, double lon_deg)
{
    const double phi = lat_deg * M_PI / 180.0;
    const double lam = lon_deg * M_PI / 180.0;
    return {std::cos(phi) * std::cos(lam), std::cos(phi) * std::sin(lam), std::sin(phi)};
}

double
ElevationDeg(const Vec3& observer, const Vec3& up, const Vec3& target)
{
    Vec3 d = target - observer;
    return std::asin(Dot(up, d) / Norm(d)) * 180.0 / M_PI;
}

int
NodeIndex(const World& world, const std::string& name)
{
    int idx = world.Find(name);
    EXPECT_GE(idx, 0) << "no node named " << name;
    return idx;
}

} // namespace sagin::test
