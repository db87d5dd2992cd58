#include "link/model/correlated-fading.h"

#include <cmath>
#include <limits>
#include <ns3/double.h>
#include <ns3/random-variable-stream.h>

namespace sagin
{

double
ShadowDecorrelationM(ChannelModel model, Environment environment, bool los)
{
    switch (model)
    {
    case ChannelModel::kNtn:
        return los ? 37.0 : (environment == Environment::kRural ? 120.0 : 50.0);
    case ChannelModel::kUma:
    case ChannelModel::kUmaAv:
        return los ? 37.0 : 50.0;
    case ChannelModel::kUmi:
    case ChannelModel::kUmiAv:
        return los ? 10.0 : 13.0;
    case ChannelModel::kRma:
    case ChannelModel::kRmaAv:
        return los ? 37.0 : 120.0;
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

struct CorrelatedFading::Impl
{
    ns3::Ptr<ns3::NormalRandomVariable> sfNormal;
    ns3::Ptr<ns3::NormalRandomVariable> losNormal;
    double losCorrelationM;
    bool started = false;
    double zSf = 0.0;
    double zLos = 0.0;
    bool los = true;

    static double Update(double z, double displacementM, double corrM, double w)
    {
        double r = corrM > 0.0 ? std::exp(-std::fabs(displacementM) / corrM) : 0.0;
        return r * z + std::sqrt(1.0 - r * r) * w;
    }
};

CorrelatedFading::CorrelatedFading(int64_t stream, double losCorrelationM)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->losCorrelationM = losCorrelationM;
    m_impl->sfNormal = ns3::CreateObject<ns3::NormalRandomVariable>();
    m_impl->sfNormal->SetAttribute("Mean", ns3::DoubleValue(0.0));
    m_impl->sfNormal->SetAttribute("Variance", ns3::DoubleValue(1.0));
    m_impl->losNormal = ns3::CreateObject<ns3::NormalRandomVariable>();
    m_impl->losNormal->SetAttribute("Mean", ns3::DoubleValue(0.0));
    m_impl->losNormal->SetAttribute("Variance", ns3::DoubleValue(1.0));
    if (stream >= 0)
    {
        m_impl->sfNormal->SetStream(stream);
        m_impl->losNormal->SetStream(stream + 1);
    }
}

CorrelatedFading::~CorrelatedFading() = default;

void
CorrelatedFading::Reset()
{
    m_impl->started = false;
}

double
CorrelatedFading::NextStandardNormal(double displacementM, double corrM)
{
    double w = m_impl->sfNormal->GetValue();
    if (!m_impl->started)
    {
        m_impl->started = true;
        m_impl->zSf = w;
    }
    else
    {
        m_impl->zSf = Impl::Update(m_impl->zSf, displacementM, corrM, w);
    }
    return m_impl->zSf;
}

FadingSample
CorrelatedFading::Next(double displacementM,
                       double pLos,
                       double sigmaLosDb,
                       double sigmaNlosDb,
                       double corrLosM,
                       double corrNlosM)
{
    double wLos = m_impl->losNormal->GetValue();
    double wSf = m_impl->sfNormal->GetValue();
    if (!m_impl->started)
    {
        m_impl->started = true;
        m_impl->zLos = wLos;
        m_impl->zSf = wSf;
    }
    else
    {
        m_impl->zLos = Impl::Update(m_impl->zLos, displacementM, m_impl->losCorrelationM, wLos);
        // The SF process decorrelates with the distance of the state it was in.
        double corr = m_impl->los ? corrLosM : corrNlosM;
        m_impl->zSf = Impl::Update(m_impl->zSf, displacementM, corr, wSf);
    }
    // Phi(z) < P_LOS  <=>  uniform spatially consistent variable below the LOS probability.
    double u = 0.5 * std::erfc(-m_impl->zLos / std::sqrt(2.0));
    m_impl->los = u < pLos;
    FadingSample s;
    s.los = m_impl->los;
    s.shadowFadingDb = (s.los ? sigmaLosDb : sigmaNlosDb) * m_impl->zSf;
    return s;
}

} // namespace sagin
