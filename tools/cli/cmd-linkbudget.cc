// `sagin linkbudget`: evaluate one link model for one geometry and print its terms as one JSON
// object on stdout. Bad or missing flags end with a message on stderr and exit status 2. The
// flags fill a LinkBudgetQuery; the model knowledge is in modules/link (link-budget-query.h).
#include "cli/commands.h"
#include "core/model/diagnostics.h"
#include "core/model/json-writer.h"
#include "link/model/channel-model.h"
#include "link/model/link-budget-query.h"

#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace sagin::cli
{

namespace
{

/// Prints the report as one JSON object on one line, members in report order (infinite
/// numbers are null, as in every JSON file sagin writes).
void
PrintReport(const LinkBudgetReport& report)
{
    std::ostringstream os;
    JsonWriter json(os);
    json.BeginObject(JsonWriter::Layout::Inline);
    for (const LinkBudgetTerm& t : report.Terms())
    {
        json.Key(t.key);
        switch (t.type)
        {
        case LinkBudgetTerm::Type::kNumber:
            json.Number(t.number);
            break;
        case LinkBudgetTerm::Type::kString:
            json.String(t.text);
            break;
        case LinkBudgetTerm::Type::kBool:
            json.Bool(t.flag);
            break;
        }
    }
    json.EndObject();
    std::cout << os.str() << "\n";
}

void
RunLinkbudget(const LinkBudgetQuery& q)
{
    LinkBudgetReport report;
    try
    {
        report = EvaluateLinkBudgetQuery(q);
    }
    catch (const InputError& e)
    {
        throw InputError("sagin linkbudget: error: " + e.Lines().front());
    }
    PrintReport(report);
}

} // namespace

void
AddLinkbudgetCommand(CLI::App& app)
{
    auto o = std::make_shared<LinkBudgetQuery>();
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
                    o->rainRateMmH,
                    "Rain rate exceeded 0.01 % of the time, R_0.01 (mm/h); omitted = clear sky");
    cmd->add_option("--latitude-deg", o->latitudeDeg, "Earth-station latitude (deg)");
    cmd->add_option("--station-height-km",
                    o->stationHeightKm,
                    "Earth-station height above mean sea level (km)")
        ->capture_default_str();
    cmd->add_option("--polarization-tilt-deg",
                    o->polarizationTiltDeg,
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
                    o->shannonGapDb,
                    "Gap to Shannon (dB): shannon (default 0) and nr-cqi thresholds (default 1.8)");
    cmd->add_option("--shannon-cap-bps-hz",
                    o->shannonCapBpsHz,
                    "Maximum spectral efficiency for shannon (bit/s/Hz)");
    cmd->add_option("--roll-off", o->rollOff, "Roll-off: symbol rate = B / (1 + roll-off)")
        ->capture_default_str();
    cmd->add_option("--isl-max-range-km",
                    o->islMaxRangeKm,
                    "ISL maximum range (km); default: line of sight above the grazing altitude");
    cmd->add_option("--isl-grazing-altitude-km",
                    o->islGrazingAltitudeKm,
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
