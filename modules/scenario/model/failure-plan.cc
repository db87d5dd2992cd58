#include "scenario/model/failure-plan.h"

#include "core/model/deterministic-rng.h"
#include "scenario/model/traffic-plan.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace sagin
{

namespace
{

int
ShellNamed(const World& world, const std::string& name)
{
    const auto& shells = world.Shells();
    for (size_t i = 0; i < shells.size(); ++i)
    {
        if (shells[i].name == name)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace

std::vector<FailureInterval>
ResolveFailures(const World& world,
                const std::vector<std::pair<int, int>>& islPairs,
                double horizon_s,
                ErrorList* errors,
                const std::vector<char>& skip)
{
    const auto& scenario = world.Scenario();
    const auto& nodes = world.Nodes();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<FailureInterval> out;
    ErrorList ignored;
    ErrorList& errs = errors ? *errors : ignored;
    for (int i = 0; i < scenario.failures_size(); ++i)
    {
        if (i < static_cast<int>(skip.size()) && skip[i])
        {
            continue;
        }
        const auto& f = scenario.failures(i);
        const std::string path = "failures[" + std::to_string(i) + "]";
        FailureInterval base;
        base.event = f.name().empty() ? path : f.name();
        base.start_s = f.start_s();
        base.end_s = f.end_s() > 0.0 ? f.end_s() : inf;
        auto addNode = [&](int node)
        {
            FailureInterval x = base;
            x.node = node;
            out.push_back(x);
        };
        // The shell called `name` (its index), with an error under `at` when there is none.
        auto shellAt = [&](const std::string& name, const std::string& at)
        {
            const int sh = ShellNamed(world, name);
            if (sh < 0 && !world.IsUnbuilt(name))
            {
                errs.Add(at, "no shell named '" + name + "'");
            }
            return sh;
        };
        // Stream of the draws of this event: its index, so events draw independently.
        const std::uint64_t stream = static_cast<std::uint64_t>(i) << 32;
        switch (f.target_case())
        {
        case v1::FailureEvent::kSatellites:
        {
            const auto& sf = f.satellites();
            const std::string q = path + ".satellites";
            if (sf.selection_case() == v1::SatelliteFailure::kNames)
            {
                std::istringstream in(sf.names());
                std::string name;
                while (std::getline(in, name, ','))
                {
                    const int idx = world.Find(name);
                    if (idx >= 0 && nodes[idx].role == v1::Node::SAT)
                    {
                        addNode(idx);
                    }
                    else if (!(idx < 0 && world.IsUnbuilt(name)))
                    {
                        errs.Add(q + ".names", "no satellite named '" + name + "'");
                    }
                }
            }
            else if (sf.selection_case() == v1::SatelliteFailure::kShellIndices)
            {
                const auto& si = sf.shell_indices();
                const int sh = shellAt(si.shell(), q + ".shell_indices.shell");
                for (int k = 0; sh >= 0 && k < si.indices_size(); ++k)
                {
                    const auto& members = world.Shells()[sh].nodes;
                    if (si.indices(k) >= members.size())
                    {
                        errs.Add(q + ".shell_indices.indices[" + std::to_string(k) + "]",
                                 "must be < " + std::to_string(members.size())
                                     + " (satellites of shell '" + si.shell() + "'), got "
                                     + std::to_string(si.indices(k)));
                        continue;
                    }
                    addNode(members[si.indices(k)]);
                }
            }
            else if (sf.selection_case() == v1::SatelliteFailure::kRandom)
            {
                const auto& r = sf.random();
                const int sh = shellAt(r.shell(), q + ".random.shell");
                if (sh < 0 || !(r.mtbf_h() > 0.0) || errors)
                {
                    break; // validation needs no draws
                }
                const double mtbf_s = r.mtbf_h() * 3600.0;
                const double windowEnd = std::min(base.end_s, horizon_s);
                const auto& members = world.Shells()[sh].nodes;
                for (size_t k = 0; k < members.size(); ++k)
                {
                    // Alternating renewal: up for an exponential time, down for repair_s.
                    DeterministicRng rng(MixSeed(scenario.seed(), stream | k));
                    double t = base.start_s;
                    for (;;)
                    {
                        const double u = rng.NextUniform();
                        t += -mtbf_s * std::log1p(-u);
                        if (!(t < windowEnd))
                        {
                            break;
                        }
                        FailureInterval x = base;
                        x.node = members[k];
                        x.start_s = t;
                        x.end_s = r.repair_s() > 0.0 ? t + r.repair_s() : base.end_s;
                        out.push_back(x);
                        if (!(r.repair_s() > 0.0))
                        {
                            break;
                        }
                        t = x.end_s;
                    }
                }
            }
            break;
        }
        case v1::FailureEvent::kSites:
            if (f.sites().has_sites())
            {
                for (int node : SelectSites(world, f.sites().sites(), path + ".sites.sites", errs))
                {
                    addNode(node);
                }
            }
            break;
        case v1::FailureEvent::kIsls:
        {
            const auto& isl = f.isls();
            if (isl.selection_case() == v1::IslFailure::kPair)
            {
                int ends[2] = {world.Find(isl.pair().a()), world.Find(isl.pair().b())};
                const std::string names[2] = {isl.pair().a(), isl.pair().b()};
                bool ok = true;
                for (int e = 0; e < 2; ++e)
                {
                    if (ends[e] < 0 || nodes[ends[e]].role != v1::Node::SAT)
                    {
                        ok = false;
                        if (!(ends[e] < 0 && world.IsUnbuilt(names[e])))
                        {
                            errs.Add(path + ".isls.pair." + (e == 0 ? "a" : "b"),
                                     "no satellite named '" + names[e] + "'");
                        }
                    }
                }
                if (ok && ends[0] != ends[1])
                {
                    FailureInterval x = base;
                    x.islA = std::min(ends[0], ends[1]);
                    x.islB = std::max(ends[0], ends[1]);
                    out.push_back(x);
                }
            }
            else if (isl.selection_case() == v1::IslFailure::kRandom)
            {
                const int sh = shellAt(isl.random().shell(), path + ".isls.random.shell");
                if (sh < 0 || errors)
                {
                    break;
                }
                DeterministicRng rng(MixSeed(scenario.seed(), stream | 0xFFFFFFFFULL));
                for (auto [a, b] : islPairs)
                {
                    if (nodes[a].shell != sh || nodes[b].shell != sh)
                    {
                        continue;
                    }
                    if (rng.NextUniform() < isl.random().fraction())
                    {
                        FailureInterval x = base;
                        x.islA = std::min(a, b);
                        x.islB = std::max(a, b);
                        out.push_back(x);
                    }
                }
            }
            break;
        }
        case v1::FailureEvent::TARGET_NOT_SET:
            break;
        }
    }
    return out;
}

} // namespace sagin
