// Multi-beam satellite payloads: a hexagonal grid of spot beams in the satellite's antenna frame,
// its frequency-reuse colouring (FR1, FR3, FR4 of TR 38.821 Tables 6.1.1.1-4/-5) and the geometry
// SINR of a ground terminal (coupling loss to every beam, serving beam, co-channel interference,
// noise). Every beam uses the circular-aperture pattern of modules/link. docs/models.md#spot-beams.
//
// Frames. The antenna frame has its z axis along the pointing direction of the central beam and
// x, y across it. A beam's boresight is given on the UV plane (u, v) = sin(theta) (cos phi,
// sin phi), theta off the z axis: the grid is regular in (u, v) with spacing sin(spacing angle),
// so every first-tier beam is exactly `spacing` off the central one. Positions are Cartesian in
// metres in any Earth-centred frame (ECEF for the simulator, a sphere for the calibration).
#ifndef SAGIN_RADIO_SPOT_BEAMS_H
#define SAGIN_RADIO_SPOT_BEAMS_H

#include "core/model/vec3.h"
#include "link/model/circular-aperture-antenna.h"
#include "radio/model/aperture-pattern-table.h"
#include "radio/model/beam-sum-grid.h"
#include "radio/model/cell-payload.h"

#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace sagin
{

/// Whether beams move with the satellite (fixed directions in the antenna frame) or are steered
/// to ground cells fixed on the Earth (quasi-Earth-fixed, TR 38.821: re-laid every anchor
/// period; SpotBeamPayload::PlaceAnchored).
enum class BeamSteering
{
    kEarthMoving,
    kEarthFixed,
};

/// Whether n = 1 + 3 k (k + 1) for some k >= 0 (1, 7, 19, 37, 61, 127, ...); `tiers` gets k.
bool IsHexBeamCount(int n, int* tiers = nullptr);
/// 1 + 3 k (k + 1).
int HexBeamCount(int tiers);

/// One beam of the hexagonal grid: axial coordinates (q, r) (neighbours differ by one of (+-1, 0),
/// (0, +-1), (+1, -1), (-1, +1)), its tier max(|q|, |r|, |q + r|), its position on the unit grid
/// (x = q + r / 2, y = r sqrt(3) / 2; adjacent beams are 1 apart) and its reuse colour.
struct HexBeam
{
    int q = 0;
    int r = 0;
    int tier = 0;
    double x = 0.0;
    double y = 0.0;
    int colour = 0;
};

/// The first `n` beams (IsHexBeamCount(n)) of the grid, centre first, then tier by tier, each tier
/// counter-clockwise from the +x axis; coloured for `reuse`: FR3 colour (q - r) mod 3, FR4 colour
/// 2 (r mod 2) + (q mod 2) (frequency q mod 2, polarisation r mod 2). No two adjacent beams share a
/// colour under FR3 or FR4. Throws std::invalid_argument for a count that is no hexagon.
std::vector<HexBeam> HexBeamGrid(int n, FrequencyReuse reuse);

/// 3 dB beamwidth (rad) of a beam whose half-power footprint on a sphere of radius `radiusM` is
/// `diameterM` across at nadir from altitude `altitudeM`: 2 atan(R sin g / (R + h - R cos g)),
/// g = D / (2 R) the Earth-central angle of the footprint radius.
double BeamwidthFromNadirFootprintRad(double diameterM, double altitudeM, double radiusM);

/// Aperture radius (m) of the circular reflector whose Bessel pattern has the 3 dB beamwidth
/// `beamwidthRad` at `frequencyHz`: 1.6163 / (k sin(theta_3dB / 2)), k = 2 pi f / c (the inverse
/// of CircularApertureAntenna::HalfPowerBeamwidthRad), for payloads given by beamwidth.
double ApertureRadiusForBeamwidthM(double beamwidthRad, double frequencyHz);

/// Adjacent-beam spacing (rad) for a 3 dB beamwidth: (sqrt(3) / 2) theta_3dB, the spacing at which
/// the 3 dB circles of a hexagonal grid meet at the hexagons' corners (the TR 38.821 layout).
double AdjacentBeamSpacingRad(double beamwidthRad);

/// Nearest intersection of the ray from `origin` along `direction` (need not be unit) with the
/// sphere of radius `radiusM` centred at the origin of the frame; none when the ray misses it.
std::optional<Vec3> RaySphereIntersection(const Vec3& origin,
                                          const Vec3& direction,
                                          double radiusM);

/// Whether a satellite at `satellite` can interfere at `point` (both Earth-centred): the point
/// sees it above its geocentric horizon and it lies within `cosCut` = cos(interference angle) of
/// the satellite's nadir (ShellBeams::interferenceAngle: the outer beams' angle plus the
/// pattern's sidelobe cut).
bool WithinInterferenceCone(const Vec3& satellite, const Vec3& point, double cosCut);

/// Ground area (m^2) of each beam's cell, the payload pointing at nadir from altitude `altitudeM`
/// over a sphere of radius `radiusM`: the cell is the beam's hexagon of the UV grid (its Voronoi
/// cell: corners at UV distance sin(spacing) / sqrt(3) from the beam's centre, at 30 + 60 k deg)
/// whose six corners are projected along rays from the satellite onto the sphere and joined by
/// great circles; its area is the sum of the six spherical triangles centre-corner-corner (solid
/// angle by Van Oosterom and Strackee's formula). The cells tile the layout, so a beam's traffic
/// over its cell's area is its served traffic per km^2. NaN for a beam whose cell is not wholly
/// on the sphere (a corner ray misses it). Beams in HexBeamGrid order.
std::vector<double> NadirBeamCellAreasM2(int numBeams,
                                         double spacingRad,
                                         double altitudeM,
                                         double radiusM);

/// What a multi-beam payload is made of.
struct SpotBeamConfig
{
    int numBeams = 19;       ///< 1 + 3 k (k + 1)
    double spacingRad = 0.0; ///< adjacent-beam spacing (> 0)
    FrequencyReuse reuse = FrequencyReuse::kFr1;
    BeamSteering steering = BeamSteering::kEarthMoving;
    double maxGainDbi = 0.0;      ///< every beam's boresight gain
    double apertureRadiusM = 0.0; ///< reflector radius (diameter / 2)
    double frequencyHz = 0.0;
    double eirpDensityDbwPerMhz = 0.0; ///< per beam, at boresight
    double bandwidthHz = 0.0;          ///< the whole band (FR1 colour)
    /// Attenuation of a co-frequency beam of the other polarisation (FR4); +inf: ideal.
    double polarizationIsolationDb = std::numeric_limits<double>::infinity();
    /// kEarthFixed: how long (s, > 0) a satellite keeps its ground cells before re-laying them.
    double anchorPeriodS = 0.0;
    /// kEarthFixed: a cell is dark while its centre sees the satellite below this elevation.
    double minCellElevationRad = 0.0;
    /// kEarthFixed: radius (m) of the sphere the cells' centres are laid on.
    double cellSphereRadiusM = 6371e3;
};

/// A multi-beam payload placed on a satellite (or a HAPS). Const after placement, thread-safe;
/// Evaluate does not allocate, so it can be called for many terminals in a loop.
class SpotBeamPayload : public CellPayload
{
  public:
    /// Throws std::invalid_argument for a beam count that is no hexagon, a non-positive spacing,
    /// aperture, frequency or bandwidth, or a spacing that puts beams beyond 90 deg.
    explicit SpotBeamPayload(const SpotBeamConfig& config);

    /// Places the antenna on a satellite at `position`, central beam along `pointing` (need not be
    /// unit), antenna-frame x axis along the part of `xHint` across `pointing`.
    void Place(const Vec3& position, const Vec3& pointing, const Vec3& xHint);

    /// Earth-moving beams on a satellite at `position` (Earth-centred): central beam at nadir,
    /// antenna x axis towards the north (the equator's x axis over a pole). How every run and
    /// coverage map places a payload.
    void PlaceAtNadir(const Vec3& position);

    std::unique_ptr<CellPayload> Clone() const override;
    /// PlaceAtNadir.
    void PlaceAt(const Vec3& position) override;
    /// kEarthFixed: the configuration's anchor period; Earth-moving: 0.
    double AnchorPeriodS() const override;
    /// Quasi-Earth-fixed beams (kEarthFixed) on a satellite at `position` whose cells were laid
    /// when it was at `anchorPosition`: each cell's centre is where the beam's boresight met the
    /// cell sphere with the payload at nadir from `anchorPosition` (PlaceAtNadir there), and each
    /// beam's boresight now points from `position` at its cell's centre, with the same pattern
    /// around it. A beam whose cell sees the satellite below minCellElevationRad, or whose
    /// boresight missed the sphere, is dark: it radiates nothing and serves no one. The
    /// interference angle grows by how far the lit beams now point beyond the outer beam's
    /// angle. Earth-moving beams: PlaceAtNadir(position).
    void PlaceAnchored(const Vec3& position, const Vec3& anchorPosition) override;
    void SetInterferenceWeights(const std::vector<double>& weights) override;
    double InterferenceWeight(std::size_t i) const override
    {
        return m_weight.empty() ? 1.0 : m_weight[i];
    }
    /// Whether beam i radiates (always, except quasi-Earth-fixed beams whose cell is dark).
    bool BeamLit(std::size_t i) const
    {
        return m_lit[i] != 0.0;
    }

    std::size_t NumBeams() const override
    {
        return m_beams.size();
    }
    int Colour(std::size_t i) const override
    {
        return m_beams[i].colour;
    }
    const HexBeam& Beam(std::size_t i) const
    {
        return m_beams[i];
    }
    /// Unit boresight of beam i (frame of Place).
    const Vec3& BeamDirection(std::size_t i) const
    {
        return m_directions[i];
    }
    /// Where beam i's boresight meets a sphere of radius `radiusM`; none when it misses.
    std::optional<Vec3> BeamGroundCentre(std::size_t i, double radiusM) const;
    const Vec3& Position() const override
    {
        return m_position;
    }
    const CircularApertureAntenna& Pattern() const
    {
        return m_pattern;
    }
    const SpotBeamConfig& Config() const
    {
        return m_config;
    }
    /// Coupling loss (dB) from beam i to a terminal at `terminal`.
    double CouplingLossDb(std::size_t i, const Vec3& terminal, const TerminalRx& rx) const;

    /// Geometry SINR at `terminal`: serving beam = smallest coupling loss among `candidates`
    /// beams 0 .. candidates - 1 (0: all beams); interference from every other beam of the same
    /// colour (and, under FR4, of the same frequency and the other polarisation, attenuated by the
    /// isolation). The satellite's per-beam power is EIRP density x whole band, spread over the
    /// colour's band. `requireVisible`: a terminal that sees the satellite at or below its
    /// geocentric horizon (terminal . (satellite - terminal) <= 0) gets servingBeam -1.
    BeamSinr Evaluate(const Vec3& terminal,
                      const TerminalRx& rx,
                      std::size_t candidates = 0,
                      bool requireVisible = true) const;

    /// The received power of every beam at `terminal`, per colour, and the strongest among the
    /// first `candidates` (0: all); the part of Evaluate that sums over beams (tabulated pattern).
    BeamPowers Powers(const Vec3& terminal,
                      const TerminalRx& rx,
                      std::size_t candidates = 0,
                      bool requireVisible = true) const override;

    /// From the grid when one is tabulated and covers the terminal's direction (within about
    /// 0.01 dB of the exact sum; docs/models.md#interference-grid), else the exact sum of Powers.
    void ColourPowers(const Vec3& terminal,
                      const TerminalRx& rx,
                      double perColourW[4]) const override;
    /// Tabulates a BeamSumGrid over the directions within the interference angle (the whole
    /// hemisphere when it is 90 deg or more) unless it would exceed `maxBytes` or the beams are
    /// Earth-fixed (steered away from the antenna frame's layout).
    bool TabulateColourSums(std::size_t maxBytes) override;

    /// Sets the angle (rad) off nadir within which the payload interferes (the outer beams'
    /// angle plus the pattern's sidelobe cut; ShellBeams::interferenceAngle). Default pi: every
    /// point that sees the satellite.
    void SetInterferenceAngle(double rad);
    /// WithinInterferenceCone of the interference angle.
    bool Reaches(const Vec3& point) const override;
    /// The ground angle within which points at radius `groundRadiusM` can lie within the
    /// interference angle and above the horizon (law of sines), plus a margin.
    double ReachCentralAngleRad(double groundRadiusM) const override;

    /// Uplink: power (W) that receive beam i delivers from a terminal at `terminal` (EIRP - free-
    /// space loss at the return frequency - extra loss + the beam's gain towards it, exact
    /// pattern); 0 when the terminal sees the satellite at or below its geocentric horizon.
    double UplinkReceivedW(std::size_t i,
                           const Vec3& terminal,
                           const BeamUplink& up) const override;

    /// Largest angle (rad) of a beam's boresight off the pointing axis.
    double OuterBeamAngleRad() const;

    /// The tabulated pattern (shared by copies of this payload).
    const AperturePatternTable& Table() const
    {
        return *m_table;
    }

  private:
    /// Copies m_directions and the colours into the flat arrays of Powers.
    void FlattenDirections();

    SpotBeamConfig m_config;
    CircularApertureAntenna m_pattern;
    std::shared_ptr<const AperturePatternTable> m_table;
    std::vector<HexBeam> m_beams;
    std::vector<Vec3> m_directions;
    // The same directions and the colours as flat arrays, for the loop of Powers.
    std::vector<double> m_dx;
    std::vector<double> m_dy;
    std::vector<double> m_dz;
    std::vector<int> m_colours;
    std::vector<double> m_lit;    ///< 1 for a beam that radiates, 0 for a dark one
    std::vector<double> m_weight; ///< SetInterferenceWeights (empty: all 1)
    bool m_steered = false;       ///< placed by PlaceAnchored with kEarthFixed (no grid then)
    double m_reachAngle = 3.14159265358979323846; ///< interference angle at this placement
    double m_cosReach = -1.0;
    Vec3 m_position;
    Vec3 m_frameX; ///< antenna frame of Place: x, y across the pointing axis z
    Vec3 m_frameY;
    Vec3 m_frameZ;
    std::shared_ptr<const BeamSumGrid> m_sumGrid; ///< TabulateColourSums (shared by clones)
    double m_interferenceAngle = 3.14159265358979323846;
    double m_cosInterference = -1.0;
    double m_beamPowerDbw; ///< conducted power x max gain = EIRP of one beam over the whole band
    double m_beamPowerW;   ///< the same in W
    double m_fsplFactorM2; ///< free-space loss (ratio) at 1 m: at d it is this / d^2
};

} // namespace sagin

#endif
