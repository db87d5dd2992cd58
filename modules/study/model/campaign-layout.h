// The folders of a campaign, which are the truth about it (campaign.sqlite is an index rebuilt
// from them):
//   DIR/runs/<run id>/     a finished run: its result files and point.txtpb (sagin.v1.StudyRun)
//   DIR/failed/<run id>/   a failed run: point.txtpb (with the error) and stderr.txt
//   DIR/.staging/          runs being written, named <run id>.<host>.<pid>; a folder moves from
//                          here into runs/ or failed/ with one rename, complete
//   DIR/campaign.sqlite    the index
#ifndef SAGIN_STUDY_CAMPAIGN_LAYOUT_H
#define SAGIN_STUDY_CAMPAIGN_LAYOUT_H

#include "sagin/v1/study.pb.h"

#include <filesystem>
#include <string>
#include <vector>

namespace sagin
{

class CampaignLayout
{
  public:
    explicit CampaignLayout(std::string directory);

    const std::string& Directory() const
    {
        return m_dir;
    }

    std::string RunDir(const std::string& runId) const;
    std::string FailedDir(const std::string& runId) const;
    std::string DatabasePath() const;

    /// Creates runs/, failed/ and .staging/ (throws std::runtime_error when it cannot).
    void Create() const;

    /// True when runs/<id>/ holds a finished run.
    bool IsDone(const std::string& runId) const;
    /// Checks a finished run's folder (point.txtpb and result.binpb readable and of this run, as
    /// they may not be after a power loss: workers do not sync each file); removes a broken one.
    /// Returns false when it removed it.
    bool CheckDone(const std::string& runId) const;
    /// True when failed/<id>/ records a failure.
    bool IsFailed(const std::string& runId) const;

    /// A fresh staging path for a run written by this process: .staging/<id>.<host>.<pid>.
    std::string StagingPath(const std::string& runId) const;

    /// Removes staging entries (and the temporary folders RunDirectory leaves in them) of
    /// processes of this host that no longer exist; entries of other hosts are left alone.
    /// Returns how many it removed.
    int CleanStaging() const;

    /// Moves a finished run folder (in staging) into runs/<id>/ after writing point.txtpb into
    /// it, and removes a failure record of the same run. When runs/<id>/ exists already (the same
    /// run finished elsewhere), the staged copy is dropped.
    void Publish(const std::string& stagedFolder, const v1::StudyRun& record) const;

    /// Writes failed/<id>/ (point.txtpb with the error, stderr.txt), replacing an older record.
    void RecordFailure(const v1::StudyRun& record, const std::string& stderrText) const;

    /// Reads a point.txtpb. Throws InputError when it cannot.
    static v1::StudyRun ReadRecord(const std::string& path);
    /// point.txtpb text of a record.
    static std::string RecordText(const v1::StudyRun& record);

    /// Run ids of the folders in runs/ (and in failed/).
    std::vector<std::string> DoneIds() const;
    std::vector<std::string> FailedIds() const;

  private:
    std::string m_dir;
};

/// Host name as used in staging names (dots replaced by '-').
std::string StagingHost();

/// True when folder `dir` holds an entry named `file` (false when it cannot be checked).
bool FolderHas(const std::filesystem::path& dir, const char* file);

/// Copies a folder tree (files and subfolders).
void CopyTree(const std::string& from, const std::string& to);

/// Holds the campaign folder's `.sweep.lock` (flock, released when the object or the process
/// goes), so that one sweep (or merge) writes a campaign at a time. Throws std::runtime_error
/// naming the folder when another process holds it.
class CampaignLock
{
  public:
    explicit CampaignLock(const std::string& dir);
    ~CampaignLock();
    CampaignLock(const CampaignLock&) = delete;
    CampaignLock& operator=(const CampaignLock&) = delete;

  private:
    int m_fd = -1;
};

} // namespace sagin

#endif
