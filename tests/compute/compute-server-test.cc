// ComputeServer (one compute host: c servers, one FIFO queue) fed by a Poisson process in ns-3
// simulated time, against the closed forms of queueing theory: M/M/1 and M/D/1 mean waiting
// times, Erlang C for M/M/c, Erlang B for a loss system (no waiting room). The estimate is the
// mean over a long run, its confidence interval from batch means; the test passes when the
// closed form lies inside the 99 % interval (and the interval is narrow, so that it means
// something).
#include "../common/validation.h"
#include "compute/model/compute-server.h"

#include <cmath>
#include <gtest/gtest.h>
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
         std::uint32_t queueLimit = std::numeric_limits<std::uint32_t>::max())
{
    ns3::RngSeedManager::SetSeed(12345);
    ns3::RngSeedManager::SetRun(7);
    QueueRun run;
    ComputeServer server(servers, queueLimit);
    server.SetStream(1);
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

struct Estimate
{
    double mean;
    double half99; ///< half-width of the 99 % confidence interval
};

/// Mean and 99 % interval from 50 batch means (the first tenth of the run dropped as warm-up):
/// t(0.995, 49 dof) = 2.680.
Estimate
BatchMeans(const std::vector<double>& x)
{
    const size_t skip = x.size() / 10;
    const size_t batches = 50;
    const size_t per = (x.size() - skip) / batches;
    std::vector<double> means;
    for (size_t b = 0; b < batches; ++b)
    {
        const auto first = x.begin() + skip + b * per;
        means.push_back(std::accumulate(first, first + per, 0.0) / per);
    }
    const double mean = std::accumulate(means.begin(), means.end(), 0.0) / batches;
    double ss = 0.0;
    for (double m : means)
    {
        ss += (m - mean) * (m - mean);
    }
    const double sd = std::sqrt(ss / (batches - 1));
    return {mean, 2.680 * sd / std::sqrt(static_cast<double>(batches))};
}

} // namespace

TEST(ComputeServer, MM1WaitingTimeIsRhoOverMuMinusLambda)
{
    // lambda = 0.5 /s, mu = 1 /s: rho = 0.5, W_q = rho / (mu - lambda) = 0.5 / 0.5 = 1 s.
    const QueueRun run = Simulate(0.5, 1.0, 1, false, 400000);
    const Estimate e = BatchMeans(run.wait_s);
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
    const Estimate e = BatchMeans(run.wait_s);
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
    const Estimate e = BatchMeans(run.wait_s);
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
