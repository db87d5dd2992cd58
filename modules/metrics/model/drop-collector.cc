#include "metrics/model/drop-collector.h"

#include "net/model/sagin-net-device.h"
#include "net/model/sagin-routing.h"

#include <ns3/callback.h>
#include <ns3/ipv4.h>

namespace sagin
{

void
DropCollector::Attach(const ns3::NodeContainer& nodes)
{
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        ns3::Ptr<ns3::Node> node = nodes.Get(i);
        for (uint32_t k = 0; k < node->GetNDevices(); ++k)
        {
            if (auto dev = ns3::DynamicCast<SaginNetDevice>(node->GetDevice(k)))
            {
                dev->TraceConnectWithoutContext("Drop",
                                                ns3::MakeCallback(&DropCollector::OnDrop, this));
            }
        }
        if (auto ipv4 = node->GetObject<ns3::Ipv4L3Protocol>())
        {
            ipv4->TraceConnectWithoutContext("Drop",
                                             ns3::MakeCallback(&DropCollector::OnIpv4Drop, this));
            if (auto routing = ns3::DynamicCast<SaginRouting>(ipv4->GetRoutingProtocol()))
            {
                routing->TraceConnectWithoutContext(
                    "Drop", ns3::MakeCallback(&DropCollector::OnDrop, this));
            }
        }
    }
}

void
DropCollector::OnDrop(ns3::Ptr<const ns3::Packet>, DropReason reason)
{
    ++m_counts[static_cast<size_t>(reason)];
}

void
DropCollector::OnIpv4Drop(const ns3::Ipv4Header&,
                          ns3::Ptr<const ns3::Packet>,
                          ns3::Ipv4L3Protocol::DropReason reason,
                          ns3::Ptr<ns3::Ipv4>,
                          uint32_t)
{
    // Route errors are counted by the routing protocol itself (no_route); IPv4 adds TTL expiry.
    if (reason == ns3::Ipv4L3Protocol::DROP_TTL_EXPIRED)
    {
        ++m_counts[static_cast<size_t>(DropReason::TtlExpired)];
    }
}

void
DropCollector::Fill(v1::Drops& out) const
{
    out.set_queue_full(Count(DropReason::QueueFull));
    out.set_link_down(Count(DropReason::LinkDown));
    out.set_no_route(Count(DropReason::NoRoute));
    out.set_no_next_hop(Count(DropReason::NoNextHop));
    out.set_harq_failure(Count(DropReason::HarqFailure));
    out.set_failed_element(Count(DropReason::FailedElement));
    out.set_ttl_expired(Count(DropReason::TtlExpired));
    out.set_handover(Count(DropReason::Handover));
    out.set_rach_failure(Count(DropReason::RachFailure));
}

} // namespace sagin
