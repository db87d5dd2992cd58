// The channel-model registry: every registered model through LinkBudget at one documented
// point, the schema enums one to one, validity ranges and the unspecified-enum errors.
#include "core/model/constants.h"
#include "link/model/channel-model.h"
#include "link/model/link-budget.h"
#include "scenario/model/validate-standard.h"

#include "sagin/v1/standard.pb.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

namespace sagin
{
namespace
{

LinkBudgetResult
Loss(ChannelModel model, double frequencyHz, const LinkGeometry& g, LinkCondition c,
     Environment e = Environment::kSuburban)
{
    LinkBudgetParameters p;
    p.model = model;
    p.environment = e;
    p.frequencyHz = frequencyHz;
    return LinkBudget(p).Evaluate(g, c);
}

LinkGeometry
HeightGround(double heightM, double groundM)
{
    LinkGeometry g;
    g.aerialHeightM = heightM;
    g.groundDistanceM = groundM;
    return g;
}

TEST(ChannelModelRegistry, EveryModelAtOneDocumentedPoint)
{
    // free-space, 2 GHz, 1000 km, ITU-R P.525 with f in GHz and d in m:
    // 32.45 + 20 log10 2 + 20 log10 1e6 = 32.45 + 6.0206 + 120 = 158.4706 dB
    // (the exact 20 log10(4 pi d f / c) = 158.4684 dB; P.525's 32.45 is 32.4478 rounded).
    LinkGeometry far;
    far.distanceM = 1e6;
    far.elevationDeg = 45.0;
    EXPECT_NEAR(Loss(ChannelModel::kFreeSpace, 2e9, far, LinkCondition::kMean).pathLossDb,
                158.4706, 1e-4);

    // ntn: TR 38.821 S-band LEO-600 at 30 deg (link-budget-test): d = 1075.0880 km, FSPL
    // 159.0995 dB, gas 0, scintillation 2.2 dB, LOS clutter 0 -> 161.2995 dB.
    LinkGeometry leo;
    leo.distanceM = 1075088.0;
    leo.elevationDeg = 30.0;
    EXPECT_NEAR(Loss(ChannelModel::kNtn, 2e9, leo, LinkCondition::kLos).pathLossDb, 161.2995, 1e-3);

    // a2g-al-hourani: urban, 2 GHz, h = 100 m, r = 100 m (aerial-path-loss-test): FSPL 81.4787
    // dB + LOS excess 1.0 dB = 82.4787 dB.
    EXPECT_NEAR(Loss(ChannelModel::kAlHourani, 2e9, HeightGround(100, 100), LinkCondition::kLos,
                     Environment::kUrban)
                    .pathLossDb,
                82.4787, 1e-4);

    // uma-av / umi-av / rma-av: TR 36.777 Table B-2 closed forms of aerial-path-loss-test
    // (default BS heights 25, 10, 35 m): UMa-AV hUT 100, d2D 1000, 2 GHz LOS 100.0474 dB;
    // UMi-AV hUT 50, d2D 500, 3.5 GHz NLOS 125.0693 dB; RMa-AV hUT 120, d2D 3000, 0.8 GHz NLOS
    // 101.8903 dB.
    EXPECT_NEAR(Loss(ChannelModel::kUmaAv, 2e9, HeightGround(100, 1000), LinkCondition::kLos).pathLossDb,
                100.0474, 1e-4);
    EXPECT_NEAR(Loss(ChannelModel::kUmiAv, 3.5e9, HeightGround(50, 500), LinkCondition::kNlos).pathLossDb,
                125.0693, 1e-4);
    EXPECT_NEAR(Loss(ChannelModel::kRmaAv, 0.8e9, HeightGround(120, 3000), LinkCondition::kNlos).pathLossDb,
                101.8903, 1e-4);

    // uma (38.901 Table 7.4.1-1, LOS, d2D < d'BP = 4 (25-1)(1.5-1) 2e9/3e8 = 320 m): hBS 25,
    // hUT 1.5, d2D 100, 2 GHz: d3D = sqrt(100^2 + 23.5^2) = 102.7242;
    // PL1 = 28 + 22 log10 d3D + 20 log10 2 = 78.2774 dB.
    EXPECT_NEAR(Loss(ChannelModel::kUma, 2e9, HeightGround(1.5, 100), LinkCondition::kLos).pathLossDb,
                78.2774, 1e-4);
    // umi (street canyon, LOS, d'BP = 4 (10-1)(0.5) 2e9/3e8 = 240 m): hBS 10, d3D = sqrt(100^2 +
    // 8.5^2) = 100.3606; PL1 = 32.4 + 21 log10 d3D + 20 log10 2 = 80.4534 dB.
    EXPECT_NEAR(Loss(ChannelModel::kUmi, 2e9, HeightGround(1.5, 100), LinkCondition::kLos).pathLossDb,
                80.4534, 1e-4);
    // rma (LOS, d_BP = 2 pi 35 1.5 2e9 / c = 2200.6 m, h = 5 m, W = 20 m): hBS 35, hUT 1.5, d2D
    // 1000, d3D = 1000.5610: PL1 = 20 log10(40 pi d3D 2 / 3) + min(0.03 h^1.72, 10) log10 d3D
    // - min(0.044 h^1.72, 14.77) + 0.002 log10(h) d3D = 100.5989 dB.
    EXPECT_NEAR(Loss(ChannelModel::kRma, 2e9, HeightGround(1.5, 1000), LinkCondition::kLos).pathLossDb,
                100.5989, 1e-4);
}

TEST(ChannelModelRegistry, SchemaEnumValuesMapOneToOne)
{
    // Each standard.proto value and the model its comment names.
    const std::map<v1::Channel::Model, std::string> expected = {
        {v1::Channel::FREE_SPACE, "free-space"},
        {v1::Channel::NTN, "ntn"},
        {v1::Channel::AL_HOURANI, "a2g-al-hourani"},
        {v1::Channel::UMA_AV, "uma-av"},
        {v1::Channel::UMI_AV, "umi-av"},
        {v1::Channel::RMA_AV, "rma-av"},
        {v1::Channel::UMA, "uma"},
        {v1::Channel::UMI, "umi"},
        {v1::Channel::RMA, "rma"},
    };
    const auto* d = v1::Channel::Model_descriptor();
    int named = 0;
    for (int i = 0; i < d->value_count(); ++i)
    {
        const auto value = static_cast<v1::Channel::Model>(d->value(i)->number());
        if (value == v1::Channel::CHANNEL_MODEL_UNSPECIFIED)
        {
            EXPECT_EQ(ChannelModelRegistry::Instance().FindBySchemaName(d->value(i)->name()), nullptr);
            continue;
        }
        const ChannelModelInfo* m = ChannelModelRegistry::Instance().FindBySchemaName(d->value(i)->name());
        ASSERT_NE(m, nullptr) << d->value(i)->name();
        ASSERT_EQ(expected.count(value), 1U) << d->value(i)->name();
        EXPECT_EQ(m->name, expected.at(value));
        ++named;
    }
    EXPECT_EQ(named, static_cast<int>(expected.size()));
    // Every registered model a standard can name has a schema value.
    for (const ChannelModelInfo& m : ChannelModelRegistry::Instance().All())
    {
        v1::Channel::Model value;
        EXPECT_EQ(m.schemaName.empty() || v1::Channel::Model_Parse(m.schemaName, &value), true)
            << m.name;
    }
    // The terrestrial values are not the aerial ones.
    EXPECT_EQ(ChannelModelRegistry::Instance().FindBySchemaName("UMA")->id, ChannelModel::kUma);
    EXPECT_EQ(ChannelModelRegistry::Instance().FindBySchemaName("UMA_AV")->id, ChannelModel::kUmaAv);

    const auto* e = v1::Channel::Environment_descriptor();
    for (int i = 1; i < e->value_count(); ++i)
    {
        Environment env;
        EXPECT_TRUE(EnvironmentFromSchemaName(e->value(i)->name(), env)) << e->value(i)->name();
    }
    Environment env;
    EXPECT_FALSE(EnvironmentFromSchemaName("ENVIRONMENT_UNSPECIFIED", env));
}

TEST(ChannelModelRegistry, ValidityRanges)
{
    const ChannelModelRegistry& r = ChannelModelRegistry::Instance();
    EXPECT_EQ(r.FindByName("uma-av")->CheckFrequency(6e9), "");
    EXPECT_NE(r.FindByName("uma-av")->CheckFrequency(6.1e9).find("[0.5, 6] GHz"), std::string::npos);
    EXPECT_EQ(r.FindByName("uma")->CheckFrequency(28e9), "");
    EXPECT_NE(r.FindByName("rma")->CheckFrequency(31e9), "");
    LinkBudgetParameters p;
    p.model = ChannelModel::kAlHourani;
    p.frequencyHz = 28e9;
    EXPECT_THROW(LinkBudget{p}, std::invalid_argument);
    p.model = ChannelModel::kNtn;
    p.frequencyHz = 2e9;
    p.environment = Environment::kHighRiseUrban;
    EXPECT_THROW(LinkBudget{p}, std::invalid_argument);
    ChannelModelRegistry& w = ChannelModelRegistry::Instance();
    ChannelModelInfo twice = *w.FindByName("ntn");
    EXPECT_THROW(w.Register(twice), std::logic_error);
}

std::string
Messages(const ErrorList& errors)
{
    std::string s;
    for (const FieldError& e : errors.Errors())
    {
        s += e.path + ": " + e.message + "\n";
    }
    return s;
}

TEST(ChannelModelRegistry, StandardValidationNamesFieldAndValidNames)
{
    v1::Standard s;
    s.set_name("t");
    v1::LinkParameters* l = s.mutable_links()->mutable_service_space();
    l->set_frequency_ghz(2);
    l->set_bandwidth_mhz(20);
    l->set_modulation(v1::Modulation::NR_CQI);
    l->mutable_forward()->set_eirp_dbw_per_mhz(34);
    l->mutable_forward()->set_gt_dbk(-31);
    l->set_channel(v1::Channel::NTN); // environment left unspecified
    std::string m = Messages(ValidateStandard(s));
    EXPECT_NE(m.find("links.service_space.environment: must be set for channel NTN, one of "
                     "DENSE_URBAN, URBAN, SUBURBAN, RURAL"),
              std::string::npos)
        << m;
    l->set_environment(v1::Channel::HIGH_RISE_URBAN);
    m = Messages(ValidateStandard(s));
    EXPECT_NE(m.find("links.service_space.environment: channel NTN does not take HIGH_RISE_URBAN"),
              std::string::npos)
        << m;
    l->set_channel(v1::Channel::UMA_AV); // takes no environment: HIGH_RISE_URBAN is ignored
    m = Messages(ValidateStandard(s));
    EXPECT_EQ(m.find(".environment"), std::string::npos) << m;
    l->clear_channel();
    m = Messages(ValidateStandard(s));
    EXPECT_NE(m.find("links.service_space.channel: must be set when the link has a budget"),
              std::string::npos)
        << m;
}

} // namespace
} // namespace sagin
