// libFuzzer target: the TLE parser (ParseTleText, never throws) and SGP4 started from every set
// it accepts, propagated at its epoch and a day later (a set the parser accepts must not crash
// the propagator; SGP4 reports a decayed or bad orbit as an error code).
#include "orbit/model/sgp4.h"
#include "orbit/model/tle.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const sagin::TleFile file = sagin::ParseTleText(text);
    for (const auto& tle : file.sets)
    {
        (void)sagin::TleDisplayName(tle);
        const sagin::Sgp4 sgp4(tle);
        if (sgp4.InitError() == 0)
        {
            (void)sgp4.Propagate(0.0);
            (void)sgp4.Propagate(1440.0);
        }
    }
    return 0;
}
