#include "net/model/latency-tag.h"

namespace sagin
{

const char*
LatencyCategoryName(LatencyCategory c)
{
    switch (c)
    {
    case LatencyCategory::Access:
        return "access";
    case LatencyCategory::Feeder:
        return "feeder";
    case LatencyCategory::Isl:
        return "isl";
    case LatencyCategory::Air:
        return "air";
    case LatencyCategory::Terrestrial:
        return "terrestrial";
    case LatencyCategory::Processing:
        return "processing";
    case LatencyCategory::Queueing:
        return "queueing";
    }
    return "unknown";
}

LatencyCategory
CategoryOf(LinkKind kind)
{
    switch (kind)
    {
    case LinkKind::Isl:
        return LatencyCategory::Isl;
    case LinkKind::Feeder:
        return LatencyCategory::Feeder;
    case LinkKind::AirSpace:
    case LinkKind::AirGround:
        return LatencyCategory::Air;
    case LinkKind::Terrestrial:
        return LatencyCategory::Terrestrial;
    default:
        return LatencyCategory::Access;
    }
}

ns3::TypeId
LatencyTag::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::LatencyTag")
                                 .SetParent<ns3::Tag>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<LatencyTag>();
    return tid;
}

ns3::TypeId
LatencyTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LatencyTag::GetSerializedSize() const
{
    return 8 * (2 + kLatencyCategoryCount);
}

void
LatencyTag::Serialize(ns3::TagBuffer i) const
{
    i.WriteU64(static_cast<uint64_t>(createdNs));
    i.WriteU64(static_cast<uint64_t>(accountedNs));
    for (auto v : ns)
    {
        i.WriteU64(static_cast<uint64_t>(v));
    }
}

void
LatencyTag::Deserialize(ns3::TagBuffer i)
{
    createdNs = static_cast<std::int64_t>(i.ReadU64());
    accountedNs = static_cast<std::int64_t>(i.ReadU64());
    for (auto& v : ns)
    {
        v = static_cast<std::int64_t>(i.ReadU64());
    }
}

void
LatencyTag::Print(std::ostream& os) const
{
    os << "created=" << createdNs << "ns";
    for (int c = 0; c < kLatencyCategoryCount; ++c)
    {
        os << ' ' << LatencyCategoryName(static_cast<LatencyCategory>(c)) << '=' << ns[c];
    }
}

void
LatencyTag::Attribute(LatencyCategory c, std::int64_t untilNs)
{
    if (untilNs > accountedNs)
    {
        ns[static_cast<int>(c)] += untilNs - accountedNs;
        accountedNs = untilNs;
    }
}

} // namespace sagin
