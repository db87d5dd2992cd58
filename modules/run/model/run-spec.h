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
    std::vector<std::string> overrides;  ///< as written
    std::vector<v1::InputDigest> inputs; ///< files read, with their SHA-256
    int coverageThreads = 1;
    /// Nodes (ECMAScript regex over names) whose devices write pcap files into pcap/ (empty: none).
    std::string pcapNodes;
    /// Coverage maps of the run (availability and serving, as `sagin coverage` draws them) in
    /// this projection (a MapProjectionNames() name); empty: none.
    std::string mapProjection;
    bool quiet = false;
    /// --force: run beyond the work limits (work-estimate.h); a study's runs carry `sweep --force`.
    bool force = false;
    /// Inputs that are valid but almost certainly not meant, as `<where>: warning: <message>`
    /// lines (PrepareRuns: RunWarnings, plus a packet-level run without traffic); the caller
    /// prints them, the run records them in its provenance.
    std::vector<std::string> warnings;

    /// SHA-256 over the resolved scenario and standard (text format), seed, duration and the
    /// contents of the files the scenario refers to (TLE files): the same inputs give the same
    /// id, whatever files they came from.
    std::string RunId() const;
};

/// A ground site, or a list of them, named outside the scenario (`--from`, a study's
/// `paths.all_pairs`), checked in the validation pass.
struct SiteReference
{
    std::string where; ///< error prefix, e.g. "sagin paths: error: --from"
    std::string spec;  ///< a node name; with `list`, a site set's name or names joined by commas
    bool list = false;
};

/// Inputs that are valid but almost certainly not meant, found by the validation pass: the
/// scenario's (ValidateScenario: TLE age, checksum characters) and, per standard, one that names
/// the space layer (access_layers SPACE or a VIA_SATELLITE backhaul) when the scenario has no
/// satellite it uses. Lines `<where>: warning: <message>`; nothing is printed here.
struct RunWarnings
{
    std::vector<std::string> scenario;
    std::vector<std::vector<std::string>> standards; ///< one list per standard
};

/// The one validation pass before anything runs. Every error, formatted
/// `file: error: field.path: message`: the scenario's range checks and the checks that need its
/// nodes (names used twice, ISL and fiber ends, traffic endpoints, with open flows ending at
/// `trafficDuration_s`), each standard's own checks and the checks against the scenario (link
/// models, `shell_links` shells, SCENARIO_RANGE), and the site names in `sites`. Non-finite
/// numbers anywhere are errors under their field paths (NonFiniteFields). Unless `force`, the
/// work limits (work-estimate.h): the world's node count, and with `packetRun` the simulated
/// events of a packet-level run of `trafficDuration_s`. Empty: valid.
std::vector<std::string> ValidateRunInputs(const v1::Scenario& scenario,
                                           const std::string& scenarioPath,
                                           const std::string& scenarioDirectory,
                                           const std::vector<v1::Standard>& standards,
                                           const std::vector<std::string>& standardPaths,
                                           double trafficDuration_s,
                                           const std::vector<SiteReference>& sites = {},
                                           RunWarnings* warnings = nullptr,
                                           bool packetRun = false,
                                           bool force = false);

/// What a command asks for: the files, `--set` overrides, seed and duration, and what the
/// validation pass must check besides the inputs.
struct RunRequest
{
    std::string scenarioPath;
    std::vector<std::string> standardPaths;
    std::vector<std::string> overrides; ///< `scenario.<path>=v`, `standard.<name|*>.<path>=v`
    std::uint64_t seed = 1;
    bool seedGiven = false;
    double duration = 0.0;
    bool durationGiven = false;
    bool needsDuration = true;        ///< a packet-level run needs duration_s > 0
    std::vector<SiteReference> sites; ///< checked against the scenario
    std::vector<std::string> errors;  ///< the command's own (flag) errors, reported with the rest
    bool force = false;               ///< --force: run beyond the work limits (work-estimate.h)
};

/// Loads the scenario and the standards, applies the overrides, runs the validation pass
/// (ValidateRunInputs) and throws InputError with every error of every kind at once (flags,
/// syntax, overrides, semantics); returns one spec per standard, with its warnings (without
/// standard files: one spec whose standard is empty, for commands that read only the scenario).
std::vector<RunSpec> PrepareRuns(const RunRequest& request);

/// Each distinct warning of the prepared runs once, in order (what `run`, `coverage` and `paths`
/// print on stderr before they start).
std::vector<std::string> DistinctWarnings(const std::vector<RunSpec>& specs);

/// The same for the common case (`sagin run`, a study's run).
std::vector<RunSpec> PrepareRuns(const std::string& scenarioPath,
                                 const std::vector<std::string>& standardPaths,
                                 const std::vector<std::string>& overrides,
                                 std::uint64_t seed,
                                 bool seedGiven,
                                 double duration,
                                 bool durationGiven);

} // namespace sagin

#endif
