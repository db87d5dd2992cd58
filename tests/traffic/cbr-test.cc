// The CBR source and sink on ns-3's own point-to-point link, against hand counts: how many
// packets a rate sends in an interval, when, and the constant one-way delay of an idle link.
#include "traffic/model/cbr-application.h"

#include <gtest/gtest.h>
#include <ns3/data-rate.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-helper.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/simulator.h>
#include <ns3/string.h>
#include <ns3/uinteger.h>

using namespace sagin;

TEST(Cbr, SendsRateTimesTimeOverSizeAndDeliversAllWithConstantDelay)
{
    ns3::NodeContainer nodes;
    nodes.Create(2);
    ns3::PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", ns3::StringValue("1Mbps"));
    p2p.SetChannelAttribute("Delay", ns3::StringValue("10ms"));
    auto devices = p2p.Install(nodes);
    ns3::InternetStackHelper stack;
    stack.Install(nodes);
    ns3::Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.0");
    auto interfaces = addresses.Assign(devices);

    auto sink = ns3::CreateObject<CbrSink>();
    nodes.Get(1)->AddApplication(sink);
    sink->SetStartTime(ns3::Seconds(0.0));
    auto source = ns3::CreateObject<CbrSource>();
    source->SetAttribute("DataRate", ns3::DataRateValue(ns3::DataRate("100kbps")));
    source->SetAttribute("PacketSize", ns3::UintegerValue(1000));
    source->SetRemote(interfaces.GetAddress(1), 9);
    nodes.Get(0)->AddApplication(source);
    source->SetStartTime(ns3::Seconds(1.0));
    source->SetStopTime(ns3::Seconds(2.01));
    ns3::Simulator::Stop(ns3::Seconds(3.0));
    ns3::Simulator::Run();

    // 100 kbit/s of 1000-byte payloads: one packet every 1000 x 8 / 1e5 = 80 ms, at
    // 1.00, 1.08, ..., 2.00 s (< 2.01): 13 packets.
    ASSERT_EQ(source->Sent(), 13u);
    for (std::uint32_t k = 0; k < 13; ++k)
    {
        EXPECT_EQ(source->SentAt(k), 1000000000LL + k * 80000000LL);
    }
    sink->SetExpected(source->Sent());
    ASSERT_EQ(sink->Records().size(), 13u);
    // Each packet crosses an idle link: 1000 + 8 (UDP) + 20 (IPv4) + 2 (PPP) = 1030 bytes at
    // 1 Mbit/s = 8.24 ms, plus 10 ms of propagation: 18.24 ms, every packet alike.
    for (const auto& r : sink->Records())
    {
        ASSERT_GE(r.receivedNs, 0) << "packet " << r.seq << " lost";
        EXPECT_EQ(r.receivedNs - source->SentAt(r.seq), 18240000LL) << "packet " << r.seq;
    }
    ns3::Simulator::Destroy();
}
