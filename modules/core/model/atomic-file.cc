#include "core/model/atomic-file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace sagin
{

static bool g_durableWrites = true;

void
SetDurableWrites(bool durable)
{
    g_durableWrites = durable;
}

static void
SyncPath(const std::string& path, bool directory)
{
    if (!g_durableWrites)
    {
        return;
    }
    int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
    if (fd >= 0)
    {
        ::fsync(fd);
        ::close(fd);
    }
}

static std::string
ParentOf(const std::string& path)
{
    auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
    {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

AtomicFile::AtomicFile(std::string path)
    : m_path(std::move(path))
{
    m_tmpPath = m_path + ".tmp." + std::to_string(::getpid());
    m_out.open(m_tmpPath, std::ios::binary | std::ios::trunc);
    if (!m_out)
    {
        throw std::runtime_error("cannot write " + m_path + ": " + std::strerror(errno));
    }
}

AtomicFile::~AtomicFile()
{
    if (!m_committed)
    {
        m_out.close();
        std::remove(m_tmpPath.c_str());
    }
}

std::ostream&
AtomicFile::Stream()
{
    return m_out;
}

void
AtomicFile::Commit()
{
    m_out.flush();
    if (!m_out)
    {
        throw std::runtime_error("cannot write " + m_path + ": write failed");
    }
    m_out.close();
    SyncPath(m_tmpPath, false);
    if (std::rename(m_tmpPath.c_str(), m_path.c_str()) != 0)
    {
        throw std::runtime_error("cannot write " + m_path + ": " + std::strerror(errno));
    }
    SyncPath(ParentOf(m_path), true);
    m_committed = true;
}

void
WriteFileAtomically(const std::string& path, const std::string& content)
{
    AtomicFile f(path);
    f.Stream() << content;
    f.Commit();
}

void
CommitDirectory(const std::string& tmpDir, const std::string& finalDir)
{
    SyncPath(tmpDir, true);
    if (std::rename(tmpDir.c_str(), finalDir.c_str()) != 0)
    {
        throw std::runtime_error("cannot move " + tmpDir + " to " + finalDir + ": " +
                                 std::strerror(errno));
    }
    SyncPath(ParentOf(finalDir), true);
}

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace sagin
