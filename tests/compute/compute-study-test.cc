// The shipped compute study (scenarios/studies/edge-compute-placement.txtpb) and its four
// standards do what their headers say, on a reduced set of its runs (the lowest offered load,
// first seed: 4 runs of 10 s): each standard's tasks run where it places them, through the user
// plane it describes, and the completion times order as the placements' paths do.
#include "../common/temp-dir.h"
#include "../run/run-test-util.h"
#include "run/model/run-engine.h"
#include "study/model/study-plan.h"

#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>

namespace sagin::test
{
namespace
{

const std::string kScenarios = std::string(SAGIN_SOURCE_DIR) + "/scenarios";

TEST(ComputeStudy, PlacementsRunWhereTheirHeadersSayAndOrderByPath)
{
    StudyPlan plan(kScenarios + "/studies/edge-compute-placement.txtpb");
    TempDir tmp;
    std::map<std::string, v1::RunResult> results;
    std::map<std::string, std::set<std::string>> hosts, anchors;
    int k = 0;
    for (const auto& run : plan.Runs())
    {
        RunSpec spec = run.spec;
        ASSERT_EQ(spec.scenario.compute().services_size(), 1);
        if (spec.scenario.compute().services(0).rate_per_s() != 10.0
            || spec.seed != plan.Runs().front().spec.seed)
        {
            continue;
        }
        spec.quiet = true;
        const std::string dir = tmp.Path() + "/run" + std::to_string(k++);
        const v1::RunResult r = RunOne(spec, dir);
        const std::string name = spec.standard.name();
        results[name] = r;
        const auto rows = ReadCsv(dir + "/compute.csv");
        ASSERT_GT(rows.size(), 1u);
        for (size_t i = 1; i < rows.size(); ++i)
        {
            hosts[name].insert(rows[i][3].substr(0, 4)); // "leo-", "gw-m", "clou"
            anchors[name].insert(rows[i][4]);
        }
    }
    ASSERT_EQ(results.size(), 4u);
    // Where (compute.csv host) and through which user plane (anchor).
    EXPECT_EQ(hosts["compute-ground-cloud"], (std::set<std::string>{"clou"}));
    EXPECT_EQ(hosts["compute-gateway-edge"], (std::set<std::string>{"gw-m"}));
    EXPECT_EQ(hosts["compute-in-orbit"], (std::set<std::string>{"leo-"}));
    EXPECT_EQ(hosts["compute-onboard-upf"], (std::set<std::string>{"leo-"}));
    EXPECT_EQ(anchors["compute-in-orbit"], (std::set<std::string>{"gw-madrid"}));
    EXPECT_EQ(anchors["compute-onboard-upf"], (std::set<std::string>{""}));
    for (const auto& [name, r] : results)
    {
        EXPECT_EQ(r.compute().completed(), r.compute().tasks()) << name;
        EXPECT_GT(r.compute().tasks(), 400u) << name; // 6 x 10 /s x 9.5 s = 570 expected
    }
    // Paths: the on-board UPF stays in orbit; the gateway edge adds the feeder down and up; in
    // orbit behind the ground user plane adds a feeder round trip more (to the anchor and back up
    // to the satellite, each way); the cloud adds about 1,440 km of fiber (7 ms) each way to the
    // gateway's path.
    auto p50 = [&](const char* s)
    {
        return results[s].compute().completion_ms().p50();
    };
    EXPECT_LT(p50("compute-onboard-upf"), p50("compute-gateway-edge"));
    EXPECT_LT(p50("compute-gateway-edge"), p50("compute-in-orbit"));
    EXPECT_LT(p50("compute-in-orbit"), p50("compute-ground-cloud"));
    EXPECT_GT(p50("compute-ground-cloud") - p50("compute-gateway-edge"),
              2 * 1440e3 * 1.468 / kC * 1e3 - 0.5);
    // The 20 ms deadline: only the on-board UPF meets it for most tasks.
    EXPECT_LT(results["compute-onboard-upf"].compute().deadline_miss_fraction(), 0.2);
    EXPECT_GT(results["compute-ground-cloud"].compute().deadline_miss_fraction(), 0.9);
}

} // namespace
} // namespace sagin::test
