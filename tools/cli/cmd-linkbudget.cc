// `sagin linkbudget`: evaluate one link model for one geometry and print its terms as one JSON
// object on stdout. Bad or missing flags end with a message on stderr and exit status 2.
#include "cli/commands.h"
#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "core/model/json-writer.h"
#include "core/model/text-format.h"
#include "link/model/channel-model.h"
#include "link/model/link-budget.h"
#include "link/model/link-geometry.h"

#include <cmath>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sagin::cli
{

namespace
{

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct LinkbudgetOptions
{
    std::string model;
    std::string environment;
    std::string condition = "mean";
    double freqGhz = kNaN;
    double elevationDeg = kNaN;
    double altitudeKm = kNaN;
    double distanceM = kNaN;
    double earthRadiusKm = 6371.0;
    // air-to-ground
    double uavHeightM = kNaN;
    double groundDistanceM = kNaN;
    double bsHeightM = kNaN;
    // budget
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
    // rain
    double rainRate = kNaN;
    double latitudeDeg = kNaN;
    double stationHeightKm = 0.0;
    double tiltDeg = 45.0;
    double availabilityPercent = kNaN;
    double isothermHeightKm = kNaN;
    std::string receiver = "ground";
    // rate
    std::string modcodTable = "dvb-s2x";
    double gapDb = kNaN;
    double capBpsHz = kNaN;
    double rollOff = 0.0;
    // isl
    double islMaxRangeKm = kNaN;
    double islGrazingKm = 80.0;
    double islRateGbps = 10.0;
    double islReferenceRangeKm = kNaN;
};

[[noreturn]] void
Fail(const std::string& message)
{
    throw InputError("sagin linkbudget: error: " + message);
}

bool
Given(double v)
{
    return !std::isnan(v);
}

void
RequireRange(const char* flag, double v, double lo, double hi)
{
    if (Given(v) && !(v >= lo && v <= hi))
    {
        std::ostringstream os;
        os << flag << " must be in [" << lo << ", " << hi << "], got " << v;
        Fail(os.str());
    }
}

/// One JSON object, members in insertion order. A NaN term (one that does not apply to this
/// geometry) is left out; an infinite one is null, as in every JSON file sagin writes.
class JsonObject
{
  public:
    JsonObject()
        : m_json(m_os)
    {
        m_json.BeginObject(JsonWriter::Layout::Inline);
    }

    void Number(const std::string& key, double v)
    {
        if (!std::isnan(v))
        {
            m_json.Key(key).Number(v);
        }
    }

    void String(const std::string& key, const std::string& v)
    {
        m_json.Key(key).String(v);
    }

    void Bool(const std::string& key, bool v)
    {
        m_json.Key(key).Bool(v);
    }

    /// The object's text; call once, last.
    std::string Str()
    {
        m_json.EndObject();
        return m_os.str();
    }

  private:
    std::ostringstream m_os;
    JsonWriter m_json;
};

void
RunLinkbudget(const LinkbudgetOptions& o)
{
    const ChannelModelRegistry& registry = ChannelModelRegistry::Instance();
    if (o.model.empty())
    {
        Fail("--model is required (" + registry.Names() + ")");
    }
    const ChannelModelInfo* info = registry.FindByName(o.model);
    if (!info)
    {
        Fail("unknown --model '" + o.model + "' (" + registry.Names() + ")");
    }
    const ChannelModel model = info->id;
    const ChannelValidity& validity = info->validity;
    LinkCondition condition;
    if (!ParseLinkCondition(o.condition, condition))
    {
        Fail("unknown --condition '" + o.condition + "' (los, nlos, mean)");
    }
    const bool ntnLike = info->geometry == ChannelGeometryKind::kElevationDistance;
    const bool a2g = info->geometry == ChannelGeometryKind::kHeightGroundDistance;
    const bool isl = info->geometry == ChannelGeometryKind::kDistance;

    LinkBudgetParameters p;
    p.model = model;
    if (!o.environment.empty())
    {
        if (!ParseEnvironment(o.environment, p.environment))
        {
            Fail("unknown --environment '" + o.environment
                 + "' (dense-urban, urban, suburban, rural, high-rise-urban)");
        }
        if (info->environments.empty())
        {
            Fail("--model " + o.model
                 + " takes no --environment (its scenario is the environment)");
        }
        if (!info->TakesEnvironment(p.environment))
        {
            Fail("--model " + o.model + " does not take --environment " + o.environment + " ("
                 + info->EnvironmentNames() + ")");
        }
    }
    else if (!info->environments.empty())
    {
        Fail("--environment is required for --model " + o.model + " (" + info->EnvironmentNames()
             + ")");
    }

    RequireRange("--elevation-deg", o.elevationDeg, 0.0, 90.0);
    RequireRange("--latitude-deg", o.latitudeDeg, -90.0, 90.0);
    RequireRange("--polarization-tilt-deg", o.tiltDeg, -90.0, 90.0);
    if (Given(o.altitudeKm) && !(o.altitudeKm > 0.0))
    {
        Fail("--altitude-km must be > 0");
    }
    if (Given(o.distanceM) && !(o.distanceM > 0.0))
    {
        Fail("--distance-m must be > 0");
    }

    // Frequency (not needed by the optical ISL).
    if (!isl)
    {
        if (!Given(o.freqGhz))
        {
            Fail("--freq-ghz is required");
        }
        p.frequencyHz = o.freqGhz * 1e9;
        const std::string e = info->CheckFrequency(p.frequencyHz);
        if (!e.empty())
        {
            Fail("--freq-ghz: " + e);
        }
    }

    // Geometry.
    LinkGeometry g;
    const double radiusM = o.earthRadiusKm * 1e3;
    if (ntnLike)
    {
        if (!Given(o.elevationDeg))
        {
            Fail("--elevation-deg is required for --model " + o.model);
        }
        if (Given(o.altitudeKm) == Given(o.distanceM))
        {
            Fail("give exactly one of --altitude-km (slant range on a sphere of radius "
                 "--earth-radius-km) and --distance-m");
        }
        g.elevationDeg = o.elevationDeg;
        g.distanceM = Given(o.distanceM)
                          ? o.distanceM
                          : SlantRangeM(o.elevationDeg * kDegToRad, o.altitudeKm * 1e3, radiusM);
    }
    else if (a2g)
    {
        RequireRange("--uav-height-m", o.uavHeightM, 0.0, 1e5);
        if (Given(o.uavHeightM) && Given(o.groundDistanceM))
        {
            g.aerialHeightM = o.uavHeightM;
            g.groundDistanceM = o.groundDistanceM;
        }
        else if (Given(o.elevationDeg) && Given(o.distanceM))
        {
            g.distanceM = o.distanceM;
            g.elevationDeg = o.elevationDeg;
        }
        else if (Given(o.elevationDeg) && Given(o.uavHeightM))
        {
            g.aerialHeightM = o.uavHeightM;
            double t = std::tan(o.elevationDeg * kDegToRad);
            g.groundDistanceM = t > 0.0 ? o.uavHeightM / t : kNaN;
            if (!Given(g.groundDistanceM))
            {
                Fail("--elevation-deg must be > 0 with --uav-height-m");
            }
        }
        else
        {
            Fail("give --uav-height-m with --ground-distance-m (or with --elevation-deg), or "
                 "--elevation-deg with --distance-m");
        }
        if (Given(info->defaultGroundAntennaHeightM))
        {
            p.groundAntennaHeightM = o.bsHeightM;
            double hBs = Given(o.bsHeightM) ? o.bsHeightM : info->defaultGroundAntennaHeightM;
            if (!Given(g.aerialHeightM))
            {
                g.aerialHeightM = hBs + g.distanceM * std::sin(g.elevationDeg * kDegToRad);
                g.groundDistanceM = g.distanceM * std::cos(g.elevationDeg * kDegToRad);
            }
            g.distanceM = std::hypot(g.groundDistanceM, g.aerialHeightM - hBs);
            g.elevationDeg = std::atan2(g.aerialHeightM - hBs, g.groundDistanceM) * kRadToDeg;
        }
        else if (Given(g.aerialHeightM))
        {
            g.distanceM = std::hypot(g.aerialHeightM, g.groundDistanceM);
            g.elevationDeg = std::atan2(g.aerialHeightM, g.groundDistanceM) * kRadToDeg;
        }
        // The model's validity range (registry).
        if (Given(g.aerialHeightM)
            && ((Given(validity.minHeightM) && g.aerialHeightM < validity.minHeightM)
                || (Given(validity.maxHeightM) && g.aerialHeightM > validity.maxHeightM)))
        {
            Fail("UAV / UT height must be in [" + Exact(validity.minHeightM) + ", "
                 + Exact(validity.maxHeightM) + "] m for --model " + o.model + ", got "
                 + Exact(g.aerialHeightM));
        }
        if (Given(g.groundDistanceM)
            && ((Given(validity.minGroundDistanceM)
                 && g.groundDistanceM < validity.minGroundDistanceM)
                || (Given(validity.maxGroundDistanceM)
                    && g.groundDistanceM > validity.maxGroundDistanceM)))
        {
            Fail("2D distance " + Exact(g.groundDistanceM) + " m is outside ["
                 + Exact(Given(validity.minGroundDistanceM) ? validity.minGroundDistanceM : 0.0)
                 + ", " + Exact(validity.maxGroundDistanceM) + "] m of --model " + o.model);
        }
    }
    else // isl
    {
        if (!Given(o.distanceM))
        {
            Fail("--distance-m is required for --model isl");
        }
        g.distanceM = o.distanceM;
        p.isl.grazingAltitudeM = o.islGrazingKm * 1e3;
        p.isl.rateBps = o.islRateGbps * 1e9;
        if (Given(o.islReferenceRangeKm))
        {
            p.isl.referenceRangeM = o.islReferenceRangeKm * 1e3;
            p.isl.maxRateBps = p.isl.rateBps;
        }
        if (Given(o.altitudeKm))
        {
            // Two satellites at the same altitude: the chord's midpoint is its lowest point.
            double r = radiusM + o.altitudeKm * 1e3;
            double half = o.distanceM / 2.0;
            if (half > r)
            {
                Fail("--distance-m is longer than the orbit's diameter");
            }
            g.grazingAltitudeM = std::sqrt(r * r - half * half) - radiusM;
        }
        if (Given(o.islMaxRangeKm))
        {
            p.isl.maxRangeM = o.islMaxRangeKm * 1e3;
        }
        else if (Given(o.altitudeKm))
        {
            p.isl.maxRangeM = MaxLineOfSightRangeM(
                o.altitudeKm * 1e3, o.altitudeKm * 1e3, p.isl.grazingAltitudeM, radiusM);
        }
    }

    // Budget.
    if (Given(o.bandwidthMhz))
    {
        if (!(o.bandwidthMhz > 0.0))
        {
            Fail("--bandwidth-mhz must be > 0");
        }
        p.bandwidthHz = o.bandwidthMhz * 1e6;
    }
    p.eirpDbwPerMhz = o.eirpDbwPerMhz;
    p.txPowerDbw = Given(o.txPowerDbm) ? o.txPowerDbm - 30.0 : o.txPowerDbw;
    p.txGainDbi = o.txGainDbi;
    p.gtDbK = o.gtDbK;
    p.rxGainDbi = o.rxGainDbi;
    p.noiseFigureDb = o.noiseFigureDb;
    p.antennaTemperatureK = o.antennaTemperatureK;
    p.shadowingMarginDb = o.shadowingMarginDb;
    p.additionalLossDb = o.additionalLossDb;
    p.minCnDb = o.minCnDb;
    bool txGiven = Given(p.eirpDbwPerMhz) || Given(p.txPowerDbw);
    bool rxGiven = Given(p.gtDbK) || Given(p.noiseFigureDb);
    if (!isl && (txGiven || rxGiven || Given(o.bandwidthMhz)))
    {
        if (!txGiven || !rxGiven || !Given(o.bandwidthMhz))
        {
            Fail("a link budget needs a transmitter (--eirp-dbw-per-mhz, or --tx-power-dbw / "
                 "--tx-power-dbm with --tx-gain-dbi), a receiver (--gt-dbk, or --noise-figure-db "
                 "with --rx-gain-dbi and --antenna-temperature-k) and --bandwidth-mhz");
        }
        if (Given(p.eirpDbwPerMhz) && Given(p.txPowerDbw))
        {
            Fail("give --eirp-dbw-per-mhz or a transmit power, not both");
        }
    }
    if (!ParseModulationKind(o.modcodTable, p.modulation))
    {
        Fail("unknown --modcod-table '" + o.modcodTable
             + "' (dvb-s2x, nr-cqi, nr-cqi-256, shannon)");
    }
    p.shannonGapDb = o.gapDb;
    p.shannonCapBpsHz = o.capBpsHz;
    if (!(o.rollOff >= 0.0 && o.rollOff <= 1.0))
    {
        Fail("--roll-off must be in [0, 1]");
    }
    p.rollOff = o.rollOff;

    // Rain.
    if (Given(o.rainRate))
    {
        if (!info->earthSpace)
        {
            Fail("--rain-rate-mm-h applies to Earth-space paths (--model ntn or free-space)");
        }
        if (!(o.rainRate >= 0.0 && o.rainRate <= 300.0))
        {
            Fail("--rain-rate-mm-h must be in [0, 300]");
        }
        if (!Given(o.latitudeDeg))
        {
            Fail("--latitude-deg is required with --rain-rate-mm-h");
        }
        double availability = Given(o.availabilityPercent) ? o.availabilityPercent : 99.99;
        if (!(availability >= 95.0 && availability <= 99.999))
        {
            Fail("--availability-percent must be in [95, 99.999] (ITU-R P.618-13 scales rain "
                 "attenuation between 0.001 % and 5 % of the time)");
        }
        if (o.rainRate > 0.0 && !(o.elevationDeg > 0.0))
        {
            Fail("rain attenuation (ITU-R P.618-13) needs --elevation-deg > 0");
        }
        if (o.rainRate > 0.0 && !(o.freqGhz >= 1.0))
        {
            Fail("rain attenuation (ITU-R P.838-3) needs --freq-ghz >= 1");
        }
        p.rain.rainRate001MmH = o.rainRate;
        p.rain.latitudeDeg = o.latitudeDeg;
        p.rain.stationHeightKm = o.stationHeightKm;
        p.rain.polarizationTiltDeg = o.tiltDeg;
        p.rain.exceedancePercent = 100.0 - availability;
        p.rain.isothermHeightKm = o.isothermHeightKm;
    }
    else if (Given(o.availabilityPercent))
    {
        Fail("--availability-percent needs --rain-rate-mm-h (clear sky otherwise)");
    }
    if (o.receiver != "ground" && o.receiver != "space")
    {
        Fail("unknown --receiver '" + o.receiver + "' (ground, space)");
    }
    p.receiverLooksAtSky = info->earthSpace && o.receiver == "ground";

    std::unique_ptr<LinkBudget> budget;
    try
    {
        budget = std::make_unique<LinkBudget>(p);
    }
    catch (const std::invalid_argument& e)
    {
        Fail(e.what());
    }
    LinkBudgetResult r;
    try
    {
        r = budget->Evaluate(g, condition);
    }
    catch (const std::invalid_argument& e)
    {
        Fail(e.what());
    }

    JsonObject j;
    j.String("model", o.model);
    if (!o.environment.empty())
    {
        j.String("environment", o.environment);
    }
    if (!isl)
    {
        j.String("condition", o.condition);
        j.Number("frequency_ghz", o.freqGhz);
    }
    j.Number("distance_m", r.distanceM);
    if (!isl)
    {
        j.Number("elevation_deg", r.elevationDeg);
    }
    if (a2g)
    {
        j.Number("ground_distance_m", g.groundDistanceM);
        j.Number("uav_height_m", g.aerialHeightM);
    }
    if (isl)
    {
        j.Number("grazing_altitude_m", g.grazingAltitudeM);
        j.Number("max_range_m", p.isl.maxRangeM);
        j.Bool("available", r.available);
        j.Number("rate_bps", r.rateBps);
        j.Number("one_way_delay_ms", r.oneWayDelayS * 1e3);
        std::cout << j.Str() << "\n";
        return;
    }
    j.Number("fspl_db", r.fsplDb);
    j.Number("gas_db", r.gasDb);
    j.Number("scintillation_db", r.scintillationDb);
    j.Number("clutter_db", r.clutterDb);
    j.Number("shadow_fading_sigma_db", r.shadowFadingSigmaDb);
    if (info->earthSpace)
    {
        j.Number("rain_db", r.rainDb);
    }
    if (info->earthSpace && p.rain.rainRate001MmH > 0.0)
    {
        RainTerms rt = RainAttenuation::Compute(o.freqGhz, g.elevationDeg, p.rain);
        j.Number("rain_specific_attenuation_db_per_km", rt.gammaDbPerKm);
        j.Number("rain_height_km", rt.rainHeightKm);
        j.Number("rain_effective_path_km", rt.effectiveLengthKm);
        j.Number("rain_a001_db", rt.a001Db);
        j.Number("availability_percent", 100.0 - p.rain.exceedancePercent);
        j.String("receiver", o.receiver);
        if (budget->HasBudget())
        {
            j.Number("system_noise_temperature_k", budget->SystemNoiseTemperatureK());
            j.Number("rain_noise_db", r.rainNoiseDb);
        }
    }
    j.Number("los_probability", r.losProbability);
    j.Number("path_loss_db", r.pathLossDb);
    j.Number("total_loss_db", r.totalLossDb);
    if (budget->HasBudget())
    {
        j.Number("eirp_dbw", r.eirpDbw);
        j.Number("gt_dbk", r.gtDbK);
        j.Number("bandwidth_hz", p.bandwidthHz);
        j.Number("cn_db", r.cnDb);
        j.String("modcod_table", o.modcodTable);
        j.Number("spectral_efficiency_bps_hz", r.spectralEfficiency);
        j.Number("rate_bps", r.rateBps);
        j.Bool("available", r.available);
    }
    j.Number("one_way_delay_ms", r.oneWayDelayS * 1e3);
    std::cout << j.Str() << "\n";
}

} // namespace

void
AddLinkbudgetCommand(CLI::App& app)
{
    auto o = std::make_shared<LinkbudgetOptions>();
    std::string models;
    for (const ChannelModelInfo& m : ChannelModelRegistry::Instance().All())
    {
        models += "  " + m.name + ": " + m.description + "\n";
    }
    CLI::App* cmd = app.add_subcommand(
        "linkbudget",
        "Evaluate one link model for one geometry and print its terms as one JSON object.\n"
        "Models (the channel-model registry):\n"
            + models
            + "Geometry: ntn/free-space: --elevation-deg with --altitude-km (slant range on a "
              "sphere\n"
              "of radius --earth-radius-km, 6371 km as 38.811) or --distance-m; air-to-ground:\n"
              "--uav-height-m with --ground-distance-m or --elevation-deg, or --elevation-deg "
              "with\n"
              "--distance-m (a2g-al-hourani, the -av models, and uma/umi/rma with --uav-height-m "
              "the\n"
              "terminal's height); isl: --distance-m (and --altitude-km of both satellites for "
              "the\n"
              "grazing check). C/N needs a transmitter, a receiver and --bandwidth-mhz.\n"
              "Output keys include distance_m, elevation_deg, fspl_db, gas_db, scintillation_db,\n"
              "clutter_db, shadow_fading_sigma_db, rain_db, rain_noise_db, los_probability,\n"
              "path_loss_db (no shadow-fading draw), cn_db, spectral_efficiency_bps_hz, rate_bps, "
              "one_way_delay_ms.");
    cmd->add_option("--model", o->model, ChannelModelRegistry::Instance().Names());
    cmd->add_option("--environment",
                    o->environment,
                    "dense-urban | urban | suburban | rural (a2g-al-hourani: also "
                    "high-rise-urban); required for the models that take one (ntn, "
                    "a2g-al-hourani), refused by the others");
    cmd->add_option("--condition",
                    o->condition,
                    "los | nlos | mean (expected loss over the LOS probability, no shadow-fading "
                    "draw)")
        ->capture_default_str();
    cmd->add_option("--freq-ghz", o->freqGhz, "Carrier frequency (GHz)");
    cmd->add_option("--elevation-deg", o->elevationDeg, "Elevation at the ground end, [0, 90]");
    cmd->add_option("--altitude-km", o->altitudeKm, "Platform altitude (km)");
    cmd->add_option("--distance-m", o->distanceM, "Distance between the two ends (m)");
    cmd->add_option("--earth-radius-km",
                    o->earthRadiusKm,
                    "Sphere radius for slant ranges and ISL grazing (km)")
        ->capture_default_str();
    cmd->add_option("--uav-height-m",
                    o->uavHeightM,
                    "Air-to-ground: height of the aerial end above ground (m)");
    cmd->add_option(
        "--ground-distance-m", o->groundDistanceM, "Air-to-ground: horizontal (2D) distance (m)");
    cmd->add_option("--bs-height-m",
                    o->bsHeightM,
                    "TR 36.777 / 38.901: ground base-station antenna height (m; default RMa 35, "
                    "UMa 25, UMi 10)");
    cmd->add_option("--eirp-dbw-per-mhz", o->eirpDbwPerMhz, "Transmit EIRP density (dBW/MHz)");
    cmd->add_option("--tx-power-dbw", o->txPowerDbw, "Transmit power (dBW)");
    cmd->add_option("--tx-power-dbm", o->txPowerDbm, "Transmit power (dBm)");
    cmd->add_option("--tx-gain-dbi", o->txGainDbi, "Transmit antenna gain (dBi)")
        ->capture_default_str();
    cmd->add_option("--gt-dbk", o->gtDbK, "Receive G/T (dB/K)");
    cmd->add_option("--rx-gain-dbi", o->rxGainDbi, "Receive antenna gain (dBi)")
        ->capture_default_str();
    cmd->add_option("--noise-figure-db", o->noiseFigureDb, "Receiver noise figure (dB)");
    cmd->add_option("--antenna-temperature-k",
                    o->antennaTemperatureK,
                    "Receive antenna noise temperature (K)")
        ->capture_default_str();
    cmd->add_option("--bandwidth-mhz", o->bandwidthMhz, "Bandwidth (MHz)");
    cmd->add_option(
           "--shadowing-margin-db", o->shadowingMarginDb, "Shadowing margin added to the loss (dB)")
        ->capture_default_str();
    cmd->add_option("--additional-loss-db",
                    o->additionalLossDb,
                    "Other losses: polarisation, pointing, implementation (dB)")
        ->capture_default_str();
    cmd->add_option("--min-cn-db", o->minCnDb, "C/N below which the link is unavailable (dB)");
    cmd->add_option("--rain-rate-mm-h",
                    o->rainRate,
                    "Rain rate exceeded 0.01 % of the time, R_0.01 (mm/h); omitted = clear sky");
    cmd->add_option("--latitude-deg", o->latitudeDeg, "Earth-station latitude (deg)");
    cmd->add_option("--station-height-km",
                    o->stationHeightKm,
                    "Earth-station height above mean sea level (km)")
        ->capture_default_str();
    cmd->add_option("--polarization-tilt-deg",
                    o->tiltDeg,
                    "Polarisation tilt to the horizontal (deg; 45 = circular)")
        ->capture_default_str();
    cmd->add_option("--availability-percent",
                    o->availabilityPercent,
                    "Availability for the rain attenuation, [95, 99.999] (default 99.99)");
    cmd->add_option("--isotherm-height-km",
                    o->isothermHeightKm,
                    "Mean 0 degC isotherm height h0 (ITU-R P.839-4 map value, km); default: "
                    "latitude model of P.839-1");
    cmd->add_option("--receiver",
                    o->receiver,
                    "Which end receives: ground (a downlink: rain also raises the antenna "
                    "temperature by 275 K (1 - 10^(-A/10)), ITU-R P.618-13 section 3, which needs "
                    "--noise-figure-db) or space (an uplink)")
        ->capture_default_str();
    cmd->add_option("--modcod-table",
                    o->modcodTable,
                    "dvb-s2x | nr-cqi (TS 38.214 Table 5.2.2.1-2) | nr-cqi-256 (Table "
                    "5.2.2.1-3) | shannon")
        ->capture_default_str();
    cmd->add_option("--shannon-gap-db",
                    o->gapDb,
                    "Gap to Shannon (dB): shannon (default 0) and nr-cqi thresholds (default 1.8)");
    cmd->add_option(
        "--shannon-cap-bps-hz", o->capBpsHz, "Maximum spectral efficiency for shannon (bit/s/Hz)");
    cmd->add_option("--roll-off", o->rollOff, "Roll-off: symbol rate = B / (1 + roll-off)")
        ->capture_default_str();
    cmd->add_option("--isl-max-range-km",
                    o->islMaxRangeKm,
                    "ISL maximum range (km); default: line of sight above the grazing altitude");
    cmd->add_option("--isl-grazing-altitude-km",
                    o->islGrazingKm,
                    "ISL: lowest altitude the line of sight may reach (km)")
        ->capture_default_str();
    cmd->add_option("--isl-rate-gbps",
                    o->islRateGbps,
                    "ISL rate (Gbit/s), or the rate at --isl-reference-range-km")
        ->capture_default_str();
    cmd->add_option("--isl-reference-range-km",
                    o->islReferenceRangeKm,
                    "ISL: range-dependent rate, (reference / distance)^2 scaling, capped");
    cmd->callback(
        [o]()
        {
            RunLinkbudget(*o);
        });
}

} // namespace sagin::cli
