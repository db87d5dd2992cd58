#include "net/model/beam-field.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

BeamField::BeamField(const World& world, const StandardPolicy& policy)
{
    const auto& nodes = world.Nodes();
    m_indexOfNode.assign(nodes.size(), -1);
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const ShellBeams* beams
            = nodes[i].role == v1::Node::SAT ? policy.Beams(nodes[i].shell) : nullptr;
        if (beams == nullptr)
        {
            continue;
        }
        m_indexOfNode[i] = static_cast<int>(m_satellites.size());
        m_satellites.push_back(Satellite{static_cast<int>(i),
                                         beams,
                                         *beams->payload,
                                         std::cos(std::min(kPi, beams->interferenceAngle)),
                                         false});
    }
}

void
BeamField::Place(const TopologySnapshot& snapshot)
{
    for (auto& s : m_satellites)
    {
        const Vec3& p = snapshot.positions[s.node];
        s.transmitting = std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
        if (s.transmitting)
        {
            s.payload.PlaceAtNadir(p);
        }
    }
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
    const BeamPowers powers = serving.payload.Powers(terminal, serving.beams->rx);
    if (!powers.visible)
    {
        return BeamSinr{};
    }
    // Every co-channel beam's power at the terminal, per colour: the serving satellite's own
    // beams and those of every other transmitting satellite of its group that reaches it.
    double group[4]
        = {powers.perColourW[0], powers.perColourW[1], powers.perColourW[2], powers.perColourW[3]};
    for (const Satellite& s : m_satellites)
    {
        if (&s == &serving || !s.transmitting || s.beams->group != serving.beams->group
            || !WithinInterferenceCone(s.payload.Position(), terminal, s.cosCut))
        {
            continue;
        }
        const BeamPowers other = s.payload.Powers(terminal, s.beams->rx, 0, false);
        for (int c = 0; c < 4; ++c)
        {
            group[c] += other.perColourW[c];
        }
    }
    return serving.payload.Combine(powers, group, serving.beams->rx);
}

} // namespace sagin
