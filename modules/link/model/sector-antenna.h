// 3GPP sector antenna of a terrestrial base station: the TR 38.901 Table 7.3-1 element (65 deg
// beamwidths, 30 dB front-back and side-lobe limits, 8 dBi) pointed by a bearing and a downtilt.
// The pattern is evaluated in closed form (the same as ns-3's ThreeGppAntennaModel, against
// which tests/link/antenna-test.cc checks it), so a SectorAntenna is a value: const, copyable
// and thread-safe.
#ifndef SAGIN_LINK_SECTOR_ANTENNA_H
#define SAGIN_LINK_SECTOR_ANTENNA_H

#include "core/model/vec3.h"

namespace sagin
{

/// TR 38.901 Table 7.3-1 element gain (dBi) at zenith angle `thetaDeg` (0: up, 90: the horizon
/// of the panel) and azimuth `phiDeg` (0: boresight) in the antenna frame:
/// 8 - min(12 ((theta - 90) / 65)^2 + 12 (phi / 65)^2, 30), each cut limited to 30 dB.
double ThreeGppElementGainDb(double thetaDeg, double phiDeg);

class SectorAntenna
{
  public:
    /// `bearingDeg`: boresight azimuth clockwise from north; `downtiltDeg`: boresight below the
    /// horizon (positive down).
    SectorAntenna(double bearingDeg, double downtiltDeg);

    /// Gain (dBi) towards a direction given in the local east-north-up frame of the antenna
    /// (need not be unit).
    double GainDb(const Vec3& directionEnu) const;

    /// Boresight gain (dBi).
    double MaxGainDbi() const;

  private:
    double m_bearingRad;
    double m_downtiltRad;
};

} // namespace sagin

#endif
