// Writes a file so that it appears complete or not at all: the content goes to a temporary file
// in the same folder, is flushed to disk, and is renamed over the target on Commit(). A writer
// destroyed without Commit() (an exception, a killed process) leaves the target untouched.
#ifndef SAGIN_CORE_ATOMIC_FILE_H
#define SAGIN_CORE_ATOMIC_FILE_H

#include <cstdint>
#include <fstream>
#include <string>

namespace sagin
{

class AtomicFile
{
  public:
    /// Removes the temporaries of `path` that killed processes left (RemoveStaleTemporaries),
    /// then opens `<path>.tmp.<pid>`.
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& Stream();
    /// Flushes, syncs and renames the temporary file onto the target. Throws on I/O errors.
    void Commit();

    const std::string& Path() const
    {
        return m_path;
    }

  private:
    std::string m_path;
    std::string m_tmpPath;
    std::ofstream m_out;
    bool m_committed = false;
};

/// Writes `content` to `path` atomically.
void WriteFileAtomically(const std::string& path, const std::string& content);

/// Renames a finished temporary folder onto its final name (both in the same parent folder),
/// after syncing it. Throws when the target exists already.
void CommitDirectory(const std::string& tmpDir, const std::string& finalDir);

/// CommitDirectory that replaces an existing `finalDir`: the old folder is moved aside first so
/// that the new one appears in one rename, with the stop signals held until it is removed (an
/// interruption never leaves neither folder, nor the old one aside).
void ReplaceDirectory(const std::string& tmpDir, const std::string& finalDir);

/// Whether commits sync to disk (default true). Renames stay atomic either way (a killed process
/// leaves no half-written file); without syncing, a power loss may lose recent files. A sweep's
/// workers turn it off and sync the file system once per finished run instead.
void SetDurableWrites(bool durable);

// Temporaries. Every temporary this program writes on its way to a final file or folder is
// named `<final>.tmp.<pid>` (TemporaryPathFor) and registered while it exists. A process stopped
// by SIGINT, SIGTERM or SIGHUP removes its own registered temporaries (and stops and waits for
// its registered children, which remove theirs) before dying of the signal; a process killed
// without a chance to clean (SIGKILL, a power loss) leaves them, and the next process that writes
// into the same folder removes those whose pid is no longer alive (RemoveStaleTemporaries).

/// `<target>.tmp.<pid of this process>`.
std::string TemporaryPathFor(const std::string& target);

/// Registers a temporary file or folder of this process (removed, with its contents, on a stop
/// signal). `onlyIfEmpty`: a folder this process created that is removed only when still empty.
void RegisterTemporary(const std::string& path, bool onlyIfEmpty = false);
/// Forgets a temporary (committed, or removed by its owner).
void UnregisterTemporary(const std::string& path);

/// A child process that a stop signal of this process stops (SIGTERM) and waits for.
void RegisterChild(int pid);
void UnregisterChild(int pid);

/// fork() for a child process that removes its temporaries on a stop signal: registered with
/// RegisterChild in the parent, and dying with the parent (DieWithParent) in the child, with
/// the stop signals blocked in between so that no signal finds it half set up. Returns as fork().
int ForkChild();

/// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, for good. Every helper thread calls it
/// first, so that a stop signal is handled by the main thread only: a handler running in another
/// thread would remove temporaries while the main thread writes them, and would ignore the main
/// thread's blocked sections (ReplaceDirectory), leaving a half-removed folder.
void BlockStopSignalsInThisThread();

/// Installs the handlers of SIGINT, SIGTERM and SIGHUP that remove this process' temporaries
/// and re-raise the signal (idempotent). `sagin` calls it once at start.
void InstallTemporaryCleanup();

/// In a freshly forked child of `parentPid`: die of SIGTERM (so its temporaries are removed)
/// when the parent dies.
void DieWithParent(int parentPid);

/// Removes the temporaries `<target>.tmp.<pid>` (files or folders), and the old folders
/// `<target>.old.<pid>` that ReplaceDirectory moved aside, left by processes that are no longer
/// alive on this machine. Returns how many it removed.
int RemoveStaleTemporaries(const std::string& target);

/// Why `folder` cannot receive output, or "" when it can: the nearest existing folder on its path
/// (the folder itself, or the ancestor it would be created in) must be a folder in which this
/// process can create a file (tried with a probe file, removed at once: the real permission,
/// also for root on a read-only file system). Called before any work starts.
std::string OutputFolderProblem(const std::string& folder);

/// Largest file ReadFile reads (1 GiB): far above any scenario, standard, TLE or result file.
constexpr std::uint64_t kMaxInputFileBytes = 1ull << 30;

/// Reads a whole regular file; throws std::runtime_error naming the file when it cannot, when it
/// is a folder, a device or a FIFO (/dev/zero would never end), or larger than kMaxInputFileBytes.
std::string ReadFile(const std::string& path);

} // namespace sagin

#endif
