// The cells of every platform of one simulated network that carries them (satellites' spot
// beams, HAPS cells, base stations' sectors: StandardPolicy::BeamsOf), placed where the current
// topology snapshot puts the platforms: a terminal's serving beam on a given platform and its
// SINR against the co-channel beams of every platform that can reach the terminal (its own other
// beams and every other payload of the same co-channel group, CellPayload::Reaches), received by
// the victim terminal's antenna, with every beam assumed to transmit all the time (full buffer,
// as in TR 38.821's system-level calibration). It is the sum `sagin coverage` makes per map
// point, made per terminal for a run. docs/models.md#spot-beams.
#ifndef SAGIN_ROUTING_BEAM_FIELD_H
#define SAGIN_ROUTING_BEAM_FIELD_H

#include "radio/model/cell-payload.h"
#include "routing/model/standard-policy.h"
#include "routing/model/topology-snapshot.h"
#include "scenario/model/world.h"

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace sagin
{

/// Places `payload` on world node `node` at scenario time `t_s`, at `position`: PlaceAt, or for
/// quasi-Earth-fixed cells (CellPayload::AnchorPeriodS() > 0) PlaceAnchored with the node's
/// position at the last anchor time, floor(t / period) x period. What every run and coverage
/// map places a payload with.
void PlacePayload(CellPayload& payload, const WorldNode& node, const Vec3& position, double t_s);

class BeamField
{
  public:
    /// Every node that carries beams or cells (StandardPolicy::BeamsOf).
    BeamField(const World& world, const StandardPolicy& policy);

    /// Places every payload at the snapshot's positions and time (PlacePayload: Earth-moving
    /// beams at nadir, quasi-Earth-fixed cells from their anchor, a base station's cells at its
    /// site); a node without a position (failed)
    /// transmits nothing. Then attaches the terminals for the uplink (the snapshot's serving
    /// nodes).
    void Place(const TopologySnapshot& snapshot);

    /// Only the payloads (downlink Sinr), without the uplink's attachment.
    void PlaceTransmitters(const TopologySnapshot& snapshot);

    /// SINR at `terminal` (ECEF, m) of the best beam of satellite node `server` (servingBeam
    /// -1 when the server has no beams, no position, or is at or below the terminal's horizon).
    BeamSinr Sinr(int server, const Vec3& terminal) const;

    /// Uplink SINR at satellite node `server` of a terminal at `terminal` (ECEF, m) sending in its
    /// forward serving beam (the same pattern receives): its signal over noise and the co-channel
    /// terminals of every other beam with terminals attached (the snapshot's serving nodes, over
    /// the satellites of the server's group with return_shared_capacity), each such beam giving
    /// the mean of its terminals' powers through the serving beam's pattern (one transmits at a
    /// time, each in turn: full load). servingBeam -1 as for Sinr, or when the server's beams
    /// have no return_shared_capacity.
    BeamSinr UplinkSinr(int server, const Vec3& terminal) const;

    /// Where the return beams' activity comes from: per satellite node, the share of each
    /// beam's resource blocks used since the previous Place (BeamQueue::TakeActivities; empty:
    /// no slot since). Each interfering beam's terminals count with that weight; before the
    /// first measurement, and without a source, every beam with terminals counts as fully busy.
    using ActivitySource = std::function<std::vector<double>(int node)>;
    void SetReturnActivity(ActivitySource source);
    /// The same for the forward beams: payloads whose shared_capacity has
    /// activity_weighted_interference weight their beams' interference by it at each Place
    /// (CellPayload::SetInterferenceWeights; a beam not measured yet counts fully), and Sinr
    /// counts the serving beam's carrier fully.
    void SetForwardActivity(ActivitySource source);

  private:
    struct Satellite
    {
        int node;
        const ShellBeams* beams;
        std::unique_ptr<CellPayload> payload; ///< spot beams, HAPS cells or a base station's
        bool transmitting;
        /// Uplink (return_shared_capacity): per beam, the terminals whose serving node it is and
        /// whose strongest beam it is, and the co-channel interference each receive beam gets
        /// from the other beams' terminals (W; NaN until a terminal of the beam asks), at the
        /// last Place.
        std::vector<std::vector<Vec3>> attached;
        mutable std::vector<double> uplinkInterferenceW;
        /// Per beam: the weight of its terminals' interference (its return activity).
        std::vector<double> activity;
        /// Per beam: its forward activity (activity_weighted_interference; empty: all 1).
        std::vector<double> forwardActivity;
    };

    /// Fills `attached` from the snapshot's serving nodes and reads the beams' activity.
    void PlaceUplink(const TopologySnapshot& snapshot);
    /// Co-channel interference (W) receive beam `b` of `s` gets from the attached terminals of
    /// every other beam of its group (the mean per beam).
    double UplinkInterferenceW(const Satellite& s, std::size_t b) const;

    const World& m_world;
    std::vector<Satellite> m_satellites;
    std::vector<int> m_indexOfNode; ///< by world node: index in m_satellites, -1: no beams
    /// (satellite index, beam) of every beam with terminals attached, at the last Place.
    std::vector<std::pair<std::size_t, std::size_t>> m_uplinkGroups;
    ActivitySource m_activity;
    ActivitySource m_forwardActivity;
};

} // namespace sagin

#endif
