#include "study/model/sweep-progress.h"

#include "core/model/progress.h"

#include <cstdio>
#include <unistd.h>

namespace sagin
{

SweepProgress::SweepProgress(size_t total, size_t alreadyDone, size_t toRun)
    : m_total(total)
    , m_alreadyDone(alreadyDone)
    , m_toRun(toRun)
    , m_start(std::chrono::steady_clock::now())
    , m_last(m_start)
    , m_tty(::isatty(2) != 0)
{
}

std::string
SweepProgress::Line(size_t done, size_t failed, size_t running) const
{
    const double elapsed
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const size_t finished = done + failed; // of this sweep
    const size_t all = m_alreadyDone + done;
    const int width = 24;
    const int filled = m_total > 0 ? static_cast<int>(width * (all + failed) / m_total) : width;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    std::string eta = "-";
    if (finished > 0 && finished < m_toRun)
    {
        eta = FormatDuration(elapsed / finished * (m_toRun - finished));
    }
    else if (finished >= m_toRun)
    {
        eta = "0s";
    }
    char line[256];
    std::snprintf(line,
                  sizeof line,
                  "sweep [%s] %zu/%zu done, %zu failed, %zu running, %s elapsed, ETA %s",
                  bar.c_str(),
                  all,
                  m_total,
                  failed,
                  running,
                  FormatDuration(elapsed).c_str(),
                  eta.c_str());
    return line;
}

void
SweepProgress::Update(size_t done, size_t failed, size_t running, bool force)
{
    if (!Progress::Enabled())
    {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const size_t tenth = m_toRun > 0 ? 10 * (done + failed) / m_toRun : 10;
    if (m_tty)
    {
        if (!force && now - m_last < std::chrono::milliseconds(250))
        {
            return;
        }
        std::fprintf(stderr, "\r\033[K%s", Line(done, failed, running).c_str());
    }
    else
    {
        if (!force && tenth == m_lastTenth && now - m_last < std::chrono::seconds(10))
        {
            return;
        }
        std::fprintf(stderr, "%s\n", Line(done, failed, running).c_str());
    }
    std::fflush(stderr);
    m_lastTenth = tenth;
    m_last = now;
    m_printed = true;
}

void
SweepProgress::Finish(size_t done, size_t failed)
{
    if (!Progress::Enabled())
    {
        return;
    }
    std::fprintf(stderr, m_tty ? "\r\033[K%s\n" : "%s\n", Line(done, failed, 0).c_str());
    std::fflush(stderr);
}

} // namespace sagin
