// Every field and enum value of every user-facing schema carries its own comment (the README
// promises "every field is commented": unit and default live there), and no enum sits at file
// level (the enum rule at the top of common.proto: value names are scoped by a message). The
// descriptor set is produced at build time by protoc with --include_source_info
// (tests/scenario/CMakeLists.txt), so the comments read here are exactly those in the .proto files.
#include <fstream>
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace
{
using google::protobuf::DescriptorProto;
using google::protobuf::FileDescriptorProto;
using google::protobuf::FileDescriptorSet;

// Source-location path tags of descriptor.proto.
constexpr int kFileMessage = 4;
constexpr int kFileEnum = 5;
constexpr int kMessageField = 2;
constexpr int kMessageNested = 3;
constexpr int kMessageEnum = 4;
constexpr int kEnumValue = 2;

bool
HasComment(const FileDescriptorProto& file, const std::vector<int>& path)
{
    for (const auto& loc : file.source_code_info().location())
    {
        if (std::vector<int>(loc.path().begin(), loc.path().end()) != path)
        {
            continue;
        }
        auto nonBlank = [](const std::string& s)
        {
            return s.find_first_not_of(" \t\n") != std::string::npos;
        };
        return nonBlank(loc.leading_comments()) || nonBlank(loc.trailing_comments());
    }
    return false;
}

void
CheckEnum(const FileDescriptorProto& file,
          const google::protobuf::EnumDescriptorProto& e,
          std::vector<int> path,
          const std::string& scope,
          std::vector<std::string>& missing)
{
    for (int i = 0; i < e.value_size(); ++i)
    {
        const auto& v = e.value(i);
        // The proto3 zero value `X_UNSPECIFIED` is the "not set" marker, not a choice.
        if (v.number() == 0 && v.name().find("UNSPECIFIED") != std::string::npos)
        {
            continue;
        }
        auto p = path;
        p.push_back(kEnumValue);
        p.push_back(i);
        if (!HasComment(file, p))
        {
            missing.push_back(file.name() + ": " + scope + e.name() + "." + v.name());
        }
    }
}

void
CheckMessage(const FileDescriptorProto& file,
             const DescriptorProto& m,
             std::vector<int> path,
             const std::string& scope,
             std::vector<std::string>& missing)
{
    for (int i = 0; i < m.field_size(); ++i)
    {
        auto p = path;
        p.push_back(kMessageField);
        p.push_back(i);
        if (!HasComment(file, p))
        {
            missing.push_back(file.name() + ": " + scope + m.name() + "." + m.field(i).name());
        }
    }
    for (int i = 0; i < m.nested_type_size(); ++i)
    {
        auto p = path;
        p.push_back(kMessageNested);
        p.push_back(i);
        CheckMessage(file, m.nested_type(i), p, scope + m.name() + ".", missing);
    }
    for (int i = 0; i < m.enum_type_size(); ++i)
    {
        auto p = path;
        p.push_back(kMessageEnum);
        p.push_back(i);
        CheckEnum(file, m.enum_type(i), p, scope + m.name() + ".", missing);
    }
}

int
CountEnums(const DescriptorProto& m)
{
    int n = m.enum_type_size();
    for (const auto& nested : m.nested_type())
    {
        n += CountEnums(nested);
    }
    return n;
}

FileDescriptorSet
LoadSchemas()
{
    std::ifstream in(SAGIN_SCHEMA_DESCRIPTORS, std::ios::binary);
    EXPECT_TRUE(in) << SAGIN_SCHEMA_DESCRIPTORS;
    std::stringstream bytes;
    bytes << in.rdbuf();
    FileDescriptorSet set;
    EXPECT_TRUE(set.ParseFromString(bytes.str()));
    return set;
}

// Enum values are scoped: every enum is nested in a message, none at file level, so two enums
// may use the same value name in different messages.
TEST(SchemaComments, NoFileLevelEnum)
{
    const FileDescriptorSet set = LoadSchemas();
    ASSERT_GE(set.file_size(), 5);
    for (const auto& file : set.file())
    {
        for (const auto& e : file.enum_type())
        {
            ADD_FAILURE() << file.name() << ": enum " << e.name()
                          << " is at file level; nest it in the message that uses it, or in a "
                             "holder message (common.proto, enum rule)";
        }
    }
}

TEST(SchemaComments, EveryFieldAndEnumValueIsCommented)
{
    const FileDescriptorSet set = LoadSchemas();
    ASSERT_GE(set.file_size(), 5); // common, scenario, standard, result, study

    std::vector<std::string> missing;
    int fields = 0;
    int enums = 0;
    for (const auto& file : set.file())
    {
        ASSERT_TRUE(file.has_source_code_info()) << file.name();
        for (int i = 0; i < file.message_type_size(); ++i)
        {
            CheckMessage(file, file.message_type(i), {kFileMessage, i}, "", missing);
            fields += file.message_type(i).field_size();
        }
        for (int i = 0; i < file.enum_type_size(); ++i)
        {
            CheckEnum(file, file.enum_type(i), {kFileEnum, i}, "", missing);
        }
        for (int i = 0; i < file.message_type_size(); ++i)
        {
            enums += CountEnums(file.message_type(i));
        }
    }
    EXPECT_GT(fields, 100);
    EXPECT_GE(enums, 16); // the nested enums are seen (16 when the rule was introduced)
    std::string list;
    for (const auto& m : missing)
    {
        list += "\n  " + m;
    }
    EXPECT_TRUE(missing.empty()) << missing.size() << " without a comment:" << list;
}
} // namespace
