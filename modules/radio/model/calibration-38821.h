// The TR 38.821 section 6.1.1 downlink system-level calibration: one satellite, 19 serving beams
// plus interfering tiers, 10 terminals dropped uniformly in every serving beam, and the 5/50/95 %
// points of the coupling loss, geometry SIR and geometry SINR, beside the values the TR reports
// (docs/calibration.md). Parameters: docs/models.md#tr-38821-calibration-parameters.
#ifndef SAGIN_RADIO_CALIBRATION_38821_H
#define SAGIN_RADIO_CALIBRATION_38821_H

#include "radio/model/spot-beams.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sagin
{

enum class Tr38821Orbit
{
    kGeo,
    kLeo600,
    kLeo1200,
};

enum class Tr38821Band
{
    kS,  ///< 2 GHz, handheld terminal, 30 MHz
    kKa, ///< 20 GHz downlink, VSAT terminal, 400 MHz
};

/// One calibration case: parameter set (1 or 2), orbit, band and reuse.
struct Tr38821Case
{
    int set = 1;
    Tr38821Orbit orbit = Tr38821Orbit::kLeo600;
    Tr38821Band band = Tr38821Band::kKa;
    FrequencyReuse reuse = FrequencyReuse::kFr1;

    /// "set1-leo600-ka-fr3".
    std::string Id() const;
};

/// The satellite of a case (TR 38.821 Tables 6.1.1.1-1/-2) and where it is seen from.
struct Tr38821Satellite
{
    double altitudeM = 0.0;
    double elevationDeg = 0.0; ///< of the satellite seen from the central beam's centre
    double maxGainDbi = 0.0;
    double apertureDiameterM = 0.0;
    double eirpDensityDbwPerMhz = 0.0;
    double frequencyHz = 0.0;
    double bandwidthHz = 0.0; ///< the whole band (per beam under FR1)
};

Tr38821Satellite Tr38821SatelliteParameters(int set, Tr38821Orbit orbit, Tr38821Band band);

/// The terminal of a band (TR 38.821 Table 6.1.1.1-3): VSAT for Ka, handheld for S.
TerminalRx Tr38821TerminalRx(Tr38821Band band);

/// The downlink cases the TR lists: both sets, the three orbits, Ka with FR1/FR3/FR4 and S with
/// FR1/FR3 (30 cases).
std::vector<Tr38821Case> Tr38821DownlinkCases();

/// 5, 50 and 95 % points (nearest rank) of one metric.
using Percentiles = std::array<double, 3>;

/// Values the TR reports for a case (Table 6.1.1.2-1); none when not found (docs/calibration.md).
struct Tr38821Reported
{
    Percentiles couplingLossDb;
    Percentiles sirDb;
    Percentiles sinrDb;
};
std::optional<Tr38821Reported> Tr38821ReportedValues(const Tr38821Case& c);

struct Tr38821Options
{
    std::uint64_t seed = 1;
    int terminalsPerBeam = 10;
};

/// One terminal of a case: its serving beam (0-18) and its metrics.
struct Tr38821Terminal
{
    int beam = 0;
    BeamSinr sinr;
};

struct Tr38821CaseResult
{
    Tr38821Case c;
    int numBeams = 0;
    double spacingDeg = 0.0;
    double beamwidthDeg = 0.0;
    double colourBandwidthMhz = 0.0;
    std::vector<Tr38821Terminal> terminals;
    Percentiles couplingLossDb{};
    Percentiles sirDb{};
    Percentiles sinrDb{};
    std::optional<Tr38821Reported> reported;
};

/// Number of beams simulated: 61 (19 serving + 2 interfering tiers) under FR1, 127 (4
/// interfering tiers) under FR3 and FR4.
int Tr38821BeamCount(FrequencyReuse reuse);

/// The payload of a case, placed: Earth sphere of 6371 km centred at the origin, the central
/// beam's ground centre at (0, 0, R), the satellite in the x-z plane at the case's elevation.
SpotBeamPayload Tr38821Payload(const Tr38821Case& c);

/// Runs one case: drops terminalsPerBeam terminals uniformly on the sphere in each of the 19
/// serving beams (a uniform draw over a spherical cap around the beam's ground centre, kept when
/// that beam serves it; seeded by MixSeed(seed, case index in Tr38821DownlinkCases)).
Tr38821CaseResult RunTr38821Case(const Tr38821Case& c, const Tr38821Options& options);

/// The table as text (fixed columns), CSV and JSON; "n/a" (text, CSV) or null (JSON) where the
/// TR value is unknown.
std::string FormatTr38821Text(const std::vector<Tr38821CaseResult>& results);
std::string FormatTr38821Csv(const std::vector<Tr38821CaseResult>& results);
std::string FormatTr38821Json(const std::vector<Tr38821CaseResult>& results);
std::string FormatTr38821Markdown(const std::vector<Tr38821CaseResult>& results);

/// Writes calibration-38821.{txt,csv,json,md} into `dir` (created when missing), each file
/// atomically (core/model/atomic-file.h). Returns the paths written.
std::vector<std::string> WriteTr38821Files(const std::string& dir,
                                           const std::vector<Tr38821CaseResult>& results);

} // namespace sagin

#endif
