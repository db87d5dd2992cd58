// Path and latency between pairs of ground sites over time, as `sagin paths` (and PATHS study
// runs) report it: the controller is stepped in time order and each pair's forward and return
// paths are read off the forwarding state at the same instant.
#ifndef SAGIN_ROUTING_PATH_SERIES_H
#define SAGIN_ROUTING_PATH_SERIES_H

#include "routing/model/topology-controller.h"

#include <functional>
#include <ostream>
#include <utility>
#include <vector>

namespace sagin
{

struct PathSample
{
    double t_s = 0.0;
    int src = -1;
    int dst = -1;
    PathResult forward;
    PathResult reverse;

    /// Both directions reachable: the round trip is defined.
    bool RoundTrip() const
    {
        return forward.reachable && reverse.reachable;
    }

    double Rtt_s() const
    {
        return forward.Latency() + reverse.Latency();
    }
};

/// Every unordered pair (i < j) of a list of sites.
std::vector<std::pair<int, int>> AllPairs(const std::vector<int>& sites);

/// Updates the controller at t = start + k * step for k = 0 .. steps and calls `sink` for every
/// pair at every step (then `afterStep(k)`, for progress).
void SamplePaths(TopologyController& controller,
                 const std::vector<std::pair<int, int>>& pairs,
                 double start,
                 double step,
                 long steps,
                 const std::function<void(const PathSample&)>& sink,
                 const std::function<void(long)>& afterStep = {});

/// The CSV of `sagin paths`: header `t_s,src,dst,rtt_ms,one_way_ms,hops,path`, and one row
/// (`rtt_ms` empty and `hops` 0 without a path).
extern const char* const kPathsCsvHeader;
void WritePathsCsvRow(std::ostream& os, const World& world, const PathSample& s);

/// The node names of a path joined by '>' (empty when unreachable).
std::string PathText(const World& world, const PathResult& path);

} // namespace sagin

#endif
