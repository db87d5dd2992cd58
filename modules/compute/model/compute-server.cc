#include "compute/model/compute-server.h"

#include <algorithm>
#include <cmath>
#include <ns3/double.h>
#include <ns3/simulator.h>
#include <stdexcept>

namespace sagin
{

ComputeServer::ComputeServer(std::uint32_t servers, std::uint32_t queueLimit)
    : m_servers(std::max<std::uint32_t>(servers, 1))
    , m_queueLimit(queueLimit)
    , m_exp(ns3::CreateObject<ns3::ExponentialRandomVariable>())
{
    m_exp->SetAttribute("Mean", ns3::DoubleValue(1.0));
    m_history.push_back({0, 0, 0});
}

void
ComputeServer::SetStream(std::int64_t stream)
{
    m_exp->SetStream(stream);
}

void
ComputeServer::SetRateFactor(std::vector<RateStep> steps)
{
    for (size_t i = 0; i < steps.size(); ++i)
    {
        if (!(steps[i].factor >= 0.0 && std::isfinite(steps[i].factor))
            || !std::isfinite(steps[i].begin_s)
            || (i > 0 && !(steps[i].begin_s >= steps[i - 1].begin_s)))
        {
            throw std::logic_error("ComputeServer: rate steps must be finite, >= 0, in time order");
        }
    }
    m_steps = std::move(steps);
}

long
ComputeServer::StepAt(double t_s) const
{
    auto it = std::upper_bound(m_steps.begin(),
                               m_steps.end(),
                               t_s,
                               [](double t, const RateStep& s)
                               {
                                   return t < s.begin_s;
                               });
    return static_cast<long>(it - m_steps.begin()) - 1;
}

double
ComputeServer::RateFactor(double t_s) const
{
    const long i = StepAt(t_s);
    return i < 0 ? 1.0 : m_steps[i].factor;
}

double
ComputeServer::FinishTime(double start_s, double work_s) const
{
    double t = start_s;
    double left = work_s;
    const long n = static_cast<long>(m_steps.size());
    for (long i = StepAt(t);; ++i)
    {
        const double factor = i < 0 ? 1.0 : m_steps[i].factor;
        const double end
            = i + 1 < n ? m_steps[i + 1].begin_s : std::numeric_limits<double>::infinity();
        if (factor > 0.0)
        {
            const double need = left / factor;
            if (need <= end - t)
            {
                return t + need;
            }
            left -= (end - t) * factor;
        }
        if (std::isinf(end))
        {
            return end; // the factor stays 0 for ever
        }
        t = std::max(t, end);
    }
}

bool
ComputeServer::Submit(std::uint64_t task, double mean_s, bool deterministic, Done done)
{
    const bool powered = m_steps.empty() || RateFactor(ns3::Simulator::Now().GetSeconds()) > 0.0;
    if (m_busy < m_servers && powered)
    {
        Start({task, mean_s, deterministic, std::move(done)});
        return true;
    }
    if (m_queue.size() >= m_queueLimit)
    {
        return false;
    }
    m_queue.push_back({task, mean_s, deterministic, std::move(done)});
    Record();
    if (!powered)
    {
        ScheduleWake();
    }
    return true;
}

void
ComputeServer::ScheduleWake()
{
    if (m_wakeScheduled)
    {
        return;
    }
    // The first step from now on with a positive factor.
    const double now = ns3::Simulator::Now().GetSeconds();
    for (size_t i = static_cast<size_t>(std::max(0L, StepAt(now))); i < m_steps.size(); ++i)
    {
        if (m_steps[i].factor > 0.0 && m_steps[i].begin_s > now)
        {
            // At the first nanosecond not before the step (Wake starts tasks whatever the factor
            // at that rounded instant says, so this cannot spin).
            const auto at = static_cast<std::int64_t>(std::ceil(m_steps[i].begin_s * 1e9));
            m_wakeScheduled = true;
            ns3::Simulator::Schedule(ns3::NanoSeconds(at) - ns3::Simulator::Now(),
                                     [this]()
                                     {
                                         Wake();
                                     });
            return;
        }
    }
}

void
ComputeServer::Wake()
{
    m_wakeScheduled = false;
    while (m_busy < m_servers && !m_queue.empty())
    {
        Waiting next = std::move(m_queue.front());
        m_queue.pop_front();
        Start(std::move(next));
    }
}

void
ComputeServer::Start(Waiting w)
{
    ++m_busy;
    Record();
    // Exponential with mean 1 scaled: the draw does not depend on the mean, so the same stream
    // gives the same sequence of unit draws whatever the services.
    const double unit = w.deterministic ? 1.0 : m_exp->GetValue();
    const double work_s = w.mean_s * unit;
    const std::int64_t startNs = ns3::Simulator::Now().GetNanoSeconds();
    const std::uint64_t task = w.task;
    Done done = std::move(w.done);
    auto finish = [this, task, startNs, done]()
    {
        Finish(task, startNs, done);
    };
    if (m_steps.empty())
    {
        ns3::Simulator::Schedule(ns3::Seconds(work_s), finish);
        return;
    }
    const double now = ns3::Simulator::Now().GetSeconds();
    const double end = FinishTime(now, work_s);
    if (std::isinf(end))
    {
        return; // no power for the rest of the run: the task never finishes
    }
    ns3::Simulator::Schedule(ns3::Seconds(end - now), finish);
}

void
ComputeServer::Finish(std::uint64_t task, std::int64_t startNs, Done done)
{
    --m_busy;
    const bool powered = m_steps.empty() || RateFactor(ns3::Simulator::Now().GetSeconds()) > 0.0;
    if (!m_queue.empty() && powered)
    {
        Waiting next = std::move(m_queue.front());
        m_queue.pop_front();
        Start(std::move(next)); // records the change
    }
    else
    {
        Record();
        if (!m_queue.empty())
        {
            ScheduleWake();
        }
    }
    done(task, startNs, ns3::Simulator::Now().GetNanoSeconds());
}

void
ComputeServer::Record()
{
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    if (!m_history.empty() && m_history.back().t_ns == now)
    {
        m_history.back().inSystem = InSystem();
        m_history.back().busy = m_busy;
        return;
    }
    m_history.push_back({now, InSystem(), m_busy});
}

double
ComputeServer::LoadAt(std::int64_t t_ns) const
{
    // The last change at or before t.
    auto it = std::upper_bound(m_history.begin(),
                               m_history.end(),
                               t_ns,
                               [](std::int64_t t, const Change& c)
                               {
                                   return t < c.t_ns;
                               });
    const std::uint32_t n = it == m_history.begin() ? 0 : std::prev(it)->inSystem;
    return static_cast<double>(n) / m_servers;
}

double
ComputeServer::BusyServerSeconds(double a_s, double b_s) const
{
    const double now = ns3::Simulator::Now().GetSeconds();
    double sum = 0.0;
    for (size_t i = 0; i < m_history.size(); ++i)
    {
        const double from = m_history[i].t_ns * 1e-9;
        const double to = i + 1 < m_history.size() ? m_history[i + 1].t_ns * 1e-9 : now;
        const double lo = std::max(from, a_s);
        const double hi = std::min(to, b_s);
        if (hi > lo)
        {
            sum += m_history[i].busy * (hi - lo);
        }
    }
    return sum;
}

} // namespace sagin
