#include "radio/model/traffic-demand.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace sagin
{

namespace
{

constexpr double kInf = std::numeric_limits<double>::infinity();

bool
PositiveFinite(double v)
{
    return std::isfinite(v) && v > 0.0;
}

} // namespace

std::string
FieldPath(const std::string& path, const char* field)
{
    return path.empty() ? std::string(field) : path + "." + field;
}

void
CheckDemandConfig(const DemandConfig& c, const std::string& path, ErrorList& errors)
{
    auto Check = [&](bool ok, const char* field, const char* message)
    {
        if (!ok)
        {
            errors.Add(FieldPath(path, field), message);
        }
    };
    switch (c.kind)
    {
    case DemandKind::kFullBuffer:
        break;
    case DemandKind::kFtp3:
        Check(PositiveFinite(c.fileSizeBytes), "file_size_bytes", "must be > 0 and finite");
        Check(std::isfinite(c.fileRatePerS) && c.fileRatePerS >= 0.0,
              "file_rate_per_s",
              "must be >= 0 and finite");
        break;
    case DemandKind::kOnOff:
        Check(PositiveFinite(c.meanOnS), "mean_on_s", "must be > 0 and finite");
        Check(PositiveFinite(c.meanOffS), "mean_off_s", "must be > 0 and finite");
        if (c.periods == PeriodDistribution::kPareto)
        {
            Check(std::isfinite(c.paretoShape) && c.paretoShape > 1.0,
                  "pareto_shape",
                  "must be > 1 (finite mean)");
        }
        [[fallthrough]];
    case DemandKind::kCbr:
        Check(std::isfinite(c.rateBps) && c.rateBps >= 0.0, "rate_bps", "must be >= 0 and finite");
        Check(PositiveFinite(c.packetBytes), "packet_bytes", "must be > 0 and finite");
        break;
    }
}

double
MeanOfferedBps(const DemandConfig& c)
{
    switch (c.kind)
    {
    case DemandKind::kFullBuffer:
        return kInf;
    case DemandKind::kFtp3:
        return c.fileRatePerS * c.fileSizeBytes * 8.0;
    case DemandKind::kCbr:
        return c.rateBps;
    case DemandKind::kOnOff:
        return c.rateBps * c.meanOnS / (c.meanOnS + c.meanOffS);
    }
    return kInf;
}

DemandSource::DemandSource(const DemandConfig& config, std::uint64_t seed)
    : m_config(config)
    , m_rng(seed)
{
    ErrorList errors;
    CheckDemandConfig(config, "demand", errors);
    if (!errors.Empty())
    {
        throw InputError(errors.Format(""));
    }
}

double
DemandSource::Exponential(double mean)
{
    // 1 - U is in (0, 1], so the logarithm is finite.
    return -mean * std::log(1.0 - m_rng.NextUniform());
}

double
DemandSource::Period(double mean)
{
    if (m_config.periods == PeriodDistribution::kExponential)
    {
        return Exponential(mean);
    }
    // Pareto by inversion: x_m (1 - U)^(-1/a), mean a x_m / (a - 1).
    const double a = m_config.paretoShape;
    const double xm = mean * (a - 1.0) / a;
    return xm * std::pow(1.0 - m_rng.NextUniform(), -1.0 / a);
}

DemandItem
DemandSource::Next()
{
    const DemandConfig& c = m_config;
    switch (c.kind)
    {
    case DemandKind::kFullBuffer:
        return {kInf, 0.0};
    case DemandKind::kFtp3:
        if (c.fileRatePerS <= 0.0)
        {
            return {kInf, 0.0};
        }
        m_time += Exponential(1.0 / c.fileRatePerS);
        return {m_time, c.fileSizeBytes * 8.0};
    case DemandKind::kCbr:
    {
        if (c.rateBps <= 0.0)
        {
            return {kInf, 0.0};
        }
        const double interval = c.packetBytes * 8.0 / c.rateBps;
        m_time = m_started ? m_time + interval : interval * m_rng.NextUniform();
        m_started = true;
        return {m_time, c.packetBytes * 8.0};
    }
    case DemandKind::kOnOff:
    {
        if (c.rateBps <= 0.0)
        {
            return {kInf, 0.0};
        }
        const double interval = c.packetBytes * 8.0 / c.rateBps;
        if (!m_started)
        {
            m_started = true;
            m_time = Period(c.meanOffS); // the first on period starts after an off period
            m_onEnd = m_time + Period(c.meanOnS);
        }
        while (m_time >= m_onEnd)
        {
            m_time = m_onEnd + Period(c.meanOffS);
            m_onEnd = m_time + Period(c.meanOnS);
        }
        DemandItem item{m_time, c.packetBytes * 8.0};
        m_time += interval;
        return item;
    }
    }
    return {kInf, 0.0};
}

double
HexCellAreaKm2(double spacingKm)
{
    return std::sqrt(3.0) / 2.0 * spacingKm * spacingKm;
}

std::optional<double>
BeamFootprintAreaKm2(const SpotBeamPayload& payload, std::size_t i, double radiusM)
{
    const std::optional<Vec3> centre = payload.BeamGroundCentre(i, radiusM);
    if (!centre)
    {
        return std::nullopt;
    }
    const HexBeam& beam = payload.Beam(i);
    double sum = 0.0;
    int count = 0;
    for (std::size_t j = 0; j < payload.NumBeams(); ++j)
    {
        const HexBeam& other = payload.Beam(j);
        const int dq = other.q - beam.q;
        const int dr = other.r - beam.r;
        if (std::max({std::abs(dq), std::abs(dr), std::abs(dq + dr)}) != 1)
        {
            continue;
        }
        const std::optional<Vec3> c = payload.BeamGroundCentre(j, radiusM);
        if (c)
        {
            const double cosAngle = Dot(*centre, *c) / (Norm(*centre) * Norm(*c));
            sum += radiusM * std::acos(std::clamp(cosAngle, -1.0, 1.0));
            ++count;
        }
    }
    if (count == 0)
    {
        return std::nullopt;
    }
    return HexCellAreaKm2(sum / count * 1e-3);
}

int
UsersFromDensity(double densityPerKm2, double areaKm2)
{
    if (!std::isfinite(densityPerKm2) || densityPerKm2 < 0.0 || !std::isfinite(areaKm2)
        || areaKm2 < 0.0)
    {
        throw InputError("users from density: density and area must be >= 0 and finite");
    }
    const double n = std::round(densityPerKm2 * areaKm2);
    if (n > static_cast<double>(std::numeric_limits<int>::max()))
    {
        throw InputError("users from density: more than 2^31 users");
    }
    return static_cast<int>(n);
}

} // namespace sagin
