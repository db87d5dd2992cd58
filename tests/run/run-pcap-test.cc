// `sagin run --pcap REGEX`: ns-3's PcapHelper on the sagin devices' sniffer traces. The capture of
// a terminal holds each probe it sent and each echo it received (counted from latency.csv), and
// every record is an IPv4 packet (link type RAW).
#include "run-test-util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

using namespace sagin::test;

namespace
{

/// Records in a classic pcap file; checks the link type and that each record is IPv4.
size_t
PcapRecords(const std::string& path, bool& allIpv4, std::uint32_t& linkType)
{
    std::ifstream in(path, std::ios::binary);
    unsigned char global[24];
    in.read(reinterpret_cast<char*>(global), sizeof global);
    linkType = global[20] | global[21] << 8 | global[22] << 16 | static_cast<std::uint32_t>(global[23]) << 24;
    size_t n = 0;
    unsigned char header[16];
    while (in.read(reinterpret_cast<char*>(header), sizeof header))
    {
        const std::uint32_t incl = header[8] | header[9] << 8 | header[10] << 16 | static_cast<std::uint32_t>(header[11]) << 24;
        std::string data(incl, '\0');
        in.read(data.data(), incl);
        allIpv4 = allIpv4 && incl > 0 && (static_cast<unsigned char>(data[0]) >> 4) == 4;
        ++n;
    }
    return n;
}

} // namespace

TEST(RunPcap, TerminalCaptureHoldsItsProbesAndEchoes)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const std::string src = SourceDir();
    auto r = RunSagin({"run", src + "/scenarios/quickstart.txtpb", "--standard",
                       src + "/scenarios/standards/ntn-regenerative-isl.txtpb", "--duration", "2", "--pcap",
                       "^ut-madrid$", "--out", out});
    ASSERT_EQ(r.status, 0) << r.err;
    // Probes of ut-madrid and the echoes that came back.
    size_t probes = 0;
    size_t answered = 0;
    const auto rows = ReadCsv(out + "/ntn-regenerative-isl/latency.csv");
    for (size_t i = 1; i < rows.size(); ++i)
    {
        if (rows[i][2] == "ut-madrid")
        {
            ++probes;
            answered += rows[i][6] == "1";
        }
    }
    ASSERT_GT(probes, 5u);
    size_t records = 0;
    bool allIpv4 = true;
    size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(out + "/ntn-regenerative-isl/pcap"))
    {
        std::uint32_t linkType = 0;
        records += PcapRecords(e.path().string(), allIpv4, linkType);
        EXPECT_EQ(linkType, 101u) << e.path(); // LINKTYPE_RAW
        EXPECT_EQ(e.path().filename().string().rfind("ut-madrid-", 0), 0u) << e.path();
        ++files;
    }
    EXPECT_GE(files, 1u);
    EXPECT_TRUE(allIpv4);
    EXPECT_EQ(records, probes + answered);

    r = RunSagin({"run", src + "/scenarios/quickstart.txtpb", "--standard",
                  src + "/scenarios/standards/ntn-regenerative-isl.txtpb", "--duration", "1", "--pcap", "^nobody$",
                  "--out", dir.Path() + "/none"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("--pcap '^nobody$' matches no node"), std::string::npos) << r.err;
}
