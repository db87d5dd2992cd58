#include "routing/model/standard-policy.h"

#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "core/model/geodesy.h"
#include "core/model/text-format.h"
#include "link/model/modulation-table.h"
#include "radio/model/sector-cells.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>

namespace sagin
{

bool
StandardPolicy::IsTransparentRelay(v1::Node::Role role) const
{
    switch (role)
    {
    case v1::Node::SAT:
        return transparent;
    case v1::Node::HAPS:
        return hapsRelay;
    case v1::Node::UAV:
        return uavRelay;
    default:
        return false;
    }
}

bool
StandardPolicy::IsTransit(v1::Node::Role role) const
{
    switch (role)
    {
    case v1::Node::UT:
        return false;
    case v1::Node::GW:
        return gatewayTransit;
    default:
        return true;
    }
}

namespace
{

/// standard.proto's channel enum names a registered model by its schema name (one to one).
ChannelModel
MapChannel(v1::Channel::Model m, const std::string& path, ErrorList& errors)
{
    const ChannelModelInfo* info
        = ChannelModelRegistry::Instance().FindBySchemaName(v1::Channel::Model_Name(m));
    if (!info)
    {
        errors.Add(path + ".channel",
                   "must be one of " + ChannelModelRegistry::Instance().SchemaNames());
        return ChannelModel::kFreeSpace;
    }
    return info->id;
}

/// The environment enum spells Environment's names; a model that takes none ignores it.
Environment
MapEnvironment(v1::Channel::Environment e,
               ChannelModel model,
               const std::string& path,
               ErrorList& errors)
{
    const ChannelModelInfo* info = ChannelModelRegistry::Instance().Find(model);
    Environment out = Environment::kSuburban;
    if (!info || info->environments.empty())
    {
        return out;
    }
    if (!EnvironmentFromSchemaName(v1::Channel::Environment_Name(e), out)
        || !info->TakesEnvironment(out))
    {
        errors.Add(path + ".environment",
                   "channel " + info->schemaName + " needs one of " + info->EnvironmentNames());
    }
    return out;
}

ModulationKind
MapModulation(v1::Modulation::Table m)
{
    switch (m)
    {
    case v1::Modulation::NR_CQI:
        return ModulationKind::kNrCqi64;
    case v1::Modulation::SHANNON:
        return ModulationKind::kShannon;
    case v1::Modulation::DVB_S2X:
    default:
        return ModulationKind::kDvbS2x;
    }
}

std::shared_ptr<const LinkBudget>
MakeBudget(const v1::LinkParameters& l,
           const v1::Budget& b,
           const std::string& path,
           bool reverse,
           bool rxOnGround,
           ErrorList& errors)
{
    LinkBudgetParameters p;
    const std::string linkPath = path.substr(0, path.rfind('.'));
    p.model = MapChannel(l.channel(), linkPath, errors);
    p.environment = MapEnvironment(l.environment(), p.model, linkPath, errors);
    p.frequencyHz = (reverse && l.reverse_frequency_ghz() > 0.0 ? l.reverse_frequency_ghz()
                                                                : l.frequency_ghz())
                    * 1e9;
    p.receiverLooksAtSky = rxOnGround;
    p.bandwidthHz = (reverse && l.reverse_bandwidth_mhz() > 0.0 ? l.reverse_bandwidth_mhz()
                                                                : l.bandwidth_mhz())
                    * 1e6;
    if (b.has_tx())
    {
        p.txPowerDbw = b.tx().power_dbm() - 30.0;
        p.txGainDbi = b.tx().gain_dbi();
    }
    else
    {
        p.eirpDbwPerMhz = b.eirp_dbw_per_mhz();
    }
    if (b.has_rx())
    {
        p.rxGainDbi = b.rx().gain_dbi();
        p.noiseFigureDb = b.rx().noise_figure_db();
        p.antennaTemperatureK
            = b.rx().antenna_temperature_k() > 0.0 ? b.rx().antenna_temperature_k() : 290.0;
    }
    else
    {
        p.gtDbK = b.gt_dbk();
    }
    p.modulation = MapModulation(l.modulation());
    if (l.modulation() == v1::Modulation::SHANNON)
    {
        p.shannonGapDb = l.shannon_gap_db();
        if (l.max_spectral_efficiency_bps_hz() > 0.0)
        {
            p.shannonCapBpsHz = l.max_spectral_efficiency_bps_hz();
        }
    }
    try
    {
        return std::make_shared<LinkBudget>(p);
    }
    catch (const std::invalid_argument& e)
    {
        errors.Add(path, e.what());
        return nullptr;
    }
}

LinkKindModel
MakeLinkModel(const v1::LinkParameters& l,
              LinkKind kind,
              const std::string& path,
              ErrorList& errors)
{
    LinkKindModel m;
    m.hasParameters = l.ByteSizeLong() > 0;
    m.fixedRate_bps = l.rate_mbps() * 1e6;
    if (l.has_default_rate_mbps())
    {
        m.defaultRate_bps = l.default_rate_mbps() * 1e6;
    }
    if (l.has_queue_packets())
    {
        m.queuePackets = l.queue_packets();
    }
    m.acquisition_s = l.acquisition_s();
    const std::string& prefix = path;
    // The lower (ground) end receives the forward direction unless it transmits it.
    const bool forwardRxOnGround = !LowerEndTransmitsForward(kind);
    if (l.has_forward())
    {
        m.forward
            = MakeBudget(l, l.forward(), prefix + ".forward", false, forwardRxOnGround, errors);
        m.minCnGiven = l.has_min_cn_db();
        if (m.minCnGiven)
        {
            m.minCn_db = l.min_cn_db();
        }
    }
    if (l.has_reverse())
    {
        m.reverse
            = MakeBudget(l, l.reverse(), prefix + ".reverse", true, !forwardRxOnGround, errors);
    }
    if (l.availability_percent() > 0.0)
    {
        m.rainExceedance_percent = 100.0 - l.availability_percent();
    }
    if (l.has_draws())
    {
        m.randomDraws = l.draws().mode() == v1::ChannelDraws::RANDOM;
        if (l.draws().has_los_correlation_m())
        {
            m.losCorrelation_m = l.draws().los_correlation_m();
        }
        if (l.draws().has_shadow_correlation_m())
        {
            m.shadowCorrelation_m = l.draws().shadow_correlation_m();
        }
    }
    return m;
}

/// A beam scheduler (BeamLayout.shared_capacity or return_shared_capacity) over one colour's
/// band `colourHz`; none, with errors naming `path` (or `bandPath`, the field of the link's band
/// the colour is cut from), when invalid.
std::optional<SchedulerConfig>
BeamSchedulerConfig(const v1::SharedCapacity& sc,
                    double colourHz,
                    const std::string& path,
                    const std::string& bandPath,
                    ErrorList& errors)
{
    SchedulerConfig c;
    c.subcarrierSpacingHz
        = (sc.subcarrier_spacing_khz() > 0.0 ? sc.subcarrier_spacing_khz() : 15.0) * 1e3;
    c.bandwidthHz = colourHz;
    c.policy = sc.policy() == v1::SharedCapacity::PROPORTIONAL_FAIR
                   ? SchedulerPolicy::kProportionalFair
                   : SchedulerPolicy::kRoundRobin;
    c.pfTimeConstantS = sc.pf_time_constant_s() > 0.0 ? sc.pf_time_constant_s() : 0.1;
    c.maxUsersPerSlot = sc.max_users_per_slot() > 0 ? static_cast<int>(sc.max_users_per_slot()) : 1;
    c.overheadFraction = sc.overhead_fraction();
    const std::size_t before = errors.Errors().size();
    // The scheduler's band is the colour's share of the service link's band: a share too narrow
    // for one resource block is the user's bandwidth_mhz (or reuse) to change, so it is reported
    // there, and the scheduler's own check sees a valid band.
    if (std::isfinite(c.bandwidthHz) && c.bandwidthHz > 0.0 && std::isfinite(c.subcarrierSpacingHz)
        && c.subcarrierSpacingHz > 0.0 && ResourceBlocks(c.bandwidthHz, c.subcarrierSpacingHz) < 1)
    {
        std::ostringstream m;
        m << "each beam colour gets " << c.bandwidthHz / 1e6
          << " MHz of it (after the beams' reuse), less than one resource block of the "
             "shared capacity (12 x "
          << c.subcarrierSpacingHz / 1e3 << " kHz)";
        errors.Add(bandPath, m.str());
        c.bandwidthHz = 12.0 * c.subcarrierSpacingHz;
    }
    CheckSchedulerConfig(c, path, errors);
    if (errors.Errors().size() != before)
    {
        return std::nullopt;
    }
    return c;
}

std::uint32_t
QueuePackets(const v1::SharedCapacity& sc)
{
    return sc.queue_packets() > 0 ? sc.queue_packets() : 1000;
}

/// The spot beams of a shell of altitude `altitude_m` whose service_space link is `link` (the
/// shell's own or the standard's); null and an error naming `path` when they cannot be built.
/// The terminal's receive chain of a service link's forward budget: its rx, or its G/T as a
/// 290 K system (gain = G/T + 10 log10(290), noise figure 0 dB).
TerminalRx
TerminalRxOf(const v1::Budget& f, double additionalLossDb)
{
    TerminalRx rx;
    if (f.has_rx())
    {
        rx.gainDbi = f.rx().gain_dbi();
        rx.noiseFigureDb = f.rx().noise_figure_db();
        rx.antennaTemperatureK
            = f.rx().antenna_temperature_k() > 0.0 ? f.rx().antenna_temperature_k() : 290.0;
    }
    else
    {
        rx.gainDbi = f.gt_dbk() + 10.0 * std::log10(290.0);
        rx.noiseFigureDb = 0.0;
        rx.antennaTemperatureK = 290.0;
    }
    rx.additionalLossDb = additionalLossDb;
    return rx;
}

/// The SINR coverage threshold: `given`, else the link's min_cn_db, else the lowest SINR of its
/// forward modulation table. A given threshold must be a finite SINR in [-50, 60] dB (an error
/// at `path` otherwise).
double
MinSinrDb(std::optional<double> given,
          const LinkKindModel& linkModel,
          const std::string& path,
          ErrorList& errors)
{
    if (given)
    {
        if (!(*given >= -50.0 && *given <= 60.0))
        {
            errors.Add(path + ".min_sinr_db",
                       "must be a finite SINR in [-50, 60] dB, got " + Exact(*given));
        }
        return *given;
    }
    if (linkModel.minCnGiven)
    {
        return linkModel.minCn_db;
    }
    if (linkModel.forward)
    {
        return linkModel.forward->Modulation().MinThresholdDb();
    }
    return -std::numeric_limits<double>::infinity();
}

/// The schedulers of a payload's beams or cells (shared_capacity, return_shared_capacity; null:
/// none) on `out`, whose payload is set: their bandwidth (a colour's share of the service link's
/// band), queues, the link's modulation tables and, for the return, its reverse budget. False
/// after adding an error.
bool
AddSchedulers(ShellBeams& out,
              const v1::SharedCapacity* shared,
              const v1::SharedCapacity* returnShared,
              const v1::LinkParameters& link,
              const LinkKindModel& linkModel,
              double additionalLossDb,
              const std::string& path,
              const std::string& linkPath,
              ErrorList& errors)
{
    if (shared != nullptr)
    {
        const std::optional<SchedulerConfig> c
            = BeamSchedulerConfig(*shared,
                                  out.payload->ColourBandwidthHz(),
                                  path + ".shared_capacity",
                                  linkPath + ".bandwidth_mhz",
                                  errors);
        if (!linkModel.forward)
        {
            errors.Add(path + ".shared_capacity",
                       "needs a forward budget at " + linkPath
                           + " (its modulation table gives the rates)");
        }
        if (!c || !linkModel.forward)
        {
            return false;
        }
        out.shared = c;
        out.sharedQueuePackets = QueuePackets(*shared);
        out.forwardActivityWeighted = shared->activity_weighted_interference();
        out.modulation = std::make_shared<const ModulationTable>(linkModel.forward->Modulation());
    }
    if (returnShared != nullptr && returnShared->activity_weighted_interference())
    {
        errors.Add(path + ".return_shared_capacity.activity_weighted_interference",
                   "applies to the forward shared_capacity only (the return link's interference "
                   "is always weighted by the beams' activity)");
    }
    if (returnShared != nullptr)
    {
        // The return band: reverse_bandwidth_mhz when given (the reverse budget's), split by the
        // same reuse.
        const double returnBandHz = link.reverse_bandwidth_mhz() > 0.0
                                        ? link.reverse_bandwidth_mhz() * 1e6
                                        : link.bandwidth_mhz() * 1e6;
        const std::optional<SchedulerConfig> c = BeamSchedulerConfig(
            *returnShared,
            returnBandHz * ReuseBandFraction(out.payload->Band().reuse),
            path + ".return_shared_capacity",
            linkPath
                + (link.reverse_bandwidth_mhz() > 0.0 ? ".reverse_bandwidth_mhz"
                                                      : ".bandwidth_mhz"),
            errors);
        const LinkBudget* reverse = linkModel.reverse.get();
        const bool budget = reverse != nullptr && std::isfinite(reverse->EirpDbw())
                            && std::isfinite(reverse->GtDbK());
        if (!budget)
        {
            errors.Add(path + ".return_shared_capacity",
                       "needs a reverse budget with both sides (the terminal's transmit side and "
                       "the satellite's receive side) at "
                           + linkPath + ".reverse");
        }
        if (!c || !budget)
        {
            return false;
        }
        out.returnShared = c;
        out.returnQueuePackets = QueuePackets(*returnShared);
        out.returnModulation = std::make_shared<const ModulationTable>(reverse->Modulation());
        out.uplink.terminalEirpDbw = reverse->EirpDbw();
        out.uplink.gtDbK = reverse->GtDbK();
        out.uplink.frequencyHz = reverse->Parameters().frequencyHz;
        out.uplink.additionalLossDb = additionalLossDb;
        out.uplink.bandwidthHz = returnBandHz;
    }
    return true;
}

std::shared_ptr<ShellBeams>
MakeShellBeams(const v1::BeamLayout& b,
               const v1::LinkParameters& link,
               const LinkKindModel& linkModel,
               double altitude_m,
               double maskDeg,
               const std::string& path,
               const std::string& linkPath,
               ErrorList& errors)
{
    if (!link.has_forward() || link.forward().receive_case() == v1::Budget::RECEIVE_NOT_SET
        || !(link.bandwidth_mhz() > 0.0) || !(link.frequency_ghz() > 0.0))
    {
        errors.Add(path,
                   "spot beams need their service link's frequency_ghz, bandwidth_mhz and "
                   "forward receive side (rx or gt_dbk) at "
                       + linkPath);
        return nullptr;
    }
    auto out = std::make_shared<ShellBeams>();
    std::shared_ptr<SpotBeamPayload> payload;
    SpotBeamConfig c;
    c.numBeams = static_cast<int>(b.count());
    c.frequencyHz = link.frequency_ghz() * 1e9;
    c.bandwidthHz = link.bandwidth_mhz() * 1e6;
    double beamwidth = 0.0;
    if (b.has_footprint_diameter_km())
    {
        beamwidth = BeamwidthFromNadirFootprintRad(
            b.footprint_diameter_km() * 1e3, altitude_m, kEarthMeanRadius3gpp);
        c.spacingRad = AdjacentBeamSpacingRad(beamwidth);
    }
    else
    {
        c.spacingRad = b.spacing_deg() * kDegToRad;
        beamwidth = c.spacingRad * 2.0 / std::sqrt(3.0);
    }
    switch (b.reuse())
    {
    case v1::BeamLayout::FR3:
        c.reuse = FrequencyReuse::kFr3;
        break;
    case v1::BeamLayout::FR4:
        c.reuse = FrequencyReuse::kFr4;
        break;
    default:
        c.reuse = FrequencyReuse::kFr1;
        break;
    }
    if (b.polarization_isolation_db() > 0.0)
    {
        c.polarizationIsolationDb = b.polarization_isolation_db();
    }
    c.maxGainDbi = b.max_gain_dbi();
    c.apertureRadiusM = b.aperture_diameter_m() > 0.0
                            ? b.aperture_diameter_m() / 2.0
                            : ApertureRadiusForBeamwidthM(beamwidth, c.frequencyHz);
    c.eirpDensityDbwPerMhz = b.eirp_dbw_per_mhz();
    if (b.steering() == v1::BeamLayout::EARTH_FIXED)
    {
        c.steering = BeamSteering::kEarthFixed;
        c.anchorPeriodS = b.anchor_period_s();
        c.minCellElevationRad = maskDeg * kDegToRad;
        c.cellSphereRadiusM = kEarthMeanRadius3gpp;
    }
    try
    {
        payload = std::make_shared<SpotBeamPayload>(c);
        out->cellAreasM2
            = NadirBeamCellAreasM2(c.numBeams, c.spacingRad, altitude_m, kEarthMeanRadius3gpp);
    }
    catch (const std::exception& e)
    {
        errors.Add(path, e.what());
        return nullptr;
    }
    out->rx = TerminalRxOf(link.forward(), b.additional_loss_db());
    out->minSinr_db
        = MinSinrDb(b.has_min_sinr_db() ? std::optional<double>(b.min_sinr_db()) : std::nullopt,
                    linkModel,
                    path,
                    errors);
    const double cutDb = b.interference_cut_db() > 0.0 ? b.interference_cut_db() : 50.0;
    payload->SetInterferenceAngle(payload->OuterBeamAngleRad()
                                  + ApertureSidelobeCutRad(payload->Table().Ka(), -cutDb));
    out->payload = payload;
    if (!AddSchedulers(*out,
                       b.has_shared_capacity() ? &b.shared_capacity() : nullptr,
                       b.has_return_shared_capacity() ? &b.return_shared_capacity() : nullptr,
                       link,
                       linkModel,
                       b.additional_loss_db(),
                       path,
                       linkPath,
                       errors))
    {
        return nullptr;
    }
    return out;
}

} // namespace

StandardPolicy
ResolveStandard(const v1::Standard& s, const World& world, const std::string& file)
{
    ErrorList errors;
    StandardPolicy p = ResolveStandard(s, world, errors);
    if (!errors.Empty())
    {
        throw InputError(errors.Format(file));
    }
    return p;
}

StandardPolicy
ResolveStandard(const v1::Standard& s, const World& world, ErrorList& errors)
{
    StandardPolicy p;
    p.name = s.name();
    p.proto = s;
    if (s.access_layers_size() > 0)
    {
        p.layerAllowed = {false, false, false, false};
        for (int layer : s.access_layers())
        {
            if (layer <= 0 || layer >= static_cast<int>(p.layerAllowed.size()))
            {
                continue; // reported by ValidateStandard
            }
            p.layerAllowed[layer] = true;
            p.layerOrder.push_back(static_cast<v1::Node::Layer>(layer));
        }
        p.firstAvailableLayer = s.access().layer_choice() != v1::AccessPolicy::BEST_OF_ALL;
    }
    else
    {
        p.firstAvailableLayer = false; // no preference among layers
    }
    p.transparent = s.payload() == v1::Standard::TRANSPARENT;

    const auto& isl = s.isl();
    p.islTopology = isl.topology() == v1::IslPolicy::ISL_TOPOLOGY_UNSPECIFIED
                        ? v1::IslPolicy::NO_ISL
                        : isl.topology();
    p.crossPlaneShift = isl.cross_plane_shift();
    p.islAcrossStarSeam = isl.link_across_star_seam();
    if (isl.max_range_km() > 0.0)
    {
        p.islMaxRange_m = isl.max_range_km() * 1000.0;
    }
    if (isl.range_from_scenario() && world.Scenario().link_limits().max_isl_length_m() > 0.0)
    {
        p.islMaxRange_m
            = std::min(p.islMaxRange_m, world.Scenario().link_limits().max_isl_length_m());
    }
    p.islGrazingAltitude_m
        = isl.min_grazing_altitude_km() == 0.0 ? 80e3 : isl.min_grazing_altitude_km() * 1000.0;

    auto aerial = [](const v1::AerialPolicy& a, bool& relay, bool& ground, bool& sat)
    {
        relay = a.role() != v1::AerialPolicy::BASE_STATION;
        if (a.backhauls_size() == 0)
        {
            ground = true;
            sat = false;
            return;
        }
        ground = false;
        sat = false;
        for (int b : a.backhauls())
        {
            ground |= b == v1::AerialPolicy::VIA_GROUND;
            sat |= b == v1::AerialPolicy::VIA_SATELLITE;
        }
    };
    aerial(s.haps(), p.hapsRelay, p.hapsViaGround, p.hapsViaSatellite);
    aerial(s.uav(), p.uavRelay, p.uavViaGround, p.uavViaSatellite);

    const auto& a = s.access();
    p.rule = a.rule() == v1::AccessPolicy::ACCESS_RULE_UNSPECIFIED
                 ? v1::AccessPolicy::HIGHEST_ELEVATION
                 : a.rule();
    p.hysteresisDeg = a.hysteresis_deg();
    p.hysteresis_m = a.hysteresis_km() * 1000.0;
    p.hysteresisDb = a.hysteresis_db();
    p.hysteresis_s = a.hysteresis_s();
    p.minDwell_s = a.min_dwell_s();
    p.maxGatewayLinks = a.max_gateway_links();
    p.lookahead_s = a.lookahead_s() > 0.0 ? a.lookahead_s() : 600.0;
    p.lookaheadStep_s = a.lookahead_step_s() > 0.0 ? a.lookahead_step_s() : 10.0;
    p.handover = a.handover().kind() == v1::HandoverProcedure::KIND_UNSPECIFIED
                     ? v1::HandoverProcedure::NONE
                     : a.handover().kind();
    p.handoverGnbProcessing_s = a.handover().gnb_processing_ms() / 1000.0;
    p.handoverUeProcessing_s = a.handover().ue_processing_ms() / 1000.0;
    p.handoverDataForwarding = a.handover().data_forwarding();
    p.handoverViaCore = a.handover().preparation() == v1::HandoverProcedure::N2;
    p.handoverAmfProcessing_s = a.handover().amf_processing_ms() / 1000.0;
    p.handoverMakeBeforeBreak = a.handover().make_before_break();
    const auto& sameCell = a.handover().same_cell_switch();
    p.sameCellSwitch = sameCell.mode() == v1::HandoverProcedure::SatelliteSwitch::MODE_UNSPECIFIED
                           ? v1::HandoverProcedure::SatelliteSwitch::HANDOVER
                           : sameCell.mode();
    p.sameCellResync_s = sameCell.resync_ms() / 1000.0;
    const auto& fs = a.handover().feeder_switch();
    p.feederSwitch = fs.mode() == v1::HandoverProcedure::FeederSwitch::MODE_UNSPECIFIED
                         ? v1::HandoverProcedure::FeederSwitch::ANY_GATEWAY
                         : fs.mode();
    p.feederSetup_s = fs.setup_ms() / 1000.0;
    p.feederOverlap_s = fs.overlap_s() > 0.0 ? fs.overlap_s() : 10.0;
    if (p.handoverViaCore
        && std::none_of(world.Nodes().begin(),
                        world.Nodes().end(),
                        [](const auto& n)
                        {
                            return n.role == v1::Node::CORE;
                        }))
    {
        errors.Add("access.handover.preparation",
                   "N2 runs through the AMF at a CORE site, and the scenario has none");
    }
    const auto& ia = a.initial_access();
    p.initialAccess.kind
        = ia.kind() == v1::InitialAccess::KIND_UNSPECIFIED ? v1::InitialAccess::NONE : ia.kind();
    p.initialAccess.preambles = ia.preambles() > 0 ? ia.preambles() : 54;
    p.initialAccess.occasionsPerS = ia.occasions_per_s() > 0.0 ? ia.occasions_per_s() : 100.0;
    p.initialAccess.responseWindow_s
        = (ia.response_window_ms() > 0.0 ? ia.response_window_ms() : 10.0) / 1000.0;
    p.initialAccess.contentionResolution_s
        = (ia.contention_resolution_ms() > 0.0 ? ia.contention_resolution_ms() : 64.0) / 1000.0;
    p.initialAccess.backoff_s = ia.backoff_ms() / 1000.0;
    p.initialAccess.maxAttempts = ia.max_attempts() > 0 ? ia.max_attempts() : 10;
    p.initialAccess.precompensated = ia.timing_advance() != v1::InitialAccess::NOT_PRECOMPENSATED;
    p.initialAccess.otherContenders = ia.other_contenders();
    p.initialAccess.gnbProcessing_s = ia.gnb_processing_ms() / 1000.0;
    p.initialAccess.ueProcessing_s = ia.ue_processing_ms() / 1000.0;
    p.initialAccess.inactivityTimeout_s = ia.inactivity_timeout_s();

    p.fewestHops = s.routing().metric() == v1::RoutingPolicy::FEWEST_HOPS;
    p.updateInterval_s
        = s.routing().update_interval_ms() > 0.0 ? s.routing().update_interval_ms() / 1000.0 : 0.1;
    p.failureDetection_s = s.routing().failure_detection_ms() / 1000.0;
    p.gatewayTransit = !s.routing().no_gateway_transit();
    p.gatewaySpaceRelay = s.routing().gateway_space_relay();

    const auto& v = s.visibility();
    p.rangeVisibility = v.rule() == v1::Visibility::SCENARIO_RANGE;
    if (p.rangeVisibility)
    {
        double limit = world.Scenario().link_limits().max_gsl_length_m();
        if (!(limit > 0.0))
        {
            errors.Add("visibility.rule",
                       "SCENARIO_RANGE needs the scenario's link_limits.max_gsl_length_m");
        }
        p.maxGslLength_m = limit;
    }
    p.spaceMaskDeg = v.space_deg();
    p.feederMaskDeg = v.has_feeder_deg() ? v.feeder_deg() : v.space_deg();
    p.airMaskDeg = v.air_deg();
    p.airGroundMaskDeg = v.has_air_ground_deg() ? v.air_ground_deg() : v.air_deg();
    p.airSpaceMaskDeg = v.has_air_space_deg() ? v.air_space_deg() : v.space_deg();
    p.groundRange_m = v.ground_range_km() > 0.0 ? v.ground_range_km() * 1000.0 : 10e3;

    const auto& l = s.links();
    p.links[static_cast<int>(LinkKind::ServiceSpace)]
        = MakeLinkModel(l.service_space(), LinkKind::ServiceSpace, "links.service_space", errors);
    p.links[static_cast<int>(LinkKind::ServiceAir)]
        = MakeLinkModel(l.service_air(), LinkKind::ServiceAir, "links.service_air", errors);
    p.links[static_cast<int>(LinkKind::ServiceGround)] = MakeLinkModel(
        l.service_ground(), LinkKind::ServiceGround, "links.service_ground", errors);
    p.links[static_cast<int>(LinkKind::Feeder)]
        = MakeLinkModel(l.feeder(), LinkKind::Feeder, "links.feeder", errors);
    p.links[static_cast<int>(LinkKind::AirSpace)]
        = MakeLinkModel(l.air_space(), LinkKind::AirSpace, "links.air_space", errors);
    p.links[static_cast<int>(LinkKind::AirGround)]
        = MakeLinkModel(l.air_ground(), LinkKind::AirGround, "links.air_ground", errors);
    p.links[static_cast<int>(LinkKind::Isl)]
        = MakeLinkModel(l.isl(), LinkKind::Isl, "links.isl", errors);
    // Rain as a time series (Scenario.rain.time_series) fades the Earth-space links of ground
    // sites whatever availability_percent says, so a receiver on the ground needs its noise
    // temperature there too (validate-standard.cc checks it when availability_percent is set).
    const auto& climate = world.Scenario().rain();
    bool rains = climate.rain_rate_mm_h() > 0.0;
    for (const auto& r : climate.regions())
    {
        rains = rains || r.rain_rate_mm_h() > 0.0;
    }
    auto skyNoise = [&](const v1::LinkParameters& lp, LinkKind kind, const std::string& path)
    {
        const ChannelModelInfo* channel = ChannelModelRegistry::Instance().FindBySchemaName(
            v1::Channel::Model_Name(lp.channel()));
        if (!climate.time_series() || !rains || !channel || !channel->earthSpace
            || lp.availability_percent() > 0.0)
        {
            return;
        }
        const bool forwardOnGround = !LowerEndTransmitsForward(kind);
        const v1::Budget& groundRx = forwardOnGround ? lp.forward() : lp.reverse();
        const bool present = forwardOnGround ? lp.has_forward() : lp.has_reverse();
        if (present && groundRx.has_gt_dbk())
        {
            errors.Add(path + (forwardOnGround ? ".forward" : ".reverse") + ".gt_dbk",
                       "this receiver is on the ground and the scenario's rain time series "
                       "(rain.time_series) raises its noise temperature: give rx { gain_dbi "
                       "noise_figure_db antenna_temperature_k } instead of G/T");
        }
    };
    skyNoise(l.service_space(), LinkKind::ServiceSpace, "links.service_space");
    skyNoise(l.service_air(), LinkKind::ServiceAir, "links.service_air");
    skyNoise(l.feeder(), LinkKind::Feeder, "links.feeder");
    skyNoise(l.air_ground(), LinkKind::AirGround, "links.air_ground");

    auto orbitOf = [&](size_t k)
    {
        const double h = world.Shells()[k].altitude_m;
        return h < 2000e3 ? v1::Orbit::LEO
                          : (std::fabs(h - 35786e3) < 1000e3 ? v1::Orbit::GEO : v1::Orbit::MEO);
    };
    p.shellUsed.assign(world.Shells().size(), 1);
    if (s.space_orbits_size() > 0)
    {
        for (size_t k = 0; k < world.Shells().size(); ++k)
        {
            bool used = false;
            for (int o : s.space_orbits())
            {
                used |= o == orbitOf(k);
            }
            p.shellUsed[k] = used ? 1 : 0;
        }
    }
    p.shellLinks.resize(world.Shells().size());
    for (int i = 0; i < s.shell_links_size(); ++i)
    {
        const auto& sl = s.shell_links(i);
        const std::string path = "shell_links[" + std::to_string(i) + "]";
        std::vector<size_t> shells;
        for (size_t k = 0; k < world.Shells().size(); ++k)
        {
            if (sl.has_shell() ? world.Shells()[k].name == sl.shell() : orbitOf(k) == sl.orbit())
            {
                shells.push_back(k);
            }
        }
        if (sl.has_shell() && shells.empty())
        {
            errors.Add(path + ".shell", "the scenario has no shell named '" + sl.shell() + "'");
        }
        for (size_t shell : shells)
        {
            auto set = [&](LinkKind kind, const v1::LinkParameters& lp, const char* name)
            {
                if (lp.ByteSizeLong() > 0)
                {
                    p.shellLinks[shell][static_cast<int>(kind)] = std::make_shared<LinkKindModel>(
                        MakeLinkModel(lp, kind, path + "." + name, errors));
                }
            };
            set(LinkKind::ServiceSpace, sl.service_space(), "service_space");
            set(LinkKind::Feeder, sl.feeder(), "feeder");
            if (shell == shells.front())
            {
                skyNoise(sl.service_space(), LinkKind::ServiceSpace, path + ".service_space");
                skyNoise(sl.feeder(), LinkKind::Feeder, path + ".feeder");
            }
            set(LinkKind::AirSpace, sl.air_space(), "air_space");
        }
    }

    // Spot beams per shell: the shell's own layout (count 0: none), else the standard's; built
    // with the shell's service_space link.
    std::vector<int> beamsFrom(world.Shells().size(), s.has_beams() ? -1 : -2);
    for (int i = 0; i < s.shell_links_size(); ++i)
    {
        const auto& sl = s.shell_links(i);
        for (size_t k = 0; k < world.Shells().size(); ++k)
        {
            if (sl.has_beams()
                && (sl.has_shell() ? world.Shells()[k].name == sl.shell()
                                   : orbitOf(k) == sl.orbit()))
            {
                beamsFrom[k] = sl.beams().count() > 0 ? i : -2;
            }
        }
    }
    // Co-channel groups: payloads of the same frequency, band and reuse interfere.
    std::map<std::tuple<double, double, int>, int> groups;
    auto groupOf = [&groups](const CellPayload& payload)
    {
        const CellBand& c = payload.Band();
        auto key = std::make_tuple(c.frequencyHz, c.bandwidthHz, static_cast<int>(c.reuse));
        return groups.emplace(key, static_cast<int>(groups.size())).first->second;
    };
    for (size_t k = 0; k < world.Shells().size(); ++k)
    {
        if (beamsFrom[k] == -2 || !p.shellUsed[k])
        {
            continue;
        }
        const bool own = beamsFrom[k] >= 0;
        const v1::BeamLayout& layout = own ? s.shell_links(beamsFrom[k]).beams() : s.beams();
        const std::string path
            = own ? "shell_links[" + std::to_string(beamsFrom[k]) + "].beams" : "beams";
        // The shell's service_space link: the last shell_links entry that gives one, as Link().
        const v1::LinkParameters* link = &l.service_space();
        std::string linkPath = "links.service_space";
        for (int i = 0; i < s.shell_links_size(); ++i)
        {
            const auto& sl = s.shell_links(i);
            if ((sl.has_shell() ? world.Shells()[k].name == sl.shell() : orbitOf(k) == sl.orbit())
                && sl.service_space().ByteSizeLong() > 0)
            {
                link = &sl.service_space();
                linkPath = "shell_links[" + std::to_string(i) + "].service_space";
            }
        }
        auto beams = MakeShellBeams(
            layout,
            *link,
            p.Link(LinkKind::ServiceSpace, static_cast<int>(k)),
            world.Shells()[k].altitude_m,
            std::max(p.spaceMaskDeg,
                     world.Scenario().shells(static_cast<int>(k)).min_elevation_deg()),
            path + " (shell '" + world.Shells()[k].name + "')",
            linkPath,
            errors);
        if (!beams)
        {
            continue;
        }
        beams->group = groupOf(*beams->payload);
        if (p.shellBeams.empty())
        {
            p.shellBeams.resize(world.Shells().size());
        }
        p.shellBeams[k] = beams;
    }
    // The HAPS's cells (haps.cells): one layout for every HAPS, built with the service_air link
    // at the platforms' mean altitude (their cells' ground areas), in the same co-channel
    // groups as the satellites' beams.
    if (s.haps().has_cells())
    {
        double altitude = 0.0;
        int platforms = 0;
        for (const WorldNode& n : world.Nodes())
        {
            if (n.role == v1::Node::HAPS && n.trajectory)
            {
                altitude += EcefToGeodetic(n.trajectory->PositionAt(0.0)).alt_m;
                ++platforms;
            }
        }
        if (platforms > 0)
        {
            auto beams = MakeShellBeams(s.haps().cells(),
                                        l.service_air(),
                                        p.Link(LinkKind::ServiceAir),
                                        altitude / platforms,
                                        p.airMaskDeg,
                                        "haps.cells",
                                        "links.service_air",
                                        errors);
            if (beams)
            {
                beams->group = groupOf(*beams->payload);
                p.hapsBeams = beams;
            }
        }
    }
    // Base stations' cells (ground_cells, uav.cell): one payload per station, with its service
    // link's band, budgets and terminal, in the same co-channel groups as the beams. The
    // schedulers, terminal and threshold are the same for every station of a kind: built with the
    // first one (its errors reported once), copied for the others.
    auto stationCells
        = [&](const v1::StationCells& sc,
              LinkKind kind,
              const v1::LinkParameters& link,
              const std::string& path,
              const std::string& linkPath,
              const SectorCellConfig& site,
              std::shared_ptr<const ShellBeams>& common) -> std::shared_ptr<ShellBeams>
    {
        const LinkKindModel& model = p.Link(kind);
        auto beams = std::make_shared<ShellBeams>();
        SectorCellConfig cfg = site;
        cfg.forward = model.forward;
        cfg.reverse = model.reverse;
        beams->payload = std::make_shared<const SectorCellPayload>(cfg);
        if (common)
        {
            auto payload = beams->payload;
            *beams = *common;
            beams->payload = payload;
            return beams;
        }
        beams->rx = TerminalRxOf(link.forward(), 0.0);
        beams->minSinr_db = MinSinrDb(sc.has_min_sinr_db() ? std::optional<double>(sc.min_sinr_db())
                                                           : std::nullopt,
                                      model,
                                      path,
                                      errors);
        beams->group = groupOf(*beams->payload);
        if (!AddSchedulers(*beams,
                           sc.has_shared_capacity() ? &sc.shared_capacity() : nullptr,
                           sc.has_return_shared_capacity() ? &sc.return_shared_capacity() : nullptr,
                           link,
                           model,
                           0.0,
                           path,
                           linkPath,
                           errors))
        {
            return nullptr;
        }
        // No ground area: a cell's extent depends on its neighbours.
        beams->cellAreasM2.assign(beams->payload->NumBeams(),
                                  std::numeric_limits<double>::quiet_NaN());
        common = beams;
        return beams;
    };
    auto budgetMissing = [&](LinkKind kind, const v1::LinkParameters& link)
    {
        const LinkKindModel& model = p.Link(kind);
        return !model.forward || !std::isfinite(model.forward->EirpDbw())
               || link.forward().receive_case() == v1::Budget::RECEIVE_NOT_SET;
    };
    if (s.has_ground_cells())
    {
        if (budgetMissing(LinkKind::ServiceGround, l.service_ground()))
        {
            errors.Add("ground_cells",
                       "terrestrial cells need links.service_ground's frequency_ghz, "
                       "bandwidth_mhz and a forward budget with both sides (the base station's "
                       "transmit side and the terminal's rx or gt_dbk)");
        }
        else
        {
            std::shared_ptr<const ShellBeams> common;
            for (std::size_t i = 0; i < world.Nodes().size(); ++i)
            {
                const WorldNode& n = world.Nodes()[i];
                if (n.role != v1::Node::BS)
                {
                    continue;
                }
                SectorCellConfig site;
                site.sectors = n.sectors;
                site.azimuthDeg = n.sectorAzimuth_deg;
                site.downtiltDeg = n.sectorDowntilt_deg;
                site.antennaHeightM = n.antennaHeight_m;
                auto beams = stationCells(s.ground_cells(),
                                          LinkKind::ServiceGround,
                                          l.service_ground(),
                                          "ground_cells",
                                          "links.service_ground",
                                          site,
                                          common);
                if (!beams)
                {
                    break;
                }
                p.groundBeams.resize(world.Nodes().size());
                p.groundBeams[i] = beams;
            }
        }
    }
    if (s.uav().has_cell())
    {
        if (budgetMissing(LinkKind::ServiceAir, l.service_air()))
        {
            errors.Add("uav.cell",
                       "a UAV's cell needs links.service_air's frequency_ghz, bandwidth_mhz and a "
                       "forward budget with both sides (the UAV's transmit side and the "
                       "terminal's rx or gt_dbk)");
        }
        else
        {
            std::shared_ptr<const ShellBeams> common;
            SectorCellConfig site;
            site.aerial = true;
            p.uavBeams = stationCells(s.uav().cell(),
                                      LinkKind::ServiceAir,
                                      l.service_air(),
                                      "uav.cell",
                                      "links.service_air",
                                      site,
                                      common);
        }
    }
    p.beamGroups = static_cast<int>(groups.size());
    p.requireSinr = s.access().require_sinr();
    if (p.requireSinr && p.beamGroups == 0)
    {
        errors.Add("access.require_sinr",
                   "no payload of this standard carries beams or cells (beams, shell_links.beams, "
                   "haps.cells, ground_cells, uav.cell): there is no SINR to require");
    }

    const auto& pr = s.processing();
    p.processing_s[v1::Node::SAT] = pr.sat_ms() / 1000.0;
    p.processing_s[v1::Node::HAPS] = pr.haps_ms() / 1000.0;
    p.processing_s[v1::Node::UAV] = pr.uav_ms() / 1000.0;
    p.processing_s[v1::Node::GW] = pr.gw_ms() / 1000.0;
    p.processing_s[v1::Node::BS] = pr.bs_ms() / 1000.0;
    p.processing_s[v1::Node::CORE] = pr.core_ms() / 1000.0;
    const auto& as = pr.access_stack();
    p.accessStack_s[v1::Node::SAT] = as.sat_ms() / 1000.0;
    p.accessStack_s[v1::Node::HAPS] = as.haps_ms() / 1000.0;
    p.accessStack_s[v1::Node::UAV] = as.uav_ms() / 1000.0;
    p.accessStack_s[v1::Node::GW] = as.gw_ms() / 1000.0;
    p.accessStack_s[v1::Node::BS] = as.bs_ms() / 1000.0;

    const auto& t = s.access_timing();
    p.slot_s = t.slot_ms() / 1000.0;
    p.grantBasedUplink = t.grant_based_uplink();
    p.harqBler = t.harq_bler();
    p.harqMaxRetransmissions = t.harq_max_retransmissions() > 0 ? t.harq_max_retransmissions() : 4;
    p.harqRtt_s = t.harq_rtt_ms() / 1000.0;
    p.harqProcesses = t.harq().processes();
    p.harqFeedbackDisabled = t.harq().feedback_disabled();
    return p;
}

} // namespace sagin
