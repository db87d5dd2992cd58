// The channel models shipped with the simulator: one adapter and one registration each.
#include "core/model/constants.h"
#include "link/model/aerial-path-loss.h"
#include "link/model/al-hourani-path-loss.h"
#include "link/model/channel-model.h"
#include "link/model/link-budget.h"
#include "link/model/ntn-path-loss.h"
#include "link/model/terrestrial-path-loss.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace sagin
{

namespace
{

const std::vector<Environment> kNtnEnvironments = {
    Environment::kDenseUrban, Environment::kUrban, Environment::kSuburban, Environment::kRural};

/// rms shadow fading over the two LOS states (mean mode), or the state's sigma.
double
SigmaDb(LinkCondition c, double pLos, double sigmaLos, double sigmaNlos)
{
    switch (c)
    {
    case LinkCondition::kLos:
        return sigmaLos;
    case LinkCondition::kNlos:
        return sigmaNlos;
    case LinkCondition::kMean:
        break;
    }
    return std::sqrt(pLos * sigmaLos * sigmaLos + (1.0 - pLos) * sigmaNlos * sigmaNlos);
}

double
FsplDb(double frequencyHz, double distanceM)
{
    return 32.45 + 20.0 * std::log10(frequencyHz / 1e9) + 20.0 * std::log10(distanceM);
}

// --- free space ---------------------------------------------------------------------------

class FreeSpaceModel : public PathLossModel
{
  public:
    explicit FreeSpaceModel(double frequencyHz)
        : m_frequencyHz(frequencyHz)
    {
    }

    double LossDb(const LinkGeometry& g, LinkCondition, LinkBudgetResult& r) const override
    {
        r.fsplDb = FsplDb(m_frequencyHz, g.distanceM);
        return r.fsplDb;
    }

    bool MeanLossDb(double distanceM, double, double& lossDb) const override
    {
        lossDb = FsplDb(m_frequencyHz, distanceM);
        return true;
    }

  private:
    double m_frequencyHz;
};

// --- TR 38.811 NTN ----------------------------------------------------------------------------

class NtnModel : public PathLossModel
{
  public:
    NtnModel(double frequencyHz, Environment e)
        : m_model(frequencyHz, e)
    {
    }

    double LossDb(const LinkGeometry& g, LinkCondition c, LinkBudgetResult& r) const override
    {
        NtnLossTerms t = m_model.Evaluate(g.elevationDeg, g.distanceM, c);
        r.fsplDb = t.fsplDb;
        r.gasDb = t.gasDb;
        r.scintillationDb = t.scintillationDb;
        r.clutterDb = t.clutterDb;
        r.losProbability = t.losProbability;
        r.shadowFadingSigmaDb
            = SigmaDb(c, t.losProbability, t.shadowFadingSigmaLosDb, t.shadowFadingSigmaNlosDb);
        return t.pathLossDb;
    }

    bool MeanLossDb(double distanceM, double elevationDeg, double& lossDb) const override
    {
        lossDb = m_model.MeanPathLossDb(elevationDeg, distanceM);
        return true;
    }

  private:
    NtnPathLoss m_model;
};

// --- Al-Hourani air-to-ground ------------------------------------------------------------------

class AlHouraniModel : public PathLossModel
{
  public:
    AlHouraniModel(double frequencyHz, Environment e)
        : m_model(frequencyHz, e)
    {
    }

    double LossDb(const LinkGeometry& g, LinkCondition c, LinkBudgetResult& r) const override
    {
        AlHouraniTerms t = (!std::isnan(g.aerialHeightM) && !std::isnan(g.groundDistanceM))
                               ? m_model.Evaluate(g.aerialHeightM, g.groundDistanceM, c)
                               : m_model.EvaluateElevation(g.elevationDeg, g.distanceM, c);
        r.fsplDb = t.fsplDb;
        r.losProbability = t.losProbability;
        r.clutterDb = t.excessLossDb;
        r.elevationDeg = t.elevationDeg;
        r.distanceM = t.distanceM;
        return t.pathLossDb;
    }

  private:
    AlHouraniPathLoss m_model;
};

// --- heights and horizontal distance of a base-station link ------------------------------------

struct BsGeometry
{
    double hBs;
    double hUt;
    double d2d;
};

BsGeometry
ResolveBsGeometry(const LinkGeometry& g, double parameterBsHeightM, double defaultBsHeightM)
{
    BsGeometry b;
    b.hBs = !std::isnan(g.groundAntennaHeightM) ? g.groundAntennaHeightM
            : std::isnan(parameterBsHeightM)    ? defaultBsHeightM
                                                : parameterBsHeightM;
    b.hUt = !std::isnan(g.aerialHeightM) ? g.aerialHeightM
                                         : g.distanceM * std::sin(g.elevationDeg * kDegToRad) + b.hBs;
    b.d2d = !std::isnan(g.groundDistanceM)
                ? g.groundDistanceM
                : std::sqrt(std::max(0.0, g.distanceM * g.distanceM - (b.hUt - b.hBs) * (b.hUt - b.hBs)));
    return b;
}

/// ns-3's 38.901 model behind a lock (ns-3 objects are not thread-safe), with the 38.901 LOS
/// probability (TR 36.777 Table B-1 equals it in the terrestrial height range) and sigma_SF of
/// 38.901 Table 7.4.1-1: LOS 4 dB (RMa: before the breakpoint), NLOS UMa 6, UMi 7.82, RMa 8 dB.
class Terrestrial3901
{
  public:
    Terrestrial3901(AerialScenario s, double frequencyHz)
        // Table B-1's LOS probability and the default BS heights do not depend on frequency: the
        // aerial model is built at a frequency inside its own range for them.
        : m_aerial(s, std::min(frequencyHz, AerialPathLoss::kMaxFrequencyHz)),
          m_model(s == AerialScenario::kUmaAv   ? TerrestrialScenario::kUma
                  : s == AerialScenario::kUmiAv ? TerrestrialScenario::kUmi
                                                : TerrestrialScenario::kRma,
                  frequencyHz),
          m_sigmaNlosDb(s == AerialScenario::kUmaAv ? 6.0 : s == AerialScenario::kUmiAv ? 7.82 : 8.0)
    {
    }

    double LossDb(const BsGeometry& b, LinkCondition c, LinkBudgetResult& r) const
    {
        r.losProbability = m_aerial.LosProbability(b.d2d, b.hUt);
        r.shadowFadingSigmaDb = SigmaDb(c, r.losProbability, 4.0, m_sigmaNlosDb);
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_model.PathLossEnuDb(b.d2d, 0.0, b.hBs, b.hUt, c);
    }

    const AerialPathLoss& Aerial() const
    {
        return m_aerial;
    }

  private:
    AerialPathLoss m_aerial;
    mutable std::mutex m_mutex;
    mutable TerrestrialPathLoss m_model;
    double m_sigmaNlosDb;
};

// --- TR 38.901 terrestrial (UMa, UMi, RMa) ----------------------------------------------------

class TerrestrialModel : public PathLossModel
{
  public:
    TerrestrialModel(AerialScenario s, const LinkBudgetParameters& p)
        : m_model(s, p.frequencyHz),
          m_frequencyHz(p.frequencyHz),
          m_bsHeightM(p.groundAntennaHeightM)
    {
    }

    double LossDb(const LinkGeometry& g, LinkCondition c, LinkBudgetResult& r) const override
    {
        BsGeometry b = ResolveBsGeometry(g, m_bsHeightM, m_model.Aerial().DefaultBsHeightM());
        r.fsplDb = FsplDb(m_frequencyHz, std::hypot(b.d2d, b.hUt - b.hBs));
        return m_model.LossDb(b, c, r);
    }

  private:
    Terrestrial3901 m_model;
    double m_frequencyHz;
    double m_bsHeightM;
};

// --- TR 36.777 aerial UE (UMa-AV, UMi-AV, RMa-AV) ---------------------------------------------

class AerialModel : public PathLossModel
{
  public:
    AerialModel(AerialScenario s, const LinkBudgetParameters& p)
        : m_terrestrial(s, p.frequencyHz),
          m_frequencyHz(p.frequencyHz),
          m_bsHeightM(p.groundAntennaHeightM)
    {
    }

    double LossDb(const LinkGeometry& g, LinkCondition c, LinkBudgetResult& r) const override
    {
        const AerialPathLoss& aerial = m_terrestrial.Aerial();
        BsGeometry b = ResolveBsGeometry(g, m_bsHeightM, aerial.DefaultBsHeightM());
        r.fsplDb = FsplDb(m_frequencyHz, std::hypot(b.d2d, b.hUt - b.hBs));
        if (b.hUt > aerial.MinAerialHeightM())
        {
            AerialTerms t = aerial.Evaluate(b.d2d, b.hUt, b.hBs, c);
            r.losProbability = t.losProbability;
            r.shadowFadingSigmaDb = SigmaDb(
                c, t.losProbability, t.shadowFadingSigmaLosDb, t.shadowFadingSigmaNlosDb);
            return t.pathLossDb;
        }
        // TR 36.777: below the aerial height range the 38.901 model applies.
        return m_terrestrial.LossDb(b, c, r);
    }

  private:
    Terrestrial3901 m_terrestrial;
    double m_frequencyHz;
    double m_bsHeightM;
};

ChannelModelInfo
BsModel(ChannelModel id,
        const char* name,
        const char* schemaName,
        const char* description,
        AerialScenario s,
        bool aerial)
{
    ChannelModelInfo m;
    m.id = id;
    m.name = name;
    m.schemaName = schemaName;
    m.description = description;
    m.geometry = ChannelGeometryKind::kHeightGroundDistance;
    const bool rma = s == AerialScenario::kRmaAv;
    m.defaultGroundAntennaHeightM = AerialPathLoss(s, 2e9).DefaultBsHeightM();
    if (aerial)
    {
        // TR 36.777 Table B-1/B-2: 0.5-6 GHz, UE 1.5-300 m (38.901 below the aerial range).
        m.validity.minFrequencyHz = AerialPathLoss::kMinFrequencyHz;
        m.validity.maxFrequencyHz = AerialPathLoss::kMaxFrequencyHz;
        m.validity.minHeightM = 1.5;
        m.validity.maxHeightM = AerialPathLoss::kMaxUtHeightM;
        m.validity.maxGroundDistanceM = AerialPathLoss(s, 2e9).MaxDistance2dM();
    }
    else
    {
        // TR 38.901 Table 7.4.1-1: 0.5-100 GHz (RMa to 30 GHz), d2D 10 m - 5 km (RMa 10 km),
        // UT 1.5-22.5 m (RMa 1-10 m).
        m.validity.minFrequencyHz = 0.5e9;
        m.validity.maxFrequencyHz = rma ? 30e9 : 100e9;
        m.validity.minHeightM = rma ? 1.0 : 1.5;
        m.validity.maxHeightM = rma ? 10.0 : 22.5;
        m.validity.minGroundDistanceM = 10.0;
        m.validity.maxGroundDistanceM = rma ? 10000.0 : 5000.0;
    }
    m.make = [s, aerial](const LinkBudgetParameters& p) -> std::unique_ptr<PathLossModel> {
        if (aerial)
        {
            return std::make_unique<AerialModel>(s, p);
        }
        return std::make_unique<TerrestrialModel>(s, p);
    };
    return m;
}

} // namespace

void
RegisterBuiltinChannelModels(ChannelModelRegistry& registry)
{
    {
        ChannelModelInfo m;
        m.id = ChannelModel::kNtn;
        m.name = "ntn";
        m.schemaName = "NTN";
        m.description = "3GPP TR 38.811 satellite/HAPS to ground (LOS probability, clutter, gas, "
                        "scintillation)";
        m.validity.minFrequencyHz = NtnPathLoss::kMinFrequencyHz;
        m.validity.maxFrequencyHz = NtnPathLoss::kMaxFrequencyHz;
        m.validity.minElevationDeg = 0.0;
        m.validity.maxElevationDeg = 90.0;
        m.environments = kNtnEnvironments;
        m.earthSpace = true;
        m.make = [](const LinkBudgetParameters& p) {
            return std::make_unique<NtnModel>(p.frequencyHz, p.environment);
        };
        registry.Register(std::move(m));
    }
    {
        ChannelModelInfo m;
        m.id = ChannelModel::kFreeSpace;
        m.name = "free-space";
        m.schemaName = "FREE_SPACE";
        m.description = "free-space loss only (ITU-R P.525)";
        m.validity.minFrequencyHz = 1e6;
        m.validity.maxFrequencyHz = 1e12;
        m.validity.minElevationDeg = 0.0;
        m.validity.maxElevationDeg = 90.0;
        m.earthSpace = true;
        m.make = [](const LinkBudgetParameters& p) {
            return std::make_unique<FreeSpaceModel>(p.frequencyHz);
        };
        registry.Register(std::move(m));
    }
    {
        ChannelModelInfo m;
        m.id = ChannelModel::kAlHourani;
        m.name = "a2g-al-hourani";
        m.schemaName = "AL_HOURANI";
        m.description = "Al-Hourani et al. 2014 air-to-ground (low-altitude platform to ground)";
        m.geometry = ChannelGeometryKind::kHeightGroundDistance;
        m.validity.minFrequencyHz = AlHouraniPathLoss::kMinFrequencyHz;
        m.validity.maxFrequencyHz = AlHouraniPathLoss::kMaxFrequencyHz;
        m.environments = {Environment::kDenseUrban,
                          Environment::kUrban,
                          Environment::kSuburban,
                          Environment::kRural,
                          Environment::kHighRiseUrban};
        m.make = [](const LinkBudgetParameters& p) {
            return std::make_unique<AlHouraniModel>(p.frequencyHz, p.environment);
        };
        registry.Register(std::move(m));
    }
    registry.Register(BsModel(ChannelModel::kUmaAv, "uma-av", "UMA_AV",
                              "3GPP TR 36.777 UMa-AV aerial UE (38.901 below the aerial range)",
                              AerialScenario::kUmaAv, true));
    registry.Register(BsModel(ChannelModel::kUmiAv, "umi-av", "UMI_AV",
                              "3GPP TR 36.777 UMi-AV aerial UE (38.901 below the aerial range)",
                              AerialScenario::kUmiAv, true));
    registry.Register(BsModel(ChannelModel::kRmaAv, "rma-av", "RMA_AV",
                              "3GPP TR 36.777 RMa-AV aerial UE (38.901 below the aerial range)",
                              AerialScenario::kRmaAv, true));
    registry.Register(BsModel(ChannelModel::kUma, "uma", "UMA",
                              "3GPP TR 38.901 UMa terrestrial, base station to ground terminal (ns-3)",
                              AerialScenario::kUmaAv, false));
    registry.Register(BsModel(ChannelModel::kUmi, "umi", "UMI",
                              "3GPP TR 38.901 UMi street canyon terrestrial (ns-3)",
                              AerialScenario::kUmiAv, false));
    registry.Register(BsModel(ChannelModel::kRma, "rma", "RMA",
                              "3GPP TR 38.901 RMa terrestrial (ns-3)",
                              AerialScenario::kRmaAv, false));
    {
        ChannelModelInfo m;
        m.id = ChannelModel::kOpticalIsl;
        m.name = "isl";
        m.description = "optical inter-satellite link (range and grazing-altitude limited)";
        m.geometry = ChannelGeometryKind::kDistance;
        registry.Register(std::move(m)); // no radio path loss: LinkBudget evaluates it by range
    }
}

} // namespace sagin
