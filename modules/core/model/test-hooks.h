// Points where a test may step into the product's control flow: fault injection and stops at
// exact moments, so that interruption and failure handling can be tested without racing the
// clock. The product never sets them (and reads no environment variable for them); the test
// binary `sagin-hooked` (tests/common/hooked-main.cc) installs them from its environment.
#ifndef SAGIN_CORE_TEST_HOOKS_H
#define SAGIN_CORE_TEST_HOOKS_H

#include <cstddef>
#include <functional>

namespace sagin
{

struct TestHooks
{
    /// Called just before a finished result folder is renamed into place (CommitDirectory).
    std::function<void()> beforeCommit;
    /// Called by a sweep worker before it runs study task N; true: the worker fails (aborts).
    std::function<bool(std::size_t task)> failStudyTask;
};

/// The process's hooks (empty in the product).
TestHooks& Hooks();

} // namespace sagin

#endif
