#include "run/model/traffic-install.h"

#include <algorithm>
#include <ns3/double.h>
#include <ns3/inet-socket-address.h>
#include <ns3/simulator.h>
#include <ns3/uinteger.h>
#include <set>

namespace sagin
{

namespace
{
/// First ns-3 random stream of the flows' file arrivals (ftp3): the network's streams start at
/// 1000 (SaginNetwork options), the compute engine's at 5000, one per host and client.
constexpr int64_t kFileArrivalStreams = 1000000;
} // namespace

TcpSocketOptions
TcpOptionsFor(const v1::TcpBulk& tcp)
{
    TcpSocketOptions o; // the defaults documented in scenario.proto
    if (!tcp.congestion_control().empty())
    {
        o.congestionControl = tcp.congestion_control();
    }
    if (tcp.segment_bytes() > 0)
    {
        o.segmentBytes = tcp.segment_bytes();
    }
    if (tcp.snd_buf_bytes() > 0)
    {
        o.sndBufBytes = tcp.snd_buf_bytes();
    }
    if (tcp.rcv_buf_bytes() > 0)
    {
        o.rcvBufBytes = tcp.rcv_buf_bytes();
    }
    if (tcp.initial_cwnd_segments() > 0)
    {
        o.initialCwndSegments = tcp.initial_cwnd_segments();
    }
    return o;
}

TcpSocketOptions
PepOptionsFor(const TcpSocketOptions& flow, const v1::TcpPep& pep)
{
    TcpSocketOptions o = flow;
    const std::uint32_t buffer = pep.buffer_bytes() > 0 ? pep.buffer_bytes() : (8u << 20);
    o.sndBufBytes = buffer;
    o.rcvBufBytes = buffer;
    return o;
}

std::vector<int>
PepSplitPoints(const World& world, const StandardPolicy& policy, const std::vector<int>& path)
{
    std::vector<int> points;
    if (!policy.transparent)
    {
        return points;
    }
    const auto& nodes = world.Nodes();
    for (size_t k = 1; k + 1 < path.size(); ++k)
    {
        if (nodes[path[k]].role != v1::Node::GW)
        {
            continue;
        }
        if (nodes[path[k - 1]].role == v1::Node::SAT || nodes[path[k + 1]].role == v1::Node::SAT)
        {
            points.push_back(path[k]);
        }
    }
    return points;
}

std::vector<int>
TrafficDestinations(const World& world,
                    const v1::Scenario& scenario,
                    const v1::Standard& standard,
                    const std::vector<PlannedFlow>& plan)
{
    std::set<int> d;
    bool tcp = false;
    for (const auto& f : plan)
    {
        d.insert(f.from);
        d.insert(f.to);
        tcp = tcp || scenario.traffic().flows(f.groupIndex).has_tcp_bulk();
    }
    if (tcp && standard.tcp_pep().enabled())
    {
        for (size_t n = 0; n < world.Nodes().size(); ++n)
        {
            if (world.Nodes()[n].role == v1::Node::GW)
            {
                d.insert(static_cast<int>(n));
            }
        }
    }
    return {d.begin(), d.end()};
}

std::vector<FlowApps>
InstallTraffic(SaginNetwork& net,
               const World& world,
               const StandardPolicy& policy,
               const v1::Scenario& scenario,
               const std::vector<PlannedFlow>& plan,
               double duration,
               double warmup)
{
    std::vector<FlowApps> flows;
    for (size_t i = 0; i < plan.size(); ++i)
    {
        const auto& p = plan[i];
        const auto& group = scenario.traffic().flows(p.groupIndex);
        FlowApps f;
        f.plan = p;
        f.kind = group.kind_case();
        const uint16_t port = static_cast<uint16_t>(10000 + i % 50000);
        const double stop = std::min(p.stop_s, duration);
        if (group.has_ping())
        {
            auto echo = ns3::CreateObject<PingEcho>();
            echo->SetAttribute("Port", ns3::UintegerValue(port));
            net.Node(p.to)->AddApplication(echo);
            echo->SetStartTime(ns3::Seconds(0.0));
            f.ping = ns3::CreateObject<PingClient>();
            f.ping->SetRemote(net.Address(p.to), port);
            const double interval
                = group.ping().interval_ms() > 0.0 ? group.ping().interval_ms() : 1000.0;
            f.ping->SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(interval)));
            f.ping->SetAttribute(
                "Size",
                ns3::UintegerValue(group.ping().size_bytes() > 0 ? group.ping().size_bytes() : 64));
            net.Node(p.from)->AddApplication(f.ping);
            f.ping->SetStartTime(ns3::Seconds(p.start_s));
            f.ping->SetStopTime(ns3::Seconds(stop));
        }
        else if (group.has_cbr() || group.has_ftp3())
        {
            f.cbrSink = ns3::CreateObject<CbrSink>();
            f.cbrSink->SetAttribute("Port", ns3::UintegerValue(port));
            net.Node(p.to)->AddApplication(f.cbrSink);
            f.cbrSink->SetStartTime(ns3::Seconds(0.0));
            f.cbrSource = ns3::CreateObject<CbrSource>();
            f.cbrSource->SetRemote(net.Address(p.to), port);
            if (group.has_ftp3())
            {
                const auto& ftp = group.ftp3();
                f.cbrSource->SetAttribute(
                    "FileBytes",
                    ns3::UintegerValue(ftp.file_bytes() > 0 ? ftp.file_bytes() : 512000));
                f.cbrSource->SetAttribute("FileRate", ns3::DoubleValue(ftp.files_per_s()));
                f.cbrSource->SetAttribute(
                    "PacketSize",
                    ns3::UintegerValue(ftp.packet_bytes() > 0 ? ftp.packet_bytes() : 1472));
                // File arrivals: one ns-3 stream per flow, after the network's and compute's.
                f.cbrSource->AssignStreams(kFileArrivalStreams + static_cast<int64_t>(i));
            }
            else
            {
                f.cbrSource->SetAttribute("DataRate",
                                          ns3::DataRateValue(ns3::DataRate(static_cast<uint64_t>(
                                              group.cbr().rate_kbps() * 1e3))));
                f.cbrSource->SetAttribute("PacketSize",
                                          ns3::UintegerValue(group.cbr().packet_bytes() > 0
                                                                 ? group.cbr().packet_bytes()
                                                                 : 1000));
            }
            net.Node(p.from)->AddApplication(f.cbrSource);
            f.cbrSource->SetStartTime(ns3::Seconds(p.start_s));
            f.cbrSource->SetStopTime(ns3::Seconds(stop));
        }
        else
        {
            const TcpSocketOptions options = TcpOptionsFor(group.tcp_bulk());
            f.tcpSink = ns3::CreateObject<TcpBulkSink>();
            f.tcpSink->Setup(port, options);
            net.Node(p.to)->AddApplication(f.tcpSink);
            f.tcpSink->SetStartTime(ns3::Seconds(0.0));
            const double from = warmup > p.start_s && warmup < stop ? warmup : p.start_s;
            f.tcpSink->SetMeasurementWindow(ns3::Seconds(from), ns3::Seconds(stop));

            // The proxy: the sender connects to the first split gateway, each proxy to the next,
            // the last to the receiver. Split points come from the path at installation.
            if (policy.proto.tcp_pep().enabled())
            {
                const PathResult path = net.State()->Controller().Path(p.from, p.to);
                if (path.reachable)
                {
                    f.pepGateways = PepSplitPoints(world, policy, path.nodes);
                }
            }
            const TcpSocketOptions pepOptions = PepOptionsFor(options, policy.proto.tcp_pep());
            ns3::Address next = ns3::InetSocketAddress(net.Address(p.to), port);
            for (auto it = f.pepGateways.rbegin(); it != f.pepGateways.rend(); ++it)
            {
                auto relay = ns3::CreateObject<TcpPepRelay>();
                relay->Setup(port, next, pepOptions);
                net.Node(*it)->AddApplication(relay);
                relay->SetStartTime(ns3::Seconds(0.0));
                f.pepRelays.insert(f.pepRelays.begin(), relay);
                next = ns3::InetSocketAddress(net.Address(*it), port);
            }
            auto sender = ns3::CreateObject<TcpBulkSender>();
            sender->Setup(next, options, group.tcp_bulk().max_bytes());
            net.Node(p.from)->AddApplication(sender);
            sender->SetStartTime(ns3::Seconds(p.start_s));
            sender->SetStopTime(ns3::Seconds(stop));
        }
        flows.push_back(std::move(f));
    }
    return flows;
}

} // namespace sagin
