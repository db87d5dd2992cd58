// A UTC instant as ERFA's two-part quasi Julian date; simulation time t (s) counts from it.
#ifndef SAGIN_CORE_UTC_EPOCH_H
#define SAGIN_CORE_UTC_EPOCH_H

#include <string>

namespace sagin
{

/// A two-part Julian date; the day is jd1 + jd2 (jd2 carries the fraction for precision).
struct JulianDate
{
    double jd1 = 0.0;
    double jd2 = 0.0;

    /// Days from `other` to this date, computed part by part to keep precision.
    double DaysSince(const JulianDate& other) const
    {
        return (jd1 - other.jd1) + (jd2 - other.jd2);
    }
};

/// A UTC instant. Times after it are counted in SI seconds; a leap second inside a run is ignored
/// (it shifts Earth orientation by at most one second's rotation, about 465 m at the equator).
class UtcEpoch
{
  public:
    UtcEpoch() = default;

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff][Z]` (a space may replace the T). Throws
    /// std::invalid_argument with a reason when the text is not a valid UTC instant.
    static UtcEpoch Parse(const std::string& text);

    /// From calendar fields (seconds may carry a fraction). Throws std::invalid_argument.
    static UtcEpoch FromCalendar(int year, int month, int day, int hour, int minute, double second);

    /// From a two-line-element epoch: two-digit year (57-99 -> 19xx, 00-56 -> 20xx) and
    /// fractional day of year (1.0 = January 1, 00:00 UTC).
    static UtcEpoch FromTleEpoch(int twoDigitYear, double dayOfYear);

    /// The UTC quasi Julian date t seconds after this instant.
    JulianDate Utc(double t_s = 0.0) const;
    /// UT1 = UTC + dut1_s at t seconds after this instant.
    JulianDate Ut1(double t_s, double dut1_s) const;
    /// Terrestrial Time at t seconds after this instant (TT = TAI + 32.184 s).
    JulianDate Tt(double t_s) const;

    /// ISO 8601 with millisecond precision and a Z suffix, t seconds after this instant.
    std::string Iso8601(double t_s = 0.0, int decimals = 3) const;

    /// Seconds from `other` to this instant (UTC day arithmetic).
    double SecondsSince(const UtcEpoch& other) const;

  private:
    JulianDate m_utc;
};

} // namespace sagin

#endif
