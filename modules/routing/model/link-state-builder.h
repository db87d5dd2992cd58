// Geometry and link state at one instant: which links of the standard are usable (visibility
// rule, range, line of sight, minimum C/N in the link model's mean mode) and their delay, rates
// and C/N. User-terminal access links are returned as candidates for the access policy.
//
// The same predicate (`EvaluateLink`) serves the topology controller, `paths` and the coverage
// engine, so a geometric and a packet-level run of one scenario see the same links.
#ifndef SAGIN_ROUTING_LINK_STATE_BUILDER_H
#define SAGIN_ROUTING_LINK_STATE_BUILDER_H

#include "core/model/geodesy.h"
#include "core/model/point-index.h"
#include "link/model/correlated-fading.h"
#include "link/model/rain-attenuation.h"
#include "link/model/rain-fade-series.h"
#include "link/model/sector-antenna.h"
#include "routing/model/standard-policy.h"
#include "routing/model/topology-snapshot.h"
#include "scenario/model/failure-plan.h"
#include "scenario/model/world.h"

#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

namespace sagin
{

/// A usable access link of a user terminal; `link.a` is the candidate serving node.
struct AccessCandidate
{
    SnapshotLink link;
    v1::Node::Layer layer = v1::Node::LAYER_UNSPECIFIED;
};

class LinkStateBuilder
{
  public:
    LinkStateBuilder(const World& world, const StandardPolicy& policy);
    ~LinkStateBuilder();
    LinkStateBuilder(LinkStateBuilder&&) noexcept;

    /// Positions of every node at t (NaN for a satellite SGP4 cannot propagate).
    void Positions(double t, std::vector<Vec3>& out) const;

    /// Every usable non-access link at t into `snapshot.links` (positions must be filled), and
    /// each user terminal's usable access candidates into `candidates` (indexed like
    /// `UserTerminals()`).
    /// BuildLinks then BuildCandidates.
    void Build(TopologySnapshot& snapshot,
               std::vector<std::vector<AccessCandidate>>& candidates) const;

    /// Every usable non-access link at t into `snapshot.links` (ISLs, BackhaulLinks, fiber).
    void BuildLinks(TopologySnapshot& snapshot) const;

    /// The backhaul links at these positions, appended to `out`: feeders (each gateway's usable
    /// satellites, best elevation first, at most max_gateway_links of them) and the aerial
    /// platforms' backhaul (air_space, air_ground) the standard allows.
    void BackhaulLinks(const std::vector<Vec3>& positions, std::vector<SnapshotLink>& out) const;

    /// The serving rule of relays, one for routing and coverage: `serve[node]`, whether it may
    /// serve user terminals given the links that carry traffic now. A transparent relay (bent-pipe
    /// satellite, relay platform) serves only while one of `links` is its backhaul (a feeder,
    /// air_ground or air_space link on its Up face), and a relay platform backhauled only through
    /// bent-pipe satellites only while one of those has a feeder. Other nodes always may.
    void CanServe(const std::vector<SnapshotLink>& links, std::vector<char>& serve) const;

    /// Each user terminal's usable access candidates (indexed like `UserTerminals()`) among the
    /// nodes CanServe(snapshot.links) allows: call after the links that carry traffic are known.
    void BuildCandidates(const TopologySnapshot& snapshot,
                         std::vector<std::vector<AccessCandidate>>& candidates) const;

    /// Evaluates one link of `kind` between `a` (forward transmitter, see SnapshotLink) and `b`
    /// at the given positions: true when usable, with `out` filled.
    bool EvaluateLink(
        LinkKind kind, int a, int b, const Vec3& pa, const Vec3& pb, SnapshotLink& out) const;

    /// The same predicate for a link between node `upper` and a point on (or above) the ground
    /// that is not a node (a coverage cell): `lower` with ellipsoid normal `lowerUp`. For
    /// service links the point plays the terminal. `out.b` is -1. `terminal` >= 0: the point is
    /// that user terminal (world node), whose links take their channel draws when the standard
    /// asks for RANDOM draws (EvaluateLink passes it). `site` >= 0: the point is that ground
    /// site (world node), whose rain time series applies once AdvanceRain has run (EvaluateLink
    /// passes the ground end of its link).
    bool EvaluateToPoint(LinkKind kind,
                         int upper,
                         const Vec3& pu,
                         const Vec3& lower,
                         const Vec3& lowerUp,
                         SnapshotLink& out,
                         int terminal = -1,
                         int site = -1) const;

    /// True when the scenario asks for rain as a time series (rain.time_series) and some place
    /// has rain.
    bool RainTimeSeries() const
    {
        return m_rainSeries;
    }

    /// Advances every ground site's rain process (RainFadeSeries, 1 s samples) to time t; from
    /// then on the Earth-space links whose ground end is a site fade by the process's value at
    /// t instead of the standard's availability percentile. The topology controller calls it
    /// before each BuildLinks; without it (the coverage engine) the percentile applies.
    void AdvanceRain(double t);

    /// Whether it rains (A > 0) at ground site `node` at the last AdvanceRain.
    bool Raining(int node) const;

    /// Whether rain took every feeder link of gateway `gw` down at these positions: it rains
    /// there, some satellite's feeder link closes in clear sky, and none closes with the site's
    /// fade now.
    bool RainOutage(int gw, const std::vector<Vec3>& positions) const;

    /// The visibility rule alone, the first test of EvaluateToPoint (which calls it): elevation
    /// mask with the shell's minimum, or the range rule. Cheap: no trigonometry, no C/N.
    bool Visible(
        LinkKind kind, int upper, const Vec3& pu, const Vec3& lower, const Vec3& lowerUp) const;

    /// True when EvaluateToPoint may refuse a visible link of `kind` from `upper` (its link model
    /// has a budget: C/N and rate conditions). When false, Visible() is the whole decision.
    bool HasLinkCondition(LinkKind kind, int upper) const;

    /// Whether a node is out of service at t (a scenario site failure or failure event), as
    /// the routing sees it: a failure counts from its start + the standard's
    /// routing.failure_detection_ms until its end. Positions() and the ISLs of BuildLinks use it.
    bool Failed(int node, double t) const;

    /// Whether the ISL between satellites a and b is out of service at t, as the routing sees it.
    bool IslFailed(int a, int b, double t) const;

    /// Whether node `node`, or the ISL between `node` and `peer` (peer -1: none), is out of
    /// service at t (really, without detection delay) by a failure the routing had not
    /// noticed at its update at `routingTime` (start + detection > routingTime): the data plane
    /// still sends over it and loses the packet (`failed_element`).
    bool FailedUnnoticed(int node, int peer, double t, double routingTime) const;

    /// True when the scenario has site failures or failure events.
    bool HasFailures() const
    {
        return m_hasFailures;
    }

    /// The scenario's failure events resolved (ResolveFailures), random draws included.
    const std::vector<FailureInterval>& FailureIntervals() const
    {
        return m_intervals;
    }

    /// The user terminals of the world (node indices), in the order of `candidates`.
    const std::vector<int>& UserTerminals() const
    {
        return m_uts;
    }

    /// ISL pairs of the standard's topology (node indices), before range checks.
    const std::vector<std::pair<int, int>>& IslPairs() const
    {
        return m_islPairs;
    }

    const World& GetWorld() const
    {
        return m_world;
    }

    const StandardPolicy& Policy() const
    {
        return m_policy;
    }

    /// Minimum elevation (deg) for a link of `kind` whose upper end is node `upper`.
    double MaskDeg(LinkKind kind, int upper) const;

    /// The central angle (rad) of a spherical cap around node `upper`, at `upperRadius` (m) from
    /// the Earth's centre, outside which no point at a distance in [minPointRadius,
    /// maxPointRadius] passes the visibility rule of a `kind` link (mask or range; pi when
    /// nothing can be excluded). The spatial indexes of the coverage engine and of BuildCandidates
    /// query by it.
    double FootprintAngle(LinkKind kind,
                          int upper,
                          double upperRadius,
                          double minPointRadius,
                          double maxPointRadius) const;

    /// Candidate search over every satellite for every terminal (true) instead of the spatial
    /// index of the terminals (the default when they are fixed): the same candidates, slower.
    void SetBruteForce(bool bruteForce)
    {
        m_bruteForce = bruteForce;
    }

  private:
    /// The draw of one terminal-link at the terminal's position `at`: LOS state and standard-
    /// normal shadowing z (CorrelatedFading with sigmas 1), advanced by the distance the terminal
    /// moved since the link's previous draw.
    FadingSample Draw(const LinkKindModel& model,
                      const LinkBudget& budget,
                      int terminal,
                      int upper,
                      const Vec3& at,
                      double pLos) const;

    /// The terminal-links' draw histories (RANDOM draws), created on first use; by
    /// (terminal x nodes + upper). Guarded: EvaluateLink is const and may run on several threads.
    struct DrawState;
    std::unique_ptr<DrawState> m_draws;

    /// MaskDeg for a node of satellite shell `shell` (-1: not a satellite).
    double MaskDegOf(LinkKind kind, int shell) const;
    void BuildIslPairs();

    const World& m_world;
    const StandardPolicy& m_policy;
    std::vector<int> m_sats;
    std::vector<int> m_aerial;
    std::vector<int> m_uts;
    std::vector<int> m_gws;
    std::vector<int> m_bss;
    std::vector<double> m_shellMaskDeg; ///< per shell
    /// sin(MaskDegOf(kind, shell)) by kind: [0] for nodes of no shell, [s + 1] for shell s.
    std::array<std::vector<double>, kLinkKindCount> m_sinMask;
    std::vector<std::pair<int, int>> m_islPairs;
    std::vector<Vec3> m_fixedUp; ///< ellipsoid normal of fixed nodes (zero for moving)
    /// The user terminals' positions (index = position in m_uts), when every terminal is fixed.
    std::unique_ptr<PointIndex> m_utIndex;
    bool m_bruteForce = false;

    /// Out-of-service intervals [start, end) of each node (site_failures and failure events).
    std::vector<std::vector<std::pair<double, double>>> m_nodeDown;
    /// Out-of-service intervals of ISLs, by the pair's key (smaller node << 32 | larger).
    std::unordered_map<std::uint64_t, std::vector<std::pair<double, double>>> m_islDown;
    std::vector<FailureInterval> m_intervals;
    bool m_hasFailures = false;
    double m_detection_s = 0.0; ///< routing.failure_detection_ms in s

    /// Base stations with sectors: their local frame and one antenna per sector.
    struct Sectors
    {
        EnuFrame frame;
        std::vector<SectorAntenna> antennas;
    };

    /// The rain of the scenario's climate at a link's ground end `ground` (ECEF): R_0.01 and
    /// h_0 of the last region containing it (else the scenario-wide values), its latitude and
    /// height, at exceedance `exceedancePercent`.
    /// With `series`, also its P_rain (rainProbabilityPercent, NaN when none is given).
    RainParameters RainAt(const Vec3& ground, double exceedancePercent, bool series = false) const;
    bool m_rainClimate = false; ///< some place of the scenario has R_0.01 > 0

    /// EvaluateToPoint, in clear sky when `clearSky` (RainOutage's reference).
    bool EvaluatePoint(LinkKind kind,
                       int upper,
                       const Vec3& pu,
                       const Vec3& lower,
                       const Vec3& lowerUp,
                       SnapshotLink& out,
                       int terminal,
                       int site,
                       bool clearSky) const;

    /// One ground site's rain time series: its climate with P_rain and, in rainDeviate, the
    /// process's value at the last AdvanceRain (NaN before it), and the rain threshold alpha.
    struct SiteRain
    {
        std::unique_ptr<RainFadeSeries> series; ///< null: not a site, or no rain there
        RainParameters climate;
        double threshold = 0.0;
    };
    std::vector<SiteRain> m_siteRain; ///< by world node; empty without the time series
    bool m_rainSeries = false;

    std::vector<std::unique_ptr<Sectors>> m_sectors; ///< by world node (null: omni)
    /// Loss (dB, <= 0) of the best sector of base station `bs` toward direction `d` (ECEF).
    double SectorLossDb(int bs, const Vec3& d) const;
};

} // namespace sagin

#endif
