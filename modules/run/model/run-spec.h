// Everything one run needs: the resolved scenario and standard (after --set overrides), the
// seed, the duration, and where its inputs came from.
#ifndef SAGIN_RUN_RUN_SPEC_H
#define SAGIN_RUN_RUN_SPEC_H

#include "sagin/v1/result.pb.h"
#include "sagin/v1/scenario.pb.h"
#include "sagin/v1/standard.pb.h"

#include <string>
#include <vector>

namespace sagin
{

struct RunSpec
{
    v1::Scenario scenario;
    std::string scenarioPath;
    std::string scenarioDirectory; ///< resolves the scenario's relative paths
    v1::Standard standard;
    std::string standardPath;
    std::uint64_t seed = 1;
    double duration_s = 0.0;
    std::vector<std::string> overrides;        ///< as written
    std::vector<v1::InputDigest> inputs;       ///< files read, with their SHA-256
    int coverageThreads = 1;
    /// Nodes (ECMAScript regex over names) whose devices write pcap files into pcap/ (empty: none).
    std::string pcapNodes;
    bool quiet = false;
    /// Inputs that are valid but almost certainly not meant, as `<where>: warning: <message>`
    /// lines (PrepareRuns); the caller prints them, the run records them in its provenance.
    std::vector<std::string> warnings;

    /// SHA-256 over the resolved scenario and standard (text format), seed, duration and the
    /// contents of the files the scenario refers to (TLE files): the same inputs give the same
    /// id, whatever files they came from.
    std::string RunId() const;
};

/// Loads the scenario and the standards, applies `--set` overrides (`scenario.<path>=v`,
/// `standard.<name>.<path>=v`), validates everything (every error at once, InputError), and
/// returns one spec per standard. Warnings (nothing printed here) go to each spec's `warnings`:
/// the scenario's (ValidateScenario), a scenario without traffic, and a standard that names the
/// space layer (access_layers SPACE or a VIA_SATELLITE backhaul) when the scenario has no
/// satellite it uses.
std::vector<RunSpec> PrepareRuns(const std::string& scenarioPath,
                                 const std::vector<std::string>& standardPaths,
                                 const std::vector<std::string>& overrides,
                                 std::uint64_t seed,
                                 bool seedGiven,
                                 double duration,
                                 bool durationGiven);

} // namespace sagin

#endif
