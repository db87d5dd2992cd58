#include "view/model/view-data.h"

#include "core/model/atomic-file.h"
#include "core/model/json-writer.h"
#include "routing/model/topology-controller.h"
#include "scenario/model/ephemeris.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sagin
{

namespace
{

std::string
LowerLayer(v1::Node::Layer layer)
{
    if (layer == v1::Node::LAYER_UNSPECIFIED)
    {
        return "";
    }
    std::string name = v1::Node::Layer_Name(layer);
    for (char& c : name)
    {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
}

void
StorePositions(const std::vector<Vec3>& p, std::vector<float>& out)
{
    for (const auto& v : p)
    {
        out.push_back(static_cast<float>(v.x));
        out.push_back(static_cast<float>(v.y));
        out.push_back(static_cast<float>(v.z));
    }
}

} // namespace

bool
ViewData::Up(std::size_t l, int k) const
{
    for (const auto& [first, last] : links.at(l).up)
    {
        if (k >= first && k <= last)
        {
            return true;
        }
    }
    return false;
}

ViewData
SampleView(const World& world,
           const StandardPolicy* policy,
           double start_s,
           double duration_s,
           double step_s)
{
    ViewData data;
    data.times = EphemerisTimes(start_s, duration_s, step_s);
    for (const auto& s : world.Shells())
    {
        data.shells.push_back(s.name);
    }
    const auto& nodes = world.Nodes();
    for (const auto& n : nodes)
    {
        data.nodes.push_back({n.name, RoleName(n.role), LowerLayer(n.layer), n.shell});
    }
    data.positions.reserve(data.times.size() * nodes.size() * 3);
    if (policy == nullptr)
    {
        std::vector<Vec3> p(nodes.size());
        for (double t : data.times)
        {
            for (std::size_t i = 0; i < nodes.size(); ++i)
            {
                p[i] = nodes[i].trajectory->PositionAt(t);
            }
            StorePositions(p, data.positions);
        }
        return data;
    }
    data.hasStandard = true;
    // Routes are not shown: forwarding state toward one site keeps the controller's route stage
    // cheap (an empty list would mean every ground site).
    std::vector<int> destinations;
    for (std::size_t i = 0; i < nodes.size() && destinations.empty(); ++i)
    {
        if (nodes[i].layer == v1::Node::GROUND)
        {
            destinations.push_back(static_cast<int>(i));
        }
    }
    TopologyController controller(world, *policy, destinations);
    std::map<std::tuple<int, int, int>, std::size_t> index;
    std::vector<Vec3> p;
    for (std::size_t k = 0; k < data.times.size(); ++k)
    {
        controller.Update(data.times[k]);
        const auto& snap = controller.Snapshot();
        // A failed node has no position in the snapshot; the page draws it where its trajectory
        // has it (as failed, from the run's summary.json), its links being down.
        p = snap.positions;
        for (std::size_t i = 0; i < p.size(); ++i)
        {
            if (!std::isfinite(p[i].x))
            {
                p[i] = nodes[i].trajectory->PositionAt(data.times[k]);
            }
        }
        StorePositions(p, data.positions);
        const int step = static_cast<int>(k);
        for (const auto& l : snap.links)
        {
            const auto key = std::make_tuple(l.a, l.b, static_cast<int>(l.kind));
            auto [it, added] = index.emplace(key, data.links.size());
            if (added)
            {
                data.links.push_back({l.a, l.b, l.kind, {}});
            }
            auto& up = data.links[it->second].up;
            if (!up.empty() && up.back().second >= step - 1)
            {
                up.back().second = step; // the same step twice (parallel links) stays one range
            }
            else
            {
                up.emplace_back(step, step);
            }
        }
    }
    return data;
}

std::vector<EphemerisLink>
EphemerisLinks(const ViewData& data)
{
    std::vector<EphemerisLink> links;
    const int last = static_cast<int>(data.times.size()) - 1;
    for (const auto& l : data.links)
    {
        EphemerisLink link{data.nodes[l.a].name, data.nodes[l.b].name, LinkKindName(l.kind), {}};
        for (const auto& [first, end] : l.up)
        {
            link.up.emplace_back(data.times[first], data.times[std::min(end + 1, last)]);
        }
        links.push_back(std::move(link));
    }
    return links;
}

void
WriteViewData(const ViewData& data, const ViewSiteInfo& info, const std::string& dir)
{
    fs::create_directories(fs::path(dir) / "data");
    {
        std::ofstream os(fs::path(dir) / "data" / "world.json", std::ios::binary);
        JsonWriter w(os);
        w.BeginObject(JsonWriter::Layout::Lines);
        w.Key("format").Integer(1);
        w.Key("scenario").String(info.scenario);
        w.Key("standard").String(info.standard);
        w.Key("epoch_utc").String(info.epochUtc);
        w.Key("times_s").BeginArray();
        for (double t : data.times)
        {
            w.Number(t);
        }
        w.EndArray();
        w.Key("positions").String("positions.bin");
        w.Key("shells").BeginArray();
        for (const auto& s : data.shells)
        {
            w.String(s);
        }
        w.EndArray();
        w.Key("link_kinds").BeginArray();
        for (int k = 0; k < kLinkKindCount; ++k)
        {
            w.String(LinkKindName(static_cast<LinkKind>(k)));
        }
        w.EndArray();
        // Nodes as columns: [name, role, layer, shell] per node, one line each.
        w.Key("nodes").BeginArray(JsonWriter::Layout::Rows);
        for (const auto& n : data.nodes)
        {
            w.BeginArray().String(n.name).String(n.role).String(n.layer).Integer(n.shell);
            w.EndArray();
        }
        w.EndArray();
        // Links: [a, b, kind, first, last, first, last, ...] per link.
        w.Key("has_links").Bool(data.hasStandard);
        w.Key("links").BeginArray(JsonWriter::Layout::Rows);
        for (const auto& l : data.links)
        {
            w.BeginArray().Integer(l.a).Integer(l.b).Integer(static_cast<int>(l.kind));
            for (const auto& [first, last] : l.up)
            {
                w.Integer(first).Integer(last);
            }
            w.EndArray();
        }
        w.EndArray();
        w.Key("results").BeginArray();
        for (const auto& f : info.resultFiles)
        {
            w.String(f);
        }
        w.EndArray();
        w.EndObject();
        os << '\n';
        if (!os)
        {
            throw std::runtime_error("cannot write " + dir + "/data/world.json");
        }
    }
    std::ofstream bin(fs::path(dir) / "data" / "positions.bin", std::ios::binary);
    static_assert(sizeof(float) == 4 && std::numeric_limits<float>::is_iec559);
    // x86-64 and arm64 are little-endian: the floats go out as they are in memory.
    bin.write(reinterpret_cast<const char*>(data.positions.data()),
              static_cast<std::streamsize>(data.positions.size() * sizeof(float)));
    if (!bin)
    {
        throw std::runtime_error("cannot write " + dir + "/data/positions.bin");
    }
}

std::string
FindViewerBundle()
{
    if (const char* env = std::getenv("SAGIN_VIEWER_DIR"); env != nullptr && *env != '\0')
    {
        return fs::exists(fs::path(env) / "index.html") ? std::string(env) : std::string();
    }
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
    {
        return "";
    }
    const fs::path dir = exe.parent_path().parent_path() / "share" / "sagin" / "viewer";
    return fs::exists(dir / "index.html") ? dir.string() : std::string();
}

void
WriteViewSite(const ViewData& data,
              ViewSiteInfo info,
              const std::string& bundleDir,
              const std::string& resultsDir,
              const std::string& out)
{
    const std::string tmp = TemporaryPathFor(out);
    RemoveStaleTemporaries(out);
    fs::create_directories(fs::path(out).parent_path().empty() ? fs::path(".")
                                                               : fs::path(out).parent_path());
    RegisterTemporary(tmp);
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    fs::copy(bundleDir, tmp, fs::copy_options::recursive);
    fs::create_directories(fs::path(tmp) / "data");
    info.resultFiles.clear();
    if (!resultsDir.empty())
    {
        for (const char* name : {"latency.csv", "paths.csv", "coverage.csv", "summary.json"})
        {
            const fs::path src = fs::path(resultsDir) / name;
            if (fs::is_regular_file(src))
            {
                fs::copy_file(src, fs::path(tmp) / "data" / name);
                info.resultFiles.emplace_back(name);
            }
        }
    }
    WriteViewData(data, info, tmp);
    ReplaceDirectory(tmp, out);
    UnregisterTemporary(tmp);
}

} // namespace sagin
