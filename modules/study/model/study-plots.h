// Plots for reports, drawn by gnuplot (Debian's gnuplot-nox) as SVG and PNG:
//   PREFIX-cdf.{svg,png}              one-way latency CDF per treatment (latency.csv or paths.csv)
//   PREFIX-breakdown.{svg,png}        mean one-way latency broken down by where it was spent,
//                                     stacked bars per treatment
//   PREFIX-<metric>-vs-<axis>.{svg,png}  each compared metric against a swept numeric axis: the
//                                     mean over seeds with its confidence band, one line per
//                                     treatment (and per value of the other axes)
// Runs of several variants are pooled in the CDF and the breakdown (narrow with --where).
#ifndef SAGIN_STUDY_STUDY_PLOTS_H
#define SAGIN_STUDY_STUDY_PLOTS_H

#include "study/model/comparison.h"
#include "study/model/result-set.h"

#include <string>
#include <vector>

namespace sagin
{

struct PlotOptions
{
    std::string prefix; ///< path prefix; a trailing .svg or .png keeps that format only
    std::string xAxis;  ///< the axis of the metric plots; empty: the first numeric swept axis
    /// One latency CDF over every scenario variant instead of one panel per variant.
    bool pool = false;
};

/// Draws the plots that apply and returns the files written. Throws InputError for a bad --x,
/// std::runtime_error when gnuplot is missing or fails.
std::vector<std::string> WriteStudyPlots(const ResultSet& set,
                                         const Comparison& comparison,
                                         const PlotOptions& options);

} // namespace sagin

#endif
