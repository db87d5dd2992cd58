// The shipped Earth-observation study (scenarios/studies/eo-processing.txtpb) and its three
// standards do what their headers say, on a reduced set of its runs (the lowest capture rate,
// first seed: 3 runs of 10 s of the eo-iberia world): each standard processes the captures where
// it says (on board the capturing satellite, at the Madrid gateway, in the Frankfurt cloud), and
// the feeder links carry the product of each capture (on board) or its raw data (on the ground),
// counted by hand from the datagrams.
#include "../common/temp-dir.h"
#include "../common/validation.h"
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

TEST(EoStudy, ProcessingRunsWhereTheHeadersSayAndFeedersCarryProductOrRaw)
{
    StudyPlan plan(kScenarios + "/studies/eo-processing.txtpb");
    TempDir tmp;
    std::map<std::string, v1::RunResult> results;
    std::map<std::string, std::set<std::string>> hosts;
    std::map<std::string, bool> onOwnSatellite;
    int k = 0;
    for (const auto& run : plan.Runs())
    {
        RunSpec spec = run.spec;
        ASSERT_EQ(spec.scenario.compute().services_size(), 1);
        if (spec.scenario.compute().services(0).rate_per_s() != 2.0
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
        onOwnSatellite[name] = true;
        for (size_t i = 1; i < rows.size(); ++i)
        {
            auto t = CsvRow(rows[0], rows[i]);
            hosts[name].insert(t["host"].substr(0, 4)); // "leo-", "gw-m", "clou"
            onOwnSatellite[name] = onOwnSatellite[name] && t["host"] == t["client"];
            EXPECT_EQ(t["client"].substr(0, 4), "leo-");
        }
    }
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(hosts["eo-onboard"], (std::set<std::string>{"leo-"}));
    EXPECT_TRUE(onOwnSatellite["eo-onboard"]);
    EXPECT_EQ(hosts["eo-gateway-edge"], (std::set<std::string>{"gw-m"}));
    EXPECT_EQ(hosts["eo-ground-cloud"], (std::set<std::string>{"clou"}));
    // Per capture on a feeder link: the product (50,000 bytes: 35 datagrams of 1,400 bytes and
    // one of 1,000, each + 28 bytes of UDP and IPv4) from on board, the raw data (1e6 bytes: 714
    // of 1,400 and one of 400) from the ground placements, each crossing one feeder link (down
    // to the Madrid gateway; the cloud's product returns over fiber).
    const double product = 50000 + 36 * 28;
    const double raw = 1000000 + 715 * 28;
    for (const auto& [name, r] : results)
    {
        SCOPED_TRACE(name);
        const auto& c = r.compute();
        EXPECT_GT(c.tasks(), 10u);
        EXPECT_EQ(c.completed(), c.tasks());
        ASSERT_TRUE(c.has_feeder_bytes_per_task());
        const double perTask = name == "eo-onboard" ? product : raw;
        ValidationCheck("compute.eo.study-feeder-" + name,
                        "hand count: datagrams x (payload + 28), one feeder crossing per capture",
                        "feeder bytes per capture, eo-iberia under " + name,
                        "bytes",
                        c.feeder_bytes_per_task(),
                        perTask,
                        0.0);
    }
    // On board pays 50 ms of compute against 25 ms at the gateway; the cloud adds the fiber to
    // Frankfurt and back (2 x 1,440 km x 1.468 / c = 14 ms) to the gateway's path.
    auto p50 = [&](const char* s)
    {
        return results[s].compute().completion_ms().p50();
    };
    EXPECT_LT(p50("eo-gateway-edge"), p50("eo-onboard"));
    EXPECT_LT(p50("eo-gateway-edge"), p50("eo-ground-cloud"));
}

} // namespace
} // namespace sagin::test
