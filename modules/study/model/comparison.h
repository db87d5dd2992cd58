// `sagin compare`: per scenario variant and metric, each treatment's mean over seeds with a
// Student-t confidence interval (cut at the metric's physical bounds), and its difference from the
// baseline, paired by seed, with a paired test and whether it is significant.
#ifndef SAGIN_STUDY_COMPARISON_H
#define SAGIN_STUDY_COMPARISON_H

#include "study/model/paired-statistics.h"
#include "study/model/result-set.h"

#include <map>
#include <string>
#include <vector>

namespace sagin
{

struct CompareOptions
{
    std::string baseline;             ///< treatment or standard name; empty: the first found
    std::vector<std::string> metrics; ///< empty: the default headline metrics that are not all zero
    std::string test = "wilcoxon";    ///< wilcoxon, bootstrap or t
    double alpha = 0.05;              ///< significance level
    double confidence = 0.95;         ///< of the intervals
};

struct ComparisonRow
{
    std::string variant;
    std::map<std::string, std::string> variantAxes;
    std::string metric;
    std::string treatment;
    std::string standard;
    /// Over the seeds with a value (stats.n of them); mean NaN when none has one.
    MeanInterval stats;
    size_t seeds = 0;  ///< runs of this treatment in the variant
    size_t noData = 0; ///< of them, runs without a value (a statistic without samples)
    /// How stats.low/high were found: "t" (Student t over the seeds' values), "wilson" (the
    /// Wilson score interval of the counts pooled over the seeds, with one seed), or "t+wilson"
    /// (the smallest interval holding both, for fractions of counted events).
    std::string interval = "t";
    /// The t interval reached past the metric's domain (MetricDomain) and was cut at its bound.
    bool clipped = false;
    std::string noDiffReason;   ///< why there is no difference (hasDiff false, not the baseline)
    bool wilcoxonFloor = false; ///< the exact Wilcoxon test cannot reach alpha with these pairs
    bool isBaseline = false;
    std::string baseline;
    size_t pairs = 0;         ///< seeds both have
    bool hasDiff = false;     ///< false for the baseline and without pairs
    double diffMean = 0.0;    ///< mean of (treatment - baseline) over the pairs
    double diffPercent = 0.0; ///< diffMean / baseline mean over the pairs (NaN when that is 0)
    double diffLow = 0.0;     ///< interval of the mean difference (t; bootstrap: percentile)
    double diffHigh = 0.0;
    PairedTest test;
    bool significant = false;
};

class Comparison
{
  public:
    /// Computes every row. Throws InputError for an unknown metric or baseline.
    Comparison(const ResultSet& set, const CompareOptions& options);

    const std::vector<ComparisonRow>& Rows() const
    {
        return m_rows;
    }

    const std::vector<std::string>& Metrics() const
    {
        return m_metrics;
    }

    const std::string& Baseline() const
    {
        return m_baseline;
    }

    /// The report in a format: table (aligned text), md (Markdown), csv or json.
    std::string Format(const std::string& format) const;

  private:
    std::string Header() const;
    std::string FormatTable(bool markdown) const;
    std::string FormatCsv() const;
    std::string FormatJson() const;

    const ResultSet& m_set;
    CompareOptions m_options;
    std::vector<std::string> m_metrics;
    std::string m_baseline;
    std::vector<ComparisonRow> m_rows;
};

/// The metrics `sagin compare` reports by default: those with a value in some run and, except
/// the delivery metrics (what was delivered and served frames every other number), not zero
/// everywhere.
const std::vector<std::string>& DefaultCompareMetrics();

/// For a fraction that counts events, the summary.json paths of the counts (successes, trials)
/// it divides; an empty `successes`: they are the fraction times the trials.
bool FractionCounts(const std::string& metric, std::string& successes, std::string& trials);

} // namespace sagin

#endif
