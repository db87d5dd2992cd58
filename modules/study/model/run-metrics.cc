#include "study/model/run-metrics.h"

#include <google/protobuf/descriptor.h>
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
        "tcp_goodput_mbps",
        "failures.availability",
        "failures.terminal_outage_s.mean",
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
        if (f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE && f->has_presence() && !r->HasField(*m, f))
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
