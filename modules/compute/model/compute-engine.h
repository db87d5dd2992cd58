// Compute tasks over the simulated network: every client of a service sends tasks as a Poisson
// process; each task is placed on a host when it is created (the standard's placement), its
// request travels client -> (user-plane anchor ->) host as UDP datagrams routed like any
// traffic, waits and is served there (ComputeServer), and its response travels back the same
// way. A task stays on its host for its whole life: when the client's serving satellite or the
// host satellite moves, the response takes the path of that moment (the path grows). With
// sessions (ServicePlacement.continuity) a client's tasks go to its session's host, which may
// move (its state sent to the new host, which holds the session's requests until the state has
// arrived). An Earth-observation service's tasks are captures of its
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

/// What a compute datagram carries (its header's kind).
enum class ComputeMessage : std::uint32_t
{
    Request = 0,  ///< client (or capturing satellite) -> host
    Response = 1, ///< host -> client (or destination)
    State = 2     ///< a session's state -> its new host
};

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
        ComputeMessage kind, std::uint64_t task, std::uint32_t bytes, int nextNode, int finalNode);

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
    int source = -1;  ///< the (service, client) arrival process, and its session
    int host = -1;    ///< index into ComputePlan::hosts (-1: not placed)
    int anchor = -1;  ///< world node of the user-plane anchor (-1: none, onboard UPF)
    std::int64_t createdNs = 0;
    std::int64_t requestArrivedNs = -1;
    /// Given to the server: the request's arrival, or its session's state's when held for it.
    std::int64_t readyNs = -1;
    std::int64_t startNs = -1;
    std::int64_t endNs = -1;
    std::int64_t doneNs = -1;
    std::uint32_t requestSegments = 0;  ///< received at the host
    std::uint32_t responseSegments = 0; ///< received at the client
    std::uint32_t stateSegments = 0;    ///< of the session state this task's move sent
    bool arrivedUnpowered = false;      ///< given to a host at rate factor 0
    /// The session move this task triggered (its request goes to the session's new host).
    enum class Move : std::uint8_t
    {
        None,
        Migrated, ///< state sent by the old host
        Replaced  ///< state (if any) sent by the client
    } move = Move::None;
    bool stateSent = false;    ///< the move sent a state
    bool stateArrived = false; ///< and all of it reached the new host in time
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
    void SegmentArrived(ComputeMessage kind, std::uint64_t task, std::uint32_t segments);

  private:
    void Arrival(int service, int client, int k);
    /// True when the satellite's sub-satellite point is inside the service's region now.
    bool OverRegion(int service, int client) const;
    void Place(std::uint64_t id);
    /// Routed latency (s) of task t's messages there and back through host h (index into the
    /// plan's hosts) and the anchor (-1: none) at this update; < 0 when a leg is unreachable.
    double RoundTrip(const ComputeTask& t, int anchor, int host) const;
    /// The request (or capture) is at its host: to the server, or held for its session's state.
    void RequestAtHost(std::uint64_t id, std::int64_t now);
    /// To the server.
    void Release(std::uint64_t id, std::int64_t now);
    /// The last byte of the state a task's move sent is at the session's new host.
    void StateArrived(std::uint64_t id, std::int64_t now);
    /// The state timeout of the move task `id` sent: ends its session if still waiting.
    void StateTimeout(std::uint64_t id);
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
    /// A client's session with a service (ServicePlacement.continuity), per source.
    struct Session
    {
        int host = -1;                   ///< index into the plan's hosts; -1: none yet
        std::int64_t moving = -1;        ///< task whose state is in flight; -1: none
        std::vector<std::uint64_t> held; ///< requests at the host waiting for the state
    };
    std::vector<Session> m_sessions; ///< per source
    std::vector<ComputeTask> m_tasks;
};

} // namespace sagin

#endif
