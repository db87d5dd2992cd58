#include "metrics/model/result-files.h"

#include "core/model/atomic-file.h"
#include "core/model/json-writer.h"
#include "git-commit.h"

#include <filesystem>
#include <fstream>
#include <google/protobuf/descriptor.h>
#include <ns3/version-defines.h>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#ifndef SAGIN_VERSION
#define SAGIN_VERSION "0.0.0"
#endif

namespace sagin
{

namespace gp = google::protobuf;

namespace
{

using Layout = JsonWriter::Layout;

void WriteMessage(JsonWriter& w, const gp::Message& m);

void
WriteValue(JsonWriter& w, const gp::Message& m, const gp::FieldDescriptor* f, int index)
{
    const gp::Reflection* r = m.GetReflection();
    const bool rep = index >= 0;
    switch (f->cpp_type())
    {
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
        w.Number(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
        w.Number(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_INT32:
        w.Integer(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_INT64:
        w.Integer(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_UINT32:
        w.Unsigned(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_UINT64:
        w.Unsigned(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
        w.Bool(rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_ENUM:
        w.String((rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name());
        break;
    case gp::FieldDescriptor::CPPTYPE_STRING:
        w.String(rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f));
        break;
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        WriteMessage(w, rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f));
        break;
    }
}

/// A message as an object with one field per line, in declaration order; repeated fields as
/// inline arrays; an unset optional scalar (a statistic without samples) as null.
void
WriteMessage(JsonWriter& w, const gp::Message& m)
{
    const gp::Descriptor* d = m.GetDescriptor();
    w.BeginObject(Layout::Lines);
    for (int i = 0; i < d->field_count(); ++i)
    {
        const gp::FieldDescriptor* f = d->field(i);
        w.Key(f->name());
        if (f->is_repeated())
        {
            const int n = m.GetReflection()->FieldSize(m, f);
            w.BeginArray(Layout::Inline);
            for (int k = 0; k < n; ++k)
            {
                WriteValue(w, m, f, k);
            }
            w.EndArray();
        }
        else if (f->has_presence() && f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE
                 && !m.GetReflection()->HasField(m, f))
        {
            w.Null();
        }
        else
        {
            WriteValue(w, m, f, -1);
        }
    }
    w.EndObject();
}

} // namespace

std::string
ToJson(const gp::Message& message)
{
    std::ostringstream os;
    JsonWriter w(os);
    WriteMessage(w, message);
    os << '\n';
    return os.str();
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
    return std::to_string(NS3_VERSION_MAJOR) + "." + std::to_string(NS3_VERSION_MINOR) + "."
           + std::to_string(NS3_VERSION_PATCH);
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
    std::string text
        = "# The standards of the last command that wrote this folder, in the order given.\n";
    for (const auto& s : standards)
    {
        text += s + "\n";
    }
    WriteFileAtomically(folder + "/" + kStandardOrderFile, text);
}

} // namespace sagin
