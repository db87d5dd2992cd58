#include "link/model/link-budget.h"

#include "core/model/constants.h"
#include "link/model/link-geometry.h"
#include "link/model/terrestrial-path-loss.h"

#include <cmath>
#include <mutex>
#include <stdexcept>
#include <string>

namespace sagin
{

struct LinkBudget::Terrestrial
{
    std::mutex mutex;
    std::unique_ptr<TerrestrialPathLoss> model;
};

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
    switch (p.model)
    {
    case ChannelModel::kNtn:
        m_ntn = std::make_unique<NtnPathLoss>(p.frequencyHz, p.environment);
        break;
    case ChannelModel::kAlHourani:
        m_alHourani = std::make_unique<AlHouraniPathLoss>(p.frequencyHz, p.environment);
        break;
    case ChannelModel::kUmaAv:
    case ChannelModel::kUmiAv:
    case ChannelModel::kRmaAv:
    {
        AerialScenario s = p.model == ChannelModel::kUmaAv   ? AerialScenario::kUmaAv
                           : p.model == ChannelModel::kUmiAv ? AerialScenario::kUmiAv
                                                             : AerialScenario::kRmaAv;
        m_aerial = std::make_unique<AerialPathLoss>(s, p.frequencyHz);
        TerrestrialScenario ts = p.model == ChannelModel::kUmaAv   ? TerrestrialScenario::kUma
                                 : p.model == ChannelModel::kUmiAv ? TerrestrialScenario::kUmi
                                                                   : TerrestrialScenario::kRma;
        m_terrestrial = std::make_unique<Terrestrial>();
        m_terrestrial->model = std::make_unique<TerrestrialPathLoss>(ts, p.frequencyHz);
        break;
    }
    case ChannelModel::kOpticalIsl:
        m_isl = std::make_unique<OpticalIsl>(p.isl);
        break;
    case ChannelModel::kFreeSpace:
        break;
    }
    if (p.model != ChannelModel::kOpticalIsl && p.model != ChannelModel::kFreeSpace
        && p.environment == Environment::kHighRiseUrban && p.model != ChannelModel::kAlHourani)
    {
        throw std::invalid_argument("environment high-rise-urban exists only for the "
                                    "Al-Hourani model");
    }
    m_fsplFrequencyTermDb = 32.45 + 20.0 * std::log10(p.frequencyHz / 1e9);
    m_earthSpace = p.model == ChannelModel::kNtn || p.model == ChannelModel::kFreeSpace;
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
        m_tsysK = p.antennaTemperatureK + 290.0 * (std::pow(10.0, p.noiseFigureDb / 10.0) - 1.0);
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
    g.elevationDeg = g.distanceM > 0.0
                         ? std::asin(std::max(-1.0, std::min(1.0, up / g.distanceM))) * kRadToDeg
                         : 90.0;
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

double
LinkBudget::ChannelLoss(const LinkGeometry& g, LinkCondition condition, LinkBudgetResult& r) const
{
    switch (m_p.model)
    {
    case ChannelModel::kNtn:
    {
        NtnLossTerms t = m_ntn->Evaluate(g.elevationDeg, g.distanceM, condition);
        r.fsplDb = t.fsplDb;
        r.gasDb = t.gasDb;
        r.scintillationDb = t.scintillationDb;
        r.clutterDb = t.clutterDb;
        r.losProbability = t.losProbability;
        switch (condition)
        {
        case LinkCondition::kLos:
            r.shadowFadingSigmaDb = t.shadowFadingSigmaLosDb;
            break;
        case LinkCondition::kNlos:
            r.shadowFadingSigmaDb = t.shadowFadingSigmaNlosDb;
            break;
        case LinkCondition::kMean:
            // rms shadow fading over the two states
            r.shadowFadingSigmaDb = std::sqrt(
                t.losProbability * t.shadowFadingSigmaLosDb * t.shadowFadingSigmaLosDb
                + (1.0 - t.losProbability) * t.shadowFadingSigmaNlosDb * t.shadowFadingSigmaNlosDb);
            break;
        }
        return t.pathLossDb;
    }
    case ChannelModel::kFreeSpace:
        r.fsplDb = m_fsplFrequencyTermDb + 20.0 * std::log10(g.distanceM);
        return r.fsplDb;
    case ChannelModel::kAlHourani:
    {
        AlHouraniTerms t
            = (!std::isnan(g.aerialHeightM) && !std::isnan(g.groundDistanceM))
                  ? m_alHourani->Evaluate(g.aerialHeightM, g.groundDistanceM, condition)
                  : m_alHourani->EvaluateElevation(g.elevationDeg, g.distanceM, condition);
        r.fsplDb = t.fsplDb;
        r.losProbability = t.losProbability;
        r.clutterDb = t.excessLossDb;
        r.elevationDeg = t.elevationDeg;
        r.distanceM = t.distanceM;
        return t.pathLossDb;
    }
    case ChannelModel::kUmaAv:
    case ChannelModel::kUmiAv:
    case ChannelModel::kRmaAv:
    {
        double hBs = !std::isnan(g.groundAntennaHeightM) ? g.groundAntennaHeightM
                     : std::isnan(m_p.groundAntennaHeightM) ? m_aerial->DefaultBsHeightM()
                                                            : m_p.groundAntennaHeightM;
        double hUt = !std::isnan(g.aerialHeightM)
                         ? g.aerialHeightM
                         : g.distanceM * std::sin(g.elevationDeg * kDegToRad) + hBs;
        double d2d
            = !std::isnan(g.groundDistanceM)
                  ? g.groundDistanceM
                  : std::sqrt(std::max(0.0, g.distanceM * g.distanceM - (hUt - hBs) * (hUt - hBs)));
        r.fsplDb = m_fsplFrequencyTermDb + 20.0 * std::log10(std::hypot(d2d, hUt - hBs));
        if (hUt > m_aerial->MinAerialHeightM())
        {
            AerialTerms t = m_aerial->Evaluate(d2d, hUt, hBs, condition);
            r.losProbability = t.losProbability;
            r.shadowFadingSigmaDb = condition == LinkCondition::kNlos ? t.shadowFadingSigmaNlosDb
                                                                      : t.shadowFadingSigmaLosDb;
            if (condition == LinkCondition::kMean)
            {
                double p = t.losProbability;
                r.shadowFadingSigmaDb
                    = std::sqrt(p * t.shadowFadingSigmaLosDb * t.shadowFadingSigmaLosDb
                                + (1 - p) * t.shadowFadingSigmaNlosDb * t.shadowFadingSigmaNlosDb);
            }
            return t.pathLossDb;
        }
        // TR 36.777: below the aerial range the 38.901 model applies -> ns-3.
        r.losProbability = m_aerial->LosProbability(d2d, hUt);
        // 38.901 Table 7.4.1-1 sigma_SF: LOS 4 dB (RMa: 4 dB before the breakpoint), NLOS
        // UMa 6, UMi 7.82, RMa 8 dB (docs/models.md#tr-36777-aerial-ue).
        {
            const double sl = 4.0;
            const double sn = m_p.model == ChannelModel::kUmaAv   ? 6.0
                              : m_p.model == ChannelModel::kUmiAv ? 7.82
                                                                  : 8.0;
            const double pl = r.losProbability;
            r.shadowFadingSigmaDb = condition == LinkCondition::kLos ? sl
                                    : condition == LinkCondition::kNlos
                                        ? sn
                                        : std::sqrt(pl * sl * sl + (1 - pl) * sn * sn);
        }
        std::lock_guard<std::mutex> lock(m_terrestrial->mutex);
        return m_terrestrial->model->PathLossEnuDb(d2d, 0.0, hBs, hUt, condition);
    }
    case ChannelModel::kOpticalIsl:
        break;
    }
    return 0.0;
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
    r.pathLossDb = ChannelLoss(g, condition, r);
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
    if (m_ntn && !m_rain && !m_txPattern && !m_rxPattern)
    {
        return m_cnConstantDb - m_ntn->MeanPathLossDb(elevationDeg, distanceM);
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
    f.attenuationDb = RainAttenuation::Compute(m_p.frequencyHz / 1e9, elevationDeg, rain).attenuationDb;
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
