#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "commands.hpp"

int main(int argc, char **argv)
{
	CLI::App app{ "zanryoctl: ask a mobile modem how much data and money is left" };
	app.set_version_flag("--version", "zanryoctl 0.1.0");
	app.require_subcommand(1);

	zanryo::ctl::addCodecCommands(app);

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
