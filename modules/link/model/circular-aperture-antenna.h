// Circular-aperture (reflector) antenna pattern of 3GPP TR 38.811 section 6.4.1
// (docs/models.md#circular-aperture-antenna):  G(theta) = G_max 4 |J1(k a sin theta) / (k a sin
// theta)|^2 for 0 < theta < 90 deg, G(0) = G_max, with k = 2 pi f / c and a the aperture radius;
// ns-3's CircularApertureAntennaModel returns G_min for theta >= 90 deg. Optionally clamps to
// G_min. Uses std::cyl_bessel_j. Const, thread-safe.
#ifndef SAGIN_LINK_CIRCULAR_APERTURE_ANTENNA_H
#define SAGIN_LINK_CIRCULAR_APERTURE_ANTENNA_H

namespace sagin
{

class CircularApertureAntenna
{
  public:
    /// `maxGainDbi` at boresight, `minGainDbi` beyond 90 deg (and the floor when
    /// `clampToMin`), aperture radius (m), frequency (Hz).
    CircularApertureAntenna(double maxGainDbi,
                            double apertureRadiusM,
                            double frequencyHz,
                            double minGainDbi = -50.0,
                            bool clampToMin = false);

    /// Gain (dBi) at `offBoresightRad` from boresight (sign ignored).
    double GainDb(double offBoresightRad) const;

    /// Gain relative to boresight as a power ratio (<= 1 when not clamped): 10^(RelativeGainDb/10)
    /// without the logarithm, for sums over many beams.
    double RelativeGainLinear(double offBoresightRad) const;

    /// Gain relative to boresight (dB, <= 0 when not clamped).
    double RelativeGainDb(double offBoresightRad) const
    {
        return GainDb(offBoresightRad) - m_maxGainDbi;
    }

    /// Full half-power beamwidth (rad): 2 asin(1.6163 / (k a)).
    double HalfPowerBeamwidthRad() const;

    double MaxGainDbi() const
    {
        return m_maxGainDbi;
    }

  private:
    double m_maxGainDbi;
    double m_minGainDbi;
    double m_minRelativeLinear; ///< 10^((G_min - G_max) / 10)
    double m_ka;
    bool m_clamp;
};

} // namespace sagin

#endif
