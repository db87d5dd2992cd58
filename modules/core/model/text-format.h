// Small text helpers for CSV and JSON output: fixed-point numbers that print the same way on
// every run, JSON string escaping, CSV field quoting.
#ifndef SAGIN_CORE_TEXT_FORMAT_H
#define SAGIN_CORE_TEXT_FORMAT_H

#include <string>

namespace sagin
{

/// `value` with `decimals` digits after the point; "-0.000" is printed as "0.000".
std::string Fixed(double value, int decimals);

/// Shortest round-trip representation (%.17g trimmed), for values scripts compare exactly.
std::string Exact(double value);

/// A JSON string literal, quotes included.
std::string JsonString(const std::string& s);

/// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& s);

} // namespace sagin

#endif
