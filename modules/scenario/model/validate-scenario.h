// Semantic checks of a parsed Scenario: every error is collected with its field path
// (`shells[1].walker.planes: must be >= 1, got 0`) before any work starts.
#ifndef SAGIN_SCENARIO_VALIDATE_SCENARIO_H
#define SAGIN_SCENARIO_VALIDATE_SCENARIO_H

#include "core/model/diagnostics.h"
#include "sagin/v1/scenario.pb.h"

#include <string>
#include <vector>

namespace sagin
{

/// Checks a scenario; `directory` resolves relative file paths (TLE files), which are read.
/// Inputs that are valid but almost certainly not meant (a TLE checksum column holding a
/// non-digit, a run more than 30 days from the epoch of a near-Earth element set) are warnings,
/// lines `<where>: warning: <message>`: appended to `warnings`, or printed on stderr without it.
ErrorList ValidateScenario(const v1::Scenario& scenario,
                           const std::string& directory,
                           std::vector<std::string>* warnings = nullptr);

/// Checks a geodetic point (latitude range, longitude range) under `path`.
void ValidateGeoPoint(const v1::GeoPoint& p, const std::string& path, ErrorList& errors);
/// Checks a region box under `path`.
void ValidateRegion(const v1::Region& r, const std::string& path, ErrorList& errors);
/// True for names made of [A-Za-z0-9_.-], non-empty, not starting with '.': safe as a path
/// component (never ".", ".." nor hidden).
bool IsValidName(const std::string& name);
/// Formats a number for messages ("3", "0.5", "1e+06").
std::string Num(double v);

} // namespace sagin

#endif
