#include "radio/model/cell-payload.h"

#include "core/model/constants.h"
#include "link/model/link-budget.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

CellPayload::CellPayload(const CellBand& band)
    : m_band(band)
{
}

CellPayload::~CellPayload() = default;

int
ReuseColours(FrequencyReuse reuse)
{
    switch (reuse)
    {
    case FrequencyReuse::kFr1:
        return 1;
    case FrequencyReuse::kFr3:
        return 3;
    case FrequencyReuse::kFr4:
        return 4;
    }
    return 1;
}

double
ReuseBandFraction(FrequencyReuse reuse)
{
    switch (reuse)
    {
    case FrequencyReuse::kFr1:
        return 1.0;
    case FrequencyReuse::kFr3:
        return 1.0 / 3.0;
    case FrequencyReuse::kFr4:
        return 0.5;
    }
    return 1.0;
}

double
CellPayload::ColourBandwidthHz() const
{
    return m_band.bandwidthHz * ReuseBandFraction(m_band.reuse);
}

double
CellPayload::NoiseW(const TerminalRx& rx) const
{
    return std::pow(10.0, kBoltzmannDbW / 10.0)
           * SystemNoiseTemperatureK(rx.antennaTemperatureK, rx.noiseFigureDb)
           * ColourBandwidthHz();
}

double
CellPayload::UplinkNoiseW(const BeamUplink& up) const
{
    // G/T = G_max / T_sys.
    return std::pow(10.0, (kBoltzmannDbW + m_band.maxGainDbi - up.gtDbK) / 10.0) * up.bandwidthHz
           * ReuseBandFraction(m_band.reuse);
}

BeamSinr
CellPayload::UplinkSinr(std::size_t beam,
                        const Vec3& terminal,
                        const BeamUplink& up,
                        double interferenceW) const
{
    BeamSinr out;
    const double carrierW = UplinkReceivedW(beam, terminal, up);
    if (!(carrierW > 0.0))
    {
        return out;
    }
    const double noiseW = UplinkNoiseW(up);
    out.servingBeam = static_cast<int>(beam);
    out.colour = Colour(beam);
    out.carrierDbw = 10.0 * std::log10(carrierW);
    out.couplingLossDb = up.terminalEirpDbw - out.carrierDbw;
    out.interferenceDbw = 10.0 * std::log10(interferenceW);
    out.noiseDbw = 10.0 * std::log10(noiseW);
    out.sirDb = out.carrierDbw - out.interferenceDbw;
    out.sinrDb = out.carrierDbw - 10.0 * std::log10(interferenceW + noiseW);
    return out;
}

double
CellPayload::CoChannelW(const double perColourW[4], int colour) const
{
    double w = perColourW[colour];
    if (m_band.reuse == FrequencyReuse::kFr4 && std::isfinite(m_band.polarizationIsolationDb))
    {
        // Same frequency (colour mod 2), other polarisation (colour / 2).
        w += perColourW[colour ^ 2] * std::pow(10.0, -m_band.polarizationIsolationDb / 10.0);
    }
    return w;
}

BeamSinr
CellPayload::Combine(const BeamPowers& serving,
                     const double groupPerColourW[4],
                     const TerminalRx& rx) const
{
    BeamSinr out;
    if (!serving.visible)
    {
        return out;
    }
    double others[4];
    for (int c = 0; c < 4; ++c)
    {
        others[c] = groupPerColourW[c];
    }
    others[serving.colour] = std::max(0.0, others[serving.colour] - serving.bestW);
    const double interferenceW = CoChannelW(others, serving.colour);
    const double noiseW = NoiseW(rx);
    out.servingBeam = serving.bestBeam;
    out.colour = serving.colour;
    const double bestGainDb = m_band.maxGainDbi + 10.0 * std::log10(serving.bestRelativeGain);
    out.couplingLossDb = serving.commonLossDb - bestGainDb;
    out.carrierDbw = 10.0 * std::log10(serving.bestW);
    out.interferenceDbw = 10.0 * std::log10(interferenceW);
    out.noiseDbw = 10.0 * std::log10(noiseW);
    out.sirDb = out.carrierDbw - out.interferenceDbw;
    out.sinrDb = out.carrierDbw - 10.0 * std::log10(interferenceW + noiseW);
    return out;
}

void
CellPayload::ColourPowers(const Vec3& terminal, const TerminalRx& rx, double perColourW[4]) const
{
    const BeamPowers p = Powers(terminal, rx, 0, false);
    std::copy(p.perColourW, p.perColourW + 4, perColourW);
}

bool
CellPayload::TabulateColourSums(std::size_t /* maxBytes */)
{
    return false;
}

double
CellPayload::AnchorPeriodS() const
{
    return 0.0;
}

void
CellPayload::PlaceAnchored(const Vec3& position, const Vec3& /* anchorPosition */)
{
    PlaceAt(position);
}

void
CellPayload::SetInterferenceWeights(const std::vector<double>& /* weights */)
{
}

double
CellPayload::InterferenceWeight(std::size_t /* i */) const
{
    return 1.0;
}

} // namespace sagin
