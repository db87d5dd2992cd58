// Enumerations shared by the link models: channel model, environment, LOS condition, antenna and
// modulation-table kinds, with their command-line / schema spellings.
#ifndef SAGIN_LINK_LINK_TYPES_H
#define SAGIN_LINK_LINK_TYPES_H

#include <string>

namespace sagin
{

/// Which propagation model a link uses.
enum class ChannelModel
{
    kFreeSpace,  ///< FSPL only
    kNtn,        ///< 3GPP TR 38.811 satellite / HAPS (section 6.6)
    kAlHourani,  ///< Al-Hourani et al. 2014 low-altitude platform
    kUmaAv,      ///< 3GPP TR 36.777 Annex B, UMa-AV
    kUmiAv,      ///< 3GPP TR 36.777 Annex B, UMi-AV
    kRmaAv,      ///< 3GPP TR 36.777 Annex B, RMa-AV
    kOpticalIsl, ///< optical inter-satellite link (range and grazing-altitude limited)
    kUma,        ///< 3GPP TR 38.901 UMa terrestrial (ns-3), base station to ground terminal
    kUmi,        ///< 3GPP TR 38.901 UMi street canyon terrestrial (ns-3)
    kRma,        ///< 3GPP TR 38.901 RMa terrestrial (ns-3)
};

/// Propagation environment of the ground end.
enum class Environment
{
    kDenseUrban,
    kUrban,
    kSuburban,
    kRural,
    kHighRiseUrban, ///< Al-Hourani only
};

/// Which LOS state the path loss assumes. kMean is the expectation over the LOS probability
/// (the loss in dB averaged: FSPL + gas + scintillation + (1 - P_LOS) * clutter loss).
enum class LinkCondition
{
    kLos,
    kNlos,
    kMean,
};

/// Modulation table that maps C/N to spectral efficiency.
enum class ModulationKind
{
    kDvbS2x,   ///< ETSI EN 302 307-1 Table 13 + EN 302 307-2 Table 20a (normal frames)
    kNrCqi64,  ///< 3GPP TS 38.214 Table 5.2.2.1-2 (up to 64QAM)
    kNrCqi256, ///< 3GPP TS 38.214 Table 5.2.2.1-3 (up to 256QAM)
    kShannon,  ///< log2(1 + C/N / gap), capped
};

/// Command-line / schema spellings: "dense-urban", "urban", "suburban", "rural",
/// "high-rise-urban". Return false for an unknown name.
bool ParseEnvironment(const std::string& name, Environment& out);
const char* EnvironmentName(Environment env);

/// The names of the channel-model registry (channel-model.h): "ntn", "free-space",
/// "a2g-al-hourani", "uma-av", "umi-av", "rma-av", "uma", "umi", "rma", "isl".
bool ParseChannelModel(const std::string& name, ChannelModel& out);
const char* ChannelModelName(ChannelModel model);

/// "los", "nlos", "mean".
bool ParseLinkCondition(const std::string& name, LinkCondition& out);
const char* LinkConditionName(LinkCondition condition);

/// "dvb-s2x", "nr-cqi" (Table 2, 64QAM), "nr-cqi-256" (Table 3), "shannon".
bool ParseModulationKind(const std::string& name, ModulationKind& out);
const char* ModulationKindName(ModulationKind kind);

} // namespace sagin

#endif
