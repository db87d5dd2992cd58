#include "link/model/link-budget.h"

#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "link/model/link-geometry.h"
#include "link/model/rain-fade-series.h"
#include "link/model/terrestrial-path-loss.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace sagin
{

namespace
{

std::string
Ghz(double hz)
{
    std::string s = std::to_string(hz / 1e9);
    return s;
}

} // namespace

LinkBudget::LinkBudget(const LinkBudgetParameters& p)
    : m_p(p)
    , m_modulation(ModulationTable::FromKind(p.modulation, p.shannonGapDb, p.shannonCapBpsHz))
{
    if (!(p.bandwidthHz > 0.0))
    {
        throw std::invalid_argument("bandwidth must be > 0 Hz");
    }
    if (!(p.frequencyHz > 0.0))
    {
        throw std::invalid_argument("frequency must be > 0 Hz");
    }
    if (!(p.rollOff >= 0.0))
    {
        throw std::invalid_argument("roll-off must be >= 0");
    }
    m_info = ChannelModelRegistry::Instance().Find(p.model);
    if (!m_info)
    {
        throw std::invalid_argument("channel model is not registered (one of "
                                    + ChannelModelRegistry::Instance().Names() + ")");
    }
    if (m_info->make)
    {
        if (!m_info->environments.empty() && !m_info->TakesEnvironment(p.environment))
        {
            throw std::invalid_argument("environment " + std::string(EnvironmentName(p.environment))
                                        + " is not one of channel model " + m_info->name
                                        + "'s: " + m_info->EnvironmentNames());
        }
        // A model that checks its inputs itself reports them first, in its own words.
        m_channel = m_info->make(p);
        const std::string frequencyError = m_info->CheckFrequency(p.frequencyHz);
        if (!frequencyError.empty())
        {
            throw std::invalid_argument(frequencyError);
        }
    }
    else if (p.model == ChannelModel::kOpticalIsl)
    {
        m_isl = std::make_unique<OpticalIsl>(p.isl);
    }
    m_earthSpace = m_info->earthSpace;
    m_rain = p.rain.rainRate001MmH > 0.0 && m_earthSpace;
    if (m_rain)
    {
        double fGHz = p.frequencyHz / 1e9;
        if (!(fGHz >= 1.0 && fGHz <= 1000.0))
        {
            throw std::invalid_argument("rain attenuation (ITU-R P.838-3) needs 1-1000 GHz, got "
                                        + Ghz(p.frequencyHz) + " GHz");
        }
        if (!(p.rain.exceedancePercent >= 0.001 && p.rain.exceedancePercent <= 5.0))
        {
            throw std::invalid_argument("rain attenuation (ITU-R P.618-13) needs an availability "
                                        "between 95 and 99.999 %");
        }
    }
    if (p.txApertureRadiusM > 0.0)
    {
        m_txPattern = std::make_unique<CircularApertureAntenna>(
            p.txGainDbi, p.txApertureRadiusM, p.frequencyHz);
    }
    if (p.rxApertureRadiusM > 0.0)
    {
        m_rxPattern = std::make_unique<CircularApertureAntenna>(
            p.rxGainDbi, p.rxApertureRadiusM, p.frequencyHz);
    }

    double bwMhz = p.bandwidthHz / 1e6;
    if (!std::isnan(p.eirpDbwPerMhz))
    {
        m_eirpDbw = p.eirpDbwPerMhz + 10.0 * std::log10(bwMhz);
    }
    else if (!std::isnan(p.txPowerDbw))
    {
        m_eirpDbw = p.txPowerDbw + p.txGainDbi;
    }
    if (!std::isnan(p.gtDbK))
    {
        m_gtDbK = p.gtDbK;
    }
    else if (!std::isnan(p.noiseFigureDb))
    {
        m_tsysK = sagin::SystemNoiseTemperatureK(p.antennaTemperatureK, p.noiseFigureDb);
        m_gtDbK = p.rxGainDbi - 10.0 * std::log10(m_tsysK);
    }
    if (m_rain && p.receiverLooksAtSky && !std::isnan(m_gtDbK) && std::isnan(m_tsysK))
    {
        throw std::invalid_argument("rain raises the noise of a receiver looking at the sky "
                                    "(ITU-R P.618-13 section 3), which needs its noise figure and "
                                    "antenna temperature, not G/T alone");
    }
    m_hasBudget = !std::isnan(m_eirpDbw) && !std::isnan(m_gtDbK);
    m_cnConstantDb = m_eirpDbw + m_gtDbK - kBoltzmannDbW - 10.0 * std::log10(p.bandwidthHz)
                     - p.shadowingMarginDb - p.additionalLossDb;
    m_rollOffDb = 10.0 * std::log10(1.0 + p.rollOff);
    m_symbolRateHz = p.bandwidthHz / (1.0 + p.rollOff);
}

LinkBudget::~LinkBudget() = default;
LinkBudget::LinkBudget(LinkBudget&&) noexcept = default;
LinkBudget& LinkBudget::operator=(LinkBudget&&) noexcept = default;

LinkGeometry
LinkBudget::GeometryFromEcef(const Vec3& ground, const Vec3& groundUp, const Vec3& other)
{
    LinkGeometry g;
    Vec3 d = other - ground;
    g.distanceM = Norm(d);
    double up = Dot(groundUp, d);
    g.elevationDeg = g.distanceM > 0.0 ? ElevationRad(ground, groundUp, other) * kRadToDeg : 90.0;
    g.aerialHeightM = up;
    g.groundDistanceM = std::sqrt(std::max(0.0, g.distanceM * g.distanceM - up * up));
    return g;
}

double
LinkBudget::RateBps(double cnDb) const
{
    if (!(cnDb >= m_p.minCnDb))
    {
        return 0.0;
    }
    return m_modulation.Efficiency(cnDb + m_rollOffDb) * m_symbolRateHz;
}

LinkBudgetResult
LinkBudget::Evaluate(const LinkGeometry& g,
                     LinkCondition condition,
                     const FadingSample* fading) const
{
    LinkBudgetResult r;
    r.distanceM = g.distanceM;
    r.elevationDeg = g.elevationDeg;
    r.oneWayDelayS = PropagationDelayS(g.distanceM);
    if (m_p.model == ChannelModel::kOpticalIsl)
    {
        r.available
            = g.distanceM <= m_p.isl.maxRangeM
              && (std::isnan(g.grazingAltitudeM) || g.grazingAltitudeM >= m_p.isl.grazingAltitudeM);
        r.rateBps = r.available ? m_isl->RateBps(g.distanceM) : 0.0;
        return r;
    }
    if (fading)
    {
        condition = fading->los ? LinkCondition::kLos : LinkCondition::kNlos;
        r.shadowFadingDb = fading->shadowFadingDb;
    }
    r.pathLossDb = m_channel ? m_channel->LossDb(g, condition, r) : 0.0;
    r.oneWayDelayS = PropagationDelayS(r.distanceM);
    if (m_rain)
    {
        const RainFade fade = RainFadeAt(r.elevationDeg, m_p.rain);
        r.rainDb = fade.attenuationDb;
        r.rainNoiseDb = fade.noiseIncreaseDb;
    }
    double patternLoss = 0.0;
    if (m_txPattern)
    {
        patternLoss -= m_txPattern->RelativeGainDb(g.txOffBoresightRad);
    }
    if (m_rxPattern)
    {
        patternLoss -= m_rxPattern->RelativeGainDb(g.rxOffBoresightRad);
    }
    r.totalLossDb = r.pathLossDb + r.shadowFadingDb + r.rainDb + patternLoss + m_p.shadowingMarginDb
                    + m_p.additionalLossDb;
    r.eirpDbw = m_eirpDbw;
    r.gtDbK = m_gtDbK;
    bool geometryOk = r.elevationDeg >= m_p.minElevationDeg;
    if (m_hasBudget)
    {
        r.cnDb = m_cnConstantDb - (r.totalLossDb - m_p.shadowingMarginDb - m_p.additionalLossDb)
                 - r.rainNoiseDb;
        r.spectralEfficiency = m_modulation.Efficiency(r.cnDb + m_rollOffDb);
        r.available = geometryOk && r.cnDb >= m_p.minCnDb && r.spectralEfficiency > 0.0;
        r.rateBps = r.available ? r.spectralEfficiency * m_symbolRateHz : 0.0;
        if (!r.available)
        {
            r.spectralEfficiency = 0.0;
        }
    }
    else
    {
        r.available = geometryOk;
    }
    return r;
}

double
LinkBudget::MeanCnDb(double distanceM, double elevationDeg) const
{
    double lossDb = 0.0;
    if (m_channel && !m_rain && !m_txPattern && !m_rxPattern
        && m_channel->MeanLossDb(distanceM, elevationDeg, lossDb))
    {
        return m_cnConstantDb - lossDb;
    }
    LinkGeometry g;
    g.distanceM = distanceM;
    g.elevationDeg = elevationDeg;
    return Evaluate(g, LinkCondition::kMean).cnDb;
}

double
LinkBudget::MeanCnDb(double distanceM, double elevationDeg, const RainParameters& rain) const
{
    const RainFade fade = RainFadeAt(elevationDeg, rain);
    return MeanCnDb(distanceM, elevationDeg) - fade.attenuationDb - fade.noiseIncreaseDb;
}

RainFade
LinkBudget::RainFadeAt(double elevationDeg, const RainParameters& rain) const
{
    RainFade f;
    if (!m_earthSpace || !(rain.rainRate001MmH > 0.0) || !(elevationDeg > 0.0)
        || m_p.frequencyHz < 1e9)
    {
        return f;
    }
    if (std::isnan(rain.rainProbabilityPercent))
    {
        f.attenuationDb
            = RainAttenuation::Compute(m_p.frequencyHz / 1e9, elevationDeg, rain).attenuationDb;
    }
    else
    {
        // The site's rain process now, through this direction's own fit (its frequency).
        const RainLognormalFit fit = RainFadeSeries::Fit(
            m_p.frequencyHz / 1e9, elevationDeg, rain, rain.rainProbabilityPercent);
        f.attenuationDb
            = RainFadeSeries::AttenuationDb(fit, rain.rainProbabilityPercent, rain.rainDeviate);
    }
    f.noiseIncreaseDb = RainNoiseIncreaseDb(f.attenuationDb);
    return f;
}

double
LinkBudget::RainNoiseIncreaseDb(double attenuationDb) const
{
    if (!m_p.receiverLooksAtSky || !(attenuationDb > 0.0))
    {
        return 0.0;
    }
    const double skyK = kRainMediumTemperatureK * (1.0 - std::pow(10.0, -attenuationDb / 10.0));
    return 10.0 * std::log10(1.0 + skyK / m_tsysK);
}

} // namespace sagin
