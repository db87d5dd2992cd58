#include "compute/model/compute-server.h"

#include <algorithm>
#include <ns3/double.h>
#include <ns3/simulator.h>
#include <stdexcept>

namespace sagin
{

ComputeServer::ComputeServer(std::uint32_t servers, std::uint32_t queueLimit)
    : m_servers(std::max<std::uint32_t>(servers, 1))
    , m_queueLimit(queueLimit)
    , m_exp(ns3::CreateObject<ns3::ExponentialRandomVariable>())
    , m_factor(
          [](double)
          {
              return 1.0;
          })
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
ComputeServer::SetRateFactor(std::function<double(double)> factor)
{
    m_factor = std::move(factor);
}

bool
ComputeServer::Submit(std::uint64_t task, double mean_s, bool deterministic, Done done)
{
    if (m_busy < m_servers)
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
    return true;
}

void
ComputeServer::Start(Waiting w)
{
    ++m_busy;
    Record();
    const double t = ns3::Simulator::Now().GetSeconds();
    const double factor = m_factor(t);
    if (!(factor > 0.0))
    {
        throw std::logic_error("ComputeServer: rate factor must be > 0");
    }
    // Exponential with mean 1 scaled: the draw does not depend on the mean, so the same stream
    // gives the same sequence of unit draws whatever the services.
    const double unit = w.deterministic ? 1.0 : m_exp->GetValue();
    const double service_s = w.mean_s * unit / factor;
    const std::int64_t startNs = ns3::Simulator::Now().GetNanoSeconds();
    const std::uint64_t task = w.task;
    Done done = std::move(w.done);
    ns3::Simulator::Schedule(ns3::Seconds(service_s),
                             [this, task, startNs, done]()
                             {
                                 Finish(task, startNs, done);
                             });
}

void
ComputeServer::Finish(std::uint64_t task, std::int64_t startNs, Done done)
{
    --m_busy;
    if (!m_queue.empty())
    {
        Waiting next = std::move(m_queue.front());
        m_queue.pop_front();
        Start(std::move(next)); // records the change
    }
    else
    {
        Record();
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
