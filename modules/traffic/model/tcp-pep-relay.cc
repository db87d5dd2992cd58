#include "traffic/model/tcp-pep-relay.h"

#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/packet.h>

#include <algorithm>

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
    m_listener->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
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
    const size_t i = m_splices.size();
    Splice s;
    s.in = socket;
    s.out = CreateTcpSocket(GetNode(), m_options);
    m_splices.push_back(s);
    socket->SetRecvCallback(ns3::MakeBoundCallback(
        +[](TcpPepRelay* self, size_t k, ns3::Ptr<ns3::Socket>) { self->Pump(k); }, this, i));
    socket->SetCloseCallbacks(
        ns3::MakeBoundCallback(
            +[](TcpPepRelay* self, size_t k, ns3::Ptr<ns3::Socket>) {
                self->m_splices[k].inClosed = true;
                self->Pump(k);
            },
            this,
            i),
        ns3::MakeBoundCallback(
            +[](TcpPepRelay* self, size_t k, ns3::Ptr<ns3::Socket>) {
                self->m_splices[k].inClosed = true;
                self->Pump(k);
            },
            this,
            i));
    ns3::Ptr<ns3::Socket> out = m_splices[i].out;
    out->Bind();
    out->SetConnectCallback(ns3::MakeBoundCallback(
                                +[](TcpPepRelay* self, size_t k, ns3::Ptr<ns3::Socket>) {
                                    self->m_splices[k].outConnected = true;
                                    self->Pump(k);
                                },
                                this,
                                i),
                            ns3::MakeBoundCallback(
                                +[](TcpPepRelay*, size_t, ns3::Ptr<ns3::Socket>) {
                                    NS_LOG_WARN("proxy could not connect onward");
                                },
                                this,
                                i));
    out->SetSendCallback(ns3::MakeBoundCallback(
        +[](TcpPepRelay* self, size_t k, ns3::Ptr<ns3::Socket>, uint32_t) { self->Pump(k); }, this, i));
    out->Connect(m_next);
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
