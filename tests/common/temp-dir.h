// A temporary folder for one test, removed at the end of the test.
#ifndef SAGIN_TESTS_TEMP_DIR_H
#define SAGIN_TESTS_TEMP_DIR_H

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace sagin::test
{

class TempDir
{
  public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "sagin-test-XXXXXX").string();
        char* made = ::mkdtemp(pattern.data());
        m_path = made ? made : "";
    }

    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }

    const std::string& Path() const
    {
        return m_path;
    }

    /// Writes a file inside the folder and returns its path.
    std::string Write(const std::string& name, const std::string& content) const
    {
        std::string p = m_path + "/" + name;
        std::filesystem::create_directories(std::filesystem::path(p).parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p;
    }

  private:
    std::string m_path;
};

} // namespace sagin::test

#endif
