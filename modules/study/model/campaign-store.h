// The campaign index, DIR/campaign.sqlite: one row per run of the study (table `runs`), for
// sqlite3, pandas or R. It is rebuilt from the run folders at the start of every sweep and
// updated in one transaction per finished run (WAL journal), so a killed sweep leaves it
// consistent, and the folders stay the truth.
//
// Tables:
//   runs(run_id, task, kind, standard, seed, <one column per axis>, status, <headline metrics>,
//        wall_time_s, exit_status, error, stderr, directory)
//     status: done | failed | pending; metrics are NULL unless done; directory is relative to
//     the campaign (runs/<id> or failed/<id>).
//   axes(position, name, path, standard)   standard: "" for scenario axes, "*" or a name
//   study(key, value)                      name, file, scenario, kind
#ifndef SAGIN_STUDY_CAMPAIGN_STORE_H
#define SAGIN_STUDY_CAMPAIGN_STORE_H

#include "sagin/v1/result.pb.h"
#include "study/model/campaign-layout.h"
#include "study/model/study-plan.h"

#include <chrono>
#include <iosfwd>
#include <string>

struct sqlite3;

namespace sagin
{

class CampaignStore
{
  public:
    /// Opens (creating it when needed) the index of `layout`'s campaign.
    explicit CampaignStore(const CampaignLayout& layout);
    ~CampaignStore();
    CampaignStore(const CampaignStore&) = delete;
    CampaignStore& operator=(const CampaignStore&) = delete;

    /// Replaces every table with the state of the folders for the runs of `plan`, in one
    /// transaction. Returns the number of runs done and failed.
    std::pair<size_t, size_t> Rebuild(const StudyPlan& plan);

    /// Updates the row of run `task` of `plan` from its folders (done, failed or pending);
    /// `result`: the run's result when the caller has read it already. Updates are committed
    /// together at most every half second (and by Flush()): a killed sweep loses at most that
    /// much of the index, which the next sweep rebuilds from the folders anyway.
    void Refresh(const StudyPlan& plan, size_t task, const v1::RunResult* result = nullptr);

    /// Commits the pending updates.
    void Flush();

    /// Writes the runs table as CSV (header, rows in task order; NULL as an empty field).
    void ExportCsv(std::ostream& out);

  private:
    void Exec(const std::string& sql);
    void InsertRow(const StudyPlan& plan, size_t task, const v1::RunResult* result = nullptr);

    const CampaignLayout& m_layout;
    sqlite3* m_db = nullptr;
    bool m_open = false; ///< a transaction of updates is open
    std::chrono::steady_clock::time_point m_opened;
};

} // namespace sagin

#endif
