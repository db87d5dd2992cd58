#include "study/model/study-plots.h"

#include "core/model/atomic-file.h"
#include "core/model/csv-reader.h"
#include "core/model/diagnostics.h"
#include "core/model/gnuplot.h"
#include "core/model/text-format.h"
#include "study/model/run-metrics.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace sagin
{

namespace fs = std::filesystem;

namespace
{

const char* const kBreakdown[]
    = {"access", "feeder", "isl", "air", "terrestrial", "processing", "queueing"};

std::string
Number(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

/// The one-way latency samples of a run: latency.csv (received rows) or paths.csv.
void
ReadOneWay(const std::string& dir, std::vector<double>& out)
{
    for (const char* name : {"latency.csv", "paths.csv"})
    {
        std::ifstream in(dir + "/" + name);
        CsvReader csv(in);
        std::vector<std::string> head;
        if (!in || !csv.Next(head))
        {
            continue;
        }
        const auto col = std::find(head.begin(), head.end(), "one_way_ms") - head.begin();
        const auto rec = std::find(head.begin(), head.end(), "received") - head.begin();
        if (col == static_cast<long>(head.size()))
        {
            continue;
        }
        std::vector<std::string> f;
        while (csv.Next(f))
        {
            if (col >= static_cast<long>(f.size()) || f[col].empty())
            {
                continue;
            }
            if (rec < static_cast<long>(head.size()) && rec < static_cast<long>(f.size())
                && f[rec] != "1")
            {
                continue;
            }
            out.push_back(std::strtod(f[col].c_str(), nullptr));
        }
        return;
    }
}

/// One figure in the selected formats.
class Figure
{
  public:
    Figure(const std::string& prefix, bool svg, bool png, const std::string& tmp)
        : m_prefix(prefix)
        , m_svg(svg)
        , m_png(png)
        , m_tmp(tmp)
    {
    }

    /// Writes `body` (settings and the plot command) for each format; returns the files.
    /// A figure of `columns` x `rows` panels grows with them (panels of about 2/3 the size).
    std::vector<std::string> Draw(
        const std::string& name, const std::string& body, int index, int columns = 1, int rows = 1)
    {
        const bool panels = columns * rows > 1;
        auto size = [&](int w, int h)
        {
            return std::to_string(panels ? w * 2 / 3 * columns : w) + ","
                   + std::to_string(panels ? h * 2 / 3 * rows : h);
        };
        std::vector<std::string> files;
        std::ostringstream gp;
        gp << "set encoding utf8\n";
        auto out = [&](const std::string& ext, const std::string& terminal)
        {
            const std::string file = m_prefix + "-" + name + "." + ext;
            const std::string part = file + ".tmp." + std::to_string(::getpid());
            gp << "set terminal " << terminal << "\nset output " << GnuplotString(part) << "\n"
               << body << "\nset output\n";
            files.push_back(file);
        };
        if (m_svg)
        {
            out("svg",
                "svg size " + size(900, 560)
                    + " dynamic noenhanced font 'sans,12' background rgb 'white'");
        }
        if (m_png)
        {
            out("png", "pngcairo size " + size(1200, 750) + " noenhanced font 'sans,12'");
        }
        const std::string script = m_tmp + "/plot-" + std::to_string(index) + ".gp";
        std::ofstream(script) << gp.str();
        RunGnuplot(script, m_tmp + "/plot-" + std::to_string(index) + ".log");
        for (const auto& f : files)
        {
            fs::rename(f + ".tmp." + std::to_string(::getpid()), f);
        }
        return files;
    }

  private:
    std::string m_prefix;
    bool m_svg;
    bool m_png;
    std::string m_tmp;
};

std::string
FileSafe(const std::string& s)
{
    std::string out = s;
    for (auto& c : out)
    {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
        {
            c = '_';
        }
    }
    return out;
}

/// The style of series s (a treatment's index): colour, dash type and marker together, so that
/// overlapping series stay apart also in grey print; the same index looks the same in every
/// panel and figure.
std::string
SeriesStyle(size_t s)
{
    static const int kPoints[] = {7, 5, 9, 11, 13, 15, 4, 6};
    return "lc " + std::to_string(s % 8 + 1) + " dt " + std::to_string(s % 5 + 1) + " pt "
           + std::to_string(kPoints[s % 8]);
}

/// Most panels one latency figure gets; beyond, the variants are pooled (`compare --where`
/// selects fewer).
constexpr size_t kMaxPanels = 12;

bool
IsNumber(const std::string& s, double& v)
{
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return !s.empty() && *end == '\0' && std::isfinite(v);
}

} // namespace

std::vector<std::string>
WriteStudyPlots(const ResultSet& set, const Comparison& comparison, const PlotOptions& options)
{
    std::string prefix = options.prefix;
    bool svg = true;
    bool png = true;
    for (const char* ext : {".svg", ".png"})
    {
        const std::string e = ext;
        if (prefix.size() > e.size() && prefix.compare(prefix.size() - e.size(), e.size(), e) == 0)
        {
            prefix.resize(prefix.size() - e.size());
            svg = e == ".svg";
            png = e == ".png";
        }
    }
    const auto treatments = set.Treatments();
    const auto variants = set.Variants();

    // The x axis of the metric plots: a variant axis with two or more numeric values.
    std::string xAxis = options.xAxis;
    auto numericValues = [&](const std::string& axis)
    {
        std::set<double> values;
        for (const auto& r : set.Runs())
        {
            auto it = r.variantAxes.find(axis);
            double v = 0.0;
            if (it == r.variantAxes.end() || !IsNumber(it->second, v))
            {
                return std::set<double>{};
            }
            values.insert(v);
        }
        return values;
    };
    if (!xAxis.empty())
    {
        const auto& names = set.VariantAxisNames();
        if (std::find(names.begin(), names.end(), xAxis) == names.end()
            || numericValues(xAxis).empty())
        {
            std::string list;
            for (const auto& n : names)
            {
                list += (list.empty() ? "" : ", ") + n;
            }
            throw InputError("sagin compare: error: --x " + xAxis
                             + ": not a numeric axis shared by every standard (axes: "
                             + (list.empty() ? "none" : list) + ")");
        }
    }
    else
    {
        for (const auto& a : set.VariantAxisNames())
        {
            if (numericValues(a).size() >= 2)
            {
                xAxis = a;
                break;
            }
        }
    }

    std::error_code ec;
    if (!fs::path(prefix).parent_path().empty())
    {
        fs::create_directories(fs::path(prefix).parent_path(), ec);
    }
    // The scripts and data files, next to the figures (`<prefix>-plots.tmp.<pid>`, a registered
    // temporary: removed at the end and on a stop signal; RemoveStaleTemporaries for a killed one).
    const std::string tmp = TemporaryPathFor(prefix + "-plots");
    RemoveStaleTemporaries(prefix + "-plots");
    RegisterTemporary(tmp);
    fs::create_directories(tmp, ec);
    if (ec)
    {
        UnregisterTemporary(tmp);
        throw std::runtime_error("cannot create a temporary folder for the plots: " + tmp + ": "
                                 + ec.message());
    }
    Figure figure(prefix, svg, png, tmp);
    std::vector<std::string> written;
    int index = 0;
    const std::string pooled
        = variants.size() > 1 ? " (" + std::to_string(variants.size()) + " variants pooled)" : "";
    try
    {
        // 1. Latency CDFs: one panel per scenario variant (pooled when asked, or when there are
        // more than kMaxPanels), one series per treatment in its own style.
        {
            const bool split
                = !options.pool && variants.size() > 1 && variants.size() <= kMaxPanels;
            const std::vector<std::string> panelVariants
                = split ? variants : std::vector<std::string>{""};
            std::vector<std::string> panels; // the plot command of each panel with data
            double lo = 1e300;
            double hi = 0.0;
            for (size_t p = 0; p < panelVariants.size(); ++p)
            {
                std::ostringstream plot;
                int curves = 0;
                for (size_t t = 0; t < treatments.size(); ++t)
                {
                    std::vector<double> v;
                    for (const auto& r : set.Runs())
                    {
                        if (r.treatment == treatments[t]
                            && (!split || r.variant == panelVariants[p]))
                        {
                            ReadOneWay(r.directory, v);
                        }
                    }
                    if (v.empty())
                    {
                        continue;
                    }
                    std::sort(v.begin(), v.end());
                    lo = std::min(lo, v.front());
                    hi = std::max(hi, v.back());
                    const std::string data
                        = tmp + "/cdf-" + std::to_string(p) + "-" + std::to_string(t) + ".dat";
                    std::ofstream out(data);
                    const size_t n = v.size();
                    const size_t points = std::min<size_t>(n, 2000);
                    for (size_t k = 0; k < points; ++k)
                    {
                        const size_t i = points == 1 ? n - 1 : k * (n - 1) / (points - 1);
                        out << Number(v[i]) << ' ' << Number(static_cast<double>(i + 1) / n)
                            << '\n';
                    }
                    // Markers about 8 per curve, so that the key shows line and marker.
                    plot << (curves ? ", " : "plot ") << GnuplotString(data)
                         << " using 1:2 with linespoints lw 2 ps 1.1 pi "
                         << std::max<size_t>(1, points / 8) << " " << SeriesStyle(t) << " title "
                         << GnuplotString(treatments[t] + " (" + std::to_string(n) + " samples)");
                    ++curves;
                }
                if (curves > 0)
                {
                    panels.push_back((split ? "set title " + GnuplotString(panelVariants[p]) + "\n"
                                            : std::string())
                                     + plot.str() + "\n");
                }
            }
            if (!panels.empty())
            {
                std::string title = "One-way latency";
                if (!split && variants.size() > kMaxPanels && !options.pool)
                {
                    title += " (" + std::to_string(variants.size()) + " variants pooled: more than "
                             + std::to_string(kMaxPanels) + " panels; compare --where keeps fewer)";
                }
                else if (!split)
                {
                    title += pooled;
                }
                const int columns
                    = panels.size() == 1 ? 1 : std::min<int>(3, static_cast<int>(panels.size()));
                const int rows = static_cast<int>((panels.size() + columns - 1) / columns);
                std::ostringstream body;
                body << "set xlabel 'one-way latency (ms)'\nset ylabel 'fraction of samples'\n"
                     << "set yrange [0:1]\nset grid\nset key inside bottom right opaque box\n"
                     // One latency range for every panel, so that panels compare at a glance.
                     << "set xrange [" << Number(lo) << ":" << Number(hi) << "]\n"
                     << (lo > 0 && hi / lo > 30 ? "set logscale x\n" : "");
                if (panels.size() == 1)
                {
                    body << "set title " << GnuplotString(title) << "\n" << panels.front();
                }
                else
                {
                    body << "set multiplot layout " << rows << "," << columns << " title "
                         << GnuplotString(title + ", by scenario variant") << "\n";
                    for (const auto& panel : panels)
                    {
                        body << panel;
                    }
                    body << "unset multiplot\n";
                }
                auto f = figure.Draw("cdf", body.str(), index++, columns, rows);
                written.insert(written.end(), f.begin(), f.end());
            }
        }
        // 2. Latency breakdown, stacked.
        {
            std::ostringstream rows;
            bool any = false;
            for (const auto& t : treatments)
            {
                double sum[7] = {0, 0, 0, 0, 0, 0, 0};
                int n = 0;
                for (const auto& r : set.Runs())
                {
                    if (r.treatment != t)
                    {
                        continue;
                    }
                    // Runs in which no packet arrived have no breakdown: they do not count.
                    bool hasBreakdown = false;
                    for (int k = 0; k < 7; ++k)
                    {
                        std::optional<double> v;
                        MetricValue(
                            r.result, std::string("latency.breakdown_ms.") + kBreakdown[k], v);
                        sum[k] += v.value_or(0.0);
                        hasBreakdown = hasBreakdown || v.has_value();
                    }
                    n += hasBreakdown ? 1 : 0;
                }
                std::string label = n > 0 ? t : t + " (no data)";
                std::replace(label.begin(), label.end(), '"', '\'');
                rows << '"' << label << '"';
                for (double s : sum)
                {
                    rows << ' ' << Number(n > 0 ? s / n : 0.0);
                    any = any || s != 0.0;
                }
                rows << '\n';
            }
            if (any)
            {
                const std::string data = tmp + "/breakdown.dat";
                std::ofstream(data) << rows.str();
                std::ostringstream body;
                body << "set title " << GnuplotString("Where the one-way latency is spent" + pooled)
                     << "\n"
                     << "set ylabel 'mean one-way latency (ms)'\nset style data histograms\n"
                     << "set style histogram rowstacked\nset style fill solid 0.85 border -1\nset "
                        "boxwidth 0.6\n"
                     << "set grid ytics\nset key below horizontal\nset xtics rotate by -20\nset "
                        "yrange [0:*]\n"
                     << "plot " << GnuplotString(data) << " using 2:xtic(1) title 'access'";
                for (int k = 1; k < 7; ++k)
                {
                    body << ", '' using " << k + 2 << " title " << GnuplotString(kBreakdown[k]);
                }
                body << "\n";
                auto f = figure.Draw("breakdown", body.str(), index++);
                written.insert(written.end(), f.begin(), f.end());
            }
        }
        // 3. Each metric against the swept axis, with confidence bands.
        if (!xAxis.empty())
        {
            for (const auto& metric : comparison.Metrics())
            {
                // Series: treatment plus the values of the other variant axes.
                std::map<std::string, std::vector<std::array<double, 4>>> series;
                std::vector<std::string> order;
                for (const auto& row : comparison.Rows())
                {
                    if (row.metric != metric)
                    {
                        continue;
                    }
                    std::string label = row.treatment;
                    for (const auto& [k, v] : row.variantAxes)
                    {
                        if (k != xAxis)
                        {
                            label += ", " + k + "=" + v;
                        }
                    }
                    double x = 0.0;
                    auto it = row.variantAxes.find(xAxis);
                    if (it == row.variantAxes.end() || !IsNumber(it->second, x))
                    {
                        continue;
                    }
                    if (row.noData > 0 || !std::isfinite(row.stats.mean))
                    {
                        continue; // seeds without data: no point to draw
                    }
                    const bool ci = std::isfinite(row.stats.low);
                    if (!series.count(label))
                    {
                        order.push_back(label);
                    }
                    series[label].push_back({x,
                                             row.stats.mean,
                                             ci ? row.stats.low : row.stats.mean,
                                             ci ? row.stats.high : row.stats.mean});
                }
                if (series.empty())
                {
                    continue;
                }
                std::ostringstream plot;
                for (size_t s = 0; s < order.size(); ++s)
                {
                    auto& pts = series[order[s]];
                    std::sort(pts.begin(), pts.end());
                    const std::string data
                        = tmp + "/m" + std::to_string(index) + "-" + std::to_string(s) + ".dat";
                    std::ofstream out(data);
                    for (const auto& p : pts)
                    {
                        out << Number(p[0]) << ' ' << Number(p[1]) << ' ' << Number(p[2]) << ' '
                            << Number(p[3]) << '\n';
                    }
                    // The band in its line's colour (SeriesStyle's lc).
                    plot << (s ? ", " : "plot ") << GnuplotString(data)
                         << " using 1:3:4 with filledcurves fs transparent solid 0.18 noborder lc "
                         << s % 8 + 1 << " notitle, '' using 1:2 with linespoints lw 2 ps 1.2 "
                         << SeriesStyle(s) << " title " << GnuplotString(order[s]);
                }
                std::ostringstream body;
                body << "set title "
                     << GnuplotString(metric + " against " + xAxis + " (mean over seeds, "
                                      + Exact(100.0 * 0.95) + " % confidence band)")
                     << "\nset xlabel " << GnuplotString(MetricLabel(xAxis)) << "\nset ylabel "
                     << GnuplotString(MetricLabel(metric))
                     << "\nset grid\nset key below horizontal\nset offsets graph 0.04, graph "
                        "0.04, 0, 0\n"
                     << plot.str() << "\n";
                auto f
                    = figure.Draw(FileSafe(metric) + "-vs-" + FileSafe(xAxis), body.str(), index++);
                written.insert(written.end(), f.begin(), f.end());
            }
        }
    }
    catch (...)
    {
        fs::remove_all(tmp, ec);
        UnregisterTemporary(tmp);
        throw;
    }
    fs::remove_all(tmp, ec);
    UnregisterTemporary(tmp);
    return written;
}

} // namespace sagin
