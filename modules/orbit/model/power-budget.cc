#include "orbit/model/power-budget.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sagin
{

namespace
{
constexpr double kSecondsPerHour = 3600.0;
} // namespace

void
CheckPowerSystem(const PowerSystem& s)
{
    auto nonNegative = [](double v, const char* name)
    {
        if (!std::isfinite(v) || v < 0.0)
        {
            throw std::invalid_argument(std::string(name) + ": must be a finite number >= 0, got "
                                        + std::to_string(v));
        }
    };
    nonNegative(s.solarArray_W, "solar_array_w");
    nonNegative(s.batteryCapacity_Wh, "battery_capacity_wh");
    nonNegative(s.busLoad_W, "bus_load_w");
    nonNegative(s.computeLoad_W, "compute_load_w");
    if (!(s.depthOfDischarge > 0.0 && s.depthOfDischarge <= 1.0))
    {
        throw std::invalid_argument("depth_of_discharge: must be in (0, 1], got "
                                    + std::to_string(s.depthOfDischarge));
    }
}

double
PowerSchedule::RateAt(double t_s) const
{
    if (segments.empty() || !(t_s >= segments.front().begin_s && t_s <= segments.back().end_s))
    {
        return std::nan("");
    }
    // The first segment that ends after t (the later one at a shared boundary).
    auto it = std::upper_bound(segments.begin(),
                               segments.end(),
                               t_s,
                               [](double t, const PowerSegment& s)
                               {
                                   return t < s.end_s;
                               });
    return it == segments.end() ? segments.back().rateFactor : it->rateFactor;
}

double
PowerSchedule::MeanRate() const
{
    double weighted = 0.0;
    double total = 0.0;
    for (const auto& s : segments)
    {
        weighted += s.rateFactor * (s.end_s - s.begin_s);
        total += s.end_s - s.begin_s;
    }
    return total > 0.0 ? weighted / total : std::nan("");
}

PowerSchedule
PlanComputePower(const PowerSystem& system,
                 const std::vector<ShadowInterval>& eclipses,
                 double t0_s,
                 double t1_s,
                 EclipseComputePolicy policy,
                 double initialCharge_Wh)
{
    CheckPowerSystem(system);
    if (!(t1_s >= t0_s))
    {
        throw std::invalid_argument("PlanComputePower: needs t0 <= t1");
    }
    const double capacity = system.batteryCapacity_Wh;
    const double floor = capacity * (1.0 - system.depthOfDischarge);
    const double bus = system.busLoad_W;
    const double compute = system.computeLoad_W;
    double stored
        = std::isnan(initialCharge_Wh) ? capacity : std::clamp(initialCharge_Wh, 0.0, capacity);

    PowerSchedule schedule;
    double deficit = 0.0; // of the segment being added (set by discharge)
    auto add = [&](double a, double b, bool sunlit, double rate, double endStored)
    {
        if (b > a)
        {
            schedule.segments.push_back({a, b, sunlit, rate, stored, endStored, deficit});
            schedule.computeEnergy_Wh += rate * compute * (b - a) / kSecondsPerHour;
        }
        stored = endStored;
        deficit = 0.0;
    };
    // The battery alone carries `load_W` for dt seconds from `stored`, down to the floor at most;
    // returns the stored energy at the end and adds any time it ran dry to the bus deficit.
    auto discharge = [&](double load_W, double dt)
    {
        const double available = std::max(0.0, stored - floor);
        const double need = load_W * dt / kSecondsPerHour;
        if (need <= available)
        {
            return stored - need;
        }
        deficit = dt - available * kSecondsPerHour / load_W;
        schedule.busDeficit_s += deficit;
        return std::min(stored, floor);
    };
    // Full rate costs nothing without a compute load.
    const double sunRate
        = compute > 0.0 ? std::clamp((system.solarArray_W - bus) / compute, 0.0, 1.0) : 1.0;
    auto sunlight = [&](double a, double b)
    {
        if (b <= a)
        {
            return;
        }
        const double surplus_W = system.solarArray_W - bus - sunRate * compute;
        const double end = surplus_W >= 0.0
                               ? std::min(capacity, stored + surplus_W * (b - a) / kSecondsPerHour)
                               : discharge(-surplus_W, b - a);
        add(a, b, true, sunRate, end);
    };
    auto eclipse = [&](double a, double b)
    {
        const double T = b - a;
        if (T <= 0.0)
        {
            return;
        }
        const double available = std::max(0.0, stored - floor);
        const double busNeed = bus * T / kSecondsPerHour;
        if (available < busNeed)
        {
            add(a, b, false, 0.0, discharge(bus, T));
            return;
        }
        const double budget = available - busNeed; // Wh left for compute
        if (compute <= 0.0)
        {
            add(a, b, false, 1.0, stored - busNeed);
            return;
        }
        if (policy == EclipseComputePolicy::kSpread)
        {
            const double rate = std::min(1.0, budget * kSecondsPerHour / (compute * T));
            add(a, b, false, rate, stored - (bus + rate * compute) * T / kSecondsPerHour);
            return;
        }
        const double fullFor = std::min(T, budget * kSecondsPerHour / compute);
        add(a, a + fullFor, false, 1.0, stored - (bus + compute) * fullFor / kSecondsPerHour);
        add(a + fullFor, b, false, 0.0, stored - bus * (T - fullFor) / kSecondsPerHour);
    };

    double t = t0_s;
    for (const auto& e : eclipses)
    {
        const double a = std::max(e.begin_s, t);
        const double b = std::min(e.end_s, t1_s);
        if (b <= a)
        {
            continue;
        }
        sunlight(t, a);
        eclipse(a, b);
        t = b;
    }
    sunlight(t, t1_s);
    return schedule;
}

} // namespace sagin
