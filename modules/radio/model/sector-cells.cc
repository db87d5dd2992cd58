#include "radio/model/sector-cells.h"

#include "core/model/constants.h"
#include "link/model/link-budget.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sagin
{

namespace
{
constexpr double kEffectiveEarthRadiusM = 4.0 / 3.0 * 6371e3;
} // namespace

double
RadioHorizonDistanceM(double h1M, double h2M)
{
    return std::sqrt(2.0 * kEffectiveEarthRadiusM * std::max(h1M, 0.0))
           + std::sqrt(2.0 * kEffectiveEarthRadiusM * std::max(h2M, 0.0));
}

namespace
{

CellBand
BandOf(const SectorCellConfig& c)
{
    if (!c.forward || !std::isfinite(c.forward->EirpDbw()))
    {
        throw std::invalid_argument(
            "terrestrial cells need a forward budget with a transmit side (EIRP)");
    }
    const auto& p = c.forward->Parameters();
    CellBand band;
    band.frequencyHz = p.frequencyHz;
    band.bandwidthHz = p.bandwidthHz;
    band.reuse = FrequencyReuse::kFr1;
    band.maxGainDbi = p.txGainDbi;
    return band;
}

} // namespace

SectorCellPayload::SectorCellPayload(const SectorCellConfig& config)
    : CellPayload(BandOf(config))
    , m_config(config)
    , m_omni(config.sectors <= 1)
    , m_eirpDbw(config.forward->EirpDbw())
    , m_reachM(RadioHorizonDistanceM(config.antennaHeightM, config.terminalHeightM))
{
    if (config.sectors != 1 && config.sectors != 3)
    {
        throw std::invalid_argument("terrestrial cells: 1 or 3 sectors");
    }
    const unsigned n = m_omni ? 1 : config.sectors;
    for (unsigned k = 0; k < n; ++k)
    {
        m_antennas.emplace_back(config.azimuthDeg + k * 360.0 / n, config.downtiltDeg);
    }
}

std::unique_ptr<CellPayload>
SectorCellPayload::Clone() const
{
    return std::make_unique<SectorCellPayload>(*this);
}

void
SectorCellPayload::PlaceAt(const Vec3& position)
{
    m_position = position;
    const Geodetic site = EcefToGeodetic(position);
    m_frame = EnuFrame(site);
    if (m_config.aerial)
    {
        m_reachM = RadioHorizonDistanceM(site.alt_m, m_config.terminalHeightM);
    }
}

bool
SectorCellPayload::Reaches(const Vec3& point) const
{
    return Distance(point, m_position) <= m_reachM;
}

double
SectorCellPayload::ReachCentralAngleRad(double groundRadiusM) const
{
    return m_reachM / groundRadiusM + 1e-3;
}

double
SectorCellPayload::CellGainDbi(std::size_t i, const Vec3& terminal) const
{
    if (m_omni)
    {
        return MaxGainDbi();
    }
    const Vec3 enu = m_frame.DirectionToEnu(terminal - m_position);
    return MaxGainDbi() + m_antennas[i].GainDb(enu) - m_antennas[i].MaxGainDbi();
}

double
SectorCellPayload::MeanLossDb(const LinkBudget& budget, const Vec3& terminal) const
{
    // The geometry of the service link (LinkStateBuilder), in the base station's local frame:
    // a terrestrial one at its antenna height over a terminal 1.5 m up; a UAV at its height
    // above the terminal (air-to-ground models); the horizontal distance.
    const Vec3 d = terminal - m_position;
    const Vec3 enu = m_frame.DirectionToEnu(d);
    LinkGeometry g;
    g.distanceM = Norm(d);
    g.elevationDeg
        = std::max(0.0, std::asin(std::clamp(-enu.z / g.distanceM, -1.0, 1.0)) / kDegToRad);
    g.groundDistanceM = std::max(std::hypot(enu.x, enu.y), 1.0);
    if (m_config.aerial)
    {
        g.aerialHeightM = std::max(-enu.z, m_config.terminalHeightM);
    }
    else
    {
        g.aerialHeightM = m_config.terminalHeightM;
        g.groundAntennaHeightM = m_config.antennaHeightM;
    }
    return budget.Evaluate(g, LinkCondition::kMean).totalLossDb;
}

BeamPowers
SectorCellPayload::Powers(const Vec3& terminal,
                          const TerminalRx& rx,
                          std::size_t candidates,
                          bool requireVisible) const
{
    BeamPowers out;
    if (requireVisible && !Reaches(terminal))
    {
        return out;
    }
    const double loss = MeanLossDb(*m_config.forward, terminal);
    if (!std::isfinite(loss))
    {
        return out; // outside the channel model's domain: nothing received
    }
    out.visible = true;
    out.commonLossDb = loss + rx.additionalLossDb - rx.gainDbi;
    // Power at the boresight of a cell (linear, W) and each cell's gain relative to it.
    const double peakW = std::pow(10.0, (m_eirpDbw - out.commonLossDb) / 10.0);
    if (candidates == 0 || candidates > m_antennas.size())
    {
        candidates = m_antennas.size();
    }
    double sum = 0.0;
    double bestGain = -1.0;
    std::size_t best = 0;
    for (std::size_t i = 0; i < m_antennas.size(); ++i)
    {
        const double g = std::pow(10.0, (CellGainDbi(i, terminal) - MaxGainDbi()) / 10.0);
        sum += m_weight.empty() ? g : m_weight[i] * g;
        if (i < candidates && g > bestGain)
        {
            bestGain = g;
            best = i;
        }
    }
    out.bestBeam = static_cast<int>(best);
    out.colour = 0;
    out.bestRelativeGain = bestGain;
    out.bestW = peakW * bestGain;
    out.perColourW[0] = peakW * sum;
    return out;
}

void
SectorCellPayload::SetInterferenceWeights(const std::vector<double>& weights)
{
    if (!weights.empty() && weights.size() != m_antennas.size())
    {
        throw std::invalid_argument("sector cells: one interference weight per cell");
    }
    m_weight = weights;
}

double
SectorCellPayload::UplinkReceivedW(std::size_t i, const Vec3& terminal, const BeamUplink& up) const
{
    if (!m_config.reverse || !Reaches(terminal))
    {
        return 0.0;
    }
    const double loss = MeanLossDb(*m_config.reverse, terminal);
    if (!std::isfinite(loss))
    {
        return 0.0;
    }
    return std::pow(
        10.0, (up.terminalEirpDbw - loss - up.additionalLossDb + CellGainDbi(i, terminal)) / 10.0);
}

} // namespace sagin
