// The test binary `sagin-hooked`: the `sagin` program with the test hooks
// (core/model/test-hooks.h) installed from its environment before main runs:
//   SAGIN_TEST_STOP_BEFORE_COMMIT=1   stop (SIGSTOP) just before a result folder is renamed into place
//   SAGIN_STUDY_FAULT_TASKS=2,5       sweep workers of these study tasks abort
#include "core/model/test-hooks.h"

#include <csignal>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>

namespace
{

struct InstallFromEnvironment
{
    InstallFromEnvironment()
    {
        if (std::getenv("SAGIN_TEST_STOP_BEFORE_COMMIT"))
        {
            sagin::Hooks().beforeCommit = [] { ::raise(SIGSTOP); };
        }
        if (const char* env = std::getenv("SAGIN_STUDY_FAULT_TASKS"))
        {
            std::set<std::size_t> tasks;
            std::istringstream in(env);
            std::string item;
            while (std::getline(in, item, ','))
            {
                if (!item.empty())
                {
                    tasks.insert(std::strtoul(item.c_str(), nullptr, 10));
                }
            }
            sagin::Hooks().failStudyTask = [tasks](std::size_t task) { return tasks.count(task) > 0; };
        }
    }
};

const InstallFromEnvironment kInstall;

} // namespace
