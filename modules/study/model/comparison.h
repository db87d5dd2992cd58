// `sagin compare`: per scenario variant and metric, each treatment's mean over seeds with a
// Student-t confidence interval, and its difference from the baseline, paired by seed, with a
// paired test and whether it is significant.
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
    MeanInterval stats;
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
    double m_largestMinP = 0.0; ///< Wilcoxon: the largest "smallest attainable p" of a row
};

/// The metrics `sagin compare` reports by default (before dropping all-zero ones).
const std::vector<std::string>& DefaultCompareMetrics();

} // namespace sagin

#endif
