#include "compute/model/compute-engine.h"

#include "core/model/geodesy.h"
#include "core/model/payload-fields.h"
#include "core/model/text-format.h"
#include "metrics/model/statistics.h"
#include "net/model/sagin-net-device.h"
#include "orbit/model/sun-eclipse.h"
#include "routing/model/link-kind.h"
#include "scenario/model/site-sets.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <ns3/double.h>
#include <ns3/inet-socket-address.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/tag.h>
#include <ns3/udp-socket-factory.h>

namespace sagin
{

NS_OBJECT_ENSURE_REGISTERED(ComputeAgent);

namespace
{

constexpr std::uint16_t kComputePort = 9100;
constexpr std::uint32_t kMagic = 0x53474e43; // "SGNC"
// Datagram header: magic, kind (ComputeMessage), task, segments of the message, final world
// node.
constexpr std::size_t kHeader = 4 + 4 + 8 + 4 + 4;

using payload::Get;
using payload::Put;

std::uint32_t
Segments(std::uint32_t bytes)
{
    return std::max<std::uint32_t>(1, (bytes + kComputeSegment_bytes - 1) / kComputeSegment_bytes);
}

bool
IsAnchorRole(v1::Node::Role r)
{
    return r == v1::Node::GW || r == v1::Node::BS || r == v1::Node::CORE;
}

/// The shadow intervals of [0, end_s], with an eclipse under way at either end followed to its
/// start or end (SPREAD and FULL_RATE_FIRST budget an eclipse by its whole length), searched an
/// hour at a time up to a day beyond the span.
std::vector<ShadowInterval>
WholeEclipses(const Trajectory& trajectory,
              const SunEphemeris& sun,
              double end_s,
              ShadowBoundary boundary)
{
    constexpr double kChunk_s = 3600.0;
    constexpr double kFollow_s = 86400.0;
    auto v = ShadowIntervals(trajectory, sun, 0.0, end_s, boundary);
    for (double a = 0.0; !v.empty() && v.front().beginsAtSpanStart && a > -kFollow_s; a -= kChunk_s)
    {
        const auto before = ShadowIntervals(trajectory, sun, a - kChunk_s, a, boundary);
        if (before.empty() || !before.back().endsAtSpanEnd)
        {
            break; // the eclipse began at a (to the search's tolerance)
        }
        v.front().begin_s = before.back().begin_s;
        v.front().beginsAtSpanStart = before.back().beginsAtSpanStart;
    }
    for (double b = end_s; !v.empty() && v.back().endsAtSpanEnd && b < end_s + kFollow_s;
         b += kChunk_s)
    {
        const auto after = ShadowIntervals(trajectory, sun, b, b + kChunk_s, boundary);
        if (after.empty() || !after.front().beginsAtSpanStart)
        {
            break;
        }
        v.back().end_s = after.front().end_s;
        v.back().endsAtSpanEnd = after.front().endsAtSpanEnd;
    }
    return v;
}

/// The task a compute datagram belongs to, carried as a packet tag (so the devices' traces can
/// tell compute datagrams and their tasks without parsing them).
class ComputeTaskTag : public ns3::Tag
{
  public:
    ComputeTaskTag() = default;

    explicit ComputeTaskTag(std::uint64_t task)
        : m_task(task)
    {
    }

    static ns3::TypeId GetTypeId()
    {
        static ns3::TypeId tid = ns3::TypeId("sagin::ComputeTaskTag")
                                     .SetParent<ns3::Tag>()
                                     .SetGroupName("Sagin")
                                     .AddConstructor<ComputeTaskTag>();
        return tid;
    }

    ns3::TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return 8;
    }

    void Serialize(ns3::TagBuffer i) const override
    {
        i.WriteU64(m_task);
    }

    void Deserialize(ns3::TagBuffer i) override
    {
        m_task = i.ReadU64();
    }

    void Print(std::ostream& os) const override
    {
        os << "task=" << m_task;
    }

    std::uint64_t Task() const
    {
        return m_task;
    }

  private:
    std::uint64_t m_task = 0;
};

} // namespace

ns3::TypeId
ComputeAgent::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::ComputeAgent")
                                 .SetParent<ns3::Application>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<ComputeAgent>();
    return tid;
}

void
ComputeAgent::Setup(ComputeEngine* engine, int worldNode)
{
    m_engine = engine;
    m_node = worldNode;
}

void
ComputeAgent::DoDispose()
{
    m_socket = nullptr;
    ns3::Application::DoDispose();
}

void
ComputeAgent::StartApplication()
{
    m_socket = ns3::Socket::CreateSocket(GetNode(), ns3::UdpSocketFactory::GetTypeId());
    m_socket->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), kComputePort));
    m_socket->SetRecvCallback(ns3::MakeCallback(&ComputeAgent::HandleRead, this));
}

void
ComputeAgent::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    }
}

void
ComputeAgent::SendMessage(
    ComputeMessage kind, std::uint64_t task, std::uint32_t bytes, int nextNode, int finalNode)
{
    const std::uint32_t segments = Segments(bytes);
    std::uint32_t left = bytes;
    for (std::uint32_t s = 0; s < segments; ++s)
    {
        const std::uint32_t size = std::min(left, kComputeSegment_bytes);
        left -= size;
        std::vector<uint8_t> b(std::max<std::size_t>(size, kHeader), 0);
        Put<std::uint32_t>(b, 0, kMagic);
        Put<std::uint32_t>(b, 4, static_cast<std::uint32_t>(kind));
        Put<std::uint64_t>(b, 8, task);
        Put<std::uint32_t>(b, 16, segments);
        Put<std::int32_t>(b, 20, finalNode);
        auto packet = ns3::Create<ns3::Packet>(b.data(), b.size());
        packet->AddPacketTag(ComputeTaskTag(task));
        m_socket->SendTo(
            packet, 0, ns3::InetSocketAddress(m_engine->AddressOf(nextNode), kComputePort));
    }
}

void
ComputeAgent::HandleRead(ns3::Ptr<ns3::Socket> socket)
{
    ns3::Address from;
    while (ns3::Ptr<ns3::Packet> p = socket->RecvFrom(from))
    {
        if (p->GetSize() < kHeader)
        {
            continue;
        }
        std::vector<uint8_t> in(p->GetSize());
        p->CopyData(in.data(), in.size());
        if (Get<std::uint32_t>(in, 0) != kMagic)
        {
            continue;
        }
        const auto kind = Get<std::uint32_t>(in, 4);
        if (kind > static_cast<std::uint32_t>(ComputeMessage::State))
        {
            continue;
        }
        const auto task = Get<std::uint64_t>(in, 8);
        const auto segments = Get<std::uint32_t>(in, 16);
        const auto finalNode = Get<std::int32_t>(in, 20);
        if (finalNode != m_node)
        {
            // A user-plane anchor: the datagram goes on to its final node as it is.
            auto packet = ns3::Create<ns3::Packet>(in.data(), in.size());
            packet->AddPacketTag(ComputeTaskTag(task));
            m_socket->SendTo(
                packet, 0, ns3::InetSocketAddress(m_engine->AddressOf(finalNode), kComputePort));
            continue;
        }
        m_engine->SegmentArrived(static_cast<ComputeMessage>(kind), task, segments);
    }
}

ComputeEngine::ComputeEngine(SaginNetwork& net,
                             const World& world,
                             ComputePlan plan,
                             std::vector<ServicePlacementPlan> placement,
                             bool onboardUpf,
                             double warmup_s,
                             double duration_s,
                             double end_s)
    : m_net(net)
    , m_world(world)
    , m_plan(std::move(plan))
    , m_placement(std::move(placement))
    , m_onboardUpf(onboardUpf)
    , m_warmup_s(warmup_s)
    , m_duration_s(duration_s)
    , m_end_s(end_s)
{
    const auto& nodes = m_world.Nodes();
    m_upfTarget.assign(nodes.size(), -1);
    if (!m_onboardUpf)
    {
        // The user plane heads for the nearest core site (geodesic), else the nearest gateway.
        for (const auto& s : m_plan.services)
        {
            if (s.earthObservation)
            {
                continue; // captures are the operator's data, not a terminal's user plane
            }
            for (int c : s.clients)
            {
                for (v1::Node::Role role : {v1::Node::CORE, v1::Node::GW})
                {
                    double best = std::numeric_limits<double>::infinity();
                    for (size_t n = 0; n < nodes.size(); ++n)
                    {
                        if (nodes[n].role != role || static_cast<int>(n) == c)
                        {
                            continue;
                        }
                        const double d = GeodesicDistance(nodes[c].site.lat_deg,
                                                          nodes[c].site.lon_deg,
                                                          nodes[n].site.lat_deg,
                                                          nodes[n].site.lon_deg);
                        if (d < best)
                        {
                            best = d;
                            m_upfTarget[c] = static_cast<int>(n);
                        }
                    }
                    if (m_upfTarget[c] >= 0)
                    {
                        break;
                    }
                }
            }
        }
    }
    for (const auto& h : m_plan.hosts)
    {
        m_servers.push_back(std::make_unique<ComputeServer>(h.servers, h.queueLimit));
    }
    m_power.resize(m_plan.hosts.size());
}

std::vector<int>
ComputeEngine::Destinations(const World& world, const ComputePlan& plan, bool onboardUpf)
{
    std::vector<char> need(world.Nodes().size(), 0);
    for (const auto& s : plan.services)
    {
        if (s.earthObservation)
        {
            // Nothing is sent to a capturing satellite: its products go to the destination.
            if (s.destination >= 0)
            {
                need[s.destination] = 1;
            }
            continue;
        }
        for (int c : s.clients)
        {
            need[c] = 1;
        }
    }
    for (const auto& h : plan.hosts)
    {
        need[h.node] = 1;
    }
    for (size_t n = 0; n < need.size(); ++n)
    {
        if (!onboardUpf && IsAnchorRole(world.Nodes()[n].role))
        {
            need[n] = 1;
        }
    }
    std::vector<int> out;
    for (size_t n = 0; n < need.size(); ++n)
    {
        if (need[n])
        {
            out.push_back(static_cast<int>(n));
        }
    }
    return out;
}

ns3::Ipv4Address
ComputeEngine::AddressOf(int node) const
{
    return m_net.Address(node);
}

void
ComputeEngine::Install(std::int64_t stream)
{
    if (m_plan.Empty())
    {
        return;
    }
    const auto& nodes = m_world.Nodes();
    m_agents.assign(nodes.size(), nullptr);
    std::vector<int> agents = Destinations(m_world, m_plan, m_onboardUpf);
    for (const auto& s : m_plan.services)
    {
        if (s.earthObservation)
        {
            agents.insert(agents.end(), s.clients.begin(), s.clients.end());
        }
    }
    std::sort(agents.begin(), agents.end());
    agents.erase(std::unique(agents.begin(), agents.end()), agents.end());
    for (int n : agents)
    {
        auto agent = ns3::CreateObject<ComputeAgent>();
        agent->Setup(this, n);
        m_net.Node(n)->AddApplication(agent);
        agent->SetStartTime(ns3::Seconds(0.0));
        m_agents[n] = agent;
    }
    // Feeder volume: every device of the nodes at either end of a feeder link.
    for (size_t n = 0; n < nodes.size(); ++n)
    {
        if (nodes[n].role != v1::Node::SAT && nodes[n].role != v1::Node::GW)
        {
            continue;
        }
        const ns3::Ptr<ns3::Node> node = m_net.Node(static_cast<int>(n));
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            if (auto dev = ns3::DynamicCast<SaginNetDevice>(node->GetDevice(d)))
            {
                dev->TraceConnectWithoutContext("LinkTxBegin",
                                                ns3::MakeCallback(&ComputeEngine::LinkTx, this));
            }
        }
    }
    std::unique_ptr<SunEphemeris> sun;
    for (size_t h = 0; h < m_servers.size(); ++h)
    {
        m_servers[h]->SetStream(stream++);
        const ComputeHost& host = m_plan.hosts[h];
        if (!host.hasPower)
        {
            continue;
        }
        // The satellite's power budget over the whole simulation, once: its eclipses from its
        // trajectory, then the rate factor of every span (docs/models.md, "Power budget of
        // in-orbit compute").
        if (!sun)
        {
            sun = std::make_unique<SunEphemeris>(m_world.Earth());
        }
        const auto eclipses
            = WholeEclipses(*nodes[host.node].trajectory, *sun, m_end_s, host.shadow);
        // The battery is full at the start of the plan: t = 0, or the start of an eclipse under
        // way at t = 0 (full at the end of the sunlight before it).
        const double t0 = eclipses.empty() ? 0.0 : std::min(0.0, eclipses.front().begin_s);
        const double t1 = eclipses.empty() ? m_end_s : std::max(m_end_s, eclipses.back().end_s);
        m_power[h] = PlanComputePower(host.power, eclipses, t0, t1, host.eclipsePolicy);
        std::vector<ComputeServer::RateStep> steps;
        for (const auto& seg : m_power[h].segments)
        {
            steps.push_back({seg.begin_s, seg.rateFactor});
        }
        m_servers[h]->SetRateFactor(std::move(steps));
    }
    for (size_t s = 0; s < m_plan.services.size(); ++s)
    {
        const auto& sp = m_plan.services[s];
        for (int c : sp.clients)
        {
            Source src{static_cast<int>(s), c, ns3::CreateObject<ns3::ExponentialRandomVariable>()};
            src.gap->SetAttribute("Mean", ns3::DoubleValue(1.0 / sp.rate_per_s));
            src.gap->SetStream(stream++);
            m_sources.push_back(src);
            m_sessions.emplace_back();
            const int k = static_cast<int>(m_sources.size()) - 1;
            const double first = sp.start_s + m_sources[k].gap->GetValue();
            if (first < sp.stop_s)
            {
                const int service = static_cast<int>(s);
                ns3::Simulator::Schedule(ns3::Seconds(first),
                                         [this, service, c, k]()
                                         {
                                             Arrival(service, c, k);
                                         });
            }
        }
    }
}

bool
ComputeEngine::OverRegion(int service, int client) const
{
    const Geodetic g = EcefToGeodetic(
        m_world.Nodes()[client].trajectory->PositionAt(ns3::Simulator::Now().GetSeconds()));
    return InRegion(m_plan.services[service].region, g.lat_deg, g.lon_deg);
}

void
ComputeEngine::Arrival(int service, int client, int k)
{
    const auto& sp = m_plan.services[service];
    // A capture of an Earth-observation satellite happens only over the region: the Poisson
    // process thinned to the times inside it is a Poisson process of the same rate there.
    if (!sp.earthObservation || OverRegion(service, client))
    {
        ComputeTask t;
        t.service = service;
        t.client = client;
        t.source = k;
        t.createdNs = ns3::Simulator::Now().GetNanoSeconds();
        m_tasks.push_back(t);
        Place(m_tasks.size() - 1);
    }
    const double next = ns3::Simulator::Now().GetSeconds() + m_sources[k].gap->GetValue();
    if (next < sp.stop_s)
    {
        ns3::Simulator::Schedule(ns3::Seconds(next) - ns3::Simulator::Now(),
                                 [this, service, client, k]()
                                 {
                                     Arrival(service, client, k);
                                 });
    }
}

double
ComputeEngine::Latency(int a, int b) const
{
    if (a == b)
    {
        return 0.0;
    }
    const PathResult r = m_net.State()->Controller().Path(a, b);
    return r.reachable ? r.Latency() : -1.0;
}

int
ComputeEngine::AnchorOf(int client) const
{
    const int target = m_upfTarget[client];
    if (target < 0)
    {
        return -1;
    }
    const PathResult r = m_net.State()->Controller().Path(client, target);
    if (!r.reachable)
    {
        return -2;
    }
    for (size_t i = 1; i < r.nodes.size(); ++i)
    {
        if (IsAnchorRole(m_world.Nodes()[r.nodes[i]].role))
        {
            return r.nodes[i];
        }
    }
    return target;
}

double
ComputeEngine::RoundTrip(const ComputeTask& t, int anchor, int host) const
{
    const int node = m_plan.hosts[host].node;
    const ComputeServicePlan& sp = m_plan.services[t.service];
    // Earth observation: the raw data to the host (none on board), the product on to the
    // destination.
    const std::vector<std::pair<int, int>> legs
        = sp.earthObservation
              ? std::vector<std::pair<int, int>>{{t.client, node}, {node, sp.destination}}
          : anchor >= 0 ? std::vector<std::pair<int, int>>{{t.client, anchor},
                                                           {anchor, node},
                                                           {node, anchor},
                                                           {anchor, t.client}}
                        : std::vector<std::pair<int, int>>{{t.client, node}, {node, t.client}};
    double latency = 0.0;
    for (const auto& [a, b] : legs)
    {
        const double l = Latency(a, b);
        if (l < 0.0)
        {
            return -1.0;
        }
        latency += l;
    }
    return latency;
}

void
ComputeEngine::Place(std::uint64_t id)
{
    ComputeTask& t = m_tasks[id];
    const ServicePlacementPlan& p = m_placement[t.service];
    if (p.hosts.empty())
    {
        t.drop = ComputeTask::Drop::NoServer;
        return;
    }
    const ComputeServicePlan& sp = m_plan.services[t.service];
    int anchor = -1;
    if (!m_onboardUpf && !sp.earthObservation)
    {
        anchor = AnchorOf(t.client);
        if (anchor == -2)
        {
            t.drop = ComputeTask::Drop::NoRoute;
            return;
        }
    }
    // Latency there and back through the anchor, per allowed host; the choice.
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    int best = -1;
    double bestLatency = 0.0;
    double bestLoad = 0.0;
    int candidates = 0;
    for (int h : p.hosts)
    {
        const int node = m_plan.hosts[h].node;
        if (sp.earthObservation && node != t.client && m_world.Nodes()[node].role == v1::Node::SAT)
        {
            continue; // a satellite processes its own captures only
        }
        ++candidates;
        const double latency = RoundTrip(t, anchor, h);
        if (latency < 0.0)
        {
            continue;
        }
        double load = 0.0;
        if (p.selection == v1::ServicePlacement::LEAST_LOADED)
        {
            const std::int64_t asOf
                = now - static_cast<std::int64_t>(std::llround(p.loadInfoAge_s * 1e9));
            load = m_servers[h]->LoadAt(asOf);
        }
        const bool better
            = best < 0 || load < bestLoad || (load == bestLoad && latency < bestLatency);
        if (better)
        {
            best = h;
            bestLatency = latency;
            bestLoad = load;
        }
    }
    // A session keeps its host, or moves (README "Computing in the network", "Sessions").
    Session* session
        = p.continuity == v1::ServicePlacement::PER_TASK ? nullptr : &m_sessions[t.source];
    int from = -1;
    if (session != nullptr && session->host >= 0)
    {
        const double current = RoundTrip(t, anchor, session->host);
        const bool wantsMove = p.continuity != v1::ServicePlacement::STAY && best >= 0
                               && best != session->host && bestLatency < current - p.moveGain_s;
        if (session->moving >= 0 || (current >= 0.0 && !wantsMove))
        {
            if (current < 0.0)
            {
                t.drop = ComputeTask::Drop::NoRoute; // its state is on the way to the host
                return;
            }
            best = session->host;
        }
        else if (best >= 0)
        {
            from = session->host;
            t.move = current < 0.0 || p.continuity == v1::ServicePlacement::REPLACE
                         ? ComputeTask::Move::Replaced
                         : ComputeTask::Move::Migrated;
        }
    }
    if (best < 0)
    {
        t.drop = candidates == 0 ? ComputeTask::Drop::NoServer : ComputeTask::Drop::NoRoute;
        return;
    }
    if (session != nullptr)
    {
        session->host = best; // a new session's state is made at its host by its first task
    }
    t.host = best;
    t.anchor = anchor;
    const int node = m_plan.hosts[best].node;
    if (sp.earthObservation && node == t.client)
    {
        // Processed on board the capturing satellite: no request to send.
        RequestAtHost(id, now);
        return;
    }
    const int toHost = anchor >= 0 && anchor != node ? anchor : node;
    m_agents[t.client]->SendMessage(ComputeMessage::Request, id, sp.request_bytes, toHost, node);
    if (t.move != ComputeTask::Move::None && sp.state_bytes > 0)
    {
        // The state goes to the new host: from the old one, or from the client right behind
        // the request. Until it is there, the new host holds the session's requests.
        t.stateSent = true;
        session->moving = static_cast<std::int64_t>(id);
        ns3::Simulator::Schedule(ns3::Seconds(p.stateTimeout_s),
                                 [this, id]()
                                 {
                                     StateTimeout(id);
                                 });
        if (t.move == ComputeTask::Move::Migrated)
        {
            m_agents[m_plan.hosts[from].node]->SendMessage(
                ComputeMessage::State, id, sp.state_bytes, node, node);
        }
        else
        {
            m_agents[t.client]->SendMessage(
                ComputeMessage::State, id, sp.state_bytes, toHost, node);
        }
    }
}

void
ComputeEngine::RequestAtHost(std::uint64_t id, std::int64_t now)
{
    ComputeTask& t = m_tasks[id];
    t.requestArrivedNs = now;
    if (t.source >= 0 && !m_sessions.empty())
    {
        Session& s = m_sessions[t.source];
        if (s.moving >= 0 && s.host == t.host)
        {
            s.held.push_back(id);
            return;
        }
    }
    Release(id, now);
}

void
ComputeEngine::StateArrived(std::uint64_t id, std::int64_t now)
{
    ComputeTask& t = m_tasks[id];
    Session& s = m_sessions[t.source];
    if (s.moving != static_cast<std::int64_t>(id))
    {
        return; // too late: the session ended when its timeout expired
    }
    t.stateArrived = true;
    s.moving = -1;
    const std::vector<std::uint64_t> held = std::move(s.held);
    s.held.clear();
    for (std::uint64_t h : held)
    {
        Release(h, now);
    }
}

void
ComputeEngine::StateTimeout(std::uint64_t id)
{
    Session& s = m_sessions[m_tasks[id].source];
    if (s.moving != static_cast<std::int64_t>(id))
    {
        return; // the state arrived
    }
    // The session ends without its state: the requests held for it are lost (never served),
    // and the client's next task starts a new session.
    s.moving = -1;
    s.held.clear();
    s.host = -1;
}

void
ComputeEngine::Release(std::uint64_t id, std::int64_t now)
{
    ComputeTask& t = m_tasks[id];
    t.readyNs = now;
    const ComputeHost& host = m_plan.hosts[t.host];
    t.arrivedUnpowered = host.hasPower && !(m_servers[t.host]->RateFactor(now * 1e-9) > 0.0);
    const auto& p = m_placement[t.service];
    const auto at = std::find(p.hosts.begin(), p.hosts.end(), t.host) - p.hosts.begin();
    const bool queued
        = m_servers[t.host]->Submit(id,
                                    p.mean_s[at],
                                    m_plan.services[t.service].deterministic,
                                    [this](std::uint64_t task, std::int64_t s, std::int64_t e)
                                    {
                                        Served(task, s, e);
                                    });
    if (!queued)
    {
        t.drop = ComputeTask::Drop::QueueFull;
    }
}

void
ComputeEngine::LinkTx(ns3::Ptr<const ns3::Packet> packet, int linkKind)
{
    if (linkKind != static_cast<int>(LinkKind::Feeder))
    {
        return;
    }
    ComputeTaskTag tag;
    if (packet->PeekPacketTag(tag) && tag.Task() < m_tasks.size())
    {
        m_tasks[tag.Task()].feederBytes += packet->GetSize();
    }
}

void
ComputeEngine::SegmentArrived(ComputeMessage kind, std::uint64_t id, std::uint32_t segments)
{
    if (id >= m_tasks.size())
    {
        return;
    }
    ComputeTask& t = m_tasks[id];
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    switch (kind)
    {
    case ComputeMessage::Request:
        if (++t.requestSegments == segments)
        {
            RequestAtHost(id, now);
        }
        break;
    case ComputeMessage::State:
        if (++t.stateSegments == segments)
        {
            StateArrived(id, now);
        }
        break;
    case ComputeMessage::Response:
        if (++t.responseSegments == segments)
        {
            t.doneNs = now;
        }
        break;
    }
}

void
ComputeEngine::Served(std::uint64_t id, std::int64_t startNs, std::int64_t endNs)
{
    ComputeTask& t = m_tasks[id];
    t.startNs = startNs;
    t.endNs = endNs;
    const int node = m_plan.hosts[t.host].node;
    const ComputeServicePlan& sp = m_plan.services[t.service];
    // The response goes back to the client; an Earth-observation product to the destination.
    const int target = sp.earthObservation ? sp.destination : t.client;
    if (sp.earthObservation && node == target)
    {
        t.doneNs = endNs; // processed at the destination: nothing to send
        return;
    }
    const int next = t.anchor >= 0 && t.anchor != node ? t.anchor : target;
    m_agents[node]->SendMessage(ComputeMessage::Response, id, sp.response_bytes, next, target);
}

namespace
{

struct Tally
{
    std::uint64_t tasks = 0;
    std::uint64_t completed = 0;
    std::vector<double> completion_ms;
    double up = 0, stateWait = 0, queue = 0, compute = 0, down = 0;
    std::uint64_t migrations = 0, replacements = 0, statesLost = 0;
    std::uint64_t deadlineTasks = 0;
    std::uint64_t missed = 0;
    std::uint64_t queueFull = 0, noServer = 0, noRoute = 0, lost = 0;
    std::uint64_t feederBytes = 0;

    void Add(const ComputeTask& t, double deadline_s)
    {
        ++tasks;
        feederBytes += t.feederBytes;
        migrations += t.move == ComputeTask::Move::Migrated ? 1 : 0;
        replacements += t.move == ComputeTask::Move::Replaced ? 1 : 0;
        statesLost += t.stateSent && !t.stateArrived ? 1 : 0;
        const bool done = t.doneNs >= 0;
        if (deadline_s > 0.0)
        {
            ++deadlineTasks;
            if (!done || (t.doneNs - t.createdNs) * 1e-9 > deadline_s)
            {
                ++missed;
            }
        }
        switch (t.drop)
        {
        case ComputeTask::Drop::QueueFull:
            ++queueFull;
            return;
        case ComputeTask::Drop::NoServer:
            ++noServer;
            return;
        case ComputeTask::Drop::NoRoute:
            ++noRoute;
            return;
        default:
            break;
        }
        if (!done)
        {
            ++lost;
            return;
        }
        ++completed;
        completion_ms.push_back((t.doneNs - t.createdNs) * 1e-6);
        up += (t.requestArrivedNs - t.createdNs) * 1e-6;
        stateWait += (t.readyNs - t.requestArrivedNs) * 1e-6;
        queue += (t.startNs - t.readyNs) * 1e-6;
        compute += (t.endNs - t.startNs) * 1e-6;
        down += (t.doneNs - t.endNs) * 1e-6;
    }

    template <class Out>
    void Fill(Out& out)
    {
        out.set_tasks(tasks);
        out.set_completed(completed);
        Summarize(completion_ms, *out.mutable_completion_ms());
        auto* b = out.mutable_breakdown_ms();
        if (completed > 0)
        {
            b->set_uplink(up / completed);
            b->set_queueing(queue / completed);
            b->set_compute(compute / completed);
            b->set_downlink(down / completed);
            b->set_state_wait(stateWait / completed);
        }
        if (deadlineTasks > 0)
        {
            out.set_deadline_miss_fraction(static_cast<double>(missed) / deadlineTasks);
        }
        auto* d = out.mutable_dropped();
        d->set_queue_full(queueFull);
        d->set_no_server(noServer);
        d->set_no_route(noRoute);
        d->set_lost(lost);
        out.set_feeder_bytes(feederBytes);
        if (tasks > 0)
        {
            out.set_feeder_bytes_per_task(static_cast<double>(feederBytes) / tasks);
        }
        out.set_session_migrations(migrations);
        out.set_session_replacements(replacements);
        out.set_session_states_lost(statesLost);
    }
};

} // namespace

void
ComputeEngine::Fill(v1::ComputeSummary& out) const
{
    Tally all;
    std::vector<Tally> per(m_plan.services.size());
    const std::int64_t warmupNs = static_cast<std::int64_t>(std::llround(m_warmup_s * 1e9));
    for (const auto& t : m_tasks)
    {
        if (t.createdNs < warmupNs)
        {
            continue;
        }
        const double deadline = m_plan.services[t.service].deadline_s;
        all.Add(t, deadline);
        per[t.service].Add(t, deadline);
    }
    all.Fill(out);
    out.set_deadline_tasks(all.deadlineTasks);
    for (size_t s = 0; s < per.size(); ++s)
    {
        auto* r = out.add_services();
        r->set_service(m_plan.services[s].name);
        per[s].Fill(*r);
    }
    FillPower(out);
    // Utilization per layer from the warm-up to the end of the run.
    double busy[4] = {0, 0, 0, 0};
    double capacity[4] = {0, 0, 0, 0};
    const double window = m_duration_s - m_warmup_s;
    for (size_t h = 0; h < m_plan.hosts.size(); ++h)
    {
        const int layer = m_world.Nodes()[m_plan.hosts[h].node].layer;
        busy[layer] += m_servers[h]->BusyServerSeconds(m_warmup_s, m_duration_s);
        capacity[layer] += m_plan.hosts[h].servers * window;
    }
    auto* u = out.mutable_utilization();
    if (window > 0.0)
    {
        if (capacity[v1::Node::SPACE] > 0)
        {
            u->set_space(busy[v1::Node::SPACE] / capacity[v1::Node::SPACE]);
        }
        if (capacity[v1::Node::AIR] > 0)
        {
            u->set_air(busy[v1::Node::AIR] / capacity[v1::Node::AIR]);
        }
        if (capacity[v1::Node::GROUND] > 0)
        {
            u->set_ground(busy[v1::Node::GROUND] / capacity[v1::Node::GROUND]);
        }
    }
}

void
ComputeEngine::FillPower(v1::ComputeSummary& out) const
{
    auto* p = out.mutable_power();
    std::uint32_t hosts = 0;
    double energy = 0.0, rateTime = 0.0, eclipse = 0.0, deficit = 0.0;
    const double a = m_warmup_s;
    const double b = m_duration_s;
    for (size_t h = 0; h < m_plan.hosts.size(); ++h)
    {
        if (!m_plan.hosts[h].hasPower)
        {
            continue;
        }
        ++hosts;
        const double load_W = m_plan.hosts[h].power.computeLoad_W;
        for (const auto& seg : m_power[h].segments)
        {
            // The segment's part inside the window [warm-up, duration].
            const double in = std::max(0.0, std::min(seg.end_s, b) - std::max(seg.begin_s, a));
            energy += seg.rateFactor * load_W * in / 3600.0;
            rateTime += seg.rateFactor * in;
            eclipse += seg.sunlit ? 0.0 : in;
            // The deficit is the segment's tail.
            deficit += std::max(0.0,
                                std::min(seg.end_s, b) - std::max(seg.end_s - seg.busDeficit_s, a));
        }
    }
    p->set_hosts(hosts);
    if (hosts == 0)
    {
        return;
    }
    std::uint64_t unpowered = 0;
    const std::int64_t warmupNs = static_cast<std::int64_t>(std::llround(m_warmup_s * 1e9));
    for (const auto& t : m_tasks)
    {
        unpowered += t.createdNs >= warmupNs && t.arrivedUnpowered ? 1 : 0;
    }
    p->set_tasks_arrived_unpowered(unpowered);
    if (!(b > a))
    {
        return;
    }
    p->set_compute_energy_wh(energy);
    p->set_compute_energy_per_host_wh(energy / hosts);
    p->set_mean_rate_factor(rateTime / (hosts * (b - a)));
    p->set_eclipse_host_s(eclipse);
    p->set_bus_deficit_host_s(deficit);
}

void
ComputeEngine::WriteCsv(std::ostream& out) const
{
    const auto& nodes = m_world.Nodes();
    out << "task,service,client,host,anchor,t_created_s,status,completion_ms,uplink_ms,"
           "queueing_ms,compute_ms,downlink_ms,state_wait_ms,session\n";
    auto ms = [](std::int64_t ns)
    {
        return Fixed(ns * 1e-6, 6);
    };
    for (size_t i = 0; i < m_tasks.size(); ++i)
    {
        const ComputeTask& t = m_tasks[i];
        const char* status = "lost";
        switch (t.drop)
        {
        case ComputeTask::Drop::QueueFull:
            status = "queue_full";
            break;
        case ComputeTask::Drop::NoServer:
            status = "no_server";
            break;
        case ComputeTask::Drop::NoRoute:
            status = "no_route";
            break;
        default:
            status = t.doneNs >= 0 ? "completed" : "lost";
        }
        out << i << ',' << m_plan.services[t.service].name << ',' << nodes[t.client].name << ','
            << (t.host >= 0 ? nodes[m_plan.hosts[t.host].node].name : "") << ','
            << (t.anchor >= 0 ? nodes[t.anchor].name : "") << ',' << Fixed(t.createdNs * 1e-9, 6)
            << ',' << status << ',';
        if (t.doneNs >= 0)
        {
            out << ms(t.doneNs - t.createdNs) << ',' << ms(t.requestArrivedNs - t.createdNs) << ','
                << ms(t.startNs - t.readyNs) << ',' << ms(t.endNs - t.startNs) << ','
                << ms(t.doneNs - t.endNs) << ',' << ms(t.readyNs - t.requestArrivedNs);
        }
        else
        {
            out << ",,,,,";
        }
        out << ','
            << (t.move == ComputeTask::Move::Migrated   ? "migrated"
                : t.move == ComputeTask::Move::Replaced ? "replaced"
                                                        : "")
            << '\n';
    }
}

} // namespace sagin
