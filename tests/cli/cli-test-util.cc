#include "cli-test-util.h"

#include "../common/temp-dir.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace sagin::test
{

static std::string
Quote(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
    {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

std::string
Slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string
SaginBinary()
{
    const char* bin = std::getenv("SAGIN_BIN");
    return bin ? bin : SAGIN_BINARY_DIR "/bin/sagin";
}

std::string
HookedSaginBinary()
{
    return SaginBinary() + "-hooked";
}

static CommandResult
Run(const std::vector<std::string>& args, bool quiet)
{
    std::string cmd = Quote(SaginBinary()) + (quiet ? " --quiet" : "");
    for (const auto& a : args)
    {
        cmd += " " + Quote(a);
    }
    TempDir dir;
    std::string out = dir.Path() + "/out";
    std::string err = dir.Path() + "/err";
    cmd += " >" + Quote(out) + " 2>" + Quote(err);
    int raw = std::system(cmd.c_str());
    CommandResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
}

CommandResult
RunSagin(const std::vector<std::string>& args)
{
    return Run(args, true);
}

CommandResult
RunSaginVerbose(const std::vector<std::string>& args)
{
    return Run(args, false);
}

std::string
SourceDir()
{
    return SAGIN_SOURCE_DIR;
}

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    return lines;
}

} // namespace sagin::test
