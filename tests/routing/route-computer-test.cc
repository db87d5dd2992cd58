// The route computer (bucket Dijkstra with a heap fallback) against Boost's
// dijkstra_shortest_paths, on random graphs and on a real Kuiper snapshot.
#include "routing-test-util.h"
#include "routing/model/route-computer.h"
#include "routing/model/routing-graph.h"
#include "routing/model/topology-controller.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <gtest/gtest.h>
#include <iomanip>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

constexpr double kInf = std::numeric_limits<double>::infinity();

/// An arc of the original (not reversed) graph.
struct Arc
{
    int from;
    int to;
    double weight;
    int link;
};

using RefGraph = boost::adjacency_list<boost::vecS,
                                       boost::vecS,
                                       boost::directedS,
                                       boost::no_property,
                                       boost::property<boost::edge_weight_t, double>>;

/// Distances from every vertex to `target` by Boost's Dijkstra on the reversed graph. A path may
/// start or end at a non-transit vertex but not pass through one: arcs entering a non-transit
/// vertex other than the target are left out.
std::vector<double>
BoostDistancesTo(int vertexCount,
                 const std::vector<Arc>& arcs,
                 const std::vector<char>& transit,
                 int target)
{
    RefGraph g(vertexCount);
    for (const auto& a : arcs)
    {
        if (a.to != target && !transit[a.to])
        {
            continue;
        }
        boost::add_edge(a.to, a.from, a.weight, g); // reversed
    }
    std::vector<double> dist(vertexCount, kInf);
    boost::dijkstra_shortest_paths(
        g,
        static_cast<RefGraph::vertex_descriptor>(target),
        boost::distance_map(
            boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
            .distance_inf(kInf));
    return dist;
}

::testing::AssertionResult
SameMetric(double expected, double got)
{
    if (std::isinf(expected) || std::isinf(got))
    {
        if (std::isinf(expected) && std::isinf(got))
        {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure() << "expected " << expected << ", got " << got;
    }
    if (std::abs(expected - got) <= 1e-12 * std::max(std::abs(expected), std::abs(got)))
    {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << std::setprecision(17) << "expected " << expected << ", got " << got << " (difference "
           << got - expected << ")";
}

/// Checks one shortest-path tree against the reference distances and that walking the next
/// hops from every vertex adds up to its metric over existing arcs. Returns the failures.
int
CheckTree(const std::vector<Arc>& arcs,
          const std::vector<char>& transit,
          int target,
          const std::vector<double>& ref,
          const double* metric,
          const std::int32_t* nextVertex,
          const std::int32_t* nextLink,
          const std::string& what)
{
    const int n = static_cast<int>(ref.size());
    std::vector<std::vector<int>> out(n);
    for (size_t k = 0; k < arcs.size(); ++k)
    {
        out[arcs[k].from].push_back(static_cast<int>(k));
    }
    int failures = 0;
    for (int v = 0; v < n && failures < 5; ++v)
    {
        auto same = SameMetric(ref[v], metric[v]);
        if (!same)
        {
            ADD_FAILURE() << what << ": metric of vertex " << v << " toward " << target << ": "
                          << same.message();
            ++failures;
            continue;
        }
        if (v == target)
        {
            EXPECT_EQ(metric[v], 0.0);
            continue;
        }
        if (std::isinf(ref[v]))
        {
            EXPECT_EQ(nextVertex[v], -1)
                << what << ": unreachable vertex " << v << " has a next hop";
            continue;
        }
        // Walk the next hops, summing the weights of the arcs they name.
        double sum = 0.0;
        int u = v;
        int steps = 0;
        bool ok = true;
        while (u != target && ok)
        {
            const int next = nextVertex[u];
            const int link = nextLink[u];
            if (next < 0 || ++steps > n || (u != v && !transit[u]))
            {
                ok = false;
                break;
            }
            // The lightest arc u -> next carried by that link.
            double w = kInf;
            for (int k : out[u])
            {
                const Arc& a = arcs[k];
                if (a.to == next && a.link == link)
                {
                    w = std::min(w, a.weight);
                }
            }
            if (std::isinf(w))
            {
                ok = false;
                break;
            }
            sum += w;
            u = next;
        }
        if (!ok)
        {
            ADD_FAILURE() << what << ": following next hops from vertex " << v << " toward "
                          << target << " does not reach it over existing arcs and transit vertices";
            ++failures;
            continue;
        }
        auto walked = SameMetric(metric[v], sum);
        if (!walked)
        {
            ADD_FAILURE() << what << ": next hops from " << v
                          << " add up to a different metric: " << walked.message();
            ++failures;
        }
    }
    return failures;
}

/// A world with `sats` GEO satellites, `haps` HAPS, `uavs` UAVs and `ground` ground sites of
/// mixed roles: only its node roles matter, links are made up by the test.
v1::Scenario
RandomWorldScenario(std::mt19937_64& rng, int sats, int haps, int uavs, int ground)
{
    std::ostringstream s;
    s << "name: \"random\" epoch_utc: \"2026-01-01T00:00:00Z\" duration_s: 1 seed: 1\n";
    s << "shells { name: \"geo\" geo {";
    for (int i = 0; i < sats; ++i)
    {
        s << " longitudes_deg: " << -179.0 + i * 359.0 / sats;
    }
    s << " } }\n";
    std::uniform_real_distribution<double> lat(-60, 60);
    std::uniform_real_distribution<double> lon(-180, 180);
    for (int i = 0; i < haps + uavs; ++i)
    {
        s << "aerial_platforms { name: \"air" << i << "\" role: " << (i < haps ? "HAPS" : "UAV")
          << " station_keeping { center { lat_deg: " << lat(rng) << " lon_deg: " << lon(rng)
          << " alt_m: " << (i < haps ? 20000 : 500) << " } } }\n";
    }
    const char* roles[] = {"UT", "GW", "BS", "CORE"};
    for (int i = 0; i < ground; ++i)
    {
        s << "ground_sites { name: \"g" << i << "\" role: " << roles[rng() % 4]
          << " position { lat_deg: " << lat(rng) << " lon_deg: " << lon(rng) << " } }\n";
    }
    return ScenarioFromText(s.str());
}

} // namespace

// (a) Random graphs: random links of every kind between random nodes of every role, with
// processing delays that make the arcs asymmetric, split bent-pipe vertices that make the graph
// directed, non-transit vertices; in a third of the trials tiny or zero weights send the search
// to its heap fallback, in another third the weights lie on a lattice (ties, bucket boundaries).
TEST(RouteComputer, MatchesBoostDijkstraOnRandomGraphs)
{
    std::mt19937_64 rng(20260101);
    int bucketTrials = 0;
    int heapTrials = 0;
    int nonTransit = 0;
    int splitNodes = 0;
    long reachablePairs = 0;
    long pairs = 0;
    for (int trial = 0; trial < 24; ++trial)
    {
        // 0: continuous weights; 1: some tiny or zero weights (heap fallback); 2: weights on a
        // lattice (multiples of 1 ms, no processing), so distances fall on bucket boundaries and
        // many paths tie.
        const int mode = trial % 3;
        const bool tiny = mode == 1;
        const bool lattice = mode == 2;
        auto scenario = RandomWorldScenario(rng, 10 + trial % 7, 4, 3, 60 + 5 * (trial % 5));
        auto world = MakeWorld(scenario);
        const int nodeCount = static_cast<int>(world->Nodes().size());

        std::ostringstream st;
        const bool noGatewayTransit = rng() % 2;
        st << "name: \"random\" payload: " << (rng() % 2 ? "TRANSPARENT" : "REGENERATIVE")
           << " haps { role: " << (rng() % 2 ? "RELAY" : "BASE_STATION") << " }"
           << " uav { role: " << (rng() % 2 ? "RELAY" : "BASE_STATION") << " }"
           << " routing { metric: " << (trial % 8 == 5 ? "FEWEST_HOPS" : "SHORTEST_DELAY")
           << " no_gateway_transit: " << (noGatewayTransit ? "true" : "false")
           << " gateway_space_relay: " << (!noGatewayTransit && trial % 2 ? "true" : "false") << " } processing {";
        std::uniform_real_distribution<double> proc(0.0, 2.0);
        for (const char* role : {"sat_ms", "haps_ms", "uav_ms", "gw_ms", "bs_ms", "core_ms"})
        {
            // With tiny weights, half of the roles forward for free.
            st << " " << role << ": " << (lattice || (tiny && rng() % 2) ? 0.0 : proc(rng));
        }
        st << " }";
        auto standard = StandardFromText(st.str());
        auto policy = Resolve(standard, *world);

        TopologySnapshot snap;
        std::uniform_int_distribution<int> node(0, nodeCount - 1);
        std::uniform_real_distribution<double> delay(1e-3, 30e-3);
        const int linkCount = 3 * nodeCount;
        for (int i = 0; i < linkCount; ++i)
        {
            SnapshotLink l;
            l.a = node(rng);
            do
            {
                l.b = node(rng);
            } while (l.b == l.a);
            l.kind = static_cast<LinkKind>(rng() % kLinkKindCount);
            l.delay_s = delay(rng);
            if (lattice)
            {
                l.delay_s = 1e-3 * static_cast<double>(1 + rng() % 3);
            }
            if (tiny && rng() % 10 == 0)
            {
                l.delay_s = rng() % 3 == 0 ? 0.0 : 1e-9 * delay(rng);
            }
            snap.links.push_back(l);
        }
        RoutingGraph graph(*world, policy);
        graph.Build(snap);
        const int n = graph.VertexCount();

        // The arcs, read back from the graph's reversed CSR (an edge x -> y is the arc y -> x).
        std::vector<Arc> arcs;
        const auto& rg = graph.Reverse();
        for (auto e : boost::make_iterator_range(boost::edges(rg)))
        {
            arcs.push_back({static_cast<int>(boost::target(e, rg)),
                            static_cast<int>(boost::source(e, rg)),
                            rg[e].weight,
                            rg[e].link});
        }
        // Two arcs per link, plus a second copy of a gateway's arcs to fiber and down bent pipes
        // from its "came from the sky" vertex when ground-station relaying is off.
        ASSERT_GE(arcs.size(), 2 * snap.links.size());
        std::vector<char> transit(n);
        for (int v = 0; v < n; ++v)
        {
            transit[v] = graph.IsTransit(v);
            nonTransit += !transit[v];
        }
        for (int i = 0; i < nodeCount; ++i)
        {
            splitNodes += graph.IsSplit(i);
        }
        const bool heap
            = !(graph.MinWeight() > 0.0 && graph.MaxWeight() / graph.MinWeight() < 4096.0);
        (heap ? heapTrials : bucketTrials)++;

        RouteComputer rc;
        std::vector<double> metric(n);
        std::vector<std::int32_t> next(n);
        std::vector<std::int32_t> link(n);
        int failures = 0;
        for (int target = 0; target < n && failures < 5; ++target)
        {
            rc.ComputeTree(graph, target, metric.data(), next.data(), link.data());
            auto ref = BoostDistancesTo(n, arcs, transit, target);
            for (double d : ref)
            {
                reachablePairs += std::isfinite(d);
                ++pairs;
            }
            failures
                += CheckTree(arcs,
                             transit,
                             target,
                             ref,
                             metric.data(),
                             next.data(),
                             link.data(),
                             "trial " + std::to_string(trial) + (heap ? " (heap)" : " (buckets)"));
        }
    }
    // Both searches were exercised, on graphs with split and non-transit vertices, and most
    // pairs were connected (not a trivially empty comparison).
    std::cout << "random graphs: " << bucketTrials << " searched with buckets, " << heapTrials
              << " with the heap, " << reachablePairs << " of " << pairs
              << " (vertex, target) pairs connected\n";
    EXPECT_GT(reachablePairs, pairs / 3);
    EXPECT_GE(bucketTrials, 12);
    EXPECT_GE(heapTrials, 6);
    EXPECT_GT(nonTransit, 0);
    EXPECT_GT(splitNodes, 0);
}

// (b) A real snapshot: Kuiper K1 with gateways at the 50 most populous cities, regenerative
// payload over a +Grid. The reference graph is built here from the snapshot's links (arc weight
// = link delay + the sender's processing; gateways are path ends only), not read from the
// routing graph, so the graph construction is checked too.
TEST(RouteComputer, MatchesBoostDijkstraOnKuiperSnapshot)
{
    auto scenario = ShippedScenario("scenarios/kuiper-k1.txtpb");
    auto* set = scenario.add_site_sets();
    set->set_name("gw");
    set->set_role(v1::Node::GW);
    set->mutable_cities()->set_top(50);
    auto world = MakeWorld(scenario);
    auto standard = StandardFromText(R"(
        name: "regen-grid"
        payload: REGENERATIVE
        isl { topology: PLUS_GRID }
        routing { metric: SHORTEST_DELAY no_gateway_transit: true }
        visibility { space_deg: 30 }
        processing { sat_ms: 0.01 gw_ms: 0.05 }
    )");
    auto policy = Resolve(standard, *world);
    const auto gws = world->SiteSet("gw");
    ASSERT_EQ(gws.size(), 50u);

    TopologyController controller(*world, policy, gws);
    const int nodeCount = static_cast<int>(world->Nodes().size());
    for (double t : {0.0, 1234.5})
    {
        controller.Update(t);
        const auto& snap = controller.Snapshot();
        const auto& graph = controller.Graph();
        ASSERT_EQ(graph.VertexCount(), nodeCount) << "a regenerative world splits no vertex";
        int isl = 0;
        int feeder = 0;
        std::vector<Arc> arcs;
        for (size_t i = 0; i < snap.links.size(); ++i)
        {
            const auto& l = snap.links[i];
            isl += l.kind == LinkKind::Isl;
            feeder += l.kind == LinkKind::Feeder;
            auto proc = [&](int node)
            {
                return world->Nodes()[node].role == v1::Node::SAT ? 0.01e-3 : 0.05e-3;
            };
            arcs.push_back({l.a, l.b, l.delay_s + proc(l.a), static_cast<int>(i)});
            arcs.push_back({l.b, l.a, l.delay_s + proc(l.b), static_cast<int>(i)});
        }
        EXPECT_EQ(isl, 2 * 1156) << "every +Grid ISL of K1 is short enough";
        EXPECT_GT(feeder, 50) << "gateways see satellites above 30 deg";
        std::vector<char> transit(nodeCount);
        for (int v = 0; v < nodeCount; ++v)
        {
            transit[v] = world->Nodes()[v].role == v1::Node::SAT;
        }
        const auto& table = controller.Table();
        int failures = 0;
        int reachable = 0;
        for (size_t d = 0; d < gws.size() && failures < 5; ++d)
        {
            const int target = gws[d];
            auto ref = BoostDistancesTo(nodeCount, arcs, transit, target);
            std::vector<double> metric(nodeCount);
            std::vector<std::int32_t> next(nodeCount);
            std::vector<std::int32_t> link(nodeCount);
            for (int v = 0; v < nodeCount; ++v)
            {
                metric[v] = table.Metric(d, v);
                next[v] = table.NextVertex(d, v);
                link[v] = table.NextLink(d, v);
                reachable += std::isfinite(metric[v]);
            }
            failures += CheckTree(arcs,
                                  transit,
                                  target,
                                  ref,
                                  metric.data(),
                                  next.data(),
                                  link.data(),
                                  "Kuiper t=" + std::to_string(t) + " to "
                                      + world->Nodes()[target].name);
        }
        EXPECT_GT(reachable, 40 * nodeCount) << "most of the network reaches most gateways";

        // A path's latency is its links' propagation delays plus the processing of every node
        // that forwards (not the source's): here 0.01 ms per satellite, gateways never forward.
        double worstDifference = 0.0;
        double worstMetricGap = 0.0;
        for (int s : gws)
        {
            for (int d : gws)
            {
                if (s == d)
                {
                    continue;
                }
                PathResult p = controller.Path(s, d);
                if (!p.reachable)
                {
                    continue;
                }
                double delay = 0.0;
                for (int l : p.links)
                {
                    delay += snap.links[l].delay_s;
                }
                const double processing = 0.01e-3 * (p.nodes.size() - 2);
                worstDifference
                    = std::max(worstDifference, std::abs(p.Latency() - (delay + processing)));
                const int dIndex = table.DestinationIndex(d);
                worstMetricGap
                    = std::max(worstMetricGap,
                               std::abs(table.Metric(dIndex, graph.EndVertex(s)) - p.Latency()));
            }
        }
        EXPECT_LT(worstDifference, 1e-15);
        // The route metric also counts the source's own processing (its first arc carries the
        // sender's processing): it does not change which route is chosen. Reported, not asserted.
        std::cout << "Kuiper t=" << t << ": largest |route metric - path latency| "
                  << worstMetricGap * 1e3 << " ms\n";
    }
}
