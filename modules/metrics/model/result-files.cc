#include "metrics/model/result-files.h"

#include "core/model/atomic-file.h"
#include "core/model/text-format.h"

#include <google/protobuf/descriptor.h>

#include <ns3/version-defines.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "git-commit.h"
#ifndef SAGIN_VERSION
#define SAGIN_VERSION "0.0.0"
#endif

namespace sagin
{

namespace gp = google::protobuf;

namespace
{

void
Indent(std::string& out, int level)
{
    out.append(static_cast<size_t>(2 * level), ' ');
}

void WriteMessage(std::string& out, const gp::Message& m, int level);

/// A JSON number, or null for a non-finite value (JSON has no NaN or infinity).
std::string
JsonNumber(double v)
{
    return std::isfinite(v) ? Exact(v) : "null";
}

void
WriteValue(std::string& out, const gp::Message& m, const gp::FieldDescriptor* f, int index, int level)
{
    const gp::Reflection* r = m.GetReflection();
    const bool rep = index >= 0;
    switch (f->cpp_type())
    {
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
        out += JsonNumber(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
        out += JsonNumber(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_INT32:
        out += std::to_string(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_INT64:
        out += std::to_string(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_UINT32:
        out += std::to_string(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        out += std::to_string(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        out += (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false";
        break;
    case gp::FieldDescriptor::CPPTYPE_ENUM:
        out += JsonString((rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name());
        break;
    case gp::FieldDescriptor::CPPTYPE_STRING:
        out += JsonString(rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        WriteMessage(out, rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f), level);
        break;
    }
}

void
WriteMessage(std::string& out, const gp::Message& m, int level)
{
    const gp::Descriptor* d = m.GetDescriptor();
    out += "{";
    for (int i = 0; i < d->field_count(); ++i)
    {
        const gp::FieldDescriptor* f = d->field(i);
        out += i ? ",\n" : "\n";
        Indent(out, level + 1);
        out += JsonString(f->name()) + ": ";
        if (f->is_repeated())
        {
            const int n = m.GetReflection()->FieldSize(m, f);
            out += "[";
            for (int k = 0; k < n; ++k)
            {
                out += k ? ", " : "";
                WriteValue(out, m, f, k, level + 1);
            }
            out += "]";
        }
        else if (f->has_presence() && f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE
                 && !m.GetReflection()->HasField(m, f))
        {
            out += "null"; // an optional statistic without samples
        }
        else
        {
            WriteValue(out, m, f, -1, level + 1);
        }
    }
    out += "\n";
    Indent(out, level);
    out += "}";
}

} // namespace

std::string
ToJson(const gp::Message& message)
{
    std::string out;
    WriteMessage(out, message, 0);
    out += "\n";
    return out;
}

std::string
SaginVersion()
{
    return SAGIN_VERSION;
}

std::string
GitCommit()
{
    return SAGIN_GIT_COMMIT;
}

std::string
Ns3Version()
{
    // Debian's NS3_VERSION_TAG is a placeholder; the numeric macros are right.
    return std::to_string(NS3_VERSION_MAJOR) + "." + std::to_string(NS3_VERSION_MINOR) + "." +
           std::to_string(NS3_VERSION_PATCH);
}

std::string
HostName()
{
    char buf[256] = {0};
    if (::gethostname(buf, sizeof buf - 1) != 0)
    {
        return "unknown";
    }
    return buf;
}

void
FillBuildProvenance(v1::Provenance& p)
{
    p.set_sagin_version(SaginVersion());
    p.set_git_commit(GitCommit());
    p.set_ns3_version(Ns3Version());
    p.set_host(HostName());
}

RunDirectory::RunDirectory(std::string finalPath)
    : m_final(std::move(finalPath))
{
    while (m_final.size() > 1 && m_final.back() == '/')
    {
        m_final.pop_back();
    }
    m_tmp = TemporaryPathFor(m_final);
    std::error_code ec;
    std::filesystem::remove_all(m_tmp, ec);
    RegisterTemporary(m_tmp); // removed on SIGINT/SIGTERM (atomic-file.h)
    std::filesystem::create_directories(m_tmp, ec);
    if (ec)
    {
        UnregisterTemporary(m_tmp);
        throw std::runtime_error("cannot create " + m_tmp + ": " + ec.message());
    }
}

RunDirectory::~RunDirectory()
{
    if (!m_committed)
    {
        std::error_code ec;
        std::filesystem::remove_all(m_tmp, ec);
        UnregisterTemporary(m_tmp);
    }
}

std::string
RunDirectory::File(const std::string& name) const
{
    return m_tmp + "/" + name;
}

void
RunDirectory::Commit()
{
    ReplaceDirectory(m_tmp, m_final);
    UnregisterTemporary(m_tmp);
    m_committed = true;
}

void
WriteResultFiles(const std::string& directory, const v1::RunResult& result)
{
    std::string binary;
    if (!result.SerializeToString(&binary))
    {
        throw std::runtime_error("cannot serialise the run result");
    }
    WriteFileAtomically(directory + "/result.binpb", binary);
    WriteFileAtomically(directory + "/summary.json", ToJson(result));
}

void
WriteStandardOrder(const std::string& folder, const std::vector<std::string>& standards)
{
    std::string text = "# The standards of the last command that wrote this folder, in the order given.\n";
    for (const auto& s : standards)
    {
        text += s + "\n";
    }
    WriteFileAtomically(folder + "/" + kStandardOrderFile, text);
}

} // namespace sagin
