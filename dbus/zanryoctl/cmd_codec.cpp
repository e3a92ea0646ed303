#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace zanryo::ctl {

void addCodecCommands(CLI::App &app)
{
	(void)app;
}

} /* namespace zanryo::ctl */
