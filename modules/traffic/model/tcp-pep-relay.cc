#include "traffic/model/tcp-pep-relay.h"

#include <algorithm>
#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/packet.h>

namespace sagin
{

NS_LOG_COMPONENT_DEFINE("SaginTcpPepRelay");
NS_OBJECT_ENSURE_REGISTERED(TcpPepRelay);

ns3::TypeId
TcpPepRelay::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::TcpPepRelay")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<TcpPepRelay>();
    return tid;
}

TcpPepRelay::TcpPepRelay() = default;

void
TcpPepRelay::Setup(uint16_t port, const ns3::Address& next, const TcpSocketOptions& options)
{
    m_port = port;
    m_next = next;
    m_options = options;
}

void
TcpPepRelay::DoDispose()
{
    m_listener = nullptr;
    m_splices.clear();
    ns3::Application::DoDispose();
}

void
TcpPepRelay::StartApplication()
{
    m_listener = CreateTcpSocket(GetNode(), m_options);
    m_listener->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(
        ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
        ns3::MakeCallback(&TcpPepRelay::Accept, this));
}

void
TcpPepRelay::StopApplication()
{
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
TcpPepRelay::Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address&)
{
    Splice s;
    s.in = socket;
    s.out = CreateTcpSocket(GetNode(), m_options);
    m_splices.push_back(s);
    socket->SetRecvCallback(ns3::MakeCallback(&TcpPepRelay::InboundData, this));
    socket->SetCloseCallbacks(ns3::MakeCallback(&TcpPepRelay::InboundClosed, this),
                              ns3::MakeCallback(&TcpPepRelay::InboundClosed, this));
    s.out->Bind();
    s.out->SetConnectCallback(ns3::MakeCallback(&TcpPepRelay::OutboundConnected, this),
                              ns3::MakeCallback(&TcpPepRelay::OutboundFailed, this));
    s.out->SetSendCallback(ns3::MakeCallback(&TcpPepRelay::OutboundRoom, this));
    s.out->Connect(m_next);
}

size_t
TcpPepRelay::Find(ns3::Ptr<ns3::Socket> socket) const
{
    for (size_t i = 0; i < m_splices.size(); ++i)
    {
        if (m_splices[i].in == socket || m_splices[i].out == socket)
        {
            return i;
        }
    }
    NS_FATAL_ERROR("TcpPepRelay: a callback from a socket it does not know");
    return 0;
}

void
TcpPepRelay::InboundData(ns3::Ptr<ns3::Socket> socket)
{
    Pump(Find(socket));
}

void
TcpPepRelay::InboundClosed(ns3::Ptr<ns3::Socket> socket)
{
    const size_t i = Find(socket);
    m_splices[i].inClosed = true;
    Pump(i);
}

void
TcpPepRelay::OutboundConnected(ns3::Ptr<ns3::Socket> socket)
{
    const size_t i = Find(socket);
    m_splices[i].outConnected = true;
    Pump(i);
}

void
TcpPepRelay::OutboundFailed(ns3::Ptr<ns3::Socket>)
{
    NS_LOG_WARN("proxy could not connect onward");
}

void
TcpPepRelay::OutboundRoom(ns3::Ptr<ns3::Socket> socket, uint32_t)
{
    Pump(Find(socket));
}

void
TcpPepRelay::Pump(size_t i)
{
    Splice& s = m_splices[i];
    if (!s.outConnected || s.outClosed)
    {
        return;
    }
    while (true)
    {
        const uint32_t room = std::min<uint32_t>(s.out->GetTxAvailable(), 65536);
        if (room == 0)
        {
            break; // back-pressure: the inbound data waits in the inbound receive buffer
        }
        ns3::Ptr<ns3::Packet> p = s.in->Recv(room, 0);
        if (!p || p->GetSize() == 0)
        {
            break;
        }
        // A new connection carries the bytes on: nothing of the inbound packets' tags applies.
        p->RemoveAllPacketTags();
        p->RemoveAllByteTags();
        const int sent = s.out->Send(p);
        if (sent > 0)
        {
            m_relayed += static_cast<std::uint64_t>(sent);
        }
    }
    if (s.inClosed && s.in->GetRxAvailable() == 0)
    {
        s.out->Close();
        s.outClosed = true;
    }
}

} // namespace sagin
