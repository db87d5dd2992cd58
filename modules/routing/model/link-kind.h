// Kinds of links and the side ("face") of a node a link attaches to.
//
// Link kinds follow docs/design.md#vocabulary: isl, feeder, service (split by the serving layer
// because each has its own parameters), air_space, air_ground, terrestrial. A node's links attach
// on one of its faces: Down faces toward the users it serves, Up toward its backhaul, plus ISL and
// fiber ports. Transparent relays (bent-pipe satellites, relay HAPS/UAVs) pass traffic only between
// their Down and Up faces, which is how the routing graph keeps a bent pipe a bent pipe.
#ifndef SAGIN_ROUTING_LINK_KIND_H
#define SAGIN_ROUTING_LINK_KIND_H

#include "sagin/v1/common.pb.h"

#include <cstdint>

namespace sagin
{

enum class LinkKind : std::uint8_t
{
    Isl,
    Feeder,        ///< gateway <-> satellite
    ServiceSpace,  ///< satellite <-> user terminal
    ServiceAir,    ///< HAPS/UAV <-> user terminal
    ServiceGround, ///< base station <-> user terminal
    AirSpace,      ///< satellite <-> HAPS/UAV
    AirGround,     ///< gateway or base station <-> HAPS/UAV
    Terrestrial,   ///< fiber between ground sites
};

constexpr int kLinkKindCount = 8;

/// The docs/design.md#vocabulary name: isl, feeder, service, air_space, air_ground, terrestrial.
const char* LinkKindName(LinkKind kind);

/// True for the links a user terminal is served over.
inline bool
IsServiceLink(LinkKind kind)
{
    return kind == LinkKind::ServiceSpace || kind == LinkKind::ServiceAir
           || kind == LinkKind::ServiceGround;
}

/// True for the kinds whose forward direction goes up from the lower (ground) end: feeder
/// (gateway -> satellite) and air_ground (ground -> HAPS/UAV). Every other kind's forward
/// direction comes down to the lower end (its `a` is the upper end).
inline bool
LowerEndTransmitsForward(LinkKind kind)
{
    return kind == LinkKind::Feeder || kind == LinkKind::AirGround;
}

enum class Face : std::uint8_t
{
    Down, ///< toward served users (or, for gateways, toward the sky)
    Up,   ///< toward the backhaul
    Isl,
    Fiber,
};

/// The face of a node of `role` that a link of `kind` attaches to.
Face FaceOf(v1::Node::Role role, LinkKind kind);

/// The kind of the service links a node of `role` serves terminals over: service_space for a
/// satellite, service_air for a HAPS or UAV, service_ground for a base station (and, as a
/// placeholder, any other role).
LinkKind ServiceKindOf(v1::Node::Role role);

} // namespace sagin

#endif
