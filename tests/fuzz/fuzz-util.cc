#include "fuzz-util.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace sagin::fuzz
{

namespace
{

std::string g_dir;

void
RemoveDir()
{
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
}

} // namespace

const std::string&
PrivateDir()
{
    if (g_dir.empty())
    {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/sagin-fuzz-XXXXXX";
        std::vector<char> buf(pattern.begin(), pattern.end());
        buf.push_back('\0');
        if (!mkdtemp(buf.data()))
        {
            std::perror("sagin fuzz: mkdtemp");
            std::abort();
        }
        g_dir = buf.data();
        std::atexit(RemoveDir);
    }
    return g_dir;
}

void
WriteBytes(const std::string& path, const std::uint8_t* data, std::size_t size)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out)
    {
        std::fprintf(stderr, "sagin fuzz: cannot write %s\n", path.c_str());
        std::abort();
    }
}

void
WriteText(const std::string& path, const std::string& text)
{
    WriteBytes(path, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

void
Rejected(const std::vector<std::string>& lines)
{
    static const bool verbose = std::getenv("SAGIN_FUZZ_VERBOSE")
                                && std::string(std::getenv("SAGIN_FUZZ_VERBOSE")) == "1";
    if (verbose)
    {
        for (const auto& l : lines)
        {
            std::fprintf(stderr, "%s\n", l.c_str());
        }
    }
}

std::string
SourceDir()
{
    return SAGIN_SOURCE_DIR;
}

} // namespace sagin::fuzz
