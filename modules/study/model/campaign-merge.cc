#include "study/model/campaign-merge.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "metrics/model/result-files.h"
#include "sagin/v1/result.pb.h"
#include "study/model/campaign-layout.h"

#include <filesystem>

namespace sagin
{

namespace fs = std::filesystem;

namespace
{

/// Folders that may hold a run, in name order; other entries go to `skipped`.
std::vector<fs::path>
Candidates(const fs::path& source, std::vector<std::string>& skipped)
{
    std::vector<fs::path> out;
    if (FolderHas(source, "result.binpb") || FolderHas(source, "point.txtpb"))
    {
        out.push_back(source);
        return out;
    }
    std::vector<fs::path> parents;
    if (fs::is_directory(source / "runs") || fs::is_directory(source / "failed"))
    {
        parents = {source / "runs", source / "failed"};
    }
    else
    {
        parents = {source};
    }
    for (const auto& p : parents)
    {
        std::error_code ec;
        std::vector<fs::path> children;
        for (const auto& e : fs::directory_iterator(p, ec))
        {
            const std::string name = e.path().filename().string();
            if (name.empty() || name[0] == '.' || name.find(".tmp.") != std::string::npos
                || name == kStandardOrderFile || name == "campaign.sqlite")
            {
                continue; // hidden, a temporary, or a known file of a run or campaign folder
            }
            if (e.is_directory())
            {
                children.push_back(e.path());
            }
            else
            {
                skipped.push_back(e.path().string() + ": not a run folder");
            }
        }
        std::sort(children.begin(), children.end());
        out.insert(out.end(), children.begin(), children.end());
    }
    return out;
}

} // namespace

void
CheckMergeSources(const std::vector<std::string>& sources)
{
    std::vector<std::string> missing;
    for (const auto& s : sources)
    {
        if (!fs::is_directory(s))
        {
            missing.push_back("sagin sweep: error: --merge " + s + ": no such folder");
        }
    }
    if (!missing.empty())
    {
        throw InputError(missing);
    }
}

MergeReport
MergeRuns(const StudyPlan& plan,
          const CampaignLayout& layout,
          const std::vector<std::string>& sources)
{
    CheckMergeSources(sources);
    MergeReport report;
    for (const auto& source : sources)
    {
        if (fs::equivalent(source, layout.Directory()))
        {
            continue;
        }
        const auto candidates = Candidates(source, report.skipped);
        if (candidates.empty())
        {
            report.skipped.push_back(source + ": holds no run folder");
        }
        for (const auto& dir : candidates)
        {
            const std::string where = dir.string() + ": ";
            std::string id;
            bool failure = false;
            v1::StudyRun record;
            try
            {
                if (FolderHas(dir, "point.txtpb"))
                {
                    record = CampaignLayout::ReadRecord((dir / "point.txtpb").string());
                    id = record.run_id();
                    failure = !FolderHas(dir, "result.binpb");
                }
                else
                {
                    v1::RunResult result;
                    if (!result.ParseFromString(ReadFile((dir / "result.binpb").string())))
                    {
                        ++report.unreadable;
                        report.skipped.push_back(where + "result.binpb cannot be read (corrupted)");
                        continue;
                    }
                    id = result.provenance().run_id();
                }
            }
            catch (const std::exception& e)
            {
                ++report.unreadable;
                report.skipped.push_back(where + "no readable run (" + e.what() + ")");
                continue;
            }
            const long task = plan.Find(id);
            if (task < 0)
            {
                ++report.foreign;
                report.skipped.push_back(where + "not a run of this study");
                continue;
            }
            const v1::StudyRun& planned = plan.Runs()[task].record;
            if (layout.IsDone(id))
            {
                ++report.present;
                continue;
            }
            if (failure)
            {
                if (layout.IsFailed(id))
                {
                    ++report.present;
                    continue;
                }
                v1::StudyRun r = planned;
                r.set_error(record.error());
                r.set_exit_status(record.exit_status());
                std::string err;
                try
                {
                    err = ReadFile((dir / "stderr.txt").string());
                }
                catch (const std::exception&)
                {
                }
                layout.RecordFailure(r, err);
                ++report.mergedFailed;
                continue;
            }
            if (!FolderHas(dir, "summary.json"))
            {
                ++report.unreadable;
                report.skipped.push_back(where + "incomplete run folder (no summary.json)");
                continue;
            }
            const std::string staged = layout.StagingPath(id) + ".merge";
            std::error_code ec;
            fs::remove_all(staged, ec);
            CopyTree(dir.string(), staged);
            fs::remove(fs::path(staged) / "point.txtpb", ec);
            layout.Publish(staged, planned);
            ++report.merged;
        }
    }
    return report;
}

} // namespace sagin
