// Progress of long work on stderr: a single line refreshed at most twice a second with the
// fraction done, the rate and the estimated time left. Silent when disabled (--quiet).
#ifndef SAGIN_CORE_PROGRESS_H
#define SAGIN_CORE_PROGRESS_H

#include <chrono>
#include <cstdint>
#include <string>

namespace sagin
{

class Progress
{
  public:
    Progress(std::string label, std::uint64_t total);
    ~Progress();

    /// Reports that `done` of `total` units are finished.
    void Update(std::uint64_t done);
    /// Ends the line (prints the final state once).
    void Finish();

    /// Globally turns progress lines on or off (the --quiet flag turns them off).
    static void SetEnabled(bool enabled);
    static bool Enabled();

  private:
    void Print(std::uint64_t done, bool final);

    std::string m_label;
    std::uint64_t m_total;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastPrint;
    bool m_finished = false;
    bool m_printed = false;
};

/// Formats a duration in seconds as "1h02m", "3m05s" or "12.3s".
std::string FormatDuration(double seconds);

} // namespace sagin

#endif
