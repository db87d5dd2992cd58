#include "link/model/modulation-table.h"

#include "link/model/link-data.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sagin
{

const ModulationTable&
ModulationTable::DvbS2x()
{
    static const ModulationTable table = []
    {
        ModulationTable t;
        auto rows = ParseCsv(LinkData("dvb-s2x-modcods.csv"));
        for (std::size_t i = 1; i < rows.size(); ++i)
        {
            const auto& r = rows[i];
            if (r.size() < 4)
            {
                throw std::runtime_error("dvb-s2x-modcods.csv: bad row");
            }
            t.m_entries.push_back({r[0] + " " + r[1], std::stod(r[3]), std::stod(r[2])});
        }
        t.BuildLadder();
        return t;
    }();
    return table;
}

ModulationTable
ModulationTable::NrCqi(bool table256, double gapDb)
{
    static const std::vector<std::vector<std::string>> rows2
        = ParseCsv(LinkData("nr-cqi-table2.csv"));
    static const std::vector<std::vector<std::string>> rows3
        = ParseCsv(LinkData("nr-cqi-table3.csv"));
    const auto& rows = table256 ? rows3 : rows2;
    ModulationTable t;
    t.m_gapDb = gapDb;
    for (std::size_t i = 1; i < rows.size(); ++i)
    {
        const auto& r = rows[i];
        if (r.size() < 4)
        {
            throw std::runtime_error("nr-cqi table: bad row");
        }
        double eff = std::stod(r[3]);
        double threshold = 10.0 * std::log10(std::pow(2.0, eff) - 1.0) + gapDb;
        t.m_entries.push_back({"CQI " + r[0] + " " + r[1] + " " + r[2] + "/1024", threshold, eff});
    }
    t.BuildLadder();
    return t;
}

ModulationTable
ModulationTable::Shannon(double gapDb, double capBpsHz)
{
    ModulationTable t;
    t.m_shannon = true;
    t.m_gapDb = gapDb;
    t.m_capBpsHz = capBpsHz > 0.0 ? capBpsHz : std::numeric_limits<double>::infinity();
    return t;
}

ModulationTable
ModulationTable::FromKind(ModulationKind kind, double gapDb, double capBpsHz)
{
    switch (kind)
    {
    case ModulationKind::kDvbS2x:
        return DvbS2x();
    case ModulationKind::kNrCqi64:
        return NrCqi(false, std::isnan(gapDb) ? kNrCqiDefaultGapDb : gapDb);
    case ModulationKind::kNrCqi256:
        return NrCqi(true, std::isnan(gapDb) ? kNrCqiDefaultGapDb : gapDb);
    case ModulationKind::kShannon:
        break;
    }
    return Shannon(std::isnan(gapDb) ? 0.0 : gapDb, capBpsHz);
}

void
ModulationTable::BuildLadder()
{
    std::vector<ModulationEntry> sorted = m_entries;
    std::stable_sort(sorted.begin(),
                     sorted.end(),
                     [](const auto& a, const auto& b)
                     {
                         return a.thresholdDb < b.thresholdDb
                                || (a.thresholdDb == b.thresholdDb && a.efficiency > b.efficiency);
                     });
    m_ladder.clear();
    for (const auto& e : sorted)
    {
        if (m_ladder.empty() || e.efficiency > m_ladder.back().efficiency)
        {
            m_ladder.push_back(e);
        }
    }
    m_thresholds.clear();
    m_efficiencies.clear();
    for (const auto& e : m_ladder)
    {
        m_thresholds.push_back(e.thresholdDb);
        m_efficiencies.push_back(e.efficiency);
    }
}

double
ModulationTable::Efficiency(double cnDb, int* index) const
{
    if (m_shannon)
    {
        if (index)
        {
            *index = -1;
        }
        double eff = std::log2(1.0 + std::pow(10.0, (cnDb - m_gapDb) / 10.0));
        return std::min(eff, m_capBpsHz);
    }
    // Largest threshold <= cnDb.
    auto it = std::upper_bound(m_thresholds.begin(), m_thresholds.end(), cnDb);
    int i = static_cast<int>(it - m_thresholds.begin()) - 1;
    if (index)
    {
        *index = i;
    }
    return i < 0 ? 0.0 : m_efficiencies[i];
}

double
ModulationTable::MinThresholdDb() const
{
    if (m_shannon || m_thresholds.empty())
    {
        return -std::numeric_limits<double>::infinity();
    }
    return m_thresholds.front();
}

} // namespace sagin
