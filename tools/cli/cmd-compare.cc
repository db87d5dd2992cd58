// `sagin compare`: reads run folders or campaigns, aligns the runs that share a scenario variant
// and a seed across standards, and reports each metric's mean and confidence interval over seeds
// and its difference from a baseline with a paired test; optionally plots for reports.
#include "cli/commands.h"
#include "cli/flag-checks.h"
#include "core/model/diagnostics.h"
#include "study/model/comparison.h"
#include "study/model/result-set.h"
#include "study/model/study-plots.h"

#include <iostream>

namespace sagin::cli
{

namespace
{

struct CompareCliOptions
{
    std::vector<std::string> inputs;
    std::string baseline;
    std::vector<std::string> metrics;
    std::string format = "table";
    std::string plot;
    std::string x;
    bool pool = false;
    std::string test = "wilcoxon";
    double alpha = 0.05;
    std::vector<std::string> where;
    std::string out;
    FlagErrors flags{"sagin compare"}; ///< the flags' own checks (flag-checks.h)
};

void
Compare(const CompareCliOptions& o)
{
    if (!o.flags.Errors().empty())
    {
        throw InputError(o.flags.Errors());
    }
    ResultSet set = ResultSet::Load(o.inputs);
    if (!o.where.empty())
    {
        set.Filter(o.where);
    }
    CompareOptions options;
    options.baseline = o.baseline;
    options.metrics = o.metrics;
    options.test = o.test;
    options.alpha = o.alpha;
    Comparison comparison(set, options);
    OutputTarget out(o.out);
    out.Stream() << comparison.Format(o.format);
    out.Commit();
    if (!o.plot.empty())
    {
        PlotOptions p;
        p.prefix = o.plot;
        p.xAxis = o.x;
        p.pool = o.pool;
        for (const auto& f : WriteStudyPlots(set, comparison, p))
        {
            std::cerr << "plot: " << f << "\n";
        }
    }
}

} // namespace

void
AddCompareCommand(CLI::App& app)
{
    auto o = std::make_shared<CompareCliOptions>();
    auto* cmd = app.add_subcommand(
        "compare",
        "Compares standards over the same scenario variants and seeds: for each variant and "
        "metric, every standard's mean over seeds with its 95 % confidence interval (Student t), "
        "and its difference from the baseline, paired by seed, with a paired test (Wilcoxon "
        "signed-rank by default) and whether it is significant. Reads campaign folders (sagin "
        "sweep), folders of run folders (sagin run --out, sagin coverage --out) and run folders. "
        "See modules/study/README.md.");
    cmd->add_option("DIR", o->inputs, "Campaign folders, folders of run folders, or run folders")
        ->required();
    cmd->add_option(
        "--baseline",
        o->baseline,
        "The standard (or treatment) others are compared with (default: the first found)");
    cmd->add_option(
        "--metric",
        o->metrics,
        "A summary.json key, e.g. latency.one_way_ms.p50 (repeat; default: the headline latency, "
        "loss, coverage and handover metrics that are not zero everywhere)");
    o->flags.Check(cmd->add_option("--format", o->format, "Report format (default table)"),
                   OneOf({"table", "md", "csv", "json"}));
    cmd->add_option(
        "--plot",
        o->plot,
        "Draw plots with gnuplot: PREFIX-cdf, PREFIX-breakdown and PREFIX-<metric>-vs-<axis>, "
        "each .svg and .png (a PREFIX ending in .svg or .png keeps that format only)");
    cmd->add_option(
        "--x", o->x, "The swept axis of the metric plots (default: the first numeric one)");
    cmd->add_flag("--pool",
                  o->pool,
                  "One latency CDF over all scenario variants (default: one panel per variant, up "
                  "to 12)");
    o->flags.Check(cmd->add_option("--test",
                                   o->test,
                                   "Paired test: wilcoxon (signed-rank, exact up to 50 pairs), "
                                   "bootstrap (paired, 10000 resamples, fixed seed) or t"),
                   OneOf({"wilcoxon", "bootstrap", "t"}));
    cmd->add_option("--alpha", o->alpha, "Significance level (default 0.05)");
    cmd->add_option(
        "--where",
        o->where,
        "Keep runs with NAME=VALUE (an axis, standard, treatment, variant or seed); repeat");
    cmd->add_option("--out", o->out, "Write the report to a file (atomically) instead of stdout");
    cmd->callback(
        [o]()
        {
            Compare(*o);
        });
}

} // namespace sagin::cli
