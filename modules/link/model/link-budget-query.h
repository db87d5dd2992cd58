// One link budget evaluated from loose quantities, as `sagin linkbudget` takes them: a channel
// model and environment by their command-line names, the geometry in any of the forms the model
// accepts (elevation with altitude or distance; aerial height with ground distance or elevation;
// an ISL's length), an optional transmitter/receiver, rain, rate table and ISL parameters. The
// model knowledge (which geometry a model reads, its validity range, the aerial geometry, the
// ISL grazing altitude, the defaults) lives here; the command only parses flags and prints.
#ifndef SAGIN_LINK_LINK_BUDGET_QUERY_H
#define SAGIN_LINK_LINK_BUDGET_QUERY_H

#include "link/model/link-budget.h"

#include <limits>
#include <string>
#include <vector>

namespace sagin
{

struct ChannelModelInfo;

/// The inputs of one evaluation. NaN: not given. The initial values are the defaults of
/// `sagin linkbudget` (its --help shows them from here).
struct LinkBudgetQuery
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    /// Registry command-line name ("ntn", "uma-av", "isl"...); required.
    std::string model;
    /// "dense-urban", "urban"...; required by the models that take one, refused by the others.
    std::string environment;
    /// "los", "nlos" or "mean".
    std::string condition = "mean";
    double freqGhz = kNaN;
    double elevationDeg = kNaN;
    /// Platform altitude (km): the slant range follows on a sphere of earthRadiusKm.
    double altitudeKm = kNaN;
    double distanceM = kNaN;
    /// Sphere radius for slant ranges and the ISL grazing altitude (TR 38.811 uses 6371 km).
    double earthRadiusKm = 6371.0;
    // Air-to-ground and terrestrial models.
    double uavHeightM = kNaN;
    double groundDistanceM = kNaN;
    /// Ground base-station antenna height (m); NaN: the model's default.
    double bsHeightM = kNaN;
    // Budget.
    double eirpDbwPerMhz = kNaN;
    double txPowerDbw = kNaN;
    double txPowerDbm = kNaN;
    double txGainDbi = 0.0;
    double gtDbK = kNaN;
    double rxGainDbi = 0.0;
    double noiseFigureDb = kNaN;
    double antennaTemperatureK = 290.0;
    double bandwidthMhz = kNaN;
    double shadowingMarginDb = 0.0;
    double additionalLossDb = 0.0;
    double minCnDb = -std::numeric_limits<double>::infinity();
    // Rain (ITU-R P.618-13).
    double rainRateMmH = kNaN;
    double latitudeDeg = kNaN;
    double stationHeightKm = 0.0;
    double polarizationTiltDeg = 45.0;
    /// NaN: 99.99 % with a rain rate.
    double availabilityPercent = kNaN;
    double isothermHeightKm = kNaN;
    /// "ground" (a downlink: rain raises the receiver's noise) or "space".
    std::string receiver = "ground";
    // Rate.
    std::string modcodTable = "dvb-s2x";
    double shannonGapDb = kNaN;
    double shannonCapBpsHz = kNaN;
    double rollOff = 0.0;
    // Optical ISL.
    double islMaxRangeKm = kNaN;
    double islGrazingAltitudeKm = 80.0;
    double islRateGbps = 10.0;
    double islReferenceRangeKm = kNaN;
};

/// One reported term: a number, a string or a boolean.
struct LinkBudgetTerm
{
    enum class Type
    {
        kNumber,
        kString,
        kBool,
    };

    std::string key;
    Type type = Type::kNumber;
    double number = 0.0;
    std::string text;
    bool flag = false;
};

/// The terms of one evaluation in report order. A term that does not apply to the model or the
/// geometry (a NaN) is absent; an infinite one is kept (JSON writers print it as null).
class LinkBudgetReport
{
  public:
    void AddNumber(const std::string& key, double v);
    void AddString(const std::string& key, const std::string& v);
    void AddBool(const std::string& key, bool v);

    const std::vector<LinkBudgetTerm>& Terms() const
    {
        return m_terms;
    }

    /// The term called `key`, or null.
    const LinkBudgetTerm* Find(const std::string& key) const;
    /// The number called `key`; NaN when absent.
    double Number(const std::string& key) const;

  private:
    std::vector<LinkBudgetTerm> m_terms;
};

/// Evaluates `q`. Bad or missing input throws InputError with one line naming the flag
/// (`--freq-ghz: ...`), without a command prefix.
LinkBudgetReport EvaluateLinkBudgetQuery(const LinkBudgetQuery& q);

/// Geometry of an elevation-distance model (satellite, HAPS): the elevation and the 3D distance,
/// which is `distanceM` when given, else the slant range to a platform at `altitudeM` on a
/// sphere of `radiusM` (SlantRangeM). Exactly one of altitudeM and distanceM is given (not NaN).
LinkGeometry ElevationDistanceGeometry(double elevationDeg,
                                       double altitudeM,
                                       double distanceM,
                                       double radiusM);

/// Geometry of a height-ground-distance model (air-to-ground, aerial UE, terrestrial) from any
/// of: aerial height with ground distance; aerial height with elevation (ground distance
/// h / tan(e)); elevation with 3D distance. For a model with a base station at the ground end
/// (defaultGroundAntennaHeightM given) heights and angles are taken from the base-station antenna
/// (`bsHeightM`, NaN: the model's default): the 3D distance is hypot(d2D, h - hBS) and the
/// elevation atan2(h - hBS, d2D); elevation with 3D distance then places the aerial end at
/// hBS + d sin(e), d2D = d cos(e). Throws InputError for a missing combination, a non-positive
/// elevation with a height, or a height or 2D distance outside the model's validity.
LinkGeometry HeightGroundGeometry(const ChannelModelInfo& info,
                                  double aerialHeightM,
                                  double groundDistanceM,
                                  double elevationDeg,
                                  double distanceM,
                                  double bsHeightM);

/// Lowest altitude (m) above a sphere of `radiusM` of the chord between two satellites at the
/// same altitude `altitudeM`, `distanceM` apart: its midpoint, sqrt((R + h)^2 - (d / 2)^2) - R.
/// NaN when the chord is longer than the orbit's diameter.
double ChordGrazingAltitudeM(double distanceM, double altitudeM, double radiusM);

} // namespace sagin

#endif
