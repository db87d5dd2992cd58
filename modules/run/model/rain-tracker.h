// What a rain time series (Scenario.rain.time_series) did to the gateways in a packet-level run:
// per gateway, the time it rained there and the time rain took every feeder link of it down, and
// the time all gateways, or any, were so at once, from the state at each topology update (held
// until the next). Fills RunResult.rain.
#ifndef SAGIN_RUN_RAIN_TRACKER_H
#define SAGIN_RUN_RAIN_TRACKER_H

#include "routing/model/topology-controller.h"
#include "sagin/v1/result.pb.h"

#include <cstdint>
#include <vector>

namespace sagin
{

class RainTracker
{
  public:
    /// Counts over [warmup_s, end_s]; tracks nothing without the time series.
    RainTracker(const TopologyController& controller, double warmup_s, double end_s);

    /// After every topology update (and once for the first): the state at time `now_s`.
    void OnUpdate(double now_s);

    /// Fills `out` after the run (closing the last update's interval at end_s).
    void Fill(v1::RainSummary& out);

  private:
    /// Adds the interval from the last update to `to_s` with the last update's state.
    void Close(double to_s);

    const TopologyController& m_controller;
    double m_warmup_s;
    double m_end_s;
    std::vector<int> m_gateways; ///< world nodes
    std::vector<char> m_raining; ///< by gateway, at the last update
    std::vector<char> m_outage;
    std::vector<double> m_rain_s;
    std::vector<double> m_outage_s;
    std::vector<std::uint32_t> m_samples;
    std::vector<std::uint32_t> m_outageSamples;
    double m_allOutage_s = 0.0; ///< every gateway in rain outage at once
    double m_anyOutage_s = 0.0; ///< at least one
    double m_last_s = -1.0;     ///< time of the last update; < 0 before the first
};

} // namespace sagin

#endif
