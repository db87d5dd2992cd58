#include "scenario/model/traffic-plan.h"

#include "core/model/deterministic-rng.h"
#include "core/model/geodesy.h"
#include "scenario/model/validate-scenario.h"

#include <set>
#include <sstream>

namespace sagin
{

std::vector<int>
ResolveSiteList(const World& world, const std::string& spec, const std::string& what)
{
    std::vector<int> nodes = world.SiteSet(spec);
    if (nodes.empty())
    {
        std::istringstream in(spec);
        std::string name;
        while (std::getline(in, name, ','))
        {
            const int idx = world.Find(name);
            if (idx < 0)
            {
                throw InputError(what + ": '" + spec
                                 + "' is neither a site set nor a list of node names ('" + name
                                 + "' is unknown)");
            }
            nodes.push_back(idx);
        }
    }
    for (int n : nodes)
    {
        if (world.Nodes()[n].layer != v1::Node::GROUND)
        {
            throw InputError(what + ": '" + world.Nodes()[n].name + "' is not a ground site");
        }
    }
    return nodes;
}

int
GroundSiteNamed(const World& world, const std::string& name, const std::string& what)
{
    const int idx = world.Find(name);
    if (idx < 0)
    {
        throw InputError(what + ": no node named '" + name + "'");
    }
    if (world.Nodes()[idx].layer != v1::Node::GROUND)
    {
        throw InputError(what + ": '" + name
                         + "' is not a ground site (paths run between ground sites)");
    }
    return idx;
}

std::vector<int>
SelectSites(const World& world,
            const v1::SiteSelector& s,
            const std::string& path,
            ErrorList& errors)
{
    std::vector<int> out;
    const auto& nodes = world.Nodes();
    switch (s.selector_case())
    {
    case v1::SiteSelector::kSet:
        out = world.SiteSet(s.set());
        if (out.empty() && !world.IsUnbuilt(s.set()))
        {
            errors.Add(path + ".set", "no site set named '" + s.set() + "'");
        }
        break;
    case v1::SiteSelector::kRole:
        for (size_t i = 0; i < nodes.size(); ++i)
        {
            if (nodes[i].role == s.role() && nodes[i].layer == v1::Node::GROUND)
            {
                out.push_back(static_cast<int>(i));
            }
        }
        if (out.empty())
        {
            errors.Add(path + ".role", "the scenario has no ground site of this role");
        }
        break;
    case v1::SiteSelector::kNames:
    {
        std::istringstream in(s.names());
        std::string name;
        while (std::getline(in, name, ','))
        {
            int idx = world.Find(name);
            if (idx < 0 && world.IsUnbuilt(name))
            {
                continue; // its own element has errors
            }
            if (idx < 0 || nodes[idx].layer != v1::Node::GROUND)
            {
                errors.Add(path + ".names", "no ground site named '" + name + "'");
            }
            else
            {
                out.push_back(idx);
            }
        }
        break;
    }
    case v1::SiteSelector::SELECTOR_NOT_SET:
        errors.Add(path, "must set set, role or names");
        break;
    }
    return out;
}

std::vector<PlannedFlow>
PlanTraffic(const World& world, double duration, ErrorList& errors)
{
    std::vector<PlannedFlow> flows;
    const auto& nodes = world.Nodes();
    const auto& traffic = world.Scenario().traffic();
    std::set<std::string> names;
    for (int g = 0; g < traffic.flows_size(); ++g)
    {
        const auto& fg = traffic.flows(g);
        const std::string path = "traffic.flows[" + std::to_string(g) + "]";
        if (!IsValidName(fg.name()))
        {
            errors.Add(
                path + ".name",
                "must be a name of letters, digits, '-', '_' and '.', not starting with '.', got '"
                    + fg.name() + "'");
        }
        else if (!names.insert(fg.name()).second)
        {
            errors.Add(path + ".name", "'" + fg.name() + "' is used twice");
        }
        if (fg.kind_case() == v1::FlowGroup::KIND_NOT_SET)
        {
            errors.Add(path, "must set ping, cbr, tcp_bulk or ftp3");
        }
        if (fg.has_ftp3())
        {
            const auto& f = fg.ftp3();
            if (!(f.files_per_s() > 0.0 && f.files_per_s() <= 1e4))
            {
                errors.Add(path + ".ftp3.files_per_s",
                           "must be > 0 and at most 1e4, got " + Num(f.files_per_s()));
            }
            if (f.file_bytes() > 1000000000ULL)
            {
                errors.Add(path + ".ftp3.file_bytes",
                           "must be at most 1e9, got " + std::to_string(f.file_bytes()));
            }
            if (f.packet_bytes() > kMaxDatagramPayload_bytes)
            {
                errors.Add(path + ".ftp3.packet_bytes",
                           "must be at most " + std::to_string(kMaxDatagramPayload_bytes)
                               + " (one UDP datagram over IPv4), got "
                               + std::to_string(f.packet_bytes()));
            }
            else if (f.packet_bytes() > 0 && f.packet_bytes() < 16)
            {
                errors.Add(path + ".ftp3.packet_bytes",
                           "must be at least 16 (the measurement header), got "
                               + std::to_string(f.packet_bytes()));
            }
        }
        if (fg.has_cbr() && !(fg.cbr().rate_kbps() > 0.0))
        {
            errors.Add(path + ".cbr.rate_kbps", "must be > 0, got " + Num(fg.cbr().rate_kbps()));
        }
        else if (fg.has_cbr() && !(fg.cbr().rate_kbps() <= kMaxCbrRate_kbps))
        {
            errors.Add(path + ".cbr.rate_kbps",
                       "must be at most " + Num(kMaxCbrRate_kbps) + " (100 Gbit/s), got "
                           + Num(fg.cbr().rate_kbps()));
        }
        if (fg.has_cbr() && fg.cbr().packet_bytes() > 0 && fg.cbr().packet_bytes() < 16)
        {
            errors.Add(path + ".cbr.packet_bytes",
                       "must be at least 16 (the measurement header), got "
                           + std::to_string(fg.cbr().packet_bytes()));
        }
        if (fg.has_cbr() && fg.cbr().packet_bytes() > kMaxDatagramPayload_bytes)
        {
            errors.Add(path + ".cbr.packet_bytes",
                       "must be at most " + std::to_string(kMaxDatagramPayload_bytes)
                           + " (one UDP datagram over IPv4), got "
                           + std::to_string(fg.cbr().packet_bytes()));
        }
        if (fg.has_ping() && fg.ping().size_bytes() > kMaxDatagramPayload_bytes)
        {
            errors.Add(path + ".ping.size_bytes",
                       "must be at most " + std::to_string(kMaxDatagramPayload_bytes)
                           + " (one ICMP echo over IPv4), got "
                           + std::to_string(fg.ping().size_bytes()));
        }
        if (fg.has_ping() && !(fg.ping().interval_ms() >= 0.0))
        {
            errors.Add(path + ".ping.interval_ms",
                       "must be >= 0, got " + Num(fg.ping().interval_ms()));
        }
        if (fg.has_ping() && fg.ping().interval_ms() > 0.0 && fg.ping().interval_ms() < 0.01)
        {
            errors.Add(path + ".ping.interval_ms", "must be >= 0.01 ms");
        }
        if (fg.has_tcp_bulk() && !fg.tcp_bulk().congestion_control().empty())
        {
            static const std::set<std::string> known = {"TcpNewReno",
                                                        "TcpCubic",
                                                        "TcpBbr",
                                                        "TcpVegas",
                                                        "TcpHighSpeed",
                                                        "TcpHybla",
                                                        "TcpScalable",
                                                        "TcpVeno",
                                                        "TcpBic",
                                                        "TcpYeah",
                                                        "TcpIllinois",
                                                        "TcpWestwood",
                                                        "TcpLedbat",
                                                        "TcpLp",
                                                        "TcpDctcp"};
            if (!known.count(fg.tcp_bulk().congestion_control()))
            {
                errors.Add(path + ".tcp_bulk.congestion_control",
                           "unknown '" + fg.tcp_bulk().congestion_control()
                               + "' (ns-3.37 has TcpNewReno, TcpCubic, TcpBbr, ...)");
            }
        }
        if (fg.has_tcp_bulk())
        {
            const auto& tcp = fg.tcp_bulk();
            if (tcp.segment_bytes() > 1448)
            {
                // The devices' MTU is 1500 bytes: IP (20) + TCP (20) + timestamp option (12) +
                // 1448.
                errors.Add(path + ".tcp_bulk.segment_bytes",
                           "must be at most 1448 (a 1500-byte packet less IP, TCP and timestamp "
                           "headers), got "
                               + std::to_string(tcp.segment_bytes()));
            }
            // A buffer below one segment leaves a window too small for a full segment: TCP stalls.
            const uint32_t segment = tcp.segment_bytes() > 0 ? tcp.segment_bytes() : 1448;
            for (const auto& [field, value] :
                 {std::make_pair("snd_buf_bytes", tcp.snd_buf_bytes()),
                  std::make_pair("rcv_buf_bytes", tcp.rcv_buf_bytes())})
            {
                if (value > 0 && value < segment)
                {
                    errors.Add(path + ".tcp_bulk." + field,
                               "must be 0 (8 MiB) or at least one segment ("
                                   + std::to_string(segment) + " bytes), got "
                                   + std::to_string(value));
                }
            }
        }
        const double start = fg.start_s();
        const double stop = fg.stop_s() > 0.0 ? fg.stop_s() : duration;
        if (!(start >= 0.0))
        {
            errors.Add(path + ".start_s", "must be >= 0, got " + Num(start));
        }
        if (fg.stop_s() < 0.0 || (fg.stop_s() > 0.0 && fg.stop_s() <= start))
        {
            errors.Add(path + ".stop_s", "must be after start_s, got " + Num(fg.stop_s()));
        }
        // random_phase: each flow's start moves by a uniform part of one period.
        double period_s = 0.0;
        if (fg.random_phase() && fg.has_ping())
        {
            period_s = (fg.ping().interval_ms() > 0.0 ? fg.ping().interval_ms() : 1000.0) / 1000.0;
        }
        else if (fg.random_phase() && fg.has_cbr() && fg.cbr().rate_kbps() > 0.0)
        {
            const double bytes = fg.cbr().packet_bytes() > 0 ? fg.cbr().packet_bytes() : 1000;
            period_s = bytes * 8.0 / (fg.cbr().rate_kbps() * 1e3);
        }
        else if (fg.random_phase() && !fg.has_cbr())
        {
            errors.Add(path + ".random_phase",
                       "only ping and cbr flows have a period to draw a phase in");
        }
        DeterministicRng phase(MixSeed(world.Scenario().seed(), 0x7068617365000000ULL + g));
        auto add = [&](int from, int to)
        {
            PlannedFlow f;
            f.group = fg.name();
            f.groupIndex = g;
            f.from = from;
            f.to = to;
            f.start_s = start + (period_s > 0.0 ? period_s * phase.NextUniform() : 0.0);
            f.stop_s = stop;
            flows.push_back(f);
        };
        const auto& e = fg.endpoints();
        const std::string ep = path + ".endpoints";
        switch (e.selection_case())
        {
        case v1::Endpoints::kPair:
        {
            int a = world.Find(e.pair().from());
            int b = world.Find(e.pair().to());
            bool ok = true;
            for (auto [idx, name, field] :
                 {std::tuple{a, e.pair().from(), ".from"}, {b, e.pair().to(), ".to"}})
            {
                if (idx < 0 && world.IsUnbuilt(name))
                {
                    ok = false; // its own element has errors
                }
                else if (idx < 0 || nodes[idx].layer != v1::Node::GROUND)
                {
                    errors.Add(ep + ".pair" + field, "no ground site named '" + name + "'");
                    ok = false;
                }
            }
            if (ok && a == b)
            {
                errors.Add(ep + ".pair.to", "must differ from from");
                ok = false;
            }
            if (ok)
            {
                add(a, b);
            }
            break;
        }
        case v1::Endpoints::kToNearestCore:
        case v1::Endpoints::kFromNearestCore:
        {
            // Every selected site with its nearest CORE site (geodesic distance): uplink flows
            // (site -> core) or downlink flows (core -> site).
            const bool down = e.selection_case() == v1::Endpoints::kFromNearestCore;
            const std::string field = down ? ".from_nearest_core" : ".to_nearest_core";
            auto sites = SelectSites(
                world, down ? e.from_nearest_core() : e.to_nearest_core(), ep + field, errors);
            std::vector<int> cores;
            for (size_t i = 0; i < nodes.size(); ++i)
            {
                if (nodes[i].role == v1::Node::CORE)
                {
                    cores.push_back(static_cast<int>(i));
                }
            }
            if (cores.empty())
            {
                errors.Add(ep + field, "the scenario has no CORE site");
                break;
            }
            for (int s : sites)
            {
                int best = -1;
                double bestD = 0.0;
                for (int c : cores)
                {
                    double d = GeodesicDistance(nodes[s].site.lat_deg,
                                                nodes[s].site.lon_deg,
                                                nodes[c].site.lat_deg,
                                                nodes[c].site.lon_deg);
                    if (best < 0 || d < bestD)
                    {
                        best = c;
                        bestD = d;
                    }
                }
                if (best != s)
                {
                    if (down)
                    {
                        add(best, s);
                    }
                    else
                    {
                        add(s, best);
                    }
                }
            }
            break;
        }
        case v1::Endpoints::kSampledPairs:
        {
            const auto& sp = e.sampled_pairs();
            auto sites = SelectSites(world, sp.sites(), ep + ".sampled_pairs.sites", errors);
            const size_t n = sites.size();
            if (sp.count() < 1)
            {
                errors.Add(ep + ".sampled_pairs.count", "must be >= 1");
                break;
            }
            if (n < 2 || sp.count() > n * (n - 1))
            {
                errors.Add(ep + ".sampled_pairs.count",
                           "asks for " + std::to_string(sp.count()) + " distinct pairs of "
                               + std::to_string(n) + " sites");
                break;
            }
            DeterministicRng rng(
                MixSeed(world.Scenario().seed(), 0x7261666669630000ULL + sp.seed_offset() + g));
            std::set<std::pair<int, int>> chosen;
            while (chosen.size() < sp.count())
            {
                int i = static_cast<int>(rng.NextBelow(n));
                int j = static_cast<int>(rng.NextBelow(n - 1));
                if (j >= i)
                {
                    ++j;
                }
                if (chosen.insert({i, j}).second)
                {
                    add(sites[i], sites[j]);
                }
            }
            break;
        }
        case v1::Endpoints::SELECTION_NOT_SET:
            errors.Add(ep, "must set pair, to_nearest_core, from_nearest_core or sampled_pairs");
            break;
        }
    }
    return flows;
}

} // namespace sagin
