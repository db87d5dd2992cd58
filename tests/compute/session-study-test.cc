// The shipped session study (scenarios/studies/session-continuity.txtpb) does what its header
// says, on a reduced set of its runs (state of 100 kB, first seed, 30 s instead of 180: 4 runs):
// PER_TASK puts every task on the nearest satellite, STAY keeps each client on one satellite and
// its tail grows, MIGRATE follows the nearest satellite with its state over the ISLs, REPLACE
// follows it with the state sent again over the terminal's uplink.
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

const std::string kStudyScenarios = std::string(SAGIN_SOURCE_DIR) + "/scenarios";

struct ContinuityRun
{
    v1::RunResult result;
    std::vector<std::map<std::string, std::string>> tasks;
};

TEST(SessionStudy, SessionsStayMigrateAndReplaceAsTheHeaderSays)
{
    StudyPlan plan(kStudyScenarios + "/studies/session-continuity.txtpb");
    TempDir tmp;
    std::map<std::string, ContinuityRun> runs;
    int k = 0;
    for (const auto& run : plan.Runs())
    {
        RunSpec spec = run.spec;
        ASSERT_EQ(spec.scenario.compute().services_size(), 1);
        if (spec.scenario.compute().services(0).state_bytes() != 100000
            || spec.seed != plan.Runs().front().spec.seed)
        {
            continue;
        }
        spec.duration_s = 30.0;
        spec.quiet = true;
        const std::string dir = tmp.Path() + "/run" + std::to_string(k++);
        const std::string continuity = v1::ServicePlacement::Continuity_Name(
            spec.standard.compute().default_placement().continuity());
        ContinuityRun& r = runs[continuity];
        r.result = RunOne(spec, dir);
        const auto rows = ReadCsv(dir + "/compute.csv");
        for (size_t i = 1; i < rows.size(); ++i)
        {
            r.tasks.push_back(CsvRow(rows[0], rows[i]));
        }
    }
    ASSERT_EQ(runs.size(), 4u);
    const auto& reference = runs["PER_TASK"];
    ASSERT_GT(reference.tasks.size(), 1000u); // 6 x 10 /s x 29.5 s = 1,770 expected
    for (const auto& [name, r] : runs)
    {
        SCOPED_TRACE(name);
        // The same arrivals under every continuity (their random streams are the placement's
        // own), so the runs compare task by task.
        ASSERT_EQ(r.tasks.size(), reference.tasks.size());
        for (size_t i = 0; i < r.tasks.size(); ++i)
        {
            ASSERT_EQ(r.tasks[i].at("t_created_s"), reference.tasks[i].at("t_created_s"));
            ASSERT_EQ(r.tasks[i].at("client"), reference.tasks[i].at("client"));
        }
        EXPECT_EQ(r.result.compute().session_states_lost(), 0u);
    }
    const auto& c0 = reference.result.compute();
    EXPECT_EQ(c0.session_migrations() + c0.session_replacements(), 0u);
    EXPECT_EQ(c0.breakdown_ms().state_wait(), 0.0);

    // STAY: one satellite per client for the whole run, no move; clients whose satellite leaves
    // reach it over ever more ISL hops, so the tail grows.
    const auto& stay = runs["STAY"];
    std::map<std::string, std::set<std::string>> stayHosts;
    for (const auto& t : stay.tasks)
    {
        stayHosts[t.at("client")].insert(t.at("host"));
        EXPECT_EQ(t.at("session"), "");
    }
    EXPECT_EQ(stayHosts.size(), 6u);
    for (const auto& [client, hosts] : stayHosts)
    {
        EXPECT_EQ(hosts.size(), 1u) << client;
    }
    EXPECT_EQ(stay.result.compute().session_migrations(), 0u);
    EXPECT_EQ(stay.result.compute().session_replacements(), 0u);
    EXPECT_GT(stay.result.compute().completion_ms().p99(), c0.completion_ms().p99() + 20.0);

    // MIGRATE and REPLACE follow the nearest satellite: a task's host is the one PER_TASK picks
    // for the same task, except while a state is in flight (no move is decided then), and the
    // host of a client changes only at a task that moved the session.
    for (const char* name : {"MIGRATE", "REPLACE"})
    {
        SCOPED_TRACE(name);
        const auto& r = runs[name];
        const std::string mark = std::string(name) == "MIGRATE" ? "migrated" : "replaced";
        std::map<std::string, std::string> last;
        size_t moves = 0, differ = 0;
        for (size_t i = 0; i < r.tasks.size(); ++i)
        {
            const auto& t = r.tasks[i];
            const auto it = last.find(t.at("client"));
            if (it != last.end() && it->second != t.at("host"))
            {
                EXPECT_EQ(t.at("session"), mark) << "task " << t.at("task");
            }
            if (!t.at("session").empty())
            {
                EXPECT_EQ(t.at("session"), mark);
                ++moves;
            }
            last[t.at("client")] = t.at("host");
            differ += t.at("host") != reference.tasks[i].at("host") ? 1 : 0;
        }
        EXPECT_GE(moves, 1u);
        EXPECT_LT(differ, r.tasks.size() / 100);
        const auto& c = r.result.compute();
        EXPECT_EQ(mark == "migrated" ? c.session_migrations() : c.session_replacements(), moves);
        EXPECT_EQ(mark == "migrated" ? c.session_replacements() : c.session_migrations(), 0u);
    }
    // The state's path: over the terminal's 0.36 MHz NR uplink the re-sent state cannot be
    // faster than its 102,016 bytes of datagrams at the highest NR CQI efficiency of either
    // table (7.4063 bit/s/Hz, 256QAM): 0.306 s. Over the 20 Gbit/s ISLs its transmission takes
    // 41 us a hop, so a migrated task waits for little more than the ISL path between the two
    // satellites (tens of ms when one is on an ascending pass and the other on a descending one,
    // which +Grid links only around the far side of the shell).
    const double floor_ms = 102016 * 8 / (7.4063 * 0.36e6) * 1e3;
    for (const auto& t : runs["MIGRATE"].tasks)
    {
        if (t.at("session") == "migrated" && t.at("status") == "completed")
        {
            EXPECT_LT(std::stod(t.at("state_wait_ms")), floor_ms / 3) << "task " << t.at("task");
        }
    }
    for (const auto& t : runs["REPLACE"].tasks)
    {
        if (t.at("session") == "replaced")
        {
            ASSERT_EQ(t.at("status"), "completed");
            EXPECT_GT(std::stod(t.at("state_wait_ms")), floor_ms) << "task " << t.at("task");
        }
    }
    EXPECT_GT(runs["REPLACE"].result.compute().breakdown_ms().state_wait(),
              runs["MIGRATE"].result.compute().breakdown_ms().state_wait());
}

} // namespace
} // namespace sagin::test
