// Writes a file so that it appears complete or not at all: the content goes to a temporary file
// in the same folder, is flushed to disk, and is renamed over the target on Commit(). A writer
// destroyed without Commit() (an exception, a killed process) leaves the target untouched.
#ifndef SAGIN_CORE_ATOMIC_FILE_H
#define SAGIN_CORE_ATOMIC_FILE_H

#include <fstream>
#include <string>

namespace sagin
{

class AtomicFile
{
  public:
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

/// Whether commits sync to disk (default true). Renames stay atomic either way (a killed process
/// leaves no half-written file); without syncing, a power loss may lose recent files. A sweep's
/// workers turn it off and sync the file system once per finished run instead.
void SetDurableWrites(bool durable);

/// Reads a whole file; throws std::runtime_error naming the file when it cannot.
std::string ReadFile(const std::string& path);

} // namespace sagin

#endif
