// End-to-end tests of `sagin linkbudget`: run the built binary ($SAGIN_BIN), check its JSON and
// its exit status 2 with a message for bad input.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace
{

struct CommandRun
{
    int status;
    std::string out;
    std::string err;
};

std::string
Slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

CommandRun
RunSagin(const std::string& args)
{
    const char* bin = std::getenv("SAGIN_BIN");
    EXPECT_NE(bin, nullptr) << "SAGIN_BIN is not set";
    std::string base = testing::TempDir() + "linkbudget-"
                       + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-"
                       + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::string cmd = std::string(bin ? bin : "sagin") + " linkbudget " + args + " >" + base
                      + ".out 2>" + base + ".err";
    int raw = std::system(cmd.c_str());
    CommandRun r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = Slurp(base + ".out");
    r.err = Slurp(base + ".err");
    std::remove((base + ".out").c_str());
    std::remove((base + ".err").c_str());
    return r;
}

/// The number after `"key": ` in a flat JSON object (NaN when absent).
double
Number(const std::string& json, const std::string& key)
{
    std::string k = "\"" + key + "\": ";
    auto pos = json.find(k);
    if (pos == std::string::npos)
    {
        return std::nan("");
    }
    return std::strtod(json.c_str() + pos + k.size(), nullptr);
}

TEST(LinkbudgetCommand, Tr38821UplinkCase)
{
    CommandRun r = RunSagin("--model ntn --environment suburban --freq-ghz 2 --elevation-deg 30 "
                            "--altitude-km 600 --tx-power-dbm 23 --gt-dbk 1.1 --bandwidth-mhz 0.36 "
                            "--shadowing-margin-db 3 --condition los");
    ASSERT_EQ(r.status, 0) << r.err;
    // One JSON object on one line.
    EXPECT_EQ(r.out.front(), '{');
    EXPECT_EQ(r.out.find('\n'), r.out.size() - 1);
    // Hand computation in link-budget-test.cc: C/N = 2.8367 dB, d = 1075.088 km.
    EXPECT_NEAR(Number(r.out, "cn_db"), 2.8367, 1e-4);
    EXPECT_NEAR(Number(r.out, "distance_m"), 1075088.0, 1.0);
    EXPECT_NEAR(Number(r.out, "fspl_db"), 159.0995, 1e-4);
    EXPECT_NEAR(Number(r.out, "scintillation_db"), 2.2, 1e-9);
    EXPECT_NEAR(Number(r.out, "gas_db"), 0.0, 1e-12);
    EXPECT_NEAR(Number(r.out, "los_probability"), 0.919, 1e-12);
    EXPECT_NEAR(Number(r.out, "spectral_efficiency_bps_hz"), 1.188304, 1e-9);
    EXPECT_NEAR(Number(r.out, "rate_bps"), 427789.44, 1e-3);
    EXPECT_NEAR(Number(r.out, "one_way_delay_ms"), 3.5861, 1e-4);
    for (const char* key :
         {"elevation_deg", "clutter_db", "shadow_fading_sigma_db", "rain_db", "path_loss_db"})
    {
        EXPECT_FALSE(std::isnan(Number(r.out, key))) << key;
    }
}

TEST(LinkbudgetCommand, RainAndMeanMode)
{
    // Rain example 2 of rain-attenuation-test.cc (5.30758 dB) on a 600 km LEO at 40 deg.
    CommandRun r = RunSagin("--model ntn --environment rural --freq-ghz 20 --elevation-deg 40 "
                            "--altitude-km 600 --rain-rate-mm-h 30 --latitude-deg 45 "
                            "--station-height-km 0.1 --polarization-tilt-deg 0 "
                            "--availability-percent 99.9 --isotherm-height-km 3");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NEAR(Number(r.out, "rain_db"), 5.307580411, 1e-6);
    // Mean mode, rural Ka at alpha_q 40: P_LOS 0.929, CL 20.0 -> clutter 0.071 * 20 = 1.42 dB.
    EXPECT_NEAR(Number(r.out, "clutter_db"), 1.42, 1e-9);
}

TEST(LinkbudgetCommand, RainNoiseOfAGroundReceiver)
{
    // Rain example 1 of rain-attenuation-test.cc (30 GHz, 20 deg, 25 N, h_s 0.2 km, R 50 mm/h,
    // circular, 99.9 %: 35.7509393 dB) into the TR 38.821 Ka VSAT receiver (39.7 dBi, 1.2 dB,
    // 150 K: T_sys = 150 + 290 (10^0.12 - 1) = 242.294454 K). Sky noise (ITU-R P.618-13 3):
    // 275 (1 - 10^-3.57509393) = 274.926846 K -> 10 log10(1 + 274.926846 / 242.294454)
    // = 3.2933293 dB. Free space at 38,000 km: FSPL = 32.45 + 29.542425 + 151.595671
    // = 213.588097 dB; G/T = 39.7 - 23.843435 = 15.856565 dB/K; clear C/N = 40 + 20 - 213.588097
    // + 15.856565 + 228.599167 - 80 = 10.867635 dB; in the rain 10.867635 - 35.750939 - 3.293329
    // = -28.176633 dB.
    const std::string link = "--model free-space --freq-ghz 30 --elevation-deg 20 --distance-m 38000000 "
                             "--rain-rate-mm-h 50 --latitude-deg 25 --station-height-km 0.2 "
                             "--availability-percent 99.9 --eirp-dbw-per-mhz 40 --bandwidth-mhz 100 ";
    CommandRun r = RunSagin(link + "--rx-gain-dbi 39.7 --noise-figure-db 1.2 --antenna-temperature-k 150");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NEAR(Number(r.out, "rain_db"), 35.7509393, 1e-6);
    EXPECT_NEAR(Number(r.out, "system_noise_temperature_k"), 242.294454, 1e-6);
    EXPECT_NEAR(Number(r.out, "rain_noise_db"), 3.2933293, 1e-6);
    EXPECT_NEAR(Number(r.out, "cn_db"), -28.176633, 1e-5);
    // An uplink: the satellite's receiver looks at the Earth; attenuation only.
    CommandRun u = RunSagin(link + "--gt-dbk 15.856565 --receiver space");
    ASSERT_EQ(u.status, 0) << u.err;
    EXPECT_NEAR(Number(u.out, "rain_noise_db"), 0.0, 0.0);
    EXPECT_NEAR(Number(u.out, "cn_db"), 10.867635 - 35.7509393, 1e-5);
    // A downlink receiver given by G/T alone has no noise temperature to raise.
    CommandRun g = RunSagin(link + "--gt-dbk 15.9");
    EXPECT_EQ(g.status, 2);
    EXPECT_NE(g.err.find("noise figure and antenna temperature"), std::string::npos) << g.err;
}

TEST(LinkbudgetCommand, AirToGroundAndIsl)
{
    CommandRun a
        = RunSagin("--model a2g-al-hourani --environment urban --freq-ghz 2 --uav-height-m 100 "
                   "--ground-distance-m 100 --condition los");
    ASSERT_EQ(a.status, 0) << a.err;
    EXPECT_NEAR(Number(a.out, "path_loss_db"), 81.4787 + 1.0, 1e-4);
    EXPECT_NEAR(Number(a.out, "elevation_deg"), 45.0, 1e-9);
    CommandRun u
        = RunSagin("--model uma-av --freq-ghz 2 --uav-height-m 100 --ground-distance-m 1000 "
                   "--condition los");
    ASSERT_EQ(u.status, 0) << u.err;
    EXPECT_NEAR(Number(u.out, "path_loss_db"), 100.0474, 1e-4);
    EXPECT_NEAR(Number(u.out, "los_probability"), 0.853, 5e-4);
    // Hypatia Starlink: 550 km, 80 km grazing, R = 6378.135 km -> max 5016.6 km.
    CommandRun i = RunSagin("--model isl --distance-m 5000000 --altitude-km 550 "
                            "--earth-radius-km 6378.135");
    ASSERT_EQ(i.status, 0) << i.err;
    EXPECT_NEAR(Number(i.out, "max_range_m"), 5016591.2, 1.0);
    EXPECT_NE(i.out.find("\"available\": true"), std::string::npos);
    CommandRun j = RunSagin("--model isl --distance-m 5100000 --altitude-km 550 "
                            "--earth-radius-km 6378.135");
    ASSERT_EQ(j.status, 0) << j.err;
    EXPECT_NE(j.out.find("\"available\": false"), std::string::npos);
}

TEST(LinkbudgetCommand, BadInputExitsWithStatus2)
{
    struct Case
    {
        const char* args;
        const char* message;
    };
    const Case cases[] = {
        {"--model ntn --environment urban --freq-ghz 20 --elevation-deg 95 --altitude-km 600",
         "--elevation-deg must be in [0, 90]"},
        {"--model ntn --environment urban --freq-ghz 20 --elevation-deg -1 --altitude-km 600",
         "--elevation-deg must be in [0, 90]"},
        {"--model ntn --environment urban --freq-ghz 150 --elevation-deg 45 --altitude-km 600",
         "outside the validity"},
        {"--model a2g-al-hourani --environment urban --freq-ghz 28 --uav-height-m 100 "
         "--ground-distance-m 100",
         "outside the validity"},
        {"--model ntn --environment jungle --freq-ghz 2 --elevation-deg 45 --altitude-km 600",
         "unknown --environment"},
        {"--model ntn --environment high-rise-urban --freq-ghz 2 --elevation-deg 45 "
         "--altitude-km 600",
         "high-rise-urban"},
        {"--model warp --freq-ghz 2", "unknown --model"},
        {"--freq-ghz 2 --elevation-deg 45", "--model is required"},
        {"--model ntn --environment urban --elevation-deg 45 --altitude-km 600",
         "--freq-ghz is required"},
        {"--model ntn --environment urban --freq-ghz 2 --altitude-km 600",
         "--elevation-deg is required"},
        {"--model ntn --freq-ghz 2 --elevation-deg 45 --altitude-km 600",
         "--environment is required"},
        {"--model ntn --environment urban --freq-ghz 2 --elevation-deg 45", "--altitude-km"},
        {"--model ntn --environment urban --freq-ghz 2 --elevation-deg 45 --altitude-km 600 "
         "--condition sunny",
         "unknown --condition"},
        {"--model ntn --environment urban --freq-ghz 2 --elevation-deg 45 --altitude-km 600 "
         "--eirp-dbw-per-mhz 34",
         "a link budget needs"},
        {"--model ntn --environment urban --freq-ghz 2 --elevation-deg 45 --altitude-km 600 "
         "--eirp-dbw-per-mhz 34 --gt-dbk 1 --bandwidth-mhz 1 --modcod-table qam",
         "unknown --modcod-table"},
        {"--model ntn --environment urban --freq-ghz 20 --elevation-deg 45 --altitude-km 600 "
         "--rain-rate-mm-h 30 --latitude-deg 45 --availability-percent 90",
         "--availability-percent"},
        {"--model ntn --environment urban --freq-ghz 20 --elevation-deg 45 --altitude-km 600 "
         "--rain-rate-mm-h 30",
         "--latitude-deg is required"},
        {"--model uma-av --freq-ghz 2 --uav-height-m 400 --ground-distance-m 100",
         "height must be in"},
        // The registry's validity ranges of the 38.901 terrestrial models (Table 7.4.1-1):
        // RMa to 30 GHz, UT at most 22.5 m (UMa), d2D at most 5 km (UMi); no environment.
        {"--model rma --freq-ghz 35 --uav-height-m 1.5 --ground-distance-m 100",
         "outside the validity of channel model rma [0.5, 30] GHz"},
        {"--model uma --freq-ghz 2 --uav-height-m 30 --ground-distance-m 100",
         "height must be in [1.5, 22.5] m"},
        {"--model umi --freq-ghz 2 --uav-height-m 1.5 --ground-distance-m 6000",
         "2D distance 6000 m is outside [10, 5000] m"},
        {"--model uma --environment urban --freq-ghz 2 --uav-height-m 1.5 --ground-distance-m 100",
         "takes no --environment"},
        {"--model ntn --freq-ghz 2 --elevation-deg 45 --altitude-km 600",
         "(dense-urban, urban, suburban, rural)"},
        {"--model ntn --environment urban --freq-ghz abc --elevation-deg 45 --altitude-km 600",
         "freq-ghz"},
        {"--model ntn --no-such-flag 3", "no-such-flag"},
    };
    for (const auto& c : cases)
    {
        CommandRun r = RunSagin(c.args);
        EXPECT_EQ(r.status, 2) << c.args << "\nstdout: " << r.out << "\nstderr: " << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\nstderr: " << r.err;
        EXPECT_TRUE(r.out.empty()) << c.args;
    }
}

} // namespace
