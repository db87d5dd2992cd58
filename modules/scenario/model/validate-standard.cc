#include "scenario/model/validate-standard.h"

#include "link/model/channel-model.h"
#include "link/model/correlated-fading.h"
#include "scenario/model/compute-plan.h"
#include "scenario/model/text-input.h"
#include "scenario/model/validate-scenario.h"

#include <cctype>
#include <cmath>
#include <set>

namespace sagin
{

namespace
{

void
NonNegative(double v, const std::string& path, ErrorList& errors)
{
    if (!(v >= 0.0) || !std::isfinite(v))
    {
        errors.Add(path, "must be >= 0, got " + Num(v));
    }
}

void
ValidateBudget(const v1::Budget& b, const std::string& path, ErrorList& errors)
{
    if (b.transmit_case() == v1::Budget::TRANSMIT_NOT_SET)
    {
        errors.Add(path, "must set eirp_dbw_per_mhz or tx");
    }
    if (b.receive_case() == v1::Budget::RECEIVE_NOT_SET)
    {
        errors.Add(path, "must set gt_dbk or rx");
    }
    if (b.has_rx())
    {
        NonNegative(b.rx().noise_figure_db(), path + ".rx.noise_figure_db", errors);
        NonNegative(b.rx().antenna_temperature_k(), path + ".rx.antenna_temperature_k", errors);
    }
}

/// "dense-urban" -> "DENSE_URBAN": the schema's spelling of a registry name.
std::string
SchemaSpelling(const std::string& name)
{
    std::string s = name;
    for (char& c : s)
    {
        c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return s;
}

/// The channel names a registered model (by its schema name), and an environment it takes
/// (required with a budget when it takes any). The model's frequency range is checked when the
/// standard is resolved (LinkBudget, reported against the budget's field path).
void
ValidateChannel(const v1::LinkParameters& l,
                const std::string& path,
                bool budget,
                ErrorList& errors)
{
    const ChannelModelRegistry& registry = ChannelModelRegistry::Instance();
    const std::string channelName = v1::Channel::Model_Name(l.channel());
    const ChannelModelInfo* info = registry.FindBySchemaName(channelName);
    if (!info)
    {
        errors.Add(path + ".channel",
                   channelName + " has no registered model, one of " + registry.SchemaNames());
        return;
    }
    if (info->environments.empty())
    {
        return;
    }
    std::string valid;
    for (Environment e : info->environments)
    {
        valid += (valid.empty() ? "" : ", ") + SchemaSpelling(EnvironmentName(e));
    }
    Environment env;
    if (l.environment() == v1::Channel::ENVIRONMENT_UNSPECIFIED)
    {
        if (budget)
        {
            errors.Add(path + ".environment",
                       "must be set for channel " + channelName + ", one of " + valid);
        }
    }
    else if (!EnvironmentFromSchemaName(v1::Channel::Environment_Name(l.environment()), env)
             || !info->TakesEnvironment(env))
    {
        errors.Add(path + ".environment",
                   "channel " + channelName + " does not take "
                       + v1::Channel::Environment_Name(l.environment()) + ", one of " + valid);
    }
}

/// Which end of a link kind receives in the forward direction: the upper end (gateway ->
/// satellite, ground -> HAPS/UAV) or the lower, ground end (every other kind).
enum class ForwardReceiver
{
    kUpper,
    kLower,
};

/// LinkParameters.draws: a terminal's links only, a mode, positive distances, and for RANDOM a
/// budget whose channel has LOS states and a shadow-fading decorrelation distance.
void
ValidateDraws(const v1::LinkParameters& l, const std::string& path, ErrorList& errors)
{
    const v1::ChannelDraws& d = l.draws();
    const std::string at = path + ".draws";
    auto endsWith = [&](const std::string& tail)
    {
        return path.size() >= tail.size()
               && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (!endsWith(".service_space") && !endsWith(".service_air") && !endsWith(".service_ground"))
    {
        errors.Add(at,
                   "applies to the links of user terminals only (service_space, service_air, "
                   "service_ground)");
    }
    if (d.mode() == v1::ChannelDraws::MODE_UNSPECIFIED)
    {
        errors.Add(at + ".mode",
                   "must be one of " + EnumValueNames(v1::ChannelDraws::Mode_descriptor()));
    }
    if (d.has_los_correlation_m() && !(d.los_correlation_m() > 0.0))
    {
        errors.Add(at + ".los_correlation_m",
                   "must be > 0 m (or unset: " + Num(kLosStateCorrelationM) + "), got "
                       + Num(d.los_correlation_m()));
    }
    if (d.has_shadow_correlation_m() && !(d.shadow_correlation_m() > 0.0))
    {
        errors.Add(at + ".shadow_correlation_m",
                   "must be > 0 m (or unset: the channel model's), got "
                       + Num(d.shadow_correlation_m()));
    }
    if (d.mode() != v1::ChannelDraws::RANDOM)
    {
        return;
    }
    if (!l.has_forward())
    {
        errors.Add(at + ".mode", "RANDOM draws the loss of a budget: give forward");
        return;
    }
    const ChannelModelInfo* info
        = ChannelModelRegistry::Instance().FindBySchemaName(v1::Channel::Model_Name(l.channel()));
    if (!info)
    {
        return; // reported on `channel`
    }
    if (info->id == ChannelModel::kFreeSpace || info->id == ChannelModel::kOpticalIsl)
    {
        errors.Add(at + ".mode",
                   "RANDOM: channel " + v1::Channel::Model_Name(l.channel())
                       + " has no LOS state or shadow fading to draw");
    }
    else if (!d.has_shadow_correlation_m()
             && std::isnan(ShadowDecorrelationM(info->id, Environment::kUrban, false)))
    {
        errors.Add(at + ".shadow_correlation_m",
                   "must be given with RANDOM: channel " + v1::Channel::Model_Name(l.channel())
                       + " gives no shadow-fading decorrelation distance");
    }
}

void
ValidateLink(const v1::LinkParameters& l,
             const std::string& path,
             ForwardReceiver forwardRx,
             ErrorList& errors)
{
    const bool budget = l.has_forward() || l.has_reverse();
    if (budget || l.channel() != v1::Channel::CHANNEL_MODEL_UNSPECIFIED)
    {
        if (!(l.frequency_ghz() >= 0.5 && l.frequency_ghz() <= 100.0))
        {
            errors.Add(path + ".frequency_ghz",
                       "must be in [0.5, 100] GHz, got " + Num(l.frequency_ghz()));
        }
        if (l.channel() == v1::Channel::CHANNEL_MODEL_UNSPECIFIED)
        {
            errors.Add(path + ".channel",
                       "must be set when the link has a budget, one of "
                           + EnumValueNames(v1::Channel::Model_descriptor()));
        }
        else
        {
            ValidateChannel(l, path, budget, errors);
        }
    }
    if (budget)
    {
        if (!(l.bandwidth_mhz() > 0.0))
        {
            errors.Add(path + ".bandwidth_mhz",
                       "must be > 0 with a budget, got " + Num(l.bandwidth_mhz()));
        }
        if (l.modulation() == v1::Modulation::MODULATION_TABLE_UNSPECIFIED
            && !(l.rate_mbps() > 0.0))
        {
            errors.Add(path + ".modulation",
                       "must be one of " + EnumValueNames(v1::Modulation::Table_descriptor())
                           + " (or give rate_mbps)");
        }
    }
    if (l.has_forward())
    {
        ValidateBudget(l.forward(), path + ".forward", errors);
    }
    if (l.has_reverse())
    {
        ValidateBudget(l.reverse(), path + ".reverse", errors);
    }
    NonNegative(l.rate_mbps(), path + ".rate_mbps", errors);
    NonNegative(l.reverse_bandwidth_mhz(), path + ".reverse_bandwidth_mhz", errors);
    NonNegative(l.acquisition_s(), path + ".acquisition_s", errors);
    if (l.has_default_rate_mbps()
        && !(l.default_rate_mbps() > 0.0 && l.default_rate_mbps() <= kMaxLinkRate_mbps))
    {
        errors.Add(path + ".default_rate_mbps",
                   "must be in (0, " + Num(kMaxLinkRate_mbps) + "] Mbit/s (or unset: "
                       + Num(kDefaultLinkRate_mbps) + "), got " + Num(l.default_rate_mbps()));
    }
    if (l.has_queue_packets() && !(l.queue_packets() >= 1 && l.queue_packets() <= kMaxQueuePackets))
    {
        errors.Add(path + ".queue_packets",
                   "must be in [1, " + std::to_string(kMaxQueuePackets)
                       + "] packets (or unset: " + std::to_string(kDefaultQueuePackets) + "), got "
                       + std::to_string(l.queue_packets()));
    }
    if (l.reverse_frequency_ghz() != 0.0
        && !(l.reverse_frequency_ghz() >= 0.5 && l.reverse_frequency_ghz() <= 100.0))
    {
        errors.Add(path + ".reverse_frequency_ghz",
                   "must be in [0.5, 100] GHz (or 0: frequency_ghz), got "
                       + Num(l.reverse_frequency_ghz()));
    }
    NonNegative(l.shannon_gap_db(), path + ".shannon_gap_db", errors);
    NonNegative(
        l.max_spectral_efficiency_bps_hz(), path + ".max_spectral_efficiency_bps_hz", errors);
    if (l.availability_percent() != 0.0
        && !(l.availability_percent() >= 95.0 && l.availability_percent() <= 99.999))
    {
        errors.Add(
            path + ".availability_percent",
            "must be in [95, 99.999] (ITU-R P.618-13 scales rain between 0.001 and 5 % of the "
            "time) or 0 for clear sky, got "
                + Num(l.availability_percent()));
    }
    const ChannelModelInfo* channel
        = ChannelModelRegistry::Instance().FindBySchemaName(v1::Channel::Model_Name(l.channel()));
    const bool earthSpace = channel && channel->earthSpace;
    if (l.availability_percent() > 0.0 && earthSpace)
    {
        // The receiver on the ground sees the rain's sky noise, which needs its system noise
        // temperature (ITU-R P.618-13 section 3).
        const bool forwardOnGround = forwardRx == ForwardReceiver::kLower;
        const v1::Budget& groundRx = forwardOnGround ? l.forward() : l.reverse();
        const bool present = forwardOnGround ? l.has_forward() : l.has_reverse();
        if (present && groundRx.has_gt_dbk())
        {
            errors.Add(path + (forwardOnGround ? ".forward" : ".reverse") + ".gt_dbk",
                       "this receiver is on the ground and rain raises its noise temperature "
                       "(availability_percent is set): give rx { gain_dbi noise_figure_db "
                       "antenna_temperature_k } instead of G/T");
        }
    }
    if (l.has_draws())
    {
        ValidateDraws(l, path, errors);
    }
}

void
ValidateAerial(const v1::AerialPolicy& a, const std::string& path, ErrorList& errors)
{
    std::set<int> seen;
    for (int i = 0; i < a.backhauls_size(); ++i)
    {
        if (a.backhauls(i) == v1::AerialPolicy::BACKHAUL_UNSPECIFIED)
        {
            errors.Add(path + ".backhauls[" + std::to_string(i) + "]",
                       "must be one of " + EnumValueNames(v1::AerialPolicy::Backhaul_descriptor()));
        }
        else if (!seen.insert(a.backhauls(i)).second)
        {
            errors.Add(path + ".backhauls[" + std::to_string(i) + "]", "is listed twice");
        }
    }
}

/// A beam scheduler's settings (BeamLayout.shared_capacity, return_shared_capacity) at `sc`.
void
ValidateSharedCapacity(const v1::SharedCapacity& c, const std::string& sc, ErrorList& errors)
{
    const double khz = c.subcarrier_spacing_khz();
    bool numerology = khz == 0.0;
    for (int mu = 0; mu <= 6; ++mu)
    {
        numerology |= khz == 15.0 * (1 << mu);
    }
    if (!numerology)
    {
        errors.Add(sc + ".subcarrier_spacing_khz",
                   "must be 15 x 2^mu with mu 0..6 (15, 30, 60, 120, 240, 480, 960), got "
                       + Num(khz));
    }
    const double slot = 1e-3 * 15.0 / (numerology && khz > 0.0 ? khz : 15.0);
    if (c.pf_time_constant_s() != 0.0
        && !(std::isfinite(c.pf_time_constant_s()) && c.pf_time_constant_s() >= slot))
    {
        errors.Add(sc + ".pf_time_constant_s",
                   "must be at least one slot (" + Num(slot) + " s), got "
                       + Num(c.pf_time_constant_s()));
    }
    if (c.max_users_per_slot() > 1000)
    {
        errors.Add(sc + ".max_users_per_slot",
                   "must be in [1, 1000] (or 0: 1), got " + std::to_string(c.max_users_per_slot()));
    }
    if (c.queue_packets() > 1000000)
    {
        errors.Add(sc + ".queue_packets",
                   "must be in [1, 1000000] (or 0: 1000), got "
                       + std::to_string(c.queue_packets()));
    }
    if (!(c.overhead_fraction() >= 0.0 && c.overhead_fraction() < 1.0))
    {
        errors.Add(sc + ".overhead_fraction",
                   "must be in [0, 1), got " + Num(c.overhead_fraction()));
    }
}

void
ValidateBeamLayout(const v1::BeamLayout& b,
                   const std::string& path,
                   bool mayTurnOff,
                   ErrorList& errors)
{
    if (b.count() == 0 && mayTurnOff)
    {
        return; // a shell's beams turned off
    }
    std::uint32_t n = 1;
    bool hex = false;
    for (std::uint32_t k = 0; n <= kMaxBeams; ++k, n = 1 + 3 * k * (k + 1))
    {
        hex |= n == b.count();
    }
    if (!hex)
    {
        errors.Add(path + ".count",
                   "must be 1 + 3 k (k + 1) (1, 7, 19, 37, 61, 127, ...) and at most "
                       + std::to_string(kMaxBeams) + ", got " + std::to_string(b.count()));
    }
    switch (b.spacing_case())
    {
    case v1::BeamLayout::kSpacingDeg:
        if (!(b.spacing_deg() > 0.0 && b.spacing_deg() <= 30.0))
        {
            errors.Add(path + ".spacing_deg",
                       "must be in (0, 30] deg, got " + Num(b.spacing_deg()));
        }
        break;
    case v1::BeamLayout::kFootprintDiameterKm:
        if (!(b.footprint_diameter_km() > 0.0))
        {
            errors.Add(path + ".footprint_diameter_km",
                       "must be > 0, got " + Num(b.footprint_diameter_km()));
        }
        break;
    default:
        errors.Add(path, "must give the beam spacing: spacing_deg or footprint_diameter_km");
    }
    NonNegative(b.polarization_isolation_db(), path + ".polarization_isolation_db", errors);
    if (b.polarization_isolation_db() != 0.0 && b.reuse() != v1::BeamLayout::FR4)
    {
        errors.Add(path + ".polarization_isolation_db", "applies to FR4 reuse only");
    }
    if (!(b.max_gain_dbi() > 0.0 && b.max_gain_dbi() <= 80.0))
    {
        errors.Add(path + ".max_gain_dbi", "must be in (0, 80] dBi, got " + Num(b.max_gain_dbi()));
    }
    NonNegative(b.aperture_diameter_m(), path + ".aperture_diameter_m", errors);
    if (b.steering() == v1::BeamLayout::EARTH_FIXED)
    {
        if (!(b.anchor_period_s() > 0.0 && std::isfinite(b.anchor_period_s())))
        {
            errors.Add(path + ".anchor_period_s",
                       "EARTH_FIXED beams need an anchor period > 0 s (how long a satellite "
                       "keeps its cells), got "
                           + Num(b.anchor_period_s()));
        }
    }
    else if (b.anchor_period_s() != 0.0)
    {
        errors.Add(path + ".anchor_period_s", "applies to EARTH_FIXED steering only");
    }
    NonNegative(b.additional_loss_db(), path + ".additional_loss_db", errors);
    if (!(b.interference_cut_db() >= 0.0 && b.interference_cut_db() <= 100.0))
    {
        errors.Add(path + ".interference_cut_db",
                   "must be in (0, 100] dB (or 0: 50), got " + Num(b.interference_cut_db()));
    }
    if (b.has_shared_capacity())
    {
        ValidateSharedCapacity(b.shared_capacity(), path + ".shared_capacity", errors);
    }
    if (b.has_return_shared_capacity())
    {
        ValidateSharedCapacity(
            b.return_shared_capacity(), path + ".return_shared_capacity", errors);
    }
}

} // namespace

ErrorList
ValidateStandard(const v1::Standard& s)
{
    ErrorList errors;
    if (!s.name().empty() && !IsValidName(s.name()))
    {
        errors.Add("name",
                   "must use only letters, digits, '-', '_' and '.', not starting with '.', got '"
                       + s.name() + "'");
    }
    std::set<int> layers;
    for (int i = 0; i < s.access_layers_size(); ++i)
    {
        std::string p = "access_layers[" + std::to_string(i) + "]";
        if (s.access_layers(i) == v1::Node::LAYER_UNSPECIFIED)
        {
            errors.Add(p, "must be one of " + EnumValueNames(v1::Node::Layer_descriptor()));
        }
        else if (!layers.insert(s.access_layers(i)).second)
        {
            errors.Add(p, "is listed twice");
        }
    }
    for (int i = 0; i < s.space_orbits_size(); ++i)
    {
        if (s.space_orbits(i) == v1::Orbit::ORBIT_CLASS_UNSPECIFIED)
        {
            errors.Add("space_orbits[" + std::to_string(i) + "]",
                       "must be one of " + EnumValueNames(v1::Orbit::Class_descriptor()));
        }
    }
    if (s.payload() == v1::Standard::PAYLOAD_UNSPECIFIED)
    {
        errors.Add("payload",
                   "must be one of " + EnumValueNames(v1::Standard::Payload_descriptor()));
    }
    if (s.tcp_pep().buffer_bytes() > 0 && s.tcp_pep().buffer_bytes() < 1448)
    {
        // A window below one full segment stalls TCP (RFC 1122 silly-window avoidance).
        errors.Add("tcp_pep.buffer_bytes",
                   "must be 0 (8 MiB) or at least 1448 (one full segment), got "
                       + std::to_string(s.tcp_pep().buffer_bytes()));
    }
    const auto topo = s.isl().topology();
    if (s.payload() == v1::Standard::TRANSPARENT && topo != v1::IslPolicy::ISL_TOPOLOGY_UNSPECIFIED
        && topo != v1::IslPolicy::NO_ISL)
    {
        errors.Add("isl.topology",
                   "a TRANSPARENT payload cannot route over ISLs: use NO_ISL or REGENERATIVE");
    }
    NonNegative(s.isl().max_range_km(), "isl.max_range_km", errors);
    ValidateAerial(s.haps(), "haps", errors);
    ValidateAerial(s.uav(), "uav", errors);
    if (s.haps().has_cells())
    {
        ValidateBeamLayout(s.haps().cells(), "haps.cells", false, errors);
    }
    if (s.uav().has_cells())
    {
        errors.Add("uav.cells",
                   "a UAV base station has one cell (uav.cell): cells are for HAPS only");
    }
    if (s.haps().has_cell())
    {
        errors.Add("haps.cell", "a HAPS's cells are haps.cells (a BeamLayout); cell is for UAVs");
    }
    if (s.uav().has_cell() && s.uav().role() != v1::AerialPolicy::BASE_STATION)
    {
        errors.Add("uav.cell", "needs uav.role BASE_STATION: a relay UAV has no cell of its own");
    }
    const auto& a = s.access();
    NonNegative(a.hysteresis_deg(), "access.hysteresis_deg", errors);
    NonNegative(a.hysteresis_km(), "access.hysteresis_km", errors);
    NonNegative(a.hysteresis_db(), "access.hysteresis_db", errors);
    NonNegative(a.hysteresis_s(), "access.hysteresis_s", errors);
    NonNegative(a.min_dwell_s(), "access.min_dwell_s", errors);
    NonNegative(a.lookahead_s(), "access.lookahead_s", errors);
    NonNegative(a.lookahead_step_s(), "access.lookahead_step_s", errors);
    NonNegative(a.handover().gnb_processing_ms(), "access.handover.gnb_processing_ms", errors);
    NonNegative(a.handover().ue_processing_ms(), "access.handover.ue_processing_ms", errors);
    NonNegative(a.handover().amf_processing_ms(), "access.handover.amf_processing_ms", errors);
    if (a.handover().preparation() == v1::HandoverProcedure::N2
        && (a.handover().kind() == v1::HandoverProcedure::KIND_UNSPECIFIED
            || a.handover().kind() == v1::HandoverProcedure::NONE))
    {
        errors.Add("access.handover.preparation",
                   "N2 prepares a handover procedure, and kind is NONE: set kind HARD, "
                   "CONDITIONAL or RACH_LESS");
    }
    if (a.handover().amf_processing_ms() > 0.0
        && a.handover().preparation() != v1::HandoverProcedure::N2)
    {
        errors.Add("access.handover.amf_processing_ms",
                   "only N2 preparation involves the AMF: set preparation N2");
    }
    if (a.handover().make_before_break()
        && (a.handover().kind() == v1::HandoverProcedure::KIND_UNSPECIFIED
            || a.handover().kind() == v1::HandoverProcedure::NONE))
    {
        errors.Add("access.handover.make_before_break",
                   "make-before-break is a way of running a handover procedure, and kind is NONE: "
                   "set kind HARD, CONDITIONAL or RACH_LESS");
    }
    const auto& sc = a.handover().same_cell_switch();
    using SatelliteSwitch = v1::HandoverProcedure::SatelliteSwitch;
    const bool sameCell = sc.mode() == SatelliteSwitch::HARD || sc.mode() == SatelliteSwitch::SOFT;
    if (sameCell
        && (a.handover().kind() == v1::HandoverProcedure::KIND_UNSPECIFIED
            || a.handover().kind() == v1::HandoverProcedure::NONE))
    {
        errors.Add("access.handover.same_cell_switch.mode",
                   "a satellite switch replaces a handover procedure, and kind is NONE: set kind "
                   "HARD, CONDITIONAL or RACH_LESS");
    }
    if (sameCell && s.payload() != v1::Standard::TRANSPARENT)
    {
        errors.Add("access.handover.same_cell_switch.mode",
                   "only bent pipes share a gNB on the ground between satellites: set payload "
                   "TRANSPARENT or mode HANDOVER");
    }
    if (!(sc.resync_ms() >= 0.0 && sc.resync_ms() <= 10000.0))
    {
        errors.Add("access.handover.same_cell_switch.resync_ms",
                   "must be in [0, 10000], got " + Num(sc.resync_ms()));
    }
    else if (sc.resync_ms() > 0.0 && sc.mode() != SatelliteSwitch::HARD)
    {
        errors.Add("access.handover.same_cell_switch.resync_ms",
                   "only a HARD satellite switch resynchronizes after the old satellite has gone: "
                   "set mode HARD");
    }
    const auto& fs = a.handover().feeder_switch();
    using FeederSwitch = v1::HandoverProcedure::FeederSwitch;
    const bool switching = fs.mode() == FeederSwitch::HARD || fs.mode() == FeederSwitch::SOFT;
    if (switching
        && (a.handover().kind() == v1::HandoverProcedure::KIND_UNSPECIFIED
            || a.handover().kind() == v1::HandoverProcedure::NONE))
    {
        errors.Add("access.handover.feeder_switch.mode",
                   "a feeder-link switch runs a handover procedure, and kind is NONE: set kind "
                   "HARD, CONDITIONAL or RACH_LESS");
    }
    if (switching && s.payload() != v1::Standard::TRANSPARENT)
    {
        errors.Add("access.handover.feeder_switch.mode",
                   "only a TRANSPARENT payload has its gNB at the gateway: set payload "
                   "TRANSPARENT or mode ANY_GATEWAY");
    }
    if (!(fs.setup_ms() >= 0.0 && fs.setup_ms() <= 600000.0))
    {
        errors.Add("access.handover.feeder_switch.setup_ms",
                   "must be in [0, 600000], got " + Num(fs.setup_ms()));
    }
    else if (fs.setup_ms() > 0.0 && !switching)
    {
        errors.Add("access.handover.feeder_switch.setup_ms",
                   "only a HARD or SOFT switch waits for a new feeder: set mode HARD or SOFT");
    }
    if (!(fs.overlap_s() >= 0.0 && fs.overlap_s() <= 600.0))
    {
        errors.Add("access.handover.feeder_switch.overlap_s",
                   "must be in (0, 600] (0: 10), got " + Num(fs.overlap_s()));
    }
    else if (fs.overlap_s() > 0.0 && fs.mode() != FeederSwitch::SOFT)
    {
        errors.Add("access.handover.feeder_switch.overlap_s",
                   "only a SOFT switch has an overlap: set mode SOFT");
    }
    const auto& ia = a.initial_access();
    if (ia.preambles() > 64)
    {
        errors.Add("access.initial_access.preambles",
                   "must be in [1, 64] (0: 54), got " + std::to_string(ia.preambles()));
    }
    if (!(ia.occasions_per_s() >= 0.0 && ia.occasions_per_s() <= 1e4))
    {
        errors.Add("access.initial_access.occasions_per_s",
                   "must be in (0, 10000] (0: 100), got " + Num(ia.occasions_per_s()));
    }
    NonNegative(ia.response_window_ms(), "access.initial_access.response_window_ms", errors);
    NonNegative(
        ia.contention_resolution_ms(), "access.initial_access.contention_resolution_ms", errors);
    NonNegative(ia.backoff_ms(), "access.initial_access.backoff_ms", errors);
    if (ia.max_attempts() > 200)
    {
        errors.Add("access.initial_access.max_attempts",
                   "must be in [1, 200] (0: 10), got " + std::to_string(ia.max_attempts()));
    }
    NonNegative(ia.gnb_processing_ms(), "access.initial_access.gnb_processing_ms", errors);
    NonNegative(ia.ue_processing_ms(), "access.initial_access.ue_processing_ms", errors);
    NonNegative(ia.inactivity_timeout_s(), "access.initial_access.inactivity_timeout_s", errors);
    const auto hoKind = a.handover().kind();
    if (a.rule() == v1::AccessPolicy::ANY_VISIBLE
        && hoKind != v1::HandoverProcedure::KIND_UNSPECIFIED
        && hoKind != v1::HandoverProcedure::NONE)
    {
        errors.Add("access.handover.kind",
                   "ANY_VISIBLE has no serving node to hand over: use NONE or another rule");
    }
    if (a.rule() == v1::AccessPolicy::BEST_CN)
    {
        // The rule needs a forward budget on every access link kind a terminal may use.
        const auto& l = s.links();
        bool any = l.service_space().has_forward() || l.service_air().has_forward()
                   || l.service_ground().has_forward();
        if (!any)
        {
            errors.Add("access.rule", "BEST_CN needs links.service_*.forward budgets");
        }
    }
    const auto& r = s.routing();
    if (!(r.update_interval_ms() >= 0.0) || r.update_interval_ms() > 3.6e6)
    {
        errors.Add("routing.update_interval_ms",
                   "must be in [0, 3600000], got " + Num(r.update_interval_ms()));
    }
    else if (r.update_interval_ms() > 0.0 && r.update_interval_ms() < 1.0)
    {
        errors.Add("routing.update_interval_ms",
                   "must be >= 1 ms, got " + Num(r.update_interval_ms()));
    }
    if (!(r.failure_detection_ms() >= 0.0) || r.failure_detection_ms() > 3.6e6)
    {
        errors.Add("routing.failure_detection_ms",
                   "must be in [0, 3600000], got " + Num(r.failure_detection_ms()));
    }
    if (r.no_gateway_transit() && r.gateway_space_relay())
    {
        errors.Add("routing.gateway_space_relay",
                   "contradicts routing.no_gateway_transit (gateways relay nothing)");
    }
    const auto& v = s.visibility();
    for (auto [val, name] : {std::pair{v.space_deg(), "visibility.space_deg"},
                             {v.feeder_deg(), "visibility.feeder_deg"},
                             {v.air_deg(), "visibility.air_deg"},
                             {v.air_ground_deg(), "visibility.air_ground_deg"},
                             {v.air_space_deg(), "visibility.air_space_deg"}})
    {
        if (!(val >= 0.0 && val < 90.0))
        {
            errors.Add(name, "must be in [0, 90), got " + Num(val));
        }
    }
    NonNegative(v.ground_range_km(), "visibility.ground_range_km", errors);
    const auto& l = s.links();
    const auto lower = ForwardReceiver::kLower;
    const auto upper = ForwardReceiver::kUpper;
    ValidateLink(l.service_space(), "links.service_space", lower, errors);
    ValidateLink(l.service_air(), "links.service_air", lower, errors);
    ValidateLink(l.service_ground(), "links.service_ground", lower, errors);
    ValidateLink(l.feeder(), "links.feeder", upper, errors);
    ValidateLink(l.air_space(), "links.air_space", lower, errors);
    ValidateLink(l.air_ground(), "links.air_ground", upper, errors);
    ValidateLink(l.isl(), "links.isl", lower, errors);
    std::set<std::string> shells;
    for (int i = 0; i < s.shell_links_size(); ++i)
    {
        const auto& sl = s.shell_links(i);
        const std::string path = "shell_links[" + std::to_string(i) + "]";
        if (sl.which_case() == v1::ShellLinks::WHICH_NOT_SET
            || (sl.has_shell() && sl.shell().empty())
            || (sl.has_orbit() && sl.orbit() == v1::Orbit::ORBIT_CLASS_UNSPECIFIED))
        {
            errors.Add(path, "must name a scenario shell or an orbit class (LEO, MEO, GEO)");
        }
        else if (!shells.insert(sl.has_shell() ? sl.shell() : "#" + std::to_string(sl.orbit()))
                      .second)
        {
            errors.Add(path, "lists a shell or orbit class twice");
        }
        ValidateLink(sl.service_space(), path + ".service_space", ForwardReceiver::kLower, errors);
        ValidateLink(sl.feeder(), path + ".feeder", ForwardReceiver::kUpper, errors);
        ValidateLink(sl.air_space(), path + ".air_space", ForwardReceiver::kLower, errors);
        if (sl.has_beams())
        {
            ValidateBeamLayout(sl.beams(), path + ".beams", true, errors);
        }
    }
    if (s.has_beams())
    {
        ValidateBeamLayout(s.beams(), "beams", false, errors);
    }
    const auto& p = s.processing();
    NonNegative(p.sat_ms(), "processing.sat_ms", errors);
    NonNegative(p.haps_ms(), "processing.haps_ms", errors);
    NonNegative(p.uav_ms(), "processing.uav_ms", errors);
    NonNegative(p.gw_ms(), "processing.gw_ms", errors);
    NonNegative(p.bs_ms(), "processing.bs_ms", errors);
    NonNegative(p.core_ms(), "processing.core_ms", errors);
    const auto& as = p.access_stack();
    NonNegative(as.sat_ms(), "processing.access_stack.sat_ms", errors);
    NonNegative(as.haps_ms(), "processing.access_stack.haps_ms", errors);
    NonNegative(as.uav_ms(), "processing.access_stack.uav_ms", errors);
    NonNegative(as.gw_ms(), "processing.access_stack.gw_ms", errors);
    NonNegative(as.bs_ms(), "processing.access_stack.bs_ms", errors);
    const auto& t = s.access_timing();
    NonNegative(t.slot_ms(), "access_timing.slot_ms", errors);
    NonNegative(t.harq_rtt_ms(), "access_timing.harq_rtt_ms", errors);
    if (!(t.harq_bler() >= 0.0 && t.harq_bler() < 1.0))
    {
        errors.Add("access_timing.harq_bler", "must be in [0, 1), got " + Num(t.harq_bler()));
    }
    if (t.harq_max_retransmissions() > 32)
    {
        errors.Add("access_timing.harq_max_retransmissions", "must be <= 32");
    }
    if (t.harq().processes() > 32)
    {
        errors.Add("access_timing.harq.processes",
                   "must be in [1, 32] (0: unlimited), got "
                       + std::to_string(t.harq().processes()));
    }
    ValidatePlacementFields(s, errors);
    return errors;
}

v1::Standard
LoadStandard(const std::string& path, std::string* sha256)
{
    TextInput info;
    v1::Standard s = LoadTextInputAs<v1::Standard>(path, &info);
    if (s.name().empty())
    {
        std::string base = path.substr(path.find_last_of('/') + 1);
        s.set_name(base.substr(0, base.find('.')));
    }
    ErrorList errors = ValidateStandard(s);
    if (!errors.Empty())
    {
        throw InputError(errors.Format(path));
    }
    if (sha256)
    {
        *sha256 = info.sha256;
    }
    return s;
}

} // namespace sagin
