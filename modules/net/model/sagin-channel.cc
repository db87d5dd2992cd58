#include "net/model/sagin-channel.h"

#include "net/model/sagin-net-device.h"

#include <ns3/simulator.h>

namespace sagin
{

NS_OBJECT_ENSURE_REGISTERED(SaginChannel);

ns3::TypeId
SaginChannel::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::SaginChannel")
                                 .SetParent<ns3::Channel>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<SaginChannel>();
    return tid;
}

SaginChannel::SaginChannel() = default;

static std::uint64_t
Key(int node, Face face)
{
    return (static_cast<std::uint64_t>(node) << 8) | static_cast<std::uint64_t>(face);
}

void
SaginChannel::Attach(ns3::Ptr<SaginNetDevice> device)
{
    m_byNodeFace[Key(device->WorldNode(), device->GetFace())] = m_devices.size();
    m_devices.push_back(device);
}

std::size_t
SaginChannel::GetNDevices() const
{
    return m_devices.size();
}

ns3::Ptr<ns3::NetDevice>
SaginChannel::GetDevice(std::size_t i) const
{
    return m_devices[i];
}

ns3::Ptr<SaginNetDevice>
SaginChannel::Peer(const SaginNetDevice* from, int node, Face face) const
{
    if (m_pointToPoint)
    {
        if (m_devices.size() != 2)
        {
            return nullptr;
        }
        return m_devices[0] == from ? m_devices[1] : m_devices[0];
    }
    auto it = m_byNodeFace.find(Key(node, face));
    return it == m_byNodeFace.end() ? nullptr : m_devices[it->second];
}

void
SaginChannel::Deliver(ns3::Ptr<SaginNetDevice> to, ns3::Ptr<ns3::Packet> packet, ns3::Time delay)
{
    ns3::Simulator::ScheduleWithContext(to->GetNode()->GetId(), delay, &SaginNetDevice::Receive, to, packet);
}

} // namespace sagin
