#include "traffic/model/tcp-bulk.h"

#include "core/model/diagnostics.h"

#include <algorithm>
#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/node.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/tcp-l4-protocol.h>
#include <ns3/uinteger.h>

namespace sagin
{

NS_LOG_COMPONENT_DEFINE("SaginTcpBulk");
NS_OBJECT_ENSURE_REGISTERED(TcpBulkSender);
NS_OBJECT_ENSURE_REGISTERED(TcpBulkSink);

ns3::Ptr<ns3::Socket>
CreateTcpSocket(ns3::Ptr<ns3::Node> node, const TcpSocketOptions& options)
{
    ns3::TypeId cc;
    if (!ns3::TypeId::LookupByNameFailSafe("ns3::" + options.congestionControl, &cc))
    {
        throw InputError("unknown TCP congestion control '" + options.congestionControl + "'");
    }
    ns3::Ptr<ns3::Socket> socket = node->GetObject<ns3::TcpL4Protocol>()->CreateSocket(cc);
    socket->SetAttribute("SegmentSize", ns3::UintegerValue(options.segmentBytes));
    socket->SetAttribute("SndBufSize", ns3::UintegerValue(options.sndBufBytes));
    socket->SetAttribute("RcvBufSize", ns3::UintegerValue(options.rcvBufBytes));
    socket->SetAttribute("InitialCwnd", ns3::UintegerValue(options.initialCwndSegments));
    return socket;
}

// ---------------------------------------------------------------------------------------------

ns3::TypeId
TcpBulkSender::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::TcpBulkSender")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<TcpBulkSender>();
    return tid;
}

TcpBulkSender::TcpBulkSender() = default;

void
TcpBulkSender::Setup(const ns3::Address& remote,
                     const TcpSocketOptions& options,
                     std::uint64_t maxBytes)
{
    m_remote = remote;
    m_options = options;
    m_maxBytes = maxBytes;
}

void
TcpBulkSender::DoDispose()
{
    m_socket = nullptr;
    ns3::Application::DoDispose();
}

void
TcpBulkSender::StartApplication()
{
    m_socket = CreateTcpSocket(GetNode(), m_options);
    m_socket->Bind();
    m_socket->SetConnectCallback(ns3::MakeCallback(&TcpBulkSender::Connected, this),
                                 ns3::MakeCallback(&TcpBulkSender::ConnectionFailed, this));
    m_socket->SetSendCallback(ns3::MakeCallback(&TcpBulkSender::Write, this));
    m_socket->Connect(m_remote);
}

void
TcpBulkSender::StopApplication()
{
    if (m_socket && !m_closed)
    {
        // TCP sends what the buffer still holds, then its FIN.
        m_socket->Close();
        m_closed = true;
    }
}

void
TcpBulkSender::Connected(ns3::Ptr<ns3::Socket> socket)
{
    m_connected = true;
    Write(socket, socket->GetTxAvailable());
}

void
TcpBulkSender::ConnectionFailed(ns3::Ptr<ns3::Socket>)
{
    NS_LOG_WARN("TCP connection failed");
}

void
TcpBulkSender::Write(ns3::Ptr<ns3::Socket> socket, uint32_t)
{
    if (!m_connected || m_closed)
    {
        return;
    }
    // Write in pieces of whole segments (about 64 KiB) until the send buffer is full or the
    // budget is spent. Whole segments keep every TCP segment inside one written packet: ns-3's
    // TcpTxBuffer merges the packets a segment straddles, which turns their zero-filled payload
    // into real bytes that later segments copy again (with 64 KiB pieces that copying took about
    // 70 % of the quick start's GEO run, which carries an 8 MiB window: that run took 14.3 s
    // before, 4.0 s after). A send buffer smaller than a segment is written as it frees.
    const std::uint64_t segment = std::clamp<std::uint64_t>(
        m_options.segmentBytes, 1, std::max<std::uint32_t>(m_options.sndBufBytes, 1));
    const std::uint64_t piece = std::max<std::uint64_t>(65536 / segment, 1) * segment;
    while (m_maxBytes == 0 || m_written < m_maxBytes)
    {
        std::uint64_t n = std::min<std::uint64_t>(socket->GetTxAvailable(), piece);
        const bool last = m_maxBytes > 0 && m_maxBytes - m_written <= n;
        if (last)
        {
            n = m_maxBytes - m_written;
        }
        else
        {
            n -= n % segment; // the rest when a whole segment fits
        }
        if (n == 0)
        {
            return;
        }
        const int sent = socket->Send(ns3::Create<ns3::Packet>(static_cast<uint32_t>(n)));
        if (sent <= 0)
        {
            return;
        }
        m_written += static_cast<std::uint64_t>(sent);
    }
    socket->Close();
    m_closed = true;
}

// ---------------------------------------------------------------------------------------------

ns3::TypeId
TcpBulkSink::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::TcpBulkSink")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<TcpBulkSink>();
    return tid;
}

TcpBulkSink::TcpBulkSink() = default;

void
TcpBulkSink::Setup(uint16_t port, const TcpSocketOptions& options)
{
    m_port = port;
    m_options = options;
}

void
TcpBulkSink::SetMeasurementWindow(ns3::Time from, ns3::Time until)
{
    m_from = from;
    m_until = until;
    ns3::Simulator::Schedule(from - ns3::Simulator::Now(), &TcpBulkSink::Mark, this, true);
    ns3::Simulator::Schedule(until - ns3::Simulator::Now(), &TcpBulkSink::Mark, this, false);
}

void
TcpBulkSink::Mark(bool start)
{
    if (start)
    {
        m_rxAtFrom = m_rx;
    }
    else
    {
        m_rxAtUntil = m_rx;
        m_untilReached = true;
    }
}

bool
TcpBulkSink::HasMeasurementWindow() const
{
    return m_until.GetNanoSeconds() > m_from.GetNanoSeconds();
}

double
TcpBulkSink::Goodput_bps() const
{
    if (!HasMeasurementWindow())
    {
        return 0.0;
    }
    // Integer nanoseconds: no int64x64 conversion of a (possibly negative) Time.
    const double seconds
        = static_cast<double>(m_until.GetNanoSeconds() - m_from.GetNanoSeconds()) * 1e-9;
    const std::uint64_t end = m_untilReached ? m_rxAtUntil : m_rx;
    return static_cast<double>(end - m_rxAtFrom) * 8.0 / seconds;
}

void
TcpBulkSink::DoDispose()
{
    m_listener = nullptr;
    m_accepted.clear();
    ns3::Application::DoDispose();
}

void
TcpBulkSink::StartApplication()
{
    m_listener = CreateTcpSocket(GetNode(), m_options);
    m_listener->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(
        ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
        ns3::MakeCallback(&TcpBulkSink::Accept, this));
}

void
TcpBulkSink::StopApplication()
{
    for (auto& s : m_accepted)
    {
        s->Close();
    }
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
TcpBulkSink::Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address&)
{
    socket->SetRecvCallback(ns3::MakeCallback(&TcpBulkSink::Read, this));
    m_accepted.push_back(socket);
}

void
TcpBulkSink::Read(ns3::Ptr<ns3::Socket> socket)
{
    while (ns3::Ptr<ns3::Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        m_rx += p->GetSize();
    }
}

} // namespace sagin
