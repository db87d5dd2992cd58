// The spot beams of every satellite of one simulated network, placed where the current topology
// snapshot puts the satellites: a terminal's serving beam on a given satellite and its SINR
// against the co-channel beams of every satellite that can interfere at the terminal (its own
// other beams and other satellites' beams of the same co-channel group, within their
// interference angle and above the terminal's horizon), with every beam assumed to transmit all
// the time (full buffer, as in TR 38.821's system-level calibration). It is the sum `sagin
// coverage` makes per map point, made per terminal for a run. docs/models.md#spot-beams.
#ifndef SAGIN_NET_BEAM_FIELD_H
#define SAGIN_NET_BEAM_FIELD_H

#include "radio/model/spot-beams.h"
#include "routing/model/standard-policy.h"
#include "routing/model/topology-snapshot.h"
#include "scenario/model/world.h"

#include <vector>

namespace sagin
{

class BeamField
{
  public:
    /// Every satellite of a shell with beams (StandardPolicy::Beams).
    BeamField(const World& world, const StandardPolicy& policy);

    /// Places every payload at the snapshot's satellite positions (Earth-moving beams, central
    /// beam at nadir); a satellite without a position (failed) transmits nothing.
    void Place(const TopologySnapshot& snapshot);

    /// SINR at `terminal` (ECEF, m) of the best beam of satellite node `server` (servingBeam
    /// -1 when the server has no beams, no position, or is at or below the terminal's horizon).
    BeamSinr Sinr(int server, const Vec3& terminal) const;

  private:
    struct Satellite
    {
        int node;
        const ShellBeams* beams;
        SpotBeamPayload payload;
        double cosCut; ///< cos of the interference angle off nadir
        bool transmitting;
    };

    std::vector<Satellite> m_satellites;
    std::vector<int> m_indexOfNode; ///< by world node: index in m_satellites, -1: no beams
};

} // namespace sagin

#endif
