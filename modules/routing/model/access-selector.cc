#include "routing/model/access-selector.h"

#include <cmath>

namespace sagin
{

AccessSelector::AccessSelector(const LinkStateBuilder& builder)
    : m_builder(builder)
    , m_policy(builder.Policy())
    , m_states(builder.UserTerminals().size())
{
}

double
AccessSelector::RemainingVisibility(const AccessCandidate& c, int terminal, double t) const
{
    const auto& nodes = m_builder.GetWorld().Nodes();
    const int server = c.link.a;
    const double step = m_policy.lookaheadStep_s;
    SnapshotLink l;
    for (double dt = step; dt <= m_policy.lookahead_s + 1e-9; dt += step)
    {
        Vec3 ps = nodes[server].trajectory->PositionAt(t + dt);
        Vec3 pu = nodes[terminal].trajectory->PositionAt(t + dt);
        if (!m_builder.EvaluateLink(c.link.kind, server, terminal, ps, pu, l))
        {
            return dt - step;
        }
    }
    return m_policy.lookahead_s;
}

double
AccessSelector::Merit(const AccessCandidate& c, int terminal, double t) const
{
    switch (m_policy.rule)
    {
    case v1::AccessPolicy::NEAREST:
        return -c.link.distance_m;
    case v1::AccessPolicy::BEST_CN:
        return std::isfinite(c.link.forwardCn_db) ? c.link.forwardCn_db : -1e9;
    case v1::AccessPolicy::LONGEST_VISIBILITY:
        return RemainingVisibility(c, terminal, t);
    case v1::AccessPolicy::HIGHEST_ELEVATION:
    default:
        return c.link.elevation_deg;
    }
}

double
AccessSelector::Hysteresis() const
{
    switch (m_policy.rule)
    {
    case v1::AccessPolicy::NEAREST:
        return m_policy.hysteresis_m;
    case v1::AccessPolicy::BEST_CN:
        return m_policy.hysteresisDb;
    case v1::AccessPolicy::LONGEST_VISIBILITY:
        return m_policy.hysteresis_s;
    default:
        return m_policy.hysteresisDeg;
    }
}

void
AccessSelector::Select(TopologySnapshot& snap,
                       const std::vector<std::vector<AccessCandidate>>& candidates)
{
    const auto& uts = m_builder.UserTerminals();
    const double t = snap.time_s;
    snap.serving.assign(m_builder.GetWorld().Nodes().size(), kNoServingNode);
    m_changes.clear();
    for (size_t k = 0; k < uts.size(); ++k)
    {
        const int u = uts[k];
        const auto& cands = candidates[k];
        AccessState& st = m_states[k];
        if (m_policy.rule == v1::AccessPolicy::ANY_VISIBLE)
        {
            for (const auto& c : cands)
            {
                snap.links.push_back(c.link);
            }
            snap.serving[u] = cands.empty() ? kNoServingNode : kAnyServingNode;
            continue;
        }
        // Layer preference: the first layer of the order with any candidate, or all layers.
        v1::Node::Layer layer = v1::Node::LAYER_UNSPECIFIED;
        if (m_policy.firstAvailableLayer)
        {
            for (v1::Node::Layer l : m_policy.layerOrder)
            {
                for (const auto& c : cands)
                {
                    if (c.layer == l)
                    {
                        layer = l;
                        break;
                    }
                }
                if (layer != v1::Node::LAYER_UNSPECIFIED)
                {
                    break;
                }
            }
        }
        const AccessCandidate* best = nullptr;
        const AccessCandidate* current = nullptr;
        double bestMerit = -INFINITY;
        double currentMerit = -INFINITY;
        for (const auto& c : cands)
        {
            if (layer != v1::Node::LAYER_UNSPECIFIED && c.layer != layer)
            {
                continue;
            }
            double m = Merit(c, u, t);
            if (!best || m > bestMerit)
            {
                best = &c;
                bestMerit = m;
            }
            if (c.link.a == st.serving)
            {
                current = &c;
                currentMerit = m;
            }
        }
        const AccessCandidate* chosen = best;
        if (current && best && current != best)
        {
            const bool dwelling = t - st.since_s < m_policy.minDwell_s;
            const bool notBetterEnough = bestMerit - currentMerit <= Hysteresis();
            if (dwelling || notBetterEnough)
            {
                chosen = current;
            }
        }
        const int next = chosen ? chosen->link.a : kNoServingNode;
        if (next != st.serving)
        {
            if (next == kNoServingNode)
            {
                ++st.outages;
            }
            else if (st.serving != kNoServingNode)
            {
                ++st.handovers;
                AccessChange change{u, st.serving, next, st.link, chosen->link};
                for (const auto& c : cands)
                {
                    if (c.link.a == st.serving)
                    {
                        change.fromLink = c.link; // the source is still usable: its link now
                        change.sourceUsable = true;
                        break;
                    }
                }
                m_changes.push_back(change);
            }
            st.serving = next;
            st.since_s = t;
        }
        if (chosen)
        {
            st.everServed = true;
            st.link = chosen->link;
            snap.links.push_back(chosen->link);
        }
        snap.serving[u] = st.serving;
    }
}

} // namespace sagin
