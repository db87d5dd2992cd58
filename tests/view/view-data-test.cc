// The data `sagin view` writes: positions equal to the trajectories' at each sample (to float32
// rounding), a link listed as up at a sample exactly when the topology controller has it then,
// and files of the sizes the layout gives.
#include "quickstart-fixture.h"
#include "routing/model/topology-controller.h"
#include "scenario/model/ephemeris.h"
#include "view/model/view-data.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <tuple>

using namespace sagin;
using namespace sagin::test;
namespace fs = std::filesystem;

namespace
{

/// float32 keeps 24 significant bits: a coordinate c is stored within |c| * 2^-24 (half an ulp)
/// of its double value; a GEO satellite (|c| <= 4.3e7 m) within 2.6 m, a LEO within 0.45 m.
double
FloatTolerance(double c)
{
    return std::abs(c) * std::ldexp(1.0, -24) + 1e-9;
}

void
ExpectPositionsOfTrajectories(const World& world, const ViewData& data)
{
    const std::size_t n = world.Nodes().size();
    ASSERT_EQ(data.positions.size(), data.Samples() * n * 3);
    for (std::size_t k = 0; k < data.Samples(); ++k)
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            const Vec3 p = world.Nodes()[i].trajectory->PositionAt(data.times[k]);
            const float* v = &data.positions[(k * n + i) * 3];
            EXPECT_NEAR(v[0], p.x, FloatTolerance(p.x)) << world.Nodes()[i].name << " k=" << k;
            EXPECT_NEAR(v[1], p.y, FloatTolerance(p.y)) << world.Nodes()[i].name << " k=" << k;
            EXPECT_NEAR(v[2], p.z, FloatTolerance(p.z)) << world.Nodes()[i].name << " k=" << k;
        }
    }
}

} // namespace

TEST(ViewData, SampleTimesAreTheEphemerisTimes)
{
    Quickstart q;
    // 0, 10, 20, 30: duration / step + 1 = 30 / 10 + 1 = 4 samples.
    const ViewData data = SampleView(*q.world, &q.policy, 0.0, 30.0, 10.0);
    EXPECT_EQ(data.times, (std::vector<double>{0.0, 10.0, 20.0, 30.0}));
    EXPECT_THROW(SampleView(*q.world, nullptr, 0.0, 30.0, 0.0), InputError);
}

TEST(ViewData, PositionsAreTheTrajectoriesAtEachSample)
{
    Quickstart q;
    ExpectPositionsOfTrajectories(*q.world, SampleView(*q.world, &q.policy, 0.0, 30.0, 10.0));
    ExpectPositionsOfTrajectories(*q.world, SampleView(*q.world, nullptr, 5.0, 20.0, 7.0));
}

TEST(ViewData, LinkUpAtASampleIffTheTopologyHasIt)
{
    Quickstart q;
    const double step = 2.0;
    const ViewData data = SampleView(*q.world, &q.policy, 0.0, 30.0, step);
    ASSERT_TRUE(data.hasStandard);
    ASSERT_FALSE(data.links.empty());
    // An independent controller updated at the same times (the access policy has hysteresis:
    // the same sequence of updates gives the same choices).
    TopologyController controller(*q.world, q.policy);
    std::set<std::tuple<int, int, int>> listed;
    for (std::size_t l = 0; l < data.links.size(); ++l)
    {
        const auto& v = data.links[l];
        EXPECT_TRUE(listed.emplace(v.a, v.b, static_cast<int>(v.kind)).second) << "listed twice";
        for (std::size_t r = 1; r < v.up.size(); ++r)
        {
            EXPECT_GT(v.up[r].first, v.up[r - 1].second + 1) << "ranges overlap or touch";
        }
    }
    std::set<int> kinds;
    for (std::size_t k = 0; k < data.Samples(); ++k)
    {
        controller.Update(data.times[k]);
        std::set<std::tuple<int, int, int>> up;
        for (const auto& l : controller.Snapshot().links)
        {
            up.emplace(l.a, l.b, static_cast<int>(l.kind));
            kinds.insert(static_cast<int>(l.kind));
        }
        for (std::size_t l = 0; l < data.links.size(); ++l)
        {
            const auto& v = data.links[l];
            EXPECT_EQ(data.Up(l, static_cast<int>(k)),
                      up.count({v.a, v.b, static_cast<int>(v.kind)}) == 1)
                << v.a << "-" << v.b << " kind " << static_cast<int>(v.kind) << " at " << k;
        }
        for (const auto& key : up)
        {
            EXPECT_EQ(listed.count(key), 1u) << "a link of the topology is missing";
        }
    }
    // The multilayer standard on the quick start has ISLs, feeders and service links at least.
    EXPECT_TRUE(kinds.count(static_cast<int>(LinkKind::Isl)));
    EXPECT_TRUE(kinds.count(static_cast<int>(LinkKind::Feeder)));
}

TEST(ViewData, WithoutStandardNoLinks)
{
    Quickstart q;
    const ViewData data = SampleView(*q.world, nullptr, 0.0, 30.0, 10.0);
    EXPECT_FALSE(data.hasStandard);
    EXPECT_TRUE(data.links.empty());
}

TEST(ViewData, FilesHaveTheLayoutsSize)
{
    Quickstart q;
    const ViewData data = SampleView(*q.world, &q.policy, 0.0, 30.0, 10.0);
    const fs::path dir = fs::temp_directory_path() / ("view-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    ViewSiteInfo info{"quickstart", "sagin-multilayer", "2026-03-01T10:00:00.000Z", {}};
    WriteViewData(data, info, dir.string());
    // positions.bin: samples x nodes x 3 coordinates x 4 bytes = 4 x 315 x 12 = 15,120 bytes.
    EXPECT_EQ(q.world->Nodes().size(), 315u);
    EXPECT_EQ(fs::file_size(dir / "data" / "positions.bin"), 4u * 315u * 12u);
    std::ifstream bin(dir / "data" / "positions.bin", std::ios::binary);
    std::vector<float> back(4 * 315 * 3);
    bin.read(reinterpret_cast<char*>(back.data()), static_cast<std::streamsize>(back.size() * 4));
    EXPECT_EQ(back, data.positions);
    std::ifstream js(dir / "data" / "world.json");
    std::stringstream s;
    s << js.rdbuf();
    const std::string json = s.str();
    EXPECT_NE(json.find("\"times_s\": [0,10,20,30]"), std::string::npos);
    EXPECT_NE(json.find("[\"leo-0-0\",\"sat\",\"space\",0]"), std::string::npos);
    EXPECT_NE(json.find("\"has_links\": true"), std::string::npos);
    // One line per node and per link in the node and link arrays.
    std::size_t lines = 0;
    for (char c : json)
    {
        lines += c == '\n';
    }
    EXPECT_GE(lines, q.world->Nodes().size() + data.links.size());
    fs::remove_all(dir);
}
