#include "scenario/model/validate-standard.h"

#include "link/model/channel-model.h"
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
    const std::string channelName = v1::ChannelModel_Name(l.channel());
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
    if (l.environment() == v1::ENVIRONMENT_UNSPECIFIED)
    {
        if (budget)
        {
            errors.Add(path + ".environment",
                       "must be set for channel " + channelName + ", one of " + valid);
        }
    }
    else if (!EnvironmentFromSchemaName(v1::Environment_Name(l.environment()), env)
             || !info->TakesEnvironment(env))
    {
        errors.Add(path + ".environment",
                   "channel " + channelName + " does not take "
                       + v1::Environment_Name(l.environment()) + ", one of " + valid);
    }
}

/// Which end of a link kind receives in the forward direction: the upper end (gateway ->
/// satellite, ground -> HAPS/UAV) or the lower, ground end (every other kind).
enum class ForwardReceiver
{
    kUpper,
    kLower,
};

void
ValidateLink(const v1::LinkParameters& l,
             const std::string& path,
             ForwardReceiver forwardRx,
             ErrorList& errors)
{
    const bool budget = l.has_forward() || l.has_reverse();
    if (budget || l.channel() != v1::CHANNEL_MODEL_UNSPECIFIED)
    {
        if (!(l.frequency_ghz() >= 0.5 && l.frequency_ghz() <= 100.0))
        {
            errors.Add(path + ".frequency_ghz",
                       "must be in [0.5, 100] GHz, got " + Num(l.frequency_ghz()));
        }
        if (l.channel() == v1::CHANNEL_MODEL_UNSPECIFIED)
        {
            errors.Add(path + ".channel",
                       "must be set when the link has a budget, one of "
                           + EnumValueNames(v1::ChannelModel_descriptor()));
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
        if (l.modulation() == v1::MODULATION_TABLE_UNSPECIFIED && !(l.rate_mbps() > 0.0))
        {
            errors.Add(path + ".modulation",
                       "must be one of " + EnumValueNames(v1::ModulationTable_descriptor())
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
        = ChannelModelRegistry::Instance().FindBySchemaName(v1::ChannelModel_Name(l.channel()));
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
}

void
ValidateAerial(const v1::AerialPolicy& a, const std::string& path, ErrorList& errors)
{
    std::set<int> seen;
    for (int i = 0; i < a.backhauls_size(); ++i)
    {
        if (a.backhauls(i) == v1::BACKHAUL_UNSPECIFIED)
        {
            errors.Add(path + ".backhauls[" + std::to_string(i) + "]",
                       "must be one of " + EnumValueNames(v1::Backhaul_descriptor()));
        }
        else if (!seen.insert(a.backhauls(i)).second)
        {
            errors.Add(path + ".backhauls[" + std::to_string(i) + "]", "is listed twice");
        }
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
        if (s.access_layers(i) == v1::LAYER_UNSPECIFIED)
        {
            errors.Add(p, "must be one of " + EnumValueNames(v1::Layer_descriptor()));
        }
        else if (!layers.insert(s.access_layers(i)).second)
        {
            errors.Add(p, "is listed twice");
        }
    }
    for (int i = 0; i < s.space_orbits_size(); ++i)
    {
        if (s.space_orbits(i) == v1::ORBIT_CLASS_UNSPECIFIED)
        {
            errors.Add("space_orbits[" + std::to_string(i) + "]",
                       "must be one of " + EnumValueNames(v1::OrbitClass_descriptor()));
        }
    }
    if (s.payload() == v1::PAYLOAD_UNSPECIFIED)
    {
        errors.Add("payload", "must be one of " + EnumValueNames(v1::Payload_descriptor()));
    }
    if (s.tcp_pep().buffer_bytes() > 0 && s.tcp_pep().buffer_bytes() < 1448)
    {
        // A window below one full segment stalls TCP (RFC 1122 silly-window avoidance).
        errors.Add("tcp_pep.buffer_bytes",
                   "must be 0 (8 MiB) or at least 1448 (one full segment), got "
                       + std::to_string(s.tcp_pep().buffer_bytes()));
    }
    const auto topo = s.isl().topology();
    if (s.payload() == v1::TRANSPARENT && topo != v1::ISL_TOPOLOGY_UNSPECIFIED
        && topo != v1::NO_ISL)
    {
        errors.Add("isl.topology",
                   "a TRANSPARENT payload cannot route over ISLs: use NO_ISL or REGENERATIVE");
    }
    NonNegative(s.isl().max_range_km(), "isl.max_range_km", errors);
    ValidateAerial(s.haps(), "haps", errors);
    ValidateAerial(s.uav(), "uav", errors);
    const auto& a = s.access();
    NonNegative(a.hysteresis_deg(), "access.hysteresis_deg", errors);
    NonNegative(a.hysteresis_km(), "access.hysteresis_km", errors);
    NonNegative(a.hysteresis_db(), "access.hysteresis_db", errors);
    NonNegative(a.hysteresis_s(), "access.hysteresis_s", errors);
    NonNegative(a.min_dwell_s(), "access.min_dwell_s", errors);
    NonNegative(a.lookahead_s(), "access.lookahead_s", errors);
    NonNegative(a.lookahead_step_s(), "access.lookahead_step_s", errors);
    if (a.rule() == v1::BEST_CN)
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
            || (sl.has_orbit() && sl.orbit() == v1::ORBIT_CLASS_UNSPECIFIED))
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
