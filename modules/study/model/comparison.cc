#include "study/model/comparison.h"

#include "core/model/diagnostics.h"
#include "core/model/json-writer.h"
#include "core/model/text-format.h"
#include "study/model/run-metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace sagin
{

namespace
{

/// A number for people: 5 significant digits, no exponent for ordinary magnitudes.
std::string
Num(double v)
{
    if (std::isnan(v))
    {
        return "n/a";
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.5g", v);
    return buf;
}

/// A number for scripts (JSON/CSV): exact, empty (CSV) or null (JSON) when undefined.
std::string
Raw(double v, const char* missing)
{
    return std::isfinite(v) ? Exact(v) : missing;
}

std::string
Interval(double low, double high)
{
    if (std::isnan(low) || std::isnan(high))
    {
        return "-";
    }
    return "[" + Num(low) + ", " + Num(high) + "]";
}

/// Width in characters (UTF-8 continuation bytes do not count).
size_t
Chars(const std::string& s)
{
    size_t chars = 0;
    for (unsigned char c : s)
    {
        chars += (c & 0xC0) != 0x80;
    }
    return chars;
}

std::string
Pad(const std::string& s, size_t width, bool right)
{
    const size_t chars = Chars(s);
    const std::string fill(width > chars ? width - chars : 0, ' ');
    return right ? fill + s : s + fill;
}

std::string
TestName(const std::string& test)
{
    return test == "bootstrap" ? "paired bootstrap (10000 resamples, seed 1)"
           : test == "t"       ? "paired t-test"
                               : "Wilcoxon signed-rank (exact up to 50 pairs)";
}

} // namespace

const std::vector<std::string>&
DefaultCompareMetrics()
{
    static const std::vector<std::string> metrics = {
        "packets.delivered_fraction",
        "service.served_fraction",
        "latency.one_way_ms.p50",
        "latency.one_way_ms.p99",
        "latency.rtt_ms.p50",
        "packets.loss_fraction",
        "coverage.area_fraction",
        "coverage.population_fraction",
        "coverage.time_availability",
        "handovers_per_terminal_hour",
        "handover.interruption_ms.mean",
        "handover.interruption_ms.p95",
        "handover.failures",
        "handover.feeder_switch.interruption_ms.mean",
        "drops.handover",
        "control_plane.latency_ms.mean",
        "control_plane.latency_ms.p95",
        "access.rach_failures",
        "tcp_goodput_mbps",
        "shared_capacity.user_throughput_p5_mbps",
        "shared_capacity.area_traffic_mbps_per_km2",
        "shared_capacity.queueing_delay_ms.p99",
        "shared_capacity.sinr_db.p50",
        "shared_capacity_return.user_throughput_p5_mbps",
        "shared_capacity_return.queueing_delay_ms.p99",
        "shared_capacity_return.sinr_db.p50",
        "shared_capacity_air.user_throughput_p5_mbps",
        "shared_capacity_air.sinr_db.p50",
        "shared_capacity_air_return.user_throughput_p5_mbps",
        "shared_capacity_ground.user_throughput_p5_mbps",
        "shared_capacity_ground.sinr_db.p50",
        "shared_capacity_ground_return.user_throughput_p5_mbps",
        "compute.completion_ms.p50",
        "compute.completion_ms.p95",
        "compute.deadline_miss_fraction",
        "rain.all_gateways_outage_fraction",
    };
    return metrics;
}

namespace
{

/// Reported whenever some run has them, even when they are 0 everywhere (then nothing arrived).
bool
IsDeliveryMetric(const std::string& m)
{
    return m == "packets.delivered_fraction" || m == "service.served_fraction";
}

} // namespace

bool
FractionCounts(const std::string& metric, std::string& successes, std::string& trials)
{
    // An empty success path: the successes are the fraction times the trials (the summary keeps
    // no separate count of them).
    static const std::map<std::string, std::pair<std::string, std::string>> counts = {
        {"packets.loss_fraction", {"packets.lost", "packets.sent"}},
        {"packets.delivered_fraction", {"packets.received", "packets.sent"}},
        {"service.served_fraction", {"service.terminals_served", "service.terminals_with_traffic"}},
        {"compute.deadline_miss_fraction", {"", "compute.deadline_tasks"}},
    };
    auto it = counts.find(metric);
    if (it == counts.end())
    {
        return false;
    }
    successes = it->second.first;
    trials = it->second.second;
    return true;
}

Comparison::Comparison(const ResultSet& set, const CompareOptions& options)
    : m_set(set)
    , m_options(options)
{
    if (options.test != "wilcoxon" && options.test != "bootstrap" && options.test != "t")
    {
        throw InputError("sagin compare: error: --test must be wilcoxon, bootstrap or t, got '"
                         + options.test + "'");
    }
    if (!(options.alpha > 0.0 && options.alpha < 1.0))
    {
        throw InputError("sagin compare: error: --alpha must be in (0, 1), got "
                         + Exact(options.alpha));
    }
    const auto& runs = set.Runs();
    // Metrics: checked against the schema (through the first run).
    if (options.metrics.empty())
    {
        for (const auto& m : DefaultCompareMetrics())
        {
            bool hasValue = false;
            bool nonZero = false;
            for (const auto& r : runs)
            {
                std::optional<double> v;
                MetricValue(r.result, m, v);
                hasValue = hasValue || v.has_value();
                nonZero = nonZero || (v && *v != 0.0);
            }
            if (hasValue && (nonZero || IsDeliveryMetric(m)))
            {
                m_metrics.push_back(m);
            }
        }
        if (m_metrics.empty())
        {
            m_metrics.push_back(DefaultCompareMetrics().front());
        }
    }
    else
    {
        std::vector<std::string> errors;
        for (const auto& m : options.metrics)
        {
            std::optional<double> v;
            const std::string why = MetricValue(runs.front().result, m, v);
            if (!why.empty())
            {
                errors.push_back("sagin compare: error: --metric " + m + ": " + why);
            }
        }
        if (!errors.empty())
        {
            throw InputError(errors);
        }
        m_metrics = options.metrics;
    }
    // Baseline: a treatment, or a standard with a single treatment.
    const auto treatments = set.Treatments();
    if (options.baseline.empty())
    {
        m_baseline = treatments.front();
    }
    else if (std::find(treatments.begin(), treatments.end(), options.baseline) != treatments.end())
    {
        m_baseline = options.baseline;
    }
    else
    {
        std::vector<std::string> matches;
        for (const auto& r : runs)
        {
            if (r.standard == options.baseline
                && std::find(matches.begin(), matches.end(), r.treatment) == matches.end())
            {
                matches.push_back(r.treatment);
            }
        }
        std::string list;
        for (const auto& t : treatments)
        {
            list += (list.empty() ? "" : ", ") + t;
        }
        if (matches.size() != 1)
        {
            throw InputError(
                "sagin compare: error: --baseline " + options.baseline
                + (matches.empty() ? ": no such standard" : ": names several treatments") + " ("
                + list + ")");
        }
        m_baseline = matches.front();
    }

    // The baseline first, then the others in the order found.
    std::vector<std::string> ordered = {m_baseline};
    for (const auto& t : treatments)
    {
        if (t != m_baseline)
        {
            ordered.push_back(t);
        }
    }
    for (const auto& variant : set.Variants())
    {
        std::map<std::string, std::string> axes;
        // Values per treatment and seed.
        std::map<std::string, std::map<std::uint64_t, const LoadedRun*>> cells;
        for (const auto& r : runs)
        {
            if (r.variant == variant)
            {
                cells[r.treatment][r.seed] = &r;
                axes = r.variantAxes;
            }
        }
        for (const auto& metric : m_metrics)
        {
            auto value = [&](const LoadedRun* r, const std::string& path)
            {
                std::optional<double> v;
                MetricValue(r->result, path, v);
                return v;
            };
            std::string successPath;
            std::string trialPath;
            const bool counted = FractionCounts(metric, successPath, trialPath);
            const MetricRange domain = MetricDomain(metric);
            const auto baseIt = cells.find(m_baseline);
            for (const auto& treatment : ordered)
            {
                auto it = cells.find(treatment);
                if (it == cells.end())
                {
                    continue;
                }
                ComparisonRow row;
                row.variant = variant;
                row.variantAxes = axes;
                row.metric = metric;
                row.treatment = treatment;
                row.standard = it->second.begin()->second->standard;
                row.baseline = m_baseline;
                row.isBaseline = treatment == m_baseline;
                row.seeds = it->second.size();
                std::vector<double> x;
                std::uint64_t successes = 0;
                std::uint64_t trials = 0;
                bool countsKnown = counted;
                for (const auto& [seed, r] : it->second)
                {
                    if (auto v = value(r, metric))
                    {
                        x.push_back(*v);
                        if (counted)
                        {
                            const double n = value(r, trialPath).value_or(0.0);
                            // Without a count of successes, the fraction times the trials: exact
                            // when the fraction is k / n, as the summary computes it.
                            const double k = successPath.empty()
                                                 ? *v * n
                                                 : value(r, successPath).value_or(0.0);
                            countsKnown = countsKnown && std::fabs(k - std::round(k)) < 1e-6;
                            successes += static_cast<std::uint64_t>(std::llround(k));
                            trials += static_cast<std::uint64_t>(std::llround(n));
                        }
                    }
                    else
                    {
                        ++row.noData;
                    }
                }
                row.stats = MeanCi(x, options.confidence);
                if (x.empty())
                {
                    row.stats.mean = row.stats.sd = row.stats.low = row.stats.high = std::nan("");
                }
                else
                {
                    // The mean of values in [low, high] lies there too: a t interval that reaches
                    // past a bound is cut at it (its coverage is unchanged, since the true mean
                    // is always inside).
                    if (std::isfinite(row.stats.low) && row.stats.low < domain.low)
                    {
                        row.stats.low = domain.low;
                        row.clipped = true;
                    }
                    if (std::isfinite(row.stats.high) && row.stats.high > domain.high)
                    {
                        row.stats.high = domain.high;
                        row.clipped = true;
                    }
                    if (countsKnown && trials > 0 && successes <= trials)
                    {
                        // Counts pooled over the seeds: the binomial uncertainty within the runs,
                        // which a t interval of identical seeds (sd 0) would not show; with
                        // several seeds the interval holds both, so neither the spread between
                        // seeds nor the finite count is hidden.
                        const Proportion p = WilsonInterval(successes, trials, options.confidence);
                        if (std::isnan(row.stats.low))
                        {
                            row.stats.low = p.low;
                            row.stats.high = p.high;
                            row.interval = "wilson";
                        }
                        else
                        {
                            row.stats.low = std::min(row.stats.low, p.low);
                            row.stats.high = std::max(row.stats.high, p.high);
                            row.interval = "t+wilson";
                        }
                    }
                }
                if (row.isBaseline)
                {
                    m_rows.push_back(row);
                    continue;
                }
                // A treatment is ranked only when every seed of it and of the baseline has data.
                size_t baseNoData = 0;
                size_t baseSeeds = 0;
                if (baseIt != cells.end())
                {
                    baseSeeds = baseIt->second.size();
                    for (const auto& [seed, r] : baseIt->second)
                    {
                        baseNoData += value(r, metric).has_value() ? 0 : 1;
                    }
                }
                if (row.noData > 0)
                {
                    row.noDiffReason
                        = std::to_string(row.noData) + " of " + std::to_string(row.seeds)
                          + (row.seeds == 1 ? " seed has" : " seeds have") + " no data";
                }
                else if (baseNoData > 0)
                {
                    row.noDiffReason = "baseline: " + std::to_string(baseNoData) + " of "
                                       + std::to_string(baseSeeds)
                                       + (baseSeeds == 1 ? " seed has" : " seeds have")
                                       + " no data";
                }
                else if (baseIt != cells.end())
                {
                    std::vector<double> d;
                    double baseSum = 0.0;
                    for (const auto& [seed, r] : it->second)
                    {
                        auto b = baseIt->second.find(seed);
                        if (b != baseIt->second.end())
                        {
                            const double base = *value(b->second, metric);
                            d.push_back(*value(r, metric) - base);
                            baseSum += base;
                        }
                    }
                    row.pairs = d.size();
                    if (!d.empty())
                    {
                        row.hasDiff = true;
                        MeanInterval dm = MeanCi(d, options.confidence);
                        row.diffMean = dm.mean;
                        const double baseMean = baseSum / static_cast<double>(d.size());
                        row.diffPercent = baseMean != 0.0 ? 100.0 * dm.mean / std::fabs(baseMean)
                                                          : std::nan("");
                        if (options.test == "bootstrap")
                        {
                            row.test = PairedBootstrap(d, options.confidence);
                            row.diffLow = row.test.low;
                            row.diffHigh = row.test.high;
                        }
                        else
                        {
                            row.test = options.test == "t" ? PairedT(d) : WilcoxonSignedRank(d);
                            row.diffLow = dm.low;
                            row.diffHigh = dm.high;
                        }
                        row.significant = std::isfinite(row.test.p) && row.test.p < options.alpha;
                        row.wilcoxonFloor = options.test == "wilcoxon" && row.test.exact
                                            && row.test.minP >= options.alpha;
                    }
                    else
                    {
                        row.noDiffReason = "no common seeds";
                    }
                }
                else
                {
                    row.noDiffReason = "no baseline runs";
                }
                m_rows.push_back(row);
            }
        }
    }
}

std::string
Comparison::Header() const
{
    std::ostringstream os;
    os << "baseline: " << m_baseline << "; mean over seeds with its "
       << Exact(100.0 * m_options.confidence)
       << " % confidence interval (Student t over the seeds, cut at the metric's bounds: "
          "no latency or count below 0, no fraction outside [0, 1]; fractions of counted events "
          "also hold the Wilson score interval of the counts pooled over seeds); difference from "
          "the "
          "baseline paired by seed, "
       << TestName(m_options.test) << ", significant when p < " << Exact(m_options.alpha)
       << "; a treatment with seeds without data is not ranked";
    return os.str();
}

std::string
Comparison::FormatTable(bool markdown) const
{
    const std::string ci = Exact(100.0 * m_options.confidence) + " % CI";
    const std::vector<std::string> head = {"metric",
                                           "standard",
                                           "n",
                                           "mean",
                                           ci,
                                           "diff vs baseline",
                                           "diff " + ci,
                                           "p",
                                           "significant"};
    const std::vector<bool> right = {false, false, true, true, true, true, true, true, false};
    std::ostringstream os;
    size_t floorPairs = 0; // largest pair count of a row the exact Wilcoxon test cannot resolve
    bool anyClipped = false;
    if (markdown)
    {
        os << Header() << ".\n";
    }
    else
    {
        os << Header() << "\n";
    }
    for (const auto& variant : m_set.Variants())
    {
        std::vector<std::vector<std::string>> cells;
        std::string lastMetric;
        for (const auto& r : m_rows)
        {
            if (r.variant != variant)
            {
                continue;
            }
            std::vector<std::string> c;
            c.push_back(markdown || r.metric != lastMetric ? r.metric : "");
            lastMetric = r.metric;
            c.push_back(r.treatment);
            c.push_back(std::to_string(r.stats.n));
            c.push_back(Num(r.stats.mean));
            c.push_back(Interval(r.stats.low, r.stats.high) + (r.clipped ? " (b)" : ""));
            anyClipped = anyClipped || r.clipped;
            if (r.isBaseline)
            {
                c.insert(c.end(),
                         {r.noData > 0 ? "(baseline; " + std::to_string(r.noData) + " of "
                                             + std::to_string(r.seeds) + " seeds have no data)"
                                       : "(baseline)",
                          "",
                          "",
                          ""});
            }
            else if (!r.hasDiff)
            {
                c.insert(c.end(), {r.noDiffReason, "", "", ""});
            }
            else
            {
                std::string diff = (r.diffMean > 0 ? "+" : "") + Num(r.diffMean);
                if (std::isfinite(r.diffPercent))
                {
                    char pct[32];
                    std::snprintf(pct, sizeof pct, " (%+.1f%%)", r.diffPercent);
                    diff += pct;
                }
                c.push_back(diff);
                c.push_back(Interval(r.diffLow, r.diffHigh));
                c.push_back(Num(r.test.p) + (r.wilcoxonFloor ? " (a)" : ""));
                c.push_back(r.significant ? "yes" : "no");
                floorPairs = r.wilcoxonFloor ? std::max(floorPairs, r.pairs) : floorPairs;
            }
            cells.push_back(c);
        }
        if (cells.empty())
        {
            continue;
        }
        if (markdown)
        {
            os << "\n### " << variant << "\n\n|";
            for (const auto& h : head)
            {
                os << ' ' << h << " |";
            }
            os << "\n|";
            for (size_t i = 0; i < head.size(); ++i)
            {
                os << (right[i] ? "---:|" : "---|");
            }
            os << "\n";
            for (const auto& c : cells)
            {
                os << "|";
                for (const auto& v : c)
                {
                    os << ' ' << v << " |";
                }
                os << "\n";
            }
            continue;
        }
        std::vector<size_t> width(head.size());
        for (size_t i = 0; i < head.size(); ++i)
        {
            width[i] = head[i].size();
            for (const auto& c : cells)
            {
                width[i] = std::max(width[i], Chars(c[i]));
            }
        }
        os << "\n" << variant << "\n";
        auto line = [&](const std::vector<std::string>& c)
        {
            std::string l = " ";
            for (size_t i = 0; i < c.size(); ++i)
            {
                l += " " + Pad(c[i], width[i], right[i]);
            }
            while (!l.empty() && l.back() == ' ')
            {
                l.pop_back();
            }
            os << l << "\n";
        };
        line(head);
        for (const auto& c : cells)
        {
            line(c);
        }
    }
    if (floorPairs > 0)
    {
        os << "\n(a) with "
           << (floorPairs == 1 ? "1 pair" : "at most " + std::to_string(floorPairs) + " pairs")
           << " the exact Wilcoxon test cannot reach p < " << Exact(m_options.alpha)
           << ": add seeds, or use --test t or --test bootstrap\n";
    }
    if (anyClipped)
    {
        os << (floorPairs > 0 ? "" : "\n")
           << "(b) the Student t interval reached past the metric's bound (below 0, or above 1 for "
              "a fraction) and is cut there: the mean lies near the bound, or the seeds spread "
              "widely for their number\n";
    }
    return os.str();
}

std::string
Comparison::FormatCsv() const
{
    std::ostringstream os;
    os << "variant";
    for (const auto& a : m_set.VariantAxisNames())
    {
        os << ',' << CsvField(a);
    }
    os << ",metric,standard,treatment,n,runs_without_data,mean,sd,ci_low,ci_high,ci_method,"
          "ci_clipped,baseline,"
          "pairs,diff_mean,diff_percent,diff_ci_low,diff_ci_high,test,p_value,significant,"
          "no_diff_reason\n";
    for (const auto& r : m_rows)
    {
        os << CsvField(r.variant);
        for (const auto& a : m_set.VariantAxisNames())
        {
            auto it = r.variantAxes.find(a);
            os << ',' << (it == r.variantAxes.end() ? "" : CsvField(it->second));
        }
        os << ',' << CsvField(r.metric) << ',' << CsvField(r.standard) << ','
           << CsvField(r.treatment) << ',' << r.stats.n << ',' << r.noData << ','
           << Raw(r.stats.mean, "") << ',' << Raw(r.stats.sd, "") << ',' << Raw(r.stats.low, "")
           << ',' << Raw(r.stats.high, "") << ',' << r.interval << ','
           << (r.clipped ? "true" : "false") << ',' << CsvField(r.baseline) << ',' << r.pairs
           << ',';
        if (r.hasDiff)
        {
            os << Raw(r.diffMean, "") << ',' << Raw(r.diffPercent, "") << ',' << Raw(r.diffLow, "")
               << ',' << Raw(r.diffHigh, "") << ',' << m_options.test << ',' << Raw(r.test.p, "")
               << ',' << (r.significant ? "true" : "false");
        }
        else
        {
            os << ",,,,,,";
        }
        os << ',' << CsvField(r.noDiffReason) << '\n';
    }
    return os.str();
}

std::string
Comparison::FormatJson() const
{
    using Layout = JsonWriter::Layout;
    std::ostringstream os;
    JsonWriter w(os);
    w.BeginObject(Layout::Lines);
    w.Key("baseline").String(m_baseline);
    w.Key("test").String(m_options.test);
    w.Key("alpha").Number(m_options.alpha);
    w.Key("confidence").Number(m_options.confidence);
    w.Key("metrics").BeginArray(Layout::Inline);
    for (const auto& m : m_metrics)
    {
        w.String(m);
    }
    w.EndArray();
    w.Key("rows").BeginArray(Layout::Lines);
    for (const auto& r : m_rows)
    {
        w.BeginObject(Layout::Inline).Key("variant").String(r.variant);
        w.Key("axes").BeginObject(Layout::Inline);
        for (const auto& [k, v] : r.variantAxes)
        {
            char* end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            w.Key(k);
            if (!v.empty() && *end == '\0' && std::isfinite(d))
            {
                w.Number(d);
            }
            else
            {
                w.String(v);
            }
        }
        w.EndObject();
        w.Key("metric").String(r.metric);
        w.Key("standard").String(r.standard);
        w.Key("treatment").String(r.treatment);
        w.Key("n").Unsigned(r.stats.n);
        w.Key("runs_without_data").Unsigned(r.noData);
        w.Key("mean").Number(r.stats.mean);
        w.Key("sd").Number(r.stats.sd);
        w.Key("ci_low").Number(r.stats.low);
        w.Key("ci_high").Number(r.stats.high);
        w.Key("ci_method").String(r.interval);
        w.Key("ci_clipped").Bool(r.clipped);
        w.Key("is_baseline").Bool(r.isBaseline);
        w.Key("pairs").Unsigned(r.pairs);
        const double none = std::nan("");
        w.Key("diff_mean").Number(r.hasDiff ? r.diffMean : none);
        w.Key("diff_percent").Number(r.hasDiff ? r.diffPercent : none);
        w.Key("diff_ci_low").Number(r.hasDiff ? r.diffLow : none);
        w.Key("diff_ci_high").Number(r.hasDiff ? r.diffHigh : none);
        w.Key("p_value").Number(r.hasDiff ? r.test.p : none);
        w.Key("significant");
        if (r.hasDiff)
        {
            w.Bool(r.significant);
        }
        else
        {
            w.Null();
        }
        w.Key("no_diff_reason");
        if (r.noDiffReason.empty())
        {
            w.Null();
        }
        else
        {
            w.String(r.noDiffReason);
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    os << '\n';
    return os.str();
}

std::string
Comparison::Format(const std::string& format) const
{
    if (format == "table")
    {
        return FormatTable(false);
    }
    if (format == "md")
    {
        return FormatTable(true);
    }
    if (format == "csv")
    {
        return FormatCsv();
    }
    if (format == "json")
    {
        return FormatJson();
    }
    throw InputError("sagin compare: error: --format must be table, md, csv or json, got '" + format
                     + "'");
}

} // namespace sagin
