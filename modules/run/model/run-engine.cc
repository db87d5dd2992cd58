#include "run/model/run-engine.h"

#include "compute/model/compute-engine.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"
#include "coverage/model/coverage-engine.h"
#include "coverage/model/coverage-map.h"
#include "metrics/model/drop-collector.h"
#include "metrics/model/flow-statistics.h"
#include "metrics/model/result-files.h"
#include "metrics/model/statistics.h"
#include "net/helper/sagin-network.h"
#include "net/model/sagin-net-device.h"
#include "run/model/failure-tracker.h"
#include "run/model/rain-tracker.h"
#include "run/model/traffic-install.h"
#include "scenario/model/compute-plan.h"
#include "scenario/model/traffic-plan.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <google/protobuf/text_format.h>
#include <iomanip>
#include <map>
#include <memory>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <regex>
#include <set>

namespace sagin
{

namespace
{

const char*
KindName(v1::FlowGroup::KindCase k)
{
    switch (k)
    {
    case v1::FlowGroup::kPing:
        return "ping";
    case v1::FlowGroup::kCbr:
        return "cbr";
    case v1::FlowGroup::kTcpBulk:
        return "tcp_bulk";
    case v1::FlowGroup::kFtp3:
        return "ftp3";
    default:
        return "none";
    }
}

std::string
Ms(std::int64_t ns)
{
    return Fixed(static_cast<double>(ns) * 1e-6, 6);
}

} // namespace

void
FillRunProvenance(const RunSpec& spec,
                  const std::string& runId,
                  std::chrono::steady_clock::time_point start,
                  v1::RunResult& result)
{
    v1::Provenance* prov = result.mutable_provenance();
    FillBuildProvenance(*prov);
    prov->clear_inputs();
    for (const auto& d : spec.inputs)
    {
        *prov->add_inputs() = d;
    }
    prov->set_seed(spec.seed);
    prov->clear_overrides();
    for (const auto& o : spec.overrides)
    {
        prov->add_overrides(o);
    }
    prov->set_run_id(runId);
    prov->clear_warnings();
    for (const auto& w : spec.warnings)
    {
        prov->add_warnings(w);
    }
    prov->set_wall_time_s(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void
WriteResolvedInputs(const RunSpec& spec, const std::string& directory)
{
    std::string text;
    google::protobuf::TextFormat::PrintToString(spec.scenario, &text);
    WriteFileAtomically(
        directory + "/scenario.txtpb",
        "# proto-file: sagin/v1/scenario.proto\n# proto-message: sagin.v1.Scenario\n"
        "# The scenario of this run, after --set overrides.\n"
            + text);
    text.clear();
    google::protobuf::TextFormat::PrintToString(spec.standard, &text);
    WriteFileAtomically(
        directory + "/standard.txtpb",
        "# proto-file: sagin/v1/standard.proto\n# proto-message: sagin.v1.Standard\n"
        "# The standard of this run, after --set overrides.\n"
            + text);
}

/// A beam scheduler of a satellite's device (BeamLayout.shared_capacity) and its shell's beams.
struct SharedBeamsOfDevice
{
    ns3::Ptr<BeamQueue> queue;
    const ShellBeams* beams;
};

/// The forward (or, with `returnLink`, return) beam schedulers of the devices of the nodes of
/// `layer` (satellites; HAPS and UAVs with cells; base stations with cells), in node order.
std::vector<SharedBeamsOfDevice>
BeamQueues(const ns3::NodeContainer& nodes,
           const World& world,
           v1::Node::Layer layer,
           bool returnLink)
{
    std::vector<SharedBeamsOfDevice> out;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        for (uint32_t d = 0; d < (*it)->GetNDevices(); ++d)
        {
            auto dev = ns3::DynamicCast<SaginNetDevice>((*it)->GetDevice(d));
            if (!dev || world.Nodes()[dev->WorldNode()].layer != layer)
            {
                continue;
            }
            ns3::Ptr<BeamQueue> q = returnLink ? dev->GetReturnBeamQueue() : dev->GetBeamQueue();
            if (q)
            {
                out.push_back({q, dev->GetSharedBeams()});
            }
        }
    }
    return out;
}

/// SharedCapacitySummary over the window [warmup, duration) the queues counted.
void
FillSharedCapacity(const std::vector<SharedBeamsOfDevice>& devices,
                   double window_s,
                   v1::SharedCapacitySummary& out)
{
    std::vector<double> spectral;
    std::vector<double> utilization;
    std::vector<double> areaTraffic; // per beam with a cell on the ground, Mbit/s/km^2
    double areaBits = 0.0;           // bits of those beams
    double areaKm2 = 0.0;            // their cells' area
    std::map<int, double> userBits;  // a user served by several satellites in the window sums them
    std::vector<double> queueing;
    std::vector<double> coupling;
    std::vector<double> sinr;
    std::vector<double> sir;
    std::uint64_t beamPairs = 0;
    std::uint64_t beamSwitches = 0;
    std::uint64_t events = 0;
    for (const auto& [q, shell] : devices)
    {
        events += q->SlotEvents();
        const double bandwidth = q->BandwidthHz();
        const double slots = window_s / q->SlotS();
        const auto& beams = q->Beams();
        for (std::size_t i = 0; i < beams.size(); ++i)
        {
            const auto& b = beams[i];
            if (b.used && window_s > 0.0)
            {
                spectral.push_back(b.servedBits / window_s / bandwidth);
                utilization.push_back(static_cast<double>(b.resourceBlocksUsed)
                                      / (q->ResourceBlocks() * slots));
                const double cellKm2 = shell != nullptr && i < shell->cellAreasM2.size()
                                           ? shell->cellAreasM2[i] * 1e-6
                                           : std::nan("");
                if (cellKm2 > 0.0)
                {
                    areaTraffic.push_back(b.servedBits / window_s * 1e-6 / cellKm2);
                    areaBits += b.servedBits;
                    areaKm2 += cellKm2;
                }
            }
        }
        for (const auto& [user, bits] : q->UserDeliveredBits())
        {
            userBits[user] += bits;
        }
        for (double d : q->QueueingDelaysS())
        {
            queueing.push_back(d * 1e3);
        }
        for (const auto& [user, g] : q->UserGeometries())
        {
            beamPairs += g.beamPairs;
            beamSwitches += g.beamSwitches;
        }
        coupling.insert(coupling.end(), q->CouplingLossesDb().begin(), q->CouplingLossesDb().end());
        sinr.insert(sinr.end(), q->SinrsDb().begin(), q->SinrsDb().end());
        sir.insert(sir.end(), q->SirsDb().begin(), q->SirsDb().end());
    }
    std::vector<double> throughput;
    double sum = 0.0;
    double sumSquares = 0.0;
    for (const auto& [user, bits] : userBits)
    {
        if (window_s > 0.0)
        {
            const double mbps = bits / window_s * 1e-6;
            throughput.push_back(mbps);
            sum += mbps;
            sumSquares += mbps * mbps;
        }
    }
    if (sumSquares > 0.0)
    {
        out.set_user_throughput_jain(sum * sum
                                     / (static_cast<double>(throughput.size()) * sumSquares));
    }
    out.set_beams(spectral.size());
    out.set_users(throughput.size());
    Summarize(spectral, *out.mutable_beam_spectral_efficiency_bps_hz());
    Summarize(utilization, *out.mutable_beam_utilization());
    Summarize(throughput, *out.mutable_user_throughput_mbps());
    if (!throughput.empty())
    {
        out.set_user_throughput_p5_mbps(Percentile(throughput, 5)); // sorted by Summarize
    }
    Summarize(queueing, *out.mutable_queueing_delay_ms());
    out.set_slot_events(events);
    Summarize(coupling, *out.mutable_coupling_loss_db());
    Summarize(sinr, *out.mutable_sinr_db());
    Summarize(sir, *out.mutable_sir_db());
    if (areaKm2 > 0.0)
    {
        out.set_area_traffic_mbps_per_km2(areaBits / window_s * 1e-6 / areaKm2);
    }
    out.set_served_area_km2(areaKm2);
    Summarize(areaTraffic, *out.mutable_beam_traffic_mbps_per_km2());
    out.set_beam_switches(beamSwitches);
    out.set_beam_switch_pairs(beamPairs);
    if (beamPairs > 0)
    {
        out.set_beam_switch_fraction(static_cast<double>(beamSwitches)
                                     / static_cast<double>(beamPairs));
    }
}

/// shared-capacity.csv rows of one layer and direction: per terminal with geometry samples or
/// bits in the window, its samples' means over the queues (satellites, HAPS) that served it.
void
WriteSharedCapacityRows(std::ostream& out,
                        const std::vector<SharedBeamsOfDevice>& devices,
                        const char* layer,
                        const char* direction,
                        const World& world,
                        double window_s)
{
    std::map<int, BeamQueue::UserGeometry> geometry;
    std::map<int, double> bits;
    for (const auto& [q, shell] : devices)
    {
        for (const auto& [user, g] : q->UserGeometries())
        {
            BeamQueue::UserGeometry& m = geometry[user];
            m.samples += g.samples;
            m.couplingSumDb += g.couplingSumDb;
            m.sinrSumDb += g.sinrSumDb;
            m.sinrMinDb = std::min(m.sinrMinDb, g.sinrMinDb);
            m.sirSamples += g.sirSamples;
            m.sirSumDb += g.sirSumDb;
        }
        for (const auto& [user, b] : q->UserDeliveredBits())
        {
            bits[user] += b;
            geometry.emplace(user, BeamQueue::UserGeometry{});
        }
    }
    auto number = [&out](double v)
    {
        if (std::isfinite(v))
        {
            out << v;
        }
    };
    for (const auto& [user, g] : geometry)
    {
        out << layer << ',' << direction << ',' << world.Nodes()[user].name << ',' << g.samples
            << ',';
        number(g.samples > 0 ? g.couplingSumDb / g.samples : std::nan(""));
        out << ',';
        number(g.samples > 0 ? g.sinrSumDb / g.samples : std::nan(""));
        out << ',';
        number(g.samples > 0 ? g.sinrMinDb : std::nan(""));
        out << ',' << g.sirSamples << ',';
        number(g.sirSamples > 0 ? g.sirSumDb / g.sirSamples : std::nan(""));
        out << ',';
        number(window_s > 0.0 ? bits[user] / window_s * 1e-6 : std::nan(""));
        out << '\n';
    }
}

void
SeedRandomStreams(std::uint64_t seed)
{
    // ns-3: one seed, the replication is the run number.
    ns3::RngSeedManager::SetSeed(12345);
    ns3::RngSeedManager::SetRun(seed);
}

v1::RunResult
RunOne(const RunSpec& spec, const std::string& directory)
{
    const auto wallStart = std::chrono::steady_clock::now();
    std::vector<std::string> warnings; // PrepareRuns collected them already (spec.warnings)
    World world = BuildWorld(spec.scenario, spec.scenarioDirectory, spec.scenarioPath, &warnings);
    StandardPolicy policy = ResolveStandard(spec.standard, world, spec.standardPath);
    ErrorList planErrors;
    std::vector<PlannedFlow> plan = PlanTraffic(world, spec.duration_s, planErrors);
    if (!planErrors.Empty())
    {
        throw InputError(planErrors.Format(spec.scenarioPath));
    }
    const auto& nodes = world.Nodes();
    const double duration = spec.duration_s;
    const double warmup = spec.scenario.measurement().warmup_s();
    const double drain
        = spec.scenario.measurement().drain_s() > 0.0 ? spec.scenario.measurement().drain_s() : 2.0;

    SeedRandomStreams(spec.seed);

    std::vector<int> destinations = TrafficDestinations(world, spec.scenario, spec.standard, plan);
    // Compute tasks (Scenario.compute) under the standard's placement.
    ComputePlan computePlan = PlanCompute(world, spec.duration_s, planErrors);
    std::vector<ServicePlacementPlan> placement
        = PlaceServices(world, computePlan, spec.standard, planErrors);
    if (!planErrors.Empty())
    {
        throw InputError(planErrors.Format(spec.scenarioPath));
    }
    const bool onboardUpf = spec.standard.compute().onboard_upf();
    if (!computePlan.Empty())
    {
        for (int n : ComputeEngine::Destinations(world, computePlan, onboardUpf))
        {
            if (std::find(destinations.begin(), destinations.end(), n) == destinations.end())
            {
                destinations.push_back(n);
            }
        }
    }
    SaginNetwork net(world, policy, NetworkOptions{destinations});
    net.Install();
    net.ScheduleUpdates(0.0, duration + drain);
    DropCollector drops;
    drops.Attach(net.Nodes());
    // Per layer and direction: the satellites' beams, the HAPS's and UAVs' cells, the base
    // stations' cells.
    struct SharedLayer
    {
        const char* layer;
        const char* direction;
        std::vector<SharedBeamsOfDevice> queues;
        v1::SharedCapacitySummary* (v1::RunResult::*summary)();
    };
    std::vector<SharedLayer> sharedLayers;
    for (auto [layer, name] : {std::pair{v1::Node::SPACE, "space"},
                               std::pair{v1::Node::AIR, "air"},
                               std::pair{v1::Node::GROUND, "ground"}})
    {
        for (bool returnLink : {false, true})
        {
            sharedLayers.push_back(
                {name,
                 returnLink ? "return" : "forward",
                 BeamQueues(net.Nodes(), world, layer, returnLink),
                 layer == v1::Node::SPACE
                     ? (returnLink ? &v1::RunResult::mutable_shared_capacity_return
                                   : &v1::RunResult::mutable_shared_capacity)
                 : layer == v1::Node::AIR
                     ? (returnLink ? &v1::RunResult::mutable_shared_capacity_air_return
                                   : &v1::RunResult::mutable_shared_capacity_air)
                     : (returnLink ? &v1::RunResult::mutable_shared_capacity_ground_return
                                   : &v1::RunResult::mutable_shared_capacity_ground)});
            for (const auto& [q, beams] : sharedLayers.back().queues)
            {
                q->SetWindow(ns3::Seconds(warmup), ns3::Seconds(duration));
            }
        }
    }
    RunDirectory dir(directory);
    if (!spec.pcapNodes.empty())
    {
        std::vector<int> traced;
        try
        {
            traced = net.NodesMatching(spec.pcapNodes);
        }
        catch (const std::regex_error& e)
        {
            throw InputError("sagin run: error: --pcap '" + spec.pcapNodes
                             + "': not a regular expression (" + e.what() + ")");
        }
        if (traced.empty())
        {
            throw InputError("sagin run: error: --pcap '" + spec.pcapNodes
                             + "' matches no node of the scenario (list them with sagin ephemeris "
                               "--duration 0)");
        }
        std::filesystem::create_directories(dir.File("pcap"));
        net.EnablePcap(dir.File("pcap/"), traced);
    }

    // Applications.
    std::vector<FlowApps> flows
        = InstallTraffic(net, world, policy, spec.scenario, plan, duration, warmup);
    ComputeEngine compute(net,
                          world,
                          std::move(computePlan),
                          std::move(placement),
                          onboardUpf,
                          warmup,
                          duration,
                          duration + drain);
    compute.Install(5000);
    // Path changes: the path each flow's packets would take, at every topology update.
    auto trackPaths = [&]()
    {
        const auto& ctl = net.State()->Controller();
        for (auto& f : flows)
        {
            PathResult r = ctl.Path(f.plan.from, f.plan.to);
            std::vector<int> path = r.reachable ? r.nodes : std::vector<int>{};
            if (!f.lastPath.empty() && !path.empty() && path != f.lastPath)
            {
                ++f.pathChanges;
            }
            if (!path.empty())
            {
                f.lastPath = path;
            }
        }
    };
    trackPaths();
    net.OnUpdate(trackPaths);
    // Failures: the flows each one hits and the terminals' time without a working route.
    std::vector<std::pair<int, int>> flowEnds;
    std::vector<char> measured;
    for (const auto& f : flows)
    {
        flowEnds.emplace_back(f.plan.from, f.plan.to);
        measured.push_back(f.ping || f.cbrSource);
    }
    FailureTracker failures(
        net.State()->Controller(), std::move(flowEnds), std::move(measured), warmup, duration);
    failures.Schedule();
    failures.OnUpdate();
    net.OnUpdate(
        [&failures]()
        {
            failures.OnUpdate();
        });
    // Rain time series: the gateways' rain and rain outages.
    RainTracker rain(net.State()->Controller(), warmup, duration);
    rain.OnUpdate(0.0);
    net.OnUpdate(
        [&rain]()
        {
            rain.OnUpdate(ns3::Simulator::Now().GetSeconds());
        });

    // Progress in simulated seconds, the drain included (the run's end is duration + drain).
    Progress progress(spec.standard.name(),
                      static_cast<std::uint64_t>(std::ceil(duration + drain)));
    std::function<void()> tick;
    tick = [&]()
    {
        progress.Update(static_cast<std::uint64_t>(ns3::Simulator::Now().GetSeconds()));
        ns3::Simulator::Schedule(ns3::Seconds(1.0), tick);
    };
    ns3::Simulator::Schedule(ns3::Seconds(1.0), tick);
    ns3::Simulator::Stop(ns3::Seconds(duration + drain));
    ns3::Simulator::Run();
    progress.Finish();
    const std::uint64_t events = ns3::Simulator::GetEventCount();

    // Results.
    v1::RunResult result;
    result.set_schema_version(kRunResultSchema);
    result.set_standard(spec.standard.name());
    result.set_scenario(spec.scenario.name());
    result.set_seed(spec.seed);
    result.set_duration_s(duration);

    AtomicFile latencyCsv(dir.File("latency.csv"));
    std::ostream& lat = latencyCsv.Stream();
    lat << "flow,kind,src,dst,seq,t_sent_s,received,one_way_ms,return_ms,rtt_ms,access_ms,feeder_"
           "ms,"
           "isl_ms,air_ms,terrestrial_ms,processing_ms,queueing_ms\n";
    const uint32_t maxRows = spec.scenario.measurement().max_latency_rows_per_flow();
    std::map<std::string, uint32_t> rowsPerGroup;

    RunStatistics runStats;
    unsigned pathChanges = 0;
    std::vector<std::vector<SentPacket>> sentPackets(flows.size());

    auto row = [&](const FlowApps& f,
                   std::uint32_t seq,
                   std::int64_t sentNs,
                   bool ok,
                   std::int64_t oneWay,
                   std::int64_t ret,
                   std::int64_t rtt,
                   const std::array<std::int64_t, kLatencyCategoryCount>& b)
    {
        uint32_t& n = rowsPerGroup[f.plan.group];
        if (maxRows > 0 && n >= maxRows)
        {
            return;
        }
        ++n;
        lat << f.plan.group << ',' << KindName(f.kind) << ',' << nodes[f.plan.from].name << ','
            << nodes[f.plan.to].name << ',' << seq << ',' << Fixed(sentNs * 1e-9, 6) << ','
            << (ok ? 1 : 0) << ',';
        if (ok)
        {
            lat << Ms(oneWay) << ',' << (ret >= 0 ? Ms(ret) : "") << ','
                << (rtt >= 0 ? Ms(rtt) : "");
            for (auto v : b)
            {
                lat << ',' << Ms(v);
            }
        }
        else
        {
            lat << ",,,,,,,,,";
        }
        lat << '\n';
    };

    for (auto& f : flows)
    {
        v1::FlowResult* fr = result.add_flows();
        fr->set_group(f.plan.group);
        fr->set_kind(KindName(f.kind));
        fr->set_src(nodes[f.plan.from].name);
        fr->set_dst(nodes[f.plan.to].name);
        FlowStatistics stats;
        if (f.ping)
        {
            for (const auto& r : f.ping->Records())
            {
                row(f,
                    r.seq,
                    r.sentNs,
                    r.Answered(),
                    r.echoNs - r.sentNs,
                    r.receivedNs - r.echoNs,
                    r.receivedNs - r.sentNs,
                    r.forwardNs);
                sentPackets[&f - flows.data()].push_back({r.sentNs, r.echoNs >= 0});
                if (r.sentNs * 1e-9 < warmup)
                {
                    continue;
                }
                stats.AddSent();
                if (!r.Answered())
                {
                    continue;
                }
                stats.AddReceived();
                stats.AddDelivery((r.echoNs - r.sentNs) * 1e-6, r.forwardNs, true);
                stats.AddDelivery((r.receivedNs - r.echoNs) * 1e-6, r.returnNs, false);
                stats.AddRoundTrip((r.receivedNs - r.sentNs) * 1e-6);
            }
        }
        else if (f.cbrSource)
        {
            f.cbrSink->SetExpected(f.cbrSource->Sent());
            for (const auto& r : f.cbrSink->Records())
            {
                const std::int64_t sentNs = f.cbrSource->SentAt(r.seq);
                const bool ok = r.receivedNs >= 0;
                row(f, r.seq, sentNs, ok, r.receivedNs - sentNs, -1, -1, r.breakdownNs);
                sentPackets[&f - flows.data()].push_back({sentNs, ok});
                if (sentNs * 1e-9 < warmup)
                {
                    continue;
                }
                stats.AddSent();
                if (!ok)
                {
                    continue;
                }
                stats.AddReceived();
                stats.AddDelivery((r.receivedNs - sentNs) * 1e-6, r.breakdownNs, true);
            }
        }
        else if (f.tcpSink && f.tcpSink->HasMeasurementWindow())
        {
            stats.SetGoodput(f.tcpSink->Goodput_bps());
        }
        stats.Fill(*fr);
        runStats.AddFlow(stats,
                         nodes[f.plan.from].name,
                         nodes[f.plan.from].role == v1::Node::UT,
                         nodes[f.plan.to].name,
                         nodes[f.plan.to].role == v1::Node::UT);
        pathChanges += f.pathChanges;
    }
    latencyCsv.Commit();
    runStats.Fill(result);

    drops.Fill(*result.mutable_drops());
    bool anyShared = false;
    for (auto& l : sharedLayers)
    {
        FillSharedCapacity(l.queues, duration - warmup, *(result.*l.summary)());
        anyShared = anyShared || !l.queues.empty();
    }
    if (anyShared)
    {
        // Per terminal, layer and direction: what the summary's distributions are made of.
        AtomicFile sharedCsv(dir.File("shared-capacity.csv"));
        std::ostream& out = sharedCsv.Stream();
        out << std::setprecision(10);
        out << "layer,direction,terminal,samples,coupling_loss_mean_db,sinr_mean_db,sinr_min_db,"
               "sir_samples,sir_mean_db,throughput_mbps\n";
        for (const auto& l : sharedLayers)
        {
            WriteSharedCapacityRows(out, l.queues, l.layer, l.direction, world, duration - warmup);
        }
        sharedCsv.Commit();
    }
    failures.Fill(sentPackets, *result.mutable_failures());
    rain.Fill(*result.mutable_rain());

    // Handovers and path changes per terminal-hour.
    const auto& states = net.State()->Controller().Access().States();
    unsigned handovers = 0;
    for (const auto& s : states)
    {
        handovers += s.handovers;
    }
    const double hours = duration / 3600.0;
    if (!states.empty())
    {
        result.set_handovers_per_terminal_hour(handovers / (states.size() * hours));
    }
    {
        // Interruption per handover procedure (access.handover).
        // Feeder-link switches (access.handover.feeder_switch) apart.
        std::vector<double> interruptions;
        std::vector<double> switchInterruptions;
        std::uint64_t failures = 0;
        std::uint64_t switchFailures = 0;
        for (const HandoverEvent& e : net.State()->HandoverHistory())
        {
            auto& samples = e.feederSwitch ? switchInterruptions : interruptions;
            if (e.prepared)
            {
                samples.push_back(e.interruption_s * 1e3);
            }
            else
            {
                ++(e.feederSwitch ? switchFailures : failures);
            }
        }
        Summarize(interruptions, *result.mutable_handover()->mutable_interruption_ms());
        result.mutable_handover()->set_failures(failures);
        result.mutable_handover()->set_same_cell_switches(
            std::count_if(net.State()->HandoverHistory().begin(),
                          net.State()->HandoverHistory().end(),
                          [](const HandoverEvent& e)
                          {
                              return e.sameCellSwitch;
                          }));
        auto* feeder = result.mutable_handover()->mutable_feeder_switch();
        Summarize(switchInterruptions, *feeder->mutable_interruption_ms());
        feeder->set_failures(switchFailures);
        feeder->set_switches(net.State()->FeederSwitches());
        feeder->set_unplanned(net.State()->UnplannedFeederSwitches());
    }
    {
        // Initial access (access.initial_access) and the signalling of every procedure.
        const RandomAccess& ra = net.State()->InitialAccess();
        std::vector<double> latencies;
        for (std::int64_t ns : ra.LatenciesNs())
        {
            latencies.push_back(ns * 1e-6);
        }
        Summarize(latencies, *result.mutable_control_plane()->mutable_latency_ms());
        result.mutable_access()->set_rach_failures(ra.Failures());
        SignallingCounts messages = ra.Messages();
        for (const HandoverEvent& e : net.State()->HandoverHistory())
        {
            if (e.sameCellSwitch)
            {
                if (policy.sameCellSwitch == v1::HandoverProcedure::SatelliteSwitch::HARD)
                {
                    messages += SatelliteSwitchMessages(policy.handover);
                }
                continue; // SOFT: the terminal resynchronizes on its own
            }
            messages += e.feederSwitch ? FeederSwitchMessages(policy.handover, e.legs, e.prepared)
                                       : HandoverMessages(policy.handover, e.legs, e.prepared);
        }
        // Without a modelled procedure (no initial access, handover NONE) the standard's
        // signalling is not known: null, not a zero that would read as "costs nothing".
        const bool modelled = policy.initialAccess.kind != v1::InitialAccess::NONE
                              || policy.handover != v1::HandoverProcedure::NONE;
        if (!states.empty() && modelled)
        {
            const double terminalHours = states.size() * hours;
            auto* s = result.mutable_signalling();
            s->set_rach_msg1(messages.msg1 / terminalHours);
            s->set_rach_msg2(messages.msg2 / terminalHours);
            s->set_rach_msg3(messages.msg3 / terminalHours);
            s->set_rach_msg4(messages.msg4 / terminalHours);
            s->set_rach_msg_a(messages.msgA / terminalHours);
            s->set_rach_msg_b(messages.msgB / terminalHours);
            s->set_measurement_report(messages.measurementReport / terminalHours);
            s->set_xn_handover_request(messages.xnRequest / terminalHours);
            s->set_xn_handover_request_ack(messages.xnRequestAck / terminalHours);
            s->set_handover_command(messages.handoverCommand / terminalHours);
            s->set_handover_complete(messages.handoverComplete / terminalHours);
            s->set_n2_handover_required(messages.n2Required / terminalHours);
            s->set_n2_handover_request(messages.n2Request / terminalHours);
            s->set_n2_handover_request_ack(messages.n2RequestAck / terminalHours);
            s->set_n2_handover_command(messages.n2Command / terminalHours);
        }
    }
    std::set<int> sources;
    for (const auto& f : flows)
    {
        sources.insert(f.plan.from);
    }
    if (!sources.empty())
    {
        result.set_path_changes_per_terminal_hour(pathChanges / (sources.size() * hours));
    }
    if (spec.scenario.has_compute() && spec.scenario.compute().services_size() > 0)
    {
        compute.Fill(*result.mutable_compute());
        AtomicFile computeCsv(dir.File("compute.csv"));
        compute.WriteCsv(computeCsv.Stream());
        computeCsv.Commit();
    }
    ns3::Simulator::Destroy();

    // Coverage over the grid and the terminals: geometry only, the same predicate as the links.
    {
        std::vector<CoveragePoint> points = GridPoints(spec.scenario.coverage());
        auto terminals = TerminalPoints(world);
        points.insert(points.end(), terminals.begin(), terminals.end());
        const LinkStateBuilder& builder = net.State()->Controller().Builder();
        // With a rain time series the run's builder holds the sites' rain at the end of the run;
        // coverage keeps the static percentile (README "Rain fade as a time series"), so it
        // evaluates with a builder whose series never advanced.
        std::unique_ptr<LinkStateBuilder> percentile;
        if (builder.RainTimeSeries())
        {
            percentile = std::make_unique<LinkStateBuilder>(world, policy);
        }
        CoverageEngine engine(
            percentile ? *percentile : builder, std::move(points), spec.coverageThreads);
        const double step
            = CoverageStep(spec.scenario.coverage(), policy.updateInterval_s, duration);
        std::vector<Vec3> positions;
        for (const auto& sample : CoverageSampleTimes(0.0, duration, step))
        {
            builder.Positions(sample.t_s, positions);
            engine.Sample(sample.t_s, positions, sample.weight_s);
        }
        engine.FillSummary(*result.mutable_coverage());
        AtomicFile coverageCsv(dir.File("coverage.csv"));
        engine.WriteCsv(coverageCsv.Stream());
        coverageCsv.Commit();
        if (!spec.mapProjection.empty())
        {
            // The maps of `sagin coverage`, from the same engine (README "sagin run": --maps).
            const auto& grid = spec.scenario.coverage();
            std::ostringstream title;
            title << spec.standard.name() << " on " << spec.scenario.name()
                  << ": coverage of the run, t = 0-" << Exact(duration) << " s every "
                  << Exact(step) << " s; " << Exact(grid.resolution_deg())
                  << "\xC2\xB0 equal-area grid";
            const std::string folder = dir.File("").substr(0, dir.File("").size() - 1);
            WriteCoverageMaps(engine,
                              folder,
                              grid.has_region() ? grid.region().lon_min_deg() : -180.0,
                              title.str(),
                              0.0,
                              MapProjectionNamed(spec.mapProjection));
        }
    }

    // Provenance and the resolved inputs.
    const std::string folder = dir.File("").substr(0, dir.File("").size() - 1);
    WriteResolvedInputs(spec, folder);
    result.mutable_provenance()->set_events(events);
    FillRunProvenance(spec, spec.RunId(), wallStart, result);
    WriteResultFiles(folder, result);
    dir.Commit();
    return result;
}

} // namespace sagin
