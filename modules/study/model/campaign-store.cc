#include "study/model/campaign-store.h"

#include "core/model/atomic-file.h"
#include "core/model/text-format.h"
#include "study/model/run-metrics.h"

#include <cstdlib>
#include <ostream>
#include <sqlite3.h>
#include <stdexcept>

namespace sagin
{

namespace
{

/// A prepared statement, finalized on destruction.
class Statement
{
  public:
    Statement(sqlite3* db, const std::string& sql)
        : m_db(db)
    {
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK)
        {
            throw std::runtime_error(std::string("campaign.sqlite: ") + sqlite3_errmsg(db)
                                     + " in: " + sql);
        }
    }

    ~Statement()
    {
        sqlite3_finalize(m_stmt);
    }

    sqlite3_stmt* Get()
    {
        return m_stmt;
    }

    void Text(int i, const std::string& v)
    {
        sqlite3_bind_text(m_stmt, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }

    void Int(int i, std::int64_t v)
    {
        sqlite3_bind_int64(m_stmt, i, v);
    }

    void Real(int i, double v)
    {
        sqlite3_bind_double(m_stmt, i, v);
    }

    void Null(int i)
    {
        sqlite3_bind_null(m_stmt, i);
    }

    /// Binds a value as an integer or a real when it reads as one, else as text.
    void Value(int i, const std::string& v)
    {
        char* end = nullptr;
        const long long n = std::strtoll(v.c_str(), &end, 10);
        if (!v.empty() && *end == '\0')
        {
            Int(i, n);
            return;
        }
        const double d = std::strtod(v.c_str(), &end);
        if (!v.empty() && *end == '\0')
        {
            Real(i, d);
            return;
        }
        Text(i, v);
    }

    /// Runs a statement that returns no rows.
    void Run()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        {
            throw std::runtime_error(std::string("campaign.sqlite: ") + sqlite3_errmsg(m_db));
        }
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

  private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

std::string
Quote(const std::string& identifier)
{
    return "\"" + identifier + "\"";
}

const char*
KindName(v1::Run::Kind k)
{
    return k == v1::Run::RUN        ? "run"
           : k == v1::Run::COVERAGE ? "coverage"
           : k == v1::Run::PATHS    ? "paths"
                                    : "unspecified";
}

} // namespace

CampaignStore::CampaignStore(const CampaignLayout& layout)
    : m_layout(layout)
{
    if (sqlite3_open(layout.DatabasePath().c_str(), &m_db) != SQLITE_OK)
    {
        std::string why = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw std::runtime_error("cannot open " + layout.DatabasePath() + ": " + why);
    }
    sqlite3_busy_timeout(m_db, 10000);
    // WAL: a commit is one append, readers (sqlite3, pandas) never block the sweep, and a killed
    // writer leaves the last committed state.
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=NORMAL");
}

CampaignStore::~CampaignStore()
{
    if (m_open)
    {
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    }
    sqlite3_close(m_db);
}

void
CampaignStore::Exec(const std::string& sql)
{
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK)
    {
        std::string why = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error("campaign.sqlite: " + why + " in: " + sql);
    }
}

std::pair<size_t, size_t>
CampaignStore::Rebuild(const StudyPlan& plan)
{
    std::string columns = "run_id TEXT PRIMARY KEY, task INTEGER NOT NULL, kind TEXT NOT NULL, "
                          "standard TEXT NOT NULL, seed INTEGER NOT NULL";
    for (const auto& a : plan.Axes())
    {
        columns += ", " + Quote(a.name);
    }
    columns += ", status TEXT NOT NULL";
    for (const auto& m : HeadlineMetrics())
    {
        columns += ", " + Quote(MetricColumn(m)) + " REAL";
    }
    columns += ", wall_time_s REAL, exit_status INTEGER, error TEXT, stderr TEXT, directory TEXT";
    Flush();

    Exec("BEGIN IMMEDIATE");
    try
    {
        Exec("DROP TABLE IF EXISTS runs");
        Exec("DROP TABLE IF EXISTS axes");
        Exec("DROP TABLE IF EXISTS study");
        Exec("CREATE TABLE runs (" + columns + ")");
        Exec("CREATE TABLE axes (position INTEGER PRIMARY KEY, name TEXT, path TEXT, standard "
             "TEXT)");
        Exec("CREATE TABLE study (key TEXT PRIMARY KEY, value TEXT)");
        {
            Statement st(m_db, "INSERT INTO axes VALUES (?, ?, ?, ?)");
            for (size_t i = 0; i < plan.Axes().size(); ++i)
            {
                const auto& a = plan.Axes()[i];
                st.Int(1, static_cast<std::int64_t>(i));
                st.Text(2, a.name);
                st.Text(3, a.path);
                st.Text(4, a.root == "scenario" ? "" : a.standard);
                st.Run();
            }
        }
        {
            Statement st(m_db, "INSERT INTO study VALUES (?, ?)");
            const std::pair<const char*, std::string> rows[] = {
                {"name", plan.Name()},
                {"file", plan.StudyPath()},
                {"scenario", plan.Study().scenario()},
                {"kind", KindName(plan.Study().kind())},
                {"runs", std::to_string(plan.Runs().size())},
            };
            for (const auto& [k, v] : rows)
            {
                st.Text(1, k);
                st.Text(2, v);
                st.Run();
            }
        }
        for (size_t i = 0; i < plan.Runs().size(); ++i)
        {
            InsertRow(plan, i);
        }
        Exec("COMMIT");
    }
    catch (...)
    {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    size_t done = 0;
    size_t failed = 0;
    for (const auto& r : plan.Runs())
    {
        done += m_layout.IsDone(r.record.run_id());
        failed += !m_layout.IsDone(r.record.run_id()) && m_layout.IsFailed(r.record.run_id());
    }
    return {done, failed};
}

void
CampaignStore::Refresh(const StudyPlan& plan, size_t task, const v1::RunResult* result)
{
    if (!m_open)
    {
        Exec("BEGIN IMMEDIATE");
        m_open = true;
        m_opened = std::chrono::steady_clock::now();
    }
    try
    {
        InsertRow(plan, task, result);
    }
    catch (...)
    {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        m_open = false;
        throw;
    }
    if (std::chrono::steady_clock::now() - m_opened > std::chrono::milliseconds(500))
    {
        Flush();
    }
}

void
CampaignStore::Flush()
{
    if (m_open)
    {
        m_open = false;
        Exec("COMMIT");
    }
}

void
CampaignStore::InsertRow(const StudyPlan& plan, size_t task, const v1::RunResult* known)
{
    const PlannedRun& run = plan.Runs()[task];
    const std::string& id = run.record.run_id();
    const size_t axes = plan.Axes().size();
    const size_t metrics = HeadlineMetrics().size();
    const size_t count = 5 + axes + 1 + metrics + 5;
    std::string sql = "INSERT OR REPLACE INTO runs VALUES (";
    for (size_t i = 0; i < count; ++i)
    {
        sql += i ? ", ?" : "?";
    }
    sql += ")";
    Statement st(m_db, sql);
    int c = 1;
    st.Text(c++, id);
    st.Int(c++, run.record.task());
    st.Text(c++, KindName(run.record.kind()));
    st.Text(c++, run.record.standard());
    st.Int(c++, static_cast<std::int64_t>(run.record.seed()));
    for (const auto& a : plan.Axes())
    {
        bool set = false;
        for (const auto& v : run.record.axes())
        {
            if (v.name() == a.name)
            {
                st.Value(c, v.value());
                set = true;
            }
        }
        if (!set)
        {
            st.Null(c);
        }
        ++c;
    }
    const int statusColumn = c++;
    const int firstMetric = c;
    c += static_cast<int>(metrics);
    const int wallColumn = c++;
    const int exitColumn = c++;
    const int errorColumn = c++;
    const int stderrColumn = c++;
    const int dirColumn = c++;
    if (known || m_layout.IsDone(id))
    {
        v1::RunResult read;
        if (!known && !read.ParseFromString(ReadFile(m_layout.RunDir(id) + "/result.binpb")))
        {
            throw std::runtime_error("cannot parse " + m_layout.RunDir(id) + "/result.binpb");
        }
        const v1::RunResult& result = known ? *known : read;
        st.Text(statusColumn, "done");
        for (size_t k = 0; k < metrics; ++k)
        {
            std::optional<double> v; // no value (a statistic without samples): NULL
            if (MetricValue(result, HeadlineMetrics()[k], v).empty() && v)
            {
                st.Real(firstMetric + static_cast<int>(k), *v);
            }
        }
        st.Real(wallColumn, result.provenance().wall_time_s());
        st.Int(exitColumn, 0);
        st.Text(dirColumn, "runs/" + id);
    }
    else if (m_layout.IsFailed(id))
    {
        v1::StudyRun record = CampaignLayout::ReadRecord(m_layout.FailedDir(id) + "/point.txtpb");
        st.Text(statusColumn, "failed");
        st.Int(exitColumn, record.exit_status());
        st.Text(errorColumn, record.error());
        std::string err;
        try
        {
            err = ReadFile(m_layout.FailedDir(id) + "/stderr.txt");
        }
        catch (const std::exception&)
        {
        }
        st.Text(stderrColumn, err);
        st.Text(dirColumn, "failed/" + id);
    }
    else
    {
        st.Text(statusColumn, "pending");
    }
    st.Run();
}

void
CampaignStore::ExportCsv(std::ostream& out)
{
    Flush();
    Statement st(m_db, "SELECT * FROM runs ORDER BY task");
    const int n = sqlite3_column_count(st.Get());
    for (int i = 0; i < n; ++i)
    {
        out << (i ? "," : "") << CsvField(sqlite3_column_name(st.Get(), i));
    }
    out << '\n';
    while (sqlite3_step(st.Get()) == SQLITE_ROW)
    {
        for (int i = 0; i < n; ++i)
        {
            if (i)
            {
                out << ',';
            }
            switch (sqlite3_column_type(st.Get(), i))
            {
            case SQLITE_INTEGER:
                out << sqlite3_column_int64(st.Get(), i);
                break;
            case SQLITE_FLOAT:
                out << Exact(sqlite3_column_double(st.Get(), i));
                break;
            case SQLITE_NULL:
                break;
            default:
                out << CsvField(reinterpret_cast<const char*>(sqlite3_column_text(st.Get(), i)));
            }
        }
        out << '\n';
    }
}

} // namespace sagin
