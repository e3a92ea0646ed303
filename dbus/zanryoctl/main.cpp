#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "commands.hpp"

namespace zanryo::ctl {

CLI::App &commandGroup(CLI::App &app, const std::string &name, const std::string &description)
{
	for (CLI::App *sub : app.get_subcommands([](CLI::App *) { return true; }))
		if (sub->get_name() == name)
			return *sub;
	CLI::App *sub = app.add_subcommand(name, description);
	sub->require_subcommand(1);
	return *sub;
}

} /* namespace zanryo::ctl */

int main(int argc, char **argv)
{
	CLI::App app{ "zanryoctl: ask a mobile modem how much data and money is left" };
	app.set_version_flag("--version", "zanryoctl " ZANRYO_VERSION);
	app.require_subcommand(1);

	zanryo::ctl::addPduCommands(app);
	zanryo::ctl::addUssdCommands(app);
	zanryo::ctl::addClientCommands(app);
	zanryo::ctl::addProviderCommands(app);
	zanryo::ctl::addParseCommands(app);
	zanryo::ctl::addDeviceCommands(app);
	zanryo::ctl::addHistoryCommands(app);

	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &e) {
		// Usage errors share exit code 2 with bad input; --help and --version exit 0.
		int rc = app.exit(e);
		return rc == 0 ? 0 : 2;
	} catch (const zanryo::ctl::CommandError &e) {
		fmt::print(stderr, "zanryoctl: {}\n", e.what());
		return e.exitCode();
	} catch (const std::exception &e) {
		fmt::print(stderr, "zanryoctl: {}\n", e.what());
		return 1;
	}
	return 0;
}
