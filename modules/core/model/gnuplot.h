// The one way sagin runs gnuplot (Debian's gnuplot-nox) for its figures: coverage maps and the
// plots of `sagin compare`.
#ifndef SAGIN_CORE_GNUPLOT_H
#define SAGIN_CORE_GNUPLOT_H

#include <string>

namespace sagin
{

/// True when a `gnuplot` executable is on the PATH.
bool GnuplotAvailable();

/// `s` as a gnuplot single-quoted string literal (a quote doubled).
std::string GnuplotString(const std::string& s);

/// Runs `gnuplot SCRIPT` (no shell) with its stdout and stderr in `log`, as a child process that
/// a stop signal of sagin stops and that dies with sagin (ForkChild, atomic-file.h). Throws
/// std::runtime_error with the log's text when gnuplot fails, or when it is not installed.
void RunGnuplot(const std::string& script, const std::string& log);

} // namespace sagin

#endif
