// 3GPP sector antenna of a terrestrial base station: ns-3's ThreeGppAntennaModel (the TR 38.901
// Table 7.3-1 element: 65 deg beamwidths, 30 dB front-back, 8 dBi) pointed by a bearing and a
// downtilt. ns-3.37's model has no orientation attributes, so this class rotates the direction
// to the target into the antenna frame before asking ns-3 for the gain.
// Not thread-safe (ns-3 object; GetGainDb is non-const there).
#ifndef SAGIN_LINK_SECTOR_ANTENNA_H
#define SAGIN_LINK_SECTOR_ANTENNA_H

#include "core/model/vec3.h"

#include <memory>

namespace sagin
{

class SectorAntenna
{
  public:
    /// `bearingDeg`: boresight azimuth clockwise from north; `downtiltDeg`: boresight below the
    /// horizon (positive down).
    SectorAntenna(double bearingDeg, double downtiltDeg);
    ~SectorAntenna();
    SectorAntenna(const SectorAntenna&) = delete;
    SectorAntenna& operator=(const SectorAntenna&) = delete;

    /// Gain (dBi) towards a direction given in the local east-north-up frame of the antenna.
    double GainDb(const Vec3& directionEnu);

    /// Boresight gain (dBi).
    double MaxGainDbi() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    double m_bearingRad;
    double m_downtiltRad;
};

} // namespace sagin

#endif
