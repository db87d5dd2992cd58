#include "routing/model/beam-field.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sagin
{

void
PlacePayload(CellPayload& payload, const WorldNode& node, const Vec3& position, double t_s)
{
    const double period = payload.AnchorPeriodS();
    if (period > 0.0 && node.trajectory)
    {
        const double anchor = std::floor(t_s / period) * period;
        payload.PlaceAnchored(position, node.trajectory->PositionAt(anchor));
        return;
    }
    payload.PlaceAt(position);
}

BeamField::BeamField(const World& world, const StandardPolicy& policy)
    : m_world(world)
{
    const auto& nodes = world.Nodes();
    m_indexOfNode.assign(nodes.size(), -1);
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const ShellBeams* beams = policy.BeamsOf(static_cast<int>(i), nodes[i]);
        if (beams == nullptr)
        {
            continue;
        }
        m_indexOfNode[i] = static_cast<int>(m_satellites.size());
        m_satellites.push_back(
            Satellite{static_cast<int>(i), beams, beams->payload->Clone(), false, {}, {}, {}, {}});
    }
}

void
BeamField::Place(const TopologySnapshot& snapshot)
{
    PlaceTransmitters(snapshot);
    PlaceUplink(snapshot);
}

void
BeamField::PlaceTransmitters(const TopologySnapshot& snapshot)
{
    for (auto& s : m_satellites)
    {
        const Vec3& p = snapshot.positions[s.node];
        s.transmitting = std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
        if (s.transmitting)
        {
            PlacePayload(*s.payload, m_world.Nodes()[s.node], p, snapshot.time_s);
        }
        if (s.beams->forwardActivityWeighted)
        {
            // Measured since the previous Place; none yet (no slot since): keep the last.
            std::vector<double> measured
                = m_forwardActivity ? m_forwardActivity(s.node) : std::vector<double>{};
            if (measured.size() == s.payload->NumBeams())
            {
                s.forwardActivity = std::move(measured);
                s.payload->SetInterferenceWeights(s.forwardActivity);
            }
        }
    }
}

void
BeamField::PlaceUplink(const TopologySnapshot& snapshot)
{
    bool any = false;
    m_uplinkGroups.clear();
    for (auto& s : m_satellites)
    {
        s.attached.clear();
        s.uplinkInterferenceW.clear();
        if (s.beams->returnShared)
        {
            s.attached.resize(s.payload->NumBeams());
            // Computed when a terminal of the beam first asks (UplinkSinr): only beams that
            // receive packets pay for the sum over the other beams' terminals.
            s.uplinkInterferenceW.assign(s.payload->NumBeams(),
                                         std::numeric_limits<double>::quiet_NaN());
            std::vector<double> measured = m_activity ? m_activity(s.node) : std::vector<double>{};
            if (measured.size() == s.payload->NumBeams())
            {
                s.activity = std::move(measured);
            }
            else if (s.activity.size() != s.payload->NumBeams())
            {
                s.activity.assign(s.payload->NumBeams(), 1.0); // not measured yet: fully busy
            }
            any = true;
        }
    }
    if (!any)
    {
        return;
    }
    // Attach each terminal to its serving satellite's strongest beam.
    for (std::size_t u = 0; u < snapshot.serving.size(); ++u)
    {
        const int server = snapshot.serving[u];
        const int index = server >= 0 && server < static_cast<int>(m_indexOfNode.size())
                              ? m_indexOfNode[server]
                              : -1;
        if (index < 0 || !m_satellites[index].transmitting || m_satellites[index].attached.empty())
        {
            continue;
        }
        Satellite& s = m_satellites[index];
        const BeamPowers powers = s.payload->Powers(snapshot.positions[u], s.beams->rx);
        if (powers.visible && powers.bestBeam >= 0)
        {
            s.attached[powers.bestBeam].push_back(snapshot.positions[u]);
        }
    }
    // Every beam with terminals, over all satellites (the interferers of the sums below).
    for (std::size_t i = 0; i < m_satellites.size(); ++i)
    {
        for (std::size_t b = 0; b < m_satellites[i].attached.size(); ++b)
        {
            if (!m_satellites[i].attached[b].empty())
            {
                m_uplinkGroups.push_back({i, b});
            }
        }
    }
}

double
BeamField::UplinkInterferenceW(const Satellite& s, std::size_t b) const
{
    double perColour[4] = {0.0, 0.0, 0.0, 0.0};
    for (const auto& [oi, ob] : m_uplinkGroups)
    {
        const Satellite& o = m_satellites[oi];
        if (o.beams->group != s.beams->group || (&o == &s && ob == b))
        {
            continue;
        }
        const auto& terminals = o.attached[ob];
        double sum = 0.0;
        for (const Vec3& v : terminals)
        {
            // Beyond the interference angle of s, its pattern's sidelobes are cut.
            if (s.payload->Reaches(v))
            {
                sum += s.payload->UplinkReceivedW(b, v, o.beams->uplink);
            }
        }
        perColour[o.payload->Colour(ob)]
            += o.activity[ob] * sum / static_cast<double>(terminals.size());
    }
    return s.payload->CoChannelW(perColour, s.payload->Colour(b));
}

BeamSinr
BeamField::Sinr(int server, const Vec3& terminal) const
{
    const int index = server >= 0 && server < static_cast<int>(m_indexOfNode.size())
                          ? m_indexOfNode[server]
                          : -1;
    if (index < 0 || !m_satellites[index].transmitting)
    {
        return BeamSinr{};
    }
    const Satellite& serving = m_satellites[index];
    const BeamPowers powers = serving.payload->Powers(terminal, serving.beams->rx);
    if (!powers.visible)
    {
        return BeamSinr{};
    }
    // Every co-channel beam's power at the terminal, per colour: the serving satellite's own
    // beams and those of every other transmitting satellite of its group that reaches it.
    double group[4]
        = {powers.perColourW[0], powers.perColourW[1], powers.perColourW[2], powers.perColourW[3]};
    // The serving beam's carrier counts fully, whatever its weight in the sums.
    group[powers.colour]
        += (1.0 - serving.payload->InterferenceWeight(static_cast<std::size_t>(powers.bestBeam)))
           * powers.bestW;
    for (const Satellite& s : m_satellites)
    {
        if (&s == &serving || !s.transmitting || s.beams->group != serving.beams->group
            || !s.payload->Reaches(terminal))
        {
            continue;
        }
        // Received by the victim's antenna (its gain and losses, whoever transmits).
        const BeamPowers other = s.payload->Powers(terminal, serving.beams->rx, 0, false);
        for (int c = 0; c < 4; ++c)
        {
            group[c] += other.perColourW[c];
        }
    }
    return serving.payload->Combine(powers, group, serving.beams->rx);
}

void
BeamField::SetReturnActivity(ActivitySource source)
{
    m_activity = std::move(source);
}

void
BeamField::SetForwardActivity(ActivitySource source)
{
    m_forwardActivity = std::move(source);
}

BeamSinr
BeamField::UplinkSinr(int server, const Vec3& terminal) const
{
    const int index = server >= 0 && server < static_cast<int>(m_indexOfNode.size())
                          ? m_indexOfNode[server]
                          : -1;
    if (index < 0 || !m_satellites[index].transmitting || !m_satellites[index].beams->returnShared)
    {
        return BeamSinr{};
    }
    const Satellite& s = m_satellites[index];
    const BeamPowers powers = s.payload->Powers(terminal, s.beams->rx);
    if (!powers.visible || powers.bestBeam < 0)
    {
        return BeamSinr{};
    }
    const auto beam = static_cast<std::size_t>(powers.bestBeam);
    double& interferenceW = s.uplinkInterferenceW[beam];
    if (std::isnan(interferenceW))
    {
        interferenceW = UplinkInterferenceW(s, beam);
    }
    return s.payload->UplinkSinr(beam, terminal, s.beams->uplink, interferenceW);
}

} // namespace sagin
