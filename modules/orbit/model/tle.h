// Two-line element sets (TLE): the mean elements that SGP4 propagates, read from text.
//
// A file holds two-line sets (line 1, line 2) or three-line sets (a name line, then line 1 and
// line 2), in any mix. Lines are read by the columns the format defines (CelesTrak, "NORAD
// Two-Line Element Set Format"); fields are trimmed of blanks, but the blanks between fields and
// the decimal points must sit at their fixed columns (a line shifted by a column, or holding a
// tab, is an error). Out-of-range values are errors: inclination outside [0, 180] deg, node,
// argument of perigee or mean anomaly outside [0, 360) deg, mean motion <= 0 or at or above
// 17.04 rev/day (a semi-major axis inside the Earth's equatorial radius), an epoch day past the
// year's last (day 366 exists in leap years only). Blank lines and lines starting with '#' are ignored; a name line may carry the
// "0 " prefix of Space-Track's 3LE format (it is dropped). Columns past 69 of line 2 are read as
// the start, stop and step minutes of the SGP4 verification file (SGP4-VER.TLE) when they hold
// three numbers, and ignored otherwise.
//
// A checksum mismatch is a warning (the set is kept). A line that cannot be read, a line 2
// without its line 1, or line 1 and line 2 naming different satellites are errors: the set is
// dropped, the issue names the 1-based line, and reading goes on with the next set.
#ifndef SAGIN_ORBIT_TLE_H
#define SAGIN_ORBIT_TLE_H

#include "core/model/utc-epoch.h"

#include <optional>
#include <string>
#include <vector>

namespace sagin
{

/// The start, stop and step (minutes from epoch) that SGP4-VER.TLE appends to line 2.
struct TleVerificationRange
{
    double start_min = 0.0;
    double stop_min = 0.0;
    double step_min = 0.0;
};

/// One element set, with the values as the TLE states them (degrees, revolutions per day).
struct Tle
{
    std::string name;                    ///< the name line, trimmed; empty for a two-line set
    int catalogNumber = 0;               ///< NORAD catalog number (Alpha-5 "A0001" reads as 100001)
    char classification = 'U';           ///< U, C or S
    std::string internationalDesignator; ///< columns 10-17 of line 1, trimmed (may be empty)
    int epochYear2 = 0;                  ///< two-digit epoch year (57-99 -> 19xx, 00-56 -> 20xx)
    double epochDay = 0.0;               ///< fractional day of year; 1.0 is January 1, 00:00 UTC
    UtcEpoch epoch;                      ///< the epoch as a UTC instant
    double ndot = 0.0;                   ///< first derivative of mean motion / 2 (rev/day^2)
    double nddot = 0.0;                  ///< second derivative of mean motion / 6 (rev/day^3)
    double bstar = 0.0;                  ///< drag term B* (1 / Earth radii)
    int ephemerisType = 0;
    int elementSetNumber = 0;
    double inclination_deg = 0.0;
    double raan_deg = 0.0; ///< right ascension of the ascending node
    double eccentricity = 0.0;
    double argOfPerigee_deg = 0.0;
    double meanAnomaly_deg = 0.0;
    double meanMotion_revPerDay = 0.0; ///< Kozai mean motion as the TLE gives it
    int revolutionNumber = 0;          ///< revolution number at epoch
    int line = 0;                      ///< 1-based number of the text line holding line 1
    std::optional<TleVerificationRange> verification; ///< only in SGP4-VER.TLE-style files
};

/// A problem found while reading, at a 1-based text line.
struct TleIssue
{
    int line = 0;
    std::string message;
};

/// Everything read from one text: the sets that could be read, errors and warnings.
struct TleFile
{
    std::vector<Tle> sets;
    std::vector<TleIssue> errors;
    std::vector<TleIssue> warnings;
};

/// Reads every element set in `text` (LF or CRLF line ends). Never throws on bad input.
TleFile ParseTleText(const std::string& text);

/// Reads one set from its two lines (and an optional name). Returns nullopt and appends to
/// `errors` when a line cannot be read; checksum mismatches go to `warnings`. `firstLine` is the
/// 1-based line number of line 1, used in the issues.
std::optional<Tle> ParseTleLines(const std::string& name,
                                 const std::string& line1,
                                 const std::string& line2,
                                 int firstLine,
                                 std::vector<TleIssue>& errors,
                                 std::vector<TleIssue>& warnings);

/// The checksum of a TLE line: the digits of columns 1-68 plus one per minus sign, modulo 10.
int TleChecksum(const std::string& line);

/// The set's name line, or its catalog number as text for a two-line set.
std::string TleDisplayName(const Tle& tle);

} // namespace sagin

#endif
