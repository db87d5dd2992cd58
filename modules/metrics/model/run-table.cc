#include "metrics/model/run-table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <google/protobuf/descriptor.h>
#include <optional>

namespace sagin
{

namespace
{

std::string
Cell(std::optional<double> v, const char* format, double scale = 1.0)
{
    if (!v || !std::isfinite(*v))
    {
        return "n/a";
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, format, *v * scale);
    return buf;
}

template <typename M>
std::optional<double>
Opt(bool has, const M& value)
{
    return has ? std::optional<double>(static_cast<double>(value)) : std::nullopt;
}

std::string
Row(const std::vector<std::string>& cells, const std::vector<int>& widths)
{
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i)
    {
        char buf[256];
        // The first column is left-aligned, the numbers right-aligned.
        std::snprintf(buf, sizeof buf, i == 0 ? "%-*s" : " %*s", widths[i], cells[i].c_str());
        line += buf;
    }
    while (!line.empty() && line.back() == ' ')
    {
        line.pop_back();
    }
    return line + "\n";
}

} // namespace

std::string
MainDropReason(const v1::Drops& drops)
{
    const auto* d = drops.GetDescriptor();
    const auto* r = drops.GetReflection();
    std::uint64_t total = 0;
    std::uint64_t best = 0;
    std::string name;
    for (int i = 0; i < d->field_count(); ++i)
    {
        const std::uint64_t n = r->GetUInt64(drops, d->field(i));
        total += n;
        if (n > best)
        {
            best = n;
            name = d->field(i)->name();
        }
    }
    if (total == 0)
    {
        return "";
    }
    char buf[96];
    std::snprintf(buf,
                  sizeof buf,
                  "%s %.0f %%",
                  name.c_str(),
                  100.0 * static_cast<double>(best) / static_cast<double>(total));
    return buf;
}

// "pop cov" weighs terminals by population: when some terminals give none, say what it rests on
// (one line when every row rests on the same terminals, else one per row).
std::string
PopulationBaseNote(const std::vector<v1::RunResult>& results)
{
    std::vector<std::pair<std::string, std::string>> notes; // standard, base
    for (const auto& r : results)
    {
        const auto& c = r.coverage();
        if (c.has_population_fraction() && c.population_terminals() < c.terminals())
        {
            notes.emplace_back(r.standard(),
                               "population-weighted over the "
                                   + std::to_string(c.population_terminals()) + " of "
                                   + std::to_string(c.terminals())
                                   + " terminals that give a population (the others weigh 0)");
        }
    }
    if (notes.empty())
    {
        return "";
    }
    const bool same = notes.size() == results.size()
                      && std::all_of(notes.begin(),
                                     notes.end(),
                                     [&](const auto& n)
                                     {
                                         return n.second == notes.front().second;
                                     });
    if (same)
    {
        return "pop cov: " + notes.front().second + "\n";
    }
    std::string out;
    for (const auto& [standard, base] : notes)
    {
        out += "pop cov of " + standard + ": " + base + "\n";
    }
    return out;
}

std::string
FormatRunTable(const std::vector<v1::RunResult>& results)
{
    bool tcp = false;
    for (const auto& r : results)
    {
        tcp = tcp || r.has_tcp_goodput_mbps();
    }
    std::vector<std::string> head = {"standard",
                                     "delivered",
                                     "served",
                                     "avail",
                                     "samples",
                                     "1way p50",
                                     "1way p95",
                                     "1way p99",
                                     "rtt p50",
                                     "area cov",
                                     "pop cov",
                                     "HO/term-h"};
    std::vector<std::string> units = {"", "%", "%", "%", "", "ms", "ms", "ms", "ms", "%", "%", ""};
    if (tcp)
    {
        head.push_back("TCP");
        units.push_back("Mbit/s");
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> flags;
    for (const auto& r : results)
    {
        const auto& l = r.latency();
        const auto& c = r.coverage();
        const auto& s = r.service();
        // A row whose latency rests on less than 99 % of its packets is marked.
        const bool flagged
            = r.packets().sent() == 0 || r.packets().delivered_fraction() < kDeliveryFlagThreshold;
        std::vector<std::string> row = {
            (flagged ? "! " : "") + r.standard(),
            Cell(Opt(r.packets().has_delivered_fraction(), r.packets().delivered_fraction()),
                 "%.1f",
                 100.0),
            Cell(Opt(s.has_served_fraction(), s.served_fraction()), "%.0f", 100.0),
            Cell(Opt(c.has_time_availability(), c.time_availability()), "%.1f", 100.0),
            std::to_string(l.one_way_ms().count()),
            Cell(Opt(l.one_way_ms().has_p50(), l.one_way_ms().p50()), "%.3f"),
            Cell(Opt(l.one_way_ms().has_p95(), l.one_way_ms().p95()), "%.3f"),
            Cell(Opt(l.one_way_ms().has_p99(), l.one_way_ms().p99()), "%.3f"),
            Cell(Opt(l.rtt_ms().has_p50(), l.rtt_ms().p50()), "%.3f"),
            Cell(Opt(c.has_area_fraction(), c.area_fraction()), "%.1f", 100.0),
            Cell(Opt(c.has_population_fraction(), c.population_fraction()), "%.1f", 100.0),
            Cell(Opt(r.has_handovers_per_terminal_hour(), r.handovers_per_terminal_hour()), "%.2f"),
        };
        if (tcp)
        {
            row.push_back(Cell(Opt(r.has_tcp_goodput_mbps(), r.tcp_goodput_mbps()), "%.2f"));
        }
        rows.push_back(row);
        const auto& p = r.packets();
        if (p.sent() == 0)
        {
            flags.push_back(r.standard()
                            + ": no ping or CBR packet sent after the warm-up: no latency or "
                              "delivery to compare");
        }
        else if (p.delivered_fraction() < kDeliveryFlagThreshold)
        {
            char buf[160];
            std::snprintf(buf,
                          sizeof buf,
                          "%s: delivers %.1f %% of %llu packets (%llu of %llu terminals served)",
                          r.standard().c_str(),
                          100.0 * p.delivered_fraction(),
                          static_cast<unsigned long long>(p.sent()),
                          static_cast<unsigned long long>(s.terminals_served()),
                          static_cast<unsigned long long>(s.terminals_with_traffic()));
            const std::string reason = MainDropReason(r.drops());
            flags.push_back(std::string(buf)
                            + (reason.empty() ? "; no drop recorded in the network"
                                              : "; main drop reason " + reason));
        }
    }
    std::vector<int> widths(head.size());
    for (size_t i = 0; i < head.size(); ++i)
    {
        widths[i] = static_cast<int>(std::max(head[i].size(), units[i].size()));
        for (const auto& row : rows)
        {
            widths[i] = std::max(widths[i], static_cast<int>(row[i].size()));
        }
    }
    std::string out = Row(head, widths) + Row(units, widths);
    for (const auto& row : rows)
    {
        out += Row(row, widths);
    }
    if (!flags.empty())
    {
        out += "\n";
        for (const auto& f : flags)
        {
            out += "! " + f + "\n";
        }
    }
    const std::string populationNote = PopulationBaseNote(results);
    if (!populationNote.empty())
    {
        out += (flags.empty() ? "\n" : "") + populationNote;
    }
    return out;
}

} // namespace sagin
