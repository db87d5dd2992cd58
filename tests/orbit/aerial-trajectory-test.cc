// HAPS circles and UAV flight plans against closed forms: circle radius, period and speed;
// arrival times = path length / speed with equatorial and meridian geodesic lengths; hovering.
#include "core/model/constants.h"
#include "orbit/model/flight-plan-trajectory.h"
#include "orbit/model/station-keeping-trajectory.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sagin;

TEST(StationKeeping, FixedPoint)
{
    StationKeepingParams p;
    p.center = {10.0, 20.0, 20000.0};
    StationKeepingTrajectory t(p);
    EXPECT_TRUE(t.IsFixed());
    EXPECT_LT(Distance(t.StateAt(1234.0).position, GeodeticToEcef(p.center)), 1e-9);
    EXPECT_EQ(Norm(t.StateAt(1.0).velocity), 0.0);
}

TEST(StationKeeping, CircleRadiusPeriodSpeedAndDirection)
{
    StationKeepingParams p;
    p.center = {-1.3, 36.8, 20000.0};
    p.radius_m = 3000.0;
    p.period_s = 600.0;
    p.phase_deg = 0.0; // starts north of the centre
    p.clockwise = true;
    StationKeepingTrajectory t(p);
    Vec3 c = GeodeticToEcef(p.center);
    for (double s : {0.0, 100.0, 333.3, 599.0})
    {
        StateVector st = t.StateAt(s);
        EXPECT_NEAR(Distance(st.position, c), 3000.0, 1e-6);
        EXPECT_NEAR(Norm(st.velocity), kTwoPi * 3000.0 / 600.0, 1e-9);
        // Velocity is the derivative of position (second method).
        Vec3 numeric = (t.StateAt(s + 0.01).position - t.StateAt(s - 0.01).position) / 0.02;
        EXPECT_LT(Distance(numeric, st.velocity), 1e-4);
    }
    EXPECT_LT(Distance(t.StateAt(0.0).position, t.StateAt(600.0).position), 1e-6);
    // A quarter turn clockwise from north is east of the centre.
    EnuFrame frame(p.center);
    Vec3 q = frame.ToEnu(t.StateAt(150.0).position);
    EXPECT_NEAR(q.x, 3000.0, 1e-6);
    EXPECT_NEAR(q.y, 0.0, 1e-6);
    // Altitude departs from the centre's by at most r^2 / 2R.
    EXPECT_NEAR(EcefToGeodetic(t.StateAt(75.0).position).alt_m, 20000.0, 0.8);
}

TEST(FlightPlan, ArrivalTimesHoverAndFinalHold)
{
    // Start on the equator, fly 0.1 deg east along the equator (length a * 0.1 deg), hover 60 s,
    // then fly north along the meridian 0.05 deg while climbing 100 m.
    Geodetic a{0.0, 0.0, 100.0};
    Geodetic b{0.0, 0.1, 100.0};
    Geodetic c{0.05, 0.1, 200.0};
    std::vector<FlightLeg> legs(3);
    legs[0].kind = FlightLeg::Kind::FlyTo;
    legs[0].point = b;
    legs[0].speed_m_s = 20.0;
    legs[1].kind = FlightLeg::Kind::Hover;
    legs[1].duration_s = 60.0;
    legs[2].kind = FlightLeg::Kind::FlyTo;
    legs[2].point = c;
    legs[2].speed_m_s = 15.0;
    FlightPlanTrajectory t(a, legs);

    const double leg1 = kWgs84A * 0.1 * kDegToRad; // 11131.949 m
    // Meridian arc from 0 to 0.05 deg: integral of M(phi) = a (1 - e^2) / (1 - e^2 sin^2)^1.5,
    // by Simpson's rule (independent of GeographicLib).
    const double e2 = kWgs84F * (2 - kWgs84F);
    auto m = [&](double phi) {
        return kWgs84A * (1 - e2) / std::pow(1 - e2 * std::sin(phi) * std::sin(phi), 1.5);
    };
    const double phi1 = 0.05 * kDegToRad;
    const double arc = phi1 / 6 * (m(0) + 4 * m(phi1 / 2) + m(phi1));
    const double leg3 = std::hypot(arc, 100.0);
    const double t1 = leg1 / 20.0;
    const double t2 = t1 + 60.0;
    const double t3 = t2 + leg3 / 15.0;

    auto starts = t.SegmentStartTimes();
    ASSERT_EQ(starts.size(), 4u);
    EXPECT_NEAR(starts[1], t1, 1e-6);
    EXPECT_NEAR(starts[2], t2, 1e-6);
    EXPECT_NEAR(starts[3], t3, 1e-6);

    EXPECT_LT(Distance(t.StateAt(0.0).position, GeodeticToEcef(a)), 1e-6);
    EXPECT_LT(Distance(t.StateAt(t1).position, GeodeticToEcef(b)), 1e-3);
    EXPECT_LT(Distance(t.StateAt(t1 + 30.0).position, GeodeticToEcef(b)), 1e-3);
    EXPECT_EQ(Norm(t.StateAt(t1 + 30.0).velocity), 0.0);
    EXPECT_LT(Distance(t.StateAt(t3).position, GeodeticToEcef(c)), 1e-3);
    EXPECT_LT(Distance(t.StateAt(t3 + 1e5).position, GeodeticToEcef(c)), 1e-3);
    // Mid-leg speed: the path speed (the altitude scale factor (R + h) / R changes it by < 1e-4).
    EXPECT_NEAR(Norm(t.StateAt(t1 / 2).velocity), 20.0, 20.0 * 1e-4);
    EXPECT_NEAR(Norm(t.StateAt((t2 + t3) / 2).velocity), 15.0, 15.0 * 1e-4);
}

TEST(FlightPlan, LoiterCircle)
{
    Geodetic start{10.0, 10.0, 150.0};
    FlightLeg loiter;
    loiter.kind = FlightLeg::Kind::Loiter;
    loiter.point = {10.0, 10.0, 150.0}; // circle around the start point
    loiter.radius_m = 500.0;
    loiter.period_s = 120.0;
    loiter.duration_s = 600.0;
    FlightPlanTrajectory t(start, {loiter});
    auto starts = t.SegmentStartTimes();
    ASSERT_EQ(starts.size(), 3u); // approach, circle, final hold
    const double circleStart = starts[1];
    // The approach covers the radius at the circling speed 2 pi r / T.
    EXPECT_NEAR(circleStart, 500.0 / (kTwoPi * 500.0 / 120.0), 1e-3);
    Vec3 centre = GeodeticToEcef(loiter.point);
    for (double s = circleStart; s < circleStart + 600.0; s += 37.0)
    {
        EXPECT_NEAR(Distance(t.StateAt(s).position, centre), 500.0, 1e-3);
        EXPECT_NEAR(Norm(t.StateAt(s).velocity), kTwoPi * 500.0 / 120.0, 1e-4);
    }
    EXPECT_NEAR(starts[2] - circleStart, 600.0, 1e-9);
}
