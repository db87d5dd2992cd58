// The random parts of a link's large-scale channel: LOS/NLOS state and shadow fading, drawn from
// seeded ns-3 random streams (ns3::NormalRandomVariable) and correlated over the distance the
// terminal moves, with the exponential autocorrelation exp(-d / d_corr) that TR 38.811 / 38.901
// prescribe (38.901 section 7.4.4, the shadowing update ns-3 itself uses):
//   z(d + dd) = R z(d) + sqrt(1 - R^2) w,   R = exp(-dd / d_corr),   w ~ N(0, 1).
// Shadow fading = sigma(state) * z_SF, with d_corr the state's SF decorrelation distance
// (38.811: LOS 37 m, NLOS 50 m, rural NLOS 120 m; docs/models.md#ntn-shadow-fading-and-clutter-loss). The LOS state is a spatially
// consistent draw: LOS when Phi(z_LOS) < P_LOS, with z_LOS a second such process whose
// correlation distance defaults to 50 m (38.901 Table 7.6.3.1-2, LOS-state correlation of UMa and
// UMi; 38.811 gives none of its own).
// One instance per (link or terminal); not thread-safe (it holds state and ns-3 streams).
#ifndef SAGIN_LINK_CORRELATED_FADING_H
#define SAGIN_LINK_CORRELATED_FADING_H

#include "link/model/link-types.h"

#include <cstdint>
#include <memory>

namespace sagin
{

/// Correlation distance (m) of the LOS state when a standard gives none: TR 38.901 Table
/// 7.6.3.1-2, UMa and UMi (TR 38.811 gives none of its own).
constexpr double kLosStateCorrelationM = 50.0;

/// Shadow-fading decorrelation distance (m) of a channel model's LOS or NLOS state: NTN TR 38.811
/// (LOS 37 m; NLOS 50 m, rural 120 m); TR 38.901 Table 7.5-6 for UMa (37 / 50 m), UMi street
/// canyon (10 / 13 m) and RMa (37 / 120 m), which the TR 36.777 aerial models (UMA_AV, UMI_AV,
/// RMA_AV) keep. NaN for a model that gives none (Al-Hourani) or has no states (free space,
/// optical).
double ShadowDecorrelationM(ChannelModel model, Environment environment, bool los);

/// One draw of the random parts.
struct FadingSample
{
    bool los = true;
    double shadowFadingDb = 0.0;
};

class CorrelatedFading
{
  public:
    /// `stream` is the first of two ns-3 stream numbers used (stream, stream + 1); negative
    /// leaves ns-3's automatic assignment.
    explicit CorrelatedFading(int64_t stream = -1, double losCorrelationM = 50.0);
    ~CorrelatedFading();
    CorrelatedFading(const CorrelatedFading&) = delete;
    CorrelatedFading& operator=(const CorrelatedFading&) = delete;

    /// Advance by `displacementM` (>= 0; the first call draws fresh values whatever it is) and
    /// draw the state for LOS probability `pLos`, shadow-fading sigmas and decorrelation
    /// distances of the LOS and NLOS states.
    FadingSample Next(double displacementM,
                      double pLos,
                      double sigmaLosDb,
                      double sigmaNlosDb,
                      double corrLosM,
                      double corrNlosM);

    /// Standard-normal shadowing process alone (no LOS state), for tests: advances by
    /// `displacementM` with decorrelation distance `corrM` and returns z.
    double NextStandardNormal(double displacementM, double corrM);

    /// Forget the history: the next call draws independent values.
    void Reset();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sagin

#endif
