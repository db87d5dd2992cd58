#include "study-test-util.h"

#include "core/model/atomic-file.h"
#include "sagin/v1/result.pb.h"

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <google/protobuf/text_format.h>
#include <signal.h>
#include <sqlite3.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace sagin::test
{

namespace fs = std::filesystem;

std::string
WriteTinyScenario(const std::string& dir)
{
    const std::string path = dir + "/tiny.txtpb";
    std::ofstream(path) << R"(# proto-file: sagin/v1/scenario.proto
# proto-message: sagin.v1.Scenario
name: "tiny"
epoch_utc: "2026-03-01T10:00:00Z"
duration_s: 2
seed: 1
shells {
  name: "leo"
  walker {
    pattern: DELTA altitude_km: 550 inclination_deg: 53
    total_satellites: 48 planes: 6 phasing: 1
  }
}
ground_sites { name: "gw-madrid" role: GW position { lat_deg: 40.45 lon_deg: -3.55 alt_m: 650 } }
ground_sites {
  name: "core-madrid" role: CORE position { lat_deg: 40.42 lon_deg: -3.70 alt_m: 650 }
}
ground_sites { name: "ut-a" role: UT position { lat_deg: 40.43 lon_deg: -3.69 alt_m: 651.5 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: 38.73 lon_deg: -9.15 alt_m: 51.5 } }
site_sets {
  name: "rural" role: UT alt_m: 700
  random { region { lat_min_deg: 38 lat_max_deg: 42 lon_min_deg: -7 lon_max_deg: -1 } count: 2 }
}
terrestrial { connect_to_nearest_core: true route_factor: 1.5 rate_gbps: 10 }
traffic {
  flows {
    name: "ping" endpoints { to_nearest_core { role: UT } }
    ping { interval_ms: 50 } start_s: 0.05
  }
}
coverage {
  region { lat_min_deg: 36 lat_max_deg: 44 lon_min_deg: -10 lon_max_deg: 4 }
  resolution_deg: 2 step_s: 1
}
)";
    return path;
}

std::string
WriteTinyStudy(const std::string& dir, const std::string& out, int seeds, const std::string& extra)
{
    WriteTinyScenario(dir);
    const std::string standards = std::string(SAGIN_SOURCE_DIR) + "/scenarios/standards/";
    const std::string path = dir + "/tiny-study.txtpb";
    std::ofstream(path)
        << "# proto-file: sagin/v1/study.proto\n# proto-message: sagin.v1.Study\n"
        << "name: \"tiny\"\nscenario: \"tiny.txtpb\"\n"
        << "standards: \"" << standards << "ntn-transparent-leo.txtpb\"\n"
        << "standards: \"" << standards << "ntn-regenerative-isl.txtpb\"\n"
        << "axes { path: \"scenario.shells[0].walker.altitude_km\" numbers: [550, 700] }\n"
        << "axes { path: \"standard.*.visibility.space_deg\" name: \"elevation_deg\" "
           "numbers: [10, 20] }\n"
        << "seeds { count: " << seeds << " }\nkind: RUN\n"
        << "output_directory: \"" << out << "\"\n"
        << extra;
    return path;
}

pid_t
StartSagin(const std::vector<std::string>& args, const std::string& logDir)
{
    const char* bin = std::getenv("SAGIN_BIN");
    const std::string binary = bin ? bin : SAGIN_BINARY_DIR "/bin/sagin";
    const pid_t pid = ::fork();
    if (pid == 0)
    {
        const int out = ::open((logDir + "/stdout").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        const int err = ::open((logDir + "/stderr").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(out, 1);
        ::dup2(err, 2);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(binary.c_str()));
        argv.push_back(const_cast<char*>("--quiet"));
        for (const auto& a : args)
        {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

int
WaitFor(pid_t pid)
{
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::vector<std::string>
Query(const std::string& campaignDir, const std::string& sql)
{
    std::vector<std::string> rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(
            (campaignDir + "/campaign.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK)
    {
        sqlite3_close(db);
        return {"cannot open campaign.sqlite"};
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    {
        rows.push_back(std::string("bad query: ") + sqlite3_errmsg(db));
        sqlite3_close(db);
        return rows;
    }
    while (sqlite3_step(st) == SQLITE_ROW)
    {
        std::string row;
        for (int i = 0; i < sqlite3_column_count(st); ++i)
        {
            const unsigned char* text = sqlite3_column_text(st, i);
            row += (i ? "|" : "")
                   + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
        }
        rows.push_back(row);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
}

std::vector<std::string>
DoneRuns(const std::string& campaignDir)
{
    std::vector<std::string> ids;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(campaignDir + "/runs", ec))
    {
        if (fs::exists(e.path() / "point.txtpb"))
        {
            ids.push_back(e.path().filename().string());
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<std::string>
IncompleteRuns(const std::string& campaignDir)
{
    std::vector<std::string> problems;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(campaignDir + "/runs", ec))
    {
        const std::string id = e.path().filename().string();
        if (id.size() != 64)
        {
            problems.push_back("runs/" + id + ": not a run folder");
            continue;
        }
        for (const char* f : {"point.txtpb",
                              "result.binpb",
                              "summary.json",
                              "latency.csv",
                              "coverage.csv",
                              "scenario.txtpb",
                              "standard.txtpb"})
        {
            if (!fs::exists(e.path() / f))
            {
                problems.push_back("runs/" + id + ": no " + f);
            }
        }
        v1::RunResult r;
        try
        {
            if (!r.ParseFromString(ReadFile((e.path() / "result.binpb").string()))
                || r.provenance().run_id() != id)
            {
                problems.push_back("runs/" + id + ": result.binpb unreadable or of another run");
            }
        }
        catch (const std::exception& ex)
        {
            problems.push_back(ex.what());
        }
    }
    return problems;
}

CampaignSnapshot
Snapshot(const std::string& campaignDir)
{
    CampaignSnapshot s;
    for (const char* sub : {"runs", "failed", ".staging"})
    {
        std::vector<std::string> names;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(campaignDir + "/" + sub, ec))
        {
            names.push_back(e.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        std::string listing;
        for (const auto& n : names)
        {
            listing += n + "\n";
        }
        s.files[std::string("listing of ") + sub] = listing;
    }
    for (const auto& id : DoneRuns(campaignDir))
    {
        const fs::path dir = fs::path(campaignDir) / "runs" / id;
        for (const auto& e : fs::directory_iterator(dir))
        {
            const std::string name = e.path().filename().string();
            std::string content = ReadFile(e.path().string());
            if (name == "result.binpb")
            {
                v1::RunResult r;
                r.ParseFromString(content);
                r.mutable_provenance()->clear_wall_time_s();
                r.mutable_provenance()->clear_host();
                google::protobuf::TextFormat::PrintToString(r, &content);
            }
            else if (name == "summary.json")
            {
                std::istringstream in(content);
                std::string line;
                content.clear();
                while (std::getline(in, line))
                {
                    if (line.find("\"wall_time_s\"") == std::string::npos
                        && line.find("\"host\"") == std::string::npos)
                    {
                        content += line + "\n";
                    }
                }
            }
            s.files[id + "/" + name] = content;
        }
    }
    // Every column but wall_time_s.
    auto columns
        = Query(campaignDir,
                "SELECT group_concat(name, ',') FROM pragma_table_info('runs') WHERE name != "
                "'wall_time_s'");
    if (!columns.empty())
    {
        s.rows = Query(campaignDir, "SELECT " + columns.front() + " FROM runs ORDER BY task");
    }
    return s;
}

} // namespace sagin::test
