// A fixed set of threads that run the tasks of one parallel step, then wait for the next: no
// thread start and no allocation per step. Tasks must write disjoint data; which thread runs a
// task is not defined, so results must not depend on it.
#ifndef SAGIN_COVERAGE_WORKER_POOL_H
#define SAGIN_COVERAGE_WORKER_POOL_H

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace sagin
{

class WorkerPool
{
  public:
    /// `threads` workers in all, the calling thread included (>= 1).
    explicit WorkerPool(int threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    int Threads() const
    {
        return static_cast<int>(m_threads.size()) + 1;
    }

    /// Runs fn(task) for task = 0 .. tasks-1 and returns when every task is done.
    template <class F>
    void Run(int tasks, F& fn)
    {
        RunTasks(tasks,
                 &fn,
                 [](void* f, int task)
                 {
                     (*static_cast<F*>(f))(task);
                 });
    }

  private:
    using Call = void (*)(void*, int);
    void RunTasks(int tasks, void* fn, Call call);
    void Work();
    void Drain();

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_start;
    std::condition_variable m_done;
    std::uint64_t m_generation = 0;
    int m_busy = 0;
    bool m_stop = false;
    void* m_fn = nullptr;
    Call m_call = nullptr;
    int m_tasks = 0;
    std::atomic<int> m_next{0};
};

} // namespace sagin

#endif
