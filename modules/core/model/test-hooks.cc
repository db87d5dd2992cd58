#include "core/model/test-hooks.h"

namespace sagin
{

TestHooks&
Hooks()
{
    static TestHooks hooks;
    return hooks;
}

} // namespace sagin
