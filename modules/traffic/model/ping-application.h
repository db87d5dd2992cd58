// Ping probes over UDP. A PingClient sends numbered probes at a fixed interval to a PingEcho,
// which answers each with the time it received it and the forward packet's latency breakdown;
// the client records, for every probe, the one-way delay in each direction, the round trip and
// both breakdowns (LatencyTag). Unanswered probes are losses.
#ifndef SAGIN_TRAFFIC_PING_APPLICATION_H
#define SAGIN_TRAFFIC_PING_APPLICATION_H

#include "net/model/latency-tag.h"

#include <ns3/application.h>
#include <ns3/ipv4-address.h>
#include <ns3/nstime.h>
#include <ns3/socket.h>

#include <array>
#include <cstdint>
#include <vector>

namespace sagin
{

struct ProbeRecord
{
    std::uint32_t seq = 0;
    std::int64_t sentNs = 0;       ///< client send time
    std::int64_t echoNs = -1;      ///< arrival at the echo (-1: lost on the way)
    std::int64_t receivedNs = -1;  ///< arrival back at the client (-1: lost)
    std::array<std::int64_t, kLatencyCategoryCount> forwardNs{};
    std::array<std::int64_t, kLatencyCategoryCount> returnNs{};

    bool Answered() const
    {
        return receivedNs >= 0;
    }
};

class PingEcho : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    PingEcho();

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(ns3::Ptr<ns3::Socket> socket);

    uint16_t m_port = 7;
    ns3::Ptr<ns3::Socket> m_socket;
};

class PingClient : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    PingClient();

    void SetRemote(ns3::Ipv4Address address, uint16_t port);
    const std::vector<ProbeRecord>& Records() const
    {
        return m_records;
    }

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendProbe();
    void HandleRead(ns3::Ptr<ns3::Socket> socket);

    ns3::Ipv4Address m_remote;
    uint16_t m_port = 7;
    ns3::Time m_interval;
    uint32_t m_size = 64;
    uint32_t m_count = 0; ///< 0: until the application stops
    ns3::Ptr<ns3::Socket> m_socket;
    ns3::EventId m_next;
    std::vector<ProbeRecord> m_records;
};

} // namespace sagin

#endif
