#include "coverage-test-util.h"

#include "scenario/model/text-input.h"
#include "scenario/model/validate-standard.h"

#include <cmath>
#include <gtest/gtest.h>

namespace sagin::test
{

CoverageSetup
MakeSetup(const std::string& scenarioText, const std::string& standardText)
{
    CoverageSetup s;
    v1::Scenario scenario;
    ParseTextInto("<test scenario>", scenarioText, scenario);
    s.world = std::make_unique<World>(BuildWorld(scenario, SAGIN_SOURCE_DIR, "<test scenario>"));
    v1::Standard standard;
    ParseTextInto("<test standard>", standardText, standard);
    for (const auto& line : ValidateStandard(standard).Format("<test standard>"))
    {
        ADD_FAILURE() << line;
    }
    s.policy
        = std::make_unique<StandardPolicy>(ResolveStandard(standard, *s.world, "<test standard>"));
    s.builder = std::make_unique<LinkStateBuilder>(*s.world, *s.policy);
    return s;
}

void
SampleEvery(
    CoverageEngine& engine, const LinkStateBuilder& builder, double t0, double step, int count)
{
    std::vector<Vec3> positions;
    for (int k = 0; k < count; ++k)
    {
        builder.Positions(t0 + k * step, positions);
        engine.Sample(t0 + k * step, positions, step);
    }
}

Vec3
Ecef(double lat_deg, double lon_deg, double alt_m)
{
    const double e2 = kF * (2.0 - kF);
    const double phi = lat_deg * kPiT / 180.0;
    const double lam = lon_deg * kPiT / 180.0;
    const double n = kA / std::sqrt(1.0 - e2 * std::sin(phi) * std::sin(phi));
    return {(n + alt_m) * std::cos(phi) * std::cos(lam),
            (n + alt_m) * std::cos(phi) * std::sin(lam),
            (n * (1.0 - e2) + alt_m) * std::sin(phi)};
}

Vec3
Up(double lat_deg, double lon_deg)
{
    const double phi = lat_deg * kPiT / 180.0;
    const double lam = lon_deg * kPiT / 180.0;
    return {std::cos(phi) * std::cos(lam), std::cos(phi) * std::sin(lam), std::sin(phi)};
}

double
ElevationDeg(double lat_deg, double lon_deg, double alt_m, const Vec3& target)
{
    const Vec3 d = target - Ecef(lat_deg, lon_deg, alt_m);
    return std::asin(Dot(Up(lat_deg, lon_deg), d) / Norm(d)) * 180.0 / kPiT;
}

double
CentralAngle(double R, double h, double eps_deg)
{
    const double eps = eps_deg * kPiT / 180.0;
    const double eta = std::asin(R * std::cos(eps) / (R + h));
    return kPiT / 2.0 - eps - eta;
}

} // namespace sagin::test
