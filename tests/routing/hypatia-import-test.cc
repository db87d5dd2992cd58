// The Hypatia importer (modules/scenario/model/hypatia-import.h) without the binary: the shipped
// fixture imports with every satellite, ISL and station; a corrupted copy fails with every
// error at once, each naming file:line; `sagin import hypatia` on it exits 2.
#include "../cli/cli-test-util.h"
#include "../common/temp-dir.h"
#include "core/model/diagnostics.h"
#include "scenario/model/hypatia-import.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

std::string
Fixture()
{
    return SourceDir() + "/tests/routing/data/hypatia-telesat-small";
}

/// A copy of the fixture's four input files in `dir`, with `edit` applied to their texts.
void
CopyFixture(const TempDir& dir, const std::map<std::string, std::string>& replace = {})
{
    for (const std::string name :
         {"tles.txt", "isls.txt", "ground_stations.txt", "description.txt"})
    {
        auto it = replace.find(name);
        dir.Write(name, it != replace.end() ? it->second : Slurp(Fixture() + "/" + name));
    }
}

/// The InputError lines of importing `dir` (none: it imported).
std::vector<std::string>
ImportErrors(const std::string& dir)
{
    try
    {
        ImportHypatiaFolder(dir);
    }
    catch (const InputError& e)
    {
        return e.Lines();
    }
    return {};
}

bool
HasLine(const std::vector<std::string>& lines, const std::string& prefix, const std::string& text)
{
    for (const auto& l : lines)
    {
        if (l.rfind(prefix, 0) == 0 && l.find(text) != std::string::npos)
        {
            return true;
        }
    }
    return false;
}

std::string
Joined(const std::vector<std::string>& lines)
{
    std::string s;
    for (const auto& l : lines)
    {
        s += l + "\n";
    }
    return s;
}

} // namespace

TEST(HypatiaImport, TheFixtureImportsWhole)
{
    const v1::Scenario s = ImportHypatiaFolder(Fixture());
    // tles.txt says 27 planes x 13 = 351 satellites; every line of isls.txt is one ISL, every
    // line of ground_stations.txt one gateway (counted with wc -l on the fixture).
    ASSERT_EQ(s.shells_size(), 1);
    EXPECT_EQ(s.isls_size(), 702);
    EXPECT_EQ(s.ground_sites_size(), 6);
    EXPECT_EQ(s.ground_sites(0).name(), "Tokyo");
    EXPECT_DOUBLE_EQ(s.ground_sites(0).position().lat_deg(), 35.6895);
    EXPECT_DOUBLE_EQ(s.link_limits().max_gsl_length_m(), 5845152.0403907886);
    EXPECT_DOUBLE_EQ(s.link_limits().max_isl_length_m(), 7197482.1847643359);
    const std::string text = HypatiaScenarioText(s, Fixture());
    EXPECT_NE(text.find("(351 satellites, 702 ISLs, 6 ground stations)"), std::string::npos);
}

TEST(HypatiaImport, EveryErrorAtOnceWithFileAndLine)
{
    TempDir dir;
    std::string tles = Slurp(Fixture() + "/tles.txt");
    tles.replace(0, tles.find('\n'), "27 14"); // 378 announced, 351 given
    std::string stations = Slurp(Fixture() + "/ground_stations.txt");
    stations.replace(stations.find("35.689500"), 9, "100"); // line 1: latitude 100
    std::string isls = "0 1\n5 5\n1 0\n"; // line 2: self-ISL; line 3: repeats line 1
    CopyFixture(dir,
                {{"tles.txt", tles},
                 {"ground_stations.txt", stations},
                 {"isls.txt", isls},
                 {"description.txt", "max_gsl_length_m=nan\nmax_isl_length_m=7197482.18\n"}});
    const auto errors = ImportErrors(dir.Path());
    const std::string p = dir.Path() + "/";
    EXPECT_TRUE(HasLine(errors, p + "tles.txt:1:1: error:", "27 x 14")) << Joined(errors);
    EXPECT_TRUE(HasLine(errors, p + "ground_stations.txt:1:1: error:", "latitude 100"))
        << Joined(errors);
    EXPECT_TRUE(HasLine(errors, p + "isls.txt:2:1: error:", "linked to itself")) << Joined(errors);
    EXPECT_TRUE(HasLine(errors, p + "isls.txt:3:1: error:", "listed twice")) << Joined(errors);
    // "max_gsl_length_m=" is 17 characters: the value starts in column 18.
    EXPECT_TRUE(HasLine(errors, p + "description.txt:1:18: error:", "'nan'")) << Joined(errors);
    EXPECT_EQ(errors.size(), 5u) << Joined(errors);

    auto r = RunSagin({"import", "hypatia", dir.Path(), "--out", dir.Path() + "/out.txtpb"});
    EXPECT_EQ(r.status, 2) << r.err;
    for (const std::string file : {"tles.txt:1:",
                                   "ground_stations.txt:1:",
                                   "isls.txt:2:",
                                   "isls.txt:3:",
                                   "description.txt:1:"})
    {
        EXPECT_NE(r.err.find(p + file), std::string::npos) << r.err;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.Path() + "/out.txtpb"));
}

TEST(HypatiaImport, OtherBadValues)
{
    struct Case
    {
        std::string file;
        std::string text;
        std::string where; ///< file:line:col of the error
        std::string says;
    };
    const std::vector<Case> cases = {
        {"ground_stations.txt", "0,A,10,200,0\n", "ground_stations.txt:1:1", "longitude 200"},
        {"ground_stations.txt", "0,A,10,20,0\n1,B,inf,20,0\n", "ground_stations.txt:2:1", "'inf'"},
        {"ground_stations.txt", "0,A,10\n", "ground_stations.txt:1:1", "expected gid,name"},
        {"isls.txt", "0 351\n", "isls.txt:1:1", "[0, 351)"},
        {"isls.txt", "0 1 2\n", "isls.txt:1:1", "two satellite ids"},
        {"description.txt",
         "max_gsl_length_m=-5\nmax_isl_length_m=1\n",
         "description.txt:1:18",
         "> 0"},
        {"description.txt",
         "max_isl_length_m=1\n",
         "description.txt: error",
         "needs max_gsl_length_m"},
        {"tles.txt", "27\n", "tles.txt:1:1", "header"},
    };
    for (const auto& c : cases)
    {
        SCOPED_TRACE(c.file + ": " + c.text);
        TempDir dir;
        CopyFixture(dir, {{c.file, c.text}});
        const auto errors = ImportErrors(dir.Path());
        EXPECT_TRUE(HasLine(errors, dir.Path() + "/" + c.where, c.says)) << Joined(errors);
    }
    TempDir empty;
    const auto errors = ImportErrors(empty.Path());
    EXPECT_EQ(errors.size(), 4u) << Joined(errors); // each missing file once
}
