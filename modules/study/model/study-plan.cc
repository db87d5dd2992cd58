#include "study/model/study-plan.h"

#include "core/model/diagnostics.h"
#include "core/model/sha256.h"
#include "core/model/text-format.h"
#include "run/model/work-estimate.h"
#include "scenario/model/field-override.h"
#include "scenario/model/text-input.h"
#include "scenario/model/validate-input.h"
#include "scenario/model/validate-scenario.h"
#include "scenario/model/world.h"
#include "study/model/geometric-run.h"
#include "study/model/run-metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace sagin
{

namespace
{

/// A study-relative path resolved and normalized ("scenarios/studies/../x" -> "scenarios/x").
std::string
StudyRelative(const std::string& studyDir, const std::string& path)
{
    return std::filesystem::path(ResolvePath(studyDir, path)).lexically_normal().string();
}

std::string
BaseName(const std::string& path)
{
    std::string base = path.substr(path.find_last_of('/') + 1);
    return base.substr(0, base.find('.'));
}

bool
IsIdentifier(const std::string& s)
{
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
    {
        return false;
    }
    for (char c : s)
    {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
        {
            return false;
        }
    }
    return true;
}

/// The last field name of a path: "shells[0].walker.altitude_km" -> "altitude_km".
std::string
LastField(const std::string& path)
{
    std::string last = path.substr(path.find_last_of('.') + 1);
    return last.substr(0, last.find('['));
}

/// A number rounded to 12 significant digits, in its shortest exact form.
std::string
RangeValue(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12g", v);
    double r = std::strtod(buf, nullptr);
    return Exact(r == 0.0 ? 0.0 : r);
}

/// An override with a `standard.*.` root rewritten for one standard.
std::string
ForStandard(const RootedOverride& o, const std::string& name)
{
    if (o.root == "scenario")
    {
        return o.text;
    }
    return "standard." + name + "." + o.path + "=" + o.value;
}

} // namespace

bool
IsReservedColumn(const std::string& name)
{
    static const std::set<std::string> fixed = {"run_id",
                                                "task",
                                                "kind",
                                                "standard",
                                                "seed",
                                                "status",
                                                "error",
                                                "stderr",
                                                "wall_time_s",
                                                "directory",
                                                "variant",
                                                "exit_status"};
    if (fixed.count(name))
    {
        return true;
    }
    for (const auto& m : HeadlineMetrics())
    {
        if (MetricColumn(m) == name)
        {
            return true;
        }
    }
    return false;
}

std::string
StudyRunId(const v1::Study& study, const RunSpec& spec)
{
    switch (study.kind())
    {
    case v1::Run::COVERAGE:
        return CoverageRunId(spec, study.coverage());
    case v1::Run::PATHS:
        return PathsRunId(spec, study.paths());
    default:
        return spec.RunId();
    }
}

std::string
DescribeRun(const v1::StudyRun& run)
{
    std::string s = "task " + std::to_string(run.task()) + " (" + run.standard() + ", seed "
                    + std::to_string(run.seed());
    for (const auto& a : run.axes())
    {
        s += ", " + a.name() + "=" + a.value();
    }
    return s + ")";
}

StudyPlan::StudyPlan(const std::string& studyPath, long onlyTask, bool force)
    : m_force(force)
{
    Check(studyPath);
    Expand();
    if (onlyTask >= static_cast<long>(m_runs.size()))
    {
        if (!m_checkErrors.empty())
        {
            throw InputError(m_checkErrors);
        }
        throw InputError("sagin sweep: error: --task " + std::to_string(onlyTask)
                         + ": the study has " + std::to_string(m_runs.size()) + " runs (tasks 0 to "
                         + std::to_string(m_runs.size() - 1) + ")");
    }
    Prepare(onlyTask);
}

std::string
StudyPlan::DefaultOutputDirectory() const
{
    return m_study.output_directory().empty() ? "results/studies/" + m_name
                                              : m_study.output_directory();
}

long
StudyPlan::Find(const std::string& runId) const
{
    for (size_t i = 0; i < m_runs.size(); ++i)
    {
        if (m_runs[i].record.run_id() == runId)
        {
            return static_cast<long>(i);
        }
    }
    return -1;
}

void
StudyPlan::Check(const std::string& studyPath)
{
    m_studyPath = studyPath;
    TextInput info;
    m_study = LoadTextInputAs<v1::Study>(studyPath, &info);
    m_name = m_study.name().empty() ? BaseName(studyPath) : m_study.name();
    // Non-finite numbers anywhere in the study first, under their field paths; they are then 0
    // for the checks below, whose errors for those fields are dropped (MergeErrors).
    const ErrorList nonFinite = NonFiniteFields(m_study, true);
    ErrorList errors;
    const v1::Study& s = m_study;
    if (!IsValidName(m_name))
    {
        errors.Add(
            "name",
            "the study's folder name must use only letters, digits, '-', '_' and '.', not starting "
            "with '.', got '"
                + m_name + "'" + (s.name().empty() ? " (from the file name; give a name)" : ""));
    }

    // The inputs.
    v1::Scenario scenario;
    std::vector<v1::Standard> standards;
    std::vector<std::string> loadErrors;
    if (s.scenario().empty())
    {
        errors.Add("scenario", "give the base scenario file");
    }
    else
    {
        m_scenarioPath = StudyRelative(info.directory, s.scenario());
        try
        {
            scenario = LoadTextInputAs<v1::Scenario>(m_scenarioPath);
        }
        catch (const InputError& e)
        {
            loadErrors.insert(loadErrors.end(), e.Lines().begin(), e.Lines().end());
        }
    }
    if (s.standards().empty())
    {
        errors.Add("standards", "give at least one standard file");
    }
    std::set<std::string> names;
    for (int i = 0; i < s.standards_size(); ++i)
    {
        const std::string path = StudyRelative(info.directory, s.standards(i));
        try
        {
            v1::Standard st = LoadTextInputAs<v1::Standard>(path);
            if (st.name().empty())
            {
                st.set_name(BaseName(path));
            }
            if (!names.insert(st.name()).second)
            {
                errors.Add("standards[" + std::to_string(i) + "]",
                           "two standards are named '" + st.name() + "'");
            }
            m_standardPaths.push_back(path);
            m_standardNames.push_back(st.name());
            standards.push_back(st);
        }
        catch (const InputError& e)
        {
            loadErrors.insert(loadErrors.end(), e.Lines().begin(), e.Lines().end());
        }
    }
    if (s.kind() == v1::Run::STUDY_RUN_KIND_UNSPECIFIED)
    {
        errors.Add("kind", "must be RUN, COVERAGE or PATHS");
    }
    if (s.kind() == v1::Run::PATHS)
    {
        const auto& p = s.paths();
        if (p.all_pairs().empty() && (p.from().empty() || p.to().empty()))
        {
            errors.Add("paths", "a PATHS study needs from and to, or all_pairs");
        }
        if (!p.all_pairs().empty() && (!p.from().empty() || !p.to().empty()))
        {
            errors.Add("paths.all_pairs", "cannot be combined with from/to");
        }
        if (!(p.step_s() >= 0.0) || !std::isfinite(p.step_s()))
        {
            errors.Add("paths.step_s",
                       "must be >= 0 (0: the standard's update interval), got "
                           + Exact(p.step_s()));
        }
    }
    if (s.kind() == v1::Run::COVERAGE)
    {
        const auto& c = s.coverage();
        if (c.grid_deg() != 0.0 && !(c.grid_deg() >= 0.05 && c.grid_deg() <= 90.0))
        {
            errors.Add("coverage.grid_deg",
                       "must be in [0.05, 90] (or 0), got " + Exact(c.grid_deg()));
        }
        if (!(c.step_s() >= 0.0) || !std::isfinite(c.step_s()))
        {
            errors.Add("coverage.step_s", "must be >= 0, got " + Exact(c.step_s()));
        }
        if (!std::isfinite(c.start_s()))
        {
            errors.Add("coverage.start_s", "must be a number of seconds");
        }
        if (c.has_region())
        {
            const auto& r = c.region();
            if (!(r.lat_min_deg() >= -90.0 && r.lat_max_deg() <= 90.0
                  && r.lat_min_deg() < r.lat_max_deg()))
            {
                errors.Add("coverage.region",
                           "latitudes must satisfy -90 <= lat_min_deg < lat_max_deg <= 90");
            }
            if (!(r.lon_min_deg() >= -180.0 && r.lon_min_deg() <= 360.0 && r.lon_max_deg() >= -180.0
                  && r.lon_max_deg() <= 360.0)
                || r.lon_min_deg() == r.lon_max_deg())
            {
                errors.Add("coverage.region", "longitudes must lie in [-180, 360] and differ");
            }
        }
    }
    if (!(s.duration_s() >= 0.0) || !std::isfinite(s.duration_s()))
    {
        errors.Add("duration_s", "must be >= 0 (0: the scenario's), got " + Exact(s.duration_s()));
    }

    // Seeds.
    if (s.has_seeds())
    {
        const auto& sd = s.seeds();
        if (sd.values_size() > 0 && (sd.count() > 0 || sd.first() > 0))
        {
            errors.Add("seeds", "give either values or count (and first), not both");
        }
        else if (sd.values_size() > 0)
        {
            std::set<std::uint64_t> seen;
            for (int i = 0; i < sd.values_size(); ++i)
            {
                if (!seen.insert(sd.values(i)).second)
                {
                    errors.Add("seeds.values[" + std::to_string(i) + "]",
                               "seed " + std::to_string(sd.values(i)) + " is listed twice");
                }
                m_seeds.push_back(sd.values(i));
            }
        }
        else if (sd.count() == 0)
        {
            errors.Add("seeds", "is empty: give values, or count >= 1");
        }
        else
        {
            const std::uint64_t first = sd.first() > 0 ? sd.first() : 1;
            // A count above the run limit is refused below, before its seeds are listed.
            for (std::uint32_t k = 0; k < sd.count() && (m_force || k < kMaxStudyRuns); ++k)
            {
                m_seeds.push_back(first + k);
            }
        }
    }

    // Fixed overrides, applied to copies of the inputs (so that axes are checked against them).
    auto standardIndex = [&](const std::string& name)
    {
        for (size_t i = 0; i < m_standardNames.size(); ++i)
        {
            if (m_standardNames[i] == name)
            {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    auto knownNames = [&]()
    {
        std::string list;
        for (const auto& n : m_standardNames)
        {
            list += (list.empty() ? "" : ", ") + n;
        }
        return list;
    };
    const bool inputsLoaded = loadErrors.empty() && !s.scenario().empty();
    for (int i = 0; i < s.overrides_size(); ++i)
    {
        const std::string where = "overrides[" + std::to_string(i) + "]";
        RootedOverride o;
        std::string why = ParseOverride(s.overrides(i), o);
        if (why.empty() && o.root == "standard" && o.standard != "*"
            && standardIndex(o.standard) < 0 && loadErrors.empty())
        {
            why = "no standard named '" + o.standard + "' in this study (" + knownNames() + ")";
        }
        if (why.empty() && inputsLoaded)
        {
            if (o.root == "scenario")
            {
                why = SetField(scenario, o.path, o.value);
            }
            else
            {
                for (size_t k = 0; k < standards.size() && why.empty(); ++k)
                {
                    if (o.standard == "*" || o.standard == m_standardNames[k])
                    {
                        why = SetField(standards[k], o.path, o.value);
                    }
                }
            }
        }
        if (!why.empty())
        {
            errors.Add(where, s.overrides(i) + ": " + why);
        }
        m_overrides.push_back(s.overrides(i));
    }
    m_baseSeed = scenario.seed();

    // Axes.
    std::set<std::string> axisNames;
    std::set<std::string> axisPaths;
    for (int i = 0; i < s.axes_size(); ++i)
    {
        const v1::Axis& a = s.axes(i);
        const std::string where = "axes[" + std::to_string(i) + "]";
        StudyAxis axis;
        axis.path = a.path();
        // A bad path is reported with the errors of the axis' values (which are still checked
        // for what does not need the path); the axis then takes no part in the runs.
        bool pathOk = true;
        RootedOverride o;
        if (a.path().empty())
        {
            errors.Add(where + ".path",
                       "give the field path (scenario.<path> or standard.<name>.<path>)");
            pathOk = false;
        }
        else if (std::string why = ParseOverride(a.path() + "=0", o); !why.empty())
        {
            errors.Add(where + ".path", a.path() + ": " + why);
            pathOk = false;
        }
        else if (o.root == "standard" && o.standard != "*" && standardIndex(o.standard) < 0)
        {
            if (loadErrors.empty())
            {
                errors.Add(where + ".path",
                           a.path() + ": no standard named '" + o.standard + "' in this study ("
                               + knownNames() + ")");
            }
            pathOk = false;
        }
        axis.root = o.root;
        axis.standard = o.standard;
        axis.field = o.path;
        // A second axis over the same field is an error and takes no part in the runs: its
        // product with the first would only multiply the plan (3^12 runs for twelve copies).
        bool repeated = false;
        if (pathOk && !axisPaths.insert(a.path()).second)
        {
            errors.Add(where + ".path", a.path() + ": two axes sweep the same field");
            repeated = true;
        }
        axis.name = a.name().empty() ? (pathOk ? LastField(o.path) : "axis" + std::to_string(i))
                                     : a.name();
        if (!IsIdentifier(axis.name))
        {
            errors.Add(where + ".name",
                       "'" + axis.name
                           + "' is not a column name (letters, digits and '_', not starting with a "
                             "digit)");
        }
        else if (IsReservedColumn(axis.name))
        {
            errors.Add(where + ".name",
                       "'" + axis.name
                           + "' is a column of the campaign already: give the axis a name");
        }
        else if (!axisNames.insert(axis.name).second)
        {
            errors.Add(where + ".name",
                       "two axes are named '" + axis.name + "': give them distinct names");
        }

        // The values.
        const int given = (a.numbers_size() > 0) + (a.values_size() > 0) + a.has_range();
        std::vector<std::pair<std::string, std::string>> values; // (field path of the value, value)
        if (given == 0)
        {
            errors.Add(where, a.path() + ": the axis is empty: give numbers, values or range");
            continue;
        }
        if (given > 1)
        {
            errors.Add(where, a.path() + ": give exactly one of numbers, values and range");
            continue;
        }
        for (int k = 0; k < a.numbers_size(); ++k)
        {
            if (!std::isfinite(a.numbers(k)))
            {
                errors.Add(where + ".numbers[" + std::to_string(k) + "]",
                           "must be a finite number");
                continue;
            }
            values.emplace_back(where + ".numbers[" + std::to_string(k) + "]", Exact(a.numbers(k)));
        }
        for (int k = 0; k < a.values_size(); ++k)
        {
            values.emplace_back(where + ".values[" + std::to_string(k) + "]", a.values(k));
        }
        if (a.has_range())
        {
            const auto& r = a.range();
            const double span = r.stop() - r.start();
            if (!std::isfinite(r.start()) || !std::isfinite(r.stop()) || !std::isfinite(r.step())
                || r.step() == 0.0)
            {
                errors.Add(where + ".range.step",
                           "must be a finite non-zero number, got " + Exact(r.step()));
                continue;
            }
            if (span != 0.0 && (span > 0.0) != (r.step() > 0.0))
            {
                errors.Add(where + ".range.step",
                           "has the wrong sign: the range goes from " + Exact(r.start()) + " to "
                               + Exact(r.stop()));
                continue;
            }
            const double count = std::floor(span / r.step() + 1e-9) + 1;
            if (count > 100000)
            {
                errors.Add(where + ".range", "gives more than 100000 values");
                continue;
            }
            for (long k = 0; k < static_cast<long>(count); ++k)
            {
                values.emplace_back(where + ".range", RangeValue(r.start() + k * r.step()));
            }
        }
        std::set<std::string> seen;
        // One copy of the inputs per axis: every value sets the same field of it, so each is
        // checked as on a fresh copy (an axis of 10^5 values once made 10^5 copies of the world).
        v1::Scenario scenarioCopy = o.root == "scenario" ? scenario : v1::Scenario();
        std::vector<v1::Standard> standardCopies
            = o.root == "scenario" ? std::vector<v1::Standard>() : standards;
        for (const auto& [valuePath, value] : values)
        {
            if (!seen.insert(value).second)
            {
                errors.Add(valuePath, a.path() + ": value '" + value + "' is listed twice");
                continue;
            }
            if (!inputsLoaded || !pathOk)
            {
                axis.values.push_back(value);
                continue;
            }
            // Apply the value to a copy, as the run will.
            std::string err;
            if (o.root == "scenario")
            {
                err = SetField(scenarioCopy, o.path, value);
            }
            else
            {
                for (size_t k = 0; k < standards.size() && err.empty(); ++k)
                {
                    if (o.standard == "*" || o.standard == m_standardNames[k])
                    {
                        err = SetField(standardCopies[k], o.path, value);
                        if (!err.empty() && o.standard == "*")
                        {
                            err += " (in standard '" + m_standardNames[k] + "')";
                        }
                    }
                }
            }
            if (!err.empty() && err.rfind("no field ", 0) == 0)
            {
                // The path names no field: one error for the axis, not one per value.
                errors.Add(where + ".path", "axis '" + axis.name + "': " + a.path() + ": " + err);
                pathOk = false;
                break;
            }
            if (!err.empty())
            {
                errors.Add(valuePath, a.path() + ": " + err);
                continue; // the runs do not take it (its error is reported once, here)
            }
            axis.values.push_back(value);
        }
        if (pathOk && !repeated && !axis.values.empty())
        {
            m_axes.push_back(axis);
        }
    }

    // The run count before any run is expanded (an upper bound: every axis applied to every
    // standard), in floating point: the product of the axes may exceed any integer.
    if (!m_force)
    {
        const double seedCount
            = std::max<double>({1.0,
                                static_cast<double>(m_seeds.size()),
                                s.seeds().values_size() > 0 ? 0.0 : double(s.seeds().count())});
        double runs = std::max<double>(1.0, static_cast<double>(s.standards_size())) * seedCount;
        char seedText[32];
        std::snprintf(seedText, sizeof seedText, "%.0f", seedCount);
        std::string how = std::to_string(std::max(1, s.standards_size())) + " standards x "
                          + seedText + " seeds";
        for (const auto& a : m_axes)
        {
            runs *= static_cast<double>(a.values.size());
            how += " x " + std::to_string(a.values.size()) + " (" + a.name + ")";
        }
        const WorkEstimate e = EstimateStudyRuns(runs, how);
        if (e.Exceeds())
        {
            errors.Add(s.seeds().count() > kMaxStudyRuns ? "seeds.count" : "axes", e.Message());
            std::vector<std::string> refused = loadErrors;
            for (const auto& l : MergeErrors(nonFinite, errors).Format(studyPath))
            {
                refused.push_back(l);
            }
            throw InputError(refused);
        }
    }
    std::vector<std::string> lines = loadErrors;
    for (const auto& l : MergeErrors(nonFinite, errors).Format(studyPath))
    {
        lines.push_back(l);
    }
    // Without its inputs the study cannot be expanded; otherwise its own errors are reported
    // together with those of its runs (Prepare).
    if (!lines.empty() && (!inputsLoaded || s.standards().empty()))
    {
        throw InputError(lines);
    }
    m_checkErrors = lines;
}

void
StudyPlan::Expand()
{
    std::vector<size_t> shared;
    for (size_t i = 0; i < m_axes.size(); ++i)
    {
        if (m_axes[i].Shared())
        {
            shared.push_back(i);
        }
    }
    const std::vector<std::uint64_t> seeds
        = m_seeds.empty() ? std::vector<std::uint64_t>{0} : m_seeds;

    // Odometer over a set of axes (last fastest); calls f with the chosen value index per axis.
    auto product = [&](const std::vector<size_t>& axes,
                       const std::function<void(const std::vector<size_t>&)>& f)
    {
        std::vector<size_t> idx(axes.size(), 0);
        while (true)
        {
            f(idx);
            size_t k = axes.size();
            while (k > 0)
            {
                --k;
                if (++idx[k] < m_axes[axes[k]].values.size())
                {
                    break;
                }
                idx[k] = 0;
                if (k == 0)
                {
                    return;
                }
            }
            if (axes.empty())
            {
                return;
            }
        }
    };

    std::uint32_t task = 0;
    product(shared,
            [&](const std::vector<size_t>& sharedIdx)
            {
                for (size_t st = 0; st < m_standardNames.size(); ++st)
                {
                    const std::string& name = m_standardNames[st];
                    std::vector<size_t> own;
                    for (size_t i = 0; i < m_axes.size(); ++i)
                    {
                        if (!m_axes[i].Shared() && m_axes[i].standard == name)
                        {
                            own.push_back(i);
                        }
                    }
                    product(own,
                            [&](const std::vector<size_t>& ownIdx)
                            {
                                // The value of every axis that applies, in the study's order.
                                std::map<size_t, size_t> chosen;
                                for (size_t k = 0; k < shared.size(); ++k)
                                {
                                    chosen[shared[k]] = sharedIdx[k];
                                }
                                for (size_t k = 0; k < own.size(); ++k)
                                {
                                    chosen[own[k]] = ownIdx[k];
                                }
                                for (std::uint64_t seed : seeds)
                                {
                                    PlannedRun run;
                                    v1::StudyRun& r = run.record;
                                    r.set_study(m_name);
                                    r.set_task(task++);
                                    r.set_kind(m_study.kind());
                                    r.set_standard(name);
                                    r.set_seed(m_seeds.empty() ? m_baseSeed : seed);
                                    run.standardPath = m_standardPaths[st];
                                    for (const auto& text : m_overrides)
                                    {
                                        RootedOverride o;
                                        ParseOverride(text, o);
                                        if (o.root == "scenario" || o.standard == "*"
                                            || o.standard == name)
                                        {
                                            r.add_overrides(ForStandard(o, name));
                                        }
                                    }
                                    for (const auto& [axisIndex, valueIndex] : chosen)
                                    {
                                        const StudyAxis& a = m_axes[axisIndex];
                                        auto* av = r.add_axes();
                                        av->set_name(a.name);
                                        av->set_path(a.path);
                                        av->set_value(a.values[valueIndex]);
                                        RootedOverride o;
                                        ParseOverride(a.path + "=" + a.values[valueIndex], o);
                                        r.add_overrides(ForStandard(o, name));
                                    }
                                    m_runs.push_back(std::move(run));
                                }
                            });
                }
            });
}

std::vector<std::string>
StudyPlan::Warnings() const
{
    std::vector<std::string> out;
    for (const auto& [warning, runs] : m_warnings)
    {
        out.push_back(runs == m_prepared ? warning
                                         : warning + " (" + std::to_string(runs) + " of "
                                               + std::to_string(m_prepared) + " runs)");
    }
    return out;
}

void
StudyPlan::Prepare(long onlyTask)
{
    // Errors grouped by message: a bad value shows once, with the runs it spoils.
    std::map<std::string, std::vector<size_t>> problems;
    std::vector<std::string> order;
    std::map<std::string, size_t> ids;
    for (size_t i = 0; i < m_runs.size(); ++i)
    {
        if (onlyTask >= 0 && static_cast<long>(i) != onlyTask)
        {
            continue;
        }
        PlannedRun& run = m_runs[i];
        const std::vector<std::string> overrides(run.record.overrides().begin(),
                                                 run.record.overrides().end());
        try
        {
            RunRequest request;
            request.scenarioPath = m_scenarioPath;
            request.standardPaths = {run.standardPath};
            request.overrides = overrides;
            request.seed = run.record.seed();
            request.seedGiven = !m_seeds.empty();
            request.duration = m_study.duration_s();
            request.durationGiven = m_study.duration_s() > 0.0;
            request.force = m_force;
            // Only a packet-level run is estimated (and needs a duration) as one.
            request.needsDuration
                = m_study.kind() != v1::Run::COVERAGE && m_study.kind() != v1::Run::PATHS;
            if (m_study.kind() == v1::Run::PATHS)
            {
                // The sites must exist in every run's scenario.
                const auto& p = m_study.paths();
                const std::string where = m_studyPath + ": error: paths.";
                if (!p.all_pairs().empty())
                {
                    request.sites.push_back({where + "all_pairs", p.all_pairs(), true});
                }
                for (const auto& [field, name] : {std::pair{"from", p.from()}, {"to", p.to()}})
                {
                    if (!name.empty())
                    {
                        request.sites.push_back({where + field, name, false});
                    }
                }
            }
            auto specs = PrepareRuns(request);
            run.spec = std::move(specs.front());
            run.spec.quiet = true;
            run.prepared = true;
            ++m_prepared;
            for (const auto& w : run.spec.warnings)
            {
                auto seen = std::find_if(m_warnings.begin(),
                                         m_warnings.end(),
                                         [&](const auto& p)
                                         {
                                             return p.first == w;
                                         });
                if (seen == m_warnings.end())
                {
                    m_warnings.emplace_back(w, 1);
                }
                else
                {
                    ++seen->second;
                }
            }
            run.record.set_seed(run.spec.seed);
            run.record.set_run_id(StudyRunId(m_study, run.spec));
            auto [it, inserted] = ids.emplace(run.record.run_id(), i);
            if (!inserted)
            {
                const std::string line
                    = m_studyPath + ": error: " + DescribeRun(m_runs[it->second].record) + " and "
                      + DescribeRun(run.record)
                      + " have the same resolved inputs (an axis value that changes nothing?)";
                if (!problems.count(line))
                {
                    order.push_back(line);
                }
                problems[line];
            }
        }
        catch (const InputError& e)
        {
            for (const auto& line : e.Lines())
            {
                if (!problems.count(line))
                {
                    order.push_back(line);
                }
                problems[line].push_back(i);
            }
        }
    }
    if (problems.empty() && m_checkErrors.empty())
    {
        return;
    }
    std::vector<std::string> lines = m_checkErrors;
    for (const auto& line : order)
    {
        const auto& runs = problems[line];
        if (runs.empty())
        {
            lines.push_back(line);
            continue;
        }
        std::string where = " [in " + DescribeRun(m_runs[runs.front()].record);
        if (runs.size() > 1)
        {
            where += " and " + std::to_string(runs.size() - 1) + " more run"
                     + (runs.size() > 2 ? "s" : "");
        }
        lines.push_back(line + where + "]");
    }
    throw InputError(lines);
}

} // namespace sagin
