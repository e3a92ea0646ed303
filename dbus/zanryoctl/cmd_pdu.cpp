#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace zanryo::ctl {

void addPduCommands(CLI::App &app)
{
	(void)app; // filled in with the codec it drives
}

} /* namespace zanryo::ctl */
