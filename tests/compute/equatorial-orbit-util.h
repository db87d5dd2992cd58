// Closed forms for compute tests on circular equatorial orbits (Keplerian, no J2 drift): the
// ground-track rate, the slant range to a point on the equator, the bytes of a message on a
// link, and the one input taken from the code, a satellite's longitude at t = 0 from
// `sagin ephemeris`.
#ifndef SAGIN_TESTS_COMPUTE_EQUATORIAL_ORBIT_UTIL_H
#define SAGIN_TESTS_COMPUTE_EQUATORIAL_ORBIT_UTIL_H

#include "../run/run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace sagin::test
{

constexpr double kMuEarth = 3.986004418e14; ///< WGS84 GM (m^3/s^2)
/// Earth rotation rate: the IERS 2010 Earth rotation angle's, 2 pi x 1.00273781191135448 /
/// 86400 s.
constexpr double kEarthRotation = 7.292115146706979e-5;
constexpr double kRad = M_PI / 180.0;

/// Rate (rad/s) at which the sub-satellite point of a prograde circular equatorial orbit of
/// semi-major axis a (m) runs east: mean motion minus the Earth's rotation.
inline double
GroundTrackRate(double a)
{
    return std::sqrt(kMuEarth / (a * a * a)) - kEarthRotation;
}

/// Distance (m) between a satellite at radius a above longitude satDeg and a point on the
/// equator (on the WGS84 ellipsoid: radius kA) at longitude pointDeg, both on the equator.
inline double
EquatorialSlant(double a, double satDeg, double pointDeg)
{
    const double dl = (satDeg - pointDeg) * kRad;
    return std::sqrt(a * a + kA * kA - 2 * a * kA * std::cos(dl));
}

/// Bytes on the link of a message of `bytes` sent as datagrams of at most 1400 bytes of payload,
/// each with its 8-byte UDP and 20-byte IPv4 header; `last` gets the last datagram's.
inline double
DatagramBytesOnLink(int bytes, double* last)
{
    const int full = (bytes - 1) / 1400;
    *last = bytes - 1400 * full + 28;
    return full * 1428.0 + *last;
}

/// Longitude (deg) of satellite `node` at t = 0 in `scenarioPath`, from `sagin ephemeris`.
inline double
EphemerisLongitudeDeg(const std::string& scenarioPath, const std::string& node)
{
    auto r = RunSagin({"ephemeris", scenarioPath, "--duration", "0", "--step", "1"});
    EXPECT_EQ(r.status, 0) << r.err;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line))
    {
        if (line.find("," + node + ",") == std::string::npos)
        {
            continue;
        }
        std::vector<std::string> f;
        std::stringstream ls(line);
        std::string x;
        while (std::getline(ls, x, ','))
        {
            f.push_back(x);
        }
        return std::atan2(std::stod(f[4]), std::stod(f[3])) / kRad;
    }
    ADD_FAILURE() << "no " << node << " row in\n" << r.out;
    return 0.0;
}

} // namespace sagin::test

#endif
