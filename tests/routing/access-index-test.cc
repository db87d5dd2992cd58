// The spatial index of the terminals (LinkStateBuilder::BuildCandidates) against the brute
// force over every satellite-terminal pair: the same candidates, field for field and in the same
// order, for random terminals at several times, under an elevation mask (with a shell's own
// minimum), the range rule, and a bent pipe whose satellites serve only with a feeder.
#include "routing-test-util.h"
#include "routing/model/link-state-builder.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace sagin::test
{
namespace
{

/// Bitwise equality of two doubles (NaN equals NaN of the same pattern).
bool
Same(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

void
ExpectSameCandidates(const std::vector<std::vector<AccessCandidate>>& indexed,
                     const std::vector<std::vector<AccessCandidate>>& brute,
                     const std::string& where)
{
    ASSERT_EQ(indexed.size(), brute.size()) << where;
    size_t total = 0;
    for (size_t k = 0; k < brute.size(); ++k)
    {
        ASSERT_EQ(indexed[k].size(), brute[k].size()) << where << " terminal " << k;
        total += brute[k].size();
        for (size_t i = 0; i < brute[k].size(); ++i)
        {
            const SnapshotLink& x = indexed[k][i].link;
            const SnapshotLink& y = brute[k][i].link;
            EXPECT_EQ(indexed[k][i].layer, brute[k][i].layer);
            EXPECT_EQ(x.a, y.a);
            EXPECT_EQ(x.b, y.b);
            EXPECT_EQ(x.kind, y.kind);
            EXPECT_EQ(x.queuePackets, y.queuePackets);
            EXPECT_TRUE(Same(x.distance_m, y.distance_m) && Same(x.delay_s, y.delay_s)
                        && Same(x.elevation_deg, y.elevation_deg)
                        && Same(x.forwardCn_db, y.forwardCn_db)
                        && Same(x.forwardRate_bps, y.forwardRate_bps)
                        && Same(x.reverseRate_bps, y.reverseRate_bps))
                << where << " terminal " << k << " candidate " << i;
        }
    }
    EXPECT_GT(total, 100u) << where; // the case is not empty (the bent pipe's has about 180)
}

TEST(AccessIndex, IndexedCandidatesEqualTheBruteForceForRandomTerminals)
{
    v1::Scenario scenario = ShippedScenario("scenarios/starlink-gen1.txtpb");
    scenario.mutable_shells(2)->set_min_elevation_deg(35.0); // a shell's own mask
    scenario.mutable_link_limits()->set_max_gsl_length_m(1100e3);
    // 400 terminals uniform on the sphere (poles and the antimeridian included), 0-4 km high,
    // and 20 gateways, from a fixed linear congruential generator.
    std::uint64_t state = 7;
    auto uniform = [&state]()
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) * (1.0 / 9007199254740992.0);
    };
    for (int i = 0; i < 420; ++i)
    {
        auto* site = scenario.add_ground_sites();
        site->set_name((i < 400 ? "ut-" : "gw-") + std::to_string(i));
        site->set_role(i < 400 ? v1::Node::UT : v1::Node::GW);
        site->mutable_position()->set_lat_deg(std::asin(2 * uniform() - 1) * 180 / M_PI);
        site->mutable_position()->set_lon_deg(360 * uniform() - 180);
        site->mutable_position()->set_alt_m(4000 * uniform());
    }
    scenario.mutable_ground_sites(0)->mutable_position()->set_lat_deg(90);
    scenario.mutable_ground_sites(1)->mutable_position()->set_lon_deg(180);
    auto world = MakeWorld(scenario);
    const std::vector<std::string> standards = {
        R"(name: "mask" payload: REGENERATIVE access_layers: [SPACE] visibility { space_deg: 25 })",
        R"(name: "range" payload: REGENERATIVE access_layers: [SPACE] visibility { rule: SCENARIO_RANGE })",
        R"(name: "bent" payload: TRANSPARENT access_layers: [SPACE] visibility { space_deg: 10 feeder_deg: 30 }
           access { max_gateway_links: 2 })",
    };
    for (const auto& text : standards)
    {
        const StandardPolicy policy = Resolve(StandardFromText(text), *world);
        LinkStateBuilder indexed(*world, policy);
        LinkStateBuilder brute(*world, policy);
        brute.SetBruteForce(true);
        for (double t : {0.0, 617.3, 5400.0})
        {
            TopologySnapshot a;
            TopologySnapshot b;
            std::vector<std::vector<AccessCandidate>> ca;
            std::vector<std::vector<AccessCandidate>> cb;
            indexed.Positions(t, a.positions);
            brute.Positions(t, b.positions);
            indexed.Build(a, ca);
            brute.Build(b, cb);
            ExpectSameCandidates(ca, cb, policy.name + " t=" + std::to_string(t));
        }
    }
}

} // namespace
} // namespace sagin::test
