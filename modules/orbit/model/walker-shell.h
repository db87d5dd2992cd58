// The layout of a Walker constellation i:T/P/F (delta or star) into circular orbits.
//   plane p (0..P-1):  RAAN = RAAN0 + p * (360/P for delta, 180/P for star)
//   slot s (0..S-1):   u = u0 + s * 360/S + p * F * 360/T,   S = T/P
// Semi-major axis = WGS84 equatorial radius + altitude. Satellites are named
// "<shell>-<plane>-<slot>", zero-based.
#ifndef SAGIN_ORBIT_WALKER_SHELL_H
#define SAGIN_ORBIT_WALKER_SHELL_H

#include "orbit/model/circular-orbit.h"

#include <string>
#include <vector>

namespace sagin
{

enum class WalkerKind
{
    Delta,
    Star
};

struct WalkerParams
{
    WalkerKind kind = WalkerKind::Delta;
    double altitude_m = 0.0;
    double inclination_deg = 0.0;
    int total = 0;    ///< T
    int planes = 0;   ///< P
    int phasing = 0;  ///< F in [0, P)
    double raan0_deg = 0.0;
    double argLat0_deg = 0.0;
};

struct WalkerSatellite
{
    std::string name;
    int plane = 0;
    int slot = 0;
    CircularElements elements;
};

/// Satellites of the shell in plane-major order (index = plane * S + slot).
std::vector<WalkerSatellite> LayoutWalkerShell(const std::string& shellName, const WalkerParams& p);

} // namespace sagin

#endif
