#include "routing/model/link-kind.h"

namespace sagin
{

const char*
LinkKindName(LinkKind kind)
{
    switch (kind)
    {
    case LinkKind::Isl:
        return "isl";
    case LinkKind::Feeder:
        return "feeder";
    case LinkKind::ServiceSpace:
    case LinkKind::ServiceAir:
    case LinkKind::ServiceGround:
        return "service";
    case LinkKind::AirSpace:
        return "air_space";
    case LinkKind::AirGround:
        return "air_ground";
    case LinkKind::Terrestrial:
        return "terrestrial";
    }
    return "unknown";
}

LinkKind
ServiceKindOf(v1::Node::Role role)
{
    switch (role)
    {
    case v1::Node::SAT:
        return LinkKind::ServiceSpace;
    case v1::Node::HAPS:
    case v1::Node::UAV:
        return LinkKind::ServiceAir;
    default:
        return LinkKind::ServiceGround;
    }
}

Face
FaceOf(v1::Node::Role role, LinkKind kind)
{
    if (kind == LinkKind::Isl)
    {
        return Face::Isl;
    }
    if (kind == LinkKind::Terrestrial)
    {
        return Face::Fiber;
    }
    switch (role)
    {
    case v1::Node::SAT:
        return kind == LinkKind::Feeder ? Face::Up : Face::Down;
    case v1::Node::HAPS:
    case v1::Node::UAV:
        return kind == LinkKind::ServiceAir ? Face::Down : Face::Up;
    case v1::Node::UT:
        return Face::Up;
    default:
        return Face::Down; // gateways and base stations face the sky and their users
    }
}

} // namespace sagin
