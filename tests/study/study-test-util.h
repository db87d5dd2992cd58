// Helpers of the study tests: a tiny scenario whose runs take tens of milliseconds, study files,
// starting `sagin` in the background, and a snapshot of a campaign for comparing two of them.
#ifndef SAGIN_TESTS_STUDY_TEST_UTIL_H
#define SAGIN_TESTS_STUDY_TEST_UTIL_H

#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace sagin::test
{

/// Writes `tiny.txtpb` (a 48-satellite Walker shell over Iberia, a gateway, a core site, two
/// terminals pinging the core for 2 s) into `dir` and returns its path.
std::string WriteTinyScenario(const std::string& dir);

/// A study over the tiny scenario with the two shipped LEO standards, an altitude axis, an
/// elevation axis (standard.*) and `seeds` seeds, writing into `out`. `extra` is appended.
std::string WriteTinyStudy(const std::string& dir,
                           const std::string& out,
                           int seeds = 2,
                           const std::string& extra = "");

/// Starts `sagin --quiet <args>` with stdout and stderr to files in `logDir`; returns its pid.
pid_t StartSagin(const std::vector<std::string>& args, const std::string& logDir);

/// Waits for a process; returns its exit status (-signal when killed).
int WaitFor(pid_t pid);

/// Everything of a campaign that must not depend on how it was produced: every file of every
/// run folder (result.binpb and summary.json without provenance.wall_time_s and .host), the
/// listings of runs/, failed/ and .staging/, and the rows of campaign.sqlite's runs table
/// without wall_time_s.
struct CampaignSnapshot
{
    std::map<std::string, std::string> files;
    std::vector<std::string> rows;
};

CampaignSnapshot Snapshot(const std::string& campaignDir);

/// Run ids in runs/ (folders whose point.txtpb exists).
std::vector<std::string> DoneRuns(const std::string& campaignDir);

/// Checks that every folder in runs/ is a complete run (all files, result readable and of that
/// id); returns the problems found.
std::vector<std::string> IncompleteRuns(const std::string& campaignDir);

/// Rows of a query on a campaign, fields joined by '|'.
std::vector<std::string> Query(const std::string& campaignDir, const std::string& sql);

} // namespace sagin::test

#endif
