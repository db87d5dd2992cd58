// TCP bulk transfer: a TcpBulkSender writes as much as its send buffer takes (up to a byte
// budget) to one TCP connection; a TcpBulkSink accepts connections, reads everything and counts
// the bytes, and measures goodput over a time window. Both create their sockets with the
// flow's TcpSocketOptions (segment size, buffers, initial window, congestion control) before
// connecting or listening, which ns-3's BulkSend and PacketSink do not allow.
#ifndef SAGIN_TRAFFIC_TCP_BULK_H
#define SAGIN_TRAFFIC_TCP_BULK_H

#include <cstdint>
#include <list>
#include <ns3/address.h>
#include <ns3/application.h>
#include <ns3/nstime.h>
#include <ns3/socket.h>
#include <ns3/type-id.h>
#include <string>

namespace sagin
{

/// The settings of every socket of one TCP flow (sender, receiver, proxy legs).
struct TcpSocketOptions
{
    std::string congestionControl
        = "TcpNewReno";                     ///< an ns-3 TcpCongestionOps type, without "ns3::"
    std::uint32_t segmentBytes = 1448;      ///< ns3::TcpSocket::SegmentSize (MSS, payload bytes)
    std::uint32_t sndBufBytes = 8u << 20;   ///< ns3::TcpSocket::SndBufSize
    std::uint32_t rcvBufBytes = 8u << 20;   ///< ns3::TcpSocket::RcvBufSize
    std::uint32_t initialCwndSegments = 10; ///< ns3::TcpSocket::InitialCwnd
};

/// A TCP socket on `node` with congestion control and the options applied; the socket is still
/// closed (options such as the segment size cannot change once it connects).
ns3::Ptr<ns3::Socket> CreateTcpSocket(ns3::Ptr<ns3::Node> node, const TcpSocketOptions& options);

class TcpBulkSender : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    TcpBulkSender();

    void Setup(const ns3::Address& remote, const TcpSocketOptions& options, std::uint64_t maxBytes);

    std::uint64_t BytesWritten() const
    {
        return m_written;
    }

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void Connected(ns3::Ptr<ns3::Socket> socket);
    void ConnectionFailed(ns3::Ptr<ns3::Socket> socket);
    void Write(ns3::Ptr<ns3::Socket> socket, uint32_t available);

    ns3::Address m_remote;
    TcpSocketOptions m_options;
    std::uint64_t m_maxBytes = 0; ///< 0: no limit
    std::uint64_t m_written = 0;
    bool m_connected = false;
    bool m_closed = false;
    ns3::Ptr<ns3::Socket> m_socket;
};

class TcpBulkSink : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    TcpBulkSink();

    void Setup(uint16_t port, const TcpSocketOptions& options);
    /// Goodput is counted over [from, until] (simulation times); call before the run.
    void SetMeasurementWindow(ns3::Time from, ns3::Time until);

    std::uint64_t TotalRx() const
    {
        return m_rx;
    }

    /// Bytes received between the window's start and end, x 8 / its length (bit/s); 0 without
    /// a window.
    double Goodput_bps() const;
    /// Whether the measurement window is not empty (a flow that starts after the run ends, or
    /// after its own stop, has none: its goodput is no data, not 0).
    bool HasMeasurementWindow() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
    void Read(ns3::Ptr<ns3::Socket> socket);
    void Mark(bool start);

    uint16_t m_port = 9;
    TcpSocketOptions m_options;
    ns3::Ptr<ns3::Socket> m_listener;
    std::list<ns3::Ptr<ns3::Socket>> m_accepted;
    std::uint64_t m_rx = 0;
    ns3::Time m_from;
    ns3::Time m_until;
    std::uint64_t m_rxAtFrom = 0;
    std::uint64_t m_rxAtUntil = 0;
    bool m_untilReached = false;
};

} // namespace sagin

#endif
