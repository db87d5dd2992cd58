#include "radio/model/beam-scheduler.h"

#include "core/model/deterministic-rng.h"
#include "core/model/json-writer.h"
#include "link/model/modulation-table.h"
#include "metrics/model/statistics.h"
#include "radio/model/slot-scheduler.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <queue>
#include <set>
#include <utility>

namespace sagin
{

namespace
{

/// mu of a subcarrier spacing 15 kHz x 2^mu, or -1.
int
Numerology(double spacingHz)
{
    for (int mu = 0; mu <= 6; ++mu)
    {
        if (spacingHz == 15e3 * static_cast<double>(1 << mu))
        {
            return mu;
        }
    }
    return -1;
}

struct QueuedItem
{
    double arrivalS;
    double bits;
    double remaining;
};

struct UserState
{
    std::deque<QueuedItem> queue;
    SlotUser slot; ///< backlog, rate and PF average (slot-scheduler.h)
    double servedBits = 0.0;
};

void
CheckRun(double durationS, double warmupS, ErrorList& errors)
{
    if (!(std::isfinite(durationS) && durationS > 0.0))
    {
        errors.Add("duration_s", "must be > 0 and finite");
    }
    if (!(std::isfinite(warmupS) && warmupS >= 0.0))
    {
        errors.Add("warmup_s", "must be >= 0 and finite");
    }
}

} // namespace

void
CheckSchedulerConfig(const SchedulerConfig& c, const std::string& path, ErrorList& errors)
{
    auto Check = [&](bool ok, const char* field, const char* message)
    {
        if (!ok)
        {
            errors.Add(FieldPath(path, field), message);
        }
    };
    Check(Numerology(c.subcarrierSpacingHz) >= 0,
          "subcarrier_spacing_hz",
          "must be 15 kHz x 2^mu with mu 0..6 (15000, 30000, ..., 960000)");
    Check(std::isfinite(c.bandwidthHz) && c.bandwidthHz > 0.0,
          "bandwidth_hz",
          "must be > 0 and finite");
    if (Numerology(c.subcarrierSpacingHz) >= 0 && std::isfinite(c.bandwidthHz)
        && c.bandwidthHz > 0.0)
    {
        Check(ResourceBlocks(c.bandwidthHz, c.subcarrierSpacingHz) >= 1,
              "bandwidth_hz",
              "must hold one resource block (12 x subcarrier spacing)");
    }
    if (c.policy == SchedulerPolicy::kProportionalFair && Numerology(c.subcarrierSpacingHz) >= 0)
    {
        Check(std::isfinite(c.pfTimeConstantS)
                  && c.pfTimeConstantS >= SlotDurationS(c.subcarrierSpacingHz),
              "pf_time_constant_s",
              "must be finite and at least one slot");
    }
    Check(c.maxUsersPerSlot >= 1, "max_users_per_slot", "must be >= 1");
    Check(c.symbolsPerSlot >= 1, "symbols_per_slot", "must be >= 1");
    Check(std::isfinite(c.overheadFraction) && c.overheadFraction >= 0.0
              && c.overheadFraction < 1.0,
          "overhead_fraction",
          "must be in [0, 1)");
}

double
SlotDurationS(double subcarrierSpacingHz)
{
    return 1e-3 * 15e3 / subcarrierSpacingHz;
}

int
ResourceBlocks(double bandwidthHz, double subcarrierSpacingHz)
{
    return static_cast<int>(std::floor(bandwidthHz / (12.0 * subcarrierSpacingHz) + 1e-9));
}

double
BitsPerResourceBlock(double efficiency, const SchedulerConfig& c)
{
    return efficiency * 12.0 * c.symbolsPerSlot * (1.0 - c.overheadFraction);
}

SampleSummary
SummarizeSamples(std::vector<double> samples)
{
    SampleSummary s;
    s.n = samples.size();
    if (samples.empty())
    {
        return s;
    }
    std::sort(samples.begin(), samples.end());
    double sum = 0.0;
    for (double v : samples)
    {
        sum += v;
    }
    s.mean = sum / static_cast<double>(samples.size());
    s.p5 = Percentile(samples, 5);
    s.p50 = Percentile(samples, 50);
    s.p95 = Percentile(samples, 95);
    return s;
}

std::optional<double>
JainIndex(const std::vector<double>& x)
{
    double sum = 0.0;
    double sumSq = 0.0;
    for (double v : x)
    {
        sum += v;
        sumSq += v * v;
    }
    if (x.empty() || sumSq <= 0.0)
    {
        return std::nullopt;
    }
    return sum * sum / (static_cast<double>(x.size()) * sumSq);
}

BeamCapacity
SimulateBeam(const SchedulerConfig& config,
             const std::vector<double>& efficiencies,
             std::vector<DemandSource>& sources,
             double durationS,
             double warmupS)
{
    ErrorList errors;
    CheckSchedulerConfig(config, "scheduler", errors);
    CheckRun(durationS, warmupS, errors);
    if (errors.Empty() && durationS / SlotDurationS(config.subcarrierSpacingHz) > 1e15)
    {
        errors.Add("duration_s", "more than 1e15 slots");
    }
    if (efficiencies.size() != sources.size())
    {
        errors.Add("users", "one efficiency and one demand source per user");
    }
    for (std::size_t i = 0; i < efficiencies.size(); ++i)
    {
        if (!(std::isfinite(efficiencies[i]) && efficiencies[i] >= 0.0))
        {
            errors.Add("users[" + std::to_string(i) + "].efficiency", "must be >= 0 and finite");
        }
    }
    if (!errors.Empty())
    {
        throw InputError(errors.Format(""));
    }

    SlotScheduler scheduler(config);
    const double slot = scheduler.SlotS();
    const int numRb = scheduler.ResourceBlocks();
    const auto numSlots = static_cast<std::int64_t>(std::ceil(durationS / slot - 1e-9));
    const std::size_t n = sources.size();

    BeamCapacity out;
    out.users = static_cast<int>(n);
    out.resourceBlocks = numRb;
    out.bandwidthHz = config.bandwidthHz;
    out.durationS = durationS;
    out.slots = numSlots;

    std::vector<UserState> users(n);
    std::set<int> backlogged; // schedulable users with something to send, in index order
    // Next arrival of every user with items: (time, user), earliest first, ties by user index.
    using Arrival = std::pair<double, int>;
    std::priority_queue<Arrival, std::vector<Arrival>, std::greater<Arrival>> arrivals;
    std::vector<DemandItem> next(n);
    for (std::size_t u = 0; u < n; ++u)
    {
        UserState& us = users[u];
        scheduler.SetEfficiency(us.slot, efficiencies[u]);
        us.slot.fullBuffer = sources[u].FullBuffer();
        if (us.slot.fullBuffer)
        {
            if (us.slot.bitsPerRb > 0.0)
            {
                backlogged.insert(static_cast<int>(u));
            }
            continue;
        }
        next[u] = sources[u].Next();
        if (next[u].timeS < durationS)
        {
            arrivals.emplace(next[u].timeS, static_cast<int>(u));
        }
    }
    auto userOf = [&users](int u) -> SlotUser&
    {
        return users[u].slot;
    };

    int lastServed = -1; // round robin position
    std::int64_t s = 0;
    while (s < numSlots)
    {
        if (backlogged.empty())
        {
            if (arrivals.empty())
            {
                break;
            }
            // Idle: jump to the first slot starting at or after the next arrival.
            s = std::max(s, static_cast<std::int64_t>(std::ceil(arrivals.top().first / slot)));
            if (s >= numSlots)
            {
                break;
            }
        }
        const double slotStart = static_cast<double>(s) * slot;
        while (!arrivals.empty() && arrivals.top().first <= slotStart)
        {
            const int u = arrivals.top().second;
            arrivals.pop();
            UserState& us = users[u];
            const DemandItem item = next[u];
            us.queue.push_back({item.timeS, item.bits, item.bits});
            us.slot.backlog += item.bits;
            out.offeredBits += item.bits;
            ++out.itemsArrived;
            if (us.slot.bitsPerRb > 0.0)
            {
                backlogged.insert(u);
            }
            next[u] = sources[u].Next();
            if (next[u].timeS < durationS)
            {
                arrivals.emplace(next[u].timeS, u);
            }
        }
        if (backlogged.empty())
        {
            ++s;
            continue;
        }

        const double slotEnd = static_cast<double>(s + 1) * slot;
        for (const SlotScheduler::Grant& g : scheduler.Allocate(s, backlogged, userOf, lastServed))
        {
            UserState& us = users[g.user];
            out.resourceBlocksUsed += g.resourceBlocks;
            if (!us.slot.fullBuffer)
            {
                double avail = g.bits;
                while (!us.queue.empty() && avail > 0.0)
                {
                    QueuedItem& item = us.queue.front();
                    if (item.remaining - avail <= kSlotBitTolerance)
                    {
                        avail -= item.remaining;
                        if (item.arrivalS >= warmupS)
                        {
                            const double delay = slotEnd - item.arrivalS;
                            out.itemDelaySamples.push_back(delay);
                            out.itemThroughputSamples.push_back(item.bits / delay);
                        }
                        ++out.itemsCompleted;
                        us.servedBits += item.bits; // whole items: no rounding drift
                        us.queue.pop_front();
                    }
                    else
                    {
                        item.remaining -= avail;
                        avail = 0.0;
                    }
                }
                us.slot.backlog = us.queue.empty() ? 0.0 : us.slot.backlog - g.bits;
                if (us.queue.empty())
                {
                    backlogged.erase(g.user);
                }
            }
            else
            {
                us.servedBits += g.bits;
            }
            scheduler.Served(us.slot, s, g.bits);
        }
        ++s;
    }

    out.utilization
        = static_cast<double>(out.resourceBlocksUsed) / (static_cast<double>(numRb) * numSlots);
    out.userThroughputSamples.reserve(n);
    for (UserState& us : users)
    {
        if (!us.queue.empty()) // the part of an unfinished item already sent
        {
            us.servedBits += us.queue.front().bits - us.queue.front().remaining;
        }
        out.servedBits += us.servedBits;
        out.userThroughputSamples.push_back(us.servedBits / durationS);
    }
    out.spectralEfficiency = out.servedBits / durationS / config.bandwidthHz;
    out.jain = JainIndex(out.userThroughputSamples);
    out.userThroughputBps = SummarizeSamples(out.userThroughputSamples);
    out.itemThroughputBps = SummarizeSamples(out.itemThroughputSamples);
    out.itemDelayS = SummarizeSamples(out.itemDelaySamples);
    return out;
}

CapacityResult
EvaluateCapacity(const std::vector<BeamUser>& users,
                 const std::vector<int>& beamOf,
                 int numBeams,
                 const CapacityConfig& config)
{
    ErrorList errors;
    CheckSchedulerConfig(config.scheduler, "scheduler", errors);
    CheckDemandConfig(config.demand, "demand", errors);
    CheckRun(config.durationS, config.warmupS, errors);
    if (config.modulation == ModulationKind::kShannon)
    {
        if (!(std::isfinite(config.capBpsHz) && config.capBpsHz > 0.0))
        {
            errors.Add("cap_bps_hz", "must be > 0 and finite");
        }
    }
    if (std::isinf(config.gapDb))
    {
        errors.Add("gap_db", "must be finite (NaN: the table's default)");
    }
    if (numBeams < 0)
    {
        errors.Add("num_beams", "must be >= 0");
    }
    if (users.size() != beamOf.size())
    {
        errors.Add("users", "one beam per user");
    }
    for (std::size_t i = 0; i < beamOf.size(); ++i)
    {
        if (beamOf[i] >= numBeams)
        {
            errors.Add("users[" + std::to_string(i) + "].beam",
                       std::to_string(beamOf[i]) + " is beyond the " + std::to_string(numBeams)
                           + " beams");
        }
    }
    for (std::size_t i = 0; i < users.size(); ++i)
    {
        if (std::isnan(users[i].sinrDb))
        {
            errors.Add("users[" + std::to_string(i) + "].sinr_db", "must not be NaN");
        }
    }
    if (!errors.Empty())
    {
        throw InputError(errors.Format(""));
    }
    const ModulationTable table
        = ModulationTable::FromKind(config.modulation, config.gapDb, config.capBpsHz);

    CapacityResult r;
    r.slotS = SlotDurationS(config.scheduler.subcarrierSpacingHz);
    r.resourceBlocks
        = ResourceBlocks(config.scheduler.bandwidthHz, config.scheduler.subcarrierSpacingHz);
    std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(numBeams));
    for (std::size_t i = 0; i < users.size(); ++i)
    {
        if (beamOf[i] >= 0)
        {
            members[static_cast<std::size_t>(beamOf[i])].push_back(i);
        }
    }
    std::vector<double> userTput;
    std::vector<double> itemTput;
    std::vector<double> itemDelay;
    std::vector<double> spectral;
    std::vector<double> utilization;
    for (int b = 0; b < numBeams; ++b)
    {
        std::vector<double> eff;
        std::vector<DemandSource> sources;
        for (std::size_t i : members[static_cast<std::size_t>(b)])
        {
            eff.push_back(table.Efficiency(users[i].sinrDb));
            sources.emplace_back(config.demand, MixSeed(config.seed, i));
        }
        BeamCapacity beam
            = SimulateBeam(config.scheduler, eff, sources, config.durationS, config.warmupS);
        beam.beam = b;
        userTput.insert(
            userTput.end(), beam.userThroughputSamples.begin(), beam.userThroughputSamples.end());
        itemTput.insert(
            itemTput.end(), beam.itemThroughputSamples.begin(), beam.itemThroughputSamples.end());
        itemDelay.insert(
            itemDelay.end(), beam.itemDelaySamples.begin(), beam.itemDelaySamples.end());
        spectral.push_back(beam.spectralEfficiency);
        utilization.push_back(beam.utilization);
        r.beams.push_back(std::move(beam));
    }
    r.jain = JainIndex(userTput);
    r.userThroughputBps = SummarizeSamples(std::move(userTput));
    r.itemThroughputBps = SummarizeSamples(std::move(itemTput));
    r.itemDelayS = SummarizeSamples(std::move(itemDelay));
    r.beamSpectralEfficiency = SummarizeSamples(std::move(spectral));
    r.beamUtilization = SummarizeSamples(std::move(utilization));
    return r;
}

namespace
{

void
WriteOptional(JsonWriter& json, const char* key, const std::optional<double>& v)
{
    json.Key(key);
    if (v)
    {
        json.Number(*v);
    }
    else
    {
        json.Null();
    }
}

void
WriteSummary(JsonWriter& json, const char* key, const SampleSummary& s)
{
    json.Key(key).BeginObject(JsonWriter::Layout::Inline);
    json.Key("n").Unsigned(s.n);
    WriteOptional(json, "mean", s.mean);
    WriteOptional(json, "p5", s.p5);
    WriteOptional(json, "p50", s.p50);
    WriteOptional(json, "p95", s.p95);
    json.EndObject();
}

/// The user, item-throughput and item-delay summaries, under the same keys at both levels.
void
WriteUserSummaries(JsonWriter& json,
                   const SampleSummary& user,
                   const SampleSummary& item,
                   const SampleSummary& delay)
{
    WriteSummary(json, "user_throughput_bps", user);
    WriteSummary(json, "item_throughput_bps", item);
    WriteSummary(json, "item_delay_s", delay);
}

} // namespace

void
WriteCapacityJson(const CapacityResult& r, JsonWriter& json)
{
    json.BeginObject(JsonWriter::Layout::Lines);
    json.Key("slot_s").Number(r.slotS);
    json.Key("resource_blocks").Integer(r.resourceBlocks);
    WriteUserSummaries(json, r.userThroughputBps, r.itemThroughputBps, r.itemDelayS);
    WriteSummary(json, "beam_spectral_efficiency_bps_hz", r.beamSpectralEfficiency);
    WriteSummary(json, "beam_utilization", r.beamUtilization);
    WriteOptional(json, "jain", r.jain);
    json.Key("beams").BeginArray(JsonWriter::Layout::Lines);
    for (const BeamCapacity& b : r.beams)
    {
        json.BeginObject(JsonWriter::Layout::Inline);
        json.Key("beam").Integer(b.beam);
        json.Key("users").Integer(b.users);
        json.Key("slots").Integer(b.slots);
        json.Key("offered_bits").Number(b.offeredBits);
        json.Key("served_bits").Number(b.servedBits);
        json.Key("items_arrived").Unsigned(b.itemsArrived);
        json.Key("items_completed").Unsigned(b.itemsCompleted);
        json.Key("utilization").Number(b.utilization);
        json.Key("spectral_efficiency_bps_hz").Number(b.spectralEfficiency);
        WriteOptional(json, "jain", b.jain);
        WriteUserSummaries(json, b.userThroughputBps, b.itemThroughputBps, b.itemDelayS);
        json.EndObject();
    }
    json.EndArray();
    json.EndObject();
}

} // namespace sagin
