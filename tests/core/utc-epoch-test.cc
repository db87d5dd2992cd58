// UTC epochs against published Julian dates (J2000.0 = JD 2451545.0 = 2000-01-01T12:00:00 TT;
// here UTC instants are compared with their known quasi-JD) and the TAI-UTC offset of 2026.
#include "core/model/utc-epoch.h"

#include <gtest/gtest.h>

#include <stdexcept>

using sagin::UtcEpoch;

TEST(UtcEpoch, ParsesIsoToJulianDate)
{
    // 2000-01-01T12:00:00 UTC is JD 2451545.0 (as a UTC quasi-JD).
    auto e = UtcEpoch::Parse("2000-01-01T12:00:00Z");
    auto jd = e.Utc();
    EXPECT_DOUBLE_EQ(jd.jd1 + jd.jd2, 2451545.0);
    // MJD 60676 is 2025-01-01 (MJD = JD - 2400000.5).
    auto f = UtcEpoch::Parse("2025-01-01T00:00:00Z");
    EXPECT_DOUBLE_EQ(f.Utc().jd1 + f.Utc().jd2 - 2400000.5, 60676.0);
}

TEST(UtcEpoch, AcceptsFractionsSpaceAndOffsetZero)
{
    auto a = UtcEpoch::Parse("2026-03-04T05:06:07.250Z");
    auto b = UtcEpoch::Parse("2026-03-04 05:06:07.25");
    auto c = UtcEpoch::Parse("2026-03-04T05:06:07.25+00:00");
    EXPECT_NEAR(a.SecondsSince(b), 0.0, 1e-6);
    EXPECT_NEAR(a.SecondsSince(c), 0.0, 1e-6);
    EXPECT_EQ(a.Iso8601(), "2026-03-04T05:06:07.250Z");
    EXPECT_EQ(a.Iso8601(60.0), "2026-03-04T05:07:07.250Z");
}

TEST(UtcEpoch, RejectsBadText)
{
    for (const char* bad : {"2026-13-01T00:00:00Z",
                            "2026-02-30T00:00:00Z",
                            "2026-01-01",
                            "2026-01-01T25:00:00Z",
                            "2026-01-01T00:00:00+02:00",
                            "yesterday"})
    {
        EXPECT_THROW(UtcEpoch::Parse(bad), std::invalid_argument) << bad;
    }
}

TEST(UtcEpoch, TleEpochDayOfYear)
{
    // TLE epoch 00001.50000000 is 2000-01-01T12:00:00 UTC; 98 -> 1998; 56 -> 2056.
    auto e = UtcEpoch::FromTleEpoch(0, 1.5);
    EXPECT_DOUBLE_EQ(e.Utc().jd1 + e.Utc().jd2, 2451545.0);
    EXPECT_EQ(UtcEpoch::FromTleEpoch(98, 32.0).Iso8601(0, 0), "1998-02-01T00:00:00Z");
    EXPECT_EQ(UtcEpoch::FromTleEpoch(56, 1.0).Iso8601(0, 0), "2056-01-01T00:00:00Z");
    EXPECT_EQ(UtcEpoch::FromTleEpoch(57, 1.0).Iso8601(0, 0), "1957-01-01T00:00:00Z");
}

TEST(UtcEpoch, TerrestrialTimeOffset)
{
    // Since 2017-01-01, TAI - UTC = 37 s; TT - TAI = 32.184 s.
    auto e = UtcEpoch::Parse("2026-06-01T00:00:00Z");
    double ttMinusUtc = e.Tt(0.0).DaysSince(e.Utc(0.0)) * 86400.0;
    EXPECT_NEAR(ttMinusUtc, 69.184, 1e-5);
}
