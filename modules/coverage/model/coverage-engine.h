// The coverage engine: at each time step, how many nodes can serve each coverage point (grid
// cell or site), per layer and combined under the standard's rules, and the time statistics of
// that over a run. The one coverage code path of `sagin coverage` and `sagin run`.
//
// A node can serve a point when `LinkStateBuilder::EvaluateToPoint` accepts the service link of
// its layer (satellites: ServiceSpace, HAPS and UAVs: ServiceAir, base stations: ServiceGround):
// elevation mask (with the shell's own minimum) or range rule, and the minimum C/N in the link
// model's mean mode. Only layers the standard allows count, and only satellites of the orbit
// classes it uses (space_orbits). On top of that:
// - transparent relays serve by the routing's rule (LinkStateBuilder::BackhaulLinks and
//   CanServe, once per step): a bent-pipe satellite only while it has a feeder link (within its
//   gateways' max_gateway_links), a relay HAPS / UAV only while it has a backhaul the standard
//   allows (air-ground to a gateway or base station; air-space to a satellite, which with a
//   transparent payload must have a feeder itself). HAPS / UAVs in the base-station role need
//   no backhaul. Acquisition times are not applied (coverage keeps no link history).
// - a node without a position (a failed site) serves nothing; a site whose node failed is not
//   served.
//
// Spot beams (the standard's BeamLayout, StandardPolicy::shellBeams): each satellite with beams
// also sums its beams' received powers per colour at the points it serves or can interfere with,
// and each point's SINR is that of the strongest serving satellite's best beam against the
// co-channel power of all of them and the noise (docs/models.md#spot-beams).
//
// Speed: each serving node visits only the points inside a spherical cap that bounds its
// footprint (from its layer's mask or range), found through a latitude/longitude index of the
// points. Points are split into chunks of latitude bins owned by one task each: counts are
// integers per point, so the result does not depend on the number of threads. Nothing is
// allocated per step but the backhaul links of a standard with transparent relays.
#ifndef SAGIN_COVERAGE_COVERAGE_ENGINE_H
#define SAGIN_COVERAGE_COVERAGE_ENGINE_H

#include "core/model/point-index.h"
#include "coverage/model/coverage-point.h"
#include "coverage/model/worker-pool.h"
#include "routing/model/link-state-builder.h"
#include "sagin/v1/result.pb.h"

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <ostream>
#include <vector>

namespace sagin
{

/// Layers of the per-point statistics: space, air, ground, and any of them.
enum CoverageLayer
{
    kCoverSpace = 0,
    kCoverAir = 1,
    kCoverGround = 2,
    kCoverCombined = 3,
};

/// The time statistics of one point.
struct PointCoverage
{
    std::array<double, 4> availability{}; ///< fraction of the sampled time served, by CoverageLayer
    double longestOutage_s = 0.0; ///< longest run of unserved samples (sum of their weights)
    double outageTime_s = 0.0;    ///< total unserved time
    std::uint32_t outages = 0;    ///< runs of unserved samples
    double meanServing = 0.0;     ///< time-weighted mean number of serving nodes (combined)
    std::uint32_t minServing = 0; ///< fewest serving nodes at any sample (combined)
    // Spot beams (the standard has a BeamLayout):
    double sinrAvailability = 0.0;    ///< fraction of the sampled time with SINR >= threshold
    double sinrTime_s = 0.0;          ///< time with a serving satellite with beams (SINR defined)
    double sinrMean_db = 0.0;         ///< time-weighted mean SINR over sinrTime_s
    double sinrMin_db = 0.0;          ///< lowest SINR at any such sample
    double couplingLossMean_db = 0.0; ///< time-weighted mean coupling loss of the serving beam
    double sirMean_db = 0.0;          ///< time-weighted mean SIR (dB; +inf when ever unbounded)
};

class CoverageEngine
{
  public:
    /// `threads` >= 1 (the calling thread included). The builder (and its world and policy) must
    /// outlive the engine.
    CoverageEngine(const LinkStateBuilder& builder,
                   std::vector<CoveragePoint> points,
                   int threads = 1);
    ~CoverageEngine();

    /// Evaluates every point at time t (`positions`: every world node's ECEF position at t, as
    /// `LinkStateBuilder::Positions` gives them) and adds the sample with weight `weight_s` (the
    /// time it stands for).
    void Sample(double t, const std::vector<Vec3>& positions, double weight_s);

    /// Reference mode for benchmarks and tests: every serving node against every point, with
    /// the same predicate and the same threads (no spatial index).
    void SetBruteForce(bool bruteForce)
    {
        m_bruteForce = bruteForce;
    }

    /// Sum every beam of a satellite that only interferes at a point exactly, instead of from
    /// its payload's tabulated grid (CellPayload::ColourPowers): the reference the grid is
    /// measured against. Serving satellites are always summed exactly.
    void SetExactInterference(bool exact)
    {
        m_exactInterference = exact;
    }

    /// Largest interference grid a payload may tabulate (bytes); beyond it, exact sums.
    static constexpr std::size_t kInterferenceGridMaxBytes = 64u << 20;

    const std::vector<CoveragePoint>& Points() const
    {
        return m_points;
    }
    /// The link-state builder (and through it the world and the standard) the engine evaluates.
    const LinkStateBuilder& Builder() const
    {
        return m_builder;
    }

    /// Statistics of point i (in the order of the constructor's vector).
    PointCoverage Result(size_t i) const;

    std::uint64_t Samples() const
    {
        return m_samples;
    }

    double SampledTime() const
    {
        return m_totalWeight;
    }

    /// Whether the standard gives spot beams (SINR statistics and columns).
    bool HasBeams() const
    {
        return m_beams;
    }

    /// Replaces every shell's SINR threshold (tests: -inf makes SINR coverage visibility).
    void SetSinrThresholdForTest(double db)
    {
        m_thresholdOverride = db;
    }

    /// Serving-node evaluations (EvaluateToPoint calls) so far.
    std::uint64_t Evaluations() const;

    /// The coverage keys of a result (see README.md for each definition).
    void FillSummary(v1::CoverageSummary& out) const;

    /// coverage.csv: kind,name,lat_deg,lon_deg,area_weight,population,availability_space,
    /// availability_air,availability_ground,availability_combined,longest_outage_s,outages,
    /// mean_serving,min_serving (one row per point, in the constructor's order); with spot beams
    /// also availability_sinr,sinr_mean_db,sinr_min_db,coupling_loss_mean_db,sir_mean_db (empty
    /// when no sample had a serving satellite with beams).
    void WriteCsv(std::ostream& os) const;

  private:
    struct Server
    {
        int node;
        LinkKind kind;
        int layer; ///< CoverageLayer
    };

    void PrepareServers(int task);
    void CountChunk(int task);
    void SinrOfPoint(int k, int task);
    void FillSinr(v1::SinrCoverage& out,
                  const std::vector<PointCoverage>& results,
                  double areaSum,
                  bool anyPopulation) const;

    const LinkStateBuilder& m_builder;
    std::vector<CoveragePoint> m_points;
    WorkerPool m_pool;
    bool m_bruteForce = false;
    bool m_exactInterference = false;

    // Points by sorted (index) position.
    PointIndex m_index;
    std::vector<Vec3> m_pos;
    std::vector<Vec3> m_up;
    std::vector<int> m_siteNode; ///< world node of a site, -1 for cells
    std::vector<int> m_chunkBin; ///< chunk c owns bins [m_chunkBin[c], m_chunkBin[c + 1])

    // Serving candidates and their state at the current step.
    std::vector<Server> m_servers;
    bool m_needBackhaul = false;               ///< some server is a transparent relay
    std::vector<SnapshotLink> m_backhaulLinks; ///< this step's (LinkStateBuilder::BackhaulLinks)
    std::vector<char> m_canServe;              ///< by world node (LinkStateBuilder::CanServe)
    std::vector<char> m_budget;
    std::vector<char> m_active;   ///< by server
    std::vector<IndexCap> m_caps; ///< by server
    std::vector<std::uint64_t> m_chunkEvaluations;

    // Per-step counts and accumulated statistics, by sorted position.
    std::vector<std::array<std::uint32_t, 3>> m_count;
    std::vector<std::array<double, 4>> m_served;
    std::vector<double> m_servingSum;
    std::vector<std::uint32_t> m_minServing;
    std::vector<double> m_currentOutage;
    std::vector<double> m_longestOutage;
    std::vector<double> m_outageTime;
    std::vector<std::uint32_t> m_outages;
    std::vector<char> m_inOutage;
    std::vector<int> m_slot; ///< point index -> sorted position

    // Spot beams (StandardPolicy::shellBeams): per server its payload (placed each step), and per
    // point the step's received powers per co-channel group and colour, the strongest serving
    // satellite, and the accumulated SINR statistics.
    bool m_beams = false;
    int m_groups = 0;
    double m_thresholdOverride = std::numeric_limits<double>::quiet_NaN();
    std::vector<const ShellBeams*> m_serverBeams;         ///< by server; null: no beams
    std::vector<std::unique_ptr<CellPayload>> m_payloads; ///< by server with beams
    std::vector<int> m_payloadOf;                         ///< server -> m_payloads index, -1: none
    /// By server: its terminal's antenna gain less its extra loss (linear), which scales the
    /// powers a point receives (summed for a 0 dBi antenna) when this server's terminal is the
    /// victim.
    std::vector<double> m_rxFactor;
    std::vector<double> m_power;    ///< point x group x colour (W, 0 dBi terminal)
    std::vector<BeamPowers> m_best; ///< by point: strongest serving beam's powers (its rx)
    std::vector<int> m_bestServer;  ///< by point: its server, -1: none
    std::vector<std::vector<double>> m_siteSamples; ///< by chunk: coupling loss, SIR, SINR of sites
    std::vector<double> m_sinrServed;
    std::vector<double> m_sinrTime;
    std::vector<double> m_sinrSum;
    std::vector<double> m_sinrMin;
    std::vector<double> m_couplingSum;
    std::vector<double> m_sirSum;
    std::vector<std::vector<double>> m_sinrHistogram; ///< by chunk: area x time per 0.1 dB bin
    std::vector<std::uint64_t> m_sinrCellSamples;     ///< by chunk

    // The step being sampled.
    const std::vector<Vec3>* m_stepPositions = nullptr;
    double m_stepTime = 0.0;
    double m_stepWeight = 0.0;
    double m_totalWeight = 0.0;
    std::uint64_t m_samples = 0;
};

} // namespace sagin

#endif
