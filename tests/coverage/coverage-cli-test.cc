// `sagin coverage` end to end: the result folder of every standard (coverage.csv, summary.json,
// result.binpb, maps), the stdout table, identical results from two runs, and bad flags (exit 2).
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "run/model/run-spec.h"
#include "sagin/v1/result.pb.h"
#include "study/model/geometric-run.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

constexpr const char* kScenario = R"(# proto-file: sagin/v1/scenario.proto
# proto-message: sagin.v1.Scenario
name: "geo-pair"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 600
shells { name: "geo" geo { longitudes_deg: [0, -150] } }
ground_sites { name: "gw" role: GW position { lat_deg: 40 lon_deg: 0 } }
ground_sites { name: "lagos" role: UT position { lat_deg: 6.5 lon_deg: 3.4 } population: 15000000 }
ground_sites { name: "honolulu" role: UT position { lat_deg: 21.3 lon_deg: -157.9 } population: 1000000 }
)";

constexpr const char* kRegenerative = R"(# proto-message: sagin.v1.Standard
name: "regen"
payload: REGENERATIVE
visibility { space_deg: 10 }
)";

constexpr const char* kTransparent = R"(# proto-message: sagin.v1.Standard
name: "bent-pipe"
payload: TRANSPARENT
visibility { space_deg: 10 }
)";

TEST(CoverageCommand, WritesOneResultFolderPerStandard)
{
    TempDir dir;
    const std::string scenario = dir.Write("geo-pair.txtpb", kScenario);
    const std::string regen = dir.Write("regen.txtpb", kRegenerative);
    const std::string bent = dir.Write("bent.txtpb", kTransparent);
    const std::string out = dir.Path() + "/out";
    auto r = RunSagin({"coverage",
                       scenario,
                       "--standard",
                       regen,
                       "--standard",
                       bent,
                       "--grid-deg",
                       "5",
                       "--step",
                       "300",
                       "--threads",
                       "2",
                       "--out",
                       out});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("regen"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("bent-pipe"), std::string::npos) << r.out;
    for (const std::string name : {"regen", "bent-pipe"})
    {
        const std::string folder = out + "/" + name;
        const std::string csv = Slurp(folder + "/coverage.csv");
        ASSERT_FALSE(csv.empty()) << folder;
        EXPECT_EQ(
            csv.substr(0, csv.find('\n')),
            "kind,name,lat_deg,lon_deg,area_weight,population,availability_space,availability_air,"
            "availability_ground,availability_combined,longest_outage_s,outages,mean_serving,min_"
            "serving");
        EXPECT_NE(csv.find("\nsite,lagos,"), std::string::npos);
        v1::RunResult result;
        ASSERT_TRUE(result.ParseFromString(Slurp(folder + "/result.binpb")));
        EXPECT_EQ(result.standard(), name);
        EXPECT_EQ(result.scenario(), "geo-pair");
        EXPECT_EQ(result.duration_s(), 600.0);
        EXPECT_EQ(result.coverage().time_samples(), 2u);
        EXPECT_EQ(result.coverage().terminals(), 2u);
        // The global 5-deg grid: 36 bands centred at -87.5, ..., 87.5, band k holding
        // max(1, round(72 cos(lat_k))) cells: 2 x (3 + 9 + 16 + 22 + 28 + 33 + 39 + 44 + 49 + 53
        // + 57 + 61 + 64 + 67 + 69 + 70 + 71 + 72) = 2 x 827 = 1654.
        EXPECT_EQ(result.coverage().cells(), 1654u);
        ASSERT_EQ(result.provenance().inputs_size(), 2);
        EXPECT_EQ(result.provenance().inputs(0).role(), "scenario");
        EXPECT_EQ(result.provenance().inputs(0).sha256().size(), 64u);
        EXPECT_FALSE(result.provenance().run_id().empty());
        const std::string json = Slurp(folder + "/summary.json");
        for (const char* key : {"\"area_fraction\"",
                                "\"population_fraction\"",
                                "\"time_availability\"",
                                "\"latitude_bands\"",
                                "\"cell_availability_p5\"",
                                "\"grid_area_km2\""})
        {
            EXPECT_NE(json.find(key), std::string::npos) << key;
        }
        if (std::system("command -v gnuplot >/dev/null 2>&1") == 0)
        {
            for (const char* map :
                 {"availability.png", "availability.svg", "serving.png", "serving.svg"})
            {
                EXPECT_GT(std::filesystem::file_size(folder + "/" + map), 1000u) << map;
            }
            EXPECT_FALSE(std::filesystem::exists(folder + "/maps.gp"));
            // The legend names the coastlines, the terminals and the world's one gateway (with
            // its count), and no kind of node the world does not have.
            const std::string svg = Slurp(folder + "/availability.svg");
            for (const char* entry :
                 {"coastline (Natural Earth 1:50m)", "terminal (its value)", "gateway (1)"})
            {
                EXPECT_NE(svg.find(entry), std::string::npos) << entry;
            }
            EXPECT_EQ(svg.find("base station ("), std::string::npos) << "no base station here";
        }
    }
    // Lagos sees the GEO at 0 E, which sees the gateway at 40 N: served under both standards.
    // Honolulu sees only the GEO at 150 W, which sees no gateway: served only by the regenerative
    // payload. Population-weighted: 15 / 16 for the bent pipe.
    v1::RunResult regenResult;
    v1::RunResult bentResult;
    ASSERT_TRUE(regenResult.ParseFromString(Slurp(out + "/regen/result.binpb")));
    ASSERT_TRUE(bentResult.ParseFromString(Slurp(out + "/bent-pipe/result.binpb")));
    EXPECT_DOUBLE_EQ(regenResult.coverage().population_fraction(), 1.0);
    EXPECT_DOUBLE_EQ(bentResult.coverage().population_fraction(), 15.0 / 16.0);
    EXPECT_DOUBLE_EQ(bentResult.coverage().time_availability(), 0.5);
    // Both terminals give a population: the weights rest on 2 of 2.
    EXPECT_EQ(bentResult.coverage().population_terminals(), 2u);
    EXPECT_EQ(bentResult.coverage().terminals(), 2u);
    EXPECT_LT(bentResult.coverage().area_fraction(), regenResult.coverage().area_fraction());
}

TEST(CoverageCommand, TwoRunsGiveIdenticalResults)
{
    TempDir dir;
    const std::string scenario = dir.Write("geo-pair.txtpb", kScenario);
    const std::string regen = dir.Write("regen.txtpb", kRegenerative);
    std::string csv[2];
    for (int i = 0; i < 2; ++i)
    {
        const std::string out = dir.Path() + "/out" + std::to_string(i);
        auto r = RunSagin({"coverage",
                           scenario,
                           "--standard",
                           regen,
                           "--grid-deg",
                           "4",
                           "--region",
                           "-30,60,-20,140",
                           "--step",
                           "200",
                           "--threads",
                           std::to_string(i + 1),
                           "--no-maps",
                           "--out",
                           out});
        ASSERT_EQ(r.status, 0) << r.err;
        csv[i] = Slurp(out + "/regen/coverage.csv");
        EXPECT_FALSE(std::filesystem::exists(out + "/regen/availability.png"));
    }
    EXPECT_FALSE(csv[0].empty());
    EXPECT_EQ(csv[0], csv[1]);
}

TEST(CoverageCommand, BadFlagsExitWithStatus2)
{
    TempDir dir;
    const std::string scenario = dir.Write("geo-pair.txtpb", kScenario);
    const std::string regen = dir.Write("regen.txtpb", kRegenerative);
    const std::string out = dir.Path() + "/out";
    const std::vector<std::vector<std::string>> bad = {
        {"--grid-deg", "0.01"},
        {"--grid-deg", "100"},
        {"--step", "-5"},
        {"--duration", "-1"},
        {"--region", "10,5,0,20"},
        {"--region", "0,10,0"},
        {"--region", "a,b,c,d"},
        {"--threads", "-2"},
    };
    for (const auto& flags : bad)
    {
        std::vector<std::string> args = {"coverage", scenario, "--standard", regen, "--out", out};
        args.insert(args.end(), flags.begin(), flags.end());
        auto r = RunSagin(args);
        EXPECT_EQ(r.status, 2) << flags[0] << " " << flags[1] << ": " << r.err;
        EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    // A missing standard file and no --standard at all.
    EXPECT_EQ(
        RunSagin({"coverage", scenario, "--standard", dir.Path() + "/none.txtpb", "--out", out})
            .status,
        2);
    EXPECT_EQ(RunSagin({"coverage", scenario, "--out", out}).status, 2);
    // The same standard twice would write one folder twice.
    EXPECT_EQ(
        RunSagin({"coverage", scenario, "--standard", regen, "--standard", regen, "--out", out})
            .status,
        2);
    EXPECT_FALSE(std::filesystem::exists(out));
}

} // namespace

// `sagin coverage` and a study's COVERAGE run are one function (RunCoverage): the command's
// folder holds the same files, byte-identical coverage.csv and the same run id as
// RunCoverageOne on the same spec and options, the study's scheme (CoverageRunId: the resolved
// inputs plus the kind and its options).
TEST(CoverageCommand, TheCommandAndAStudyRunAreOne)
{
    TempDir dir;
    const std::string scenario = dir.Write("geo-pair.txtpb", kScenario);
    const std::string regen = dir.Write("regen.txtpb", kRegenerative);
    const std::string out = dir.Path() + "/out";
    auto r = RunSagin({"coverage",
                       scenario,
                       "--standard",
                       regen,
                       "--grid-deg",
                       "5",
                       "--region",
                       "-30,60,-20,140",
                       "--start",
                       "60",
                       "--step",
                       "300",
                       "--no-maps",
                       "--out",
                       out});
    ASSERT_EQ(r.status, 0) << r.err;

    const auto specs = PrepareRuns(scenario, {regen}, {}, 1, false, 0.0, false);
    ASSERT_EQ(specs.size(), 1u);
    v1::CoverageRunOptions options;
    options.set_grid_deg(5);
    options.set_step_s(300);
    options.set_start_s(60);
    options.mutable_region()->set_lat_min_deg(-30);
    options.mutable_region()->set_lat_max_deg(60);
    options.mutable_region()->set_lon_min_deg(-20);
    options.mutable_region()->set_lon_max_deg(140);
    const std::string study = dir.Path() + "/study-run";
    const v1::RunResult direct = RunCoverageOne(specs.front(), options, study);

    const std::string folder = out + "/regen";
    for (const std::string file : {"coverage.csv", "scenario.txtpb", "standard.txtpb"})
    {
        EXPECT_EQ(Slurp(folder + "/" + file), Slurp(study + "/" + file)) << file;
    }
    v1::RunResult cli;
    ASSERT_TRUE(cli.ParseFromString(Slurp(folder + "/result.binpb")));
    EXPECT_EQ(cli.provenance().run_id(), direct.provenance().run_id());
    EXPECT_EQ(cli.provenance().run_id(), CoverageRunId(specs.front(), options));
    EXPECT_NE(cli.provenance().run_id(), specs.front().RunId()) << "the kind and options count";
    EXPECT_EQ(cli.coverage().area_fraction(), direct.coverage().area_fraction());

    // The options that change the numbers change the id; those that do not keep it.
    v1::CoverageRunOptions other = options;
    other.set_start_s(0);
    EXPECT_NE(CoverageRunId(specs.front(), other), CoverageRunId(specs.front(), options));
    other = options;
    other.clear_region();
    EXPECT_NE(CoverageRunId(specs.front(), other), CoverageRunId(specs.front(), options));
}

TEST(CoverageCommand, ShippedBeamStandardsFr3CoversMoreThanFr1)
{
    // The shipped spot-beam standards on the world made for them (Starlink shell 1), over a
    // region of mid latitudes at 2 deg for 20 minutes: the header of each says FR3 covers more
    // area at SINR >= 0 dB, with a higher median SINR, at the same visibility.
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const std::string source = SAGIN_SOURCE_DIR;
    auto r = RunSagin({"coverage",
                       source + "/scenarios/starlink-shell1.txtpb",
                       "--standard",
                       source + "/scenarios/standards/ntn-leo-beams-fr1.txtpb",
                       "--standard",
                       source + "/scenarios/standards/ntn-leo-beams-fr3.txtpb",
                       "--region",
                       "20,50,-20,20",
                       "--grid-deg",
                       "2",
                       "--step",
                       "300",
                       "--duration",
                       "1200",
                       "--threads",
                       "2",
                       "--no-maps",
                       "--out",
                       out});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("SINR area"), std::string::npos) << r.out;
    v1::RunResult fr1;
    v1::RunResult fr3;
    ASSERT_TRUE(fr1.ParseFromString(Slurp(out + "/ntn-leo-beams-fr1/result.binpb")));
    ASSERT_TRUE(fr3.ParseFromString(Slurp(out + "/ntn-leo-beams-fr3/result.binpb")));
    const auto& c1 = fr1.coverage();
    const auto& c3 = fr3.coverage();
    ASSERT_TRUE(c1.has_sinr());
    ASSERT_TRUE(c3.has_sinr());
    EXPECT_EQ(c1.area_by_layer().space(), c3.area_by_layer().space());
    EXPECT_GT(c1.area_by_layer().space(), 0.99);
    EXPECT_EQ(c1.sinr().min_sinr_db(), 0.0);
    EXPECT_LT(c1.sinr().area_fraction(), c1.area_by_layer().space());
    EXPECT_GT(c3.sinr().area_fraction(), c1.sinr().area_fraction() + 0.05);
    EXPECT_GT(c3.sinr().sinr_p50_db(), c1.sinr().sinr_p50_db() + 2.0);
    // The figures the two headers (and README's table of shipped standards) quote: about 8 % and
    // 57 % of the area-time at SINR >= 0 dB, medians -4.6 and +1.1 dB.
    EXPECT_NEAR(c1.sinr().area_fraction(), 0.08, 0.02);
    EXPECT_NEAR(c3.sinr().area_fraction(), 0.57, 0.02);
    EXPECT_NEAR(c1.sinr().sinr_p50_db(), -4.6, 0.3);
    EXPECT_NEAR(c3.sinr().sinr_p50_db(), 1.1, 0.3);
    RecordProperty("fr1_sinr_area", std::to_string(c1.sinr().area_fraction()));
    RecordProperty("fr3_sinr_area", std::to_string(c3.sinr().area_fraction()));
    const std::string csv = Slurp(out + "/ntn-leo-beams-fr3/coverage.csv");
    EXPECT_NE(csv.find(",min_serving,availability_sinr,sinr_mean_db,sinr_min_db,coupling_loss_"
                       "mean_db,sir_mean_db\n"),
              std::string::npos);
    const std::string json = Slurp(out + "/ntn-leo-beams-fr3/summary.json");
    EXPECT_NE(json.find("\"sinr_p50_db\""), std::string::npos);
}

namespace
{

/// A numeric tic label of a gnuplot SVG: where it is drawn (its anchor point) and its value.
struct TicLabel
{
    std::string anchor; ///< "end": the y axis; "middle": the x axis
    double x = 0.0;
    double y = 0.0;
    double value = 0.0;
};

std::vector<TicLabel>
TicLabels(const std::string& svg)
{
    std::vector<TicLabel> out;
    size_t at = 0;
    while ((at = svg.find("<g transform=\"translate(", at)) != std::string::npos)
    {
        at += 24;
        TicLabel t;
        char comma = 0;
        std::istringstream pos(svg.substr(at, 40));
        pos >> t.x >> comma >> t.y;
        const size_t anchor = svg.find("text-anchor=\"", at);
        const size_t text = svg.find("<tspan font-family=\"sans\" >", at);
        const size_t next = svg.find("<g transform=", at);
        if (anchor == std::string::npos || text == std::string::npos || text > next)
        {
            continue;
        }
        t.anchor = svg.substr(anchor + 13, svg.find('"', anchor + 13) - anchor - 13);
        const std::string label = svg.substr(text + 27, svg.find('<', text + 27) - text - 27);
        char* end = nullptr;
        t.value = std::strtod(label.c_str(), &end);
        if (!label.empty() && end == label.c_str() + label.size())
        {
            out.push_back(t);
        }
    }
    return out;
}

} // namespace

// The maps' projections, read back from where gnuplot put the tic labels of the SVG: a map of
// Iberia (36-44 N, 10 W-4 E) in plate carree has a degree of latitude as long as one of longitude;
// equirectangular, 1 / cos 40 deg as long (true scale at the central parallel); Mercator puts
// each parallel at ln tan(pi/4 + phi/2) (the textbook form; the code uses asinh(tan phi)).
TEST(CoverageCommand, MapProjectionsPlaceTheParallelsWhereTheirFormulasSay)
{
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "no gnuplot";
    }
    TempDir dir;
    const std::string scenario = dir.Write("iberia.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "iberia"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 60
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "gw" role: GW position { lat_deg: 40 lon_deg: -3 } }
coverage { region { lat_min_deg: 36 lat_max_deg: 44 lon_min_deg: -10 lon_max_deg: 4 } resolution_deg: 2 step_s: 60 }
)");
    const std::string standard = dir.Write("regen.txtpb", kRegenerative);
    for (const std::string projection : {"plate-carree", "equirectangular", "mercator"})
    {
        SCOPED_TRACE(projection);
        const std::string out = dir.Path() + "/" + projection;
        auto r = RunSagin({"coverage",
                           scenario,
                           "--standard",
                           standard,
                           "--map-projection",
                           projection,
                           "-q",
                           "--out",
                           out});
        ASSERT_EQ(r.status, 0) << r.err;
        const auto tics = TicLabels(Slurp(out + "/regen/availability.svg"));
        std::vector<TicLabel> xs, ys;
        for (const auto& t : tics)
        {
            (t.anchor == "middle" ? xs : ys).push_back(t);
        }
        // The longitude tics -10, -8, ..., 4 along the bottom; the latitude tics 36, 37, ..., 44
        // (TicStep: at most 8 intervals) on the left.
        ASSERT_GE(xs.size(), 8u);
        ys.erase(std::remove_if(ys.begin(),
                                ys.end(),
                                [](const TicLabel& t)
                                {
                                    return t.anchor != "end";
                                }),
                 ys.end());
        ASSERT_GE(ys.size(), 9u);
        const double xPerDeg = (xs.back().x - xs.front().x) / (xs.back().value - xs.front().value);
        const double yPerDeg = (ys.front().y - ys.back().y) / (ys.back().value - ys.front().value);
        ASSERT_GT(xPerDeg, 0.0);
        if (projection == "plate-carree")
        {
            EXPECT_NEAR(yPerDeg / xPerDeg, 1.0, 1e-3);
        }
        else if (projection == "equirectangular")
        {
            EXPECT_NEAR(yPerDeg / xPerDeg, 1.0 / std::cos(40.0 * M_PI / 180.0), 1e-3);
        }
        else
        {
            auto mercator = [](double lat)
            {
                return std::log(std::tan(M_PI / 4 + lat * M_PI / 360.0)) * 180.0 / M_PI;
            };
            for (const auto& t : ys)
            {
                const double expected
                    = ys.front().y - xPerDeg * (mercator(t.value) - mercator(ys.front().value));
                EXPECT_NEAR(t.y, expected, 0.05) << "parallel " << t.value;
            }
        }
    }
}

// `sagin run --maps` draws the maps of `sagin coverage` from the run's own coverage, in the
// projection asked for, without changing a number or the run id.
TEST(CoverageCommand, RunMapsAreTheCoverageMapsOfTheRun)
{
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "no gnuplot";
    }
    TempDir dir;
    const std::string scenario = dir.Write("s.txtpb", kScenario);
    const std::string standard = dir.Write("regen.txtpb", kRegenerative);
    auto r = RunSagin({"run",
                       scenario,
                       "--standard",
                       standard,
                       "--duration",
                       "20",
                       "--maps",
                       "--map-projection",
                       "mercator",
                       "-q",
                       "--out",
                       dir.Path() + "/maps"});
    ASSERT_EQ(r.status, 0) << r.err;
    r = RunSagin({"run",
                  scenario,
                  "--standard",
                  standard,
                  "--duration",
                  "20",
                  "-q",
                  "--out",
                  dir.Path() + "/plain"});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string maps = dir.Path() + "/maps/regen/";
    const std::string plain = dir.Path() + "/plain/regen/";
    for (const char* map : {"availability.png", "availability.svg", "serving.png", "serving.svg"})
    {
        EXPECT_GT(std::filesystem::file_size(maps + map), 1000u) << map;
        EXPECT_FALSE(std::filesystem::exists(plain + map)) << map;
    }
    EXPECT_FALSE(std::filesystem::exists(maps + "maps.gp"));
    const std::string svg = Slurp(maps + "availability.svg");
    for (const char* entry :
         {"coverage of the run", "Mercator", "gateway (1)", "terminal (its value)"})
    {
        EXPECT_NE(svg.find(entry), std::string::npos) << entry;
    }
    EXPECT_EQ(Slurp(maps + "coverage.csv"), Slurp(plain + "coverage.csv"));
    v1::RunResult a, b;
    ASSERT_TRUE(a.ParseFromString(Slurp(maps + "result.binpb")));
    ASSERT_TRUE(b.ParseFromString(Slurp(plain + "result.binpb")));
    EXPECT_EQ(a.provenance().run_id(), b.provenance().run_id());
    EXPECT_EQ(a.coverage().SerializeAsString(), b.coverage().SerializeAsString());
}
