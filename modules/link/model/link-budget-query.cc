#include "link/model/link-budget-query.h"

#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "core/model/text-format.h"
#include "link/model/channel-model.h"
#include "link/model/link-geometry.h"
#include "link/model/rain-attenuation.h"

#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace sagin
{

namespace
{

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void
Fail(const std::string& message)
{
    throw InputError(message);
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

} // namespace

void
LinkBudgetReport::AddNumber(const std::string& key, double v)
{
    if (!std::isnan(v))
    {
        LinkBudgetTerm t;
        t.key = key;
        t.number = v;
        m_terms.push_back(t);
    }
}

void
LinkBudgetReport::AddString(const std::string& key, const std::string& v)
{
    LinkBudgetTerm t;
    t.key = key;
    t.type = LinkBudgetTerm::Type::kString;
    t.text = v;
    m_terms.push_back(t);
}

void
LinkBudgetReport::AddBool(const std::string& key, bool v)
{
    LinkBudgetTerm t;
    t.key = key;
    t.type = LinkBudgetTerm::Type::kBool;
    t.flag = v;
    m_terms.push_back(t);
}

const LinkBudgetTerm*
LinkBudgetReport::Find(const std::string& key) const
{
    for (const LinkBudgetTerm& t : m_terms)
    {
        if (t.key == key)
        {
            return &t;
        }
    }
    return nullptr;
}

double
LinkBudgetReport::Number(const std::string& key) const
{
    const LinkBudgetTerm* t = Find(key);
    return t && t->type == LinkBudgetTerm::Type::kNumber ? t->number : kNaN;
}

LinkGeometry
ElevationDistanceGeometry(double elevationDeg, double altitudeM, double distanceM, double radiusM)
{
    LinkGeometry g;
    g.elevationDeg = elevationDeg;
    g.distanceM
        = Given(distanceM) ? distanceM : SlantRangeM(elevationDeg * kDegToRad, altitudeM, radiusM);
    return g;
}

LinkGeometry
HeightGroundGeometry(const ChannelModelInfo& info,
                     double aerialHeightM,
                     double groundDistanceM,
                     double elevationDeg,
                     double distanceM,
                     double bsHeightM)
{
    LinkGeometry g;
    if (Given(aerialHeightM) && Given(groundDistanceM))
    {
        g.aerialHeightM = aerialHeightM;
        g.groundDistanceM = groundDistanceM;
    }
    else if (Given(elevationDeg) && Given(distanceM))
    {
        g.distanceM = distanceM;
        g.elevationDeg = elevationDeg;
    }
    else if (Given(elevationDeg) && Given(aerialHeightM))
    {
        g.aerialHeightM = aerialHeightM;
        double t = std::tan(elevationDeg * kDegToRad);
        g.groundDistanceM = t > 0.0 ? aerialHeightM / t : kNaN;
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
    if (Given(info.defaultGroundAntennaHeightM))
    {
        double hBs = Given(bsHeightM) ? bsHeightM : info.defaultGroundAntennaHeightM;
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
    const ChannelValidity& validity = info.validity;
    if (Given(g.aerialHeightM)
        && ((Given(validity.minHeightM) && g.aerialHeightM < validity.minHeightM)
            || (Given(validity.maxHeightM) && g.aerialHeightM > validity.maxHeightM)))
    {
        Fail("UAV / UT height must be in [" + Exact(validity.minHeightM) + ", "
             + Exact(validity.maxHeightM) + "] m for --model " + info.name + ", got "
             + Exact(g.aerialHeightM));
    }
    if (Given(g.groundDistanceM)
        && ((Given(validity.minGroundDistanceM) && g.groundDistanceM < validity.minGroundDistanceM)
            || (Given(validity.maxGroundDistanceM)
                && g.groundDistanceM > validity.maxGroundDistanceM)))
    {
        Fail("2D distance " + Exact(g.groundDistanceM) + " m is outside ["
             + Exact(Given(validity.minGroundDistanceM) ? validity.minGroundDistanceM : 0.0) + ", "
             + Exact(validity.maxGroundDistanceM) + "] m of --model " + info.name);
    }
    return g;
}

double
ChordGrazingAltitudeM(double distanceM, double altitudeM, double radiusM)
{
    const double r = radiusM + altitudeM;
    const double half = distanceM / 2.0;
    return half > r ? kNaN : std::sqrt(r * r - half * half) - radiusM;
}

LinkBudgetReport
EvaluateLinkBudgetQuery(const LinkBudgetQuery& o)
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
    LinkCondition condition;
    if (!ParseLinkCondition(o.condition, condition))
    {
        Fail("unknown --condition '" + o.condition + "' (los, nlos, mean)");
    }
    const bool ntnLike = info->geometry == ChannelGeometryKind::kElevationDistance;
    const bool a2g = info->geometry == ChannelGeometryKind::kHeightGroundDistance;
    const bool isl = info->geometry == ChannelGeometryKind::kDistance;

    LinkBudgetParameters p;
    p.model = info->id;
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
    RequireRange("--polarization-tilt-deg", o.polarizationTiltDeg, -90.0, 90.0);
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
        g = ElevationDistanceGeometry(o.elevationDeg, o.altitudeKm * 1e3, o.distanceM, radiusM);
    }
    else if (a2g)
    {
        RequireRange("--uav-height-m", o.uavHeightM, 0.0, 1e5);
        g = HeightGroundGeometry(
            *info, o.uavHeightM, o.groundDistanceM, o.elevationDeg, o.distanceM, o.bsHeightM);
        if (Given(info->defaultGroundAntennaHeightM))
        {
            p.groundAntennaHeightM = o.bsHeightM;
        }
    }
    else // isl
    {
        if (!Given(o.distanceM))
        {
            Fail("--distance-m is required for --model isl");
        }
        g.distanceM = o.distanceM;
        p.isl.grazingAltitudeM = o.islGrazingAltitudeKm * 1e3;
        p.isl.rateBps = o.islRateGbps * 1e9;
        if (Given(o.islReferenceRangeKm))
        {
            p.isl.referenceRangeM = o.islReferenceRangeKm * 1e3;
            p.isl.maxRateBps = p.isl.rateBps;
        }
        if (Given(o.altitudeKm))
        {
            // Two satellites at the same altitude: the chord's midpoint is its lowest point.
            g.grazingAltitudeM = ChordGrazingAltitudeM(o.distanceM, o.altitudeKm * 1e3, radiusM);
            if (!Given(g.grazingAltitudeM))
            {
                Fail("--distance-m is longer than the orbit's diameter");
            }
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
    p.shannonGapDb = o.shannonGapDb;
    p.shannonCapBpsHz = o.shannonCapBpsHz;
    if (!(o.rollOff >= 0.0 && o.rollOff <= 1.0))
    {
        Fail("--roll-off must be in [0, 1]");
    }
    p.rollOff = o.rollOff;

    // Rain.
    if (Given(o.rainRateMmH))
    {
        if (!info->earthSpace)
        {
            Fail("--rain-rate-mm-h applies to Earth-space paths (--model ntn or free-space)");
        }
        if (!(o.rainRateMmH >= 0.0 && o.rainRateMmH <= 300.0))
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
        if (o.rainRateMmH > 0.0 && !(o.elevationDeg > 0.0))
        {
            Fail("rain attenuation (ITU-R P.618-13) needs --elevation-deg > 0");
        }
        if (o.rainRateMmH > 0.0 && !(o.freqGhz >= 1.0))
        {
            Fail("rain attenuation (ITU-R P.838-3) needs --freq-ghz >= 1");
        }
        p.rain.rainRate001MmH = o.rainRateMmH;
        p.rain.latitudeDeg = o.latitudeDeg;
        p.rain.stationHeightKm = o.stationHeightKm;
        p.rain.polarizationTiltDeg = o.polarizationTiltDeg;
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
    LinkBudgetResult r;
    try
    {
        budget = std::make_unique<LinkBudget>(p);
        r = budget->Evaluate(g, condition);
    }
    catch (const std::invalid_argument& e)
    {
        Fail(e.what());
    }

    LinkBudgetReport j;
    j.AddString("model", o.model);
    if (!o.environment.empty())
    {
        j.AddString("environment", o.environment);
    }
    if (!isl)
    {
        j.AddString("condition", o.condition);
        j.AddNumber("frequency_ghz", o.freqGhz);
    }
    j.AddNumber("distance_m", r.distanceM);
    if (!isl)
    {
        j.AddNumber("elevation_deg", r.elevationDeg);
    }
    if (a2g)
    {
        j.AddNumber("ground_distance_m", g.groundDistanceM);
        j.AddNumber("uav_height_m", g.aerialHeightM);
    }
    if (isl)
    {
        j.AddNumber("grazing_altitude_m", g.grazingAltitudeM);
        j.AddNumber("max_range_m", p.isl.maxRangeM);
        j.AddBool("available", r.available);
        j.AddNumber("rate_bps", r.rateBps);
        j.AddNumber("one_way_delay_ms", r.oneWayDelayS * 1e3);
        return j;
    }
    j.AddNumber("fspl_db", r.fsplDb);
    j.AddNumber("gas_db", r.gasDb);
    j.AddNumber("scintillation_db", r.scintillationDb);
    j.AddNumber("clutter_db", r.clutterDb);
    j.AddNumber("shadow_fading_sigma_db", r.shadowFadingSigmaDb);
    if (info->earthSpace)
    {
        j.AddNumber("rain_db", r.rainDb);
    }
    if (info->earthSpace && p.rain.rainRate001MmH > 0.0)
    {
        RainTerms rt = RainAttenuation::Compute(o.freqGhz, g.elevationDeg, p.rain);
        j.AddNumber("rain_specific_attenuation_db_per_km", rt.gammaDbPerKm);
        j.AddNumber("rain_height_km", rt.rainHeightKm);
        j.AddNumber("rain_effective_path_km", rt.effectiveLengthKm);
        j.AddNumber("rain_a001_db", rt.a001Db);
        j.AddNumber("availability_percent", 100.0 - p.rain.exceedancePercent);
        j.AddString("receiver", o.receiver);
        if (budget->HasBudget())
        {
            j.AddNumber("system_noise_temperature_k", budget->SystemNoiseTemperatureK());
            j.AddNumber("rain_noise_db", r.rainNoiseDb);
        }
    }
    j.AddNumber("los_probability", r.losProbability);
    j.AddNumber("path_loss_db", r.pathLossDb);
    j.AddNumber("total_loss_db", r.totalLossDb);
    if (budget->HasBudget())
    {
        j.AddNumber("eirp_dbw", r.eirpDbw);
        j.AddNumber("gt_dbk", r.gtDbK);
        j.AddNumber("bandwidth_hz", p.bandwidthHz);
        j.AddNumber("cn_db", r.cnDb);
        j.AddString("modcod_table", o.modcodTable);
        j.AddNumber("spectral_efficiency_bps_hz", r.spectralEfficiency);
        j.AddNumber("rate_bps", r.rateBps);
        j.AddBool("available", r.available);
    }
    j.AddNumber("one_way_delay_ms", r.oneWayDelayS * 1e3);
    return j;
}

} // namespace sagin
