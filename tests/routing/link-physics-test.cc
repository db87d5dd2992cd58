// The link predicate's physics (LinkStateBuilder::EvaluateToPoint, shared by run, paths and
// coverage) against hand computations: rain on both directions, each direction at its own
// frequency, the sky-noise increase of rain at a receiver on the ground, and the rain climate
// read from the scenario (issue 10, "Link physics defects").
//
// Geometry used throughout: a ground point at 25 N, 0 E (or 10 E), 200 m, and the upper end
// 38,000 km away at exactly 20 deg elevation (north of the point). Free-space channel, so the
// path loss is FSPL = 32.45 + 20 log10 f[GHz] + 20 log10 d[m]:
//   d = 3.8e7 m: 20 log10(3.8e7) = 151.595671
//   20 GHz: 32.45 + 26.020600 + 151.595671 = 210.066272 dB
//   30 GHz: 32.45 + 29.542425 + 151.595671 = 213.588097 dB
// C/N = EIRP - FSPL + G/T - 10 log10 k - 10 log10 B, with 10 log10(1.380649e-23 J/K)
// = -228.599167 dBW/K/Hz (the exact SI Boltzmann constant) and B = 100 MHz (80 dB).
//
// Rain at that point: ITU-R P.618-13 Example 1 of tests/link/rain-attenuation-test.cc (30 GHz,
// 20 deg, 25 N, h_s 0.2 km, R_0.01 50 mm/h, circular polarisation, h_R 4.85 km from the latitude
// model) has A_0.01 = 66.0911010 dB. At availability 99 % (p = 1 %) step 10 has beta = 0, so
//   A_1 = A_0.01 (1 / 0.01)^-(0.655 + 0.033 ln 1 - 0.045 ln A_0.01)
//       = 66.0911010 * 100^-(0.655 - 0.045 * 4.1910341) = 66.0911010 * 100^-0.46640347
//       = 66.0911010 * 0.116732845 = 7.7150022 dB.
#include "routing-test-util.h"
#include "routing/model/link-state-builder.h"
#include "scenario/model/text-input.h"
#include "scenario/model/validate-standard.h"

#include "core/model/diagnostics.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace sagin;
using namespace sagin::test;

namespace
{

constexpr double kRainAt30GhzDb = 7.7150022; // A_1 above
// VSAT receiver: T_sys = 150 + 290 (10^0.12 - 1) = 150 + 290 * 0.31825674 = 242.294454 K
// (10 log10 = 23.843435). Under A = 7.7150022 dB: 10^-0.77150022 = 0.16923874, sky noise
// 275 (1 - 0.16923874) = 228.459347 K, increase 10 log10(1 + 228.459347 / 242.294454)
// = 10 log10(1.94289961) = 2.8845036 dB.
constexpr double kRainNoiseDb = 2.8845036;

// Forward 40 dBW/MHz over 100 MHz = 60 dBW into G/T 40 - 23.843435 = 16.156565 dB/K at 30 GHz:
// 60 - 213.588097 + 16.156565 + 228.599167 - 80 = 11.167635 dB.
constexpr double kForwardClear30Db = 11.167635;
// Return: 33 dBm (3 dBW) + 43.2 dBi = 46.2 dBW into G/T 20 dB/K at 30 GHz:
// 46.2 - 213.588097 + 20 + 228.599167 - 80 = 1.211070 dB; at 20 GHz 3.521825 dB more: 4.732895.
constexpr double kReturnClear30Db = 1.211070;

std::string
Scenario(const std::string& rain)
{
    return R"(
        name: "rain" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60 seed: 1
        shells { name: "geo" geo { longitudes_deg: [0] } }
    )" + rain;
}

std::string
Standard(const std::string& serviceExtra)
{
    return R"(
        name: "ka" payload: REGENERATIVE access_layers: [SPACE]
        visibility { space_deg: 10 }
        links { service_space {
            frequency_ghz: 30 bandwidth_mhz: 100 channel: FREE_SPACE modulation: DVB_S2X
            forward { eirp_dbw_per_mhz: 40 rx { gain_dbi: 40 noise_figure_db: 1.2 antenna_temperature_k: 150 } }
            reverse { tx { power_dbm: 33 gain_dbi: 43.2 } gt_dbk: 20 }
            )" + serviceExtra + R"(
        } }
    )";
}

struct Evaluation
{
    bool usable = false;
    SnapshotLink link;
};

/// The service link from the world's GEO satellite (placed by hand, 38,000 km away at 20 deg
/// elevation) to a point at 25 N, lonDeg E, 200 m.
Evaluation
Evaluate(const std::string& scenarioText, const v1::Standard& standard, double lonDeg = 0.0)
{
    auto world = MakeWorld(ScenarioFromText(scenarioText));
    auto policy = Resolve(standard, *world);
    LinkStateBuilder builder(*world, policy);
    const double lat = 25.0 * M_PI / 180.0;
    const double lon = lonDeg * M_PI / 180.0;
    const Vec3 ground = Wgs84ToEcef(25.0, lonDeg, 200.0);
    const Vec3 up = Wgs84Up(25.0, lonDeg);
    const Vec3 north{-std::sin(lat) * std::cos(lon), -std::sin(lat) * std::sin(lon), std::cos(lat)};
    const double el = 20.0 * M_PI / 180.0;
    const Vec3 sat = ground + (north * std::cos(el) + up * std::sin(el)) * 38e6;
    Evaluation e;
    e.usable = builder.EvaluateToPoint(LinkKind::ServiceSpace, NodeIndex(*world, "geo-0"), sat, ground, up, e.link);
    EXPECT_NEAR(e.link.elevation_deg, 20.0, 1e-9);
    EXPECT_NEAR(e.link.distance_m, 38e6, 1e-6);
    return e;
}

Evaluation
Evaluate(const std::string& scenarioText, const std::string& standardText, double lonDeg = 0.0)
{
    return Evaluate(scenarioText, StandardFromText(standardText), lonDeg);
}

std::vector<std::string>
StandardErrors(const std::string& text)
{
    v1::Standard s;
    ParseTextInto("<test standard>", text, s);
    return ValidateStandard(s).Format("s.txtpb");
}

std::vector<std::string>
ScenarioErrors(const std::string& text)
{
    try
    {
        MakeWorld(ScenarioFromText(text));
    }
    catch (const InputError& e)
    {
        return e.Lines();
    }
    return {};
}

bool
Has(const std::vector<std::string>& lines, const std::string& needle)
{
    for (const auto& l : lines)
    {
        if (l.find(needle) != std::string::npos)
        {
            return true;
        }
    }
    return false;
}

} // namespace

// Defect 1: rain reduced only the forward C/N. Clear sky, both directions close: the return at
// 1.211070 dB meets QPSK 1/2 (1.00 dB, 0.988858 bit/symbol, EN 302 307-1 Table 13) and carries
// 0.988858 * 100 MHz. Dimensioned for 99 % in R_0.01 = 50 mm/h, the return C/N is
// 1.211070 - 7.715002 = -6.503932 dB, below the lowest MODCOD (QPSK 2/9, -2.85 dB): the link
// must not close, although the forward direction still does (next test).
TEST(LinkPhysics, RainFadesTheReturnDirectionToo)
{
    Evaluation clear = Evaluate(Scenario("rain { rain_rate_mm_h: 50 }"), Standard(""));
    ASSERT_TRUE(clear.usable);
    EXPECT_NEAR(clear.link.forwardCn_db, kForwardClear30Db, 1e-5);
    EXPECT_NEAR(clear.link.reverseRate_bps, 0.988858 * 100e6, 1e-3);
    Evaluation rain = Evaluate(Scenario("rain { rain_rate_mm_h: 50 }"), Standard("availability_percent: 99"));
    EXPECT_FALSE(rain.usable);
}

// Defect 3: the forward receiver (the VSAT, on the ground) loses the rain attenuation and the
// sky-noise increase: 11.167635 - 7.715002 - 2.884504 = 0.568130 dB, QPSK 9/20 (0.22 dB,
// 0.889135 bit/symbol, EN 302 307-2 Table 20a). The return receiver (the satellite) looks at
// the Earth: attenuation only. A return that closes in the rain shows the forward rate.
TEST(LinkPhysics, RainRaisesTheNoiseOfAGroundReceiver)
{
    // A return strong enough to close in the rain: 46.2 + 10 = 56.2 dBW, C/N 11.211070 - 7.715002
    // = 3.496068 dB.
    std::string standard = Standard("availability_percent: 99");
    standard.replace(standard.find("power_dbm: 33"), 13, "power_dbm: 43");
    Evaluation e = Evaluate(Scenario("rain { rain_rate_mm_h: 50 }"), standard);
    ASSERT_TRUE(e.usable);
    EXPECT_NEAR(e.link.forwardCn_db, kForwardClear30Db - kRainAt30GhzDb - kRainNoiseDb, 1e-5);
    EXPECT_NEAR(e.link.forwardRate_bps, 0.889135 * 100e6, 1e-3);
    // 3.496068 dB: QPSK 2/3 (3.10 dB, 1.322253).
    EXPECT_NEAR(e.link.reverseRate_bps, 1.322253 * 100e6, 1e-3);
}

// Defect 2: the return direction at its own frequency. Forward at 20 GHz, return at 30 GHz: the
// return C/N is 1.211070 dB (QPSK 1/2, 0.988858), not the 4.732895 dB it has at 20 GHz
// (8APSK 5/9-L, 4.73 dB, 1.647211). The forward at 20 GHz: 11.167635 + 3.521825 = 14.689461 dB.
TEST(LinkPhysics, ReturnDirectionAtItsOwnFrequency)
{
    std::string standard = Standard("reverse_frequency_ghz: 30");
    standard.replace(standard.find("frequency_ghz: 30"), 17, "frequency_ghz: 20");
    Evaluation e = Evaluate(Scenario(""), standard);
    ASSERT_TRUE(e.usable);
    EXPECT_NEAR(e.link.forwardCn_db, kForwardClear30Db + 3.521825, 1e-5);
    EXPECT_NEAR(e.link.reverseRate_bps, 0.988858 * 100e6, 1e-3);
    // Without it, both directions at 20 GHz.
    standard.replace(standard.find("reverse_frequency_ghz: 30"), 25, "");
    Evaluation same = Evaluate(Scenario(""), standard);
    EXPECT_NEAR(same.link.reverseRate_bps, 1.647211 * 100e6, 1e-3);
}

// The shipped GEO standard declares a 30 GHz VSAT uplink (TR 38.821 Table 6.1.1.1-3): its return
// budget is built at 30 GHz, the forward at 20 GHz.
TEST(LinkPhysics, ShippedGeoStandardCostsTheUplinkAt30Ghz)
{
    v1::Standard s = LoadStandard(std::string(SAGIN_SOURCE_DIR) + "/scenarios/standards/geo-transparent.txtpb");
    auto world = MakeWorld(ScenarioFromText(Scenario("")));
    auto policy = Resolve(s, *world);
    const LinkKindModel& m = policy.Link(LinkKind::ServiceSpace);
    ASSERT_TRUE(m.forward && m.reverse);
    EXPECT_DOUBLE_EQ(m.forward->Parameters().frequencyHz, 20e9);
    EXPECT_DOUBLE_EQ(m.reverse->Parameters().frequencyHz, 30e9);
}

// The issue's example: the shipped GEO Ka standard dimensioned for 99.9 % in R_0.01 = 50 mm/h
// kept its path although its return direction could not close. Its return budget, 46.2 dBW
// into G/T 28 dB/K over 400 MHz (86.020600 dB) at 30 GHz, has at most the free-space C/N
// 46.2 - 213.588097 + 28 + 228.599167 - 86.020600 = 3.190470 dB (the NTN model adds gas,
// scintillation and clutter to FSPL), and the rain of example 1 (99.9 %: 35.7509393 dB) takes
// it below -32.5 dB, far under the lowest MODCOD (-2.85 dB). Clear sky, it closes.
TEST(LinkPhysics, ShippedGeoStandardDoesNotCloseInHeavyRain)
{
    v1::Standard s = LoadStandard(std::string(SAGIN_SOURCE_DIR) + "/scenarios/standards/geo-transparent.txtpb");
    EXPECT_TRUE(Evaluate(Scenario("rain { rain_rate_mm_h: 50 }"), s).usable);
    s.mutable_links()->mutable_service_space()->set_availability_percent(99.9);
    EXPECT_FALSE(Evaluate(Scenario("rain { rain_rate_mm_h: 50 }"), s).usable);
}

// Defect 4: the climate is the scenario's, per region; the standard gives the availability.
TEST(LinkPhysics, RainClimateFromTheScenarioWithRegionalOverrides)
{
    const std::string standard = Standard("availability_percent: 99");
    const std::string wetAround0 = R"(rain { regions { region { lat_min_deg: 20 lat_max_deg: 30 lon_min_deg: -5 lon_max_deg: 5 } rain_rate_mm_h: 50 } })";
    // Inside the wet region: the return fades below the ladder (first test).
    EXPECT_FALSE(Evaluate(Scenario(wetAround0), standard).usable);
    // At 10 E, outside it: the scenario-wide default, clear sky; the same geometry gives the
    // clear-sky C/N.
    Evaluation dry = Evaluate(Scenario(wetAround0), standard, 10.0);
    ASSERT_TRUE(dry.usable);
    EXPECT_NEAR(dry.link.forwardCn_db, kForwardClear30Db, 1e-5);
    // Later regions override earlier ones.
    const std::string dryOverWet = R"(rain { rain_rate_mm_h: 50 regions { region { lat_min_deg: 20 lat_max_deg: 30 lon_min_deg: -5 lon_max_deg: 5 } rain_rate_mm_h: 0 } })";
    EXPECT_TRUE(Evaluate(Scenario(dryOverWet), standard).usable);
    // A standard without an availability target is evaluated in clear sky.
    EXPECT_NEAR(Evaluate(Scenario("rain { rain_rate_mm_h: 50 }"), Standard("")).link.forwardCn_db, kForwardClear30Db,
                1e-5);
    // The isotherm height: h_0 = 4.49 km gives h_R = 4.49 + 0.36 = 4.85 km (P.839-4), the
    // latitude model's value at 25 N, so the same fade (return made to close as above).
    std::string strong = standard;
    strong.replace(strong.find("power_dbm: 33"), 13, "power_dbm: 43");
    Evaluation h0 = Evaluate(Scenario("rain { rain_rate_mm_h: 50 isotherm_height_km: 4.49 }"), strong);
    ASSERT_TRUE(h0.usable);
    EXPECT_NEAR(h0.link.forwardCn_db, kForwardClear30Db - kRainAt30GhzDb - kRainNoiseDb, 1e-5);
    // A lower rain height shortens the path through rain: less fade.
    Evaluation low = Evaluate(Scenario("rain { rain_rate_mm_h: 50 isotherm_height_km: 2 }"), strong);
    EXPECT_GT(low.link.forwardCn_db, h0.link.forwardCn_db + 1.0);
}

TEST(LinkPhysics, RainAndFrequencyInputsAreValidated)
{
    auto s = ScenarioErrors(Scenario(R"(rain { rain_rate_mm_h: nan isotherm_height_km: 9
        regions { rain_rate_mm_h: -1 }
        regions { region { lat_min_deg: 0 lat_max_deg: 10 lon_min_deg: 0 lon_max_deg: 10 } isotherm_height_km: inf } })"));
    EXPECT_TRUE(Has(s, "rain.rain_rate_mm_h: must be in [0, 250] mm/h, got nan")) << s.size();
    EXPECT_TRUE(Has(s, "rain.isotherm_height_km: must be in [0, 8] km, got 9"));
    EXPECT_TRUE(Has(s, "rain.regions[0].region: must be set"));
    EXPECT_TRUE(Has(s, "rain.regions[0].rain_rate_mm_h: must be in [0, 250] mm/h, got -1"));
    EXPECT_TRUE(Has(s, "rain.regions[1].isotherm_height_km: must be in [0, 8] km, got inf"));

    auto e = StandardErrors(R"(
        links {
          service_space { frequency_ghz: 20 reverse_frequency_ghz: 150 bandwidth_mhz: 1 channel: NTN
                          modulation: DVB_S2X availability_percent: 99.5
                          forward { eirp_dbw_per_mhz: 40 gt_dbk: 15 } }
          feeder { frequency_ghz: 20 reverse_frequency_ghz: nan bandwidth_mhz: 1 channel: NTN modulation: DVB_S2X
                   availability_percent: 90 forward { eirp_dbw_per_mhz: 40 gt_dbk: 15 } }
        })");
    EXPECT_TRUE(Has(e, "links.service_space.reverse_frequency_ghz: must be in [0.5, 100] GHz (or 0: frequency_ghz), got 150"));
    EXPECT_TRUE(Has(e, "links.feeder.reverse_frequency_ghz: must be in [0.5, 100] GHz"));
    EXPECT_TRUE(Has(e, "links.feeder.availability_percent: must be in [95, 99.999]"));
    // A terminal receiving on the ground with rain needs its noise temperature, not G/T.
    EXPECT_TRUE(Has(e, "links.service_space.forward.gt_dbk: this receiver is on the ground"));
    // The feeder's forward receiver is the satellite: G/T is fine there.
    EXPECT_FALSE(Has(e, "links.feeder.forward.gt_dbk"));

    // The return frequency must suit the channel model too (Al-Hourani: 0.5-6 GHz).
    auto world = MakeWorld(ScenarioFromText(Scenario("")));
    v1::Standard a2g = StandardFromText(R"(
        name: "a2g" payload: REGENERATIVE
        links { service_air { frequency_ghz: 2 reverse_frequency_ghz: 28 bandwidth_mhz: 1 channel: AL_HOURANI
                              environment: URBAN modulation: DVB_S2X
                              forward { eirp_dbw_per_mhz: 40 gt_dbk: 15 }
                              reverse { eirp_dbw_per_mhz: 40 gt_dbk: 15 } } })");
    try
    {
        Resolve(a2g, *world);
        ADD_FAILURE() << "a 28 GHz return on the Al-Hourani model was accepted";
    }
    catch (const InputError& err)
    {
        EXPECT_NE(std::string(err.what()).find("links.service_air.reverse: Al-Hourani model: frequency"),
                  std::string::npos)
            << err.what();
    }
}
