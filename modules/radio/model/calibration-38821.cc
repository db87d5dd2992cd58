#include "radio/model/calibration-38821.h"

#include "core/model/atomic-file.h"
#include "core/model/constants.h"
#include "core/model/deterministic-rng.h"
#include "core/model/text-format.h"
#include "link/model/link-geometry.h"
#include "metrics/model/statistics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace sagin
{

namespace
{

/// TR 38.811 / 38.821 Earth radius for the calibration geometry (m).
constexpr double kR = kEarthMeanRadius3gpp;
/// TR 38.821 altitudes (m); GEO 35 786 km above the sphere.
constexpr double kGeoAltitudeM = 35786e3;

const char*
OrbitName(Tr38821Orbit o)
{
    switch (o)
    {
    case Tr38821Orbit::kGeo:
        return "geo";
    case Tr38821Orbit::kLeo600:
        return "leo600";
    case Tr38821Orbit::kLeo1200:
        return "leo1200";
    }
    return "?";
}

const char*
ReuseName(FrequencyReuse r)
{
    switch (r)
    {
    case FrequencyReuse::kFr1:
        return "fr1";
    case FrequencyReuse::kFr3:
        return "fr3";
    case FrequencyReuse::kFr4:
        return "fr4";
    }
    return "?";
}

/// Uniform random unit vector on the spherical cap of half-angle `psiMax` around unit `c`.
Vec3
UniformOnCap(const Vec3& c, double psiMax, DeterministicRng& rng)
{
    Vec3 a = std::fabs(c.x) < 0.9 ? Vec3(1.0, 0.0, 0.0) : Vec3(0.0, 1.0, 0.0);
    Vec3 e1 = Normalized(a - c * Dot(a, c));
    Vec3 e2 = Cross(c, e1);
    double cosPsi = 1.0 - rng.NextUniform() * (1.0 - std::cos(psiMax));
    double sinPsi = std::sqrt(std::max(0.0, 1.0 - cosPsi * cosPsi));
    double phi = kTwoPi * rng.NextUniform();
    return c * cosPsi + (e1 * std::cos(phi) + e2 * std::sin(phi)) * sinPsi;
}

Percentiles
PercentilesOf(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {Percentile(v, 5.0), Percentile(v, 50.0), Percentile(v, 95.0)};
}

/// core Fixed, with "n/a" for an unknown (NaN) value and "inf" for an interference-free SIR.
std::string
Cell(double v, int decimals = 2)
{
    if (!std::isfinite(v))
    {
        return std::isnan(v) ? "n/a" : (v > 0 ? "inf" : "-inf");
    }
    return Fixed(v, decimals);
}

std::string
JsonNumber(double v)
{
    return std::isfinite(v) ? Fixed(v, 4) : "null";
}

} // namespace

std::string
Tr38821Case::Id() const
{
    return "set" + std::to_string(set) + "-" + OrbitName(orbit) + "-"
           + (band == Tr38821Band::kKa ? "ka" : "s") + "-" + ReuseName(reuse);
}

Tr38821Satellite
Tr38821SatelliteParameters(int set, Tr38821Orbit orbit, Tr38821Band band)
{
    if (set != 1 && set != 2)
    {
        throw std::invalid_argument("TR 38.821 parameter set must be 1 or 2");
    }
    Tr38821Satellite s;
    const bool geo = orbit == Tr38821Orbit::kGeo;
    s.altitudeM = geo ? kGeoAltitudeM : (orbit == Tr38821Orbit::kLeo600 ? 600e3 : 1200e3);
    // Elevation of the satellite from the centre of the central beam: 45 deg for GEO, 90 deg
    // (nadir) for LEO (docs/calibration.md).
    s.elevationDeg = geo ? 45.0 : 90.0;
    if (band == Tr38821Band::kS)
    {
        s.frequencyHz = 2e9;
        s.bandwidthHz = 30e6;
        // Set-1 Table 6.1.1.1-1, Set-2 Table 6.1.1.1-2 (docs/models.md).
        if (set == 1)
        {
            s.maxGainDbi = geo ? 51.0 : 30.0;
            s.apertureDiameterM = geo ? 22.0 : 2.0;
            s.eirpDensityDbwPerMhz = geo ? 59.0 : (orbit == Tr38821Orbit::kLeo1200 ? 40.0 : 34.0);
        }
        else
        {
            s.maxGainDbi = geo ? 45.5 : 24.0;
            s.apertureDiameterM = geo ? 12.0 : 1.0;
            s.eirpDensityDbwPerMhz = geo ? 53.5 : (orbit == Tr38821Orbit::kLeo1200 ? 34.0 : 28.0);
        }
    }
    else
    {
        s.frequencyHz = 20e9;
        s.bandwidthHz = 400e6;
        if (set == 1)
        {
            s.maxGainDbi = geo ? 58.5 : 38.5;
            s.apertureDiameterM = geo ? 5.0 : 0.5;
            s.eirpDensityDbwPerMhz = geo ? 40.0 : (orbit == Tr38821Orbit::kLeo1200 ? 10.0 : 4.0);
        }
        else
        {
            s.maxGainDbi = geo ? 50.5 : 30.5;
            s.apertureDiameterM = geo ? 2.0 : 0.2;
            s.eirpDensityDbwPerMhz = geo ? 32.0 : (orbit == Tr38821Orbit::kLeo1200 ? 2.0 : -4.0);
        }
    }
    return s;
}

TerminalRx
Tr38821TerminalRx(Tr38821Band band)
{
    TerminalRx rx;
    if (band == Tr38821Band::kKa)
    {
        rx.gainDbi = 39.7; // VSAT, 0.6 m reflector at 20 GHz, pointed at the satellite
        rx.noiseFigureDb = 1.2;
        rx.antennaTemperatureK = 150.0;
    }
    else
    {
        rx.gainDbi = 0.0; // handheld, omni
        rx.noiseFigureDb = 7.0;
        rx.antennaTemperatureK = 290.0;
    }
    return rx;
}

std::vector<Tr38821Case>
Tr38821DownlinkCases()
{
    std::vector<Tr38821Case> cases;
    for (int set : {1, 2})
    {
        for (Tr38821Orbit orbit :
             {Tr38821Orbit::kGeo, Tr38821Orbit::kLeo600, Tr38821Orbit::kLeo1200})
        {
            for (FrequencyReuse r :
                 {FrequencyReuse::kFr1, FrequencyReuse::kFr3, FrequencyReuse::kFr4})
            {
                cases.push_back({set, orbit, Tr38821Band::kKa, r});
            }
            for (FrequencyReuse r : {FrequencyReuse::kFr1, FrequencyReuse::kFr3})
            {
                cases.push_back({set, orbit, Tr38821Band::kS, r});
            }
        }
    }
    return cases;
}

std::optional<Tr38821Reported>
Tr38821ReportedValues(const Tr38821Case& /*c*/)
{
    // TR 38.821 Table 6.1.1.2-1 (downlink coupling loss, geometry SIR and SINR at 5/50/95 %,
    // averaged over the companies' results) was not available as text: neither the TR nor a
    // page or repository quoting its numbers was found (searched: the TR's title and table
    // number, QuaDRiGa's calibration tutorial, which prints only its own results, ns-3/5G-LENA
    // NTN calibration). Every case therefore has no reported values (n/a) until they are entered
    // here with their source.
    return std::nullopt;
}

int
Tr38821BeamCount(FrequencyReuse reuse)
{
    return reuse == FrequencyReuse::kFr1 ? HexBeamCount(4) : HexBeamCount(6);
}

SpotBeamPayload
Tr38821Payload(const Tr38821Case& c)
{
    const Tr38821Satellite sat = Tr38821SatelliteParameters(c.set, c.orbit, c.band);
    // The beams' 3 dB width follows from the reflector (theta_3dB = 2 asin(1.6163 / (k a))) and
    // the spacing is sqrt(3)/2 of it.
    const CircularApertureAntenna pattern(
        sat.maxGainDbi, sat.apertureDiameterM / 2.0, sat.frequencyHz);
    SpotBeamConfig config;
    config.numBeams = Tr38821BeamCount(c.reuse);
    config.spacingRad = AdjacentBeamSpacingRad(pattern.HalfPowerBeamwidthRad());
    config.reuse = c.reuse;
    config.maxGainDbi = sat.maxGainDbi;
    config.apertureRadiusM = sat.apertureDiameterM / 2.0;
    config.frequencyHz = sat.frequencyHz;
    config.eirpDensityDbwPerMhz = sat.eirpDensityDbwPerMhz;
    config.bandwidthHz = sat.bandwidthHz;
    SpotBeamPayload payload(config);
    const double e = sat.elevationDeg * kDegToRad;
    const Vec3 p0(0.0, 0.0, kR);
    const double range = SlantRangeM(e, sat.altitudeM, kR);
    const Vec3 position = p0 + Vec3(std::cos(e), 0.0, std::sin(e)) * range;
    payload.Place(position, p0 - position, Vec3(0.0, 1.0, 0.0));
    return payload;
}

Tr38821CaseResult
RunTr38821Case(const Tr38821Case& c, const Tr38821Options& options)
{
    if (options.terminalsPerBeam < 1)
    {
        throw std::invalid_argument("terminals per beam must be >= 1");
    }
    const std::vector<Tr38821Case> all = Tr38821DownlinkCases();
    std::uint64_t index = 0;
    while (index < all.size() && all[index].Id() != c.Id())
    {
        ++index;
    }
    const SpotBeamPayload payload = Tr38821Payload(c);
    const TerminalRx rx = Tr38821TerminalRx(c.band);
    Tr38821CaseResult out;
    out.c = c;
    out.numBeams = static_cast<int>(payload.NumBeams());
    out.spacingDeg = payload.Config().spacingRad * kRadToDeg;
    out.beamwidthDeg = payload.Pattern().HalfPowerBeamwidthRad() * kRadToDeg;
    out.colourBandwidthMhz = payload.ColourBandwidthHz() / 1e6;
    DeterministicRng rng(MixSeed(options.seed, index));
    constexpr int kServing = 19;
    constexpr int kMaxDrawsPerTerminal = 10000;
    std::vector<Vec3> centres;
    for (std::size_t i = 0; i < payload.NumBeams(); ++i)
    {
        auto g = payload.BeamGroundCentre(i, kR);
        centres.push_back(g ? Normalized(*g) : Vec3());
    }
    for (int b = 0; b < kServing; ++b)
    {
        // Cap: out to the farthest adjacent beam's ground centre (the beam's best-server region
        // lies well inside it).
        double psiMax = 0.0;
        const HexBeam& hb = payload.Beam(b);
        for (std::size_t j = 0; j < payload.NumBeams(); ++j)
        {
            const HexBeam& o = payload.Beam(j);
            int dq = o.q - hb.q;
            int dr = o.r - hb.r;
            if (std::max({std::abs(dq), std::abs(dr), std::abs(dq + dr)}) == 1
                && Norm(centres[j]) > 0.0)
            {
                psiMax = std::max(psiMax, std::acos(std::min(1.0, Dot(centres[b], centres[j]))));
            }
        }
        int kept = 0;
        int draws = 0;
        while (kept < options.terminalsPerBeam)
        {
            if (++draws > kMaxDrawsPerTerminal * options.terminalsPerBeam)
            {
                throw std::runtime_error("calibrate-38821: " + c.Id()
                                         + ": cannot drop terminals in beam " + std::to_string(b));
            }
            const Vec3 p = UniformOnCap(centres[b], psiMax, rng) * kR;
            BeamSinr s = payload.Evaluate(p, rx);
            if (s.servingBeam != b)
            {
                continue;
            }
            out.terminals.push_back({b, s});
            ++kept;
        }
    }
    std::vector<double> cl, sir, sinr;
    for (const auto& t : out.terminals)
    {
        cl.push_back(t.sinr.couplingLossDb);
        sir.push_back(t.sinr.sirDb);
        sinr.push_back(t.sinr.sinrDb);
    }
    out.couplingLossDb = PercentilesOf(cl);
    out.sirDb = PercentilesOf(sir);
    out.sinrDb = PercentilesOf(sinr);
    out.reported = Tr38821ReportedValues(c);
    return out;
}

namespace
{

struct Metric
{
    const char* name;
    Percentiles Tr38821CaseResult::*ours;
    Percentiles Tr38821Reported::*tr;
};

const Metric kMetrics[] = {
    {"coupling_loss_db", &Tr38821CaseResult::couplingLossDb, &Tr38821Reported::couplingLossDb},
    {"sir_db", &Tr38821CaseResult::sirDb, &Tr38821Reported::sirDb},
    {"sinr_db", &Tr38821CaseResult::sinrDb, &Tr38821Reported::sinrDb},
};
const char* kPoints[] = {"p5", "p50", "p95"};

double
Reported(const Tr38821CaseResult& r, const Metric& m, int k)
{
    return r.reported ? ((*r.reported).*(m.tr))[k] : std::nan("");
}

} // namespace

std::string
FormatTr38821Text(const std::vector<Tr38821CaseResult>& results)
{
    std::ostringstream os;
    char line[512];
    std::snprintf(line,
                  sizeof(line),
                  "%-20s %5s %6s %7s | %23s | %23s | %23s | %s\n",
                  "case",
                  "beams",
                  "sp deg",
                  "B MHz",
                  "coupling loss dB 5/50/95",
                  "geometry SIR dB 5/50/95",
                  "geometry SINR dB 5/50/95",
                  "TR 38.821 (diff)");
    os << line;
    for (const auto& r : results)
    {
        std::string tr;
        for (const auto& m : kMetrics)
        {
            for (int k = 0; k < 3; ++k)
            {
                double ref = Reported(r, m, k);
                tr += (tr.empty() ? "" : " ") + Cell(ref, 1);
                if (std::isfinite(ref))
                {
                    tr += "(" + Cell((r.*(m.ours))[k] - ref, 1) + ")";
                }
            }
        }
        std::snprintf(line,
                      sizeof(line),
                      "%-20s %5d %6.3f %7.1f | %7s %7s %7s | %7s %7s %7s | %7s %7s %7s | %s\n",
                      r.c.Id().c_str(),
                      r.numBeams,
                      r.spacingDeg,
                      r.colourBandwidthMhz,
                      Cell(r.couplingLossDb[0]).c_str(),
                      Cell(r.couplingLossDb[1]).c_str(),
                      Cell(r.couplingLossDb[2]).c_str(),
                      Cell(r.sirDb[0]).c_str(),
                      Cell(r.sirDb[1]).c_str(),
                      Cell(r.sirDb[2]).c_str(),
                      Cell(r.sinrDb[0]).c_str(),
                      Cell(r.sinrDb[1]).c_str(),
                      Cell(r.sinrDb[2]).c_str(),
                      tr.c_str());
        os << line;
    }
    return os.str();
}

std::string
FormatTr38821Csv(const std::vector<Tr38821CaseResult>& results)
{
    std::ostringstream os;
    os << "case,set,orbit,band,reuse,beams,spacing_deg,beamwidth_deg,colour_bandwidth_mhz,"
          "terminals";
    for (const auto& m : kMetrics)
    {
        for (const char* p : kPoints)
        {
            os << "," << m.name << "_" << p << "," << m.name << "_" << p << "_tr," << m.name << "_"
               << p << "_diff";
        }
    }
    os << "\n";
    for (const auto& r : results)
    {
        os << r.c.Id() << "," << r.c.set << "," << OrbitName(r.c.orbit) << ","
           << (r.c.band == Tr38821Band::kKa ? "ka" : "s") << "," << ReuseName(r.c.reuse) << ","
           << r.numBeams << "," << Cell(r.spacingDeg, 4) << "," << Cell(r.beamwidthDeg, 4) << ","
           << Cell(r.colourBandwidthMhz, 3) << "," << r.terminals.size();
        for (const auto& m : kMetrics)
        {
            for (int k = 0; k < 3; ++k)
            {
                double ours = (r.*(m.ours))[k];
                double ref = Reported(r, m, k);
                os << "," << Cell(ours, 3) << "," << Cell(ref, 3) << "," << Cell(ours - ref, 3);
            }
        }
        os << "\n";
    }
    return os.str();
}

std::string
FormatTr38821Json(const std::vector<Tr38821CaseResult>& results)
{
    std::ostringstream os;
    os << "{\"source\": " << JsonString("3GPP TR 38.821 section 6.1.1 downlink calibration")
       << ", \"cases\": [";
    bool first = true;
    for (const auto& r : results)
    {
        os << (first ? "\n" : ",\n") << "  {\"case\": " << JsonString(r.c.Id())
           << ", \"set\": " << r.c.set << ", \"orbit\": " << JsonString(OrbitName(r.c.orbit))
           << ", \"band\": " << JsonString(r.c.band == Tr38821Band::kKa ? "ka" : "s")
           << ", \"reuse\": " << JsonString(ReuseName(r.c.reuse)) << ", \"beams\": " << r.numBeams
           << ", \"spacing_deg\": " << JsonNumber(r.spacingDeg)
           << ", \"beamwidth_deg\": " << JsonNumber(r.beamwidthDeg)
           << ", \"colour_bandwidth_mhz\": " << JsonNumber(r.colourBandwidthMhz)
           << ", \"terminals\": " << r.terminals.size();
        for (const auto& m : kMetrics)
        {
            os << ", " << JsonString(m.name) << ": {";
            for (int k = 0; k < 3; ++k)
            {
                double ours = (r.*(m.ours))[k];
                double ref = Reported(r, m, k);
                os << (k ? ", " : "") << "\"" << kPoints[k] << "\": " << JsonNumber(ours) << ", \""
                   << kPoints[k] << "_tr\": " << JsonNumber(ref) << ", \"" << kPoints[k]
                   << "_diff\": " << JsonNumber(ours - ref);
            }
            os << "}";
        }
        os << "}";
        first = false;
    }
    os << "\n]}\n";
    return os.str();
}

std::string
FormatTr38821Markdown(const std::vector<Tr38821CaseResult>& results)
{
    std::ostringstream os;
    os << "| case | beams | spacing (deg) | colour band (MHz) | CL 5 % | CL 50 % | CL 95 % | SIR 5 "
          "% | SIR 50 % "
          "| SIR 95 % | SINR 5 % | SINR 50 % | SINR 95 % | TR 38.821 |\n";
    os << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : results)
    {
        os << "| " << r.c.Id() << " | " << r.numBeams << " | " << Cell(r.spacingDeg, 3) << " | "
           << Cell(r.colourBandwidthMhz, 1);
        for (const auto& m : kMetrics)
        {
            for (int k = 0; k < 3; ++k)
            {
                os << " | " << Cell((r.*(m.ours))[k]);
            }
        }
        os << " | " << (r.reported ? "see CSV" : "n/a") << " |\n";
    }
    return os.str();
}

std::vector<std::string>
WriteTr38821Files(const std::string& dir, const std::vector<Tr38821CaseResult>& results)
{
    std::filesystem::create_directories(dir);
    const std::string stem = (std::filesystem::path(dir) / "calibration-38821").string();
    std::vector<std::string> written;
    const std::pair<const char*, std::string> files[] = {
        {".txt", FormatTr38821Text(results)},
        {".csv", FormatTr38821Csv(results)},
        {".json", FormatTr38821Json(results)},
        {".md", FormatTr38821Markdown(results)},
    };
    for (const auto& [ext, content] : files)
    {
        WriteFileAtomically(stem + ext, content);
        written.push_back(stem + ext);
    }
    return written;
}

} // namespace sagin
