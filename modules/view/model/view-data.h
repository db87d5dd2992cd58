// What `sagin view` shows, sampled: the world's nodes, their ECEF positions at regular times and,
// under a standard, the links of its topology (the TopologyController the runs use) with the
// time steps during which each is up; and the static site that carries them to the browser.
#ifndef SAGIN_VIEW_VIEW_DATA_H
#define SAGIN_VIEW_VIEW_DATA_H

#include "routing/model/link-kind.h"
#include "routing/model/standard-policy.h"
#include "scenario/model/ephemeris.h"
#include "scenario/model/world.h"

#include <string>
#include <utility>
#include <vector>

namespace sagin
{

struct ViewNode
{
    std::string name;
    std::string role;  ///< RoleName(): sat, haps, uav, ut, gw, bs, core
    std::string layer; ///< space, air, ground
    int shell = -1;    ///< index into ViewData::shells for satellites
};

/// One link of the topology over the sampled steps: up at every step of each [first, last]
/// range (step indices, inclusive, increasing, disjoint and not adjacent).
struct ViewLink
{
    int a = -1; ///< node indices as SnapshotLink (a: forward transmitter)
    int b = -1;
    LinkKind kind = LinkKind::Isl;
    std::vector<std::pair<int, int>> up;
};

struct ViewData
{
    std::vector<ViewNode> nodes;
    std::vector<std::string> shells;
    std::vector<double> times; ///< s after the scenario epoch
    /// ECEF metres as float: [sample][node][x, y, z]; NaN where a node has no position.
    std::vector<float> positions;
    std::vector<ViewLink> links; ///< empty without a standard
    bool hasStandard = false;

    std::size_t Samples() const
    {
        return times.size();
    }
    /// Whether link `l` is up at sample `k`.
    bool Up(std::size_t l, int k) const;
};

/// Samples the world at start + k * step for k * step <= duration (EphemerisTimes: InputError
/// for a bad start, duration or step). With `policy`, positions and links come from one
/// TopologyController updated at every sample (its links: ISLs, feeders, backhaul, fiber and
/// the service link of each served terminal), a node the snapshot has no position for (failed)
/// where its trajectory has it; without, positions from the nodes' trajectories.
ViewData SampleView(const World& world,
                    const StandardPolicy* policy,
                    double start_s,
                    double duration_s,
                    double step_s);

/// The links of `data` for a CZML document (WriteEphemerisCzml): each range of samples
/// [first, last] during which a link is up becomes the interval from times[first] to
/// times[last + 1] (the controller's state holds until its next update; the last sample's time
/// when last is the last sample).
std::vector<EphemerisLink> EphemerisLinks(const ViewData& data);

/// What the page is told besides the data (names for its title, the epoch for its clock).
struct ViewSiteInfo
{
    std::string scenario;
    std::string standard; ///< empty without one
    std::string epochUtc; ///< ISO 8601 of the scenario epoch
    /// Files of a run copied into data/ (latency.csv, paths.csv, coverage.csv, summary.json) by
    /// their names.
    std::vector<std::string> resultFiles;
};

/// Writes `data/world.json` (nodes, shells, times, links) and `data/positions.bin` (the
/// positions, little-endian float32) into `dir` (which must exist).
void WriteViewData(const ViewData& data, const ViewSiteInfo& info, const std::string& dir);

/// The folder of the built web app (index.html, app.js, cesium/): $SAGIN_VIEWER_DIR when set,
/// else `<folder of the running executable>/../share/sagin/viewer`. Empty when neither holds an
/// index.html.
std::string FindViewerBundle();

/// Writes the whole static site into `out` (replaced atomically, ReplaceDirectory): the bundle
/// from `bundleDir`, the data, and the files of `resultsDir` that the page uses (those present
/// among latency.csv, paths.csv, coverage.csv, summary.json; recorded in info.resultFiles).
void WriteViewSite(const ViewData& data,
                   ViewSiteInfo info,
                   const std::string& bundleDir,
                   const std::string& resultsDir,
                   const std::string& out);

} // namespace sagin

#endif
