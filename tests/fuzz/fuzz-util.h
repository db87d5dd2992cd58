// Shared by the libFuzzer targets: a private temporary folder per process (removed at exit) and
// the files a target writes its input to, so that the product's loaders read real files.
#ifndef SAGIN_TESTS_FUZZ_FUZZ_UTIL_H
#define SAGIN_TESTS_FUZZ_FUZZ_UTIL_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sagin::fuzz
{

/// The process's private temporary folder ($TMPDIR or /tmp, sagin-fuzz-XXXXXX), created on
/// first use and removed when the process exits.
const std::string& PrivateDir();

/// Writes `size` bytes to `path` (replacing it).
void WriteBytes(const std::string& path, const std::uint8_t* data, std::size_t size);
void WriteText(const std::string& path, const std::string& text);

/// The repository's folder (shipped scenarios and standards).
std::string SourceDir();

/// Called with the lines of every InputError a loader answers with (the expected answer to bad
/// input): prints them on stderr when SAGIN_FUZZ_VERBOSE=1, to see what an input is refused for
/// (`SAGIN_FUZZ_VERBOSE=1 build-fuzz/bin/fuzz-study FILE`).
void Rejected(const std::vector<std::string>& lines);

} // namespace sagin::fuzz

#endif
