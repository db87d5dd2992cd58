#include "study/model/run-metrics.h"

#include <algorithm>
#include <google/protobuf/descriptor.h>
#include <limits>
#include <sstream>

namespace sagin
{

namespace gp = google::protobuf;

const std::vector<std::string>&
HeadlineMetrics()
{
    static const std::vector<std::string> metrics = {
        "latency.one_way_ms.mean",
        "latency.one_way_ms.p50",
        "latency.one_way_ms.p95",
        "latency.one_way_ms.p99",
        "latency.one_way_ms.max",
        "latency.rtt_ms.p50",
        "latency.rtt_ms.p95",
        "latency.rtt_ms.p99",
        "latency.jitter_ms",
        "packets.loss_fraction",
        "packets.delivered_fraction",
        "service.served_fraction",
        "coverage.area_fraction",
        "coverage.population_fraction",
        "coverage.time_availability",
        "coverage.longest_outage_s",
        "handovers_per_terminal_hour",
        "path_changes_per_terminal_hour",
        "handover.interruption_ms.mean",
        "handover.interruption_ms.p95",
        "handover.failures",
        "handover.feeder_switch.switches",
        "handover.feeder_switch.interruption_ms.mean",
        "handover.feeder_switch.failures",
        "drops.handover",
        "latency.one_way_ms.p999",
        "control_plane.latency_ms.mean",
        "control_plane.latency_ms.p95",
        "access.rach_failures",
        "drops.rach_failure",
        "signalling.rach_msg1",
        "signalling.rach_msg_a",
        "signalling.measurement_report",
        "signalling.xn_handover_request",
        "signalling.handover_command",
        "tcp_goodput_mbps",
        "shared_capacity.user_throughput_p5_mbps",
        "shared_capacity.area_traffic_mbps_per_km2",
        "shared_capacity_return.user_throughput_p5_mbps",
        "shared_capacity_return.sinr_db.p50",
        "shared_capacity_air.user_throughput_p5_mbps",
        "shared_capacity_air.sinr_db.p50",
        "shared_capacity_air_return.user_throughput_p5_mbps",
        "shared_capacity_ground.user_throughput_p5_mbps",
        "shared_capacity_ground.sinr_db.p50",
        "shared_capacity_ground_return.user_throughput_p5_mbps",
        "failures.availability",
        "failures.terminal_outage_s.mean",
        "compute.completion_ms.p50",
        "compute.completion_ms.p95",
        "compute.completion_ms.p99",
        "compute.deadline_miss_fraction",
        "compute.feeder_bytes_per_task",
        "compute.power.compute_energy_wh",
        "compute.power.mean_rate_factor",
        "compute.utilization.space",
        "compute.utilization.air",
        "compute.utilization.ground",
        "compute.breakdown_ms.state_wait",
        "compute.session_migrations",
        "compute.session_replacements",
        "compute.session_states_lost",
        "rain.all_gateways_outage_fraction",
        "rain.any_gateway_outage_fraction",
        "provenance.events",
    };
    return metrics;
}

std::string
MetricColumn(const std::string& metric)
{
    std::string c = metric;
    for (auto& ch : c)
    {
        if (ch == '.')
        {
            ch = '_';
        }
    }
    return c;
}

namespace
{

/// A unit suffix of the schema's field names, its unit in words, and the values a quantity in
/// it can take (`low` = 0: a duration, distance, rate or count per time is never negative).
struct UnitSuffix
{
    std::string suffix;
    std::string unit;
    double low;
    double high;
};

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Longest first where one suffix ends another.
const std::vector<UnitSuffix>&
UnitSuffixes()
{
    static const std::vector<UnitSuffix> units = {
        {"_per_terminal_hour", "per terminal-hour", 0.0, kInf},
        {"_fraction", "fraction", 0.0, 1.0},
        {"_percent", "%", 0.0, 100.0},
        {"_mbps", "Mbit/s", 0.0, kInf},
        {"_kbps", "kbit/s", 0.0, kInf},
        {"_bps_hz", "bit/s/Hz", 0.0, kInf},
        {"_mbps_per_km2", "Mbit/s/km\u00b2", 0.0, kInf},
        {"_km2", "km\u00b2", 0.0, kInf},
        {"_ghz", "GHz", -kInf, kInf}, // frequencies, but also Doppler shifts
        {"_mhz", "MHz", -kInf, kInf},
        {"_hz", "Hz", -kInf, kInf},
        {"_dbw", "dBW", -kInf, kInf},
        {"_dbi", "dBi", -kInf, kInf},
        {"_db", "dB", -kInf, kInf},
        {"_deg", "deg", -kInf, kInf},
        {"_wh", "Wh", 0.0, kInf},
        {"_ms", "ms", 0.0, kInf},
        {"_km", "km", 0.0, kInf},
        {"_m", "m", -kInf, kInf}, // heights and offsets may be negative
        {"_s", "s", 0.0, kInf},
    };
    return units;
}

/// The unit suffix `name` ends with, or null.
const UnitSuffix*
FindUnit(const std::string& name)
{
    for (const auto& u : UnitSuffixes())
    {
        if (name.size() > u.suffix.size()
            && name.compare(name.size() - u.suffix.size(), u.suffix.size(), u.suffix) == 0)
        {
            return &u;
        }
    }
    return nullptr;
}

} // namespace

std::string
MetricLabel(const std::string& metric)
{
    static const std::vector<std::pair<std::string, std::string>> kStatistics = {
        {"p50", "median"},
        {"mean", "mean"},
        {"min", "minimum"},
        {"max", "maximum"},
        {"stddev", "standard deviation"},
    };
    std::vector<std::string> parts;
    for (size_t start = 0;;)
    {
        const size_t dot = metric.find('.', start);
        parts.push_back(metric.substr(start, dot == std::string::npos ? dot : dot - start));
        if (dot == std::string::npos)
        {
            break;
        }
        start = dot + 1;
    }
    std::string statistic;
    if (parts.size() > 1)
    {
        const std::string& last = parts.back();
        for (const auto& [key, words] : kStatistics)
        {
            statistic = last == key ? words : statistic;
        }
        if (statistic.empty() && last.size() > 1 && last[0] == 'p'
            && last.find_first_not_of("0123456789.", 1) == std::string::npos)
        {
            const std::string n = last.substr(1);
            const char d = n.back();
            const bool teen = n.size() >= 2 && n[n.size() - 2] == '1';
            statistic = n
                        + (teen       ? "th"
                           : d == '1' ? "st"
                           : d == '2' ? "nd"
                           : d == '3' ? "rd"
                                      : "th")
                        + " percentile";
        }
        if (!statistic.empty())
        {
            parts.pop_back();
        }
    }
    std::string unit;
    for (auto& p : parts)
    {
        if (const UnitSuffix* u = FindUnit(p))
        {
            p.resize(p.size() - u->suffix.size());
            unit = u->unit;
        }
    }
    std::string words;
    for (const auto& p : parts)
    {
        words += (words.empty() ? "" : " ") + p;
    }
    std::replace(words.begin(), words.end(), '_', ' ');
    if (!statistic.empty())
    {
        words += ", " + statistic;
    }
    return unit.empty() ? words : words + " (" + unit + ")";
}

MetricRange
MetricDomain(const std::string& metric)
{
    MetricRange range{-kInf, kInf};
    const gp::Descriptor* d = v1::RunResult::descriptor();
    const gp::FieldDescriptor* f = nullptr;
    std::istringstream in(metric);
    std::string part;
    bool unitInterval = false; // a fraction of something, on the path
    while (std::getline(in, part, '.'))
    {
        f = d ? d->FindFieldByName(part) : nullptr;
        if (!f)
        {
            return {-kInf, kInf}; // not a metric: no bound to claim
        }
        if (const UnitSuffix* u = FindUnit(part))
        {
            range = {u->low, u->high}; // the innermost unit names the number's
        }
        unitInterval = unitInterval || part.find("availability") != std::string::npos
                       || part.find("utilization") != std::string::npos
                       || part.find("jain") != std::string::npos
                       || part.find("rate_factor") != std::string::npos
                       || (part.size() > 9 && part.compare(part.size() - 9, 9, "_by_layer") == 0);
        d = f->message_type();
    }
    if (d)
    {
        return {-kInf, kInf}; // a group of metrics
    }
    switch (f->cpp_type())
    {
    case gp::FieldDescriptor::CPPTYPE_UINT32:
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        return {0.0, kInf}; // a count (also the sample count of a distribution)
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        return {0.0, 1.0};
    default:
        break;
    }
    if (unitInterval)
    {
        return {0.0, 1.0};
    }
    return range;
}

std::string
MetricValue(const v1::RunResult& result, const std::string& metric, std::optional<double>& value)
{
    value.reset();
    const gp::Message* m = &result;
    std::istringstream in(metric);
    std::string part;
    std::string seen;
    while (std::getline(in, part, '.'))
    {
        if (!m)
        {
            return "'" + seen + "' is a number, not a group of metrics";
        }
        const gp::FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(part);
        seen += (seen.empty() ? "" : ".") + part;
        if (!f)
        {
            std::string names;
            const gp::Descriptor* d = m->GetDescriptor();
            for (int i = 0; i < d->field_count(); ++i)
            {
                names += (i ? ", " : "") + d->field(i)->name();
            }
            return "no key '" + seen + "' in summary.json (keys here: " + names + ")";
        }
        if (f->is_repeated())
        {
            return "'" + seen + "' is a list, not a number";
        }
        const gp::Reflection* r = m->GetReflection();
        if (f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE && f->has_presence()
            && !r->HasField(*m, f))
        {
            m = nullptr; // a statistic without samples: no value
            continue;
        }
        switch (f->cpp_type())
        {
        case gp::FieldDescriptor::CPPTYPE_MESSAGE:
            m = &r->GetMessage(*m, f);
            continue;
        case gp::FieldDescriptor::CPPTYPE_DOUBLE:
            value = r->GetDouble(*m, f);
            break;
        case gp::FieldDescriptor::CPPTYPE_FLOAT:
            value = r->GetFloat(*m, f);
            break;
        case gp::FieldDescriptor::CPPTYPE_INT32:
            value = r->GetInt32(*m, f);
            break;
        case gp::FieldDescriptor::CPPTYPE_INT64:
            value = static_cast<double>(r->GetInt64(*m, f));
            break;
        case gp::FieldDescriptor::CPPTYPE_UINT32:
            value = r->GetUInt32(*m, f);
            break;
        case gp::FieldDescriptor::CPPTYPE_UINT64:
            value = static_cast<double>(r->GetUInt64(*m, f));
            break;
        case gp::FieldDescriptor::CPPTYPE_BOOL:
            value = r->GetBool(*m, f) ? 1.0 : 0.0;
            break;
        default:
            return "'" + seen + "' is not a number";
        }
        m = nullptr;
    }
    if (m)
    {
        return "'" + metric + "' is a group of metrics, not a number (e.g. " + metric + "."
               + (m->GetDescriptor()->field_count() > 0 ? m->GetDescriptor()->field(0)->name() : "")
               + ")";
    }
    return "";
}

} // namespace sagin
