#include "scenario/model/hypatia-import.h"

#include "core/model/atomic-file.h"
#include "core/model/csv-reader.h"
#include "core/model/diagnostics.h"
#include "core/model/text-format.h"
#include "orbit/model/tle.h"
#include "scenario/model/site-sets.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <google/protobuf/text_format.h>
#include <map>
#include <set>
#include <sstream>

namespace sagin
{

namespace
{

/// The file's lines (without CR), or none with an error added.
std::vector<std::string>
ReadLines(const std::string& path, std::vector<std::string>& errors)
{
    std::string text;
    try
    {
        text = ReadFile(path);
    }
    catch (const std::exception& e)
    {
        errors.push_back(path + ": error: " + e.what() + " (is this a Hypatia state folder?)");
        return {};
    }
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        lines.push_back(line);
    }
    return lines;
}

/// ASCII name: common Latin letters with diacritics lose them, spaces become '-', others '_'.
std::string
AsciiName(const std::string& s)
{
    static const std::map<std::string, char> latin
        = {{"\xc3\xa0", 'a'}, {"\xc3\xa1", 'a'}, {"\xc3\xa2", 'a'}, {"\xc3\xa3", 'a'},
           {"\xc3\xa4", 'a'}, {"\xc3\xa7", 'c'}, {"\xc3\xa8", 'e'}, {"\xc3\xa9", 'e'},
           {"\xc3\xaa", 'e'}, {"\xc3\xab", 'e'}, {"\xc3\xac", 'i'}, {"\xc3\xad", 'i'},
           {"\xc3\xae", 'i'}, {"\xc3\xaf", 'i'}, {"\xc3\xb1", 'n'}, {"\xc3\xb2", 'o'},
           {"\xc3\xb3", 'o'}, {"\xc3\xb4", 'o'}, {"\xc3\xb5", 'o'}, {"\xc3\xb6", 'o'},
           {"\xc3\xb9", 'u'}, {"\xc3\xba", 'u'}, {"\xc3\xbb", 'u'}, {"\xc3\xbc", 'u'},
           {"\xc3\x81", 'A'}, {"\xc3\x89", 'E'}, {"\xc3\x8d", 'I'}, {"\xc3\x93", 'O'},
           {"\xc3\x9a", 'U'}, {"\xc3\x87", 'C'}};
    std::string out;
    for (size_t i = 0; i < s.size(); ++i)
    {
        if (static_cast<unsigned char>(s[i]) >= 0x80 && i + 1 < s.size())
        {
            auto it = latin.find(s.substr(i, 2));
            if (it != latin.end())
            {
                out += it->second;
                ++i;
                continue;
            }
        }
        out += s[i] == ' ' ? '-' : s[i];
    }
    return SanitizeName(out);
}

/// The number in `text`, or NaN with an error `where: error: ...` added (NaN and infinities are
/// errors too).
double
ParseNumber(const std::string& text, const std::string& where, std::vector<std::string>& errors)
{
    try
    {
        size_t used = 0;
        double v = std::stod(text, &used);
        if (used != text.size() || !std::isfinite(v))
        {
            throw std::invalid_argument(text);
        }
        return v;
    }
    catch (const std::exception&)
    {
        errors.push_back(where + ": error: expected a finite number, got '" + text + "'");
        return std::nan("");
    }
}

} // namespace

v1::Scenario
ImportHypatiaFolder(const std::string& dir)
{
    std::vector<std::string> errors;
    v1::Scenario s;
    std::string name = dir;
    while (!name.empty() && name.back() == '/')
    {
        name.pop_back();
    }
    name = name.substr(name.find_last_of('/') + 1);
    s.set_name(AsciiName(name));
    s.set_description("Imported from the Hypatia satellite-network-state folder " + dir
                      + " by `sagin import hypatia`: TLEs, ISL list and range limits as given.");
    s.set_seed(1);

    // tles.txt: "<planes> <per plane>", then name / line 1 / line 2 per satellite.
    const std::string tlePath = dir + "/tles.txt";
    auto tleLines = ReadLines(tlePath, errors);
    std::string tleText;
    for (size_t i = 1; i < tleLines.size(); ++i)
    {
        tleText += tleLines[i] + "\n";
    }
    TleFile parsed = ParseTleText(tleText);
    for (const auto& e : parsed.errors)
    {
        errors.push_back(tlePath + ":" + std::to_string(e.line + 1) + ":1: error: " + e.message);
    }
    if (tleLines.empty() && std::filesystem::exists(tlePath))
    {
        errors.push_back(tlePath + ":1:1: error: empty file");
    }
    else if (!tleLines.empty() && parsed.errors.empty())
    {
        std::istringstream header(tleLines[0]);
        long planes = -1;
        long perPlane = -1;
        std::string rest;
        if (!(header >> planes >> perPlane) || (header >> rest) || planes <= 0 || perPlane <= 0)
        {
            errors.push_back(
                tlePath
                + ":1:1: error: expected the header '<planes> <satellites per plane>', got '"
                + tleLines[0] + "'");
        }
        else if (static_cast<double>(planes) * static_cast<double>(perPlane)
                 != static_cast<double>(parsed.sets.size()))
        {
            errors.push_back(tlePath + ":1:1: error: the header says " + std::to_string(planes)
                             + " x " + std::to_string(perPlane) + " satellites, the file has "
                             + std::to_string(parsed.sets.size()) + " element sets");
        }
        if (parsed.sets.empty())
        {
            errors.push_back(tlePath + ": error: no element sets");
        }
    }
    std::vector<std::string> satNames;
    if (!parsed.sets.empty())
    {
        // Satellite names: the TLE name lines with spaces as '-' (Hypatia's "Telesat-1015 0").
        std::string shellName = parsed.sets[0].name;
        auto space = shellName.find_last_of(' ');
        shellName = AsciiName(space == std::string::npos ? shellName : shellName.substr(0, space));
        if (shellName.empty())
        {
            shellName = "hypatia";
        }
        auto* shell = s.add_shells();
        shell->set_name(shellName);
        shell->mutable_tle()->set_text(tleText);
        for (const auto& tle : parsed.sets)
        {
            satNames.push_back(TleNodeName(shellName, TleDisplayName(tle)));
        }
        s.set_epoch_utc(parsed.sets[0].epoch.Iso8601(0.0, 6));
    }

    // isls.txt: "a b" satellite ids, each link once, no satellite linked to itself.
    const std::string islPath = dir + "/isls.txt";
    auto islLines = ReadLines(islPath, errors);
    std::set<std::pair<long, long>> seen;
    for (size_t i = 0; i < islLines.size(); ++i)
    {
        if (islLines[i].empty())
        {
            continue;
        }
        const std::string where = islPath + ":" + std::to_string(i + 1) + ":1: error: ";
        std::istringstream in(islLines[i]);
        long a = -1;
        long b = -1;
        std::string rest;
        if (!(in >> a >> b) || (in >> rest) || a < 0 || b < 0)
        {
            errors.push_back(where + "expected two satellite ids, got '" + islLines[i] + "'");
            continue;
        }
        if (!satNames.empty()
            && (a >= static_cast<long>(satNames.size()) || b >= static_cast<long>(satNames.size())))
        {
            errors.push_back(where + "satellite ids must lie in [0, "
                             + std::to_string(satNames.size()) + "), got '" + islLines[i] + "'");
            continue;
        }
        if (a == b)
        {
            errors.push_back(where + "satellite " + std::to_string(a) + " linked to itself");
            continue;
        }
        if (!seen.insert({std::min(a, b), std::max(a, b)}).second)
        {
            errors.push_back(where + "the link " + std::to_string(a) + "-" + std::to_string(b)
                             + " is listed twice");
            continue;
        }
        if (!satNames.empty())
        {
            auto* isl = s.add_isls();
            isl->set_a(satNames[a]);
            isl->set_b(satNames[b]);
        }
    }

    // ground_stations.txt: gid,name,lat,lon,elevation_m,x,y,z
    const std::string gsPath = dir + "/ground_stations.txt";
    auto gsLines = ReadLines(gsPath, errors);
    for (size_t i = 0; i < gsLines.size(); ++i)
    {
        if (gsLines[i].empty())
        {
            continue;
        }
        const std::string where = gsPath + ":" + std::to_string(i + 1) + ":1";
        std::vector<std::string> f;
        try
        {
            const auto records = ReadCsv(gsLines[i]);
            f = records.empty() ? f : records.front();
        }
        catch (const CsvError& e)
        {
            // e.what() is "1:COL: message" for this one line.
            const std::string what = e.what();
            const size_t col = what.find(':') + 1;
            const size_t msg = what.find(": ", col);
            errors.push_back(gsPath + ":" + std::to_string(i + 1) + ":"
                             + what.substr(col, msg - col) + ": error: " + what.substr(msg + 2));
            continue;
        }
        if (f.size() < 5)
        {
            errors.push_back(where
                             + ": error: expected gid,name,latitude,longitude,elevation[,x,y,z]");
            continue;
        }
        const double lat = ParseNumber(f[2], where, errors);
        const double lon = ParseNumber(f[3], where, errors);
        const double alt = ParseNumber(f[4], where, errors);
        if (std::isfinite(lat) && !(lat >= -90.0 && lat <= 90.0))
        {
            errors.push_back(where + ": error: latitude " + f[2] + " outside [-90, 90] deg");
        }
        if (std::isfinite(lon) && !(lon >= -180.0 && lon <= 180.0))
        {
            errors.push_back(where + ": error: longitude " + f[3] + " outside [-180, 180] deg");
        }
        auto* g = s.add_ground_sites();
        g->set_name(AsciiName(f[1]));
        g->set_role(v1::Node::GW);
        g->mutable_position()->set_lat_deg(lat);
        g->mutable_position()->set_lon_deg(lon);
        g->mutable_position()->set_alt_m(alt);
    }

    // description.txt: key=value lines.
    const std::string descPath = dir + "/description.txt";
    auto descLines = ReadLines(descPath, errors);
    bool gsl = false;
    bool isl = false;
    for (size_t i = 0; i < descLines.size(); ++i)
    {
        const std::string& line = descLines[i];
        auto eq = line.find('=');
        if (eq == std::string::npos)
        {
            continue;
        }
        const std::string key = line.substr(0, eq);
        const std::string where
            = descPath + ":" + std::to_string(i + 1) + ":" + std::to_string(eq + 2);
        const double v = ParseNumber(line.substr(eq + 1), where, errors);
        if (key == "max_gsl_length_m" || key == "max_isl_length_m")
        {
            if (std::isfinite(v) && !(v > 0.0))
            {
                errors.push_back(where + ": error: " + key + " must be > 0, got "
                                 + line.substr(eq + 1));
            }
            if (key == "max_gsl_length_m")
            {
                s.mutable_link_limits()->set_max_gsl_length_m(v);
                gsl = true;
            }
            else
            {
                s.mutable_link_limits()->set_max_isl_length_m(v);
                isl = true;
            }
        }
    }
    if (!descLines.empty() && (!gsl || !isl))
    {
        errors.push_back(descPath + ": error: needs max_gsl_length_m and max_isl_length_m");
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    return s;
}

std::string
HypatiaScenarioText(const v1::Scenario& s, const std::string& dir)
{
    std::string body;
    google::protobuf::TextFormat::Printer printer;
    printer.SetUseUtf8StringEscaping(true);
    printer.PrintToString(s, &body);
    size_t satellites = 0;
    for (const auto& shell : s.shells())
    {
        satellites += ParseTleText(shell.tle().text()).sets.size();
    }
    std::ostringstream out;
    out << "# proto-file: sagin/v1/scenario.proto\n"
        << "# proto-message: sagin.v1.Scenario\n"
        << "#\n# Imported from the Hypatia state folder " << dir << " (" << satellites
        << " satellites, " << s.isls_size() << " ISLs, " << s.ground_sites_size()
        << " ground stations).\n# Use it with scenarios/standards/hypatia-isl.txtpb.\n"
        << body;
    return out.str();
}

} // namespace sagin
