#include "view/model/static-server.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace sagin
{

namespace
{

void
SendAll(int fd, const char* data, std::size_t size)
{
    while (size > 0)
    {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
        {
            if (n < 0 && errno == EINTR)
            {
                continue;
            }
            return; // the browser went away: nothing to do
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

int
HexDigit(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

StaticServer::StaticServer(std::string root, int port)
    : m_root(std::move(root))
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listen < 0)
    {
        throw std::runtime_error(std::string("cannot open a socket: ") + std::strerror(errno));
    }
    const int one = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); // 127.0.0.1 only
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0
        || ::listen(m_listen, 64) != 0)
    {
        const std::string why = std::strerror(errno);
        ::close(m_listen);
        throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + why);
    }
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
}

StaticServer::~StaticServer()
{
    if (m_listen >= 0)
    {
        ::close(m_listen);
    }
}

const char*
StaticServer::ContentType(const std::string& path)
{
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".csv", "text/csv; charset=utf-8"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".svg", "image/svg+xml"},
        {".xml", "application/xml"},
        {".wasm", "application/wasm"},
        {".glb", "model/gltf-binary"},
    };
    for (const auto& [ext, type] : kTypes)
    {
        const std::size_t n = std::strlen(ext);
        if (path.size() >= n && path.compare(path.size() - n, n, ext) == 0)
        {
            return type;
        }
    }
    return "application/octet-stream";
}

std::string
StaticServer::FileFor(const std::string& target)
{
    std::string path = target.substr(0, target.find_first_of("?#"));
    std::string decoded;
    for (std::size_t i = 0; i < path.size(); ++i)
    {
        if (path[i] == '%' && i + 2 < path.size() && HexDigit(path[i + 1]) >= 0
            && HexDigit(path[i + 2]) >= 0)
        {
            decoded += static_cast<char>(HexDigit(path[i + 1]) * 16 + HexDigit(path[i + 2]));
            i += 2;
        }
        else
        {
            decoded += path[i];
        }
    }
    if (decoded.empty() || decoded[0] != '/' || decoded.find('\0') != std::string::npos
        || decoded.find('\\') != std::string::npos)
    {
        return "";
    }
    std::istringstream parts(decoded.substr(1));
    std::string part;
    while (std::getline(parts, part, '/'))
    {
        if (part == "..")
        {
            return "";
        }
    }
    if (decoded.back() == '/')
    {
        decoded += "index.html";
    }
    return decoded.substr(1);
}

void
StaticServer::Answer(int fd) const
{
    // The request line and headers (a GET has no body); a slow or silent client gets 5 s.
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536)
    {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 5000) <= 0)
        {
            return;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
        {
            return;
        }
        request.append(buffer, static_cast<std::size_t>(n));
    }
    std::istringstream line(request.substr(0, request.find("\r\n")));
    std::string method, target;
    line >> method >> target;
    auto reply
        = [&](const std::string& status, const char* type, const std::string& body, bool head)
    {
        std::ostringstream h;
        h << "HTTP/1.0 " << status << "\r\nContent-Type: " << type
          << "\r\nContent-Length: " << body.size()
          << "\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
        const std::string header = h.str();
        SendAll(fd, header.data(), header.size());
        if (!head)
        {
            SendAll(fd, body.data(), body.size());
        }
    };
    if (method != "GET" && method != "HEAD")
    {
        reply("405 Method Not Allowed", "text/plain", "only GET and HEAD\n", false);
        return;
    }
    const bool head = method == "HEAD";
    const std::string file = FileFor(target);
    const std::filesystem::path full = std::filesystem::path(m_root) / file;
    std::error_code ec;
    if (file.empty() || !std::filesystem::is_regular_file(full, ec))
    {
        reply("404 Not Found", "text/plain", "not found\n", head);
        return;
    }
    std::ifstream in(full, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    reply("200 OK", ContentType(file), body.str(), head);
}

bool
StaticServer::ServeOne(int timeoutMs)
{
    pollfd p{m_listen, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0)
    {
        return false;
    }
    const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0)
    {
        return false;
    }
    Answer(fd);
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
    return true;
}

void
StaticServer::Serve()
{
    while (!m_stop)
    {
        ServeOne(200);
    }
}

} // namespace sagin
