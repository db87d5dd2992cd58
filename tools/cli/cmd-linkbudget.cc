// Placeholder until the link module lands.
#include "cli/commands.h"

namespace sagin::cli
{

void
AddLinkbudgetCommand(CLI::App&)
{
}

} // namespace sagin::cli
