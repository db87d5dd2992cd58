#include "radio/model/spot-beams.h"

#include "core/model/constants.h"
#include "link/model/link-budget.h"
#include "link/model/ntn-path-loss.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>

namespace sagin
{

namespace
{

int
PositiveMod(int a, int m)
{
    int r = a % m;
    return r < 0 ? r + m : r;
}

/// Angle (rad) between two unit vectors, accurate near 0 (atan2 of the cross and dot products).
double
AngleBetweenUnit(const Vec3& a, const Vec3& b)
{
    return std::atan2(Norm(Cross(a, b)), Dot(a, b));
}

} // namespace

int
HexBeamCount(int tiers)
{
    return 1 + 3 * tiers * (tiers + 1);
}

bool
IsHexBeamCount(int n, int* tiers)
{
    for (int k = 0; HexBeamCount(k) <= n; ++k)
    {
        if (HexBeamCount(k) == n)
        {
            if (tiers != nullptr)
            {
                *tiers = k;
            }
            return true;
        }
    }
    return false;
}

std::vector<HexBeam>
HexBeamGrid(int n, FrequencyReuse reuse)
{
    int tiers = 0;
    if (!IsHexBeamCount(n, &tiers))
    {
        throw std::invalid_argument(
            "beam count must be 1 + 3 k (k + 1) (1, 7, 19, 37, 61, 127, ...), got "
            + std::to_string(n));
    }
    std::vector<HexBeam> beams;
    beams.reserve(static_cast<std::size_t>(n));
    for (int q = -tiers; q <= tiers; ++q)
    {
        for (int r = -tiers; r <= tiers; ++r)
        {
            int tier = std::max({std::abs(q), std::abs(r), std::abs(q + r)});
            if (tier > tiers)
            {
                continue;
            }
            HexBeam b;
            b.q = q;
            b.r = r;
            b.tier = tier;
            b.x = q + 0.5 * r;
            b.y = r * std::sqrt(3.0) / 2.0;
            switch (reuse)
            {
            case FrequencyReuse::kFr1:
                b.colour = 0;
                break;
            case FrequencyReuse::kFr3:
                b.colour = PositiveMod(q - r, 3);
                break;
            case FrequencyReuse::kFr4:
                b.colour = 2 * PositiveMod(r, 2) + PositiveMod(q, 2);
                break;
            }
            beams.push_back(b);
        }
    }
    auto angle = [](const HexBeam& b)
    {
        double a = std::atan2(b.y, b.x);
        return a < -1e-12 ? a + kTwoPi : std::max(a, 0.0);
    };
    std::sort(beams.begin(),
              beams.end(),
              [&](const HexBeam& a, const HexBeam& b)
              {
                  if (a.tier != b.tier)
                  {
                      return a.tier < b.tier;
                  }
                  return angle(a) < angle(b);
              });
    return beams;
}

double
BeamwidthFromNadirFootprintRad(double diameterM, double altitudeM, double radiusM)
{
    double g = diameterM / (2.0 * radiusM);
    return 2.0 * std::atan2(radiusM * std::sin(g), radiusM + altitudeM - radiusM * std::cos(g));
}

double
ApertureRadiusForBeamwidthM(double beamwidthRad, double frequencyHz)
{
    return 1.6163 / (kTwoPi * frequencyHz / kSpeedOfLight * std::sin(beamwidthRad / 2.0));
}

double
AdjacentBeamSpacingRad(double beamwidthRad)
{
    return std::sqrt(3.0) / 2.0 * beamwidthRad;
}

std::optional<Vec3>
RaySphereIntersection(const Vec3& origin, const Vec3& direction, double radiusM)
{
    Vec3 d = Normalized(direction);
    // |o + t d|^2 = R^2: t^2 + 2 (o.d) t + |o|^2 - R^2 = 0, nearest non-negative root.
    double b = Dot(origin, d);
    double c = Dot(origin, origin) - radiusM * radiusM;
    double disc = b * b - c;
    if (disc < 0.0)
    {
        return std::nullopt;
    }
    double s = std::sqrt(disc);
    double t = -b - s;
    if (t < 0.0)
    {
        t = -b + s;
    }
    if (t < 0.0)
    {
        return std::nullopt;
    }
    return origin + d * t;
}

std::vector<double>
NadirBeamCellAreasM2(int numBeams, double spacingRad, double altitudeM, double radiusM)
{
    const std::vector<HexBeam> beams = HexBeamGrid(numBeams, FrequencyReuse::kFr1);
    const double s = std::sin(spacingRad);
    const Vec3 satellite(0.0, 0.0, radiusM + altitudeM);
    // Unit direction of the UV point (u, v) from a satellite looking down the -z axis.
    auto ground = [&](double u, double v) -> std::optional<Vec3>
    {
        const double w2 = 1.0 - u * u - v * v;
        if (!(w2 > 0.0))
        {
            return std::nullopt;
        }
        auto p = RaySphereIntersection(satellite, Vec3(u, v, -std::sqrt(w2)), radiusM);
        if (!p)
        {
            return std::nullopt;
        }
        return Normalized(*p);
    };
    std::vector<double> out;
    out.reserve(beams.size());
    const double cornerRadius = s / std::sqrt(3.0);
    for (const HexBeam& b : beams)
    {
        const auto centre = ground(b.x * s, b.y * s);
        std::optional<Vec3> corners[6];
        bool whole = centre.has_value();
        for (int k = 0; k < 6 && whole; ++k)
        {
            const double a = (30.0 + 60.0 * k) * kDegToRad;
            corners[k] = ground(b.x * s + cornerRadius * std::cos(a),
                                b.y * s + cornerRadius * std::sin(a));
            whole = corners[k].has_value();
        }
        if (!whole)
        {
            out.push_back(std::numeric_limits<double>::quiet_NaN());
            continue;
        }
        double solidAngle = 0.0;
        for (int k = 0; k < 6; ++k)
        {
            const Vec3& a = *centre;
            const Vec3& b1 = *corners[k];
            const Vec3& c = *corners[(k + 1) % 6];
            const double num = std::abs(Dot(a, Cross(b1, c)));
            const double den = 1.0 + Dot(a, b1) + Dot(b1, c) + Dot(c, a);
            solidAngle += 2.0 * std::atan2(num, den);
        }
        out.push_back(solidAngle * radiusM * radiusM);
    }
    return out;
}

SpotBeamPayload::SpotBeamPayload(const SpotBeamConfig& config)
    : CellPayload(CellBand{config.frequencyHz,
                           config.bandwidthHz,
                           config.reuse,
                           config.polarizationIsolationDb,
                           config.maxGainDbi})
    , m_config(config)
    , m_pattern(config.maxGainDbi, config.apertureRadiusM, config.frequencyHz)
    , m_beams(HexBeamGrid(config.numBeams, config.reuse))
    , m_beamPowerDbw(config.eirpDensityDbwPerMhz + 10.0 * std::log10(config.bandwidthHz / 1e6))
    , m_beamPowerW(std::pow(10.0, m_beamPowerDbw / 10.0))
    , m_fsplFactorM2(std::pow(10.0, -NtnPathLoss::FsplDb(1.0, config.frequencyHz) / 10.0))
{
    if (!(config.spacingRad > 0.0) || !(config.apertureRadiusM > 0.0) || !(config.frequencyHz > 0.0)
        || !(config.bandwidthHz > 0.0))
    {
        throw std::invalid_argument(
            "spot beams: spacing, aperture radius, frequency and bandwidth must be > 0");
    }
    if (config.steering == BeamSteering::kEarthFixed
        && !(config.anchorPeriodS > 0.0 && std::isfinite(config.anchorPeriodS)))
    {
        throw std::invalid_argument("spot beams: Earth-fixed beams need an anchor period > 0 s");
    }
    if (!(config.polarizationIsolationDb >= 0.0))
    {
        throw std::invalid_argument("spot beams: polarization isolation must be >= 0 dB");
    }
    int tiers = 0;
    IsHexBeamCount(config.numBeams, &tiers);
    double s = std::sin(config.spacingRad);
    if (!(config.spacingRad < kPi / 2.0) || s * tiers >= 1.0)
    {
        throw std::invalid_argument(
            "spot beams: the outer tier lies beyond 90 deg off the pointing axis");
    }
    m_table = std::make_shared<const AperturePatternTable>(
        kTwoPi * config.frequencyHz / kSpeedOfLight * config.apertureRadiusM,
        m_pattern.RelativeGainLinear(kPi / 2.0));
    Place(Vec3(0.0, 0.0, 0.0), Vec3(0.0, 0.0, -1.0), Vec3(1.0, 0.0, 0.0));
}

double
SpotBeamPayload::OuterBeamAngleRad() const
{
    int tiers = 0;
    IsHexBeamCount(m_config.numBeams, &tiers);
    return std::asin(std::min(1.0, tiers * std::sin(m_config.spacingRad)));
}

void
SpotBeamPayload::Place(const Vec3& position, const Vec3& pointing, const Vec3& xHint)
{
    m_position = position;
    Vec3 z = Normalized(pointing);
    Vec3 x = xHint - z * Dot(xHint, z);
    if (Norm(x) < 1e-9 * Norm(xHint))
    {
        throw std::invalid_argument("spot beams: the x hint is parallel to the pointing direction");
    }
    x = Normalized(x);
    Vec3 y = Cross(z, x);
    m_frameX = x;
    m_frameY = y;
    m_frameZ = z;
    double s = std::sin(m_config.spacingRad);
    m_directions.resize(m_beams.size());
    for (std::size_t i = 0; i < m_beams.size(); ++i)
    {
        double u = m_beams[i].x * s;
        double v = m_beams[i].y * s;
        double w = std::sqrt(std::max(0.0, 1.0 - u * u - v * v));
        m_directions[i] = x * u + y * v + z * w;
    }
    m_lit.assign(m_beams.size(), 1.0);
    m_steered = false;
    m_reachAngle = m_interferenceAngle;
    m_cosReach = m_cosInterference;
    FlattenDirections();
}

void
SpotBeamPayload::FlattenDirections()
{
    m_dx.resize(m_beams.size());
    m_dy.resize(m_beams.size());
    m_dz.resize(m_beams.size());
    m_colours.resize(m_beams.size());
    for (std::size_t i = 0; i < m_beams.size(); ++i)
    {
        m_dx[i] = m_directions[i].x;
        m_dy[i] = m_directions[i].y;
        m_dz[i] = m_directions[i].z;
        m_colours[i] = m_beams[i].colour;
    }
}

double
SpotBeamPayload::AnchorPeriodS() const
{
    return m_config.steering == BeamSteering::kEarthFixed ? m_config.anchorPeriodS : 0.0;
}

void
SpotBeamPayload::PlaceAnchored(const Vec3& position, const Vec3& anchorPosition)
{
    if (m_config.steering != BeamSteering::kEarthFixed)
    {
        PlaceAtNadir(position);
        return;
    }
    // The cells: where the beams met the sphere from the anchor position, at nadir.
    PlaceAtNadir(anchorPosition);
    const double outer = OuterBeamAngleRad();
    const Vec3 nadir = Normalized(position * -1.0);
    const double sinMinElevation = std::sin(m_config.minCellElevationRad);
    double farthest = 0.0;
    for (std::size_t i = 0; i < m_beams.size(); ++i)
    {
        const auto centre
            = RaySphereIntersection(anchorPosition, m_directions[i], m_config.cellSphereRadiusM);
        if (!centre)
        {
            m_lit[i] = 0.0;
            continue;
        }
        const Vec3 toSatellite = position - *centre;
        const double range = Norm(toSatellite);
        // Elevation of the satellite from the cell's centre (geocentric, on the sphere).
        const double sinElevation = Dot(Normalized(*centre), toSatellite) / range;
        m_directions[i] = toSatellite * (-1.0 / range);
        m_lit[i] = sinElevation >= sinMinElevation && sinElevation > 0.0 ? 1.0 : 0.0;
        if (m_lit[i] != 0.0)
        {
            farthest
                = std::max(farthest, std::acos(std::clamp(Dot(m_directions[i], nadir), -1.0, 1.0)));
        }
    }
    m_position = position;
    m_steered = true;
    m_reachAngle = std::min(kPi, m_interferenceAngle + std::max(0.0, farthest - outer));
    m_cosReach = std::cos(m_reachAngle);
    FlattenDirections();
}

std::optional<Vec3>
SpotBeamPayload::BeamGroundCentre(std::size_t i, double radiusM) const
{
    return RaySphereIntersection(m_position, m_directions[i], radiusM);
}

double
SpotBeamPayload::CouplingLossDb(std::size_t i, const Vec3& terminal, const TerminalRx& rx) const
{
    Vec3 d = terminal - m_position;
    double range = Norm(d);
    double theta = AngleBetweenUnit(d / range, m_directions[i]);
    return NtnPathLoss::FsplDb(range, m_config.frequencyHz) + rx.additionalLossDb
           - m_pattern.GainDb(theta) - rx.gainDbi;
}

BeamPowers
SpotBeamPayload::Powers(const Vec3& terminal,
                        const TerminalRx& rx,
                        std::size_t candidates,
                        bool requireVisible) const
{
    BeamPowers out;
    Vec3 d = terminal - m_position;
    double range = Norm(d);
    if (requireVisible
        && Dot(terminal, d) >= 0.0) // d points from the satellite down to the terminal
    {
        return out; // the satellite is at or below the terminal's geocentric horizon
    }
    out.visible = true;
    Vec3 u = d / range;
    if (candidates == 0 || candidates > m_beams.size())
    {
        candidates = m_beams.size();
    }
    // Common part of every beam's coupling loss; the satellite gain is the beam-specific part.
    out.commonLossDb
        = NtnPathLoss::FsplDb(range, m_config.frequencyHz) + rx.additionalLossDb - rx.gainDbi;
    // Received power (linear, W) summed per colour (at most 4 colours): P_b = P_peak g_b with
    // P_peak the power at the beam's peak and g_b its relative gain (no logarithm per beam).
    const double peakW = std::pow(10.0, (m_beamPowerDbw - out.commonLossDb) / 10.0);
    double perColour[4] = {0.0, 0.0, 0.0, 0.0};
    double bestGain = -1.0;
    std::size_t best = 0;
    const AperturePatternTable& table = *m_table;
    const double ux = u.x;
    const double uy = u.y;
    const double uz = u.z;
    const double* dx = m_dx.data();
    const double* dy = m_dy.data();
    const double* dz = m_dz.data();
    const int* colours = m_colours.data();
    const double* lit = m_lit.data();
    const double* weight = m_weight.empty() ? nullptr : m_weight.data();
    const std::size_t n = m_beams.size();
    for (std::size_t i = 0; i < n; ++i)
    {
        const double g
            = lit[i] * table.RelativeGainLinearFromCos(ux * dx[i] + uy * dy[i] + uz * dz[i]);
        perColour[colours[i]] += weight == nullptr ? g : weight[i] * g;
        if (i < candidates && g > bestGain)
        {
            bestGain = g;
            best = i;
        }
    }
    if (!(bestGain > 0.0))
    {
        out.visible = false; // no candidate beam lit (quasi-Earth-fixed cells all dark)
    }
    out.bestBeam = static_cast<int>(best);
    out.colour = m_beams[best].colour;
    out.bestRelativeGain = bestGain;
    out.bestW = peakW * bestGain;
    for (int c = 0; c < 4; ++c)
    {
        out.perColourW[c] = peakW * perColour[c];
    }
    return out;
}

double
SpotBeamPayload::UplinkReceivedW(std::size_t i, const Vec3& terminal, const BeamUplink& up) const
{
    const Vec3 d = terminal - m_position;
    const double range = Norm(d);
    if (Dot(terminal, d) >= 0.0 || m_lit[i] == 0.0)
    {
        return 0.0; // at or below the terminal's geocentric horizon, or a dark beam
    }
    const double theta = AngleBetweenUnit(d / range, m_directions[i]);
    return std::pow(10.0,
                    (up.terminalEirpDbw - NtnPathLoss::FsplDb(range, up.frequencyHz)
                     - up.additionalLossDb + m_pattern.GainDb(theta))
                        / 10.0);
}

BeamSinr
SpotBeamPayload::Evaluate(const Vec3& terminal,
                          const TerminalRx& rx,
                          std::size_t candidates,
                          bool requireVisible) const
{
    const BeamPowers p = Powers(terminal, rx, candidates, requireVisible);
    return Combine(p, p.perColourW, rx);
}

void
SpotBeamPayload::ColourPowers(const Vec3& terminal,
                              const TerminalRx& rx,
                              double perColourW[4]) const
{
    if (m_sumGrid && !m_steered && m_weight.empty())
    {
        const Vec3 d = terminal - m_position;
        const double range = Norm(d);
        const Vec3 u = d / range;
        double sums[4];
        if (m_sumGrid->Lookup(Dot(u, m_frameX), Dot(u, m_frameY), Dot(u, m_frameZ), sums))
        {
            // Power at a beam's peak: EIRP x the free-space loss (FsplDb at 1 m over d^2) x the
            // terminal's gain and loss (linear: no logarithm per point).
            const double terminal = rx.gainDbi == 0.0 && rx.additionalLossDb == 0.0
                                        ? 1.0
                                        : std::pow(10.0, (rx.gainDbi - rx.additionalLossDb) / 10.0);
            const double peakW = m_beamPowerW * m_fsplFactorM2 / (range * range) * terminal;
            for (int c = 0; c < 4; ++c)
            {
                perColourW[c] = peakW * sums[c];
            }
            return;
        }
    }
    CellPayload::ColourPowers(terminal, rx, perColourW);
}

bool
SpotBeamPayload::TabulateColourSums(std::size_t maxBytes)
{
    if (m_config.steering == BeamSteering::kEarthFixed)
    {
        return false; // steered beams leave the antenna frame's layout: summed beam by beam
    }
    const double radius = m_interferenceAngle >= kPi / 2.0 ? 1.0 : std::sin(m_interferenceAngle);
    const int colours = ReuseColours(m_config.reuse);
    if (BeamSumGrid::BytesFor(m_table->Ka(), colours, radius, BeamSumGrid::kDefaultStepU)
        > maxBytes)
    {
        return false;
    }
    // Payloads of one layout share one grid (e.g. every shell of a constellation): a cache of
    // the grids alive, keyed by what determines them.
    using Key = std::tuple<double, double, int, double, int, double>;
    static std::mutex mutex;
    static std::map<Key, std::weak_ptr<const BeamSumGrid>> cache;
    const Key key{m_table->Ka(),
                  m_pattern.RelativeGainLinear(kPi / 2.0),
                  m_config.numBeams,
                  m_config.spacingRad,
                  static_cast<int>(m_config.reuse),
                  radius};
    std::lock_guard<std::mutex> lock(mutex);
    if (auto grid = cache[key].lock())
    {
        m_sumGrid = grid;
        return true;
    }
    // The beams' boresights in the antenna frame (as Place lays them out).
    const double s = std::sin(m_config.spacingRad);
    std::vector<Vec3> directions;
    std::vector<int> beamColours;
    for (const HexBeam& b : m_beams)
    {
        const double u = b.x * s;
        const double v = b.y * s;
        directions.emplace_back(u, v, std::sqrt(std::max(0.0, 1.0 - u * u - v * v)));
        beamColours.push_back(b.colour);
    }
    m_sumGrid = std::make_shared<const BeamSumGrid>(
        m_table, std::move(directions), std::move(beamColours), colours, radius);
    cache[key] = m_sumGrid;
    return true;
}

void
SpotBeamPayload::SetInterferenceWeights(const std::vector<double>& weights)
{
    if (!weights.empty() && weights.size() != m_beams.size())
    {
        throw std::invalid_argument("spot beams: one interference weight per beam");
    }
    m_weight = weights;
}

bool
WithinInterferenceCone(const Vec3& satellite, const Vec3& point, double cosCut)
{
    const Vec3 d = point - satellite;
    return Dot(point, d) < 0.0 && -Dot(satellite, d) >= cosCut * Norm(satellite) * Norm(d);
}

std::unique_ptr<CellPayload>
SpotBeamPayload::Clone() const
{
    return std::make_unique<SpotBeamPayload>(*this);
}

void
SpotBeamPayload::PlaceAt(const Vec3& position)
{
    PlaceAtNadir(position);
}

void
SpotBeamPayload::SetInterferenceAngle(double rad)
{
    m_interferenceAngle = std::min(kPi, rad);
    m_cosInterference = std::cos(m_interferenceAngle);
    m_reachAngle = m_interferenceAngle;
    m_cosReach = m_cosInterference;
}

bool
SpotBeamPayload::Reaches(const Vec3& point) const
{
    return WithinInterferenceCone(m_position, point, m_cosReach);
}

double
SpotBeamPayload::ReachCentralAngleRad(double groundRadiusM) const
{
    constexpr double kMargin = 1e-3;
    const double satRadius = Norm(m_position);
    const double horizon = satRadius > groundRadiusM ? std::acos(groundRadiusM / satRadius) : kPi;
    const double s = satRadius * std::sin(m_reachAngle) / groundRadiusM;
    if (m_reachAngle >= kPi / 2.0 || s >= 1.0)
    {
        return horizon + kMargin;
    }
    // Law of sines in the triangle centre-satellite-point: the point's angle is pi - asin(s).
    return std::min(horizon, std::asin(s) - m_reachAngle) + kMargin;
}

void
SpotBeamPayload::PlaceAtNadir(const Vec3& position)
{
    Vec3 hint(0.0, 0.0, 1.0);
    if (Norm(Cross(position / Norm(position), hint)) < 1e-6)
    {
        hint = Vec3(1.0, 0.0, 0.0);
    }
    Place(position, position * -1.0, hint);
}

} // namespace sagin
