// The overall progress line of a sweep on stderr: a bar, runs done, failed and running, elapsed
// time and ETA. On a terminal one line is redrawn (at most 4 times a second); in a log a line is
// written every 10 s and at each tenth of the work. Silent with --quiet.
#ifndef SAGIN_STUDY_SWEEP_PROGRESS_H
#define SAGIN_STUDY_SWEEP_PROGRESS_H

#include <chrono>
#include <cstddef>
#include <string>

namespace sagin
{

class SweepProgress
{
  public:
    /// `total`: runs of the study; `alreadyDone`: finished before this sweep started;
    /// `toRun`: runs this sweep starts.
    SweepProgress(size_t total, size_t alreadyDone, size_t toRun);

    /// Reports the state; `force` prints even when the last line is recent.
    void Update(size_t done, size_t failed, size_t running, bool force = false);
    /// Prints the final state and ends the line.
    void Finish(size_t done, size_t failed);

  private:
    std::string Line(size_t done, size_t failed, size_t running) const;

    size_t m_total;
    size_t m_alreadyDone;
    size_t m_toRun;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
    size_t m_lastTenth = 0;
    bool m_tty;
    bool m_printed = false;
};

} // namespace sagin

#endif
