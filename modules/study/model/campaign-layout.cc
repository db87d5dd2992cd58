#include "study/model/campaign-layout.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "metrics/model/result-files.h"
#include "sagin/v1/result.pb.h"
#include "scenario/model/text-input.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <google/protobuf/text_format.h>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

namespace sagin
{

namespace fs = std::filesystem;

namespace
{

bool
IsRunId(const std::string& s)
{
    return s.size() == 64
           && std::all_of(s.begin(),
                          s.end(),
                          [](char c)
                          {
                              return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                          });
}

std::vector<std::string>
IdsIn(const std::string& dir, const char* mustHold)
{
    std::vector<std::string> ids;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
    {
        const std::string name = e.path().filename().string();
        if (IsRunId(name) && fs::exists(e.path() / mustHold, ec))
        {
            ids.push_back(name);
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

/// True when the process exists and is not a zombie (a killed sweep's workers may stay zombies
/// when nothing reaps them).
bool
ProcessAlive(pid_t pid)
{
    if (::kill(pid, 0) != 0 && errno == ESRCH)
    {
        return false;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text))
    {
        return true; // no /proc: trust kill()
    }
    const auto paren = text.rfind(')');
    return !(paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z');
}

} // namespace

bool
FolderHas(const std::filesystem::path& dir, const char* file)
{
    std::error_code ec;
    return std::filesystem::exists(dir / file, ec);
}

std::string
StagingHost()
{
    std::string h = HostName();
    for (auto& c : h)
    {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
        {
            c = '-';
        }
    }
    return h;
}

void
CopyTree(const std::string& from, const std::string& to)
{
    std::error_code ec;
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    if (ec)
    {
        throw std::runtime_error("cannot copy " + from + " to " + to + ": " + ec.message());
    }
}

CampaignLayout::CampaignLayout(std::string directory)
    : m_dir(std::move(directory))
{
    while (m_dir.size() > 1 && m_dir.back() == '/')
    {
        m_dir.pop_back();
    }
}

std::string
CampaignLayout::RunDir(const std::string& runId) const
{
    return m_dir + "/runs/" + runId;
}

std::string
CampaignLayout::FailedDir(const std::string& runId) const
{
    return m_dir + "/failed/" + runId;
}

std::string
CampaignLayout::DatabasePath() const
{
    return m_dir + "/campaign.sqlite";
}

void
CampaignLayout::Create() const
{
    for (const char* sub : {"/runs", "/failed", "/.staging"})
    {
        std::error_code ec;
        fs::create_directories(m_dir + sub, ec);
        if (ec)
        {
            throw std::runtime_error("cannot create " + m_dir + sub + ": " + ec.message());
        }
    }
}

bool
CampaignLayout::IsDone(const std::string& runId) const
{
    std::error_code ec;
    return fs::exists(RunDir(runId) + "/point.txtpb", ec);
}

bool
CampaignLayout::CheckDone(const std::string& runId) const
{
    if (!IsDone(runId))
    {
        return true;
    }
    bool ok = false;
    try
    {
        v1::RunResult result;
        ok = result.ParseFromString(ReadFile(RunDir(runId) + "/result.binpb"))
             && result.provenance().run_id() == runId
             && ReadRecord(RunDir(runId) + "/point.txtpb").run_id() == runId
             && fs::exists(RunDir(runId) + "/summary.json");
    }
    catch (const std::exception&)
    {
        ok = false;
    }
    if (!ok)
    {
        Warn("sagin sweep",
             RunDir(runId) + " is incomplete (a power loss?): removed, the run will run again");
        std::error_code ec;
        const std::string aside = StagingPath(runId) + ".broken";
        fs::rename(RunDir(runId), aside, ec);
        fs::remove_all(ec ? RunDir(runId) : aside, ec);
    }
    return ok;
}

bool
CampaignLayout::IsFailed(const std::string& runId) const
{
    std::error_code ec;
    return fs::exists(FailedDir(runId) + "/point.txtpb", ec);
}

std::string
CampaignLayout::StagingPath(const std::string& runId) const
{
    return m_dir + "/.staging/" + runId + "." + StagingHost() + "." + std::to_string(::getpid());
}

int
CampaignLayout::CleanStaging() const
{
    int removed = 0;
    const std::string host = StagingHost();
    std::error_code ec;
    std::vector<fs::path> dead;
    for (const auto& e : fs::directory_iterator(m_dir + "/.staging", ec))
    {
        // <id>.<host>.<pid>[.tmp.<pid> | .old.<pid> | ...]
        const std::string name = e.path().filename().string();
        const auto dot1 = name.find('.');
        const auto dot2 = dot1 == std::string::npos ? dot1 : name.find('.', dot1 + 1);
        if (dot2 == std::string::npos || name.compare(dot1 + 1, dot2 - dot1 - 1, host) != 0)
        {
            continue;
        }
        const long pid = std::strtol(name.c_str() + dot2 + 1, nullptr, 10);
        if (pid > 0 && ProcessAlive(static_cast<pid_t>(pid)))
        {
            continue; // still running
        }
        dead.push_back(e.path());
    }
    for (const auto& p : dead)
    {
        fs::remove_all(p, ec);
        ++removed;
    }
    return removed;
}

std::string
CampaignLayout::RecordText(const v1::StudyRun& record)
{
    std::string text;
    google::protobuf::TextFormat::PrintToString(record, &text);
    return "# proto-file: sagin/v1/study.proto\n# proto-message: sagin.v1.StudyRun\n" + text;
}

v1::StudyRun
CampaignLayout::ReadRecord(const std::string& path)
{
    return LoadTextInputAs<v1::StudyRun>(path);
}

void
CampaignLayout::Publish(const std::string& stagedFolder, const v1::StudyRun& record) const
{
    // The staged folder is not a run folder until the rename below: point.txtpb needs no
    // temporary file of its own.
    {
        std::ofstream out(stagedFolder + "/point.txtpb", std::ios::binary);
        out << RecordText(record);
        out.close();
        if (!out)
        {
            throw std::runtime_error("cannot write " + stagedFolder + "/point.txtpb");
        }
    }
    const std::string target = RunDir(record.run_id());
    std::error_code ec;
    if (fs::exists(target, ec))
    {
        fs::remove_all(stagedFolder, ec);
    }
    else
    {
        try
        {
            CommitDirectory(stagedFolder, target);
        }
        catch (const std::exception&)
        {
            // Another process published the same run between the check and the rename.
            if (!fs::exists(target, ec))
            {
                throw;
            }
            fs::remove_all(stagedFolder, ec);
        }
    }
    if (IsFailed(record.run_id()))
    {
        fs::remove_all(FailedDir(record.run_id()), ec);
    }
}

void
CampaignLayout::RecordFailure(const v1::StudyRun& record, const std::string& stderrText) const
{
    const std::string staged = StagingPath(record.run_id()) + ".failed";
    std::error_code ec;
    fs::remove_all(staged, ec);
    fs::create_directories(staged, ec);
    if (ec)
    {
        throw std::runtime_error("cannot create " + staged + ": " + ec.message());
    }
    WriteFileAtomically(staged + "/point.txtpb", RecordText(record));
    WriteFileAtomically(staged + "/stderr.txt", stderrText);
    const std::string target = FailedDir(record.run_id());
    if (fs::exists(target, ec))
    {
        const std::string old = StagingPath(record.run_id()) + ".old";
        fs::rename(target, old, ec);
        CommitDirectory(staged, target);
        fs::remove_all(old, ec);
    }
    else
    {
        CommitDirectory(staged, target);
    }
}

std::vector<std::string>
CampaignLayout::DoneIds() const
{
    return IdsIn(m_dir + "/runs", "point.txtpb");
}

std::vector<std::string>
CampaignLayout::FailedIds() const
{
    return IdsIn(m_dir + "/failed", "point.txtpb");
}

CampaignLock::CampaignLock(const std::string& dir)
{
    const std::string path = dir + "/.sweep.lock";
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    // The workers of a sweep that was just killed share its lock until they are gone: they get
    // SIGTERM when their sweep dies and remove their temporaries first (process-pool.h). Wait up
    // to 5 s for them before calling the campaign busy.
    bool locked = m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
    for (int i = 0; m_fd >= 0 && !locked && i < 250; ++i)
    {
        ::usleep(20000);
        locked = ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
    }
    if (!locked)
    {
        if (m_fd >= 0)
        {
            ::close(m_fd);
        }
        throw std::runtime_error("another sweep is writing " + dir + " (" + path + " is locked)");
    }
}

CampaignLock::~CampaignLock()
{
    ::close(m_fd);
}

} // namespace sagin
