#include "orbit/model/walker-shell.h"

#include "core/model/constants.h"

#include <cmath>

namespace sagin
{

std::vector<WalkerSatellite>
LayoutWalkerShell(const std::string& shellName, const WalkerParams& p)
{
    std::vector<WalkerSatellite> sats;
    if (p.planes <= 0 || p.total <= 0 || p.total % p.planes != 0)
    {
        return sats;
    }
    const int perPlane = p.total / p.planes;
    const double raanSpacing = (p.kind == WalkerKind::Delta ? 360.0 : 180.0) / p.planes;
    const double a = kWgs84A + p.altitude_m;
    sats.reserve(p.total);
    for (int plane = 0; plane < p.planes; ++plane)
    {
        for (int slot = 0; slot < perPlane; ++slot)
        {
            WalkerSatellite s;
            s.name = shellName + "-" + std::to_string(plane) + "-" + std::to_string(slot);
            s.plane = plane;
            s.slot = slot;
            double u = p.argLat0_deg + slot * 360.0 / perPlane +
                       plane * static_cast<double>(p.phasing) * 360.0 / p.total;
            double raan = p.raan0_deg + plane * raanSpacing;
            s.elements.semiMajorAxis_m = a;
            s.elements.inclination_rad = p.inclination_deg * kDegToRad;
            s.elements.raan_rad = std::remainder(raan, 360.0) * kDegToRad;
            s.elements.argOfLatitude_rad = std::remainder(u, 360.0) * kDegToRad;
            sats.push_back(std::move(s));
        }
    }
    return sats;
}

} // namespace sagin
