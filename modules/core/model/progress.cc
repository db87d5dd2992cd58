#include "core/model/progress.h"

#include <cstdio>
#include <unistd.h>

namespace sagin
{

static bool g_progressEnabled = true;

void
Progress::SetEnabled(bool enabled)
{
    g_progressEnabled = enabled;
}

bool
Progress::Enabled()
{
    return g_progressEnabled;
}

std::string
FormatDuration(double seconds)
{
    char buf[32];
    if (seconds < 60)
    {
        std::snprintf(buf, sizeof buf, "%.1fs", seconds);
    }
    else if (seconds < 3600)
    {
        int s = static_cast<int>(seconds);
        std::snprintf(buf, sizeof buf, "%dm%02ds", s / 60, s % 60);
    }
    else
    {
        int m = static_cast<int>(seconds / 60);
        std::snprintf(buf, sizeof buf, "%dh%02dm", m / 60, m % 60);
    }
    return buf;
}

Progress::Progress(std::string label, std::uint64_t total)
    : m_label(std::move(label)),
      m_total(total),
      m_start(std::chrono::steady_clock::now()),
      m_lastPrint(m_start)
{
}

Progress::~Progress()
{
    Finish();
}

void
Progress::Update(std::uint64_t done)
{
    if (!g_progressEnabled || m_finished)
    {
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - m_lastPrint < std::chrono::milliseconds(500))
    {
        return;
    }
    m_lastPrint = now;
    Print(done, false);
}

void
Progress::Finish()
{
    if (m_finished)
    {
        return;
    }
    m_finished = true;
    if (g_progressEnabled && m_printed)
    {
        Print(m_total, true);
    }
}

void
Progress::Print(std::uint64_t done, bool final)
{
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    double fraction = m_total > 0 ? static_cast<double>(done) / m_total : 1.0;
    char line[256];
    if (final)
    {
        std::snprintf(line,
                      sizeof line,
                      "%s: %llu/%llu done in %s",
                      m_label.c_str(),
                      static_cast<unsigned long long>(done),
                      static_cast<unsigned long long>(m_total),
                      FormatDuration(elapsed).c_str());
    }
    else
    {
        double eta = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
        std::snprintf(line,
                      sizeof line,
                      "%s: %llu/%llu (%.0f%%), %s elapsed, ETA %s",
                      m_label.c_str(),
                      static_cast<unsigned long long>(done),
                      static_cast<unsigned long long>(m_total),
                      100.0 * fraction,
                      FormatDuration(elapsed).c_str(),
                      FormatDuration(eta).c_str());
    }
    // On a terminal, redraw one line; in a log, write one line per update.
    if (::isatty(2))
    {
        std::fprintf(stderr, "\r\033[K%s%s", line, final ? "\n" : "");
    }
    else
    {
        std::fprintf(stderr, "%s\n", line);
    }
    std::fflush(stderr);
    m_printed = true;
}

} // namespace sagin
