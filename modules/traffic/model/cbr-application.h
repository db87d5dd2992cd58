// Constant-bit-rate UDP: a CbrSource sends numbered packets at a fixed rate; a CbrSink records
// each packet's one-way delay and latency breakdown (LatencyTag).
#ifndef SAGIN_TRAFFIC_CBR_APPLICATION_H
#define SAGIN_TRAFFIC_CBR_APPLICATION_H

#include "net/model/latency-tag.h"

#include <ns3/application.h>
#include <ns3/data-rate.h>
#include <ns3/ipv4-address.h>
#include <ns3/socket.h>

#include <array>
#include <cstdint>
#include <vector>

namespace sagin
{

struct PacketRecord
{
    std::uint32_t seq = 0;
    std::int64_t sentNs = 0;
    std::int64_t receivedNs = -1; ///< -1: lost
    std::array<std::int64_t, kLatencyCategoryCount> breakdownNs{};
};

class CbrSink : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    CbrSink();

    /// One record per packet the source sent (filled in at the end from the source's count).
    const std::vector<PacketRecord>& Records() const
    {
        return m_records;
    }

    void SetExpected(std::uint32_t sent);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(ns3::Ptr<ns3::Socket> socket);

    uint16_t m_port = 9;
    ns3::Ptr<ns3::Socket> m_socket;
    std::vector<PacketRecord> m_records;
};

class CbrSource : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    CbrSource();

    void SetRemote(ns3::Ipv4Address address, uint16_t port);
    std::uint32_t Sent() const
    {
        return m_sent;
    }

    /// Send time of packet `seq`.
    std::int64_t SentAt(std::uint32_t seq) const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendPacket();

    ns3::Ipv4Address m_remote;
    uint16_t m_port = 9;
    ns3::DataRate m_rate;
    uint32_t m_size = 1000;
    ns3::Ptr<ns3::Socket> m_socket;
    ns3::EventId m_next;
    std::uint32_t m_sent = 0;
    std::int64_t m_firstNs = 0;
    std::int64_t m_gapNs = 0;
};

} // namespace sagin

#endif
