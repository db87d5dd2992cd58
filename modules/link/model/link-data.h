// Data files compiled into the library (modules/link/data, embedded by sagin_embed_data) and a
// small CSV reader for them.
#ifndef SAGIN_LINK_LINK_DATA_H
#define SAGIN_LINK_LINK_DATA_H

#include <string>
#include <string_view>
#include <vector>

namespace sagin
{

/// The bytes of an embedded data file by base name, or an empty view.
std::string_view LinkData(const std::string& fileName);

/// Rows of an embedded CSV table (ReadCsv in core/model/csv-reader.h with `comments` and
/// `trim`). The first returned row is the header. Throws std::runtime_error when `text` is empty.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text);

} // namespace sagin

#endif
