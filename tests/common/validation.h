// One row of docs/validation.md. A reference test calls ValidationCheck or ValidationBound where
// it compares a model with its independent reference: the helper makes the comparison (a
// GoogleTest expectation) and records the row as a test property, which tools/validation-report
// reads from the test's --gtest_output=json. The report therefore shows exactly the numbers and
// tolerances the tests check.
#ifndef SAGIN_TESTS_VALIDATION_H
#define SAGIN_TESTS_VALIDATION_H

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <string>

namespace sagin::test
{

namespace detail
{

inline std::string
Number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

/// Fields joined by tabs: source, quantity, unit, ours, reference (empty for a bound), tolerance.
inline void
Record(const std::string& id,
       const std::string& source,
       const std::string& quantity,
       const std::string& unit,
       double ours,
       const std::string& reference,
       double tolerance)
{
    ::testing::Test::RecordProperty("validation:" + id,
                                    source + "\t" + quantity + "\t" + unit + "\t" + Number(ours)
                                        + "\t" + reference + "\t" + Number(tolerance));
}

} // namespace detail

/// |ours - reference| <= tolerance. `id` orders the report's rows (e.g. "orbit.sgp4.epoch-x").
inline void
ValidationCheck(const std::string& id,
                const std::string& source,
                const std::string& quantity,
                const std::string& unit,
                double ours,
                double reference,
                double tolerance)
{
    EXPECT_LE(std::abs(ours - reference), tolerance)
        << id << ": " << quantity << " = " << ours << " " << unit << ", reference " << reference;
    detail::Record(id, source, quantity, unit, ours, detail::Number(reference), tolerance);
}

/// ours <= bound, for a largest error over a set of reference values (ours is the error itself).
inline void
ValidationBound(const std::string& id,
                const std::string& source,
                const std::string& quantity,
                const std::string& unit,
                double ours,
                double bound)
{
    EXPECT_LE(ours, bound) << id << ": " << quantity << " = " << ours << " " << unit;
    detail::Record(id, source, quantity, unit, ours, "", bound);
}

} // namespace sagin::test

#endif
