// Statistics for comparing standards over seeds: the mean with its Student-t confidence interval,
// and paired tests of a difference (Wilcoxon signed-rank, paired bootstrap, paired t).
#ifndef SAGIN_STUDY_PAIRED_STATISTICS_H
#define SAGIN_STUDY_PAIRED_STATISTICS_H

#include <cstdint>
#include <string>
#include <vector>

namespace sagin
{

/// Mean, sample standard deviation and the two-sided confidence interval of the mean from
/// Student's t with n - 1 degrees of freedom. With n < 2 the interval (and sd) are NaN.
struct MeanInterval
{
    size_t n = 0;
    double mean = 0.0;
    double sd = 0.0;
    double low = 0.0;
    double high = 0.0;
};

MeanInterval MeanCi(const std::vector<double>& x, double confidence = 0.95);

/// Wilson score interval of a proportion: `successes` of `trials` at a two-sided confidence
/// (E. B. Wilson, JASA 22, 1927): centre (x + z^2/2) / (n + z^2), half-width
/// z sqrt(x (n - x) / n + z^2 / 4) / (n + z^2). Always inside [0, 1]; NaN without trials.
struct Proportion
{
    double estimate = 0.0; ///< successes / trials
    double low = 0.0;
    double high = 0.0;
};

Proportion WilsonInterval(std::uint64_t successes, std::uint64_t trials, double confidence = 0.95);

/// Two-sided p-value of a paired test of the differences d (treatment - baseline).
struct PairedTest
{
    double p = 1.0;
    double statistic = 0.0; ///< W+ (Wilcoxon), t (paired t), mean difference (bootstrap)
    bool exact = false;     ///< Wilcoxon: exact distribution (else normal approximation)
    double minP = 0.0;      ///< smallest p-value the test can give with these n (Wilcoxon exact)
    double low = 0.0;       ///< bootstrap: percentile interval of the mean difference
    double high = 0.0;
};

/// Wilcoxon signed-rank test. Zero differences are dropped (Wilcoxon's method); tied |d| get
/// average ranks. Exact (the permutation distribution of W+ given the ranks, ties included) for
/// up to 50 non-zero differences; beyond, the normal approximation with tie and continuity
/// corrections.
PairedTest WilcoxonSignedRank(const std::vector<double>& d);

/// Paired bootstrap of the mean difference: `resamples` resamples of the differences drawn with
/// a fixed-seed generator (the same numbers on every run), percentile interval at `confidence`,
/// p = 2 min(P*(mean <= 0), P*(mean >= 0)) (at most 1).
PairedTest PairedBootstrap(const std::vector<double>& d,
                           double confidence = 0.95,
                           std::uint32_t resamples = 10000,
                           std::uint64_t seed = 1);

/// Paired t-test (t = mean / (sd / sqrt(n)), n - 1 degrees of freedom).
PairedTest PairedT(const std::vector<double>& d);

/// The two-sided quantile of Student's t: t such that P(|T| <= t) = confidence, df >= 1.
double StudentT(double confidence, double df);

} // namespace sagin

#endif
