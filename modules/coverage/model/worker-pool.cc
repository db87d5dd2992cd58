#include "coverage/model/worker-pool.h"

#include "core/model/atomic-file.h"

namespace sagin
{

WorkerPool::WorkerPool(int threads)
{
    for (int i = 1; i < threads; ++i)
    {
        m_threads.emplace_back(
            [this]()
            {
                BlockStopSignalsInThisThread(); // stop signals go to the main thread
                Work();
            });
    }
}

WorkerPool::~WorkerPool()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_start.notify_all();
    for (auto& t : m_threads)
    {
        t.join();
    }
}

void
WorkerPool::Drain()
{
    for (int task = m_next.fetch_add(1); task < m_tasks; task = m_next.fetch_add(1))
    {
        m_call(m_fn, task);
    }
}

void
WorkerPool::RunTasks(int tasks, void* fn, Call call)
{
    if (m_threads.empty() || tasks <= 1)
    {
        for (int task = 0; task < tasks; ++task)
        {
            call(fn, task);
        }
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_fn = fn;
        m_call = call;
        m_tasks = tasks;
        m_next.store(0);
        m_busy = static_cast<int>(m_threads.size());
        ++m_generation;
    }
    m_start.notify_all();
    Drain();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done.wait(lock,
                [this]()
                {
                    return m_busy == 0;
                });
}

void
WorkerPool::Work()
{
    std::uint64_t seen = 0;
    for (;;)
    {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_start.wait(lock,
                         [&]()
                         {
                             return m_stop || m_generation != seen;
                         });
            if (m_stop)
            {
                return;
            }
            seen = m_generation;
        }
        Drain();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (--m_busy == 0)
            {
                m_done.notify_one();
            }
        }
    }
}

} // namespace sagin
