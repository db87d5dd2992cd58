#include "traffic/model/cbr-application.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ns3/double.h>
#include <ns3/inet-socket-address.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
#include <ns3/uinteger.h>

namespace sagin
{

NS_OBJECT_ENSURE_REGISTERED(CbrSink);
NS_OBJECT_ENSURE_REGISTERED(CbrSource);

namespace
{
constexpr std::uint32_t kCbrMagic = 0x53474e43; // "SGNC"
constexpr std::size_t kCbrHeader = 4 + 4 + 8;
} // namespace

ns3::TypeId
CbrSink::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::CbrSink")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<CbrSink>()
                                 .AddAttribute("Port",
                                               "UDP port to listen on.",
                                               ns3::UintegerValue(9),
                                               ns3::MakeUintegerAccessor(&CbrSink::m_port),
                                               ns3::MakeUintegerChecker<uint16_t>());
    return tid;
}

CbrSink::CbrSink() = default;

void
CbrSink::DoDispose()
{
    m_socket = nullptr;
    ns3::Application::DoDispose();
}

void
CbrSink::StartApplication()
{
    m_socket = ns3::Socket::CreateSocket(GetNode(), ns3::UdpSocketFactory::GetTypeId());
    m_socket->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), m_port));
    m_socket->SetRecvCallback(ns3::MakeCallback(&CbrSink::HandleRead, this));
}

void
CbrSink::StopApplication()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    }
}

void
CbrSink::SetExpected(std::uint32_t sent)
{
    if (m_records.size() < sent)
    {
        m_records.resize(sent);
    }
    for (std::uint32_t i = 0; i < sent; ++i)
    {
        m_records[i].seq = i;
    }
}

void
CbrSink::HandleRead(ns3::Ptr<ns3::Socket> socket)
{
    ns3::Address from;
    while (ns3::Ptr<ns3::Packet> p = socket->RecvFrom(from))
    {
        if (p->GetSize() < kCbrHeader)
        {
            continue;
        }
        uint8_t head[kCbrHeader];
        p->CopyData(head, kCbrHeader);
        std::uint32_t magic;
        std::uint32_t seq;
        std::int64_t sent;
        std::memcpy(&magic, head, 4);
        std::memcpy(&seq, head + 4, 4);
        std::memcpy(&sent, head + 8, 8);
        if (magic != kCbrMagic)
        {
            continue;
        }
        if (m_records.size() <= seq)
        {
            m_records.resize(seq + 1);
        }
        PacketRecord& r = m_records[seq];
        if (r.receivedNs >= 0)
        {
            continue; // duplicate
        }
        const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
        r.seq = seq;
        r.sentNs = sent;
        r.receivedNs = now;
        LatencyTag tag;
        if (p->PeekPacketTag(tag))
        {
            tag.Attribute(LatencyCategory::Queueing, now);
            r.breakdownNs = tag.ns;
        }
    }
}

ns3::TypeId
CbrSource::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::CbrSource")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<CbrSource>()
                                 .AddAttribute("DataRate",
                                               "Sending rate (payload bits per second).",
                                               ns3::DataRateValue(ns3::DataRate("1Mbps")),
                                               ns3::MakeDataRateAccessor(&CbrSource::m_rate),
                                               ns3::MakeDataRateChecker())
                                 .AddAttribute("PacketSize",
                                               "Payload bytes per packet (at least 16).",
                                               ns3::UintegerValue(1000),
                                               ns3::MakeUintegerAccessor(&CbrSource::m_size),
                                               ns3::MakeUintegerChecker<uint32_t>(16))
                                 .AddAttribute("FileBytes",
                                               "0: constant bit rate (DataRate). Otherwise the "
                                               "size of the files (FTP model 3), each sent at "
                                               "once as ceil(FileBytes / PacketSize) packets.",
                                               ns3::UintegerValue(0),
                                               ns3::MakeUintegerAccessor(&CbrSource::m_fileBytes),
                                               ns3::MakeUintegerChecker<std::uint64_t>())
                                 .AddAttribute("FileRate",
                                               "Mean file arrivals per second (Poisson) when "
                                               "FileBytes > 0.",
                                               ns3::DoubleValue(1.0),
                                               ns3::MakeDoubleAccessor(&CbrSource::m_fileRate),
                                               ns3::MakeDoubleChecker<double>(0.0));
    return tid;
}

CbrSource::CbrSource()
    : m_fileGap(ns3::CreateObject<ns3::ExponentialRandomVariable>())
{
}

int64_t
CbrSource::AssignStreams(int64_t stream)
{
    m_fileGap->SetStream(stream);
    return 1;
}

void
CbrSource::SetRemote(ns3::Ipv4Address address, uint16_t port)
{
    m_remote = address;
    m_port = port;
}

std::int64_t
CbrSource::SentAt(std::uint32_t seq) const
{
    if (m_fileBytes > 0)
    {
        return seq < m_sentNs.size() ? m_sentNs[seq] : -1;
    }
    return m_firstNs + static_cast<std::int64_t>(seq) * m_gapNs;
}

void
CbrSource::DoDispose()
{
    m_socket = nullptr;
    ns3::Application::DoDispose();
}

void
CbrSource::StartApplication()
{
    m_socket = ns3::Socket::CreateSocket(GetNode(), ns3::UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_firstNs = ns3::Simulator::Now().GetNanoSeconds();
    if (m_fileBytes > 0)
    {
        if (m_fileRate > 0.0)
        {
            m_fileGap->SetAttribute("Mean", ns3::DoubleValue(1.0 / m_fileRate));
            m_next = ns3::Simulator::Schedule(
                ns3::Seconds(m_fileGap->GetValue()), &CbrSource::SendFile, this);
        }
        return;
    }
    // No packet at a rate of 0. ns-3's CalculateBytesTxTime divides in 128-bit fixed point and
    // traps on extreme rates (validation caps CBR rates at kMaxCbrRate_kbps = 1e11 bit/s); far
    // above that cap the gap is computed in floating point. At least 1 ns, so that no rate
    // schedules packets forever at one instant.
    const std::uint64_t bitRate = m_rate.GetBitRate();
    if (bitRate == 0)
    {
        return;
    }
    m_gapNs = bitRate <= 1000000000000000ULL
                  ? m_rate.CalculateBytesTxTime(m_size).GetNanoSeconds()
                  : static_cast<std::int64_t>(
                      std::round(8.0 * m_size / static_cast<double>(bitRate) * 1e9));
    m_gapNs = std::max<std::int64_t>(m_gapNs, 1);
    SendPacket();
}

void
CbrSource::StopApplication()
{
    ns3::Simulator::Cancel(m_next);
}

void
CbrSource::SendOne(std::int64_t now)
{
    std::vector<uint8_t> b(m_size, 0);
    std::memcpy(b.data(), &kCbrMagic, 4);
    std::memcpy(b.data() + 4, &m_sent, 4);
    std::memcpy(b.data() + 8, &now, 8);
    m_socket->SendTo(
        ns3::Create<ns3::Packet>(b.data(), b.size()), 0, ns3::InetSocketAddress(m_remote, m_port));
    ++m_sent;
}

void
CbrSource::SendPacket()
{
    SendOne(ns3::Simulator::Now().GetNanoSeconds());
    m_next = ns3::Simulator::Schedule(ns3::NanoSeconds(m_gapNs), &CbrSource::SendPacket, this);
}

void
CbrSource::SendFile()
{
    // The whole file at once: its packets queue at the first device in order.
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    const std::uint64_t packets = (m_fileBytes + m_size - 1) / m_size;
    for (std::uint64_t i = 0; i < packets; ++i)
    {
        m_sentNs.push_back(now);
        SendOne(now);
    }
    m_next
        = ns3::Simulator::Schedule(ns3::Seconds(m_fileGap->GetValue()), &CbrSource::SendFile, this);
}

} // namespace sagin
