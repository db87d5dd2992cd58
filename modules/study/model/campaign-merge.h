// Merging run folders written elsewhere (other machines, a Slurm array, GNU parallel jobs, or
// `sagin run`) into a campaign: every folder holding a run of the study that the campaign does
// not have yet is copied into runs/ (or failed/) through staging, so that it appears complete.
#ifndef SAGIN_STUDY_CAMPAIGN_MERGE_H
#define SAGIN_STUDY_CAMPAIGN_MERGE_H

#include "study/model/campaign-layout.h"
#include "study/model/study-plan.h"

#include <string>
#include <vector>

namespace sagin
{

struct MergeReport
{
    size_t merged = 0;       ///< finished runs copied in
    size_t mergedFailed = 0; ///< failure records copied in (runs with neither result nor record)
    size_t present = 0;      ///< runs the campaign had already
    size_t foreign = 0;      ///< run folders that are not runs of this study (left alone)
    size_t unreadable = 0;   ///< folders with a result that cannot be read
    /// One line per entry of a source that was skipped (not a run folder, unreadable, not of this
    /// study): "<path>: <why>"; the caller prints them as warnings.
    std::vector<std::string> skipped;
};

/// An InputError naming every source that is not a folder (checked before the campaign folder
/// is created, so that a bad --merge leaves nothing behind).
void CheckMergeSources(const std::vector<std::string>& sources);

/// Merges the run folders found in each source: a campaign folder (runs/ and failed/ inside),
/// a folder of run folders (`sagin run --out`), or one run folder. A run is recognized by its
/// id (point.txtpb, else provenance.run_id of result.binpb). Throws InputError when a source
/// does not exist (CheckMergeSources). Anything else found in a source (files, folders without a
/// readable run, runs of other studies) is skipped and listed in MergeReport::skipped.
MergeReport MergeRuns(const StudyPlan& plan,
                      const CampaignLayout& layout,
                      const std::vector<std::string>& sources);

} // namespace sagin

#endif
