// Helpers for runner tests: write inputs into a temp folder, run `sagin run`, read results.
#ifndef SAGIN_TESTS_RUN_TEST_UTIL_H
#define SAGIN_TESTS_RUN_TEST_UTIL_H

#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"

#include "sagin/v1/result.pb.h"

#include <string>
#include <vector>

namespace sagin::test
{

// Geometry written out independently of the code under test, for expected latencies.
constexpr double kC = 299792458.0;              ///< speed of light in vacuum (m/s)
constexpr double kA = 6378137.0;                ///< WGS84 semi-major axis (m)
constexpr double kF = 1.0 / 298.257223563;      ///< WGS84 flattening

struct V
{
    double x, y, z;
};

/// Closed-form WGS84 geodetic -> ECEF (m).
V Ecef(double latDeg, double lonDeg, double h);
/// Euclidean distance (m).
double Dist(V a, V b);

/// Reads DIR/<standard>/result.binpb.
v1::RunResult ReadResult(const std::string& runDir, const std::string& standard);

/// Rows of a CSV file as vectors of fields (header included).
std::vector<std::vector<std::string>> ReadCsv(const std::string& path);

} // namespace sagin::test

#endif
