#include "run/model/rain-tracker.h"

#include <algorithm>

namespace sagin
{

RainTracker::RainTracker(const TopologyController& controller, double warmup_s, double end_s)
    : m_controller(controller)
    , m_warmup_s(warmup_s)
    , m_end_s(end_s)
{
    if (!controller.Builder().RainTimeSeries())
    {
        return;
    }
    const auto& nodes = controller.Builder().GetWorld().Nodes();
    for (size_t n = 0; n < nodes.size(); ++n)
    {
        if (nodes[n].role == v1::Node::GW)
        {
            m_gateways.push_back(static_cast<int>(n));
        }
    }
    const size_t k = m_gateways.size();
    m_raining.assign(k, 0);
    m_outage.assign(k, 0);
    m_rain_s.assign(k, 0.0);
    m_outage_s.assign(k, 0.0);
    m_samples.assign(k, 0);
    m_outageSamples.assign(k, 0);
}

void
RainTracker::Close(double to_s)
{
    if (m_last_s < 0.0)
    {
        return;
    }
    const double from = std::max(m_last_s, m_warmup_s);
    const double to = std::min(to_s, m_end_s);
    if (!(to > from))
    {
        return; // the update's interval lies outside the window: not a sample
    }
    size_t inOutage = 0;
    for (size_t i = 0; i < m_gateways.size(); ++i)
    {
        m_rain_s[i] += m_raining[i] ? to - from : 0.0;
        m_outage_s[i] += m_outage[i] ? to - from : 0.0;
        ++m_samples[i];
        m_outageSamples[i] += m_outage[i] ? 1 : 0;
        inOutage += m_outage[i] ? 1 : 0;
    }
    m_allOutage_s += inOutage == m_gateways.size() ? to - from : 0.0;
    m_anyOutage_s += inOutage > 0 ? to - from : 0.0;
}

void
RainTracker::OnUpdate(double now_s)
{
    if (m_gateways.empty())
    {
        return;
    }
    Close(now_s);
    m_last_s = now_s;
    for (size_t i = 0; i < m_gateways.size(); ++i)
    {
        m_raining[i] = m_controller.Builder().Raining(m_gateways[i]) ? 1 : 0;
        m_outage[i] = m_controller.RainOutage(m_gateways[i]) ? 1 : 0;
    }
}

void
RainTracker::Fill(v1::RainSummary& out)
{
    if (m_last_s < m_end_s)
    {
        Close(m_end_s);
        m_last_s = m_end_s;
    }
    const auto& nodes = m_controller.Builder().GetWorld().Nodes();
    const double window = m_end_s - m_warmup_s;
    for (size_t i = 0; i < m_gateways.size(); ++i)
    {
        v1::RainSiteResult* r = out.add_gateways();
        r->set_site(nodes[m_gateways[i]].name);
        r->set_samples(m_samples[i]);
        r->set_rain_s(m_rain_s[i]);
        r->set_outage_s(m_outage_s[i]);
        r->set_outage_samples(m_outageSamples[i]);
        if (window > 0.0)
        {
            r->set_outage_fraction(m_outage_s[i] / window);
        }
    }
    if (m_gateways.empty())
    {
        return; // nothing tracked: null, not 0
    }
    out.set_all_gateways_outage_s(m_allOutage_s);
    out.set_any_gateway_outage_s(m_anyOutage_s);
    if (window > 0.0)
    {
        out.set_all_gateways_outage_fraction(m_allOutage_s / window);
        out.set_any_gateway_outage_fraction(m_anyOutage_s / window);
    }
}

} // namespace sagin
