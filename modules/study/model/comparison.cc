#include "study/model/comparison.h"

#include "core/model/diagnostics.h"
#include "core/model/text-format.h"
#include "study/model/run-metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
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
        return "-";
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
        "latency.one_way_ms.p50",
        "latency.one_way_ms.p99",
        "latency.rtt_ms.p50",
        "packets.loss_fraction",
        "coverage.area_fraction",
        "coverage.population_fraction",
        "coverage.time_availability",
        "handovers_per_terminal_hour",
    };
    return metrics;
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
            bool nonZero = false;
            for (const auto& r : runs)
            {
                double v = 0.0;
                MetricValue(r.result, m, v);
                nonZero = nonZero || v != 0.0;
            }
            if (nonZero)
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
            double v = 0.0;
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
            auto value = [&](const LoadedRun* r)
            {
                double v = 0.0;
                MetricValue(r->result, metric, v);
                return v;
            };
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
                std::vector<double> x;
                for (const auto& [seed, r] : it->second)
                {
                    x.push_back(value(r));
                }
                row.stats = MeanCi(x, options.confidence);
                if (!row.isBaseline && baseIt != cells.end())
                {
                    std::vector<double> d;
                    double baseSum = 0.0;
                    for (const auto& [seed, r] : it->second)
                    {
                        auto b = baseIt->second.find(seed);
                        if (b != baseIt->second.end())
                        {
                            d.push_back(value(r) - value(b->second));
                            baseSum += value(b->second);
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
                        if (options.test == "wilcoxon")
                        {
                            m_largestMinP = std::max(m_largestMinP, row.test.minP);
                        }
                    }
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
       << " % confidence interval (Student t); difference from the baseline paired by seed, "
       << TestName(m_options.test) << ", significant when p < " << Exact(m_options.alpha);
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
            c.push_back(Interval(r.stats.low, r.stats.high));
            if (r.isBaseline)
            {
                c.insert(c.end(), {"(baseline)", "", "", ""});
            }
            else if (!r.hasDiff)
            {
                c.insert(c.end(), {"no common seeds", "", "", ""});
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
                c.push_back(Num(r.test.p));
                c.push_back(r.significant ? "yes" : "no");
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
    if (m_options.test == "wilcoxon" && m_largestMinP >= m_options.alpha)
    {
        os << "\nnote: with this few seeds the exact Wilcoxon test cannot reach p < "
           << Exact(m_options.alpha) << " (its smallest p is " << Num(m_largestMinP)
           << "): add seeds, or use --test t or --test bootstrap\n";
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
    os << ",metric,standard,treatment,n,mean,sd,ci_low,ci_high,baseline,pairs,diff_mean,diff_"
          "percent,"
          "diff_ci_low,diff_ci_high,test,p_value,significant\n";
    for (const auto& r : m_rows)
    {
        os << CsvField(r.variant);
        for (const auto& a : m_set.VariantAxisNames())
        {
            auto it = r.variantAxes.find(a);
            os << ',' << (it == r.variantAxes.end() ? "" : CsvField(it->second));
        }
        os << ',' << CsvField(r.metric) << ',' << CsvField(r.standard) << ','
           << CsvField(r.treatment) << ',' << r.stats.n << ',' << Raw(r.stats.mean, "") << ','
           << Raw(r.stats.sd, "") << ',' << Raw(r.stats.low, "") << ',' << Raw(r.stats.high, "")
           << ',' << CsvField(r.baseline) << ',' << r.pairs << ',';
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
        os << '\n';
    }
    return os.str();
}

std::string
Comparison::FormatJson() const
{
    std::ostringstream os;
    os << "{\n  \"baseline\": " << JsonString(m_baseline)
       << ",\n  \"test\": " << JsonString(m_options.test)
       << ",\n  \"alpha\": " << Exact(m_options.alpha)
       << ",\n  \"confidence\": " << Exact(m_options.confidence) << ",\n  \"metrics\": [";
    for (size_t i = 0; i < m_metrics.size(); ++i)
    {
        os << (i ? ", " : "") << JsonString(m_metrics[i]);
    }
    os << "],\n  \"rows\": [";
    for (size_t i = 0; i < m_rows.size(); ++i)
    {
        const auto& r = m_rows[i];
        os << (i ? ",\n" : "\n") << "    {\"variant\": " << JsonString(r.variant)
           << ", \"axes\": {";
        bool first = true;
        for (const auto& [k, v] : r.variantAxes)
        {
            char* end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            os << (first ? "" : ", ") << JsonString(k) << ": "
               << (!v.empty() && *end == '\0' && std::isfinite(d) ? Exact(d) : JsonString(v));
            first = false;
        }
        os << "}, \"metric\": " << JsonString(r.metric)
           << ", \"standard\": " << JsonString(r.standard)
           << ", \"treatment\": " << JsonString(r.treatment) << ", \"n\": " << r.stats.n
           << ", \"mean\": " << Raw(r.stats.mean, "null") << ", \"sd\": " << Raw(r.stats.sd, "null")
           << ", \"ci_low\": " << Raw(r.stats.low, "null")
           << ", \"ci_high\": " << Raw(r.stats.high, "null")
           << ", \"is_baseline\": " << (r.isBaseline ? "true" : "false")
           << ", \"pairs\": " << r.pairs;
        if (r.hasDiff)
        {
            os << ", \"diff_mean\": " << Raw(r.diffMean, "null")
               << ", \"diff_percent\": " << Raw(r.diffPercent, "null")
               << ", \"diff_ci_low\": " << Raw(r.diffLow, "null")
               << ", \"diff_ci_high\": " << Raw(r.diffHigh, "null")
               << ", \"p_value\": " << Raw(r.test.p, "null")
               << ", \"significant\": " << (r.significant ? "true" : "false");
        }
        else
        {
            os << ", \"diff_mean\": null, \"diff_percent\": null, \"diff_ci_low\": null, "
                  "\"diff_ci_high\": null, "
                  "\"p_value\": null, \"significant\": null";
        }
        os << "}";
    }
    os << "\n  ]\n}\n";
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
