// What every multi-cell payload offers the simulator: a satellite's (or HAPS's) spot beams
// (SpotBeamPayload) and a terrestrial base station's sectors (SectorCellPayload) alike. Each is
// a set of beams (cells) with a reuse colour, placed on its platform; at a terminal it gives the
// received power of every beam summed per colour (Powers), and from those the SINR of a serving
// beam against any co-channel sum (Combine), downlink and uplink. BeamField (a run) and the
// coverage engine hold payloads of either kind behind this interface, so satellites, HAPS cells
// and base-station sectors on one band interfere with each other. docs/models.md#cells.
#ifndef SAGIN_RADIO_CELL_PAYLOAD_H
#define SAGIN_RADIO_CELL_PAYLOAD_H

#include "core/model/vec3.h"

#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

namespace sagin
{

/// Frequency reuse (TR 38.821 Table 6.1.1.1-5): FR1 one colour over the whole band; FR3 three
/// colours of band/3; FR4 two frequencies of band/2 times two circular polarisations.
enum class FrequencyReuse
{
    kFr1,
    kFr3,
    kFr4,
};

/// Number of colours of a reuse scheme (1, 3, 4) and the fraction of the band one colour uses
/// (1, 1/3, 1/2).
int ReuseColours(FrequencyReuse reuse);
double ReuseBandFraction(FrequencyReuse reuse);

/// The receiving terminal: antenna gain towards the satellite (every beam of one satellite comes
/// from the same direction), noise figure and antenna temperature, and any extra loss (dB).
struct TerminalRx
{
    double gainDbi = 0.0;
    double noiseFigureDb = 0.0;
    double antennaTemperatureK = 290.0;
    double additionalLossDb = 0.0;
};

/// Geometry SINR of one terminal: what a scheduler needs (serving beam, its colour, the carrier,
/// the co-channel interference and the noise over the colour's band).
struct BeamSinr
{
    int servingBeam = -1; ///< index in the payload; -1: the satellite is below the horizon
    int colour = -1;
    double couplingLossDb = 0.0;  ///< FSPL + extra loss - satellite gain - terminal gain (serving)
    double carrierDbw = 0.0;      ///< received power of the serving beam over the colour band
    double interferenceDbw = 0.0; ///< sum of the co-channel beams (-inf when there is none)
    double noiseDbw = 0.0;        ///< k T_sys B_colour
    double sirDb = 0.0;           ///< +inf without co-channel interference
    double sinrDb = 0.0;
};

/// The return direction of a cell payload (return_shared_capacity): what the terminals transmit
/// and what the payload's receive beams (the forward beams' pattern in angle, boresight gain
/// CellPayload::MaxGainDbi) receive it with.
struct BeamUplink
{
    double terminalEirpDbw = 0.0; ///< a terminal's EIRP, spread over the colour band it is given
    double gtDbK = 0.0;           ///< the satellite's G/T at a beam's boresight
    double frequencyHz = 0.0;     ///< return carrier (free-space path loss)
    double additionalLossDb = 0.0;
    double bandwidthHz = 0.0; ///< the return band (its colours split it as the forward band's)
};

/// Received powers of every beam of one payload at one terminal, summed per colour: what Evaluate
/// and a multi-satellite SINR (coverage) add up. Linear units, W over the colour's band.
struct BeamPowers
{
    bool visible = false; ///< false: at or below the terminal's horizon, or no beam lit (no best)
    int bestBeam = -1;    ///< strongest beam among the candidates
    int colour = -1;      ///< its colour
    double bestW = 0.0;   ///< its received power
    double perColourW[4] = {};     ///< every beam's power, summed per colour (the best included)
    double commonLossDb = 0.0;     ///< path loss + extra loss - terminal gain (every beam's)
    double bestRelativeGain = 0.0; ///< the best beam's gain relative to boresight (ratio)
};

/// The band a payload transmits on and how its colours split it.
struct CellBand
{
    double frequencyHz = 0.0;
    double bandwidthHz = 0.0; ///< the whole band (FR1 colour)
    FrequencyReuse reuse = FrequencyReuse::kFr1;
    /// Attenuation of a co-frequency beam of the other polarisation (FR4); +inf: ideal.
    double polarizationIsolationDb = std::numeric_limits<double>::infinity();
    double maxGainDbi = 0.0; ///< every beam's boresight gain (transmit and receive)
};

/// A multi-cell payload. Const after placement and thread-safe; Powers does not allocate.
class CellPayload
{
  public:
    explicit CellPayload(const CellBand& band);
    virtual ~CellPayload();

    /// A copy to place independently of this one (each platform places its own).
    virtual std::unique_ptr<CellPayload> Clone() const = 0;

    /// Places the payload on its platform at `position` (ECEF, m): a satellite or HAPS points
    /// its central beam at nadir (Earth-moving beams); a base station's sectors keep their
    /// bearings in the local frame of the site.
    virtual void PlaceAt(const Vec3& position) = 0;
    /// Quasi-Earth-fixed cells are re-laid every AnchorPeriodS() seconds of scenario time, at
    /// t = k x period (0, the default: not anchored; PlaceAt alone places the payload).
    virtual double AnchorPeriodS() const;
    /// Places the payload at `position` with its cells laid where the platform was at the last
    /// anchor time (`anchorPosition`). The default: PlaceAt(position).
    virtual void PlaceAnchored(const Vec3& position, const Vec3& anchorPosition);

    virtual std::size_t NumBeams() const = 0;
    /// Reuse colour of beam i (0 .. 3).
    virtual int Colour(std::size_t i) const = 0;
    /// Where the payload was placed.
    virtual const Vec3& Position() const = 0;

    /// The received power of every beam at `terminal`, per colour, and the strongest among the
    /// first `candidates` (0: all). `requireVisible`: a terminal that does not see the platform
    /// (below its horizon, or beyond the payload's reach) gets visible = false.
    virtual BeamPowers Powers(const Vec3& terminal,
                              const TerminalRx& rx,
                              std::size_t candidates = 0,
                              bool requireVisible = true) const = 0;

    /// Every beam's received power at `terminal` summed per colour (W): Powers(terminal, rx, 0,
    /// false).perColourW, without the visibility test or the strongest beam. A payload with a
    /// tabulated grid (TabulateColourSums) answers from it.
    virtual void ColourPowers(const Vec3& terminal,
                              const TerminalRx& rx,
                              double perColourW[4]) const;
    /// Lets ColourPowers answer from a grid tabulated once for this payload and its later clones,
    /// if the payload has one (spot beams: BeamSumGrid) of at most `maxBytes`; returns whether it
    /// did. Call before PlaceAt's clones are made. The default has no grid.
    virtual bool TabulateColourSums(std::size_t maxBytes);
    /// Per-beam weights (each in [0, 1], NumBeams() of them) of the beams' powers in the
    /// per-colour sums of Powers and ColourPowers: the activity of each beam when interference
    /// is weighted by load. The strongest beam is still chosen, and its power bestW given,
    /// unweighted; its weighted share is in perColourW (a caller whose terminal it serves adds
    /// back the rest: (1 - InterferenceWeight(best)) x bestW). Default: all 1. Empty: all 1.
    virtual void SetInterferenceWeights(const std::vector<double>& weights);
    /// Weight of beam i in the sums (1 unless SetInterferenceWeights said otherwise).
    virtual double InterferenceWeight(std::size_t i) const;
    /// Whether this payload's beams can interfere at `point` (above its horizon and within the
    /// payload's reach: a satellite's interference angle, a base station's radio horizon).
    virtual bool Reaches(const Vec3& point) const = 0;

    /// Earth-central angle (rad) around the platform's sub-point within which Reaches may hold
    /// for points at radius `groundRadiusM` or more (a bound for spatial indexes).
    virtual double ReachCentralAngleRad(double groundRadiusM) const = 0;

    /// Uplink: power (W) that receive beam i delivers from a terminal at `terminal` (EIRP - path
    /// loss at the return frequency - extra loss + the beam's gain towards it); 0 when the
    /// terminal does not see the platform.
    virtual double UplinkReceivedW(std::size_t i,
                                   const Vec3& terminal,
                                   const BeamUplink& up) const = 0;

    const CellBand& Band() const
    {
        return m_band;
    }
    double MaxGainDbi() const
    {
        return m_band.maxGainDbi;
    }
    /// Bandwidth (Hz) of one colour: band x ReuseBandFraction.
    double ColourBandwidthHz() const;

    /// SINR of the serving beam `serving` (Powers of this payload at the terminal) against
    /// `groupPerColourW`: every co-channel beam's power at the terminal summed per colour, this
    /// payload's own beams (the serving one included) and other platforms' alike, and the noise.
    BeamSinr Combine(const BeamPowers& serving,
                     const double groupPerColourW[4],
                     const TerminalRx& rx) const;

    /// Noise power (W) of `rx` over one colour's band: k T_sys B_colour.
    double NoiseW(const TerminalRx& rx) const;

    /// Interference (W) that the serving beam of colour `colour` gets from power `perColourW`
    /// (per colour, the serving beam's own power excluded by the caller): the same colour, and
    /// under FR4 the other polarisation of the same frequency attenuated by the isolation.
    double CoChannelW(const double perColourW[4], int colour) const;

    /// Uplink noise (W) of one receive beam over a colour's share of the return band: k T_sys
    /// B_colour with T_sys the system temperature of boresight gain MaxGainDbi and G/T up.gtDbK.
    double UplinkNoiseW(const BeamUplink& up) const;

    /// Uplink SINR of a terminal in receive beam `beam`: carrier UplinkReceivedW, the co-channel
    /// interference `interferenceW` (the caller's sum over the other beams' terminals) and
    /// UplinkNoiseW. couplingLossDb: the terminal's EIRP over the carrier.
    BeamSinr UplinkSinr(std::size_t beam,
                        const Vec3& terminal,
                        const BeamUplink& up,
                        double interferenceW) const;

  protected:
    CellPayload(const CellPayload&) = default;
    CellPayload& operator=(const CellPayload&) = default;

  private:
    CellBand m_band;
};

} // namespace sagin

#endif
