#include "orbit/model/tle.h"

#include "core/model/constants.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <sstream>
#include <stdexcept>

namespace sagin
{

namespace
{

std::string
Trim(const std::string& s)
{
    size_t b = 0;
    size_t e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
    {
        ++b;
    }
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
    {
        --e;
    }
    return s.substr(b, e - b);
}

std::string
TrimRight(const std::string& s)
{
    size_t e = s.size();
    while (e > 0 && std::isspace(static_cast<unsigned char>(s[e - 1])))
    {
        --e;
    }
    return s.substr(0, e);
}

/// Columns first..last (1-based, inclusive) of `line`, cut short where the line ends.
std::string
Columns(const std::string& line, size_t first, size_t last)
{
    if (line.size() < first)
    {
        return {};
    }
    return line.substr(first - 1, last - first + 1);
}

bool
AllDigits(const std::string& s)
{
    if (s.empty())
    {
        return false;
    }
    for (char c : s)
    {
        if (!std::isdigit(static_cast<unsigned char>(c)))
        {
            return false;
        }
    }
    return true;
}

/// A decimal number in the C locale; a leading '+' is accepted. The whole text must be used.
bool
ReadDouble(const std::string& text, double& value)
{
    std::string s = Trim(text);
    if (!s.empty() && s[0] == '+')
    {
        s.erase(0, 1);
    }
    if (s.empty())
    {
        return false;
    }
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

bool
ReadInt(const std::string& text, int& value)
{
    std::string s = Trim(text);
    if (!s.empty() && s[0] == '+')
    {
        s.erase(0, 1);
    }
    if (s.empty())
    {
        return false;
    }
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, value);
    return ec == std::errc() && ptr == end;
}

/// The TLE's packed exponent notation: " 12345-3" is 0.12345e-3, "-11606-4" is -0.11606e-4.
/// A blank field reads as zero.
bool
ReadPackedExponent(const std::string& text, double& value)
{
    std::string s = Trim(text);
    if (s.empty())
    {
        value = 0.0;
        return true;
    }
    double sign = 1.0;
    if (s[0] == '+' || s[0] == '-')
    {
        sign = s[0] == '-' ? -1.0 : 1.0;
        s.erase(0, 1);
    }
    size_t expAt = s.find_last_of("+-");
    std::string mantissa = expAt == std::string::npos ? s : s.substr(0, expAt);
    int exponent = 0;
    if (expAt != std::string::npos && !ReadInt(s.substr(expAt), exponent))
    {
        return false;
    }
    if (!AllDigits(mantissa))
    {
        return false;
    }
    double m = 0.0;
    if (!ReadDouble("0." + mantissa, m))
    {
        return false;
    }
    value = sign * m * std::pow(10.0, exponent);
    return true;
}

/// Catalog numbers: five digits, or Alpha-5 (a letter other than I and O, then four digits).
bool
ReadCatalogNumber(const std::string& text, int& value)
{
    std::string s = Trim(text);
    if (s.size() == 5 && std::isupper(static_cast<unsigned char>(s[0])) && s[0] != 'I'
        && s[0] != 'O' && AllDigits(s.substr(1)))
    {
        int letter = s[0] - 'A' + 10;
        letter -= s[0] > 'I' ? 1 : 0;
        letter -= s[0] > 'O' ? 1 : 0;
        value = letter * 10000 + std::stoi(s.substr(1));
        return true;
    }
    return AllDigits(s) && ReadInt(s, value);
}

enum class LineKind
{
    Skip,
    Line1,
    Line2,
    Text
};

LineKind
Classify(const std::string& line)
{
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#')
    {
        return LineKind::Skip;
    }
    if (line.size() >= 2 && line[1] == ' ')
    {
        if (line[0] == '1')
        {
            return LineKind::Line1;
        }
        if (line[0] == '2')
        {
            return LineKind::Line2;
        }
    }
    return LineKind::Text;
}

/// Collects field errors of one TLE line: "TLE line 1, columns 19-20 (epoch year): ...".
class FieldReader
{
  public:
    FieldReader(const std::string& line, int tleLine, int textLine, std::vector<TleIssue>& errors)
        : m_line(line)
        , m_tleLine(tleLine)
        , m_textLine(textLine)
        , m_errors(errors)
    {
    }

    bool Ok() const
    {
        return m_ok;
    }

    void Fail(size_t first, size_t last, const std::string& what, const std::string& why)
    {
        std::ostringstream os;
        os << "TLE line " << m_tleLine << ", columns " << first << '-' << last << " (" << what
           << "): " << why;
        m_errors.push_back({m_textLine, os.str()});
        m_ok = false;
    }

    void FailValue(size_t first, size_t last, const std::string& what)
    {
        Fail(first, last, what, "cannot read '" + Columns(m_line, first, last) + "'");
    }

    double Double(size_t first, size_t last, const std::string& what)
    {
        double v = 0.0;
        if (!ReadDouble(Columns(m_line, first, last), v))
        {
            FailValue(first, last, what);
        }
        return v;
    }

    /// An integer field that may be blank (then zero).
    int OptionalInt(size_t first, size_t last, const std::string& what)
    {
        std::string f = Trim(Columns(m_line, first, last));
        int v = 0;
        if (!f.empty() && !(AllDigits(f) && ReadInt(f, v)))
        {
            FailValue(first, last, what);
        }
        return v;
    }

    double PackedExponent(size_t first, size_t last, const std::string& what)
    {
        double v = 0.0;
        if (!ReadPackedExponent(Columns(m_line, first, last), v))
        {
            FailValue(first, last, what);
        }
        return v;
    }

    int Catalog(size_t first, size_t last)
    {
        int v = 0;
        if (!ReadCatalogNumber(Columns(m_line, first, last), v))
        {
            FailValue(first, last, "catalog number");
        }
        return v;
    }

  private:
    const std::string& m_line;
    int m_tleLine;
    int m_textLine;
    std::vector<TleIssue>& m_errors;
    bool m_ok = true;
};

void
CheckChecksum(const std::string& line, int tleLine, int textLine, std::vector<TleIssue>& warnings)
{
    if (line.size() < 69 || line[68] == ' ')
    {
        return; // no checksum given
    }
    if (!std::isdigit(static_cast<unsigned char>(line[68])))
    {
        std::ostringstream os;
        os << "TLE line " << tleLine << " has '" << line[68]
           << "' in column 69, where its checksum digit belongs: the line is not checked (a shifted or "
              "damaged line?)";
        warnings.push_back({textLine, os.str()});
        return;
    }
    int stated = line[68] - '0';
    int computed = TleChecksum(line);
    if (stated != computed)
    {
        std::ostringstream os;
        os << "checksum mismatch on TLE line " << tleLine << ": the line says " << stated
           << ", its columns 1-68 add up to " << computed;
        warnings.push_back({textLine, os.str()});
    }
}

/// Columns 70 onwards of line 2: "start stop step" in SGP4-VER.TLE.
void
ReadVerificationRange(const std::string& line2,
                      int textLine,
                      Tle& tle,
                      std::vector<TleIssue>& warnings)
{
    if (line2.size() <= 69)
    {
        return;
    }
    std::istringstream is(line2.substr(69));
    std::vector<std::string> words;
    std::string w;
    while (is >> w)
    {
        words.push_back(w);
    }
    if (words.empty())
    {
        return;
    }
    TleVerificationRange r;
    if (words.size() == 3 && ReadDouble(words[0], r.start_min) && ReadDouble(words[1], r.stop_min)
        && ReadDouble(words[2], r.step_min))
    {
        tle.verification = r;
        return;
    }
    warnings.push_back(
        {textLine, "ignored text after column 69 of TLE line 2: '" + Trim(line2.substr(69)) + "'"});
}

/// The fixed layout of a TLE line: no tab, a blank at each column of `blanks` and a decimal
/// point at each column of `points` (1-based). A line shifted by a column fails here instead of
/// being read into the wrong fields.
bool
CheckLayout(const std::string& line, FieldReader& r, std::initializer_list<size_t> blanks, std::initializer_list<size_t> points)
{
    const size_t tab = line.find('\t');
    if (tab != std::string::npos)
    {
        r.Fail(tab + 1, tab + 1, "layout", "holds a tab; TLE columns are fixed: use blanks");
        return false;
    }
    for (size_t c : blanks)
    {
        if (c <= line.size() && line[c - 1] != ' ')
        {
            r.Fail(c, c, "layout", "expected a blank between fields, got '" + std::string(1, line[c - 1]) +
                                       "' (is the line shifted by a column?)");
            return false;
        }
    }
    for (size_t c : points)
    {
        if (c <= line.size() && line[c - 1] != '.')
        {
            r.Fail(c, c, "layout", "expected the decimal point, got '" + std::string(1, line[c - 1]) +
                                       "' (is the line shifted by a column?)");
            return false;
        }
    }
    return true;
}

/// An angle in [0, limit] (closed) or [0, limit) read from columns first..last.
void
CheckAngle(FieldReader& r, size_t first, size_t last, const std::string& what, double v, double limit, bool closed)
{
    if (!(v >= 0.0 && (closed ? v <= limit : v < limit)))
    {
        char text[64];
        std::snprintf(text, sizeof text, "must be in [0, %g%c deg, got %.4f", limit, closed ? ']' : ')', v);
        r.Fail(first, last, what, text);
    }
}

} // namespace

int
TleChecksum(const std::string& line)
{
    int sum = 0;
    for (size_t i = 0; i < line.size() && i < 68; ++i)
    {
        char c = line[i];
        if (std::isdigit(static_cast<unsigned char>(c)))
        {
            sum += c - '0';
        }
        else if (c == '-')
        {
            sum += 1;
        }
    }
    return sum % 10;
}

std::optional<Tle>
ParseTleLines(const std::string& name,
              const std::string& line1In,
              const std::string& line2In,
              int firstLine,
              std::vector<TleIssue>& errors,
              std::vector<TleIssue>& warnings)
{
    const std::string line1 = TrimRight(line1In);
    const std::string line2 = TrimRight(line2In);
    const int line2Number = firstLine + 1;
    Tle tle;
    tle.name = name;
    tle.line = firstLine;

    // Line 1. Columns 62-69 (ephemeris type, element set number, checksum) may be missing.
    FieldReader r1(line1, 1, firstLine, errors);
    if (line1.size() < 61 || line1[0] != '1')
    {
        r1.Fail(1,
                61,
                "line 1",
                "expected at least 61 columns starting with '1 ', got '" + line1 + "'");
        return std::nullopt;
    }
    if (!CheckLayout(line1, r1, {2, 9, 18, 33, 44, 53}, {24}) )
    {
        return std::nullopt;
    }
    tle.catalogNumber = r1.Catalog(3, 7);
    char cls = line1[7];
    tle.classification = cls == ' ' ? 'U' : cls;
    tle.internationalDesignator = Trim(Columns(line1, 10, 17));
    std::string year = Trim(Columns(line1, 19, 20));
    if (!(year.size() == 2 && AllDigits(year)))
    {
        r1.FailValue(19, 20, "epoch year");
    }
    else
    {
        tle.epochYear2 = std::stoi(year);
    }
    tle.epochDay = r1.Double(21, 32, "epoch day of year");
    if (r1.Ok())
    {
        // Day 366 exists in leap years only (Gregorian rule; two-digit years 57-99 are 19xx).
        const int y = tle.epochYear2 < 57 ? 2000 + tle.epochYear2 : 1900 + tle.epochYear2;
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        const double end = leap ? 367.0 : 366.0;
        if (!(tle.epochDay >= 1.0 && tle.epochDay < end))
        {
            r1.Fail(21,
                    32,
                    "epoch day of year",
                    "must be in [1, " + std::to_string(static_cast<int>(end)) + ") for " + std::to_string(y) +
                        ", got " + Trim(Columns(line1, 21, 32)));
        }
    }
    tle.ndot = r1.Double(34, 43, "first derivative of mean motion");
    tle.nddot = r1.PackedExponent(45, 52, "second derivative of mean motion");
    tle.bstar = r1.PackedExponent(54, 61, "B* drag term");
    tle.ephemerisType = r1.OptionalInt(63, 63, "ephemeris type");
    tle.elementSetNumber = r1.OptionalInt(65, 68, "element set number");

    // Line 2. Columns 64-69 (revolution number, checksum) may be missing.
    FieldReader r2(line2, 2, line2Number, errors);
    if (line2.size() < 63 || line2[0] != '2')
    {
        r2.Fail(1,
                63,
                "line 2",
                "expected at least 63 columns starting with '2 ', got '" + line2 + "'");
        return std::nullopt;
    }
    if (!CheckLayout(line2, r2, {2, 8, 17, 26, 34, 43, 52}, {12, 21, 38, 47, 55}))
    {
        return std::nullopt;
    }
    int catalog2 = r2.Catalog(3, 7);
    tle.inclination_deg = r2.Double(9, 16, "inclination");
    tle.raan_deg = r2.Double(18, 25, "right ascension of the ascending node");
    std::string ecc = Columns(line2, 27, 33);
    for (char& c : ecc)
    {
        c = c == ' ' ? '0' : c;
    }
    if (!(ecc.size() == 7 && AllDigits(ecc) && ReadDouble("0." + ecc, tle.eccentricity)))
    {
        r2.FailValue(27, 33, "eccentricity");
    }
    tle.argOfPerigee_deg = r2.Double(35, 42, "argument of perigee");
    tle.meanAnomaly_deg = r2.Double(44, 51, "mean anomaly");
    tle.meanMotion_revPerDay = r2.Double(53, 63, "mean motion");
    tle.revolutionNumber = r2.OptionalInt(64, 68, "revolution number");
    if (r2.Ok())
    {
        CheckAngle(r2, 9, 16, "inclination", tle.inclination_deg, 180.0, true);
        CheckAngle(r2, 18, 25, "right ascension of the ascending node", tle.raan_deg, 360.0, false);
        CheckAngle(r2, 35, 42, "argument of perigee", tle.argOfPerigee_deg, 360.0, false);
        CheckAngle(r2, 44, 51, "mean anomaly", tle.meanAnomaly_deg, 360.0, false);
        // A mean motion above that of a circular orbit at the equatorial radius puts the whole
        // orbit inside the Earth: n_max = sqrt(mu / a^3) with a = 6378.137 km is 17.04 rev/day.
        const double maxMeanMotion = std::sqrt(kEarthMu / (kWgs84A * kWgs84A * kWgs84A)) * 86400.0 / kTwoPi;
        if (!(tle.meanMotion_revPerDay > 0.0 && tle.meanMotion_revPerDay < maxMeanMotion))
        {
            char bound[32];
            std::snprintf(bound, sizeof bound, "%.2f", maxMeanMotion);
            r2.Fail(53,
                    63,
                    "mean motion",
                    "must be > 0 and below " + std::string(bound) +
                        " rev/day (an orbit above the Earth's equatorial radius), got " + Trim(Columns(line2, 53, 63)));
        }
    }

    if (!r1.Ok() || !r2.Ok())
    {
        return std::nullopt;
    }
    if (catalog2 != tle.catalogNumber)
    {
        r2.Fail(3,
                7,
                "catalog number",
                "line 2 is for satellite " + std::to_string(catalog2) + " but line 1 for "
                    + std::to_string(tle.catalogNumber));
        return std::nullopt;
    }
    try
    {
        tle.epoch = UtcEpoch::FromTleEpoch(tle.epochYear2, tle.epochDay);
    }
    catch (const std::invalid_argument& e)
    {
        r1.Fail(19, 32, "epoch", e.what());
        return std::nullopt;
    }
    CheckChecksum(line1, 1, firstLine, warnings);
    CheckChecksum(line2, 2, line2Number, warnings);
    ReadVerificationRange(line2, line2Number, tle, warnings);
    return tle;
}

TleFile
ParseTleText(const std::string& text)
{
    std::vector<std::string> lines;
    {
        size_t start = 0;
        while (start <= text.size())
        {
            size_t end = text.find('\n', start);
            if (end == std::string::npos)
            {
                end = text.size();
            }
            std::string l = text.substr(start, end - start);
            if (!l.empty() && l.back() == '\r')
            {
                l.pop_back();
            }
            lines.push_back(l);
            start = end + 1;
        }
    }

    TleFile out;
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t pendingName = kNone; // index of a text line waiting for its line 1
    auto rejectPendingName = [&]()
    {
        if (pendingName != kNone)
        {
            out.errors.push_back({static_cast<int>(pendingName + 1),
                                  "'" + Trim(lines[pendingName])
                                      + "' is neither a TLE line nor a name followed by line 1"});
            pendingName = kNone;
        }
    };

    for (size_t i = 0; i < lines.size(); ++i)
    {
        const int lineNumber = static_cast<int>(i + 1);
        switch (Classify(lines[i]))
        {
        case LineKind::Skip:
            break;
        case LineKind::Text:
            rejectPendingName();
            pendingName = i;
            break;
        case LineKind::Line2:
            rejectPendingName();
            out.errors.push_back({lineNumber, "TLE line 2 without a line 1 before it"});
            break;
        case LineKind::Line1:
        {
            std::string name;
            if (pendingName != kNone)
            {
                name = Trim(lines[pendingName]);
                if (name.size() >= 2 && name[0] == '0' && name[1] == ' ')
                {
                    name = Trim(name.substr(2));
                }
                pendingName = kNone;
            }
            if (i + 1 >= lines.size() || Classify(lines[i + 1]) != LineKind::Line2)
            {
                out.errors.push_back({lineNumber, "TLE line 1 is not followed by a line 2"});
                break;
            }
            auto tle
                = ParseTleLines(name, lines[i], lines[i + 1], lineNumber, out.errors, out.warnings);
            if (tle)
            {
                out.sets.push_back(std::move(*tle));
            }
            ++i; // line 2 is consumed, read or not
            break;
        }
        }
    }
    rejectPendingName();
    return out;
}

std::string
TleDisplayName(const Tle& tle)
{
    return tle.name.empty() ? std::to_string(tle.catalogNumber) : tle.name;
}

} // namespace sagin
