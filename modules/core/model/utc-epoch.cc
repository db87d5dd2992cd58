#include "core/model/utc-epoch.h"

#include <erfa.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace sagin
{

UtcEpoch
UtcEpoch::FromCalendar(int year, int month, int day, int hour, int minute, double second)
{
    UtcEpoch e;
    int status = eraDtf2d("UTC", year, month, day, hour, minute, second, &e.m_utc.jd1, &e.m_utc.jd2);
    if (status < 0)
    {
        static const char* reasons[] = {"",
                                        "bad year",
                                        "bad month",
                                        "bad day",
                                        "bad hour",
                                        "bad minute",
                                        "bad second"};
        throw std::invalid_argument(reasons[-status]);
    }
    return e;
}

UtcEpoch
UtcEpoch::Parse(const std::string& text)
{
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    double second = 0.0;
    char sep = 0;
    int consumed = 0;
    int n = std::sscanf(text.c_str(),
                        "%4d-%2d-%2d%c%2d:%2d:%lf%n",
                        &year,
                        &month,
                        &day,
                        &sep,
                        &hour,
                        &minute,
                        &second,
                        &consumed);
    if (n < 7 || (sep != 'T' && sep != ' '))
    {
        throw std::invalid_argument("expected a UTC time like 2026-01-01T00:00:00Z, got '" + text +
                                    "'");
    }
    std::string rest = text.substr(consumed);
    if (!(rest.empty() || rest == "Z" || rest == "+00:00"))
    {
        throw std::invalid_argument("expected a UTC time ending in Z, got '" + text + "'");
    }
    try
    {
        return FromCalendar(year, month, day, hour, minute, second);
    }
    catch (const std::invalid_argument& e)
    {
        throw std::invalid_argument(std::string(e.what()) + " in '" + text + "'");
    }
}

UtcEpoch
UtcEpoch::FromTleEpoch(int twoDigitYear, double dayOfYear)
{
    int year = twoDigitYear < 57 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
    UtcEpoch e;
    // January 1, 00:00 of the year, then add the (fractional) days elapsed.
    double jd1 = 0.0;
    double jd2 = 0.0;
    if (eraCal2jd(year, 1, 1, &jd1, &jd2) != 0)
    {
        throw std::invalid_argument("bad TLE epoch year");
    }
    e.m_utc.jd1 = jd1 + jd2; // MJD zero point plus the day number: exact in double
    e.m_utc.jd2 = dayOfYear - 1.0;
    return e;
}

JulianDate
UtcEpoch::Utc(double t_s) const
{
    return {m_utc.jd1, m_utc.jd2 + t_s / 86400.0};
}

JulianDate
UtcEpoch::Ut1(double t_s, double dut1_s) const
{
    return {m_utc.jd1, m_utc.jd2 + (t_s + dut1_s) / 86400.0};
}

JulianDate
UtcEpoch::Tt(double t_s) const
{
    JulianDate utc = Utc(t_s);
    JulianDate tai;
    JulianDate tt;
    if (eraUtctai(utc.jd1, utc.jd2, &tai.jd1, &tai.jd2) < 0 ||
        eraTaitt(tai.jd1, tai.jd2, &tt.jd1, &tt.jd2) != 0)
    {
        throw std::invalid_argument("UTC date outside ERFA's range");
    }
    return tt;
}

std::string
UtcEpoch::Iso8601(double t_s, int decimals) const
{
    JulianDate utc = Utc(t_s);
    int ymdhmsf[4];
    int year = 0;
    int month = 0;
    int day = 0;
    if (eraD2dtf("UTC", decimals, utc.jd1, utc.jd2, &year, &month, &day, ymdhmsf) < 0)
    {
        return "invalid-date";
    }
    char buf[64];
    if (decimals > 0)
    {
        std::snprintf(buf,
                      sizeof buf,
                      "%04d-%02d-%02dT%02d:%02d:%02d.%0*dZ",
                      year,
                      month,
                      day,
                      ymdhmsf[0],
                      ymdhmsf[1],
                      ymdhmsf[2],
                      decimals,
                      ymdhmsf[3]);
    }
    else
    {
        std::snprintf(buf,
                      sizeof buf,
                      "%04d-%02d-%02dT%02d:%02d:%02dZ",
                      year,
                      month,
                      day,
                      ymdhmsf[0],
                      ymdhmsf[1],
                      ymdhmsf[2]);
    }
    return buf;
}

double
UtcEpoch::SecondsSince(const UtcEpoch& other) const
{
    return m_utc.DaysSince(other.m_utc) * 86400.0;
}

} // namespace sagin
