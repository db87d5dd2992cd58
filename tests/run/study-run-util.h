// Shipped-study checks: the first seed's runs of a study, run in-process, and the slant range
// that bounds an access leg at an elevation mask.
#ifndef SAGIN_TESTS_RUN_STUDY_RUN_UTIL_H
#define SAGIN_TESTS_RUN_STUDY_RUN_UTIL_H

#include "run/model/run-engine.h"
#include "study/model/study-plan.h"

#include <cmath>
#include <map>
#include <string>

namespace sagin::test
{

/// Runs the runs of the study at `studyPath` that have its first seed, quietly, each after
/// `adjust(spec)`, into subfolders of `dir`; the results by `key(spec)`.
template <typename Adjust, typename Key>
std::map<std::string, v1::RunResult>
RunFirstSeed(const std::string& studyPath, const std::string& dir, Adjust adjust, Key key)
{
    StudyPlan plan(studyPath);
    std::map<std::string, v1::RunResult> runs;
    for (const auto& run : plan.Runs())
    {
        if (run.spec.seed != plan.Runs().front().spec.seed)
        {
            continue;
        }
        RunSpec spec = run.spec;
        spec.quiet = true;
        adjust(spec);
        const std::string name = key(spec);
        runs[name] = RunOne(spec, dir + "/" + name);
    }
    return runs;
}

/// Slant range (m) from a point at geocentric radius R to a satellite at radius r seen at
/// elevation eDeg: the law of cosines in the triangle Earth centre - point - satellite.
inline double
SlantAtElevation(double R, double r, double eDeg)
{
    const double e = eDeg * M_PI / 180.0;
    return std::sqrt(r * r - R * R * std::cos(e) * std::cos(e)) - R * std::sin(e);
}

} // namespace sagin::test

#endif
