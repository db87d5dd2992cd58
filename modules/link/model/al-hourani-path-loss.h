// Air-to-ground path loss of a low-altitude platform: Al-Hourani, Kandeepan, Lardner, "Optimal
// LAP Altitude for Maximum Coverage", IEEE Wireless Commun. Lett. 3(6), 2014 (docs/models.md#al-hourani-air-to-ground).
//   theta = atan(h / r) (degrees, seen from the ground user), d = sqrt(h^2 + r^2)
//   P_LoS(theta) = 1 / (1 + a exp(-b (theta - a)))
//   PL = FSPL(d) + eta_LoS (LOS), FSPL(d) + eta_NLoS (NLOS),
//   mean = FSPL(d) + P_LoS eta_LoS + (1 - P_LoS) eta_NLoS,  FSPL = 20 log10(4 pi f d / c).
// The (a, b, eta) sets are the paper's (its 2 GHz fit); its ray tracing covered 0.7-5.8 GHz, the
// validity range enforced here is 0.5-6 GHz. Const methods, thread-safe.
#ifndef SAGIN_LINK_AL_HOURANI_PATH_LOSS_H
#define SAGIN_LINK_AL_HOURANI_PATH_LOSS_H

#include "link/model/link-types.h"

namespace sagin
{

struct AlHouraniTerms
{
    double elevationDeg = 0.0;
    double distanceM = 0.0;
    double fsplDb = 0.0;
    double losProbability = 0.0;
    double excessLossDb = 0.0; ///< eta of the condition (mean: P eta_LoS + (1 - P) eta_NLoS)
    double pathLossDb = 0.0;
};

class AlHouraniPathLoss
{
  public:
    static constexpr double kMinFrequencyHz = 0.5e9;
    static constexpr double kMaxFrequencyHz = 6e9;

    /// Throws std::invalid_argument outside [0.5, 6] GHz. Every Environment is accepted
    /// (rural is not in the paper: it uses the suburban set, the paper's least obstructed one).
    AlHouraniPathLoss(double frequencyHz, Environment environment);

    /// Platform at `heightM` above the user, horizontal distance `groundDistanceM`.
    AlHouraniTerms Evaluate(double heightM, double groundDistanceM, LinkCondition condition) const;

    /// Same, from the elevation angle (deg, > 0) and the 3D distance.
    AlHouraniTerms EvaluateElevation(double elevationDeg,
                                     double distanceM,
                                     LinkCondition condition) const;

    double LosProbability(double elevationDeg) const;

    /// The elevation (deg) that maximises the coverage radius at a fixed mean path loss:
    /// argmax of 20 log10(cos theta) - eta_mean(theta) (the paper's theta_opt).
    double OptimalElevationDeg() const;

    double A() const
    {
        return m_a;
    }

    double B() const
    {
        return m_b;
    }

    double EtaLosDb() const
    {
        return m_etaLos;
    }

    double EtaNlosDb() const
    {
        return m_etaNlos;
    }

  private:
    double m_frequencyHz;
    double m_a;
    double m_b;
    double m_etaLos;
    double m_etaNlos;
};

} // namespace sagin

#endif
