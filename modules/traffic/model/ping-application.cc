#include "traffic/model/ping-application.h"

#include "core/model/payload-fields.h"

#include <cstring>
#include <ns3/inet-socket-address.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace sagin
{

NS_OBJECT_ENSURE_REGISTERED(PingEcho);
NS_OBJECT_ENSURE_REGISTERED(PingClient);

namespace
{

constexpr std::uint32_t kProbeMagic = 0x53474e50; // "SGNP"
// Probe payload: magic, seq, client send time; the echo adds its receive time and the forward
// breakdown.
constexpr std::size_t kProbeHeader = 4 + 4 + 8;
constexpr std::size_t kEchoPayload = kProbeHeader + 8 + 8 * kLatencyCategoryCount;

using payload::Get;
using payload::Put;

} // namespace

ns3::TypeId
PingEcho::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::PingEcho")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<PingEcho>()
                                 .AddAttribute("Port",
                                               "UDP port to answer on.",
                                               ns3::UintegerValue(7),
                                               ns3::MakeUintegerAccessor(&PingEcho::m_port),
                                               ns3::MakeUintegerChecker<uint16_t>());
    return tid;
}

PingEcho::PingEcho() = default;

void
PingEcho::DoDispose()
{
    m_socket = nullptr;
    ns3::Application::DoDispose();
}

void
PingEcho::StartApplication()
{
    m_socket = ns3::Socket::CreateSocket(GetNode(), ns3::UdpSocketFactory::GetTypeId());
    m_socket->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), m_port));
    m_socket->SetRecvCallback(ns3::MakeCallback(&PingEcho::HandleRead, this));
}

void
PingEcho::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    }
}

void
PingEcho::HandleRead(ns3::Ptr<ns3::Socket> socket)
{
    ns3::Address from;
    while (ns3::Ptr<ns3::Packet> p = socket->RecvFrom(from))
    {
        if (p->GetSize() < kProbeHeader)
        {
            continue;
        }
        std::vector<uint8_t> in(p->GetSize());
        p->CopyData(in.data(), in.size());
        if (Get<std::uint32_t>(in, 0) != kProbeMagic)
        {
            continue;
        }
        const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
        LatencyTag forward;
        p->PeekPacketTag(forward);
        forward.Attribute(LatencyCategory::Queueing, now);
        std::vector<uint8_t> out(std::max<std::size_t>(kEchoPayload, in.size()), 0);
        std::memcpy(out.data(), in.data(), kProbeHeader);
        Put<std::int64_t>(out, kProbeHeader, now);
        for (int c = 0; c < kLatencyCategoryCount; ++c)
        {
            Put<std::int64_t>(out, kProbeHeader + 8 + 8 * c, forward.ns[c]);
        }
        socket->SendTo(ns3::Create<ns3::Packet>(out.data(), out.size()), 0, from);
    }
}

ns3::TypeId
PingClient::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::PingClient")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<PingClient>()
                                 .AddAttribute("Interval",
                                               "Time between probes.",
                                               ns3::TimeValue(ns3::Seconds(1.0)),
                                               ns3::MakeTimeAccessor(&PingClient::m_interval),
                                               ns3::MakeTimeChecker())
                                 .AddAttribute("Size",
                                               "Probe payload size in bytes (at least 16).",
                                               ns3::UintegerValue(64),
                                               ns3::MakeUintegerAccessor(&PingClient::m_size),
                                               ns3::MakeUintegerChecker<uint32_t>(16))
                                 .AddAttribute("Count",
                                               "Probes to send (0: until the application stops).",
                                               ns3::UintegerValue(0),
                                               ns3::MakeUintegerAccessor(&PingClient::m_count),
                                               ns3::MakeUintegerChecker<uint32_t>());
    return tid;
}

PingClient::PingClient() = default;

void
PingClient::SetRemote(ns3::Ipv4Address address, uint16_t port)
{
    m_remote = address;
    m_port = port;
}

void
PingClient::DoDispose()
{
    m_socket = nullptr;
    ns3::Application::DoDispose();
}

void
PingClient::StartApplication()
{
    m_socket = ns3::Socket::CreateSocket(GetNode(), ns3::UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetRecvCallback(ns3::MakeCallback(&PingClient::HandleRead, this));
    SendProbe();
}

void
PingClient::StopApplication()
{
    // Stop sending; answers to probes already sent are still recorded (the run drains).
    ns3::Simulator::Cancel(m_next);
}

void
PingClient::SendProbe()
{
    ProbeRecord r;
    r.seq = static_cast<std::uint32_t>(m_records.size());
    r.sentNs = ns3::Simulator::Now().GetNanoSeconds();
    std::vector<uint8_t> b(std::max<std::size_t>(m_size, kProbeHeader), 0);
    Put<std::uint32_t>(b, 0, kProbeMagic);
    Put<std::uint32_t>(b, 4, r.seq);
    Put<std::int64_t>(b, 8, r.sentNs);
    m_records.push_back(r);
    m_socket->SendTo(
        ns3::Create<ns3::Packet>(b.data(), b.size()), 0, ns3::InetSocketAddress(m_remote, m_port));
    if (m_count == 0 || m_records.size() < m_count)
    {
        m_next = ns3::Simulator::Schedule(m_interval, &PingClient::SendProbe, this);
    }
}

void
PingClient::HandleRead(ns3::Ptr<ns3::Socket> socket)
{
    ns3::Address from;
    while (ns3::Ptr<ns3::Packet> p = socket->RecvFrom(from))
    {
        if (p->GetSize() < kEchoPayload)
        {
            continue;
        }
        std::vector<uint8_t> in(p->GetSize());
        p->CopyData(in.data(), in.size());
        if (Get<std::uint32_t>(in, 0) != kProbeMagic)
        {
            continue;
        }
        const auto seq = Get<std::uint32_t>(in, 4);
        if (seq >= m_records.size() || m_records[seq].Answered())
        {
            continue;
        }
        ProbeRecord& r = m_records[seq];
        const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
        r.echoNs = Get<std::int64_t>(in, kProbeHeader);
        r.receivedNs = now;
        for (int c = 0; c < kLatencyCategoryCount; ++c)
        {
            r.forwardNs[c] = Get<std::int64_t>(in, kProbeHeader + 8 + 8 * c);
        }
        LatencyTag back;
        p->PeekPacketTag(back);
        back.Attribute(LatencyCategory::Queueing, now);
        r.returnNs = back.ns;
    }
}

} // namespace sagin
