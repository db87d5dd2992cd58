// The CZML of `sagin ephemeris --format czml [--standard STD]`: the samples of slow nodes are
// dense enough for Cesium's Lagrange interpolation (checked with this file's own interpolation
// against the trajectories), satellites carry one orbital period of path (against the circular
// orbit's closed form), every node a label, and links are shown exactly while the topology
// controller has them up.
#include "core/model/constants.h"
#include "quickstart-fixture.h"
#include "routing/model/topology-controller.h"
#include "scenario/model/ephemeris.h"
#include "view/model/view-data.h"

#include <cmath>
#include <fstream>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

using namespace sagin;
using namespace sagin::test;
using google::protobuf::Value;

namespace
{

std::vector<EphemerisNode>
NodesOf(const World& world)
{
    std::vector<EphemerisNode> nodes;
    for (const auto& n : world.Nodes())
    {
        nodes.push_back({n.name, RoleName(n.role), n.trajectory});
    }
    return nodes;
}

const WorldNode&
Named(const World& world, const std::string& name)
{
    for (const auto& n : world.Nodes())
    {
        if (n.name == name)
        {
            return n;
        }
    }
    throw std::runtime_error("no node " + name);
}

/// The packets of a CZML document, by id.
std::map<std::string, google::protobuf::Struct>
Packets(const std::string& czml)
{
    Value v;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(czml, &v).ok());
    std::map<std::string, google::protobuf::Struct> packets;
    for (const auto& p : v.list_value().values())
    {
        packets[p.struct_value().fields().at("id").string_value()] = p.struct_value();
    }
    return packets;
}

/// Degree-5 Lagrange interpolation written out independently of the product: the 6 samples
/// around t (3 at or before, 3 after, as Cesium's SampledProperty picks them), moved inside the
/// samples at the ends; L(t) = sum_i y_i prod_{j != i} (t - t_j) / (t_i - t_j).
Vec3
Lagrange6(const std::vector<double>& ts, const std::vector<Vec3>& ys, double t)
{
    size_t after = 0;
    while (after < ts.size() && ts[after] <= t)
    {
        ++after;
    }
    long first = static_cast<long>(after) - 3;
    first = std::max(0L, std::min(first, static_cast<long>(ts.size()) - 6));
    Vec3 sum;
    for (long i = first; i < first + 6; ++i)
    {
        double w = 1.0;
        for (long j = first; j < first + 6; ++j)
        {
            if (j != i)
            {
                w *= (t - ts[j]) / (ts[i] - ts[j]);
            }
        }
        sum += ys[i] * w;
    }
    return sum;
}

/// The worst distance between Lagrange6 of the samples and the trajectory at every midpoint.
double
WorstMidpointError(const std::vector<double>& ts, const std::vector<Vec3>& ys, const Trajectory& tr)
{
    double worst = 0.0;
    for (size_t k = 0; k + 1 < ts.size(); ++k)
    {
        const double t = 0.5 * (ts[k] + ts[k + 1]);
        worst = std::max(worst, Distance(Lagrange6(ts, ys, t), tr.PositionAt(t)));
    }
    return worst;
}

} // namespace

// The quick-start UAV loiters on a 500 m circle every 150 s, HAPS la-mancha on a 3 km circle
// every 754 s. At the ephemeris default of a sample every 60 s (2.5 per UAV lap) Lagrange
// interpolation misses the UAV by hundreds of metres; the written samples are refined per node
// until it stays within 1 m, so the midpoints of the written samples are within 10 m.
TEST(Czml, SlowNodesInterpolateWithinTenMetres)
{
    Quickstart q;
    const std::vector<double> times = EphemerisTimes(0.0, 600.0, 60.0);
    std::ostringstream os;
    WriteEphemerisCzml(os, NodesOf(*q.world), times, q.world->Earth()->Epoch(), "quickstart");
    auto packets = Packets(os.str());
    for (const std::string name : {"uav-seville", "haps-la-mancha", "leo-0-0"})
    {
        const Trajectory& tr = *Named(*q.world, name).trajectory;
        // The coarse grid: what the CZML had before (a sample every 60 s).
        std::vector<Vec3> coarse;
        for (double t : times)
        {
            coarse.push_back(tr.PositionAt(t));
        }
        const double before = WorstMidpointError(times, coarse, tr);
        ASSERT_TRUE(packets.count(name)) << name;
        const auto& position = packets[name].fields().at("position").struct_value().fields();
        EXPECT_EQ(position.at("interpolationAlgorithm").string_value(), "LAGRANGE");
        EXPECT_EQ(position.at("interpolationDegree").number_value(), 5.0);
        const auto& c = position.at("cartesian").list_value().values();
        ASSERT_EQ(c.size() % 4, 0);
        std::vector<double> ts;
        std::vector<Vec3> ys;
        for (int i = 0; i < c.size(); i += 4)
        {
            ts.push_back(c[i].number_value());
            ys.push_back(
                {c[i + 1].number_value(), c[i + 2].number_value(), c[i + 3].number_value()});
        }
        EXPECT_EQ(ts.front(), 0.0);
        EXPECT_EQ(ts.back(), 600.0);
        const double after = WorstMidpointError(ts, ys, tr);
        std::cout << name << ": " << ts.size() << " samples, worst midpoint error " << after
                  << " m (" << times.size() << " samples every 60 s: " << before << " m)\n";
        EXPECT_LT(after, 10.0) << name;
        if (name == "uav-seville")
        {
            EXPECT_GT(before, 100.0) << "the coarse grid is not the case this test is for";
            EXPECT_GT(ts.size(), times.size());
        }
        if (name == "leo-0-0")
        {
            EXPECT_EQ(ts.size(), times.size()) << "a LEO satellite needs no refinement at 60 s";
        }
    }
}

// The leo shell is circular at 550 km: T = 2 pi sqrt(a^3 / mu) with a = 6378137 + 550000 =
// 6928137 m, a^3 = 3.325442e20 m^3, / 3.986004418e14 = 834279.6 s^2, sqrt = 913.3891 s,
// T = 5738.993 s. Its path leads and trails by one period, taken from the osculating state
// (vis-viva), which the shell's J2 secular drift moves from the Keplerian value by O(J2) ~ 1e-3
// relative (measured: 5741 s, +2.0 s, 3.5e-4): within 0.1 %. Every node has a label.
TEST(Czml, SatellitesHaveOnePeriodOfPathAndEveryNodeALabel)
{
    Quickstart q;
    std::ostringstream os;
    WriteEphemerisCzml(os, NodesOf(*q.world), {0.0, 60.0}, q.world->Earth()->Epoch(), "quickstart");
    auto packets = Packets(os.str());
    const double a = 6378137.0 + 550000.0;
    const double period = 2.0 * kPi * std::sqrt(a * a * a / kEarthMu);
    EXPECT_NEAR(period, 5738.993, 0.001);
    int paths = 0;
    for (const auto& n : q.world->Nodes())
    {
        ASSERT_TRUE(packets.count(n.name)) << n.name;
        const auto& f = packets[n.name].fields();
        EXPECT_EQ(f.at("label").struct_value().fields().at("text").string_value(), n.name);
        if (RoleName(n.role) == std::string("sat") && n.name.rfind("leo-", 0) == 0)
        {
            const auto& path = f.at("path").struct_value().fields();
            EXPECT_NEAR(path.at("leadTime").number_value(), period, 1e-3 * period) << n.name;
            EXPECT_NEAR(path.at("trailTime").number_value(), period, 1e-3 * period) << n.name;
            ++paths;
        }
        else if (RoleName(n.role) != std::string("sat"))
        {
            EXPECT_EQ(f.count("path"), 0u) << n.name;
        }
    }
    EXPECT_EQ(paths, 288);
}

// Link packets: a polyline between the two nodes' positions, available exactly while an
// independent controller, updated at the same times, has the link up (held until the next
// update: checked half a step after each sample).
TEST(Czml, LinksAreAvailableWhileTheControllerHasThemUp)
{
    Quickstart q;
    const double step = 2.0;
    const ViewData data = SampleView(*q.world, &q.policy, 0.0, 30.0, step);
    const auto links = EphemerisLinks(data);
    ASSERT_EQ(links.size(), data.links.size());
    std::ostringstream os;
    WriteEphemerisCzml(
        os, NodesOf(*q.world), data.times, q.world->Earth()->Epoch(), "quickstart", false, links);
    auto packets = Packets(os.str());
    const UtcEpoch& epoch = q.world->Earth()->Epoch();
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>> written;
    for (const auto& [id, p] : packets)
    {
        if (id.rfind("link/", 0) != 0)
        {
            continue;
        }
        const auto& refs = p.fields()
                               .at("polyline")
                               .struct_value()
                               .fields()
                               .at("positions")
                               .struct_value()
                               .fields()
                               .at("references")
                               .list_value()
                               .values();
        ASSERT_EQ(refs.size(), 2);
        const std::string a = refs[0].string_value().substr(0, refs[0].string_value().find('#'));
        const std::string b = refs[1].string_value().substr(0, refs[1].string_value().find('#'));
        EXPECT_TRUE(packets.count(a) && packets.count(b)) << id;
        const std::string kind = id.substr(5, id.find('/', 5) - 5);
        std::vector<std::string> intervals;
        for (const auto& i : p.fields().at("availability").list_value().values())
        {
            intervals.push_back(i.string_value());
        }
        written[{a, b, kind}] = intervals;
    }
    ASSERT_FALSE(written.empty());
    // An interval "begin/end" contains t when begin <= t <= end (ISO 8601 strings of one format
    // compare as text).
    auto availableAt = [&](const std::vector<std::string>& intervals, double t)
    {
        const std::string s = epoch.Iso8601(t);
        for (const auto& i : intervals)
        {
            const auto slash = i.find('/');
            if (i.substr(0, slash) <= s && s <= i.substr(slash + 1))
            {
                return true;
            }
        }
        return false;
    };
    TopologyController controller(*q.world, q.policy);
    int checked = 0;
    for (size_t k = 0; k + 1 < data.times.size(); ++k)
    {
        controller.Update(data.times[k]);
        std::set<std::tuple<std::string, std::string, std::string>> up;
        for (const auto& l : controller.Snapshot().links)
        {
            up.emplace(
                q.world->Nodes()[l.a].name, q.world->Nodes()[l.b].name, LinkKindName(l.kind));
        }
        for (const auto& key : up)
        {
            ASSERT_TRUE(written.count(key)) << std::get<0>(key) << "-" << std::get<1>(key);
        }
        for (const auto& [key, intervals] : written)
        {
            EXPECT_EQ(availableAt(intervals, data.times[k] + step / 2.0), up.count(key) == 1)
                << std::get<0>(key) << "-" << std::get<1>(key) << " at " << data.times[k];
            ++checked;
        }
    }
    EXPECT_GT(checked, 100);
}
