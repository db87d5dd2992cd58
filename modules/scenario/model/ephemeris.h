// Positions of nodes over time, as CSV or CZML (Cesium): what `sagin ephemeris` writes.
#ifndef SAGIN_SCENARIO_EPHEMERIS_H
#define SAGIN_SCENARIO_EPHEMERIS_H

#include "core/model/utc-epoch.h"
#include "orbit/model/sun-eclipse.h"
#include "orbit/model/trajectory.h"

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace sagin
{

/// The smallest step between ephemeris samples (s): finer steps resolve nothing an orbit or a
/// flight path does, and a tiny or denormal step would ask for an unbounded number of samples.
constexpr double kEphemerisMinStep_s = 1e-3;
/// The largest number of time samples of one ephemeris (a day every 10 ms is 8.64e6).
constexpr long kEphemerisMaxSamples = 10000000;

struct EphemerisNode
{
    std::string name;
    std::string role; ///< RoleName(): sat, haps, uav, ut, gw, bs, core
    std::shared_ptr<const Trajectory> trajectory;
};

/// A link of a CZML document: a polyline between two nodes' positions, shown during `up`.
struct EphemerisLink
{
    std::string a; ///< node names (EphemerisNode::name)
    std::string b;
    std::string kind; ///< LinkKindName(): isl, feeder, service, air_space, air_ground, terrestrial
    std::vector<std::pair<double, double>> up; ///< [begin, end] s after the epoch, increasing
};

/// The Lagrange degree of CZML positions (Cesium's SampledProperty interpolates them).
constexpr int kCzmlInterpolationDegree = 5;
/// What the CZML samples of a moving node are refined for: Lagrange interpolation between two
/// samples stays within this distance (m) of the trajectory at the points checked
/// (CzmlSampleTimes).
constexpr double kCzmlInterpolationTolerance_m = 1.0;
/// At most this many halvings of the step for one node (a step of 60 s goes down to ~0.06 s).
constexpr int kCzmlMaxRefinements = 10;

/// Lagrange interpolation of `values` sampled at `times` (increasing) at time t, over the window
/// Cesium's SampledProperty takes: the degree + 1 samples centred on t (three before and three
/// after for degree 5), shifted inside the samples at either end, fewer when there are fewer.
Vec3 InterpolateLagrange(const std::vector<double>& times,
                         const std::vector<Vec3>& values,
                         double t,
                         int degree = kCzmlInterpolationDegree);

/// The CZML sample times of a moving trajectory over `times` (evenly spaced): `times` itself when
/// Lagrange interpolation (InterpolateLagrange) of the positions at 1/4, 1/2 and 3/4 of every
/// interval stays within `tolerance_m` of the trajectory, else the grid with the step halved
/// until it does (at most kCzmlMaxRefinements times, never below kEphemerisMinStep_s). A UAV
/// loitering on a 500 m circle every 150 s needs ~15 s for 1 m; a LEO satellite is well within
/// 1 m at 60 s.
std::vector<double> CzmlSampleTimes(const Trajectory& trajectory,
                                    const std::vector<double>& times,
                                    double tolerance_m = kCzmlInterpolationTolerance_m);

/// The orbital period (s) of a satellite from its state at t (vis-viva on the inertial velocity,
/// the ECEF velocity plus the Earth's rotation): 0 when the state is not a bound orbit.
double OrbitPeriod(const Trajectory& trajectory, double t_s);

/// The sample times start + k * step for every k with k * step <= duration (1e-9 relative
/// tolerance). InputError (messages naming "step", "start" or "duration", without a prefix) for
/// a non-finite start, a negative or non-finite duration, a step below kEphemerisMinStep_s or
/// non-finite, or more than kEphemerisMaxSamples samples.
std::vector<double> EphemerisTimes(double start, double duration, double step);

/// CSV `t_s,node,role,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit`, one row per time and node
/// (ECEF m, WGS84 geodetic; `sunlit` the fraction of the solar disc visible from the node,
/// conical Earth shadow, 0 in the umbra, 1 in full sunlight: IlluminatedFraction of
/// orbit/model/sun-eclipse.h, with the Sun of `sun`, computed once per time); a node without a
/// position (propagation error) has empty fields and one warning on stderr.
void WriteEphemerisCsv(std::ostream& os,
                       const std::vector<EphemerisNode>& nodes,
                       const std::vector<double>& times,
                       const SunEphemeris& sun,
                       bool progress = false);

/// How long one node spends in the Earth's shadow over a span (fractions of the span).
struct EclipseSummary
{
    std::string node;
    double penumbraFraction = 0.0; ///< part of the span with some of the Sun hidden
    double umbraFraction = 0.0;    ///< part of the span with all of it hidden
};

/// CSV `node,role,shadow,begin_s,end_s,duration_s`: every interval of [t0, t1] that a node spends
/// in the penumbra (`shadow` = penumbra: some of the solar disc hidden, umbra included) and in
/// the umbra (all of it hidden), found by ShadowIntervals (sampled every `step_s`, boundaries
/// bisected to 1e-4 s; times with 3 decimals), node by node in the given order, each node's rows
/// by start time (a penumbra row before the umbra row it holds). An interval under way at t0 or
/// t1 is cut there. A node without a position counts as sunlit. Returns each node's fractions
/// (NaN when t1 = t0).
std::vector<EclipseSummary> WriteEclipsesCsv(std::ostream& os,
                                             const std::vector<EphemerisNode>& nodes,
                                             double t0_s,
                                             double t1_s,
                                             double step_s,
                                             const SunEphemeris& sun,
                                             bool progress = false);

/// A CZML document (a JSON array): the document packet with the clock over the times, then one
/// packet per node, a fixed node with one cartesian position, a moving node with its samples in
/// the Earth-fixed frame (seconds after the first time, Lagrange degree 5 interpolation, at
/// CzmlSampleTimes), each with a label (its name) and, for a satellite in a bound orbit, a path
/// one period ahead and behind; then one packet per link: a polyline between the two nodes'
/// positions (references `a#position`, `b#position`), shown during its `up` intervals
/// (`availability`), coloured by kind. `times` must not be empty.
void WriteEphemerisCzml(std::ostream& os,
                        const std::vector<EphemerisNode>& nodes,
                        const std::vector<double>& times,
                        const UtcEpoch& epoch,
                        const std::string& documentName,
                        bool progress = false,
                        const std::vector<EphemerisLink>& links = {});

} // namespace sagin

#endif
