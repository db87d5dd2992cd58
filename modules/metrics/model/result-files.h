// Writing results: summary.json (every field of a message, proto field names, numbers as JSON
// numbers, zero included), result.binpb, provenance, and run folders that appear complete or
// not at all.
#ifndef SAGIN_METRICS_RESULT_FILES_H
#define SAGIN_METRICS_RESULT_FILES_H

#include "sagin/v1/result.pb.h"

#include <google/protobuf/message.h>

#include <string>
#include <vector>

namespace sagin
{

/// The schema_version of RunResult files (2: statistics without samples are null).
inline constexpr const char* kRunResultSchema = "sagin.v1.RunResult/2";

/// JSON of a message: every field present (defaults included), proto field names, 64-bit
/// integers as JSON numbers, enums by name, two-space indentation, keys in field-number order.
/// An unset `optional` scalar (a statistic without samples) and a non-finite number are null.
std::string ToJson(const google::protobuf::Message& message);

/// The sagin-sim version, the git commit it was built from, and ns-3's version (macros).
std::string SaginVersion();
std::string GitCommit();
std::string Ns3Version();
std::string HostName();

/// Fills the build-dependent part of a provenance record.
void FillBuildProvenance(v1::Provenance& p);

/// A run folder being written: files go into `<final>.tmp.<pid>/` and Commit() renames it to
/// `<final>` (replacing an older run folder of the same name). Destroyed without Commit(), the
/// temporary folder is removed.
class RunDirectory
{
  public:
    explicit RunDirectory(std::string finalPath);
    ~RunDirectory();
    RunDirectory(const RunDirectory&) = delete;
    RunDirectory& operator=(const RunDirectory&) = delete;

    /// Path of a file inside the temporary folder.
    std::string File(const std::string& name) const;
    void Commit();

  private:
    std::string m_final;
    std::string m_tmp;
    bool m_committed = false;
};

/// The file of a `sagin run` / `sagin coverage` output folder that lists its standards in the
/// order given on the command line (one name a line, after a comment line): `sagin compare`
/// orders treatments by it, so its default baseline is the first standard given.
inline constexpr const char* kStandardOrderFile = "standards.txt";

/// Writes `folder`/standards.txt atomically.
void WriteStandardOrder(const std::string& folder, const std::vector<std::string>& standards);

/// Writes result.binpb and summary.json of `result` into a folder (not atomic by itself: use a
/// RunDirectory).
void WriteResultFiles(const std::string& directory, const v1::RunResult& result);

} // namespace sagin

#endif
