// The standard's access policy: which node serves each user terminal, update after update,
// with hysteresis and minimum dwell, counting handovers and outages.
#ifndef SAGIN_ROUTING_ACCESS_SELECTOR_H
#define SAGIN_ROUTING_ACCESS_SELECTOR_H

#include "routing/model/link-state-builder.h"

#include <vector>

namespace sagin
{

/// Per-terminal access history.
struct AccessState
{
    int serving = kNoServingNode;
    double since_s = 0.0;          ///< time of the last change of serving node
    unsigned handovers = 0;        ///< serving node changed from one node to another
    unsigned outages = 0;          ///< lost every candidate
    bool everServed = false;
};

class AccessSelector
{
  public:
    explicit AccessSelector(const LinkStateBuilder& builder);

    /// Chooses serving nodes at `snapshot.time_s` from each terminal's candidates, appends the
    /// chosen access links to `snapshot.links` and fills `snapshot.serving`.
    void Select(TopologySnapshot& snapshot, const std::vector<std::vector<AccessCandidate>>& candidates);

    const std::vector<AccessState>& States() const
    {
        return m_states;
    }

    /// Seconds the candidate stays usable from t (LONGEST_VISIBILITY), up to the look-ahead.
    double RemainingVisibility(const AccessCandidate& c, int terminal, double t) const;

  private:
    /// The rule's figure of merit (larger is better) and the hysteresis in its unit.
    double Merit(const AccessCandidate& c, int terminal, double t) const;
    double Hysteresis() const;

    const LinkStateBuilder& m_builder;
    const StandardPolicy& m_policy;
    std::vector<AccessState> m_states;
};

} // namespace sagin

#endif
