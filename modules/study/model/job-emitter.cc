#include "study/model/job-emitter.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"

#include <filesystem>
#include <sstream>
#include <sys/stat.h>

namespace sagin
{

namespace fs = std::filesystem;

std::string
ShellQuote(const std::string& s)
{
    bool plain = !s.empty();
    for (char c : s)
    {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_'
              || c == '-' || c == '+' || c == ':' || c == ',' || c == '='))
        {
            plain = false;
        }
    }
    if (plain)
    {
        return s;
    }
    std::string out = "'";
    for (char c : s)
    {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

std::string
EmitJobs(const StudyPlan& plan, const std::vector<size_t>& tasks, const EmitOptions& o)
{
    if (o.scheduler != "slurm" && o.scheduler != "gnu-parallel")
    {
        throw InputError("sagin sweep: error: --emit: the scheduler is slurm or gnu-parallel, got '"
                         + o.scheduler + "'");
    }
    std::error_code ec;
    fs::create_directories(o.directory, ec);
    if (ec)
    {
        throw InputError("sagin sweep: error: --emit: cannot create " + o.directory + ": "
                         + ec.message());
    }
    const std::string dir = fs::absolute(o.directory).lexically_normal().string();
    const std::string results = dir + "/results";
    fs::create_directories(results, ec);
    fs::create_directories(dir + "/logs", ec);

    std::ostringstream list;
    std::ostringstream tsv;
    tsv << "task\trun_id\tstandard\tseed";
    for (const auto& a : plan.Axes())
    {
        tsv << '\t' << a.name;
    }
    tsv << '\n';
    for (size_t t : tasks)
    {
        const auto& r = plan.Runs()[t].record;
        list << r.task() << '\n';
        tsv << r.task() << '\t' << r.run_id() << '\t' << r.standard() << '\t' << r.seed();
        for (const auto& a : plan.Axes())
        {
            std::string v;
            for (const auto& av : r.axes())
            {
                if (av.name() == a.name)
                {
                    v = av.value();
                }
            }
            tsv << '\t' << v;
        }
        tsv << '\n';
    }
    WriteFileAtomically(dir + "/tasks.txt", list.str());
    WriteFileAtomically(dir + "/tasks.tsv", tsv.str());

    const std::string command = "cd " + ShellQuote(o.workingDir) + " && " + ShellQuote(o.binary)
                                + " --quiet sweep " + ShellQuote(o.studyPath) + " --out "
                                + ShellQuote(results) + " --task ";
    const std::string merge
        = "sagin sweep " + ShellQuote(o.studyPath) + " --merge " + ShellQuote(results);
    std::ostringstream help;
    if (o.scheduler == "slurm")
    {
        std::ostringstream s;
        s << "#!/bin/bash\n"
          << "# Slurm job array of study '" << plan.Name() << "': " << tasks.size()
          << " runs, one array task each.\n"
          << "# Written by `sagin sweep " << o.studyPath << " --emit slurm " << o.directory
          << "`.\n"
          << "# Submit with `sbatch " << dir
          << "/sweep.sbatch`; when the array has finished, merge:\n"
          << "#   " << merge << "\n"
          << "# Array task i runs the study's task on line i + 1 of tasks.txt (Slurm's "
             "MaxArraySize,\n"
          << "# 1001 by default, bounds the array: split larger studies with --array on sbatch).\n"
          << "#SBATCH --job-name=sagin-" << plan.Name() << "\n"
          << "#SBATCH --array=0-" << (tasks.empty() ? 0 : tasks.size() - 1) << "\n"
          << "#SBATCH --ntasks=1\n"
          << "#SBATCH --cpus-per-task=1\n"
          << "#SBATCH --output=" << dir << "/logs/%A_%a.log\n"
          << "set -euo pipefail\n"
          << "TASK=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " << ShellQuote(dir + "/tasks.txt")
          << ")\n"
          << command << "\"$TASK\"\n";
        WriteFileAtomically(dir + "/sweep.sbatch", s.str());
        ::chmod((dir + "/sweep.sbatch").c_str(), 0755);
        help << "wrote " << dir << "/sweep.sbatch: a job array of " << tasks.size()
             << " runs (tasks.tsv lists them)\n"
             << "  submit:  sbatch " << dir << "/sweep.sbatch\n"
             << "  follow:  squeue --me; logs in " << dir << "/logs/\n"
             << "  merge:   " << merge << "\n"
             << "Every node needs " << o.binary << " and the inputs under " << o.workingDir
             << " (a shared file system); results land in " << results << ".\n";
    }
    else
    {
        std::ostringstream jobs;
        for (size_t t : tasks)
        {
            jobs << command << plan.Runs()[t].record.task() << '\n';
        }
        WriteFileAtomically(dir + "/jobs.txt", jobs.str());
        help << "wrote " << dir << "/jobs.txt: " << tasks.size()
             << " jobs, one run each (tasks.tsv lists them)\n"
             << "  here:     parallel --jobs 4 --joblog " << dir << "/logs/joblog < " << dir
             << "/jobs.txt\n"
             << "  over ssh: parallel --sshloginfile HOSTS --joblog " << dir << "/logs/joblog < "
             << dir << "/jobs.txt\n"
             << "            (every host needs " << o.binary << " and the inputs under "
             << o.workingDir << "; without a shared file system, copy each host's " << results
             << " back, e.g. with rsync)\n"
             << "  merge:    " << merge << " [other result folders...]\n"
             << "A job that fails exits with status 1 and records the failure in " << results
             << "/failed/.\n";
    }
    WriteFileAtomically(dir + "/README.txt", help.str());
    return help.str();
}

} // namespace sagin
