#include "core/model/atomic-file.h"

#include "core/model/test-hooks.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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

// The registry of temporaries and children lives in fixed static arrays: the signal handler
// reads it without allocating, and slots are claimed with the stop signals blocked.
namespace
{

constexpr int kMaxTemporaries = 256;
constexpr int kMaxChildren = 256;
constexpr size_t kMaxPath = 4096;

struct TemporarySlot
{
    volatile sig_atomic_t used = 0;
    pid_t owner = 0;
    bool onlyIfEmpty = false;
    char path[kMaxPath] = {};
};

struct ChildSlot
{
    volatile sig_atomic_t used = 0;
    pid_t owner = 0;
    pid_t pid = 0;
};

TemporarySlot g_temporaries[kMaxTemporaries];
ChildSlot g_children[kMaxChildren];
const int kStopSignals[] = {SIGHUP, SIGINT, SIGTERM};

/// Blocks the stop signals in this thread while the registry changes.
class StopSignalsBlocked
{
  public:
    StopSignalsBlocked()
    {
        sigset_t set;
        sigemptyset(&set);
        for (int sig : kStopSignals)
        {
            sigaddset(&set, sig);
        }
        pthread_sigmask(SIG_BLOCK, &set, &m_old);
    }

    ~StopSignalsBlocked()
    {
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }

  private:
    sigset_t m_old;
};

/// Removes a file or a folder tree with system calls only (safe in a signal handler).
void
RemoveTree(int dirFd, const char* name, int depth)
{
    if (::unlinkat(dirFd, name, 0) == 0 || errno == ENOENT || depth > 32)
    {
        return;
    }
    int fd = ::openat(dirFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
    {
        return;
    }
    struct Dirent64
    {
        std::uint64_t ino;
        std::int64_t off;
        unsigned short reclen;
        unsigned char type;
        char name[1];
    };
    alignas(8) char buffer[8192];
    for (;;)
    {
        // Entries are removed while listed: list again from the start until nothing is left.
        ::lseek(fd, 0, SEEK_SET);
        long n = ::syscall(SYS_getdents64, fd, buffer, sizeof(buffer));
        bool removed = false;
        for (long at = 0; at < n;)
        {
            const auto* d = reinterpret_cast<const Dirent64*>(buffer + at);
            at += d->reclen;
            if (std::strcmp(d->name, ".") != 0 && std::strcmp(d->name, "..") != 0)
            {
                RemoveTree(fd, d->name, depth + 1);
                removed = true;
            }
        }
        if (n <= 0 || !removed)
        {
            break;
        }
    }
    ::close(fd);
    ::unlinkat(dirFd, name, AT_REMOVEDIR);
}

/// Removes this process' registered temporaries, newest first.
void
RemoveOwnTemporaries()
{
    const pid_t self = ::getpid();
    for (int i = kMaxTemporaries - 1; i >= 0; --i)
    {
        TemporarySlot& t = g_temporaries[i];
        if (t.used && t.owner == self)
        {
            if (t.onlyIfEmpty)
            {
                ::rmdir(t.path);
            }
            else
            {
                RemoveTree(AT_FDCWD, t.path, 0);
            }
        }
    }
}

extern "C" void
OnStopSignal(int sig)
{
    const int savedErrno = errno;
    for (int s : kStopSignals)
    {
        ::signal(s, SIG_DFL);
    }
    const pid_t self = ::getpid();
    for (auto& c : g_children)
    {
        if (c.used && c.owner == self)
        {
            ::kill(c.pid, SIGTERM);
            ::kill(c.pid, SIGCONT); // a stopped child handles SIGTERM only once continued
        }
    }
    for (auto& c : g_children)
    {
        if (c.used && c.owner == self)
        {
            ::waitpid(c.pid, nullptr, 0);
        }
    }
    RemoveOwnTemporaries();
    errno = savedErrno;
    // Die of the same signal (delivered when the handler returns), as the caller expects.
    ::raise(sig);
}

} // namespace

std::string
TemporaryPathFor(const std::string& target)
{
    return target + ".tmp." + std::to_string(::getpid());
}

void
RegisterTemporary(const std::string& path, bool onlyIfEmpty)
{
    if (path.size() >= kMaxPath)
    {
        return;
    }
    StopSignalsBlocked blocked;
    for (auto& t : g_temporaries)
    {
        if (!t.used)
        {
            std::memcpy(t.path, path.c_str(), path.size() + 1);
            t.owner = ::getpid();
            t.onlyIfEmpty = onlyIfEmpty;
            t.used = 1;
            return;
        }
    }
}

void
UnregisterTemporary(const std::string& path)
{
    StopSignalsBlocked blocked;
    const pid_t self = ::getpid();
    for (auto& t : g_temporaries)
    {
        if (t.used && t.owner == self && path == t.path)
        {
            t.used = 0;
            return;
        }
    }
}

void
RegisterChild(int pid)
{
    StopSignalsBlocked blocked;
    for (auto& c : g_children)
    {
        if (!c.used)
        {
            c.pid = pid;
            c.owner = ::getpid();
            c.used = 1;
            return;
        }
    }
}

void
UnregisterChild(int pid)
{
    StopSignalsBlocked blocked;
    const pid_t self = ::getpid();
    for (auto& c : g_children)
    {
        if (c.used && c.owner == self && c.pid == pid)
        {
            c.used = 0;
            return;
        }
    }
}

void
InstallTemporaryCleanup()
{
    struct sigaction action = {};
    action.sa_handler = OnStopSignal;
    sigemptyset(&action.sa_mask);
    for (int sig : kStopSignals)
    {
        sigaddset(&action.sa_mask, sig);
    }
    for (int sig : kStopSignals)
    {
        struct sigaction old = {};
        ::sigaction(sig, nullptr, &old);
        if (old.sa_handler != SIG_IGN) // keep `nohup` working
        {
            ::sigaction(sig, &action, nullptr);
        }
    }
}

void
DieWithParent(int parentPid)
{
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parentPid)
    {
        ::raise(SIGTERM); // the parent died before the line above
    }
}

int
ForkChild()
{
    const pid_t parent = ::getpid();
    StopSignalsBlocked blocked;
    const pid_t pid = ::fork();
    if (pid == 0)
    {
        DieWithParent(parent);
    }
    else if (pid > 0)
    {
        RegisterChild(pid);
    }
    return pid;
}

int
RemoveStaleTemporaries(const std::string& target)
{
    namespace fs = std::filesystem;
    const fs::path t(target);
    const fs::path folder = t.has_parent_path() ? t.parent_path() : fs::path(".");
    // `<target>.tmp.<pid>`, and `<target>.old.<pid>`: the folder ReplaceDirectory moved aside,
    // left half removed when its process was killed during the removal.
    const std::string tmpPrefix = t.filename().string() + ".tmp.";
    const std::string oldPrefix = t.filename().string() + ".old.";
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    {
        const std::string name = it->path().filename().string();
        const std::string& prefix
            = name.compare(0, oldPrefix.size(), oldPrefix) == 0 ? oldPrefix : tmpPrefix;
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0
            || name.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
        {
            continue;
        }
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0
            || errno != ESRCH)
        {
            continue; // ours, or its process is alive
        }
        std::error_code rmEc;
        fs::remove_all(it->path(), rmEc);
        removed += rmEc ? 0 : 1;
    }
    return removed;
}

AtomicFile::AtomicFile(std::string path)
    : m_path(std::move(path))
{
    RemoveStaleTemporaries(m_path); // a killed writer's `<path>.tmp.<pid>`
    m_tmpPath = TemporaryPathFor(m_path);
    RegisterTemporary(m_tmpPath);
    m_out.open(m_tmpPath, std::ios::binary | std::ios::trunc);
    if (!m_out)
    {
        UnregisterTemporary(m_tmpPath);
        throw std::runtime_error("cannot write " + m_path + ": " + std::strerror(errno));
    }
}

AtomicFile::~AtomicFile()
{
    if (!m_committed)
    {
        m_out.close();
        std::remove(m_tmpPath.c_str());
        UnregisterTemporary(m_tmpPath);
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
    UnregisterTemporary(m_tmpPath);
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
    // Test hook: the temporary folder complete and the final one absent (a test stops here).
    if (Hooks().beforeCommit)
    {
        Hooks().beforeCommit();
    }
    SyncPath(tmpDir, true);
    if (std::rename(tmpDir.c_str(), finalDir.c_str()) != 0)
    {
        throw std::runtime_error("cannot move " + tmpDir + " to " + finalDir + ": "
                                 + std::strerror(errno));
    }
    SyncPath(ParentOf(finalDir), true);
}

void
ReplaceDirectory(const std::string& tmpDir, const std::string& finalDir)
{
    std::error_code ec;
    // Whatever holds the name is moved aside, never followed: a symbolic link (even one that
    // points nowhere) is replaced by the new folder, and its target is left alone.
    if (!std::filesystem::exists(std::filesystem::symlink_status(finalDir, ec)))
    {
        CommitDirectory(tmpDir, finalDir);
        return;
    }
    const std::string old = finalDir + ".old." + std::to_string(::getpid());
    StopSignalsBlocked blocked;
    std::filesystem::rename(finalDir, old, ec);
    CommitDirectory(tmpDir, finalDir);
    std::filesystem::remove_all(old, ec);
}

void
BlockStopSignalsInThisThread()
{
    sigset_t set;
    sigemptyset(&set);
    for (int sig : kStopSignals)
    {
        sigaddset(&set, sig);
    }
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string
OutputFolderProblem(const std::string& folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path existing = fs::absolute(folder.empty() ? "." : folder, ec).lexically_normal();
    while (!fs::exists(fs::symlink_status(existing, ec)) && existing.has_relative_path())
    {
        existing = existing.parent_path();
    }
    if (!fs::is_directory(existing, ec))
    {
        return "cannot write into " + folder + ": " + existing.string() + " is not a folder";
    }
    const std::string probe = (existing / (".sagin-probe." + std::to_string(::getpid()))).string();
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
    {
        return "cannot write into " + folder + ": " + existing.string() + ": "
               + std::strerror(errno);
    }
    ::close(fd);
    ::unlink(probe.c_str());
    return "";
}

std::string
ReadFile(const std::string& path)
{
    // Only regular files, and of a size an input file can have: a device such as /dev/zero or
    // a FIFO would otherwise be read for ever (or until memory runs out).
    struct stat st = {};
    if (::stat(path.c_str(), &st) != 0)
    {
        throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
    {
        throw std::runtime_error("cannot read " + path + ": it is a folder, not a file");
    }
    if (!S_ISREG(st.st_mode))
    {
        throw std::runtime_error("cannot read " + path + ": not a regular file");
    }
    if (static_cast<std::uint64_t>(st.st_size) > kMaxInputFileBytes)
    {
        throw std::runtime_error("cannot read " + path + ": " + std::to_string(st.st_size)
                                 + " bytes, above the limit of "
                                 + std::to_string(kMaxInputFileBytes) + " for an input file");
    }
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
