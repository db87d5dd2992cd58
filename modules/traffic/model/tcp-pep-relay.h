// A split-connection TCP performance-enhancing proxy (RFC 3135, section 2.4) as an ns-3
// application on a gateway: it accepts the connections that arrive on its port (their data is
// acknowledged here, by this node's TCP), opens one new connection per accepted one to the next
// hop of the flow (another proxy or the receiver), and copies the byte stream across. It reads
// from the inbound connection only as far as the outbound send buffer has room, so a slow
// outbound leg fills the inbound receive buffer and closes the inbound window (back-pressure,
// no unbounded buffering). When the inbound side closes, the outbound closes after the data.
#ifndef SAGIN_TRAFFIC_TCP_PEP_RELAY_H
#define SAGIN_TRAFFIC_TCP_PEP_RELAY_H

#include "traffic/model/tcp-bulk.h"

#include <cstdint>
#include <ns3/address.h>
#include <ns3/application.h>
#include <ns3/socket.h>
#include <vector>

namespace sagin
{

class TcpPepRelay : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    TcpPepRelay();

    /// Listens on `port`; forwards to `next` with sockets made from `options`.
    void Setup(uint16_t port, const ns3::Address& next, const TcpSocketOptions& options);

    /// Bytes written to outbound connections so far.
    std::uint64_t BytesRelayed() const
    {
        return m_relayed;
    }

  protected:
    void DoDispose() override;

  private:
    struct Splice
    {
        ns3::Ptr<ns3::Socket> in;
        ns3::Ptr<ns3::Socket> out;
        bool outConnected = false;
        bool inClosed = false;
        bool outClosed = false;
    };

    void StartApplication() override;
    void StopApplication() override;
    void Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
    /// The splice `socket` belongs to (inbound or outbound side).
    size_t Find(ns3::Ptr<ns3::Socket> socket) const;
    void InboundData(ns3::Ptr<ns3::Socket> socket);
    void InboundClosed(ns3::Ptr<ns3::Socket> socket);
    void OutboundConnected(ns3::Ptr<ns3::Socket> socket);
    void OutboundFailed(ns3::Ptr<ns3::Socket> socket);
    void OutboundRoom(ns3::Ptr<ns3::Socket> socket, uint32_t available);
    /// Moves what the outbound send buffer can take from the inbound connection of splice `i`.
    void Pump(size_t i);

    uint16_t m_port = 9;
    ns3::Address m_next;
    TcpSocketOptions m_options;
    ns3::Ptr<ns3::Socket> m_listener;
    std::vector<Splice> m_splices;
    std::uint64_t m_relayed = 0;
};

} // namespace sagin

#endif
