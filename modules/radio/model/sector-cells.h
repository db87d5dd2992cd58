// The cells of a terrestrial base station as a CellPayload: one beam per sector (the TR 38.901
// Table 7.3-1 element, bearing and downtilt from the scenario) or one omni cell, all on the whole
// band (FR1, the terrestrial practice), each radiating the service_ground link's EIRP at its
// boresight. The path loss is the link's channel model in mean mode (TR 38.901 UMa/UMi/RMa with
// their LOS probability, or free space), the same the private service link uses, so a lone base
// station's SINR equals its link's C/N. Its beams interfere with satellites' and HAPS's beams of
// the same band (BeamField, the coverage engine). docs/models.md#terrestrial-cells.
#ifndef SAGIN_RADIO_SECTOR_CELLS_H
#define SAGIN_RADIO_SECTOR_CELLS_H

#include "core/model/geodesy.h"
#include "link/model/sector-antenna.h"
#include "radio/model/cell-payload.h"

#include <memory>
#include <vector>

namespace sagin
{

class LinkBudget;

/// One base station's cells.
struct SectorCellConfig
{
    unsigned sectors = 1; ///< 1: one omni cell; 3: three sectors 120 deg apart
    double azimuthDeg = 0.0;
    double downtiltDeg = 0.0;
    double antennaHeightM = 25.0; ///< above the local ground (38.901 h_BS)
    double terminalHeightM = 1.5; ///< 38.901 h_UT
    /// A UAV base station (one omni cell): the path loss takes an air-to-ground geometry (the
    /// platform's height above the terminal, in the platform's local frame) and the reach is
    /// the radio horizon of the platform's altitude at placement; antennaHeightM is unused.
    bool aerial = false;
    /// The service_ground link's forward budget (EIRP over the band, channel model) and reverse
    /// budget (the uplink's path loss; may be null without a shared return).
    std::shared_ptr<const LinkBudget> forward;
    std::shared_ptr<const LinkBudget> reverse;
};

/// Distance (m) to the radio horizon of a 4/3-Earth between antennas `h1M` and `h2M` above the
/// ground: sqrt(2 k R h1) + sqrt(2 k R h2), k = 4/3, R = 6371 km. Beyond it a base station's
/// cells interfere with nothing.
double RadioHorizonDistanceM(double h1M, double h2M);

class SectorCellPayload : public CellPayload
{
  public:
    /// Throws std::invalid_argument without a forward budget with EIRP, or for a sector count
    /// other than 1 or 3.
    explicit SectorCellPayload(const SectorCellConfig& config);

    std::unique_ptr<CellPayload> Clone() const override;
    /// The site (ECEF, m): its local east-north-up frame orients the sectors.
    void PlaceAt(const Vec3& position) override;
    std::size_t NumBeams() const override
    {
        return m_antennas.size();
    }
    int Colour(std::size_t) const override
    {
        return 0;
    }
    const Vec3& Position() const override
    {
        return m_position;
    }
    /// Every cell's power at `terminal`: EIRP + (sector gain - boresight gain) - mean path loss
    /// of the forward budget's channel model + the terminal's gain - its extra loss. Not visible
    /// beyond the radio horizon (requireVisible).
    BeamPowers Powers(const Vec3& terminal,
                      const TerminalRx& rx,
                      std::size_t candidates = 0,
                      bool requireVisible = true) const override;
    /// Within the radio horizon (RadioHorizonDistanceM of the two heights; a UAV's altitude).
    bool Reaches(const Vec3& point) const override;
    double ReachCentralAngleRad(double groundRadiusM) const override;
    /// The terminal's EIRP - mean path loss of the reverse budget + the sector's gain.
    double UplinkReceivedW(std::size_t i,
                           const Vec3& terminal,
                           const BeamUplink& up) const override;

    /// Gain (dBi) of cell i towards `terminal` (ECEF).
    double CellGainDbi(std::size_t i, const Vec3& terminal) const;
    /// Mean path loss (dB, everything the budget subtracts from EIRP + G/T) of `budget` from the
    /// site to `terminal`; NaN where the channel model gives none.
    double MeanLossDb(const LinkBudget& budget, const Vec3& terminal) const;

    void SetInterferenceWeights(const std::vector<double>& weights) override;
    double InterferenceWeight(std::size_t i) const override
    {
        return m_weight.empty() ? 1.0 : m_weight[i];
    }

  private:
    SectorCellConfig m_config;
    std::vector<double> m_weight;          ///< SetInterferenceWeights (empty: all 1)
    std::vector<SectorAntenna> m_antennas; ///< empty pattern (omni) when sectors == 1
    bool m_omni;
    double m_eirpDbw;
    double m_reachM;
    Vec3 m_position;
    EnuFrame m_frame;
};

} // namespace sagin

#endif
