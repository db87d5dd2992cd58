// One packet-level run: the scenario's world under one standard in ns-3, its traffic, and the
// coverage measured over the same geometry, written into a run folder that appears complete or
// not at all: result.binpb, summary.json, latency.csv, coverage.csv, and the resolved inputs.
#ifndef SAGIN_RUN_RUN_ENGINE_H
#define SAGIN_RUN_RUN_ENGINE_H

#include "run/model/run-spec.h"

#include "sagin/v1/result.pb.h"

#include <chrono>
#include <string>

namespace sagin
{

/// Runs `spec` and writes its folder `directory` (replacing an older one). Returns the result.
v1::RunResult RunOne(const RunSpec& spec, const std::string& directory);

/// Seeds ns-3's random streams for a run of this seed (one ns-3 seed; the run's seed is ns-3's
/// run number): the traffic's and the channel draws' (a standard's RANDOM draws) streams.
void SeedRandomStreams(std::uint64_t seed);

/// The provenance of a run: build, inputs and their SHA-256, seed, overrides, run id, and the
/// wall time since `start`. (Simulated events are the caller's.)
void FillRunProvenance(const RunSpec& spec,
                       const std::string& runId,
                       std::chrono::steady_clock::time_point start,
                       v1::RunResult& result);

/// Writes the run's scenario.txtpb and standard.txtpb (after overrides) into `directory`.
void WriteResolvedInputs(const RunSpec& spec, const std::string& directory);

} // namespace sagin

#endif
