// One link's budget: parameters (per link kind, from a standard) -> Evaluate(geometry) -> result
// with every term. Built once per parameter set (tables and frequency terms precomputed); the
// evaluation is const, allocation-free and thread-safe (except the TR 38.901 models, which go
// through ns-3 under a lock). The channel model comes from the registry (channel-model.h).
//
//   C/N = EIRP - L + G/T - k - 10 log10(B)
//   L   = path loss (model, condition) + shadow-fading draw + rain + shadowing margin
//         + additional losses + antenna pattern losses
//   rate = eff(C/N + 10 log10(1 + roll-off)) * B / (1 + roll-off), 0 when unavailable.
#ifndef SAGIN_LINK_LINK_BUDGET_H
#define SAGIN_LINK_LINK_BUDGET_H

#include "core/model/vec3.h"
#include "link/model/aerial-path-loss.h"
#include "link/model/al-hourani-path-loss.h"
#include "link/model/channel-model.h"
#include "link/model/circular-aperture-antenna.h"
#include "link/model/correlated-fading.h"
#include "link/model/link-types.h"
#include "link/model/modulation-table.h"
#include "link/model/ntn-path-loss.h"
#include "link/model/optical-isl.h"
#include "link/model/rain-attenuation.h"

#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace sagin
{

/// System noise temperature (K) of a receiver: T_ant + 290 (10^(NF/10) - 1).
inline double
SystemNoiseTemperatureK(double antennaTemperatureK, double noiseFigureDb)
{
    return antennaTemperatureK + 290.0 * (std::pow(10.0, noiseFigureDb / 10.0) - 1.0);
}

/// What a `Standard` gives for one link kind. NaN means "not given".
struct LinkBudgetParameters
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    ChannelModel model = ChannelModel::kNtn;
    Environment environment = Environment::kSuburban;
    double frequencyHz = 2e9;
    double bandwidthHz = 1e6;

    // Transmitter: EIRP density (dBW/MHz) when given, else power (dBW) + boresight gain (dBi).
    double eirpDbwPerMhz = kNaN;
    double txPowerDbw = kNaN;
    double txGainDbi = 0.0;
    /// Transmit antenna aperture radius (m) for a circular-aperture pattern (TR 38.811 6.4.1)
    /// applied at the geometry's tx off-boresight angle; 0 = boresight gain always.
    double txApertureRadiusM = 0.0;

    // Receiver: G/T (dB/K) when given, else gain - 10 log10(T_ant + 290 (10^(NF/10) - 1)).
    double gtDbK = kNaN;
    double rxGainDbi = 0.0;
    double noiseFigureDb = kNaN;
    double antennaTemperatureK = 290.0;
    double rxApertureRadiusM = 0.0;

    // Losses on top of the channel model.
    double shadowingMarginDb = 0.0;
    double additionalLossDb = 0.0; ///< polarisation, pointing, implementation...

    /// Rain (ITU-R P.618-13) on Earth-space paths (models ntn and free-space) when
    /// rain.rainRate001MmH > 0; evaluated at the geometry's elevation. A budget evaluated at
    /// many places (a run) leaves it clear and passes each place's rain to MeanCnDb instead.
    RainParameters rain;
    /// The receiver is the ground (lower) end of an Earth-space path and looks at the sky: rain
    /// raises its antenna temperature by T_m (1 - 10^(-A/10)), T_m = 275 K (ITU-R P.618-13
    /// section 3), which needs its system noise temperature (noise figure and antenna
    /// temperature, not G/T alone). False: an Earth-looking receiver (a satellite's), whose
    /// noise rain does not change.
    bool receiverLooksAtSky = false;

    // Rate.
    ModulationKind modulation = ModulationKind::kDvbS2x;
    double shannonGapDb = kNaN;    ///< Shannon gap (default 0) or NR CQI gap (default 1.8 dB)
    double shannonCapBpsHz = kNaN; ///< Shannon cap (default none)
    double rollOff = 0.0;          ///< symbol rate = B / (1 + roll-off)
    double minCnDb = -std::numeric_limits<double>::infinity();
    double minElevationDeg = -90.0;

    /// TR 36.777 ground-end (base station) antenna height (m); NaN = 36.777's (RMa 35, UMa 25,
    /// UMi 10). Al-Hourani ignores it.
    double groundAntennaHeightM = kNaN;

    /// Optical ISL (model isl): range, grazing altitude, rate.
    OpticalIslParameters isl;
};

/// Where the two ends are, as the models need it. Angles in degrees.
struct LinkGeometry
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    double distanceM = 0.0;
    /// Elevation of the higher end seen from the ground (lower) end.
    double elevationDeg = 90.0;
    /// Air-to-ground models: horizontal distance (m) and height of the aerial end above the
    /// ground end's ground (m). NaN: derived from distance and elevation.
    double groundDistanceM = kNaN;
    double aerialHeightM = kNaN;
    /// Off-boresight angles (rad) for the aperture patterns.
    double txOffBoresightRad = 0.0;
    double rxOffBoresightRad = 0.0;
    /// ISL: lowest altitude of the line of sight (m); NaN = not checked.
    double grazingAltitudeM = kNaN;
    /// TR 36.777 / 38.901: this link's base-station antenna height above ground (m); NaN = the
    /// parameters' groundAntennaHeightM.
    double groundAntennaHeightM = kNaN;
};

/// Every term of one evaluation (dB unless named). Terms a model lacks stay NaN.
struct LinkBudgetResult
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    bool available = false;
    double distanceM = 0.0;
    double elevationDeg = 0.0;
    double fsplDb = kNaN;
    double gasDb = kNaN;
    double scintillationDb = kNaN;
    double clutterDb = kNaN;
    double shadowFadingSigmaDb = kNaN;
    double shadowFadingDb = 0.0; ///< the draw applied (0 in mean mode)
    double rainDb = 0.0;
    double rainNoiseDb = 0.0; ///< C/N lost to the sky-noise increase of the rain (P.618-13 3)
    double losProbability = kNaN;
    double pathLossDb = kNaN;  ///< channel model, without a shadow-fading draw
    double totalLossDb = kNaN; ///< everything subtracted from EIRP + G/T
    double eirpDbw = kNaN;
    double gtDbK = kNaN;
    double cnDb = kNaN;
    double spectralEfficiency = 0.0;
    double rateBps = 0.0;
    double oneWayDelayS = 0.0;
};

/// What rain does to one direction of a link: attenuation of the carrier, and the rise of the
/// receiver's noise (0 for an Earth-looking receiver). Both in dB.
struct RainFade
{
    double attenuationDb = 0.0;
    double noiseIncreaseDb = 0.0;
};

class LinkBudget
{
  public:
    /// Mean radiating temperature of the rain medium T_m (K), ITU-R P.618-13 section 3.
    static constexpr double kRainMediumTemperatureK = 275.0;

    /// Validates and precomputes. Throws std::invalid_argument with a readable message for
    /// values outside a model's validity (frequency range, environments of the registry entry).
    explicit LinkBudget(const LinkBudgetParameters& parameters);
    ~LinkBudget();
    LinkBudget(LinkBudget&&) noexcept;
    LinkBudget& operator=(LinkBudget&&) noexcept;

    /// Full evaluation. With `fading`, its LOS state replaces `condition` and its shadow-fading
    /// draw is added to the loss.
    LinkBudgetResult Evaluate(const LinkGeometry& geometry,
                              LinkCondition condition = LinkCondition::kMean,
                              const FadingSample* fading = nullptr) const;

    /// The fast path of geometric analyses: mean-mode C/N (dB) at a distance and elevation (no
    /// rain, no pattern, NTN / free-space models only; other models fall back to Evaluate).
    double MeanCnDb(double distanceM, double elevationDeg) const;

    /// The same with the rain of one place (the ground end's climate, latitude and height):
    /// MeanCnDb - attenuation - noise increase (RainFadeAt).
    double MeanCnDb(double distanceM, double elevationDeg, const RainParameters& rain) const;

    /// Rain fade of this link's direction at an elevation: P.618-13 attenuation at this
    /// budget's frequency (exceeded rain.exceedancePercent of the time or, when
    /// rain.rainProbabilityPercent is set, the P.1853 time series' value for the site's process
    /// rain.rainDeviate through this frequency's fit: RainFadeSeries) and, when the receiver
    /// looks at the sky, the noise increase 10 log10(1 + T_m (1 - 10^(-A/10)) / T_sys). Zero
    /// without rain (R_0.01 = 0), at elevations <= 0, below 1 GHz (outside P.838-3, where rain
    /// attenuation is negligible) and for models other than ntn and free-space. NaN noise
    /// increase when the receiver looks at the sky and its system noise temperature is unknown
    /// (G/T given alone).
    RainFade RainFadeAt(double elevationDeg, const RainParameters& rain) const;

    /// Sky-noise increase (dB) of this receiver under a rain attenuation of `attenuationDb`
    /// (0 when the receiver does not look at the sky).
    double RainNoiseIncreaseDb(double attenuationDb) const;

    /// System noise temperature T_ant + 290 (10^(NF/10) - 1) (K); NaN when G/T is given alone.
    double SystemNoiseTemperatureK() const
    {
        return m_tsysK;
    }

    /// Rate (bit/s) at a C/N, 0 below the table or minimum C/N.
    double RateBps(double cnDb) const;

    /// Geometry of a link from ECEF positions: `ground` with unit ellipsoid normal `groundUp`
    /// and the other end `other`. Fills distance and elevation (and the aerial height and ground
    /// distance in the local frame, for air-to-ground models).
    static LinkGeometry GeometryFromEcef(const Vec3& ground,
                                         const Vec3& groundUp,
                                         const Vec3& other);

    /// Transmit EIRP (dBW) over the bandwidth and receive G/T (dB/K); NaN when not given.
    double EirpDbw() const
    {
        return m_eirpDbw;
    }

    double GtDbK() const
    {
        return m_gtDbK;
    }

    bool HasBudget() const
    {
        return m_hasBudget;
    }

    const LinkBudgetParameters& Parameters() const
    {
        return m_p;
    }

    const ModulationTable& Modulation() const
    {
        return m_modulation;
    }

    /// The registry entry of this budget's channel model.
    const ChannelModelInfo& Channel() const
    {
        return *m_info;
    }

  private:
    LinkBudgetParameters m_p;
    const ChannelModelInfo* m_info = nullptr;
    std::unique_ptr<PathLossModel> m_channel; ///< null for the optical ISL
    std::unique_ptr<CircularApertureAntenna> m_txPattern;
    std::unique_ptr<CircularApertureAntenna> m_rxPattern;
    std::unique_ptr<OpticalIsl> m_isl;
    ModulationTable m_modulation;
    bool m_hasBudget = false;
    double m_eirpDbw = std::numeric_limits<double>::quiet_NaN();
    double m_gtDbK = std::numeric_limits<double>::quiet_NaN();
    double m_cnConstantDb = 0.0; ///< EIRP + G/T - k - 10 log10 B - margins
    double m_rollOffDb = 0.0;
    double m_symbolRateHz = 0.0;
    bool m_rain = false;
    bool m_earthSpace = false; ///< ntn or free-space: a model rain applies to
    double m_tsysK = std::numeric_limits<double>::quiet_NaN();
};

} // namespace sagin

#endif
