// A base station's cells as a CellPayload (radio/model/sector-cells.h), on a free-space budget so
// that every expected value is a closed form written here: the received power of an omni cell,
// the three sectors' powers at a terminal on one sector's boresight (the TR 38.901 element's
// 30 dB cap for the other two), the SIR between two sites, the uplink C/N and the reach (the
// textbook 4/3-Earth radio horizon, 4.12 (sqrt(h1) + sqrt(h2)) km).
#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "link/model/link-budget.h"
#include "radio/model/sector-cells.h"

#include <cmath>
#include <gtest/gtest.h>
#include <memory>

namespace sagin
{
namespace
{

constexpr double kFrequencyHz = 2e9;
constexpr double kBandwidthHz = 20e6;
constexpr double kTxPowerDbw = 16.0; // 46 dBm
constexpr double kTxGainDbi = 15.0;

std::shared_ptr<const LinkBudget>
Forward()
{
    LinkBudgetParameters p;
    p.model = ChannelModel::kFreeSpace;
    p.frequencyHz = kFrequencyHz;
    p.bandwidthHz = kBandwidthHz;
    p.txPowerDbw = kTxPowerDbw;
    p.txGainDbi = kTxGainDbi;
    p.rxGainDbi = 0.0;
    p.noiseFigureDb = 7.0;
    return std::make_shared<const LinkBudget>(p);
}

std::shared_ptr<const LinkBudget>
Reverse()
{
    LinkBudgetParameters p;
    p.model = ChannelModel::kFreeSpace;
    p.frequencyHz = kFrequencyHz;
    p.bandwidthHz = 5e6;
    p.txPowerDbw = -7.0; // 23 dBm
    p.txGainDbi = 0.0;
    p.rxGainDbi = kTxGainDbi;
    p.noiseFigureDb = 5.0;
    return std::make_shared<const LinkBudget>(p);
}

/// Free-space loss as the FREE_SPACE channel model defines it (TR 38.811 eq. 6.6-2: 32.45 +
/// 20 log10(f / GHz) + 20 log10(d / m); 0.002 dB above 20 log10(4 pi d f / c)).
double
FsplDb(double distanceM, double frequencyHz)
{
    return 32.45 + 20.0 * std::log10(frequencyHz / 1e9) + 20.0 * std::log10(distanceM);
}

/// A point `eastM` east and `northM` north of 0 N 0 E at height `altM` (flat offsets; the test
/// takes every distance from the ECEF points themselves).
Vec3
At(double eastM, double northM, double altM)
{
    return GeodeticToEcef({northM / 110574.0, eastM / 111320.0, altM});
}

SectorCellConfig
Config(unsigned sectors, double azimuthDeg)
{
    SectorCellConfig c;
    c.sectors = sectors;
    c.azimuthDeg = azimuthDeg;
    c.antennaHeightM = 25.0;
    c.forward = Forward();
    c.reverse = Reverse();
    return c;
}

TEST(SectorCells, OmniCellReceivedPowerIsEirpLessFreeSpaceLoss)
{
    SectorCellPayload bs(Config(1, 0.0));
    bs.PlaceAt(At(0.0, 0.0, 25.0));
    const Vec3 ut = At(800.0, 300.0, 1.5);
    const double d = Distance(ut, bs.Position());
    TerminalRx rx;
    rx.gainDbi = 3.0;
    rx.noiseFigureDb = 7.0;
    const BeamPowers p = bs.Powers(ut, rx);
    ASSERT_TRUE(p.visible);
    EXPECT_EQ(p.bestBeam, 0);
    EXPECT_NEAR(
        10.0 * std::log10(p.bestW), kTxPowerDbw + kTxGainDbi - FsplDb(d, kFrequencyHz) + 3.0, 1e-9);
    // Alone, the SINR is the C/N: k T B with T = 290 K x 10^0.7 (antenna 290 K, NF 7 dB).
    const BeamSinr s = bs.Combine(p, p.perColourW, rx);
    const double noiseDbw = -228.5991672 + 10.0 * std::log10(290.0 * std::pow(10.0, 0.7))
                            + 10.0 * std::log10(kBandwidthHz);
    EXPECT_NEAR(
        s.sinrDb, kTxPowerDbw + kTxGainDbi - FsplDb(d, kFrequencyHz) + 3.0 - noiseDbw, 1e-6);
    EXPECT_TRUE(std::isinf(s.sirDb));
    EXPECT_NEAR(s.couplingLossDb, FsplDb(d, kFrequencyHz) - 3.0 - kTxGainDbi, 1e-9);
}

TEST(SectorCells, OtherSectorsOfTheSiteAre30DbDownOnABoresight)
{
    // Sectors at 90, 210 and 330 deg; the terminal due east at the antenna's height: on the
    // first sector's boresight (0 dB), 120 deg off the two others (12 (120 / 65)^2 > 30 dB: the
    // cap), so they add 2 x 10^-3 of the carrier.
    SectorCellPayload bs(Config(3, 90.0));
    bs.PlaceAt(At(0.0, 0.0, 25.0));
    // Due east along the local horizontal: the ECEF point 1 km east at the same ellipsoid
    // height is 0.08 m below the horizontal plane at 1 km (1 km^2 / 2R): 0.0045 deg, negligible
    // against the 1e-6 tolerance (12 (0.0045 / 65)^2 dB).
    const Vec3 ut = At(1000.0, 0.0, 25.0);
    const BeamPowers p = bs.Powers(ut, TerminalRx{});
    ASSERT_TRUE(p.visible);
    EXPECT_EQ(p.bestBeam, 0);
    EXPECT_NEAR(p.perColourW[0] / p.bestW, 1.0 + 2e-3, 1e-9);
    EXPECT_NEAR(bs.CellGainDbi(1, ut), kTxGainDbi - 30.0, 1e-9);
    const BeamSinr s = bs.Combine(p, p.perColourW, TerminalRx{});
    EXPECT_NEAR(s.sirDb, -10.0 * std::log10(2e-3), 1e-6);
    // 32.5 deg north of the boresight: 12 (0.5)^2 = 3 dB down.
    const double a = (90.0 - 32.5) * kDegToRad;
    EXPECT_NEAR(bs.CellGainDbi(0, At(1000.0 * std::sin(a), 1000.0 * std::cos(a), 25.0)),
                kTxGainDbi - 3.0,
                1e-4);
}

TEST(SectorCells, TwoOmniSitesSetTheSirByTheirDistances)
{
    SectorCellPayload a(Config(1, 0.0));
    SectorCellPayload b(Config(1, 0.0));
    a.PlaceAt(At(0.0, 0.0, 25.0));
    b.PlaceAt(At(3000.0, 0.0, 25.0));
    const Vec3 ut = At(2500.0, 200.0, 1.5);
    const BeamPowers pb = b.Powers(ut, TerminalRx{});
    const BeamPowers pa = a.Powers(ut, TerminalRx{}, 0, false);
    const double sum[4] = {pa.perColourW[0] + pb.perColourW[0], 0.0, 0.0, 0.0};
    const BeamSinr s = b.Combine(pb, sum, TerminalRx{});
    // Free space, equal EIRPs: C / I = (d_a / d_b)^2.
    EXPECT_NEAR(
        s.sirDb, 20.0 * std::log10(Distance(ut, a.Position()) / Distance(ut, b.Position())), 1e-9);
}

TEST(SectorCells, UplinkCarrierOverNoiseIsTheReverseBudgets)
{
    SectorCellPayload bs(Config(1, 0.0));
    bs.PlaceAt(At(0.0, 0.0, 25.0));
    const Vec3 ut = At(-600.0, 900.0, 1.5);
    BeamUplink up;
    up.terminalEirpDbw = -7.0;
    up.gtDbK = kTxGainDbi - 10.0 * std::log10(290.0 + 290.0 * (std::pow(10.0, 0.5) - 1.0));
    up.frequencyHz = kFrequencyHz;
    up.bandwidthHz = 5e6;
    const BeamSinr s = bs.UplinkSinr(0, ut, up, 0.0);
    // C/N = EIRP - FSPL + G/T - k - B.
    EXPECT_NEAR(s.sinrDb,
                -7.0 - FsplDb(Distance(ut, bs.Position()), kFrequencyHz) + up.gtDbK + 228.5991672
                    - 10.0 * std::log10(5e6),
                1e-6);
    EXPECT_NEAR(
        s.couplingLossDb, FsplDb(Distance(ut, bs.Position()), kFrequencyHz) - kTxGainDbi, 1e-9);
}

TEST(SectorCells, ReachIsTheRadioHorizon)
{
    // Textbook: d (km) = 4.12 (sqrt(h1 / m) + sqrt(h2 / m)) for a 4/3 Earth.
    EXPECT_NEAR(RadioHorizonDistanceM(25.0, 1.5) / 1e3,
                4.12 * (std::sqrt(25.0) + std::sqrt(1.5)),
                0.002 * 25.6);
    SectorCellPayload bs(Config(1, 0.0));
    bs.PlaceAt(At(0.0, 0.0, 25.0));
    const double reach = RadioHorizonDistanceM(25.0, 1.5);
    EXPECT_TRUE(bs.Reaches(At(reach * 0.99, 0.0, 1.5)));
    EXPECT_FALSE(bs.Reaches(At(reach * 1.01, 0.0, 1.5)));
    EXPECT_FALSE(bs.Powers(At(reach * 1.01, 0.0, 1.5), TerminalRx{}).visible);
    EXPECT_TRUE(bs.Powers(At(reach * 1.01, 0.0, 1.5), TerminalRx{}, 0, false).visible);
}

TEST(SectorCells, BadConfigurationsThrow)
{
    SectorCellConfig c = Config(2, 0.0);
    EXPECT_THROW(SectorCellPayload{c}, std::invalid_argument);
    c = Config(1, 0.0);
    c.forward = nullptr;
    EXPECT_THROW(SectorCellPayload{c}, std::invalid_argument);
}

} // namespace
} // namespace sagin
