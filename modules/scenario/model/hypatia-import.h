// A Hypatia satellite-network-state folder (tles.txt, isls.txt, ground_stations.txt,
// description.txt) as a scenario: TLEs inline, the ISL list exactly as given, Hypatia's range
// limits and the ground stations as gateways. What `sagin import hypatia` writes.
#ifndef SAGIN_SCENARIO_HYPATIA_IMPORT_H
#define SAGIN_SCENARIO_HYPATIA_IMPORT_H

#include "sagin/v1/scenario.pb.h"

#include <string>

namespace sagin
{

/// Reads the folder `dir`. Throws InputError with every error at once, each
/// `<file>:<line>:<col>: error: <message>` (or `<file>: error:` for a whole file): a missing file,
/// a tles.txt header "<planes> <per plane>" that does not match the number of element sets, a bad
/// TLE, an ISL that is not two distinct satellite ids in range or repeats one, a ground station
/// latitude outside [-90, 90], longitude outside [-180, 180] or a non-number (NaN and infinities
/// included), a non-number value or missing range limit in description.txt.
v1::Scenario ImportHypatiaFolder(const std::string& dir);

/// The scenario as a text-format file, with the proto-file/proto-message header and a comment
/// saying where it came from.
std::string HypatiaScenarioText(const v1::Scenario& scenario, const std::string& dir);

} // namespace sagin

#endif
