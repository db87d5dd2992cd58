// `sagin sweep`: runs a study (a campaign of runs) on local worker processes, resumably, or hands
// it to a scheduler (Slurm job array, GNU parallel), merges results from elsewhere, and exports
// the campaign index.
#include "cli/commands.h"
#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"
#include "study/model/campaign-layout.h"
#include "study/model/campaign-merge.h"
#include "study/model/campaign-store.h"
#include "study/model/job-emitter.h"
#include "study/model/study-plan.h"
#include "study/model/sweep-runner.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <thread>
#include <unistd.h>

namespace sagin::cli
{

namespace
{

namespace fs = std::filesystem;

struct SweepOptions
{
    std::string study;
    int jobs = 0;
    bool dryRun = false;
    std::string out;
    long task = std::numeric_limits<long>::min(); // not given
    bool force = false;
    std::string exportFormat;
    std::vector<std::string> emit;
    std::vector<std::string> merge;
    bool noRetry = false;
};

[[noreturn]] void
Bad(const std::string& message)
{
    throw InputError("sagin sweep: error: " + message);
}

std::string
SelfExecutable()
{
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("sagin") : p.string();
}

std::string
AxisText(const v1::StudyRun& r)
{
    std::string s;
    for (const auto& a : r.axes())
    {
        s += (s.empty() ? "" : " ") + a.name() + "=" + a.value();
    }
    return s;
}

void
DryRun(const StudyPlan& plan, const CampaignLayout& layout)
{
    size_t done = 0;
    size_t failed = 0;
    std::printf(
        "%-5s %-12s %-24s %6s  %-8s %s\n", "task", "run id", "standard", "seed", "state", "axes");
    for (const auto& run : plan.Runs())
    {
        const auto& r = run.record;
        const bool isDone = layout.IsDone(r.run_id());
        const bool isFailed = !isDone && layout.IsFailed(r.run_id());
        done += isDone;
        failed += isFailed;
        std::printf("%-5u %-12s %-24s %6llu  %-8s %s\n",
                    r.task(),
                    r.run_id().substr(0, 12).c_str(),
                    r.standard().c_str(),
                    static_cast<unsigned long long>(r.seed()),
                    isDone     ? "done"
                    : isFailed ? "failed"
                               : "to run",
                    AxisText(r).c_str());
    }
    std::printf("study %s: %zu runs: %zu done, %zu failed, %zu to run; campaign %s\n",
                plan.Name().c_str(),
                plan.Runs().size(),
                done,
                failed,
                plan.Runs().size() - done,
                layout.Directory().c_str());
    std::fflush(stdout);
}

void
Sweep(const SweepOptions& o)
{
    const auto start = std::chrono::steady_clock::now();
    const int modes
        = (o.task >= 0) + !o.exportFormat.empty() + !o.emit.empty() + !o.merge.empty() + o.dryRun;
    if (modes > 1)
    {
        Bad("--task, --export, --emit, --merge and --dry-run exclude each other");
    }
    if (o.jobs < 0)
    {
        Bad("--jobs must be >= 1 (0: one per core)");
    }
    if (o.task < 0 && o.task != std::numeric_limits<long>::min())
    {
        Bad("--task must be >= 0, got " + std::to_string(o.task));
    }
    if (!o.exportFormat.empty() && o.exportFormat != "csv")
    {
        Bad("--export: the only format is csv, got '" + o.exportFormat + "'");
    }
    if (!o.emit.empty() && o.emit.size() != 2)
    {
        Bad("--emit takes a scheduler (slurm or gnu-parallel) and a folder");
    }

    // --task N: one run, in a worker of this process (a scheduler's job).
    if (o.task >= 0)
    {
        StudyPlan plan(o.study, o.task, o.force);
        CampaignLayout layout(o.out.empty() ? plan.DefaultOutputDirectory() : o.out);
        if (const std::string why = OutputFolderProblem(layout.Directory()); !why.empty())
        {
            Bad(why);
        }
        layout.Create();
        const auto& r = plan.Runs()[o.task].record;
        if (layout.IsDone(r.run_id()))
        {
            std::cerr << "sagin sweep: " << DescribeRun(r) << " is done already ("
                      << layout.RunDir(r.run_id()) << ")\n";
            return;
        }
        SweepRunner runner(plan, layout, nullptr);
        Progress::SetEnabled(false);
        SweepOutcome outcome = runner.Run({static_cast<size_t>(o.task)}, 1, true);
        if (outcome.done != 1)
        {
            throw std::runtime_error(DescribeRun(r) + " failed: see "
                                     + layout.FailedDir(r.run_id()));
        }
        std::cerr << "sagin sweep: " << DescribeRun(r) << " done: " << layout.RunDir(r.run_id())
                  << "\n";
        return;
    }

    StudyPlan plan(o.study, -1, o.force);
    CampaignLayout layout(o.out.empty() ? plan.DefaultOutputDirectory() : o.out);
    // Inputs that are valid but probably not meant, once for the study (as `sagin run` prints
    // them; each run also keeps its own in provenance.warnings).
    for (const auto& w : plan.Warnings())
    {
        std::cerr << w << "\n";
    }

    if (o.dryRun)
    {
        DryRun(plan, layout);
        return;
    }
    if (!o.emit.empty())
    {
        std::vector<size_t> tasks;
        for (size_t i = 0; i < plan.Runs().size(); ++i)
        {
            if (!layout.IsDone(plan.Runs()[i].record.run_id()))
            {
                tasks.push_back(i);
            }
        }
        if (tasks.empty())
        {
            std::cout << "all " << plan.Runs().size() << " runs of " << plan.Name()
                      << " are done in " << layout.Directory() << ": nothing to emit\n";
            return;
        }
        if (const std::string why = OutputFolderProblem(o.emit[1]); !why.empty())
        {
            Bad("--emit: " + why);
        }
        EmitOptions e;
        e.scheduler = o.emit[0];
        e.directory = o.emit[1];
        e.binary = SelfExecutable();
        e.workingDir = fs::current_path().string();
        e.studyPath = o.study;
        std::cout << EmitJobs(plan, tasks, e);
        return;
    }

    if (const std::string why = OutputFolderProblem(layout.Directory()); !why.empty())
    {
        Bad(why);
    }
    CheckMergeSources(o.merge); // before the campaign folder is created
    try
    {
        layout.Create();
    }
    catch (const std::exception& e)
    {
        Bad(e.what());
    }
    CampaignLock lock(layout.Directory());
    layout.CleanStaging();
    CampaignStore store(layout);

    if (!o.merge.empty())
    {
        MergeReport m = MergeRuns(plan, layout, o.merge);
        for (const auto& line : m.skipped)
        {
            Warn("sagin sweep: --merge", "skipped " + line);
        }
        auto [done, failed] = store.Rebuild(plan);
        std::cout << "merged " << m.merged << " runs and " << m.mergedFailed
                  << " failure records into " << layout.Directory() << " (" << m.present
                  << " present already, " << m.foreign << " not of this study, " << m.unreadable
                  << " unreadable); campaign: " << done << "/" << plan.Runs().size() << " done, "
                  << failed << " failed\n";
        return;
    }
    if (!o.exportFormat.empty())
    {
        store.Rebuild(plan);
        std::cout.flush();
        store.ExportCsv(std::cout);
        std::cout.flush();
        return;
    }

    for (const auto& run : plan.Runs())
    {
        layout.CheckDone(run.record.run_id());
    }
    auto [alreadyDone, alreadyFailed] = store.Rebuild(plan);
    std::vector<size_t> tasks;
    for (size_t i = 0; i < plan.Runs().size(); ++i)
    {
        const std::string& id = plan.Runs()[i].record.run_id();
        if (!layout.IsDone(id) && !(o.noRetry && layout.IsFailed(id)))
        {
            tasks.push_back(i);
        }
    }
    const int jobs
        = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (Progress::Enabled())
    {
        std::cerr << "study " << plan.Name() << ": " << plan.Runs().size() << " runs, "
                  << alreadyDone << " done already"
                  << (alreadyFailed ? ", " + std::to_string(alreadyFailed) + " failed before" : "")
                  << "; running " << tasks.size() << " on " << jobs << " worker"
                  << (jobs == 1 ? "" : "s") << " into " << layout.Directory() << "\n";
    }
    SweepRunner runner(plan, layout, &store);
    SweepOutcome outcome = runner.Run(tasks, jobs);
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    size_t done = 0;
    size_t failed = 0;
    std::vector<const PlannedRun*> failures;
    for (const auto& run : plan.Runs())
    {
        if (layout.IsDone(run.record.run_id()))
        {
            ++done;
        }
        else if (layout.IsFailed(run.record.run_id()))
        {
            ++failed;
            failures.push_back(&run);
        }
    }
    std::cout << "study " << plan.Name() << ": " << done << "/" << plan.Runs().size()
              << " runs done, " << failed << " failed; campaign " << layout.DatabasePath() << "\n";
    if (outcome.ran > 0)
    {
        const int used = std::min<int>(jobs, static_cast<int>(outcome.ran));
        const double overhead = 1.0 - outcome.runWall_s / (used * wall);
        std::cout << "this sweep: " << outcome.ran << (outcome.ran == 1 ? " run (" : " runs (")
                  << outcome.done << " done, " << outcome.failed << " failed) in " << Fixed(wall, 2)
                  << " s on " << used << " worker" << (used == 1 ? "" : "s") << "; runs' own time "
                  << Fixed(outcome.runWall_s, 2) << " s; overhead " << Fixed(100.0 * overhead, 1)
                  << " %\n";
    }
    std::cout.flush();
    if (!failures.empty())
    {
        size_t shown = 0;
        for (const PlannedRun* run : failures)
        {
            if (shown++ == 10)
            {
                std::cerr << "... and " << failures.size() - 10 << " more\n";
                break;
            }
            std::string error;
            try
            {
                error = CampaignLayout::ReadRecord(layout.FailedDir(run->record.run_id())
                                                   + "/point.txtpb")
                            .error();
            }
            catch (const std::exception&)
            {
            }
            std::cerr << "failed: " << DescribeRun(run->record) << ": " << error << "\n";
        }
        throw std::runtime_error(std::to_string(failures.size()) + " run"
                                 + (failures.size() == 1 ? "" : "s")
                                 + " failed (errors and stderr in " + layout.Directory()
                                 + "/failed/ and in the campaign's error and stderr columns); "
                                   "sweeping again retries them");
    }
}

} // namespace

void
AddSweepCommand(CLI::App& app)
{
    auto o = std::make_shared<SweepOptions>();
    auto* cmd = app.add_subcommand(
        "sweep",
        "Runs a study (sagin.v1.Study: base scenario, standards, axes, seeds): the cartesian "
        "product of "
        "its axes, standards and seeds, each run in DIR/runs/<run id>/ (the id is a hash of the "
        "run's "
        "resolved inputs, so sweeping again runs only what is missing), on local worker processes, "
        "indexed in DIR/campaign.sqlite (table runs). A failed run is recorded in DIR/failed/<run "
        "id>/ "
        "and does not stop the others; exit status 1 when any failed. See "
        "modules/study/README.md.");
    cmd->add_option("STUDY", o->study, "Study file (.txtpb)")->required();
    cmd->add_option("--jobs,-j", o->jobs, "Worker processes (default: one per core)");
    cmd->add_flag(
        "--dry-run", o->dryRun, "Check the study and list its runs and their state; run nothing");
    cmd->add_option(
        "--out",
        o->out,
        "Campaign folder (default: the study's output_directory, else results/studies/<name>)");
    cmd->add_option(
        "--task",
        o->task,
        "Run only task N of the study's expansion (what scheduler jobs run); does not touch "
        "campaign.sqlite: merge or sweep afterwards to index");
    cmd->add_option("--export", o->exportFormat, "Write the campaign table to stdout: csv");
    cmd->add_option(
           "--emit",
           o->emit,
           "SCHEDULER DIR: write jobs for the missing runs instead of running them: 'slurm DIR' "
           "(job-array script DIR/sweep.sbatch) or 'gnu-parallel DIR' (job list DIR/jobs.txt)")
        ->expected(2);
    cmd->add_option("--merge",
                    o->merge,
                    "Merge run folders from other machines or jobs (campaign folders, folders of "
                    "run folders, "
                    "or run folders) into the campaign")
        ->expected(1, 1000);
    cmd->add_flag("--force",
                  o->force,
                  "Expand and run a study above the run-count limit (see README: work limits)");
    cmd->add_flag("--no-retry", o->noRetry, "Do not run again the runs that failed before");
    cmd->callback(
        [o]()
        {
            Sweep(*o);
        });
}

} // namespace sagin::cli
