// Shared capacity of a beam: an NR-like slot grid over the beam's (colour's) band, per-user
// queues fed by traffic-demand.h sources, and a round-robin or proportional-fair scheduler that
// gives each slot's resource blocks to at most maxUsersPerSlot users. The rate of a user follows
// from its SINR through a MODCOD table (link/model/modulation-table.h) with no block errors.
// Event-driven: a beam with empty queues skips to its next arrival, so the cost grows with the
// traffic served, not with slots x users. Sources: docs/models.md#beam-scheduling.
#ifndef SAGIN_RADIO_BEAM_SCHEDULER_H
#define SAGIN_RADIO_BEAM_SCHEDULER_H

#include "link/model/link-types.h"
#include "radio/model/traffic-demand.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace sagin
{

class JsonWriter;
class ModulationTable;

enum class SchedulerPolicy
{
    kRoundRobin,       ///< backlogged users in turn, in index order
    kProportionalFair, ///< largest achievable rate / exponentially averaged served rate
};

struct SchedulerConfig
{
    /// 15 kHz x 2^mu (mu 0..6); slot = 1 ms / 2^mu (TS 38.211 section 4.3.2).
    double subcarrierSpacingHz = 15e3;
    /// The band the beam uses (SpotBeamPayload::ColourBandwidthHz); resource blocks =
    /// floor(bandwidth / (12 x spacing)), no guard band.
    double bandwidthHz = 0.0;
    SchedulerPolicy policy = SchedulerPolicy::kRoundRobin;
    /// Proportional fair: time constant (s) of the served-rate average, >= one slot; the average
    /// moves by slot / T towards the rate served in each slot.
    double pfTimeConstantS = 0.1;
    /// Users served in one slot: 1 = time domain (the whole band to one user); more =
    /// frequency-time domain (the resource blocks split among them; at most one per RB).
    int maxUsersPerSlot = 1;
    int symbolsPerSlot = 14;       ///< OFDM symbols per slot (normal cyclic prefix)
    double overheadFraction = 0.0; ///< share of resource elements not carrying data, [0, 1)
};

/// Adds every problem of a scheduler configuration to `errors`, each under `path`.field.
void CheckSchedulerConfig(const SchedulerConfig& c, const std::string& path, ErrorList& errors);

/// Slot duration (s) of a subcarrier spacing: 1e-3 x 15e3 / spacing.
double SlotDurationS(double subcarrierSpacingHz);

/// Resource blocks of 12 subcarriers in a band: floor(bandwidth / (12 x spacing)).
int ResourceBlocks(double bandwidthHz, double subcarrierSpacingHz);

/// Bits one resource block carries in one slot at `efficiency` (bit per resource element):
/// efficiency x 12 x symbolsPerSlot x (1 - overheadFraction).
double BitsPerResourceBlock(double efficiency, const SchedulerConfig& c);

/// Summary of samples; every value is none when there is no sample (n = 0). Percentiles are
/// nearest-rank (metrics/model/statistics.h).
struct SampleSummary
{
    std::size_t n = 0;
    std::optional<double> mean;
    std::optional<double> p5;
    std::optional<double> p50;
    std::optional<double> p95;
};
SampleSummary SummarizeSamples(std::vector<double> samples);

/// Jain's fairness index (sum x)^2 / (n sum x^2); none without samples or when every x is 0.
std::optional<double> JainIndex(const std::vector<double>& x);

/// One user of a beam: its SINR on the beam's band (dB).
struct BeamUser
{
    double sinrDb = 0.0;
};

/// What one beam did over the evaluated time.
struct BeamCapacity
{
    int beam = 0;
    int users = 0;
    int resourceBlocks = 0;
    double bandwidthHz = 0.0;
    double durationS = 0.0;
    std::int64_t slots = 0;              ///< slots in the duration
    std::int64_t resourceBlocksUsed = 0; ///< summed over the slots
    double offeredBits = 0.0;            ///< items arrived (full buffer: none)
    double servedBits = 0.0;
    std::size_t itemsArrived = 0;
    std::size_t itemsCompleted = 0; ///< items whose last bit was sent within the duration
    /// Resource blocks used / (resource blocks x slots); n = slots.
    double utilization = 0.0;
    /// Served bits / duration / bandwidth (bit/s/Hz).
    double spectralEfficiency = 0.0;
    /// Jain's index of the users' throughputs.
    std::optional<double> jain;
    /// Per user: served bits / duration (bit/s); n = users.
    SampleSummary userThroughputBps;
    /// Per completed item arrived after the warm-up: size / transfer time (bit/s), TR 36.814's
    /// user-perceived throughput for FTP files.
    SampleSummary itemThroughputBps;
    /// Per completed item arrived after the warm-up: arrival to the end of the slot carrying its
    /// last bit (s): the file transfer time, or a packet's delay.
    SampleSummary itemDelayS;
    /// The raw samples behind the summaries (for aggregation over beams).
    std::vector<double> userThroughputSamples;
    std::vector<double> itemThroughputSamples;
    std::vector<double> itemDelaySamples;
};

/// Simulates one beam's scheduler for `durationS`. `efficiencies` (bit per resource element, from
/// the MODCOD table) and `sources` have one entry per user; a user of efficiency 0 is never
/// scheduled (its items wait to the end). Items arriving within a slot are first schedulable in
/// the next slot. Items arriving before `warmupS` count in the traffic but not in the item
/// samples. Throws InputError naming every invalid field (`scheduler.bandwidth_hz`, ...).
BeamCapacity SimulateBeam(const SchedulerConfig& config,
                          const std::vector<double>& efficiencies,
                          std::vector<DemandSource>& sources,
                          double durationS,
                          double warmupS = 0.0);

/// A capacity evaluation of several beams with one configuration.
struct CapacityConfig
{
    SchedulerConfig scheduler;
    ModulationKind modulation = ModulationKind::kNrCqi256;
    double gapDb = std::numeric_limits<double>::quiet_NaN(); ///< NaN: the table's default
    double capBpsHz = 7.4;                                   ///< Shannon only
    DemandConfig demand;
    double durationS = 1.0;
    double warmupS = 0.0;
    std::uint64_t seed = 1;
};

struct CapacityResult
{
    double slotS = 0.0;
    int resourceBlocks = 0;
    std::vector<BeamCapacity> beams;
    SampleSummary userThroughputBps; ///< every user of every beam
    SampleSummary itemThroughputBps; ///< every completed item
    SampleSummary itemDelayS;        ///< every completed item
    SampleSummary beamSpectralEfficiency;
    SampleSummary beamUtilization;
    std::optional<double> jain; ///< over every user
};

/// Evaluates `numBeams` beams; users[i] is served by beam beamOf[i] (0 .. numBeams - 1; a
/// negative beam: an unserved user, left out). User i's demand is seeded by MixSeed(seed, i), so a
/// user keeps its arrivals when others are added. Beams run one after another; results depend on
/// the inputs and seed only. Throws InputError naming every invalid field of the configuration
/// (`scheduler.`, `demand.`, `duration_s`, ...) and the users that are out of range.
CapacityResult EvaluateCapacity(const std::vector<BeamUser>& users,
                                const std::vector<int>& beamOf,
                                int numBeams,
                                const CapacityConfig& config);

/// The result as one JSON object (null for a value without samples).
void WriteCapacityJson(const CapacityResult& result, JsonWriter& json);

} // namespace sagin

#endif
