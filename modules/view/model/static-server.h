// A small HTTP/1.0 server of static files for `sagin view --serve`: GET and HEAD of the files
// under one folder, on 127.0.0.1 only (never another interface), one connection at a time, each
// closed after its answer. Enough for a browser to load the viewer; not a general web server.
#ifndef SAGIN_VIEW_STATIC_SERVER_H
#define SAGIN_VIEW_STATIC_SERVER_H

#include <atomic>
#include <string>

namespace sagin
{

class StaticServer
{
  public:
    /// Listens on 127.0.0.1:`port` (0: a free port the system picks). Throws std::runtime_error
    /// naming the port when it cannot.
    StaticServer(std::string root, int port);
    ~StaticServer();
    StaticServer(const StaticServer&) = delete;
    StaticServer& operator=(const StaticServer&) = delete;

    int Port() const
    {
        return m_port;
    }

    /// Answers connections until Stop() (from another thread) or a stop signal ends the process.
    void Serve();
    /// Waits up to `timeoutMs` for one connection and answers it; false when none came.
    bool ServeOne(int timeoutMs);
    void Stop()
    {
        m_stop = true;
    }

    /// The content type of a file name by its extension (application/octet-stream otherwise).
    static const char* ContentType(const std::string& path);
    /// The file a request target names under the root ("/" is index.html), or "" when it is
    /// not a plain relative path (a "..", a backslash or a NUL byte): such requests get 404.
    static std::string FileFor(const std::string& target);

  private:
    void Answer(int fd) const;

    std::string m_root;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
};

} // namespace sagin

#endif
