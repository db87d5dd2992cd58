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
    double since_s = 0.0;   ///< time of the last change of serving node
    unsigned handovers = 0; ///< serving node changed from one node to another
    unsigned outages = 0;   ///< lost every candidate
    bool everServed = false;
    SnapshotLink link; ///< the access link at the last update that served the terminal
};

/// A change of serving node from one node to another at the last Select (a handover).
struct AccessChange
{
    int terminal = -1;         ///< world node
    int from = -1;             ///< source serving node
    int to = -1;               ///< target serving node
    SnapshotLink fromLink;     ///< terminal <-> source now if still usable, else at the last update
    SnapshotLink toLink;       ///< terminal <-> target now
    bool sourceUsable = false; ///< the source is still a usable candidate at this update
};

class AccessSelector
{
  public:
    explicit AccessSelector(const LinkStateBuilder& builder);

    /// Chooses serving nodes at `snapshot.time_s` from each terminal's candidates, appends the
    /// chosen access links to `snapshot.links` and fills `snapshot.serving`.
    void Select(TopologySnapshot& snapshot,
                const std::vector<std::vector<AccessCandidate>>& candidates);

    const std::vector<AccessState>& States() const
    {
        return m_states;
    }

    /// The handovers decided by the last Select, in terminal order.
    const std::vector<AccessChange>& Changes() const
    {
        return m_changes;
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
    std::vector<AccessChange> m_changes;
};

} // namespace sagin

#endif
