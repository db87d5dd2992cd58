// Helpers for runner tests: write inputs into a temp folder, run `sagin run`, read results.
#ifndef SAGIN_TESTS_RUN_TEST_UTIL_H
#define SAGIN_TESTS_RUN_TEST_UTIL_H

#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"

#include "sagin/v1/result.pb.h"

#include <string>
#include <vector>

namespace sagin::test
{

/// Reads DIR/<standard>/result.binpb.
v1::RunResult ReadResult(const std::string& runDir, const std::string& standard);

/// Rows of a CSV file as vectors of fields (header included).
std::vector<std::vector<std::string>> ReadCsv(const std::string& path);

} // namespace sagin::test

#endif
