// C/N -> spectral efficiency through a modulation table: DVB-S2X MODCODs (ETSI EN 302 307-1
// Table 13 + EN 302 307-2 Table 20a), NR CQI (3GPP TS 38.214 Tables 5.2.2.1-2 and -3) or Shannon
// with a gap and a cap. Tables are read once from the embedded data files; lookups are const,
// allocation-free and thread-safe.
#ifndef SAGIN_LINK_MODULATION_TABLE_H
#define SAGIN_LINK_MODULATION_TABLE_H

#include "link/model/link-types.h"

#include <string>
#include <vector>

namespace sagin
{

/// One row: a MODCOD or CQI, the C/N (dB) it needs and the efficiency it gives (bit/s/Hz, or
/// bit/symbol for DVB-S2X, equal when the symbol rate equals the bandwidth).
struct ModulationEntry
{
    std::string name;
    double thresholdDb;
    double efficiency;
};

class ModulationTable
{
  public:
    /// Gap (dB) above the Shannon bound used to derive NR CQI thresholds: the median gap of the
    /// DVB-S2/S2X ideal AWGN thresholds over the Shannon bound of their efficiencies (1.78 dB,
    /// computed from dvb-s2x-modcods.csv), rounded. See modules/link/README.md.
    static constexpr double kNrCqiDefaultGapDb = 1.8;

    /// DVB-S2 + DVB-S2X normal-frame MODCODs with their ideal Es/N0 (copy of a cached table).
    static const ModulationTable& DvbS2x();

    /// NR CQI table 2 (64QAM, `table256` false) or table 3 (256QAM) with thresholds
    /// 10 log10(2^eff - 1) + gapDb.
    static ModulationTable NrCqi(bool table256, double gapDb = kNrCqiDefaultGapDb);

    /// Shannon: eff = min(cap, log2(1 + 10^((C/N - gap) / 10))).
    static ModulationTable Shannon(double gapDb, double capBpsHz);

    /// The table of a kind; gapDb and capBpsHz apply to Shannon (both) and NR CQI (gap only;
    /// NaN = the default gap).
    static ModulationTable FromKind(ModulationKind kind, double gapDb, double capBpsHz);

    /// Spectral efficiency at `cnDb`: the best entry whose threshold is <= cnDb, or 0 when below
    /// every threshold. `index` (optional) receives the position in Ladder() or -1.
    double Efficiency(double cnDb, int* index = nullptr) const;

    /// Every row in file order.
    const std::vector<ModulationEntry>& Entries() const
    {
        return m_entries;
    }

    /// The rows a receiver would pick: sorted by threshold, each strictly more efficient than
    /// every row with a lower threshold (dominated rows dropped).
    const std::vector<ModulationEntry>& Ladder() const
    {
        return m_ladder;
    }

    bool IsShannon() const
    {
        return m_shannon;
    }

    /// The lowest C/N giving a non-zero efficiency (-inf for Shannon).
    double MinThresholdDb() const;

  private:
    ModulationTable() = default;
    void BuildLadder();

    bool m_shannon = false;
    double m_gapDb = 0.0;
    double m_capBpsHz = 0.0;
    std::vector<ModulationEntry> m_entries;
    std::vector<ModulationEntry> m_ladder;
    std::vector<double> m_thresholds; ///< ladder thresholds, for the binary search
    std::vector<double> m_efficiencies;
};

} // namespace sagin

#endif
