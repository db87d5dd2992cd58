// Channel-model registry: every propagation model a link budget, a standard's `links.*.channel`
// or `sagin linkbudget --model` can name is described once here (its names, validity range, the
// geometry it reads, the environments it takes) and built through its factory. LinkBudget holds
// the built PathLossModel and never switches on the model.
//
// Adding a model: write it (its own files), write a PathLossModel adapter and a
// ChannelModelInfo for it, and add one Register call in builtin-channel-models.cc (plus its
// ChannelModel id and, when standards may name it, its standard.proto enum value of the same
// schema name). See README.md "Adding a channel model".
#ifndef SAGIN_LINK_CHANNEL_MODEL_H
#define SAGIN_LINK_CHANNEL_MODEL_H

#include "link/model/link-types.h"

#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace sagin
{

struct LinkBudgetParameters;
struct LinkGeometry;
struct LinkBudgetResult;

/// Which description of the two ends a model reads from LinkGeometry.
enum class ChannelGeometryKind
{
    /// Elevation of the higher end at the ground end and the 3D distance (satellite, HAPS).
    kElevationDistance,
    /// Height of the higher (aerial or user) end above ground, horizontal distance and the
    /// ground antenna height (air-to-ground and terrestrial models); derived from distance and
    /// elevation when not given.
    kHeightGroundDistance,
    /// 3D distance only (optical ISL: range and grazing altitude).
    kDistance,
};

/// Where a model is valid. NaN bounds are not checked.
struct ChannelValidity
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    double minFrequencyHz = kNaN;
    double maxFrequencyHz = kNaN;
    double minElevationDeg = kNaN;
    double maxElevationDeg = kNaN;
    /// kHeightGroundDistance: height of the higher end (UAV or user terminal) above ground (m).
    double minHeightM = kNaN;
    double maxHeightM = kNaN;
    /// kHeightGroundDistance: horizontal (2D) distance (m).
    double minGroundDistanceM = kNaN;
    double maxGroundDistanceM = kNaN;
};

/// One model's loss. LossDb is const and, unless the model's own notes say otherwise,
/// thread-safe.
class PathLossModel
{
  public:
    virtual ~PathLossModel() = default;

    /// Path loss (dB) without a shadow-fading draw. `condition` kMean: the expectation over the
    /// LOS probability (mean-loss mode); kLos / kNlos: the loss in that state, for a random draw
    /// of the state and of the shadow fading (sigma returned in r.shadowFadingSigmaDb). Fills the
    /// terms the model has (fspl, gas, clutter, LOS probability...) in `r`; may replace
    /// r.distanceM / r.elevationDeg with the geometry it used.
    virtual double LossDb(const LinkGeometry& g, LinkCondition condition, LinkBudgetResult& r) const = 0;

    /// Mean loss (dB) from distance and elevation alone, for the fast path of geometric
    /// analyses; false when the model needs more (heights, ground distance).
    virtual bool MeanLossDb(double distanceM, double elevationDeg, double& lossDb) const
    {
        (void)distanceM;
        (void)elevationDeg;
        (void)lossDb;
        return false;
    }
};

/// A registered model.
struct ChannelModelInfo
{
    ChannelModel id;
    /// Command-line and report name ("ntn", "uma", "a2g-al-hourani", ...).
    std::string name;
    /// Its value name in standard.proto's Channel.Model enum ("NTN", "UMA"...); empty when a
    /// standard cannot name it (the optical ISL is set by the ISL topology).
    std::string schemaName;
    /// One line for help texts.
    std::string description;
    ChannelGeometryKind geometry = ChannelGeometryKind::kElevationDistance;
    ChannelValidity validity;
    /// Environments the model distinguishes; empty: it takes none (the scenario is the model).
    std::vector<Environment> environments;
    /// kHeightGroundDistance models with a base station at the ground end: its default antenna
    /// height (m); NaN for a model without one (Al-Hourani).
    double defaultGroundAntennaHeightM = std::numeric_limits<double>::quiet_NaN();
    /// An Earth-space path: rain (ITU-R P.618-13) applies.
    bool earthSpace = false;
    /// Builds the model for a parameter set; null for a model without a radio path loss (isl).
    std::function<std::unique_ptr<PathLossModel>(const LinkBudgetParameters&)> make;

    bool TakesEnvironment(Environment e) const;
    /// "dense-urban, urban, suburban, rural" (or "none").
    std::string EnvironmentNames() const;
    /// Empty when the frequency is inside the validity, else a message naming the range.
    std::string CheckFrequency(double frequencyHz) const;
};

class ChannelModelRegistry
{
  public:
    /// The process-wide registry, with the built-in models registered on first use.
    static ChannelModelRegistry& Instance();

    /// Adds a model; throws std::logic_error when its id, name or schema name is taken.
    /// Not thread-safe: register before any lookup from another thread.
    void Register(ChannelModelInfo info);

    const ChannelModelInfo* Find(ChannelModel id) const;
    const ChannelModelInfo* FindByName(const std::string& name) const;
    const ChannelModelInfo* FindBySchemaName(const std::string& schemaName) const;

    /// Registration order.
    const std::vector<ChannelModelInfo>& All() const
    {
        return m_models;
    }

    /// "ntn, free-space, ..." (command-line names) and "NTN, FREE_SPACE, ..." (schema names).
    std::string Names() const;
    std::string SchemaNames() const;

  private:
    ChannelModelRegistry() = default;
    std::vector<ChannelModelInfo> m_models;
};

/// Registers the models shipped with the simulator (builtin-channel-models.cc).
void RegisterBuiltinChannelModels(ChannelModelRegistry& registry);

/// standard.proto's Environment value names ("DENSE_URBAN") to Environment.
bool EnvironmentFromSchemaName(const std::string& name, Environment& out);

} // namespace sagin

#endif
