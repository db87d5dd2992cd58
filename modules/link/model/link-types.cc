#include "link/model/link-types.h"

#include "link/model/channel-model.h"

namespace sagin
{

namespace
{

template <typename E, std::size_t N>
bool
Lookup(const std::string& name, const std::pair<const char*, E> (&table)[N], E& out)
{
    for (const auto& entry : table)
    {
        if (name == entry.first)
        {
            out = entry.second;
            return true;
        }
    }
    return false;
}

template <typename E, std::size_t N>
const char*
NameOf(E value, const std::pair<const char*, E> (&table)[N])
{
    for (const auto& entry : table)
    {
        if (value == entry.second)
        {
            return entry.first;
        }
    }
    return "unknown";
}

const std::pair<const char*, Environment> kEnvironments[] = {
    {"dense-urban", Environment::kDenseUrban},
    {"urban", Environment::kUrban},
    {"suburban", Environment::kSuburban},
    {"rural", Environment::kRural},
    {"high-rise-urban", Environment::kHighRiseUrban},
};

const std::pair<const char*, LinkCondition> kConditions[] = {
    {"los", LinkCondition::kLos},
    {"nlos", LinkCondition::kNlos},
    {"mean", LinkCondition::kMean},
};

const std::pair<const char*, ModulationKind> kModulations[] = {
    {"dvb-s2x", ModulationKind::kDvbS2x},
    {"nr-cqi", ModulationKind::kNrCqi64},
    {"nr-cqi-256", ModulationKind::kNrCqi256},
    {"shannon", ModulationKind::kShannon},
};

} // namespace

bool
ParseEnvironment(const std::string& name, Environment& out)
{
    return Lookup(name, kEnvironments, out);
}

const char*
EnvironmentName(Environment env)
{
    return NameOf(env, kEnvironments);
}

bool
ParseChannelModel(const std::string& name, ChannelModel& out)
{
    const ChannelModelInfo* m = ChannelModelRegistry::Instance().FindByName(name);
    if (m)
    {
        out = m->id;
    }
    return m != nullptr;
}

const char*
ChannelModelName(ChannelModel model)
{
    const ChannelModelInfo* m = ChannelModelRegistry::Instance().Find(model);
    return m ? m->name.c_str() : "unknown";
}

bool
ParseLinkCondition(const std::string& name, LinkCondition& out)
{
    return Lookup(name, kConditions, out);
}

const char*
LinkConditionName(LinkCondition condition)
{
    return NameOf(condition, kConditions);
}

bool
ParseModulationKind(const std::string& name, ModulationKind& out)
{
    return Lookup(name, kModulations, out);
}

const char*
ModulationKindName(ModulationKind kind)
{
    return NameOf(kind, kModulations);
}

} // namespace sagin
