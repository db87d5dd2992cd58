#include "orbit/model/flight-plan-trajectory.h"

#include "core/model/constants.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>

namespace sagin
{

FlightPlanTrajectory::FlightPlanTrajectory(const Geodetic& start, const std::vector<FlightLeg>& legs)
{
    const auto& geod = GeographicLib::Geodesic::WGS84();
    Geodetic here = start;
    double t = 0.0;
    auto addLine = [&](const Geodetic& to, double speed) {
        Segment s{};
        s.kind = Segment::Kind::Line;
        s.from = here;
        s.to = to;
        double azi2 = 0.0;
        geod.Inverse(here.lat_deg, here.lon_deg, to.lat_deg, to.lon_deg, s.length_m, s.azimuth_deg, azi2);
        double length3d = std::hypot(s.length_m, to.alt_m - here.alt_m);
        s.t0 = t;
        s.t1 = t + (speed > 0.0 ? length3d / speed : 0.0);
        m_segments.push_back(s);
        t = s.t1;
        here = to;
    };
    for (const auto& leg : legs)
    {
        switch (leg.kind)
        {
        case FlightLeg::Kind::FlyTo:
            addLine(leg.point, leg.speed_m_s);
            break;
        case FlightLeg::Kind::Hover: {
            Segment s{};
            s.kind = Segment::Kind::Hold;
            s.from = here;
            s.to = here;
            s.t0 = t;
            s.t1 = t + leg.duration_s;
            m_segments.push_back(s);
            t = s.t1;
            break;
        }
        case FlightLeg::Kind::Loiter: {
            // Entry point: on the circle, in the direction of the current position from the centre
            // (north of the centre when the UAV is at the centre).
            Segment c{};
            c.kind = Segment::Kind::Circle;
            Geodetic centre = leg.point;
            c.center = EnuFrame(centre);
            Vec3 rel = c.center.ToEnu(GeodeticToEcef(here));
            double az0 = std::hypot(rel.x, rel.y) > 1e-6 ? std::atan2(rel.x, rel.y) : 0.0;
            c.radius_m = leg.radius_m;
            c.omega = kTwoPi / leg.period_s * (leg.clockwise ? 1.0 : -1.0);
            c.az0 = az0;
            Geodetic entry = EcefToGeodetic(
                c.center.ToEcef({leg.radius_m * std::sin(az0), leg.radius_m * std::cos(az0), 0.0}));
            double approachSpeed =
                leg.speed_m_s > 0.0 ? leg.speed_m_s : kTwoPi * leg.radius_m / leg.period_s;
            addLine(entry, approachSpeed);
            c.t0 = t;
            c.t1 = t + leg.duration_s;
            m_segments.push_back(c);
            t = c.t1;
            here = EndOf(c);
            break;
        }
        }
    }
    // Hover at the last point forever.
    Segment rest{};
    rest.kind = Segment::Kind::Hold;
    rest.from = here;
    rest.to = here;
    rest.t0 = t;
    rest.t1 = INFINITY;
    m_segments.push_back(rest);
}

Geodetic
FlightPlanTrajectory::EndOf(const Segment& s) const
{
    return EcefToGeodetic(PositionIn(s, s.t1));
}

Vec3
FlightPlanTrajectory::PositionIn(const Segment& s, double t_s) const
{
    switch (s.kind)
    {
    case Segment::Kind::Hold:
        return GeodeticToEcef(s.from);
    case Segment::Kind::Line: {
        double f = s.t1 > s.t0 ? (t_s - s.t0) / (s.t1 - s.t0) : 1.0;
        double lat = 0.0;
        double lon = 0.0;
        GeographicLib::Geodesic::WGS84().Direct(s.from.lat_deg,
                                                s.from.lon_deg,
                                                s.azimuth_deg,
                                                f * s.length_m,
                                                lat,
                                                lon);
        return GeodeticToEcef({lat, lon, s.from.alt_m + f * (s.to.alt_m - s.from.alt_m)});
    }
    case Segment::Kind::Circle: {
        double az = s.az0 + s.omega * (t_s - s.t0);
        return s.center.ToEcef({s.radius_m * std::sin(az), s.radius_m * std::cos(az), 0.0});
    }
    }
    return {};
}

StateVector
FlightPlanTrajectory::StateAt(double t_s) const
{
    // The segment in force at t (the first one before the start).
    auto it = std::upper_bound(m_segments.begin(),
                               m_segments.end(),
                               t_s,
                               [](double t, const Segment& s) { return t < s.t1; });
    if (it == m_segments.end())
    {
        it = m_segments.end() - 1;
    }
    const Segment& s = *it;
    double tc = std::max(t_s, s.t0);
    StateVector out;
    out.position = PositionIn(s, tc);
    if (s.kind == Segment::Kind::Hold || s.t1 <= s.t0)
    {
        out.velocity = {0, 0, 0};
    }
    else
    {
        // Central difference on the segment's own (smooth) path.
        const double h = 1e-3;
        out.velocity = (PositionIn(s, tc + h) - PositionIn(s, tc - h)) / (2 * h);
    }
    return out;
}

std::vector<double>
FlightPlanTrajectory::SegmentStartTimes() const
{
    std::vector<double> t;
    for (const auto& s : m_segments)
    {
        t.push_back(s.t0);
    }
    return t;
}

} // namespace sagin
