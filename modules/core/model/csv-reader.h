// The one CSV reader of the product (embedded data tables, Hypatia ground stations, the
// latency.csv/paths.csv files compare reads back). The rules, RFC 4180 plus what our files need:
//  - fields are separated by ','; a record ends at LF or CRLF (the CR is dropped);
//  - a field that starts with '"' is quoted: inside it "" is one quote and commas, CR and line
//    breaks are part of the field; text after the closing quote up to the next comma is an error,
//    as is a quote left open at the end of the input (both name line:column);
//  - a quote inside an unquoted field is an ordinary character;
//  - blank lines (nothing or only spaces and tabs) are skipped; with `comments`, so are lines whose
//  first character is '#';
//  - with `trim`, spaces and tabs around an unquoted field are removed (quoted fields are kept
//    as written).
// CsvField (text-format.h) writes fields this reader reads back unchanged.
#ifndef SAGIN_CORE_CSV_READER_H
#define SAGIN_CORE_CSV_READER_H

#include <istream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sagin
{

struct CsvOptions
{
    bool comments = false; ///< skip lines starting with '#'
    bool trim = false;     ///< strip spaces and tabs around unquoted fields
};

/// A malformed record; what() is "LINE:COL: message" (1-based), for the caller to prefix with
/// the file name.
class CsvError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/// Reads records one at a time from a stream (large files are not loaded whole).
class CsvReader
{
  public:
    explicit CsvReader(std::istream& in, CsvOptions options = {});

    /// The next record in `fields`; false at the end of the input. Throws CsvError.
    bool Next(std::vector<std::string>& fields);

    /// The 1-based line on which the last record returned by Next starts.
    int Line() const
    {
        return m_recordLine;
    }

  private:
    std::istream& m_in;
    CsvOptions m_options;
    int m_line = 0;
    int m_recordLine = 0;
};

/// Every record of `text`.
std::vector<std::vector<std::string>> ReadCsv(std::string_view text, CsvOptions options = {});

} // namespace sagin

#endif
