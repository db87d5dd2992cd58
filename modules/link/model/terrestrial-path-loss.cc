#include "link/model/terrestrial-path-loss.h"

#include "core/model/geodesy.h"
#include "link/model/aerial-path-loss.h"

#include <cmath>
#include <ns3/boolean.h>
#include <ns3/channel-condition-model.h>
#include <ns3/constant-position-mobility-model.h>
#include <ns3/double.h>
#include <ns3/node.h>
#include <ns3/three-gpp-propagation-loss-model.h>

namespace sagin
{

struct TerrestrialPathLoss::Impl
{
    TerrestrialScenario scenario;
    double frequencyHz;
    bool random;
    ns3::Ptr<ns3::ThreeGppPropagationLossModel> los;
    ns3::Ptr<ns3::ThreeGppPropagationLossModel> nlos;
    ns3::Ptr<ns3::ThreeGppPropagationLossModel> drawn;
    ns3::Ptr<ns3::ConstantPositionMobilityModel> bs;
    ns3::Ptr<ns3::ConstantPositionMobilityModel> ut;
    std::unique_ptr<AerialPathLoss> plos; // Table B-1 LOS probability

    ns3::Ptr<ns3::ThreeGppPropagationLossModel> Make(bool shadowing)
    {
        ns3::Ptr<ns3::ThreeGppPropagationLossModel> m;
        switch (scenario)
        {
        case TerrestrialScenario::kUma:
            m = ns3::CreateObject<ns3::ThreeGppUmaPropagationLossModel>();
            break;
        case TerrestrialScenario::kUmi:
            m = ns3::CreateObject<ns3::ThreeGppUmiStreetCanyonPropagationLossModel>();
            break;
        case TerrestrialScenario::kRma:
            m = ns3::CreateObject<ns3::ThreeGppRmaPropagationLossModel>();
            break;
        }
        m->SetAttribute("Frequency", ns3::DoubleValue(frequencyHz));
        m->SetAttribute("ShadowingEnabled", ns3::BooleanValue(shadowing));
        return m;
    }
};

TerrestrialPathLoss::TerrestrialPathLoss(TerrestrialScenario scenario,
                                         double frequencyHz,
                                         bool randomCondition,
                                         int64_t stream)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->scenario = scenario;
    m_impl->frequencyHz = frequencyHz;
    m_impl->random = randomCondition;
    m_impl->los = m_impl->Make(false);
    m_impl->los->SetChannelConditionModel(ns3::CreateObject<ns3::AlwaysLosChannelConditionModel>());
    m_impl->nlos = m_impl->Make(false);
    m_impl->nlos->SetChannelConditionModel(ns3::CreateObject<ns3::NeverLosChannelConditionModel>());
    m_impl->bs = ns3::CreateObject<ns3::ConstantPositionMobilityModel>();
    m_impl->ut = ns3::CreateObject<ns3::ConstantPositionMobilityModel>();
    AerialScenario aerial = scenario == TerrestrialScenario::kUma   ? AerialScenario::kUmaAv
                            : scenario == TerrestrialScenario::kUmi ? AerialScenario::kUmiAv
                                                                    : AerialScenario::kRmaAv;
    // Table B-1's LOS probability is defined for any frequency: build it at a valid one.
    m_impl->plos = std::make_unique<AerialPathLoss>(aerial, 2e9);
    if (randomCondition)
    {
        m_impl->drawn = m_impl->Make(true);
        ns3::Ptr<ns3::ChannelConditionModel> ccm;
        switch (scenario)
        {
        case TerrestrialScenario::kUma:
            ccm = ns3::CreateObject<ns3::ThreeGppUmaChannelConditionModel>();
            break;
        case TerrestrialScenario::kUmi:
            ccm = ns3::CreateObject<ns3::ThreeGppUmiStreetCanyonChannelConditionModel>();
            break;
        case TerrestrialScenario::kRma:
            ccm = ns3::CreateObject<ns3::ThreeGppRmaChannelConditionModel>();
            break;
        }
        m_impl->drawn->SetChannelConditionModel(ccm);
        if (stream >= 0)
        {
            stream += ccm->AssignStreams(stream);
            m_impl->drawn->AssignStreams(stream);
        }
        // ns-3 keys its condition and shadowing caches by node id.
        ns3::CreateObject<ns3::Node>()->AggregateObject(m_impl->bs);
        ns3::CreateObject<ns3::Node>()->AggregateObject(m_impl->ut);
    }
}

TerrestrialPathLoss::~TerrestrialPathLoss() = default;

double
TerrestrialPathLoss::MaxUtHeightM() const
{
    return m_impl->scenario == TerrestrialScenario::kRma ? 10.0 : 22.5;
}

void
TerrestrialPathLoss::HorizontalOffset(const Vec3& bsEcef,
                                      const Vec3& utEcef,
                                      double& east,
                                      double& north)
{
    EnuFrame frame(EcefToGeodetic(bsEcef));
    Vec3 enu = frame.ToEnu(utEcef);
    east = enu.x;
    north = enu.y;
}

double
TerrestrialPathLoss::PathLossDb(const Vec3& bsEcef,
                                double bsHeightM,
                                const Vec3& utEcef,
                                double utHeightM,
                                LinkCondition condition)
{
    double east;
    double north;
    HorizontalOffset(bsEcef, utEcef, east, north);
    return PathLossEnuDb(east, north, bsHeightM, utHeightM, condition);
}

double
TerrestrialPathLoss::PathLossEnuDb(
    double eastM, double northM, double bsHeightM, double utHeightM, LinkCondition condition)
{
    m_impl->bs->SetPosition(ns3::Vector(0.0, 0.0, bsHeightM));
    m_impl->ut->SetPosition(ns3::Vector(eastM, northM, utHeightM));
    if (m_impl->random)
    {
        return -m_impl->drawn->CalcRxPower(0.0, m_impl->bs, m_impl->ut);
    }
    double los = -m_impl->los->CalcRxPower(0.0, m_impl->bs, m_impl->ut);
    if (condition == LinkCondition::kLos)
    {
        return los;
    }
    double nlos = -m_impl->nlos->CalcRxPower(0.0, m_impl->bs, m_impl->ut);
    if (condition == LinkCondition::kNlos)
    {
        return nlos;
    }
    double p = m_impl->plos->LosProbability(std::hypot(eastM, northM), utHeightM);
    return p * los + (1.0 - p) * nlos;
}

} // namespace sagin
