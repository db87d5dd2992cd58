#include "net/helper/sagin-network.h"

#include "net/model/sagin-net-device.h"
#include "net/model/sagin-routing.h"
#include "orbit/helper/trajectory-mobility-model.h"

#include <limits>
#include <ns3/config.h>
#include <ns3/drop-tail-queue.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/ipv4-routing-helper.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/pointer.h>
#include <ns3/queue-size.h>
#include <ns3/simulator.h>
#include <ns3/string.h>
#include <ns3/trace-helper.h>
#include <ns3/uinteger.h>
#include <regex>
#include <stdexcept>

namespace sagin
{

namespace
{

/// Installs a SaginRouting on every node the internet stack goes on.
class SaginRoutingHelper : public ns3::Ipv4RoutingHelper
{
  public:
    SaginRoutingHelper* Copy() const override
    {
        return new SaginRoutingHelper(*this);
    }

    ns3::Ptr<ns3::Ipv4RoutingProtocol> Create(ns3::Ptr<ns3::Node>) const override
    {
        return ns3::CreateObject<SaginRouting>();
    }
};

/// The radio faces a node of this role has.
std::vector<Face>
RadioFaces(v1::Node::Role role)
{
    switch (role)
    {
    case v1::Node::SAT:
    case v1::Node::HAPS:
    case v1::Node::UAV:
        return {Face::Down, Face::Up};
    case v1::Node::UT:
        return {Face::Up};
    case v1::Node::GW:
    case v1::Node::BS:
        return {Face::Down};
    default:
        return {};
    }
}

} // namespace

SaginNetwork::SaginNetwork(const World& world, const StandardPolicy& policy, NetworkOptions options)
    : m_world(world)
    , m_policy(policy)
    , m_options(std::move(options))
{
}

void
SaginNetwork::Install()
{
    ns3::Config::SetDefault("ns3::Ipv4L3Protocol::DefaultTtl", ns3::UintegerValue(255));
    const auto& nodes = m_world.Nodes();
    m_state = std::make_shared<NetworkState>(m_world, m_policy, m_options.destinations);
    m_state->AssignStreams(m_options.stream);
    m_nodes.Create(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        auto mobility = ns3::CreateObject<TrajectoryMobilityModel>();
        mobility->SetTrajectory(nodes[i].trajectory);
        m_nodes.Get(i)->AggregateObject(mobility);
        m_state->SetNsNode(static_cast<int>(i), m_nodes.Get(i));
    }
    ns3::InternetStackHelper stack;
    SaginRoutingHelper routingHelper;
    stack.SetRoutingHelper(routingHelper);
    stack.Install(m_nodes);

    std::vector<ns3::Ptr<SaginRouting>> routers(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        auto ipv4 = m_nodes.Get(i)->GetObject<ns3::Ipv4>();
        routers[i] = ns3::DynamicCast<SaginRouting>(ipv4->GetRoutingProtocol());
        routers[i]->Setup(static_cast<int>(i), m_state);
    }
    auto addInterface = [&](int node, ns3::Ptr<ns3::NetDevice> dev, Face face, int peer)
    {
        auto ipv4 = m_nodes.Get(node)->GetObject<ns3::Ipv4>();
        const uint32_t ifIndex = ipv4->AddInterface(dev);
        if (ifIndex > 255)
        {
            throw std::runtime_error("node " + nodes[node].name + " has more than 255 interfaces");
        }
        ipv4->AddAddress(ifIndex,
                         ns3::Ipv4InterfaceAddress(
                             NetworkState::InterfaceAddress(node, static_cast<int>(ifIndex)),
                             ns3::Ipv4Mask("255.0.0.0")));
        ipv4->SetUp(ifIndex);
        routers[node]->SetInterfaceFace(ifIndex, face, peer);
    };
    auto makeDevice = [&](int node, Face face)
    {
        auto dev = ns3::CreateObject<SaginNetDevice>();
        // The device admits packets per link kind (queue_packets); the FIFO itself never refuses.
        auto queue = ns3::CreateObject<ns3::DropTailQueue<ns3::Packet>>();
        queue->SetAttribute("MaxSize",
                            ns3::QueueSizeValue(ns3::QueueSize(
                                ns3::PACKETS, std::numeric_limits<uint32_t>::max())));
        dev->SetAttribute("Queue", ns3::PointerValue(queue));
        dev->Setup(node, face, m_state);
        dev->SetNode(m_nodes.Get(node));
        m_nodes.Get(node)->AddDevice(dev);
        return dev;
    };

    // Radio: one multipoint channel for every radio face.
    m_radio = ns3::CreateObject<SaginChannel>();
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        for (Face face : RadioFaces(nodes[i].role))
        {
            auto dev = makeDevice(static_cast<int>(i), face);
            dev->SetChannel(m_radio);
            // The beams (a HAPS's, UAV's or base station's cells) serve the terminals: only on
            // the face service links attach to.
            const bool beamCarrier
                = nodes[i].role == v1::Node::SAT || nodes[i].role == v1::Node::HAPS
                  || nodes[i].role == v1::Node::UAV || nodes[i].role == v1::Node::BS;
            if (beamCarrier && face == FaceOf(nodes[i].role, ServiceKindOf(nodes[i].role)))
            {
                const ShellBeams* beams = m_policy.BeamsOf(static_cast<int>(i), nodes[i]);
                if (beams != nullptr && (beams->shared || beams->returnShared))
                {
                    dev->SetSharedBeams(beams);
                }
            }
            m_radio->Attach(dev);
            addInterface(static_cast<int>(i), dev, face, -1);
        }
    }
    // Optical ISLs: one point-to-point channel per pair of the standard's topology.
    if (!m_policy.transparent && m_policy.islTopology != v1::IslPolicy::NO_ISL)
    {
        LinkStateBuilder builder(m_world, m_policy);
        for (auto [a, b] : builder.IslPairs())
        {
            auto channel = ns3::CreateObject<SaginChannel>();
            channel->SetPointToPoint(true);
            auto da = makeDevice(a, Face::Isl);
            auto db = makeDevice(b, Face::Isl);
            da->SetChannel(channel);
            db->SetChannel(channel);
            channel->Attach(da);
            channel->Attach(db);
            addInterface(a, da, Face::Isl, b);
            addInterface(b, db, Face::Isl, a);
        }
    }
    // Fiber: ns-3's point-to-point devices with the fiber's delay and rate.
    for (const auto& f : m_world.Fibers())
    {
        ns3::PointToPointHelper p2p;
        p2p.SetDeviceAttribute(
            "DataRate", ns3::DataRateValue(ns3::DataRate(static_cast<uint64_t>(f.rate_bps))));
        p2p.SetChannelAttribute("Delay", ns3::TimeValue(ns3::Seconds(f.delay_s)));
        p2p.SetQueue("ns3::DropTailQueue<Packet>",
                     "MaxSize",
                     ns3::QueueSizeValue(ns3::QueueSize(
                         ns3::PACKETS, m_policy.Link(LinkKind::Terrestrial).queuePackets)));
        auto devices = p2p.Install(m_nodes.Get(f.a), m_nodes.Get(f.b));
        addInterface(f.a, devices.Get(0), Face::Fiber, f.b);
        addInterface(f.b, devices.Get(1), Face::Fiber, f.a);
    }
    m_state->Update(ns3::Simulator::Now().GetSeconds());
}

void
SaginNetwork::ScheduleUpdates(double start, double stop)
{
    ns3::Simulator::Schedule(
        ns3::Seconds(start) - ns3::Simulator::Now(), &SaginNetwork::Tick, this, stop);
}

void
SaginNetwork::OnUpdate(std::function<void()> callback)
{
    m_onUpdate.push_back(std::move(callback));
}

void
SaginNetwork::Tick(double stop)
{
    const double now = ns3::Simulator::Now().GetSeconds();
    m_state->Update(now);
    for (const auto& cb : m_onUpdate)
    {
        cb();
    }
    const double next = now + m_policy.updateInterval_s;
    if (next <= stop + 1e-9)
    {
        ns3::Simulator::Schedule(
            ns3::Seconds(m_policy.updateInterval_s), &SaginNetwork::Tick, this, stop);
    }
}

ns3::Ptr<ns3::Node>
SaginNetwork::Node(int worldNode) const
{
    return m_nodes.Get(worldNode);
}

ns3::Ipv4Address
SaginNetwork::Address(int worldNode) const
{
    return NetworkState::InterfaceAddress(worldNode, 1);
}

std::vector<int>
SaginNetwork::NodesMatching(const std::string& regex) const
{
    const std::regex re(regex, std::regex::ECMAScript);
    std::vector<int> out;
    const auto& nodes = m_world.Nodes();
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        if (std::regex_search(nodes[i].name, re))
        {
            out.push_back(static_cast<int>(i));
        }
    }
    return out;
}

std::vector<std::string>
SaginNetwork::EnablePcap(const std::string& prefix, const std::vector<int>& worldNodes) const
{
    ns3::PcapHelper pcap;
    std::vector<std::string> files;
    for (int w : worldNodes)
    {
        ns3::Ptr<ns3::Node> node = m_nodes.Get(static_cast<uint32_t>(w));
        for (uint32_t k = 0; k < node->GetNDevices(); ++k)
        {
            ns3::Ptr<ns3::NetDevice> dev = node->GetDevice(k);
            const std::string file
                = prefix + m_world.Nodes()[w].name + "-" + std::to_string(k) + ".pcap";
            if (auto sagin = ns3::DynamicCast<SaginNetDevice>(dev))
            {
                auto f = pcap.CreateFile(file, std::ios::out, ns3::PcapHelper::DLT_RAW);
                pcap.HookDefaultSink<SaginNetDevice>(sagin, "PromiscSniffer", f);
                files.push_back(file);
            }
            else if (auto p2p = ns3::DynamicCast<ns3::PointToPointNetDevice>(dev))
            {
                auto f = pcap.CreateFile(file, std::ios::out, ns3::PcapHelper::DLT_PPP);
                pcap.HookDefaultSink<ns3::PointToPointNetDevice>(p2p, "PromiscSniffer", f);
                files.push_back(file);
            }
        }
    }
    return files;
}

} // namespace sagin
