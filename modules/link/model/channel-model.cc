#include "link/model/channel-model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace sagin
{

bool
ChannelModelInfo::TakesEnvironment(Environment e) const
{
    return std::find(environments.begin(), environments.end(), e) != environments.end();
}

std::string
ChannelModelInfo::EnvironmentNames() const
{
    if (environments.empty())
    {
        return "none";
    }
    std::string s;
    for (Environment e : environments)
    {
        s += (s.empty() ? "" : ", ") + std::string(EnvironmentName(e));
    }
    return s;
}

std::string
ChannelModelInfo::CheckFrequency(double frequencyHz) const
{
    const ChannelValidity& v = validity;
    if ((std::isnan(v.minFrequencyHz) || frequencyHz >= v.minFrequencyHz)
        && (std::isnan(v.maxFrequencyHz) || frequencyHz <= v.maxFrequencyHz))
    {
        return "";
    }
    std::ostringstream os;
    os << "frequency " << frequencyHz / 1e9 << " GHz is outside the validity of channel model "
       << name << " [" << v.minFrequencyHz / 1e9 << ", " << v.maxFrequencyHz / 1e9 << "] GHz";
    return os.str();
}

ChannelModelRegistry&
ChannelModelRegistry::Instance()
{
    static ChannelModelRegistry* registry = []() {
        auto* r = new ChannelModelRegistry();
        RegisterBuiltinChannelModels(*r);
        return r;
    }();
    return *registry;
}

void
ChannelModelRegistry::Register(ChannelModelInfo info)
{
    for (const ChannelModelInfo& m : m_models)
    {
        if (m.id == info.id || m.name == info.name
            || (!info.schemaName.empty() && m.schemaName == info.schemaName))
        {
            throw std::logic_error("channel model '" + info.name + "' is registered twice");
        }
    }
    m_models.push_back(std::move(info));
}

const ChannelModelInfo*
ChannelModelRegistry::Find(ChannelModel id) const
{
    for (const ChannelModelInfo& m : m_models)
    {
        if (m.id == id)
        {
            return &m;
        }
    }
    return nullptr;
}

const ChannelModelInfo*
ChannelModelRegistry::FindByName(const std::string& name) const
{
    for (const ChannelModelInfo& m : m_models)
    {
        if (m.name == name)
        {
            return &m;
        }
    }
    return nullptr;
}

const ChannelModelInfo*
ChannelModelRegistry::FindBySchemaName(const std::string& schemaName) const
{
    for (const ChannelModelInfo& m : m_models)
    {
        if (!m.schemaName.empty() && m.schemaName == schemaName)
        {
            return &m;
        }
    }
    return nullptr;
}

std::string
ChannelModelRegistry::Names() const
{
    std::string s;
    for (const ChannelModelInfo& m : m_models)
    {
        s += (s.empty() ? "" : ", ") + m.name;
    }
    return s;
}

std::string
ChannelModelRegistry::SchemaNames() const
{
    std::string s;
    for (const ChannelModelInfo& m : m_models)
    {
        if (!m.schemaName.empty())
        {
            s += (s.empty() ? "" : ", ") + m.schemaName;
        }
    }
    return s;
}

bool
EnvironmentFromSchemaName(const std::string& name, Environment& out)
{
    // DENSE_URBAN -> dense-urban: the schema spells the command-line names in upper snake case.
    std::string cli = name;
    for (char& c : cli)
    {
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return ParseEnvironment(cli, out);
}

} // namespace sagin
