// ComputeServer (one compute host: c servers, one FIFO queue) fed by a Poisson process in ns-3
// simulated time, against the closed forms of queueing theory: M/M/1 and M/D/1 mean waiting
// times, Erlang C for M/M/c, Erlang B for a loss system (no waiting room). The estimate is the
// mean over a long run, its confidence interval from batch means; the test passes when the
// closed form lies inside the 99 % interval (and the interval is narrow, so that it means
// something).
#include "../common/batch-means.h"
#include "../common/validation.h"
#include "compute/model/compute-server.h"

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <ns3/double.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <numeric>
#include <vector>

using namespace sagin;

namespace
{

struct QueueRun
{
    std::vector<double> wait_s; ///< per served task, in arrival order
    std::uint64_t offered = 0;
    std::uint64_t refused = 0;
};

/// `tasks` Poisson arrivals at `lambda` per s to a host of `servers` servers with mean service
/// time `mean_s`.
QueueRun
Simulate(double lambda,
         double mean_s,
         std::uint32_t servers,
         bool deterministic,
         std::uint64_t tasks,
         std::uint32_t queueLimit = std::numeric_limits<std::uint32_t>::max(),
         std::vector<ComputeServer::RateStep> rate = {})
{
    ns3::RngSeedManager::SetSeed(12345);
    ns3::RngSeedManager::SetRun(7);
    QueueRun run;
    ComputeServer server(servers, queueLimit);
    server.SetStream(1);
    server.SetRateFactor(std::move(rate));
    auto gap = ns3::CreateObject<ns3::ExponentialRandomVariable>();
    gap->SetAttribute("Mean", ns3::DoubleValue(1.0 / lambda));
    gap->SetStream(2);
    std::vector<std::int64_t> arrived(tasks, -1);
    run.wait_s.assign(tasks, -1.0);
    std::function<void(std::uint64_t)> arrive;
    arrive = [&](std::uint64_t id)
    {
        arrived[id] = ns3::Simulator::Now().GetNanoSeconds();
        ++run.offered;
        const bool ok = server.Submit(id,
                                      mean_s,
                                      deterministic,
                                      [&](std::uint64_t t, std::int64_t start, std::int64_t)
                                      {
                                          run.wait_s[t] = (start - arrived[t]) * 1e-9;
                                      });
        run.refused += ok ? 0 : 1;
        if (id + 1 < tasks)
        {
            ns3::Simulator::Schedule(ns3::Seconds(gap->GetValue()),
                                     [&arrive, id]()
                                     {
                                         arrive(id + 1);
                                     });
        }
    };
    ns3::Simulator::Schedule(ns3::Seconds(gap->GetValue()),
                             [&arrive]()
                             {
                                 arrive(0);
                             });
    ns3::Simulator::Run();
    ns3::Simulator::Destroy();
    std::vector<double> served;
    for (double w : run.wait_s)
    {
        if (w >= 0.0)
        {
            served.push_back(w);
        }
    }
    run.wait_s = served;
    return run;
}

} // namespace

TEST(ComputeServer, MM1WaitingTimeIsRhoOverMuMinusLambda)
{
    // lambda = 0.5 /s, mu = 1 /s: rho = 0.5, W_q = rho / (mu - lambda) = 0.5 / 0.5 = 1 s.
    const QueueRun run = Simulate(0.5, 1.0, 1, false, 400000);
    const sagin::test::Estimate e = sagin::test::BatchMeans(run.wait_s);
    EXPECT_LT(e.half99, 0.05);
    sagin::test::ValidationCheck("compute.mm1-wait",
                                 "M/M/1: W_q = rho / (mu - lambda)",
                                 "mean waiting time, rho = 0.5, 4e5 tasks (99 % CI half-width)",
                                 "s",
                                 e.mean,
                                 1.0,
                                 e.half99);
}

TEST(ComputeServer, MD1WaitingTimeIsPollaczekKhinchine)
{
    // Deterministic service 1 s, lambda = 0.5 /s: W_q = rho / (2 mu (1 - rho)) = 0.5 / (2 x 1 x
    // 0.5) = 0.5 s.
    const QueueRun run = Simulate(0.5, 1.0, 1, true, 400000);
    const sagin::test::Estimate e = sagin::test::BatchMeans(run.wait_s);
    EXPECT_LT(e.half99, 0.03);
    sagin::test::ValidationCheck("compute.md1-wait",
                                 "M/D/1: Pollaczek-Khinchine W_q = rho / (2 mu (1 - rho))",
                                 "mean waiting time, rho = 0.5, 4e5 tasks (99 % CI half-width)",
                                 "s",
                                 e.mean,
                                 0.5,
                                 e.half99);
}

TEST(ComputeServer, MMcWaitingTimeIsErlangC)
{
    // c = 3, lambda = 2.4 /s, mu = 1 /s: a = 2.4, rho = 0.8.
    // a^3/3! = 13.824 / 6 = 2.304; times c / (c - a) = 3 / 0.6 = 5: 11.52.
    // sum_{k<3} a^k/k! = 1 + 2.4 + 2.88 = 6.28.
    // Erlang C = 11.52 / (6.28 + 11.52) = 0.6471910; W_q = C / (c mu - lambda) = C / 0.6
    // = 1.0786517 s.
    const double erlangC = 11.52 / (6.28 + 11.52);
    const double wq = erlangC / 0.6;
    const QueueRun run = Simulate(2.4, 1.0, 3, false, 600000);
    const sagin::test::Estimate e = sagin::test::BatchMeans(run.wait_s);
    EXPECT_LT(e.half99, 0.07);
    sagin::test::ValidationCheck(
        "compute.mmc-wait",
        "M/M/c: Erlang C, W_q = C(c, a) / (c mu - lambda)",
        "mean waiting time, c = 3, rho = 0.8, 6e5 tasks (99 % CI half-width)",
        "s",
        e.mean,
        wq,
        e.half99);
    // The fraction of tasks that wait is Erlang C itself.
    std::uint64_t waited = 0;
    for (double w : run.wait_s)
    {
        waited += w > 0.0 ? 1 : 0;
    }
    const double p = static_cast<double>(waited) / run.wait_s.size();
    EXPECT_NEAR(p, erlangC, 0.01);
}

TEST(ComputeServer, LossSystemRefusesErlangB)
{
    // queue_limit 0 (no waiting room), c = 2, a = lambda / mu = 1: Erlang B
    // = (a^2 / 2!) / (1 + a + a^2 / 2!) = 0.5 / 2.5 = 0.2 of the tasks refused.
    const QueueRun run = Simulate(1.0, 1.0, 2, false, 200000, 0);
    const double p = static_cast<double>(run.refused) / run.offered;
    // Binomial standard error sqrt(0.2 x 0.8 / 2e5) = 0.00089; 4 of them.
    sagin::test::ValidationCheck("compute.erlang-b",
                                 "M/M/c/c: Erlang B",
                                 "fraction of tasks refused, c = 2, a = 1, 2e5 tasks",
                                 "",
                                 p,
                                 0.2,
                                 0.0036);
    for (double w : run.wait_s)
    {
        ASSERT_EQ(w, 0.0); // nobody waits in a loss system
    }
}

TEST(ComputeServer, HalvedRateFactorGivesTheMM1WaitOfTheHalvedRate)
{
    // A constant factor 0.5 from t = 0: mu = 2 /s becomes mu' = 1 /s; lambda = 0.5 /s:
    // W_q = rho' / (mu' - lambda) = 0.5 / 0.5 = 1 s (at the full rate it would be
    // 0.25 / 1.5 = 0.1667 s).
    const QueueRun run = Simulate(
        0.5, 0.5, 1, false, 400000, std::numeric_limits<std::uint32_t>::max(), {{0.0, 0.5}});
    const sagin::test::Estimate e = sagin::test::BatchMeans(run.wait_s);
    EXPECT_LT(e.half99, 0.05);
    sagin::test::ValidationCheck("compute.mm1-wait-half-rate",
                                 "M/M/1 at half the rate: W_q = rho' / (mu/2 - lambda)",
                                 "mean waiting time, rate factor 0.5, rho' = 0.5, 4e5 tasks (99 % "
                                 "CI half-width)",
                                 "s",
                                 e.mean,
                                 1.0,
                                 e.half99);
}

TEST(ComputeServer, WorkProgressesAtTheRateOfEachMomentAndWaitsForPower)
{
    // Factor 1 before 10 s, 0 from 10 s, 0.5 from 20 s.
    ComputeServer server(1);
    server.SetRateFactor({{10.0, 0.0}, {20.0, 0.5}});
    EXPECT_EQ(server.RateFactor(9.999), 1.0);
    EXPECT_EQ(server.RateFactor(10.0), 0.0);
    EXPECT_EQ(server.RateFactor(25.0), 0.5);
    // 8 s of work from 5 s: 5 s done by 10 s, none from 10 to 20 s, the last 3 s at half rate
    // take 6 s: done at 26 s.
    EXPECT_DOUBLE_EQ(server.FinishTime(5.0, 8.0), 26.0);
    // Started in the stall: 1 s of work from 12 s is done at 20 + 1 / 0.5 = 22 s.
    EXPECT_DOUBLE_EQ(server.FinishTime(12.0, 1.0), 22.0);
    // Before the first step and within it: 2 s of work from 1 s, done at 3 s.
    EXPECT_DOUBLE_EQ(server.FinishTime(1.0, 2.0), 3.0);
    ComputeServer dark(1);
    dark.SetRateFactor({{10.0, 0.0}});
    EXPECT_TRUE(std::isinf(dark.FinishTime(5.0, 8.0)));

    // In simulated time (deterministic 2 s tasks, 1 server): task 0 arrives at 9 s and is
    // paused by the stall (1 s done, 1 s left at 0.5: done at 22 s); task 1 arrives at 15 s,
    // during the stall, and waits in the queue (the server is busy anyway); task 2 arrives at
    // 14 s at a second host whose server is free: it does not start at rate 0 but waits until
    // 20 s, then takes 2 / 0.5 = 4 s: done at 24 s. Task 1 starts when task 0 ends (22 s) and
    // ends at 26 s.
    ComputeServer other(1);
    other.SetRateFactor({{10.0, 0.0}, {20.0, 0.5}});
    std::map<std::uint64_t, std::pair<double, double>> served;
    auto done = [&](std::uint64_t t, std::int64_t s, std::int64_t e)
    {
        served[t] = {s * 1e-9, e * 1e-9};
    };
    ns3::Simulator::Schedule(ns3::Seconds(9.0),
                             [&]()
                             {
                                 server.Submit(0, 2.0, true, done);
                             });
    ns3::Simulator::Schedule(ns3::Seconds(15.0),
                             [&]()
                             {
                                 server.Submit(1, 2.0, true, done);
                             });
    ns3::Simulator::Schedule(ns3::Seconds(14.0),
                             [&]()
                             {
                                 other.Submit(2, 2.0, true, done);
                                 EXPECT_EQ(other.InSystem(), 1u);
                                 EXPECT_EQ(other.BusyServerSeconds(0.0, 14.0), 0.0);
                             });
    ns3::Simulator::Run();
    ns3::Simulator::Destroy();
    ASSERT_EQ(served.size(), 3u);
    EXPECT_DOUBLE_EQ(served[0].first, 9.0);
    EXPECT_DOUBLE_EQ(served[0].second, 22.0);
    EXPECT_DOUBLE_EQ(served[1].first, 22.0);
    EXPECT_DOUBLE_EQ(served[1].second, 26.0);
    EXPECT_DOUBLE_EQ(served[2].first, 20.0);
    EXPECT_DOUBLE_EQ(served[2].second, 24.0);
}
