// The world the view tests look at: the quick start under sagin-multilayer (every link kind).
#ifndef SAGIN_TESTS_VIEW_QUICKSTART_FIXTURE_H
#define SAGIN_TESTS_VIEW_QUICKSTART_FIXTURE_H

#include "routing-test-util.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace sagin::test
{

struct Quickstart
{
    std::unique_ptr<World> world = MakeWorld(ShippedScenario("scenarios/quickstart.txtpb"));
    v1::Standard standard = []
    {
        std::ifstream in(std::string(SAGIN_SOURCE_DIR)
                         + "/scenarios/standards/sagin-multilayer.txtpb");
        std::stringstream s;
        s << in.rdbuf();
        return StandardFromText(s.str());
    }();
    StandardPolicy policy = Resolve(standard, *world);
};

} // namespace sagin::test

#endif
