// Coverage engine speed: the spatial index against brute force (every cell against every
// satellite, through the same predicate with its early horizon rejection, same binary, same
// threads), measured in one run over the same samples, and the two results compared.
//
//   coverage-bench [SCENARIO] [--samples N] [--step S] [--threads T] [--grid-deg D] [--mask DEG]
//                  [--standard FILE] [--index-only]
//
// --standard replaces the built-in standard (e.g. one with spot beams: SINR coverage, issue 12);
// --index-only skips the brute-force pass (and the comparison).
//
// Defaults: scenarios/starlink-gen1.txtpb, 10 samples 60 s apart, one thread per core, a 1-degree
// global grid, a regenerative standard with a 25-degree space mask and no link parameters (no
// C/N threshold): the figures of issue 6.
#include "coverage/model/coverage-engine.h"
#include "coverage/model/coverage-point.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/standard-policy.h"
#include "scenario/model/text-input.h"
#include "scenario/model/world.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>

using namespace sagin;

int
main(int argc, char** argv)
{
    std::string scenarioPath = std::string(SAGIN_SOURCE_DIR) + "/scenarios/starlink-gen1.txtpb";
    int samples = 10;
    double step = 60.0;
    int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    double gridDeg = 1.0;
    double mask = 25.0;
    std::string standardPath;
    bool indexOnly = false;
    for (int i = 1; i < argc; ++i)
    {
        auto next = [&]()
        {
            return i + 1 < argc ? argv[++i] : "";
        };
        if (!std::strcmp(argv[i], "--samples"))
        {
            samples = std::atoi(next());
        }
        else if (!std::strcmp(argv[i], "--step"))
        {
            step = std::atof(next());
        }
        else if (!std::strcmp(argv[i], "--threads"))
        {
            threads = std::atoi(next());
        }
        else if (!std::strcmp(argv[i], "--grid-deg"))
        {
            gridDeg = std::atof(next());
        }
        else if (!std::strcmp(argv[i], "--mask"))
        {
            mask = std::atof(next());
        }
        else if (!std::strcmp(argv[i], "--standard"))
        {
            standardPath = next();
        }
        else if (!std::strcmp(argv[i], "--index-only"))
        {
            indexOnly = true;
        }
        else
        {
            scenarioPath = argv[i];
        }
    }
    World world = LoadWorld(scenarioPath);
    v1::Standard standard;
    if (standardPath.empty())
    {
        ParseTextInto(
            "<bench standard>",
            "name: \"bench\" payload: REGENERATIVE access_layers: [SPACE] visibility { space_deg: "
                + std::to_string(mask) + " }",
            standard);
    }
    else
    {
        standard = LoadStandard(standardPath);
    }
    StandardPolicy policy = ResolveStandard(standard, world);
    LinkStateBuilder builder(world, policy);
    v1::CoverageGrid grid;
    grid.set_resolution_deg(gridDeg);
    const auto points = GridPoints(grid);

    double seconds[2] = {0.0, 0.0};
    std::uint64_t evaluations[2] = {0, 0};
    std::string csv[2];
    // Index first, then brute force, each over the same samples; positions are computed outside
    // the timed part.
    const int modes = indexOnly ? 1 : 2;
    for (int mode = 0; mode < modes; ++mode)
    {
        CoverageEngine engine(builder, points, threads);
        engine.SetBruteForce(mode == 1);
        std::vector<Vec3> positions;
        for (int k = 0; k < samples; ++k)
        {
            builder.Positions(k * step, positions);
            const auto t0 = std::chrono::steady_clock::now();
            engine.Sample(k * step, positions, step);
            seconds[mode]
                += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
        evaluations[mode] = engine.Evaluations();
        std::ostringstream os;
        engine.WriteCsv(os);
        csv[mode] = os.str();
    }
    std::printf("scenario %s, standard %s: %zu satellites-or-nodes, %zu cells of %g deg, mask "
                "%g deg, %d samples, %d threads\n",
                world.Scenario().name().c_str(),
                standard.name().c_str(),
                world.Nodes().size(),
                points.size(),
                gridDeg,
                standardPath.empty() ? mask : policy.spaceMaskDeg,
                samples,
                threads);
    const char* names[2] = {"index", "brute force"};
    for (int mode = 0; mode < modes; ++mode)
    {
        std::printf(
            "%-12s %9.2f ms/sample  %12.0f evaluations/sample  %6.1f ns/evaluation (per thread)\n",
            names[mode],
            1e3 * seconds[mode] / samples,
            static_cast<double>(evaluations[mode]) / samples,
            1e9 * seconds[mode] * threads / static_cast<double>(evaluations[mode]));
    }
    if (indexOnly)
    {
        return 0;
    }
    std::printf("speed-up    %9.1fx   results identical: %s\n",
                seconds[1] / seconds[0],
                csv[0] == csv[1] ? "yes" : "NO");
    return csv[0] == csv[1] ? 0 : 1;
}
