// `sagin import hypatia DIR --out FILE`: turn a Hypatia satellite-network-state folder into a
// scenario (TLEs inline, the ISL list exactly as given, Hypatia's range limits, ground stations).
#include "cli/commands.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/text-format.h"
#include "orbit/model/tle.h"
#include "scenario/model/site-sets.h"
#include "scenario/model/world.h"

#include "sagin/v1/scenario.pb.h"

#include <google/protobuf/text_format.h>

#include <map>
#include <sstream>

namespace sagin::cli
{

namespace
{

std::vector<std::string>
ReadLines(const std::string& path)
{
    std::string text;
    try
    {
        text = ReadFile(path);
    }
    catch (const std::exception&)
    {
        throw InputError(path + ": error: cannot read the file (is this a Hypatia state folder?)");
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
    static const std::map<std::string, char> latin = {
        {"\xc3\xa0", 'a'}, {"\xc3\xa1", 'a'}, {"\xc3\xa2", 'a'}, {"\xc3\xa3", 'a'}, {"\xc3\xa4", 'a'},
        {"\xc3\xa7", 'c'}, {"\xc3\xa8", 'e'}, {"\xc3\xa9", 'e'}, {"\xc3\xaa", 'e'}, {"\xc3\xab", 'e'},
        {"\xc3\xac", 'i'}, {"\xc3\xad", 'i'}, {"\xc3\xae", 'i'}, {"\xc3\xaf", 'i'}, {"\xc3\xb1", 'n'},
        {"\xc3\xb2", 'o'}, {"\xc3\xb3", 'o'}, {"\xc3\xb4", 'o'}, {"\xc3\xb5", 'o'}, {"\xc3\xb6", 'o'},
        {"\xc3\xb9", 'u'}, {"\xc3\xba", 'u'}, {"\xc3\xbb", 'u'}, {"\xc3\xbc", 'u'}, {"\xc3\x81", 'A'},
        {"\xc3\x89", 'E'}, {"\xc3\x8d", 'I'}, {"\xc3\x93", 'O'}, {"\xc3\x9a", 'U'}, {"\xc3\x87", 'C'}};
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

double
ParseNumber(const std::string& text, const std::string& where)
{
    try
    {
        size_t used = 0;
        double v = std::stod(text, &used);
        if (used != text.size())
        {
            throw std::invalid_argument(text);
        }
        return v;
    }
    catch (const std::exception&)
    {
        throw InputError(where + ": error: expected a number, got '" + text + "'");
    }
}

void
ImportHypatia(const std::string& dir, const std::string& outPath)
{
    v1::Scenario s;
    std::string name = dir;
    while (!name.empty() && name.back() == '/')
    {
        name.pop_back();
    }
    name = name.substr(name.find_last_of('/') + 1);
    s.set_name(AsciiName(name));
    s.set_description("Imported from the Hypatia satellite-network-state folder " + dir +
                      " by `sagin import hypatia`: TLEs, ISL list and range limits as given.");
    s.set_seed(1);

    // tles.txt: "<planes> <per plane>", then name / line 1 / line 2 per satellite.
    const std::string tlePath = dir + "/tles.txt";
    auto tleLines = ReadLines(tlePath);
    if (tleLines.empty())
    {
        throw InputError(tlePath + ":1:1: error: empty file");
    }
    std::string tleText;
    for (size_t i = 1; i < tleLines.size(); ++i)
    {
        tleText += tleLines[i] + "\n";
    }
    TleFile parsed = ParseTleText(tleText);
    if (!parsed.errors.empty())
    {
        std::vector<std::string> lines;
        for (const auto& e : parsed.errors)
        {
            lines.push_back(tlePath + ":" + std::to_string(e.line + 1) + ":1: error: " + e.message);
        }
        throw InputError(lines);
    }
    if (parsed.sets.empty())
    {
        throw InputError(tlePath + ": error: no element sets");
    }
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
    std::vector<std::string> satNames;
    for (const auto& tle : parsed.sets)
    {
        satNames.push_back(TleNodeName(shellName, TleDisplayName(tle)));
    }
    s.set_epoch_utc(parsed.sets[0].epoch.Iso8601(0.0, 6));

    // isls.txt: "a b" satellite ids.
    const std::string islPath = dir + "/isls.txt";
    auto islLines = ReadLines(islPath);
    for (size_t i = 0; i < islLines.size(); ++i)
    {
        if (islLines[i].empty())
        {
            continue;
        }
        std::istringstream in(islLines[i]);
        long a = -1;
        long b = -1;
        if (!(in >> a >> b) || a < 0 || b < 0 || a >= static_cast<long>(satNames.size()) ||
            b >= static_cast<long>(satNames.size()))
        {
            throw InputError(islPath + ":" + std::to_string(i + 1) + ":1: error: expected two satellite ids in [0, " +
                             std::to_string(satNames.size()) + ")");
        }
        auto* isl = s.add_isls();
        isl->set_a(satNames[a]);
        isl->set_b(satNames[b]);
    }

    // ground_stations.txt: gid,name,lat,lon,elevation_m,x,y,z
    const std::string gsPath = dir + "/ground_stations.txt";
    auto gsLines = ReadLines(gsPath);
    for (size_t i = 0; i < gsLines.size(); ++i)
    {
        if (gsLines[i].empty())
        {
            continue;
        }
        std::vector<std::string> f;
        std::istringstream in(gsLines[i]);
        std::string x;
        while (std::getline(in, x, ','))
        {
            f.push_back(x);
        }
        const std::string where = gsPath + ":" + std::to_string(i + 1);
        if (f.size() < 5)
        {
            throw InputError(where + ":1: error: expected gid,name,latitude,longitude,elevation[,x,y,z]");
        }
        auto* g = s.add_ground_sites();
        g->set_name(AsciiName(f[1]));
        g->set_role(v1::GW);
        g->mutable_position()->set_lat_deg(ParseNumber(f[2], where));
        g->mutable_position()->set_lon_deg(ParseNumber(f[3], where));
        g->mutable_position()->set_alt_m(ParseNumber(f[4], where));
    }

    // description.txt: key=value lines.
    const std::string descPath = dir + "/description.txt";
    for (const auto& line : ReadLines(descPath))
    {
        auto eq = line.find('=');
        if (eq == std::string::npos)
        {
            continue;
        }
        std::string key = line.substr(0, eq);
        double v = ParseNumber(line.substr(eq + 1), descPath);
        if (key == "max_gsl_length_m")
        {
            s.mutable_link_limits()->set_max_gsl_length_m(v);
        }
        else if (key == "max_isl_length_m")
        {
            s.mutable_link_limits()->set_max_isl_length_m(v);
        }
    }
    if (s.link_limits().max_gsl_length_m() <= 0.0 || s.link_limits().max_isl_length_m() <= 0.0)
    {
        throw InputError(descPath + ": error: needs max_gsl_length_m and max_isl_length_m");
    }

    std::string body;
    google::protobuf::TextFormat::Printer printer;
    printer.SetUseUtf8StringEscaping(true);
    printer.PrintToString(s, &body);
    OutputTarget out(outPath);
    out.Stream() << "# proto-file: sagin/v1/scenario.proto\n"
                 << "# proto-message: sagin.v1.Scenario\n"
                 << "#\n# Imported from the Hypatia state folder " << dir << " (" << parsed.sets.size()
                 << " satellites, " << s.isls_size() << " ISLs, " << s.ground_sites_size()
                 << " ground stations).\n# Use it with scenarios/standards/hypatia-isl.txtpb.\n"
                 << body;
    out.Commit();
}

} // namespace

void
AddImportCommand(CLI::App& app)
{
    auto format = std::make_shared<std::string>();
    auto dir = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("import", "Turn another tool's constellation description into a scenario.");
    cmd->add_option("FORMAT", *format, "Source format: hypatia")->required();
    cmd->add_option("DIR", *dir, "Hypatia satellite-network-state folder (tles.txt, isls.txt, ground_stations.txt, description.txt)")
        ->required();
    cmd->add_option("--out", *out, "Scenario file to write (default: stdout)");
    cmd->callback([format, dir, out]() {
        if (*format != "hypatia")
        {
            throw InputError("sagin import: error: unknown format '" + *format + "' (supported: hypatia)");
        }
        ImportHypatia(*dir, *out);
    });
}

} // namespace sagin::cli
