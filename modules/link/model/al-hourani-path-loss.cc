#include "link/model/al-hourani-path-loss.h"

#include "core/model/constants.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace sagin
{

AlHouraniPathLoss::AlHouraniPathLoss(double frequencyHz, Environment environment)
    : m_frequencyHz(frequencyHz)
{
    if (!(frequencyHz >= kMinFrequencyHz && frequencyHz <= kMaxFrequencyHz))
    {
        throw std::invalid_argument("Al-Hourani model: frequency "
                                    + std::to_string(frequencyHz / 1e9)
                                    + " GHz is outside its validity [0.5, 6] GHz");
    }
    switch (environment)
    {
    case Environment::kSuburban:
    case Environment::kRural:
        m_a = 4.88;
        m_b = 0.43;
        m_etaLos = 0.1;
        m_etaNlos = 21.0;
        break;
    case Environment::kUrban:
        m_a = 9.61;
        m_b = 0.16;
        m_etaLos = 1.0;
        m_etaNlos = 20.0;
        break;
    case Environment::kDenseUrban:
        m_a = 12.08;
        m_b = 0.11;
        m_etaLos = 1.6;
        m_etaNlos = 23.0;
        break;
    case Environment::kHighRiseUrban:
        m_a = 27.23;
        m_b = 0.08;
        m_etaLos = 2.3;
        m_etaNlos = 34.0;
        break;
    }
}

double
AlHouraniPathLoss::LosProbability(double elevationDeg) const
{
    return 1.0 / (1.0 + m_a * std::exp(-m_b * (elevationDeg - m_a)));
}

AlHouraniTerms
AlHouraniPathLoss::EvaluateElevation(double elevationDeg,
                                     double distanceM,
                                     LinkCondition condition) const
{
    AlHouraniTerms t;
    t.elevationDeg = elevationDeg;
    t.distanceM = distanceM;
    t.fsplDb = 20.0 * std::log10(4.0 * kPi * m_frequencyHz * distanceM / kSpeedOfLight);
    t.losProbability = LosProbability(elevationDeg);
    switch (condition)
    {
    case LinkCondition::kLos:
        t.excessLossDb = m_etaLos;
        break;
    case LinkCondition::kNlos:
        t.excessLossDb = m_etaNlos;
        break;
    case LinkCondition::kMean:
        t.excessLossDb = t.losProbability * m_etaLos + (1.0 - t.losProbability) * m_etaNlos;
        break;
    }
    t.pathLossDb = t.fsplDb + t.excessLossDb;
    return t;
}

AlHouraniTerms
AlHouraniPathLoss::Evaluate(double heightM, double groundDistanceM, LinkCondition condition) const
{
    double elevationDeg = std::atan2(heightM, groundDistanceM) * kRadToDeg;
    return EvaluateElevation(elevationDeg, std::hypot(heightM, groundDistanceM), condition);
}

double
AlHouraniPathLoss::OptimalElevationDeg() const
{
    auto objective = [this](double thetaDeg)
    {
        double p = LosProbability(thetaDeg);
        return 20.0 * std::log10(std::cos(thetaDeg * kDegToRad))
               - (p * m_etaLos + (1.0 - p) * m_etaNlos);
    };
    // Dense scan, then golden-section refinement around the best sample.
    double best = 0.0;
    double bestValue = objective(0.0);
    for (double t = 0.05; t < 89.95; t += 0.05)
    {
        double v = objective(t);
        if (v > bestValue)
        {
            bestValue = v;
            best = t;
        }
    }
    double lo = std::max(0.0, best - 0.05);
    double hi = std::min(89.99, best + 0.05);
    const double g = 0.5 * (std::sqrt(5.0) - 1.0);
    while (hi - lo > 1e-9)
    {
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        if (objective(x1) > objective(x2))
        {
            hi = x2;
        }
        else
        {
            lo = x1;
        }
    }
    return 0.5 * (lo + hi);
}

} // namespace sagin
