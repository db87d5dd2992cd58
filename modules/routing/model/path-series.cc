#include "routing/model/path-series.h"

#include "core/model/text-format.h"

namespace sagin
{

const char* const kPathsCsvHeader = "t_s,src,dst,rtt_ms,one_way_ms,hops,path\n";

std::vector<std::pair<int, int>>
AllPairs(const std::vector<int>& sites)
{
    std::vector<std::pair<int, int>> pairs;
    for (size_t i = 0; i < sites.size(); ++i)
    {
        for (size_t j = i + 1; j < sites.size(); ++j)
        {
            pairs.emplace_back(sites[i], sites[j]);
        }
    }
    return pairs;
}

void
SamplePaths(TopologyController& controller,
            const std::vector<std::pair<int, int>>& pairs,
            double start,
            double step,
            long steps,
            const std::function<void(const PathSample&)>& sink,
            const std::function<void(long)>& afterStep)
{
    PathSample s;
    for (long k = 0; k <= steps; ++k)
    {
        s.t_s = start + k * step;
        controller.Update(s.t_s);
        for (auto [a, b] : pairs)
        {
            s.src = a;
            s.dst = b;
            s.forward = controller.Path(a, b);
            s.reverse = controller.Path(b, a);
            sink(s);
        }
        if (afterStep)
        {
            afterStep(k);
        }
    }
}

std::string
PathText(const World& world, const PathResult& path)
{
    std::string text;
    if (!path.reachable)
    {
        return text;
    }
    for (size_t i = 0; i < path.nodes.size(); ++i)
    {
        text += (i ? ">" : "") + world.Nodes()[path.nodes[i]].name;
    }
    return text;
}

void
WritePathsCsvRow(std::ostream& os, const World& world, const PathSample& s)
{
    const auto& nodes = world.Nodes();
    os << Fixed(s.t_s, 3) << ',' << nodes[s.src].name << ',' << nodes[s.dst].name << ',';
    if (s.RoundTrip())
    {
        os << Fixed(s.Rtt_s() * 1e3, 6);
    }
    os << ',';
    if (s.forward.reachable)
    {
        os << Fixed(s.forward.Latency() * 1e3, 6);
    }
    os << ',' << (s.forward.reachable ? s.forward.links.size() : 0) << ',' << CsvField(PathText(world, s.forward))
       << '\n';
}

} // namespace sagin
