#include "coverage/model/coverage-engine.h"

#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "core/model/text-format.h"
#include "metrics/model/statistics.h"
#include "routing/model/beam-field.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace sagin
{

namespace
{

/// Point chunks per step (work units of the threads), at least this many. Counts do not depend
/// on the chunking: each point's count is a sum of integers over the same servers.
constexpr int kMinChunks = 16;
/// Node ranges of the per-step preparation.
constexpr int kNodeTasks = 16;

bool
HasPosition(const Vec3& p)
{
    return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
}

int
CoverLayerOf(v1::Node::Layer layer)
{
    switch (layer)
    {
    case v1::Node::SPACE:
        return kCoverSpace;
    case v1::Node::AIR:
        return kCoverAir;
    default:
        return kCoverGround;
    }
}

/// SINR histogram of the summary percentiles: 0.1 dB bins from -50 dB.
constexpr double kSinrLow_db = -50.0;
constexpr double kSinrBin_db = 0.1;
constexpr int kSinrBins = 1500;

} // namespace

CoverageEngine::CoverageEngine(const LinkStateBuilder& builder,
                               std::vector<CoveragePoint> points,
                               int threads)
    : m_builder(builder)
    , m_points(std::move(points))
    , m_pool(std::max(1, threads))
{
    const size_t n = m_points.size();
    std::vector<Vec3> ecef(n);
    for (size_t i = 0; i < n; ++i)
    {
        const auto& p = m_points[i];
        ecef[i] = GeodeticToEcef({p.lat_deg, p.lon_deg, p.alt_m});
    }
    m_index = PointIndex(ecef);
    const auto& order = m_index.Order();
    m_pos.resize(n);
    m_up.resize(n);
    m_siteNode.resize(n);
    m_slot.resize(n);
    for (size_t k = 0; k < n; ++k)
    {
        m_slot[order[k]] = static_cast<int>(k);
        const auto& p = m_points[order[k]];
        m_pos[k] = ecef[order[k]];
        m_up[k] = UpVector(p.lat_deg, p.lon_deg);
        m_siteNode[k] = p.isCell ? -1 : p.node;
    }
    // Chunks of whole bins with about n / kChunks points each.
    const int bins = m_index.Bins();
    m_chunkBin.push_back(0);
    const size_t chunks = static_cast<size_t>(std::max(kMinChunks, 4 * m_pool.Threads()));
    const size_t target = std::max<size_t>(1, (n + chunks - 1) / chunks);
    for (int b = 0; b < bins; ++b)
    {
        const size_t inChunk = m_index.BinBegin(b + 1) - m_index.BinBegin(m_chunkBin.back());
        if (inChunk >= target && b + 1 < bins)
        {
            m_chunkBin.push_back(b + 1);
        }
    }
    m_chunkBin.push_back(bins);
    m_chunkEvaluations.assign(m_chunkBin.size() - 1, 0);

    // Serving candidates of the allowed layers, and the nodes their backhaul rules look at.
    const StandardPolicy& policy = builder.Policy();
    const auto& nodes = builder.GetWorld().Nodes();
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto& node = nodes[i];
        const int idx = static_cast<int>(i);
        switch (node.role)
        {
        case v1::Node::SAT:
            if (!policy.Uses(node))
            {
                break; // a satellite of an orbit class the standard does not use
            }
            if (policy.layerAllowed[v1::Node::SPACE])
            {
                m_servers.push_back({idx, LinkKind::ServiceSpace, kCoverSpace});
            }
            break;
        case v1::Node::HAPS:
        case v1::Node::UAV:
            if (policy.layerAllowed[v1::Node::AIR])
            {
                m_servers.push_back({idx, LinkKind::ServiceAir, CoverLayerOf(v1::Node::AIR)});
            }
            break;
        case v1::Node::BS:
            if (policy.layerAllowed[v1::Node::GROUND])
            {
                m_servers.push_back({idx, LinkKind::ServiceGround, kCoverGround});
            }
            break;
        default:
            break;
        }
    }
    m_needBackhaul = std::any_of(m_servers.begin(),
                                 m_servers.end(),
                                 [&](const Server& s)
                                 {
                                     return policy.IsTransparentRelay(nodes[s.node].role);
                                 });
    m_active.assign(m_servers.size(), 0);
    for (const auto& sv : m_servers)
    {
        m_budget.push_back(builder.HasLinkCondition(sv.kind, sv.node));
    }
    m_caps.resize(m_servers.size());

    // Spot beams: a payload per satellite of a shell with beams and per HAPS with cells.
    m_payloadOf.assign(m_servers.size(), -1);
    m_serverBeams.assign(m_servers.size(), nullptr);
    m_rxFactor.assign(m_servers.size(), 1.0);
    // One prototype per payload of the standard, with its interference grid tabulated once
    // (CellPayload::TabulateColourSums) and shared by every platform's clone.
    std::map<const CellPayload*, std::unique_ptr<CellPayload>> prototypes;
    for (size_t i = 0; i < m_servers.size(); ++i)
    {
        const int node = m_servers[i].node;
        const ShellBeams* beams = policy.BeamsOf(node, nodes[node]);
        if (beams == nullptr)
        {
            continue;
        }
        m_serverBeams[i] = beams;
        m_payloadOf[i] = static_cast<int>(m_payloads.size());
        auto& prototype = prototypes[beams->payload.get()];
        if (!prototype)
        {
            prototype = beams->payload->Clone();
            prototype->TabulateColourSums(kInterferenceGridMaxBytes);
        }
        m_payloads.push_back(prototype->Clone());
        m_rxFactor[i] = std::pow(10.0, (beams->rx.gainDbi - beams->rx.additionalLossDb) / 10.0);
    }
    m_beams = !m_payloads.empty();
    if (m_beams)
    {
        m_groups = std::max(1, policy.beamGroups);
        m_power.assign(n * m_groups * 4, 0.0);
        m_best.assign(n, BeamPowers{});
        m_bestServer.assign(n, -1);
        m_couplingSum.assign(n, 0.0);
        m_sirSum.assign(n, 0.0);
        m_siteSamples.assign(m_chunkBin.size() - 1, {});
        m_sinrServed.assign(n, 0.0);
        m_sinrTime.assign(n, 0.0);
        m_sinrSum.assign(n, 0.0);
        m_sinrMin.assign(n, std::numeric_limits<double>::infinity());
        m_sinrHistogram.assign(m_chunkBin.size() - 1, std::vector<double>(kSinrBins, 0.0));
        m_sinrCellSamples.assign(m_chunkBin.size() - 1, 0);
    }

    m_count.assign(n, {0, 0, 0});
    m_served.assign(n, {0.0, 0.0, 0.0, 0.0});
    m_servingSum.assign(n, 0.0);
    m_minServing.assign(n, std::numeric_limits<std::uint32_t>::max());
    m_currentOutage.assign(n, 0.0);
    m_longestOutage.assign(n, 0.0);
    m_outageTime.assign(n, 0.0);
    m_outages.assign(n, 0);
    m_inOutage.assign(n, 0);
}

CoverageEngine::~CoverageEngine() = default;

void
CoverageEngine::Sample(double t, const std::vector<Vec3>& positions, double weight_s)
{
    m_stepPositions = &positions;
    m_stepTime = t;
    m_stepWeight = weight_s;

    // Which nodes may serve: a bent pipe or relay platform only with a backhaul, by the rule
    // routing uses (LinkStateBuilder::BackhaulLinks and CanServe: max_gateway_links included).
    if (m_needBackhaul)
    {
        m_backhaulLinks.clear();
        m_builder.BackhaulLinks(positions, m_backhaulLinks);
        m_builder.CanServe(m_backhaulLinks, m_canServe);
    }

    // Which candidates serve at this step, and the caps bounding their footprints.
    auto prepare = [&](int task)
    {
        PrepareServers(task);
    };
    m_pool.Run(kNodeTasks, prepare);

    // Counts per point, then the statistics, chunk by chunk.
    auto count = [&](int task)
    {
        CountChunk(task);
    };
    m_pool.Run(static_cast<int>(m_chunkBin.size()) - 1, count);

    m_totalWeight += weight_s;
    ++m_samples;
}

void
CoverageEngine::PrepareServers(int task)
{
    const std::vector<Vec3>& positions = *m_stepPositions;
    const size_t n = m_servers.size();
    for (size_t i = n * task / kNodeTasks; i < n * (task + 1) / kNodeTasks; ++i)
    {
        const Server& s = m_servers[i];
        const Vec3& p = positions[s.node];
        bool active = HasPosition(p);
        if (active && m_needBackhaul)
        {
            active = m_canServe[s.node] != 0;
        }
        m_active[i] = active;
        if (!active)
        {
            continue;
        }
        double angle = kPi;
        if (!m_bruteForce)
        {
            angle = m_builder.FootprintAngle(
                s.kind, s.node, Norm(p), m_index.MinRadius(), m_index.MaxRadius());
        }
        if (m_payloadOf[i] >= 0)
        {
            CellPayload& payload = *m_payloads[m_payloadOf[i]];
            // Earth-moving beams, quasi-Earth-fixed cells, a base station's fixed cells.
            PlacePayload(payload, m_builder.GetWorld().Nodes()[s.node], p, m_stepTime);
            if (!m_bruteForce)
            {
                angle = std::max(angle, payload.ReachCentralAngleRad(m_index.MinRadius()));
            }
        }
        m_caps[i] = m_index.MakeCap(p, angle);
    }
}

void
CoverageEngine::CountChunk(int task)
{
    const int b0 = m_chunkBin[task];
    const int b1 = m_chunkBin[task + 1];
    const int k0 = m_index.BinBegin(b0);
    const int k1 = m_index.BinBegin(b1);
    if (k0 == k1)
    {
        return;
    }
    const std::vector<Vec3>& positions = *m_stepPositions;
    for (int k = k0; k < k1; ++k)
    {
        m_count[k] = {0, 0, 0};
    }
    if (m_beams)
    {
        std::fill(m_power.begin() + static_cast<std::ptrdiff_t>(k0) * m_groups * 4,
                  m_power.begin() + static_cast<std::ptrdiff_t>(k1) * m_groups * 4,
                  0.0);
        std::fill(m_best.begin() + k0, m_best.begin() + k1, BeamPowers{});
        std::fill(m_bestServer.begin() + k0, m_bestServer.begin() + k1, -1);
    }
    std::uint64_t evaluations = 0;
    SnapshotLink link;
    for (size_t i = 0; i < m_servers.size(); ++i)
    {
        if (!m_active[i])
        {
            continue;
        }
        const IndexCap& cap = m_caps[i];
        if (cap.binHigh < b0 || cap.binLow >= b1)
        {
            continue;
        }
        const Server& s = m_servers[i];
        const Vec3& p = positions[s.node];
        if (m_payloadOf[i] >= 0)
        {
            // Beams or cells: the serving predicate as below, and every beam's power at the
            // points this platform serves or can interfere with (CellPayload::Reaches), summed
            // for a 0 dBi terminal (the victim's antenna scales the sum in SinrOfPoint).
            const CellPayload& payload = *m_payloads[m_payloadOf[i]];
            const ShellBeams& beams = *m_serverBeams[i];
            const double rxFactor = m_rxFactor[i];
            static const TerminalRx kUnitRx{};
            const size_t stride = static_cast<size_t>(m_groups) * 4;
            const bool budget = m_budget[i] != 0;
            m_index.ForEachInCap(
                cap,
                b0,
                b1,
                [&](int k)
                {
                    ++evaluations;
                    const bool served
                        = budget ? m_builder.EvaluateToPoint(
                              s.kind, s.node, p, m_pos[k], m_up[k], link)
                                 : m_builder.Visible(s.kind, s.node, p, m_pos[k], m_up[k]);
                    if (served)
                    {
                        ++m_count[k][s.layer];
                    }
                    const Vec3& x = m_pos[k];
                    if (!served && !payload.Reaches(x))
                    {
                        return;
                    }
                    double* power = &m_power[static_cast<size_t>(k) * stride + 4 * beams.group];
                    if (!served && !m_exactInterference)
                    {
                        // Interference only: the per-colour sums (tabulated where available).
                        double perColourW[4];
                        payload.ColourPowers(x, kUnitRx, perColourW);
                        for (int c = 0; c < 4; ++c)
                        {
                            power[c] += perColourW[c];
                        }
                        return;
                    }
                    BeamPowers bp = payload.Powers(x, kUnitRx, 0, false);
                    for (int c = 0; c < 4; ++c)
                    {
                        power[c] += bp.perColourW[c];
                    }
                    if (served && bp.bestW * rxFactor > m_best[k].bestW)
                    {
                        // With this server's terminal: its gain and extra loss.
                        bp.bestW *= rxFactor;
                        bp.commonLossDb -= 10.0 * std::log10(rxFactor);
                        m_best[k] = bp;
                        m_bestServer[k] = static_cast<int>(i);
                    }
                });
        }
        else if (m_budget[i])
        {
            m_index.ForEachInCap(
                cap,
                b0,
                b1,
                [&](int k)
                {
                    ++evaluations;
                    if (m_builder.EvaluateToPoint(s.kind, s.node, p, m_pos[k], m_up[k], link))
                    {
                        ++m_count[k][s.layer];
                    }
                });
        }
        else
        {
            m_index.ForEachInCap(cap,
                                 b0,
                                 b1,
                                 [&](int k)
                                 {
                                     ++evaluations;
                                     if (m_builder.Visible(s.kind, s.node, p, m_pos[k], m_up[k]))
                                     {
                                         ++m_count[k][s.layer];
                                     }
                                 });
        }
    }
    m_chunkEvaluations[task] += evaluations;

    const double w = m_stepWeight;
    for (int k = k0; k < k1; ++k)
    {
        auto& c = m_count[k];
        if (m_siteNode[k] >= 0 && !HasPosition(positions[m_siteNode[k]]))
        {
            c = {0, 0, 0}; // the site itself is out of service
        }
        const std::uint32_t total = c[0] + c[1] + c[2];
        auto& served = m_served[k];
        for (int l = 0; l < 3; ++l)
        {
            if (c[l] > 0)
            {
                served[l] += w;
            }
        }
        if (total > 0)
        {
            served[kCoverCombined] += w;
            m_inOutage[k] = 0;
        }
        else
        {
            if (!m_inOutage[k])
            {
                ++m_outages[k]; // an outage starts
                m_inOutage[k] = 1;
                m_currentOutage[k] = 0.0;
            }
            m_currentOutage[k] += w;
            m_outageTime[k] += w;
            m_longestOutage[k] = std::max(m_longestOutage[k], m_currentOutage[k]);
        }
        m_servingSum[k] += w * total;
        m_minServing[k] = std::min(m_minServing[k], total);
        if (m_beams && total > 0 && m_bestServer[k] >= 0)
        {
            SinrOfPoint(k, task);
        }
    }
}

void
CoverageEngine::SinrOfPoint(int k, int task)
{
    // SINR of the strongest serving satellite's best beam: its carrier against the co-channel
    // power of every beam of its group at this point (its own other beams included) and noise.
    const int i = m_bestServer[k];
    const CellPayload& payload = *m_payloads[m_payloadOf[i]];
    const ShellBeams& beams = *m_serverBeams[i];
    const double* sum
        = &m_power[static_cast<size_t>(k) * static_cast<size_t>(m_groups) * 4 + 4 * beams.group];
    // Every co-channel beam as this server's terminal receives it.
    const double power[4] = {sum[0] * m_rxFactor[i],
                             sum[1] * m_rxFactor[i],
                             sum[2] * m_rxFactor[i],
                             sum[3] * m_rxFactor[i]};
    const BeamSinr r = payload.Combine(m_best[k], power, beams.rx);
    const double sinr = r.sinrDb;
    const double threshold
        = std::isnan(m_thresholdOverride) ? beams.minSinr_db : m_thresholdOverride;
    const double w = m_stepWeight;
    if (sinr >= threshold)
    {
        m_sinrServed[k] += w;
    }
    m_sinrTime[k] += w;
    m_sinrSum[k] += w * sinr;
    m_sinrMin[k] = std::min(m_sinrMin[k], sinr);
    const double sir = r.sirDb; // +inf without interference
    m_couplingSum[k] += w * r.couplingLossDb;
    m_sirSum[k] += w * sir;
    const auto& point = m_points[m_index.Order()[k]];
    if (point.isCell)
    {
        const int bin = static_cast<int>(
            std::clamp(std::floor((sinr - kSinrLow_db) / kSinrBin_db), 0.0, kSinrBins - 1.0));
        m_sinrHistogram[task][bin] += w * point.areaWeight;
        ++m_sinrCellSamples[task];
    }
    else
    {
        auto& samples = m_siteSamples[task];
        samples.push_back(r.couplingLossDb);
        samples.push_back(sir);
        samples.push_back(sinr);
    }
}

std::uint64_t
CoverageEngine::Evaluations() const
{
    return std::accumulate(m_chunkEvaluations.begin(), m_chunkEvaluations.end(), std::uint64_t{0});
}

PointCoverage
CoverageEngine::Result(size_t i) const
{
    PointCoverage r;
    if (m_samples == 0)
    {
        return r;
    }
    const int k = m_slot[i];
    const double total = m_totalWeight;
    for (int l = 0; l < 4; ++l)
    {
        r.availability[l] = total > 0.0 ? m_served[k][l] / total : 0.0;
    }
    r.longestOutage_s = m_longestOutage[k];
    r.outageTime_s = m_outageTime[k];
    r.outages = m_outages[k];
    r.meanServing = total > 0.0 ? m_servingSum[k] / total : 0.0;
    r.minServing = m_minServing[k];
    if (m_beams)
    {
        r.sinrAvailability = total > 0.0 ? m_sinrServed[k] / total : 0.0;
        r.sinrTime_s = m_sinrTime[k];
        r.sinrMean_db = m_sinrTime[k] > 0.0 ? m_sinrSum[k] / m_sinrTime[k] : 0.0;
        r.sinrMin_db = m_sinrTime[k] > 0.0 ? m_sinrMin[k] : 0.0;
        r.couplingLossMean_db = m_sinrTime[k] > 0.0 ? m_couplingSum[k] / m_sinrTime[k] : 0.0;
        r.sirMean_db = m_sinrTime[k] > 0.0 ? m_sirSum[k] / m_sinrTime[k] : 0.0;
    }
    return r;
}

void
CoverageEngine::FillSummary(v1::CoverageSummary& out) const
{
    out.Clear();
    const size_t n = m_points.size();
    std::vector<PointCoverage> results(n);
    for (size_t i = 0; i < n; ++i)
    {
        results[i] = Result(i);
    }

    // Grid cells, area-weighted.
    double areaSum = 0.0;
    double area_km2 = 0.0;
    std::array<double, 4> areaAvail{};
    double areaServing = 0.0;
    std::vector<size_t> cells;
    for (size_t i = 0; i < n; ++i)
    {
        const auto& p = m_points[i];
        if (!p.isCell)
        {
            continue;
        }
        cells.push_back(i);
        areaSum += p.areaWeight;
        area_km2 += p.area_km2;
        for (int l = 0; l < 4; ++l)
        {
            areaAvail[l] += p.areaWeight * results[i].availability[l];
        }
        areaServing += p.areaWeight * results[i].meanServing;
    }
    auto* areaLayer = out.mutable_area_by_layer();
    if (areaSum > 0.0)
    {
        out.set_area_fraction(areaAvail[kCoverCombined] / areaSum);
        areaLayer->set_space(areaAvail[kCoverSpace] / areaSum);
        areaLayer->set_air(areaAvail[kCoverAir] / areaSum);
        areaLayer->set_ground(areaAvail[kCoverGround] / areaSum);
        areaLayer->set_combined(areaAvail[kCoverCombined] / areaSum);
        out.set_mean_serving_nodes(areaServing / areaSum);
    }
    out.set_grid_area_km2(area_km2);

    // Terminals: population-weighted (equal weights when no terminal has a population), and
    // terminal-averaged.
    bool anyPopulation = false;
    size_t terminals = 0;
    for (size_t i = 0; i < n; ++i)
    {
        if (!m_points[i].isCell)
        {
            ++terminals;
            anyPopulation |= m_points[i].population > 0.0;
        }
    }
    double popSum = 0.0;
    std::uint64_t populationTerminals = 0;
    std::array<double, 4> popAvail{};
    double timeAvail = 0.0;
    for (size_t i = 0; i < n; ++i)
    {
        const auto& p = m_points[i];
        if (p.isCell)
        {
            continue;
        }
        const double w = anyPopulation ? std::max(0.0, p.population) : 1.0;
        popSum += w;
        populationTerminals += w > 0.0 ? 1 : 0;
        for (int l = 0; l < 4; ++l)
        {
            popAvail[l] += w * results[i].availability[l];
        }
        timeAvail += results[i].availability[kCoverCombined];
    }
    out.set_population_terminals(populationTerminals);
    auto* popLayer = out.mutable_population_by_layer();
    if (popSum > 0.0)
    {
        out.set_population_fraction(popAvail[kCoverCombined] / popSum);
        popLayer->set_space(popAvail[kCoverSpace] / popSum);
        popLayer->set_air(popAvail[kCoverAir] / popSum);
        popLayer->set_ground(popAvail[kCoverGround] / popSum);
        popLayer->set_combined(popAvail[kCoverCombined] / popSum);
    }
    if (terminals > 0)
    {
        out.set_time_availability(timeAvail / terminals);
    }

    // Outages of every point.
    std::uint64_t outages = 0;
    double outageTime = 0.0;
    double longest = 0.0;
    for (size_t i = 0; i < n; ++i)
    {
        outages += results[i].outages;
        outageTime += results[i].outageTime_s;
        longest = std::max(longest, results[i].longestOutage_s);
    }
    out.set_outages(outages);
    if (outages > 0)
    {
        out.set_mean_outage_s(outageTime / outages);
    }
    if (n > 0 && m_samples > 0)
    {
        out.set_longest_outage_s(longest);
    }

    // Area-weighted percentiles of cell availability: the smallest availability a such that the
    // cells with availability <= a hold at least the given share of the area.
    std::vector<size_t> sorted = cells;
    std::stable_sort(sorted.begin(),
                     sorted.end(),
                     [&](size_t a, size_t b)
                     {
                         return results[a].availability[kCoverCombined]
                                < results[b].availability[kCoverCombined];
                     });
    auto percentile = [&](double share)
    {
        double cumulative = 0.0;
        for (size_t i : sorted)
        {
            cumulative += m_points[i].areaWeight;
            if (cumulative >= share * areaSum * (1.0 - 1e-12))
            {
                return results[i].availability[kCoverCombined];
            }
        }
        return sorted.empty() ? 0.0 : results[sorted.back()].availability[kCoverCombined];
    };
    if (!sorted.empty() && areaSum > 0.0)
    {
        out.set_cell_availability_p5(percentile(0.05));
        out.set_cell_availability_p50(percentile(0.50));
    }

    if (m_beams)
    {
        FillSinr(*out.mutable_sinr(), results, areaSum, anyPopulation);
    }

    out.set_cells(cells.size());
    out.set_terminals(terminals);
    out.set_time_samples(m_samples);

    // 10-degree latitude bands, south to north, those holding cells.
    constexpr int kBands = 18;
    std::array<double, kBands> bandArea{};
    std::array<double, kBands> bandAvail{};
    std::array<bool, kBands> bandUsed{};
    for (size_t i : cells)
    {
        const auto& p = m_points[i];
        const int b
            = std::clamp(static_cast<int>(std::floor((p.lat_deg + 90.0) / 10.0)), 0, kBands - 1);
        bandUsed[b] = true;
        bandArea[b] += p.areaWeight;
        bandAvail[b] += p.areaWeight * results[i].availability[kCoverCombined];
    }
    for (int b = 0; b < kBands; ++b)
    {
        if (!bandUsed[b])
        {
            continue;
        }
        auto* band = out.add_latitude_bands();
        band->set_lat_min_deg(-90.0 + 10.0 * b);
        band->set_lat_max_deg(-80.0 + 10.0 * b);
        band->set_availability(bandArea[b] > 0.0 ? bandAvail[b] / bandArea[b] : 0.0);
        band->set_area_weight(areaSum > 0.0 ? bandArea[b] / areaSum : 0.0);
    }
}

void
CoverageEngine::FillSinr(v1::SinrCoverage& out,
                         const std::vector<PointCoverage>& results,
                         double areaSum,
                         bool anyPopulation) const
{
    // Availability by area and by population, weighted as the visibility keys.
    double area = 0.0;
    double pop = 0.0;
    double popSum = 0.0;
    for (size_t i = 0; i < m_points.size(); ++i)
    {
        const auto& p = m_points[i];
        if (p.isCell)
        {
            area += p.areaWeight * results[i].sinrAvailability;
        }
        else
        {
            const double w = anyPopulation ? std::max(0.0, p.population) : 1.0;
            pop += w * results[i].sinrAvailability;
            popSum += w;
        }
    }
    if (areaSum > 0.0)
    {
        out.set_area_fraction(area / areaSum);
    }
    if (popSum > 0.0)
    {
        out.set_population_fraction(pop / popSum);
    }
    // Percentiles of the area- and time-weighted SINR histogram (chunks merged in order).
    std::vector<double> histogram(kSinrBins, 0.0);
    std::uint64_t samples = 0;
    for (size_t c = 0; c < m_sinrHistogram.size(); ++c)
    {
        for (int b = 0; b < kSinrBins; ++b)
        {
            histogram[b] += m_sinrHistogram[c][b];
        }
        samples += m_sinrCellSamples[c];
    }
    out.set_cell_samples(samples);
    const double total = std::accumulate(histogram.begin(), histogram.end(), 0.0);
    auto percentile = [&](double share)
    {
        double cumulative = 0.0;
        for (int b = 0; b < kSinrBins; ++b)
        {
            cumulative += histogram[b];
            if (cumulative >= share * total * (1.0 - 1e-12))
            {
                return kSinrLow_db + (b + 0.5) * kSinrBin_db;
            }
        }
        return kSinrLow_db + (kSinrBins - 0.5) * kSinrBin_db;
    };
    if (samples > 0 && total > 0.0)
    {
        out.set_sinr_p5_db(percentile(0.05));
        out.set_sinr_p50_db(percentile(0.50));
        out.set_sinr_p95_db(percentile(0.95));
    }
    // Terminal CDFs (nearest rank) of the coupling loss, SIR and SINR samples of every chunk.
    std::array<std::vector<double>, 3> terminal;
    for (const auto& chunk : m_siteSamples)
    {
        for (size_t j = 0; j + 2 < chunk.size(); j += 3)
        {
            for (int q = 0; q < 3; ++q)
            {
                terminal[q].push_back(chunk[j + q]);
            }
        }
    }
    v1::SinrCoverage::Cdf* cdfs[3] = {out.mutable_terminal_coupling_loss_db(),
                                      out.mutable_terminal_sir_db(),
                                      out.mutable_terminal_sinr_db()};
    for (int q = 0; q < 3; ++q)
    {
        auto& v = terminal[q];
        std::sort(v.begin(), v.end());
        cdfs[q]->set_n(v.size());
        if (v.empty())
        {
            continue;
        }
        const double p5 = Percentile(v, 5.0);
        const double p50 = Percentile(v, 50.0);
        const double p95 = Percentile(v, 95.0);
        if (std::isfinite(p5))
        {
            cdfs[q]->set_p5(p5);
        }
        if (std::isfinite(p50))
        {
            cdfs[q]->set_p50(p50);
        }
        if (std::isfinite(p95))
        {
            cdfs[q]->set_p95(p95);
        }
    }
    for (const ShellBeams* b : m_serverBeams)
    {
        if (b != nullptr)
        {
            const double t = std::isnan(m_thresholdOverride) ? b->minSinr_db : m_thresholdOverride;
            if (std::isfinite(t))
            {
                out.set_min_sinr_db(t);
            }
            break;
        }
    }
}

void
CoverageEngine::WriteCsv(std::ostream& os) const
{
    os << "kind,name,lat_deg,lon_deg,area_weight,population,availability_space,availability_air,"
          "availability_ground,availability_combined,longest_outage_s,outages,mean_serving,min_"
          "serving"
       << (m_beams ? ",availability_sinr,sinr_mean_db,sinr_min_db,coupling_loss_mean_db,sir_mean_db"
                   : "")
       << '\n';
    for (size_t i = 0; i < m_points.size(); ++i)
    {
        const auto& p = m_points[i];
        const PointCoverage r = Result(i);
        os << (p.isCell ? "cell" : "site") << ',' << CsvField(p.name) << ',' << Fixed(p.lat_deg, 6)
           << ',' << Fixed(p.lon_deg, 6) << ',' << Exact(p.areaWeight) << ',' << Exact(p.population)
           << ',' << Fixed(r.availability[kCoverSpace], 6) << ','
           << Fixed(r.availability[kCoverAir], 6) << ',' << Fixed(r.availability[kCoverGround], 6)
           << ',' << Fixed(r.availability[kCoverCombined], 6) << ',' << Fixed(r.longestOutage_s, 3)
           << ',' << r.outages << ',' << Fixed(r.meanServing, 4) << ','
           << (m_samples > 0 ? r.minServing : 0);
        if (m_beams)
        {
            os << ',' << Fixed(r.sinrAvailability, 6) << ',';
            if (r.sinrTime_s > 0.0)
            {
                os << Fixed(r.sinrMean_db, 3) << ',' << Fixed(r.sinrMin_db, 3) << ','
                   << Fixed(r.couplingLossMean_db, 3) << ','
                   << (std::isfinite(r.sirMean_db) ? Fixed(r.sirMean_db, 3) : std::string("inf"));
            }
            else
            {
                os << ",,,";
            }
        }
        os << '\n';
    }
}

} // namespace sagin
