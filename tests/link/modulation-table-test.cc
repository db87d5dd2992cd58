// Modulation tables against the published values of ETSI EN 302 307-1 Table 13, EN 302 307-2
// Table 20a and 3GPP TS 38.214 Tables 5.2.2.1-2 / -3 (typed here from the standards).
#include "link/model/modulation-table.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>

namespace sagin
{
namespace
{

const ModulationEntry*
Find(const ModulationTable& t, const std::string& name)
{
    for (const auto& e : t.Entries())
    {
        if (e.name == name)
        {
            return &e;
        }
    }
    return nullptr;
}

TEST(ModulationTable, DvbS2xSpotChecks)
{
    const ModulationTable& t = ModulationTable::DvbS2x();
    EXPECT_EQ(t.Entries().size(), 28u + 39u); // 28 DVB-S2 + 39 DVB-S2X normal-frame MODCODs
    struct Row
    {
        const char* name;
        double esn0;
        double eff;
    };
    const Row rows[] = {
        // EN 302 307-1 Table 13
        {"QPSK 1/4", -2.35, 0.490243},
        {"QPSK 1/2", 1.00, 0.988858},
        {"8PSK 3/4", 7.91, 2.228124},
        {"16APSK 5/6", 11.61, 3.300184},
        {"32APSK 9/10", 16.05, 4.453027},
        // EN 302 307-2 Table 20a
        {"QPSK 2/9", -2.85, 0.434841},
        {"QPSK 11/20", 1.45, 1.088581},
        {"8APSK 5/9-L", 4.73, 1.647211},
        {"16APSK 3/5-L", 7.41, 2.370043},
        {"64APSK 5/6", 16.55, 4.936639},
        {"128APSK 7/9", 18.53, 5.355556},
        {"256APSK 3/4", 19.57, 5.900855},
    };
    for (const auto& r : rows)
    {
        const ModulationEntry* e = Find(t, r.name);
        ASSERT_NE(e, nullptr) << r.name;
        EXPECT_DOUBLE_EQ(e->thresholdDb, r.esn0) << r.name;
        EXPECT_DOUBLE_EQ(e->efficiency, r.eff) << r.name;
    }
    // Efficiency = (K_bch - 80) / (64800 / log2 M + 90): 64APSK 5/6 has K_bch = 53840 ->
    // 53760 / 10890 = 4.936639 (a typo 4.933701 circulates in public copies).
    EXPECT_NEAR(Find(t, "64APSK 5/6")->efficiency, 53760.0 / 10890.0, 1e-6);
}

TEST(ModulationTable, LadderIsMonotone)
{
    const ModulationTable nr2 = ModulationTable::NrCqi(false);
    const ModulationTable nr3 = ModulationTable::NrCqi(true);
    for (const ModulationTable* t : {&ModulationTable::DvbS2x(), &nr2, &nr3})
    {
        const auto& l = t->Ladder();
        ASSERT_GT(l.size(), 10u);
        for (std::size_t i = 1; i < l.size(); ++i)
        {
            EXPECT_GT(l[i].thresholdDb, l[i - 1].thresholdDb) << l[i].name;
            EXPECT_GT(l[i].efficiency, l[i - 1].efficiency) << l[i].name;
        }
    }
    // The NR tables are monotone as published: nothing is dropped.
    EXPECT_EQ(nr2.Ladder().size(), 15u);
    EXPECT_EQ(nr3.Ladder().size(), 15u);
}

TEST(ModulationTable, DvbS2xLookup)
{
    const ModulationTable& t = ModulationTable::DvbS2x();
    EXPECT_DOUBLE_EQ(t.Efficiency(-3.0), 0.0);       // below QPSK 2/9 (-2.85 dB)
    EXPECT_DOUBLE_EQ(t.Efficiency(-2.85), 0.434841); // QPSK 2/9
    EXPECT_DOUBLE_EQ(t.Efficiency(1.0), 0.988858);   // QPSK 1/2
    EXPECT_DOUBLE_EQ(t.Efficiency(2.8), 1.188304);   // QPSK 3/5 (2.23); QPSK 2/3 needs 3.10
    // 8PSK 3/5 (5.50 dB, 1.779991) beats QPSK 9/10 (6.42 dB, 1.788612) only above 6.42.
    EXPECT_DOUBLE_EQ(t.Efficiency(5.6), 1.779991);
    EXPECT_DOUBLE_EQ(t.Efficiency(30.0), 5.900855); // 256APSK 3/4
    EXPECT_DOUBLE_EQ(t.MinThresholdDb(), -2.85);
}

TEST(ModulationTable, NrCqiTables)
{
    // TS 38.214 Table 5.2.2.1-2: efficiency = Qm * rate / 1024 rounded to 4 decimals.
    ModulationTable t2 = ModulationTable::NrCqi(false);
    const double eff2[15] = {0.1523,
                             0.2344,
                             0.3770,
                             0.6016,
                             0.8770,
                             1.1758,
                             1.4766,
                             1.9141,
                             2.4063,
                             2.7305,
                             3.3223,
                             3.9023,
                             4.5234,
                             5.1152,
                             5.5547};
    ASSERT_EQ(t2.Entries().size(), 15u);
    for (int i = 0; i < 15; ++i)
    {
        EXPECT_DOUBLE_EQ(t2.Entries()[i].efficiency, eff2[i]) << "CQI " << i + 1;
    }
    EXPECT_NEAR(t2.Entries()[9].efficiency, 6 * 466 / 1024.0, 1e-4);
    // Table 5.2.2.1-3 (256QAM): CQI 12..15 = 256QAM 711, 797, 885, 948.
    ModulationTable t3 = ModulationTable::NrCqi(true);
    const double eff3[15] = {0.1523,
                             0.3770,
                             0.8770,
                             1.4766,
                             1.9141,
                             2.4063,
                             2.7305,
                             3.3223,
                             3.9023,
                             4.5234,
                             5.1152,
                             5.5547,
                             6.2266,
                             6.9141,
                             7.4063};
    ASSERT_EQ(t3.Entries().size(), 15u);
    for (int i = 0; i < 15; ++i)
    {
        EXPECT_DOUBLE_EQ(t3.Entries()[i].efficiency, eff3[i]) << "CQI " << i + 1;
    }
    EXPECT_NEAR(t3.Entries()[14].efficiency, 8 * 948 / 1024.0, 1e-4);
    // Derived thresholds (README): 10 log10(2^eff - 1) + 1.8 dB.
    // CQI 1: 2^0.1523 - 1 = 0.111341 -> -9.5335 + 1.8 = -7.7335 dB
    // CQI 15 (table 2): 2^5.5547 - 1 = 46.0036 -> 16.6279 + 1.8 = 18.4279 dB
    EXPECT_NEAR(t2.Entries()[0].thresholdDb, -7.7335, 1e-4);
    EXPECT_NEAR(t2.Entries()[14].thresholdDb, 18.4279, 1e-4);
    EXPECT_DOUBLE_EQ(t2.Efficiency(-8.0), 0.0);
    EXPECT_DOUBLE_EQ(t2.Efficiency(-7.73), 0.1523);
    EXPECT_DOUBLE_EQ(t2.Efficiency(40.0), 5.5547);
    // A different gap moves every threshold.
    EXPECT_NEAR(ModulationTable::NrCqi(false, 3.0).Entries()[0].thresholdDb, -6.5335, 1e-4);
}

TEST(ModulationTable, Shannon)
{
    ModulationTable s = ModulationTable::Shannon(0.0, 5.0);
    EXPECT_NEAR(s.Efficiency(0.0), 1.0, 1e-12);              // log2(1 + 1)
    EXPECT_NEAR(s.Efficiency(10.0), std::log2(11.0), 1e-12); // 3.459432
    EXPECT_NEAR(s.Efficiency(30.0), 5.0, 1e-12);             // capped
    ModulationTable g = ModulationTable::Shannon(3.0, 0.0);  // no cap
    EXPECT_NEAR(g.Efficiency(13.0), std::log2(11.0), 1e-12); // gap 3 dB
    EXPECT_NEAR(g.Efficiency(63.0), std::log2(1.0 + 1e6), 1e-9);
}

} // namespace
} // namespace sagin
