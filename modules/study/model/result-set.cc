#include "study/model/result-set.h"

#include "core/model/atomic-file.h"
#include "core/model/diagnostics.h"
#include "core/model/sha256.h"
#include "metrics/model/result-files.h"
#include "sagin/v1/scenario.pb.h"
#include "sagin/v1/study.pb.h"
#include "study/model/campaign-layout.h"

#include <algorithm>
#include <filesystem>
#include <google/protobuf/text_format.h>
#include <set>
#include <sstream>

namespace sagin
{

namespace fs = std::filesystem;

namespace
{

struct Found
{
    fs::path dir;
    bool inCampaign = false;
};

std::vector<Found>
RunFolders(const fs::path& input)
{
    std::vector<Found> out;
    if (FolderHas(input, "result.binpb"))
    {
        out.push_back({input, FolderHas(input, "point.txtpb")});
        return out;
    }
    const bool campaign = fs::is_directory(input / "runs");
    const fs::path parent = campaign ? input / "runs" : input;
    std::error_code ec;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(parent, ec))
    {
        if (e.is_directory() && FolderHas(e.path(), "result.binpb"))
        {
            dirs.push_back(e.path());
        }
    }
    std::sort(dirs.begin(), dirs.end());
    for (const auto& d : dirs)
    {
        out.push_back({d, FolderHas(d, "point.txtpb")});
    }
    return out;
}

/// The standards of a `sagin run`/`sagin coverage` output folder, in command-line order (empty
/// without a standards.txt).
std::vector<std::string>
StandardOrder(const fs::path& folder)
{
    std::vector<std::string> order;
    if (!FolderHas(folder, kStandardOrderFile))
    {
        return order;
    }
    std::istringstream in(ReadFile((folder / kStandardOrderFile).string()));
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line[0] != '#')
        {
            order.push_back(line);
        }
    }
    return order;
}

std::string
Join(const std::vector<std::pair<std::string, std::string>>& kv)
{
    std::string s;
    for (const auto& [k, v] : kv)
    {
        s += (s.empty() ? "" : ", ") + k + "=" + v;
    }
    return s;
}

/// Key of a run's resolved scenario without its seed (runs outside a campaign).
std::string
ScenarioKey(const fs::path& dir, const std::string& name)
{
    if (!FolderHas(dir, "scenario.txtpb"))
    {
        return name;
    }
    v1::Scenario s;
    google::protobuf::TextFormat::Parser parser;
    parser.AllowUnknownField(true);
    if (!parser.ParseFromString(ReadFile((dir / "scenario.txtpb").string()), &s))
    {
        return name;
    }
    s.clear_seed();
    std::string text;
    google::protobuf::TextFormat::PrintToString(s, &text);
    return Sha256Hex(text);
}

} // namespace

ResultSet
ResultSet::Load(const std::vector<std::string>& inputs)
{
    ResultSet set;
    std::vector<std::string> errors;
    std::set<std::string> seenIds;
    struct Pending
    {
        LoadedRun run;
        std::string scenarioKey;
        std::uint32_t task = 0;
        size_t input = 0;
    };
    std::vector<Pending> pending;
    for (size_t i = 0; i < inputs.size(); ++i)
    {
        fs::path input = inputs[i];
        if (fs::is_regular_file(input) && input.filename() == "campaign.sqlite")
        {
            input = input.parent_path().empty() ? fs::path(".") : input.parent_path();
        }
        if (!fs::is_directory(input))
        {
            errors.push_back("sagin compare: error: " + inputs[i] + ": no such folder");
            continue;
        }
        const auto folders = RunFolders(input);
        if (folders.empty())
        {
            errors.push_back(
                "sagin compare: error: " + inputs[i]
                + ": no runs here (a run folder holds result.binpb; a campaign holds runs/)");
            continue;
        }
        for (const auto& f : folders)
        {
            Pending p;
            p.input = i;
            LoadedRun& r = p.run;
            r.directory = f.dir.string();
            try
            {
                const fs::path file = f.dir / "result.binpb";
                if (!fs::is_regular_file(file))
                {
                    errors.push_back("sagin compare: error: " + file.string() + ": not a file");
                    continue;
                }
                const std::string bytes = ReadFile(file.string());
                // An empty file parses as an empty result: a run always writes its provenance.
                if (bytes.empty() || !r.result.ParseFromString(bytes) || !r.result.has_provenance())
                {
                    errors.push_back("sagin compare: error: " + file.string()
                                     + (bytes.empty() ? ": empty file"
                                                      : ": cannot parse as a sagin.v1.RunResult"));
                    continue;
                }
            }
            catch (const std::exception& e)
            {
                errors.push_back(std::string("sagin compare: error: ") + e.what());
                continue;
            }
            r.runId = r.result.provenance().run_id();
            r.standard = r.result.standard();
            r.seed = r.result.seed();
            std::vector<std::pair<std::string, std::string>> variantAxes;
            std::vector<std::pair<std::string, std::string>> ownAxes;
            if (f.inCampaign)
            {
                try
                {
                    v1::StudyRun rec = CampaignLayout::ReadRecord((f.dir / "point.txtpb").string());
                    r.runId = rec.run_id();
                    p.task = rec.task();
                    for (const auto& a : rec.axes())
                    {
                        r.axes[a.name()] = a.value();
                        const bool shared = a.path().rfind("scenario.", 0) == 0
                                            || a.path().rfind("standard.*.", 0) == 0;
                        (shared ? variantAxes : ownAxes).emplace_back(a.name(), a.value());
                    }
                    r.variant = variantAxes.empty() ? r.result.scenario() : Join(variantAxes);
                }
                catch (const InputError& e)
                {
                    errors.insert(errors.end(), e.Lines().begin(), e.Lines().end());
                    continue;
                }
            }
            else
            {
                p.scenarioKey = ScenarioKey(f.dir, r.result.scenario());
                // Outside a campaign the order of the standards on the command line that wrote
                // the folder (its standards.txt) orders the treatments: the first is the baseline.
                const auto order = StandardOrder(f.dir.parent_path());
                auto at = std::find(order.begin(), order.end(), r.standard);
                p.task = static_cast<std::uint32_t>(at - order.begin());
            }
            for (const auto& [k, v] : variantAxes)
            {
                r.variantAxes[k] = v;
                if (std::find(set.m_variantAxes.begin(), set.m_variantAxes.end(), k)
                    == set.m_variantAxes.end())
                {
                    set.m_variantAxes.push_back(k);
                }
            }
            r.treatment = ownAxes.empty() ? r.standard : r.standard + "[" + Join(ownAxes) + "]";
            if (!r.runId.empty() && !seenIds.insert(r.runId).second)
            {
                continue;
            }
            pending.push_back(std::move(p));
        }
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    // Runs outside campaigns: one variant per resolved scenario, named after the scenario.
    std::map<std::string, std::set<std::string>> keysByName;
    for (const auto& p : pending)
    {
        if (!p.scenarioKey.empty())
        {
            keysByName[p.run.result.scenario()].insert(p.scenarioKey);
        }
    }
    for (auto& p : pending)
    {
        if (!p.scenarioKey.empty())
        {
            const std::string& name = p.run.result.scenario();
            p.run.variant
                = keysByName[name].size() > 1 ? name + "#" + p.scenarioKey.substr(0, 8) : name;
        }
    }
    std::stable_sort(pending.begin(),
                     pending.end(),
                     [](const Pending& a, const Pending& b)
                     {
                         return a.input != b.input ? a.input < b.input : a.task < b.task;
                     });
    std::map<std::string, std::string> cell;
    for (auto& p : pending)
    {
        const std::string key
            = p.run.variant + "\n" + p.run.treatment + "\n" + std::to_string(p.run.seed);
        auto [it, inserted] = cell.emplace(key, p.run.directory);
        if (!inserted)
        {
            errors.push_back("sagin compare: error: " + it->second + " and " + p.run.directory
                             + " are both " + p.run.treatment + " with seed "
                             + std::to_string(p.run.seed) + " in variant '" + p.run.variant
                             + "' but differ (other overrides?): compare them separately");
            continue;
        }
        set.m_runs.push_back(std::move(p.run));
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    return set;
}

void
ResultSet::Filter(const std::vector<std::string>& conditions)
{
    for (const auto& c : conditions)
    {
        const auto eq = c.find('=');
        if (eq == std::string::npos || eq == 0)
        {
            throw InputError("sagin compare: error: --where " + c + ": expected NAME=VALUE");
        }
        const std::string name = c.substr(0, eq);
        const std::string value = c.substr(eq + 1);
        bool known
            = name == "standard" || name == "treatment" || name == "variant" || name == "seed";
        for (const auto& r : m_runs)
        {
            known = known || r.axes.count(name);
        }
        if (!known)
        {
            std::string names = "standard, treatment, variant, seed";
            std::set<std::string> axes;
            for (const auto& r : m_runs)
            {
                for (const auto& [k, v] : r.axes)
                {
                    axes.insert(k);
                }
            }
            for (const auto& a : axes)
            {
                names += ", " + a;
            }
            throw InputError("sagin compare: error: --where " + c + ": no axis named '" + name
                             + "' (" + names + ")");
        }
        auto matches = [&](const LoadedRun& r)
        {
            if (name == "standard")
            {
                return r.standard == value;
            }
            if (name == "treatment")
            {
                return r.treatment == value;
            }
            if (name == "variant")
            {
                return r.variant == value;
            }
            if (name == "seed")
            {
                return std::to_string(r.seed) == value;
            }
            auto it = r.axes.find(name);
            if (it == r.axes.end())
            {
                return false;
            }
            if (it->second == value)
            {
                return true;
            }
            // Numerically equal values (550 and 550.0).
            char* e1 = nullptr;
            char* e2 = nullptr;
            const double a = std::strtod(it->second.c_str(), &e1);
            const double b = std::strtod(value.c_str(), &e2);
            return *e1 == '\0' && *e2 == '\0' && !value.empty() && a == b;
        };
        std::vector<LoadedRun> kept;
        for (auto& r : m_runs)
        {
            if (matches(r))
            {
                kept.push_back(std::move(r));
            }
        }
        m_runs = std::move(kept);
    }
    if (m_runs.empty())
    {
        throw InputError("sagin compare: error: --where leaves no runs");
    }
}

std::vector<std::string>
ResultSet::Variants() const
{
    std::vector<std::string> out;
    for (const auto& r : m_runs)
    {
        if (std::find(out.begin(), out.end(), r.variant) == out.end())
        {
            out.push_back(r.variant);
        }
    }
    return out;
}

std::vector<std::string>
ResultSet::Treatments() const
{
    std::vector<std::string> out;
    for (const auto& r : m_runs)
    {
        if (std::find(out.begin(), out.end(), r.treatment) == out.end())
        {
            out.push_back(r.treatment);
        }
    }
    return out;
}

} // namespace sagin
