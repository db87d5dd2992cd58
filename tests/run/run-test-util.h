// Helpers for runner tests: write inputs into a temp folder, run `sagin run`, read results.
#ifndef SAGIN_TESTS_RUN_TEST_UTIL_H
#define SAGIN_TESTS_RUN_TEST_UTIL_H

#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "sagin/v1/result.pb.h"

#include <map>
#include <string>
#include <vector>

namespace sagin::test
{

// Geometry written out independently of the code under test, for expected latencies.
constexpr double kC = 299792458.0;         ///< speed of light in vacuum (m/s)
constexpr double kA = 6378137.0;           ///< WGS84 semi-major axis (m)
constexpr double kF = 1.0 / 298.257223563; ///< WGS84 flattening

struct V
{
    double x, y, z;
};

/// Closed-form WGS84 geodetic -> ECEF (m).
V Ecef(double latDeg, double lonDeg, double h);
/// Euclidean distance (m).
double Dist(V a, V b);

/// A GEO bent-pipe world: ut (35 N 20 E) > GEO satellite at 0 deg E > gw (20 N 5 E) > fiber >
/// core (20 N 5.01 E), with the given name, duration and flows (the text inside `traffic { }`).
std::string GeoBentPipeScenario(const std::string& name,
                                double duration_s,
                                const std::string& flows);
/// One-way propagation terminal -> satellite -> gateway of that world, by hand (s): the GEO
/// satellite fixed in ECEF at 35,786.03 km above the equator.
double GeoBentPipeOneWay_s();

/// Reads DIR/<standard>/result.binpb.
v1::RunResult ReadResult(const std::string& runDir, const std::string& standard);

/// Writes `scenario` and `standard` (text) to DIR/SUB-scenario.txtpb and DIR/SUB-standard.txtpb,
/// runs `sagin run` on them into DIR/SUB (a failing test unless it exits 0) and reads
/// DIR/SUB/<standardName>/result.binpb.
v1::RunResult RunTexts(const TempDir& dir,
                       const std::string& sub,
                       const std::string& scenario,
                       const std::string& standard,
                       const std::string& standardName);

/// Rows of a CSV file as vectors of fields (header included).
std::vector<std::vector<std::string>> ReadCsv(const std::string& path);

/// One CSV row as column name -> field.
std::map<std::string, std::string> CsvRow(const std::vector<std::string>& header,
                                          const std::vector<std::string>& row);

} // namespace sagin::test

#endif
