#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli_args.hpp"
#include "commands.hpp"
#include "units.hpp"

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

namespace {

/// "zanryoctl statsu": CLI11 would only say that a subcommand is required.
void checkCommandWord(CLI::App &app, const std::string &word)
{
	if (word.empty())
		return;
	std::vector<std::string> names;
	for (CLI::App *sub : app.get_subcommands([](CLI::App *) { return true; }))
		names.push_back(sub->get_name());
	for (const auto &n : names)
		if (n == word)
			return;
	if (auto near = nearestCommand(word, names))
		throw CommandError(Exit::Usage, fmt::format("unknown command '{}'; did you mean '{}'?", word, *near));
	throw CommandError(Exit::Usage, fmt::format("unknown command '{}'; see 'zanryoctl --help'", word));
}

} /* namespace */

} /* namespace zanryo::ctl */

int main(int argc, char **argv)
{
	using namespace zanryo::ctl;
	CLI::App app{ "zanryoctl: ask a mobile modem how much data and money is left" };
	app.set_version_flag("--version", "zanryoctl " ZANRYO_VERSION);
	app.require_subcommand(1);
	app.footer("--bus, --modem and --json may also come before the command. Exit status: 0 ok, 1 failure, "
		   "2 usage, 3 zanryod not running, 4 not authorized, 5 busy, 6 timeout (zanryoctl(1)).\n");
	bool si = false;
	app.add_flag("--si", si, "bytes in decimal units (kB, MB, GB: 1000) instead of binary (KiB, MiB, GiB)");

	addPduCommands(app);
	addUssdCommands(app);
	addClientCommands(app);
	addProviderCommands(app);
	addParseCommands(app);
	addDeviceCommands(app);
	addHistoryCommands(app);

	try {
		HoistedArgs hoisted = hoistGlobalOptions(std::vector<std::string>(argv + 1, argv + argc));
		if (hoisted.si)
			byteUnits() = ByteUnits::Decimal;
		checkCommandWord(app, hoisted.command);
		// CLI11 parses a vector given in reverse order.
		std::vector<std::string> reversed(hoisted.args.rbegin(), hoisted.args.rend());
		app.parse(reversed);
	} catch (const CLI::ParseError &e) {
		// Usage errors share exit code 2 with bad input; --help and --version exit 0.
		int rc = app.exit(e);
		return rc == 0 ? 0 : static_cast<int>(Exit::Usage);
	} catch (const CommandError &e) {
		fmt::print(stderr, "zanryoctl: {}\n", e.what());
		return e.exitCode();
	} catch (const std::exception &e) {
		fmt::print(stderr, "zanryoctl: {}\n", e.what());
		return static_cast<int>(Exit::Failure);
	}
	return 0;
}
