#include "core/model/gnuplot.h"

#include "core/model/atomic-file.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace sagin
{

bool
GnuplotAvailable()
{
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
    {
        const std::string candidate = (dir.empty() ? "." : dir) + "/gnuplot";
        if (::access(candidate.c_str(), X_OK) == 0)
        {
            return true;
        }
    }
    return false;
}

std::string
GnuplotString(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
    {
        out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
}

void
RunGnuplot(const std::string& script, const std::string& log)
{
    const int pid = ForkChild();
    if (pid < 0)
    {
        throw std::runtime_error("cannot start gnuplot: fork failed");
    }
    if (pid == 0)
    {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0)
        {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execlp("gnuplot", "gnuplot", script.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    UnregisterChild(pid);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    {
        return;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    {
        throw std::runtime_error("gnuplot not found on the PATH (install gnuplot-nox)");
    }
    std::ifstream in(log);
    std::ostringstream text;
    text << in.rdbuf();
    throw std::runtime_error("gnuplot failed: " + text.str());
}

} // namespace sagin
