#include "core/model/process-pool.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <map>
#include <poll.h>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sagin
{

namespace
{

/// Everything written to a file descriptor from its start (a worker's captured output).
std::string
ReadAll(int fd)
{
    std::string text;
    char buf[65536];
    off_t offset = 0;
    ssize_t n = 0;
    while ((n = ::pread(fd, buf, sizeof buf, offset)) > 0)
    {
        text.append(buf, static_cast<size_t>(n));
        offset += n;
    }
    return text;
}

void
FlushOutput()
{
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
}

/// The body of a worker: waits for its job number on `go` (end of file: not needed, exit),
/// runs it, says on `notify` that its slot is free, exits with the job's status. Never returns.
[[noreturn]] void
WorkerMain(const std::function<int(std::size_t)>& body,
           std::size_t jobs,
           const sigset_t& mask,
           int go,
           int capture,
           int notify,
           const std::vector<int>& othersFds)
{
    ::sigprocmask(SIG_SETMASK, &mask, nullptr);
    for (int fd : othersFds)
    {
        ::close(fd);
    }
    if (capture >= 0)
    {
        ::dup2(capture, 1);
        ::dup2(capture, 2);
        ::close(capture);
    }
    std::uint64_t job = 0;
    ssize_t n = 0;
    do
    {
        n = ::read(go, &job, sizeof job);
    } while (n < 0 && errno == EINTR);
    if (n != sizeof job || job >= jobs)
    {
        ::_exit(0);
    }
    ::close(go);
    int status = kExitFailure;
    try
    {
        status = body(static_cast<std::size_t>(job));
    }
    catch (const std::exception& e)
    {
        std::cerr << "error: " << e.what() << "\n";
    }
    catch (...)
    {
        std::cerr << "error: unknown exception\n";
    }
    FlushOutput();
    const pid_t self = ::getpid();
    if (::write(notify, &self, sizeof self) != sizeof self)
    {
        // The pool learns of the end from SIGCHLD instead.
    }
    ::_exit(status & 0xff);
}

} // namespace

std::string
CapturedOutputSoFar()
{
    return ReadAll(2);
}

bool
JobOutcome::Succeeded() const
{
    return waitStatus >= 0 && WIFEXITED(waitStatus) && WEXITSTATUS(waitStatus) == 0;
}

int
JobOutcome::ExitCode() const
{
    return waitStatus >= 0 && WIFEXITED(waitStatus) ? WEXITSTATUS(waitStatus) : -1;
}

std::string
JobOutcome::Describe() const
{
    return waitStatus < 0 ? "not run" : DescribeExit(waitStatus);
}

std::string
DescribeExit(int status)
{
    if (WIFEXITED(status))
    {
        return "exit status " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status))
    {
        const int sig = WTERMSIG(status);
        return "killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
    }
    return "status " + std::to_string(status);
}

std::vector<JobOutcome>
RunInProcessPool(std::size_t jobs,
                 const std::function<int(std::size_t)>& body,
                 const ProcessPoolOptions& options)
{
    std::vector<JobOutcome> outcomes(jobs);
    const int slots = std::max(1, options.slots);

    // SIGCHLD is received through a signalfd, next to the pipe on which workers say that they
    // are done: a freed slot gets its next job at once, from a standby worker forked ahead of
    // time, while the finished worker's process is still being torn down.
    sigset_t chld;
    sigset_t old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, &old);
    const int sigfd = ::signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
    int notify[2] = {-1, -1};
    if (sigfd < 0 || ::pipe2(notify, O_CLOEXEC | O_NONBLOCK) != 0)
    {
        const int err = errno;
        if (sigfd >= 0)
        {
            ::close(sigfd);
        }
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
        throw std::runtime_error(std::string("cannot set up the workers: ") + std::strerror(err));
    }

    struct Standby
    {
        pid_t pid;
        int go;      ///< write end: the job number
        int capture; ///< the worker's stdout/stderr, or -1
    };

    struct Worker
    {
        std::size_t job;
        int capture;
        bool notified; ///< said it is done (its slot is free)
    };

    std::vector<Standby> standbys;
    std::map<pid_t, Worker> active;
    int busy = 0; ///< active workers that have not said they are done
    std::size_t next = 0;

    auto spawnStandby = [&]()
    {
        FlushOutput(); // nothing buffered is written twice
        int go[2];
        const int capture
            = options.captureOutput ? ::memfd_create("sagin-worker-output", MFD_CLOEXEC) : -1;
        if ((options.captureOutput && capture < 0) || ::pipe2(go, O_CLOEXEC) != 0)
        {
            const int err = errno;
            if (capture >= 0)
            {
                ::close(capture);
            }
            throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(err));
        }
        // The pool's other descriptors: a standby holding another's `go` would keep it from
        // ever seeing end of file.
        std::vector<int> others = {go[1], notify[0], sigfd};
        for (const auto& s : standbys)
        {
            others.push_back(s.go);
            if (s.capture >= 0)
            {
                others.push_back(s.capture);
            }
        }
        for (const auto& [pid, w] : active)
        {
            if (w.capture >= 0)
            {
                others.push_back(w.capture);
            }
        }
        const pid_t pid = ForkChild(); // stopped with the caller, dies with it
        if (pid < 0)
        {
            const int err = errno;
            ::close(go[0]);
            ::close(go[1]);
            if (capture >= 0)
            {
                ::close(capture);
            }
            throw std::runtime_error(std::string("cannot start a worker: fork: ")
                                     + std::strerror(err));
        }
        if (pid == 0)
        {
            WorkerMain(body, jobs, old, go[0], capture, notify[1], others);
        }
        ::close(go[0]);
        standbys.push_back(Standby{pid, go[1], capture});
    };
    auto reapAll = [&]()
    {
        signalfd_siginfo info;
        while (::read(sigfd, &info, sizeof info) > 0)
        {
        }
        // Only the pool's own children: the caller may have others.
        for (auto it = active.begin(); it != active.end();)
        {
            int status = 0;
            if (::waitpid(it->first, &status, WNOHANG) != it->first)
            {
                ++it;
                continue;
            }
            UnregisterChild(it->first);
            const Worker w = it->second;
            busy -= w.notified ? 0 : 1;
            it = active.erase(it);
            JobOutcome& outcome = outcomes[w.job];
            outcome.waitStatus = status;
            if (w.capture >= 0)
            {
                outcome.output = ReadAll(w.capture);
                ::close(w.capture);
            }
            if (options.onJobEnd)
            {
                options.onJobEnd(w.job, outcome);
            }
        }
        for (auto it = standbys.begin(); it != standbys.end();)
        {
            int status = 0;
            if (::waitpid(it->pid, &status, WNOHANG) != it->pid)
            {
                ++it;
                continue;
            }
            UnregisterChild(it->pid);
            ::close(it->go);
            if (it->capture >= 0)
            {
                ::close(it->capture);
            }
            it = standbys.erase(it);
        }
    };
    auto shutdownStandbys = [&]()
    {
        for (const auto& s : standbys)
        {
            ::close(s.go); // end of file: the standby exits
            if (s.capture >= 0)
            {
                ::close(s.capture);
            }
        }
        for (const auto& s : standbys)
        {
            ::waitpid(s.pid, nullptr, 0);
            UnregisterChild(s.pid);
        }
        standbys.clear();
    };
    auto closePool = [&]()
    {
        ::close(sigfd);
        ::close(notify[0]);
        ::close(notify[1]);
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
    };

    try
    {
        while (next < jobs || !active.empty())
        {
            // Free slots get their jobs.
            while (busy < slots && next < jobs)
            {
                if (standbys.empty())
                {
                    spawnStandby();
                }
                const Standby s = standbys.front();
                standbys.erase(standbys.begin());
                const std::uint64_t job = next++;
                if (::write(s.go, &job, sizeof job) != sizeof job)
                {
                    ::close(s.go);
                    active[s.pid] = Worker{job, s.capture, true};
                    throw std::runtime_error("cannot hand a job to a worker");
                }
                ::close(s.go);
                active[s.pid] = Worker{job, s.capture, false};
                ++busy;
            }
            // Standby workers for the next free slots, forked while the jobs run.
            while (standbys.size() < std::min<std::size_t>(slots, jobs - next))
            {
                spawnStandby();
            }
            if (options.onTick)
            {
                options.onTick(busy);
            }
            pollfd fds[2] = {{notify[0], POLLIN, 0}, {sigfd, POLLIN, 0}};
            const int ready = ::poll(fds, 2, 250);
            if (ready <= 0)
            {
                continue;
            }
            if (fds[0].revents & POLLIN)
            {
                pid_t done = 0;
                while (::read(notify[0], &done, sizeof done) == sizeof done)
                {
                    auto it = active.find(done);
                    if (it != active.end() && !it->second.notified)
                    {
                        it->second.notified = true;
                        --busy;
                    }
                }
            }
            if (fds[1].revents & POLLIN)
            {
                reapAll();
            }
        }
        shutdownStandbys();
    }
    catch (...)
    {
        for (const auto& [pid, w] : active)
        {
            ::kill(pid, SIGKILL);
        }
        for (const auto& s : standbys)
        {
            ::kill(s.pid, SIGKILL);
        }
        for (const auto& [pid, w] : active)
        {
            ::waitpid(pid, nullptr, 0);
            UnregisterChild(pid);
            if (w.capture >= 0)
            {
                ::close(w.capture);
            }
        }
        shutdownStandbys();
        closePool();
        throw;
    }
    closePool();
    return outcomes;
}

} // namespace sagin
