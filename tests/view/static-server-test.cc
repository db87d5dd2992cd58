// The static server of `sagin view --serve`: files by request target, no way out of its folder,
// 404 for what is not there, and it answers on 127.0.0.1.
#include "view/model/static-server.h"

#include <arpa/inet.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace sagin;
namespace fs = std::filesystem;

namespace
{

/// Sends one raw request to 127.0.0.1:port and returns the whole answer.
std::string
Fetch(int port, const std::string& request)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::send(fd, request.data(), request.size(), 0);
    std::string answer;
    char buffer[4096];
    ssize_t n;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
    {
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer;
}

} // namespace

TEST(StaticServer, FileForRequestTargets)
{
    EXPECT_EQ(StaticServer::FileFor("/"), "index.html");
    EXPECT_EQ(StaticServer::FileFor("/data/world.json?t=1"), "data/world.json");
    EXPECT_EQ(StaticServer::FileFor("/a%20b.txt"), "a b.txt");
    EXPECT_EQ(StaticServer::FileFor("/cesium/Assets/"), "cesium/Assets/index.html");
    EXPECT_EQ(StaticServer::FileFor("/../etc/passwd"), "");
    EXPECT_EQ(StaticServer::FileFor("/data/%2e%2e/%2e%2e/x"), "");
    EXPECT_EQ(StaticServer::FileFor("/a%00b"), "");
    EXPECT_EQ(StaticServer::FileFor("/a\\..\\b"), "");
    EXPECT_EQ(StaticServer::FileFor("relative"), "");
    EXPECT_STREQ(StaticServer::ContentType("app.js"), "text/javascript; charset=utf-8");
    EXPECT_STREQ(StaticServer::ContentType("positions.bin"), "application/octet-stream");
}

TEST(StaticServer, ServesFilesOnLoopback)
{
    const fs::path dir
        = fs::temp_directory_path() / ("static-server-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "data");
    std::string binary("\x00\x01\xff\x7f", 4);
    std::ofstream(dir / "index.html") << "<p>hi</p>";
    std::ofstream(dir / "data" / "p.bin", std::ios::binary) << binary;
    std::ofstream(dir.parent_path() / "outside.txt") << "secret";

    StaticServer server(dir.string(), 0);
    ASSERT_GT(server.Port(), 0);
    std::thread t(
        [&]
        {
            server.Serve();
        });
    const int port = server.Port();
    const std::string index = Fetch(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(index.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << index;
    EXPECT_NE(index.find("Content-Type: text/html"), std::string::npos);
    EXPECT_NE(index.find("Content-Length: 9\r\n"), std::string::npos);
    EXPECT_EQ(index.substr(index.size() - 9), "<p>hi</p>");
    const std::string bin = Fetch(port, "GET /data/p.bin HTTP/1.0\r\n\r\n");
    EXPECT_EQ(bin.substr(bin.size() - 4), binary);
    const std::string head = Fetch(port, "HEAD /data/p.bin HTTP/1.0\r\n\r\n");
    EXPECT_NE(head.find("Content-Length: 4\r\n"), std::string::npos);
    EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n"); // no body
    EXPECT_EQ(Fetch(port, "GET /nothing HTTP/1.0\r\n\r\n").rfind("HTTP/1.0 404", 0), 0u);
    EXPECT_EQ(Fetch(port, "GET /../outside.txt HTTP/1.0\r\n\r\n").rfind("HTTP/1.0 404", 0), 0u);
    EXPECT_EQ(Fetch(port, "POST / HTTP/1.0\r\n\r\n").rfind("HTTP/1.0 405", 0), 0u);
    server.Stop();
    t.join();
    fs::remove_all(dir);
    fs::remove(dir.parent_path() / "outside.txt");
}
