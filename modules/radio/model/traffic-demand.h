// Demand of the users of a beam for the shared-capacity model (beam-scheduler.h): full buffer,
// FTP model 3 (3GPP TR 36.814 Annex A.2.1.3.1, used by TR 38.821 section 6.1.3), on-off and CBR,
// each user an independent seeded source of items (files or packets); and how many users a beam
// holds from a population density over its footprint. Sources: docs/models.md#beam-scheduling.
#ifndef SAGIN_RADIO_TRAFFIC_DEMAND_H
#define SAGIN_RADIO_TRAFFIC_DEMAND_H

#include "core/model/deterministic-rng.h"
#include "core/model/diagnostics.h"
#include "radio/model/spot-beams.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace sagin
{

enum class DemandKind
{
    kFullBuffer, ///< always something to send (an infinite queue)
    kFtp3,       ///< files of fileSizeBytes arriving as a Poisson process of rate fileRatePerS
    kOnOff,      ///< packets at rateBps during on periods, nothing during off periods
    kCbr,        ///< packets of packetBytes at rateBps
};

/// Distribution of the on and off period durations of kOnOff.
enum class PeriodDistribution
{
    kExponential,
    kPareto, ///< shape paretoShape (> 1), scale mean (shape - 1) / shape
};

struct DemandConfig
{
    DemandKind kind = DemandKind::kFullBuffer;
    double fileSizeBytes = 0.5e6; ///< kFtp3 (TR 36.814 / TR 38.821: 0.5 Mbyte)
    double fileRatePerS = 0.0;    ///< kFtp3: lambda, files per second per user
    double rateBps = 0.0;         ///< kCbr, and kOnOff while on (bit/s)
    double packetBytes = 1500.0;  ///< kCbr and kOnOff
    double meanOnS = 1.0;         ///< kOnOff
    double meanOffS = 1.0;        ///< kOnOff
    PeriodDistribution periods = PeriodDistribution::kExponential;
    double paretoShape = 1.5; ///< kOnOff with kPareto
};

/// Adds every problem of a configuration to `errors`, each under `path`.field (field names as in
/// a schema: `demand.file_size_bytes`).
void CheckDemandConfig(const DemandConfig& c, const std::string& path, ErrorList& errors);

/// `path`.`field`, or `field` when path is empty.
std::string FieldPath(const std::string& path, const char* field);

/// Mean offered load of one user (bit/s): lambda x file size, the CBR rate, rate x on / (on +
/// off); +inf for full buffer.
double MeanOfferedBps(const DemandConfig& c);

/// One item of demand: when it arrives (s from the start) and its size (bits).
struct DemandItem
{
    double timeS = 0.0;
    double bits = 0.0;
};

/// The arrivals of one user, in time order. FTP model 3: inter-arrival times exponential with
/// mean 1 / lambda from t = 0. CBR: one packet every packetBytes x 8 / rateBps, the first at a
/// uniform phase within the first interval (users are not synchronized). On-off: starts with an
/// off period; each on period sends packets at the CBR spacing from its start while they fit in
/// it. Full buffer and a zero rate have no items (Next returns time +inf).
class DemandSource
{
  public:
    /// Throws InputError (every problem of CheckDemandConfig) when the configuration is invalid.
    DemandSource(const DemandConfig& config, std::uint64_t seed);

    bool FullBuffer() const
    {
        return m_config.kind == DemandKind::kFullBuffer;
    }

    /// The next item (time +inf when there is none).
    DemandItem Next();

  private:
    double Exponential(double mean);
    double Period(double mean);

    DemandConfig m_config;
    DeterministicRng m_rng;
    double m_time = 0.0;  ///< time of the last item (FTP, CBR) or of the next packet (on-off)
    double m_onEnd = 0.0; ///< on-off: end of the current on period
    bool m_started = false;
};

/// Area (km^2) of the hexagonal cell of a beam whose centre is `spacingKm` from its neighbours'
/// centres: (sqrt 3 / 2) spacing^2.
double HexCellAreaKm2(double spacingKm);

/// Footprint (km^2) of beam `i` of a placed payload on a sphere of radius `radiusM`:
/// HexCellAreaKm2 of the mean great-circle distance from its ground centre to the ground centres
/// of its first-tier neighbours in the payload; none when the beam misses the sphere or has no
/// neighbour on it (a one-beam payload).
std::optional<double> BeamFootprintAreaKm2(const SpotBeamPayload& payload,
                                           std::size_t i,
                                           double radiusM);

/// Users in a footprint from a density: densityPerKm2 x areaKm2, rounded to the nearest integer
/// (the expected count, not a random draw). Throws InputError for a negative or non-finite
/// input.
int UsersFromDensity(double densityPerKm2, double areaKm2);

} // namespace sagin

#endif
