// Constant-bit-rate UDP: a CbrSource sends numbered packets at a fixed rate, or (FileBytes > 0)
// files arriving as a Poisson process, each sent at once as a burst of packets (3GPP FTP model 3);
// a CbrSink records each packet's one-way delay and latency breakdown (LatencyTag).
#ifndef SAGIN_TRAFFIC_CBR_APPLICATION_H
#define SAGIN_TRAFFIC_CBR_APPLICATION_H

#include "net/model/latency-tag.h"

#include <array>
#include <cstdint>
#include <ns3/application.h>
#include <ns3/data-rate.h>
#include <ns3/ipv4-address.h>
#include <ns3/random-variable-stream.h>
#include <ns3/socket.h>
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

    /// The stream of the file arrivals (FileBytes > 0); returns the number of streams used (1).
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendPacket();
    void SendOne(std::int64_t now);
    void SendFile();

    /// FileBytes > 0: files arrive with exponential gaps of mean 1 / FileRate.
    std::uint64_t m_fileBytes = 0;
    double m_fileRate = 1.0;
    ns3::Ptr<ns3::ExponentialRandomVariable> m_fileGap;
    std::vector<std::int64_t> m_sentNs; ///< file mode: each packet's send time

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
