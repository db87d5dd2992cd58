// The compute of one host: `servers` parallel servers in front of one FIFO queue, in ns-3
// simulated time (an M/G/c queue when tasks arrive as a Poisson process). A task's service time
// is drawn when it starts service, from its mean (exponential or deterministic), and the task is
// done when the host, running at its rate factor of each moment, has worked that long.
#ifndef SAGIN_COMPUTE_COMPUTE_SERVER_H
#define SAGIN_COMPUTE_COMPUTE_SERVER_H

#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <ns3/nstime.h>
#include <ns3/ptr.h>
#include <ns3/random-variable-stream.h>
#include <vector>

namespace sagin
{

class ComputeServer
{
  public:
    /// When a task leaves service: its id, the times (ns) it started and ended service.
    using Done = std::function<void(std::uint64_t task, std::int64_t startNs, std::int64_t endNs)>;

    /// `queueLimit`: tasks that may wait (not in service); max(): no limit.
    ComputeServer(std::uint32_t servers,
                  std::uint32_t queueLimit = std::numeric_limits<std::uint32_t>::max());

    /// Draws service times from this stream (an ns-3 stream index: the same draws for the same
    /// index whatever else the run does).
    void SetStream(std::int64_t stream);

    /// From `begin_s` on, the host runs at `factor` (>= 0) times its full rate.
    struct RateStep
    {
        double begin_s = 0.0;
        double factor = 1.0;
    };

    /// A time-varying service rate (a satellite's power budget, issue 15): a piecewise-constant
    /// factor, each step until the next one's begin (the last one for ever), 1 before the first;
    /// `steps` in time order. A task's work (its service time at the full rate, drawn when it
    /// starts) progresses at the factor of each moment: a task in service while the factor is 0
    /// pauses and goes on when it turns positive. No task starts while the factor is 0: it waits
    /// in the queue (and counts against the queue limit) until the factor turns positive; a task
    /// that could never finish stays where it is. Default: no steps, 1 at every time.
    void SetRateFactor(std::vector<RateStep> steps);

    /// The rate factor at t (s).
    double RateFactor(double t_s) const;

    /// The time (s) at which `work_s` seconds of full-rate work started at `start_s` are done
    /// under the rate factor; infinity if never.
    double FinishTime(double start_s, double work_s) const;

    /// A task arrives now with mean service time `mean_s`; `deterministic`: always the mean,
    /// else exponential. Returns false (and calls nothing) when the queue is full.
    bool Submit(std::uint64_t task, double mean_s, bool deterministic, Done done);

    std::uint32_t Servers() const
    {
        return m_servers;
    }

    /// Tasks waiting and in service now.
    std::uint32_t InSystem() const
    {
        return static_cast<std::uint32_t>(m_queue.size()) + m_busy;
    }

    /// Tasks per server (waiting and in service) at time t_ns <= now, from the history of
    /// changes (the load a control plane would report, as of t).
    double LoadAt(std::int64_t t_ns) const;

    /// Server-seconds busy between a and b (s), b <= now.
    double BusyServerSeconds(double a_s, double b_s) const;

  private:
    struct Waiting
    {
        std::uint64_t task;
        double mean_s;
        bool deterministic;
        Done done;
    };

    void Start(Waiting w);
    /// Starts waiting tasks on free servers when the factor turns positive again.
    void ScheduleWake();
    void Wake();
    /// Index of the step in force at t; -1 before the first.
    long StepAt(double t_s) const;
    void Finish(std::uint64_t task, std::int64_t startNs, Done done);
    void Record();

    std::uint32_t m_servers;
    std::uint32_t m_queueLimit;
    std::uint32_t m_busy = 0;
    std::deque<Waiting> m_queue;
    ns3::Ptr<ns3::ExponentialRandomVariable> m_exp;
    std::vector<RateStep> m_steps;
    bool m_wakeScheduled = false;
    /// (time ns, tasks in system, busy servers) after every change, in time order.
    struct Change
    {
        std::int64_t t_ns;
        std::uint32_t inSystem;
        std::uint32_t busy;
    };
    std::vector<Change> m_history;
};

} // namespace sagin

#endif
