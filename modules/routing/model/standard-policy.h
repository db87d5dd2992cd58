// A Standard resolved against a World: every default applied, angles in radians, lengths in
// metres, link budgets built. The topology controller, `paths`, `coverage` and `run` read this.
#ifndef SAGIN_ROUTING_STANDARD_POLICY_H
#define SAGIN_ROUTING_STANDARD_POLICY_H

#include "link/model/correlated-fading.h"
#include "link/model/link-budget.h"
#include "radio/model/beam-scheduler.h"
#include "radio/model/spot-beams.h"
#include "routing/model/handover-procedure.h"
#include "routing/model/link-kind.h"
#include "sagin/v1/standard.pb.h"
#include "scenario/model/validate-standard.h"
#include "scenario/model/world.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sagin
{

/// The budgets of one link kind (forward and reverse), or nothing when the standard gives none.
struct LinkKindModel
{
    bool hasParameters = false;
    std::shared_ptr<const LinkBudget> forward; ///< null: no C/N check, rate from fixedRate_bps
    std::shared_ptr<const LinkBudget> reverse;
    double fixedRate_bps = 0.0; ///< > 0: this rate whatever the budget says
    /// Rate of a direction that neither fixedRate_bps nor a budget gives one (default_rate_mbps).
    double defaultRate_bps = kDefaultLinkRate_mbps * 1e6;
    /// Drop-tail limit of this kind's packets at a transmitting device (queue_packets).
    std::uint32_t queuePackets = kDefaultQueuePackets;
    double minCn_db = -std::numeric_limits<double>::infinity();
    bool minCnGiven = false; ///< false: served when the modulation table gives a non-zero rate
    double acquisition_s = 0.0;
    /// 100 - availability_percent: the exceedance p (%) of the P.618 rain fade the link is
    /// dimensioned for, at the scenario's rain climate; 0: clear sky.
    double rainExceedance_percent = 0.0;
    /// draws { mode: RANDOM }: each terminal-link draws its LOS state and shadow fading
    /// (LinkStateBuilder); otherwise mean mode.
    bool randomDraws = false;
    double losCorrelation_m = kLosStateCorrelationM; ///< draws.los_correlation_m
    /// draws.shadow_correlation_m; NaN: the channel model's, per state (ShadowDecorrelationM).
    double shadowCorrelation_m = std::numeric_limits<double>::quiet_NaN();
};

/// The spot beams of one shell's satellites (Standard.beams or ShellLinks.beams), resolved: the
/// payload (placed per satellite and step by its users), the terminal's receive chain, the
/// coverage threshold and how far interference is looked for.
struct ShellBeams
{
    /// Unplaced prototype: spot beams (SpotBeamPayload; copies share its table) or a base
    /// station's cells (SectorCellPayload).
    std::shared_ptr<const CellPayload> payload;
    TerminalRx rx;
    /// Minimum SINR (dB) for SINR coverage; -inf: none.
    double minSinr_db = -std::numeric_limits<double>::infinity();
    /// Co-channel group: shells whose beams share frequency, band and reuse interfere.
    int group = 0;
    /// BeamLayout.shared_capacity: each beam's scheduler (bandwidth: the colour's band); none:
    /// private service links.
    std::optional<SchedulerConfig> shared;
    /// Packets one user's queue at a beam holds (shared_capacity.queue_packets).
    std::uint32_t sharedQueuePackets = 1000;
    /// The service_space link's forward modulation table (SINR -> efficiency); set with shared.
    std::shared_ptr<const ModulationTable> modulation;
    /// shared_capacity.activity_weighted_interference: in a run the beams interfere on the
    /// forward link in proportion to their measured activity (BeamField).
    bool forwardActivityWeighted = false;
    /// BeamLayout.return_shared_capacity: each beam's uplink scheduler (bandwidth: the colour's
    /// band); none: private return links.
    std::optional<SchedulerConfig> returnShared;
    std::uint32_t returnQueuePackets = 1000;
    /// The service_space link's reverse modulation table (uplink SINR -> efficiency) and budget
    /// (terminal EIRP, satellite G/T, return frequency); set with returnShared.
    std::shared_ptr<const ModulationTable> returnModulation;
    BeamUplink uplink;
    /// Ground area (m^2) of each beam's cell from the shell's altitude, payload at nadir
    /// (NadirBeamCellAreasM2; NaN past the Earth's limb).
    std::vector<double> cellAreasM2;
};

struct StandardPolicy
{
    std::string name;
    v1::Standard proto;

    // Access layers: allowed, and their order of preference.
    std::array<bool, 4> layerAllowed{false, true, true, true}; ///< index: v1::Node::Layer
    std::vector<v1::Node::Layer> layerOrder;                   ///< most preferred first
    bool firstAvailableLayer = true;

    bool transparent = false;

    v1::IslPolicy::Topology islTopology = v1::IslPolicy::NO_ISL;
    int crossPlaneShift = 0;
    bool islAcrossStarSeam = false;
    double islMaxRange_m = std::numeric_limits<double>::infinity();
    double islGrazingAltitude_m = 80e3; ///< < 0: no atmosphere rule

    bool hapsRelay = true;
    bool uavRelay = true;
    bool hapsViaGround = true;
    bool hapsViaSatellite = false;
    bool uavViaGround = true;
    bool uavViaSatellite = false;

    v1::AccessPolicy::Rule rule = v1::AccessPolicy::HIGHEST_ELEVATION;
    /// access.require_sinr: candidates with beams or cells need their downlink SINR to reach
    /// the payload's minSinr_db (TopologyController).
    bool requireSinr = false;
    double hysteresisDeg = 0.0;
    double hysteresis_m = 0.0;
    double hysteresisDb = 0.0;
    double hysteresis_s = 0.0;
    double minDwell_s = 0.0;
    unsigned maxGatewayLinks = 0;
    double lookahead_s = 600.0;
    double lookaheadStep_s = 10.0;
    /// access.handover: the procedure (NONE: free), processing per message received (s),
    /// whether packets wait out the interruption (data forwarding) instead of being dropped, and
    /// how gNBs prepare it (Xn, or N2 through the AMF).
    v1::HandoverProcedure::Kind handover = v1::HandoverProcedure::NONE;
    double handoverGnbProcessing_s = 0.0;
    double handoverUeProcessing_s = 0.0;
    bool handoverDataForwarding = false;
    /// access.handover.preparation N2: prepared through the AMF at the nearest CORE site.
    bool handoverViaCore = false;
    double handoverAmfProcessing_s = 0.0;
    /// access.handover.make_before_break (DAPS): no interruption while the source is usable.
    bool handoverMakeBeforeBreak = false;
    /// access.handover.same_cell_switch: HANDOVER (the procedure), HARD or SOFT, and HARD's
    /// resynchronization (s).
    v1::HandoverProcedure::SatelliteSwitch::Mode sameCellSwitch
        = v1::HandoverProcedure::SatelliteSwitch::HANDOVER;
    double sameCellResync_s = 0.0;
    /// access.handover.feeder_switch: ANY_GATEWAY (no procedure: any gateway carries a bent
    /// pipe's traffic), HARD or SOFT (one gateway per satellite); HARD's feeder setup time and
    /// SOFT's overlap (s).
    v1::HandoverProcedure::FeederSwitch::Mode feederSwitch
        = v1::HandoverProcedure::FeederSwitch::ANY_GATEWAY;
    double feederSetup_s = 0.0;
    double feederOverlap_s = 10.0;
    /// access.initial_access, defaults applied.
    InitialAccessParameters initialAccess;

    bool fewestHops = false;
    double updateInterval_s = 0.1;
    /// Time from a failure until the routing knows of it (routing.failure_detection_ms), s.
    double failureDetection_s = 0.0;
    bool gatewayTransit = true;
    /// A gateway may send traffic that arrived from a routing satellite or platform back up to
    /// another one (routing.gateway_space_relay).
    bool gatewaySpaceRelay = false;

    bool rangeVisibility = false;
    double maxGslLength_m = std::numeric_limits<double>::infinity();
    double spaceMaskDeg = 0.0;
    double feederMaskDeg = 0.0;
    double airMaskDeg = 0.0;
    double airGroundMaskDeg = 0.0; ///< HAPS/UAV seen from a gateway or base station
    double airSpaceMaskDeg = 0.0;  ///< satellite seen from a HAPS/UAV
    double groundRange_m = 10e3;

    std::array<LinkKindModel, kLinkKindCount> links;
    /// Per shell (index into World::Shells()): replacements of the satellite link kinds.
    std::vector<std::array<std::shared_ptr<LinkKindModel>, kLinkKindCount>> shellLinks;
    std::array<double, 8> processing_s{};  ///< forwarding delay; index: v1::Node::Role
    std::array<double, 8> accessStack_s{}; ///< gNB access stack; index: v1::Node::Role

    // Access timing.
    double slot_s = 0.0;
    bool grantBasedUplink = false;
    double harqBler = 0.0;
    unsigned harqMaxRetransmissions = 4;
    double harqRtt_s = 0.0;
    /// access_timing.harq: HARQ processes per terminal and direction (0: unlimited) and
    /// whether HARQ feedback is disabled (no process limit, no retransmission).
    unsigned harqProcesses = 0;
    bool harqFeedbackDisabled = false;

    const LinkKindModel& Link(LinkKind kind) const
    {
        return links[static_cast<int>(kind)];
    }

    /// The model of a link of `kind` whose satellite end belongs to `shell` (-1: none).
    const LinkKindModel& Link(LinkKind kind, int shell) const
    {
        if (shell >= 0 && shell < static_cast<int>(shellLinks.size()))
        {
            const auto& m = shellLinks[shell][static_cast<int>(kind)];
            if (m)
            {
                return *m;
            }
        }
        return links[static_cast<int>(kind)];
    }

    /// Per shell (index into World::Shells()): its spot beams, null without (Standard.beams,
    /// ShellLinks.beams). Empty when no shell has beams.
    std::vector<std::shared_ptr<const ShellBeams>> shellBeams;
    /// Number of co-channel groups among shellBeams.
    int beamGroups = 0;

    /// The beams of a satellite of `shell`, or null.
    const ShellBeams* Beams(int shell) const
    {
        return shell >= 0 && shell < static_cast<int>(shellBeams.size()) ? shellBeams[shell].get()
                                                                         : nullptr;
    }

    /// The cells of every HAPS (haps.cells), or null.
    std::shared_ptr<const ShellBeams> hapsBeams;

    /// Per world node: a base station's cells (ground_cells), else null; empty without them.
    std::vector<std::shared_ptr<const ShellBeams>> groundBeams;
    /// The one cell of every UAV base station (uav.cell), or null.
    std::shared_ptr<const ShellBeams> uavBeams;

    /// The beams world node `index` (`node`) carries: a satellite its shell's, a HAPS the
    /// standard's cells, a UAV its one cell, a base station its own cells; null for any other
    /// node or without them.
    const ShellBeams* BeamsOf(int index, const WorldNode& node) const
    {
        if (node.role == v1::Node::SAT)
        {
            return Beams(node.shell);
        }
        if (node.role == v1::Node::HAPS)
        {
            return hapsBeams.get();
        }
        if (node.role == v1::Node::UAV)
        {
            return uavBeams.get();
        }
        return node.role == v1::Node::BS && index >= 0
                       && index < static_cast<int>(groundBeams.size())
                   ? groundBeams[index].get()
                   : nullptr;
    }

    /// Per shell of the world: whether this standard uses its satellites (space_orbits).
    std::vector<char> shellUsed;

    /// True when the standard uses this node (satellites of excluded orbits are not).
    bool Uses(const WorldNode& node) const
    {
        return node.role != v1::Node::SAT || node.shell < 0
               || node.shell >= static_cast<int>(shellUsed.size()) || shellUsed[node.shell];
    }

    /// True when nodes of this role pass terminal traffic only between their Down and Up faces.
    bool IsTransparentRelay(v1::Node::Role role) const;
    /// True when nodes of this role may forward traffic they did not originate.
    bool IsTransit(v1::Node::Role role) const;
    /// True when a gateway keeps traffic that came down from a routing satellite or platform
    /// from going back up (its graph vertex is split by arrival face).
    bool GatewayNoSpaceRelay() const
    {
        return gatewayTransit && !gatewaySpaceRelay;
    }
};

/// Resolves a validated standard for a world. Throws InputError (`<file>: error: links.x: ...`)
/// when a link model rejects its parameters.
StandardPolicy ResolveStandard(const v1::Standard& standard,
                               const World& world,
                               const std::string& file = "");

/// The same, adding every problem (a link model that rejects its parameters, a shell the
/// scenario lacks) to `errors` with its field path instead of throwing; the policy is usable
/// only when no error was added. Part of the one validation pass (ValidateRunInputs).
StandardPolicy ResolveStandard(const v1::Standard& standard, const World& world, ErrorList& errors);

} // namespace sagin

#endif
