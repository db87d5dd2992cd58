// Compute tasks over the simulated network: every client of a service sends tasks as a Poisson
// process; each task is placed on a host when it is created (the standard's placement), its
// request travels client -> (user-plane anchor ->) host as UDP datagrams routed like any
// traffic, waits and is served there (ComputeServer), and its response travels back the same
// way. A task stays on its host for its whole life: when the client's serving satellite or the
// host satellite moves, the response takes the path of that moment (the path grows); migration
// and re-placement are not modelled. An Earth-observation service's tasks are captures of its
// satellites while over its region: processed on board (no request) or on a host the raw data
// is sent to, the product then sent to the service's ground destination.
#ifndef SAGIN_COMPUTE_COMPUTE_ENGINE_H
#define SAGIN_COMPUTE_COMPUTE_ENGINE_H

#include "compute/model/compute-server.h"
#include "net/helper/sagin-network.h"
#include "orbit/model/power-budget.h"
#include "sagin/v1/result.pb.h"
#include "scenario/model/compute-plan.h"

#include <cstdint>
#include <memory>
#include <ns3/application.h>
#include <ns3/random-variable-stream.h>
#include <ns3/socket.h>
#include <ostream>
#include <vector>

namespace sagin
{

class ComputeEngine;

/// The UDP endpoint of compute traffic on one node: a client, a user-plane anchor (which
/// relays) or a host.
class ComputeAgent : public ns3::Application
{
  public:
    static ns3::TypeId GetTypeId();
    ComputeAgent() = default;
    void Setup(ComputeEngine* engine, int worldNode);
    /// Sends `bytes` (segmented) of task `task` toward `finalNode`, first to `nextNode`.
    void SendMessage(
        bool response, std::uint64_t task, std::uint32_t bytes, int nextNode, int finalNode);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(ns3::Ptr<ns3::Socket> socket);

    ComputeEngine* m_engine = nullptr;
    int m_node = -1;
    ns3::Ptr<ns3::Socket> m_socket;
};

/// One task's life (times in ns; -1: not reached).
struct ComputeTask
{
    int service = -1; ///< index into ComputePlan::services
    int client = -1;  ///< world node
    int host = -1;    ///< index into ComputePlan::hosts (-1: not placed)
    int anchor = -1;  ///< world node of the user-plane anchor (-1: none, onboard UPF)
    std::int64_t createdNs = 0;
    std::int64_t requestArrivedNs = -1;
    std::int64_t startNs = -1;
    std::int64_t endNs = -1;
    std::int64_t doneNs = -1;
    std::uint32_t requestSegments = 0;  ///< received at the host
    std::uint32_t responseSegments = 0; ///< received at the client
    bool arrivedUnpowered = false;      ///< the request reached a host at rate factor 0
    /// Bytes of the task's datagrams (IPv4 packets) sent over feeder links, per crossing.
    std::uint64_t feederBytes = 0;
    enum class Drop : std::uint8_t
    {
        None,
        QueueFull,
        NoServer,
        NoRoute
    } drop = Drop::None;
};

class ComputeEngine
{
  public:
    ComputeEngine(SaginNetwork& net,
                  const World& world,
                  ComputePlan plan,
                  std::vector<ServicePlacementPlan> placement,
                  bool onboardUpf,
                  double warmup_s,
                  double duration_s,
                  double end_s);

    /// The world nodes compute traffic needs forwarding state toward: clients, hosts, and with
    /// a ground user plane every gateway, base station and core site.
    static std::vector<int> Destinations(const World& world,
                                         const ComputePlan& plan,
                                         bool onboardUpf);

    /// Installs the agents and schedules the arrivals (after SaginNetwork::Install); plans the
    /// power budget of every host with a power system over [0, end_s] (its eclipses from its
    /// trajectory) and gives its server the rate factor of that budget.
    void Install(std::int64_t stream);

    /// The power budget of a host (index into the plan's hosts); no segments without a power
    /// system.
    const PowerSchedule& Power(int host) const
    {
        return m_power[host];
    }

    /// The compute of a host (index into the plan's hosts).
    ComputeServer& Server(int host)
    {
        return *m_servers[host];
    }

    const std::vector<ComputeTask>& Tasks() const
    {
        return m_tasks;
    }

    /// Fills the summary (call before Simulator::Destroy, at the end of the run).
    void Fill(v1::ComputeSummary& out) const;

    /// compute.csv: one row per task, warm-up included (README "Computing in the network").
    void WriteCsv(std::ostream& out) const;

    // Called by the agents.
    ns3::Ipv4Address AddressOf(int node) const;
    void SegmentArrived(int node, bool response, std::uint64_t task, std::uint32_t segments);

  private:
    void Arrival(int service, int client, int k);
    /// True when the satellite's sub-satellite point is inside the service's region now.
    bool OverRegion(int service, int client) const;
    void Place(std::uint64_t id);
    /// The request (or capture) is at its host: to the server.
    void RequestAtHost(std::uint64_t id, std::int64_t now);
    /// A datagram starts on a link (SaginNetDevice LinkTxBegin): counts feeder bytes.
    void LinkTx(ns3::Ptr<const ns3::Packet> packet, int linkKind);
    int AnchorOf(int client) const;
    /// Routed one-way latency (s) a -> b at this update; < 0 when unreachable.
    double Latency(int a, int b) const;
    void Served(std::uint64_t task, std::int64_t startNs, std::int64_t endNs);
    /// The power summary of the hosts with a power system, over [warm-up, duration].
    void FillPower(v1::ComputeSummary& out) const;

    SaginNetwork& m_net;
    const World& m_world;
    ComputePlan m_plan;
    std::vector<ServicePlacementPlan> m_placement;
    bool m_onboardUpf;
    double m_warmup_s;
    double m_duration_s;
    double m_end_s;                               ///< end of the simulation (duration + drain)
    std::vector<PowerSchedule> m_power;           ///< per host
    std::vector<ns3::Ptr<ComputeAgent>> m_agents; ///< per world node (null: none)
    std::vector<std::unique_ptr<ComputeServer>> m_servers;
    std::vector<int> m_upfTarget; ///< per world node: the ground site its user plane heads for
    struct Source
    {
        int service;
        int client;
        ns3::Ptr<ns3::ExponentialRandomVariable> gap;
    };
    std::vector<Source> m_sources;
    std::vector<ComputeTask> m_tasks;
};

} // namespace sagin

#endif
