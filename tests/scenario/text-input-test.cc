// Text-format inputs: 1-based file:line:col errors, unknown fields, type headers.
#include "core/model/diagnostics.h"
#include "scenario/model/text-input.h"

#include "../common/temp-dir.h"
#include "sagin/v1/scenario.pb.h"

#include <gtest/gtest.h>

using namespace sagin;

static std::string
FirstError(const std::string& path, const std::string& expected = "")
{
    try
    {
        LoadTextInput(path, expected);
    }
    catch (const InputError& e)
    {
        return e.Lines().front();
    }
    return "";
}

TEST(TextInput, UnknownFieldIsReportedOneBased)
{
    test::TempDir dir;
    auto f = dir.Write("s.txtpb",
                       "# proto-message: sagin.v1.Scenario\n"
                       "name: \"x\"\n"
                       "shells { nme: \"a\" }\n");
    // 'nme' starts at line 3, column 10 (1-based).
    std::string err = FirstError(f);
    EXPECT_EQ(err.rfind(f + ":3:10: error: ", 0), 0u) << err;
    EXPECT_NE(err.find("nme"), std::string::npos) << err;
}

TEST(TextInput, SyntaxErrorIsReportedOneBased)
{
    test::TempDir dir;
    auto f = dir.Write("s.txtpb",
                       "# proto-message: sagin.v1.Scenario\n"
                       "epoch_utc: \"2026-01-01T00:00:00Z\"\n"
                       "duration_s: \n"
                       "seed: 3 }\n");
    std::string err = FirstError(f);
    EXPECT_EQ(err.rfind(f + ":4:1: error: ", 0), 0u) << err;
}

TEST(TextInput, HeaderSelectsAndChecksTheType)
{
    test::TempDir dir;
    auto ok = dir.Write("ok.txtpb", "# proto-file: sagin/v1/scenario.proto\n# proto-message: sagin.v1.Scenario\nseed: 4\n");
    TextInput in = LoadTextInput(ok);
    EXPECT_EQ(in.typeName, "sagin.v1.Scenario");
    EXPECT_EQ(static_cast<const v1::Scenario&>(*in.message).seed(), 4u);
    EXPECT_EQ(in.sha256.size(), 64u);

    auto none = dir.Write("none.txtpb", "seed: 4\n");
    EXPECT_NE(FirstError(none).find(none + ":1:1: error: missing '# proto-message"), std::string::npos);
    EXPECT_EQ(LoadTextInputAs<v1::Scenario>(none).seed(), 4u); // the caller knows the type

    auto wrong = dir.Write("wrong.txtpb", "# proto-message: sagin.v1.Nope\nseed: 4\n");
    EXPECT_NE(FirstError(wrong).find("unknown message type 'sagin.v1.Nope'"), std::string::npos);

    auto other = dir.Write("other.txtpb", "# proto-message: sagin.v1.Shell\nname: \"a\"\n");
    EXPECT_NE(FirstError(other, "sagin.v1.Scenario").find("expected a sagin.v1.Scenario file"),
              std::string::npos);

    EXPECT_NE(FirstError(dir.Path() + "/missing.txtpb").find("missing.txtpb: error: cannot read"),
              std::string::npos);
}
