// zanryo-modem-sim: a simulated LTE modem and carrier network on a pseudo-terminal.
// Usage and the scenario format: tests/sim/README.md, docs/simulator.md.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <string>

#include "sim_device.hpp"
#include "sim_log.hpp"
#include "sim_scenario.hpp"

namespace {

constexpr const char *kUsage =
	"usage: zanryo-modem-sim --scenario FILE [--link PATH] [--control SOCKET] [--print-path]\n"
	"  --scenario FILE   TOML scenario (tests/sim/scenarios/*.toml)\n"
	"  --link PATH       keep a symlink PATH -> the pty slave (a stable /dev/ttyUSB2)\n"
	"  --control SOCKET  unix stream socket for fault injection (one command per line)\n"
	"  --print-path      print the slave path on stdout (always done; kept for scripts)\n";

} /* namespace */

int main(int argc, char **argv)
{
	using namespace zanryo;
	std::string scenarioPath, linkPath, controlPath;
	for (int i = 1; i < argc; ++i) {
		std::string_view a = argv[i];
		auto value = [&](std::string &out) {
			if (i + 1 >= argc) {
				std::fprintf(stderr, "%s needs a value\n%s", argv[i], kUsage);
				std::exit(2);
			}
			out = argv[++i];
		};
		if (a == "--scenario")
			value(scenarioPath);
		else if (a == "--link")
			value(linkPath);
		else if (a == "--control")
			value(controlPath);
		else if (a == "--print-path")
			continue;
		else if (a == "--help" || a == "-h") {
			std::fputs(kUsage, stdout);
			return 0;
		} else {
			std::fprintf(stderr, "unknown argument %s\n%s", argv[i], kUsage);
			return 2;
		}
	}
	if (scenarioPath.empty()) {
		std::fputs(kUsage, stderr);
		return 2;
	}
	auto scenario = sim::loadScenario(scenarioPath);
	if (!scenario) {
		std::fprintf(stderr, "zanryo-modem-sim: invalid scenario: %s\n", scenario.error().what.c_str());
		return 2;
	}
	std::signal(SIGPIPE, SIG_IGN);

	boost::asio::io_context io;
	sim::Simulator simulator(io, std::move(*scenario), linkPath);
	std::string error;
	if (!controlPath.empty() && !simulator.listenControl(controlPath, &error)) {
		std::fprintf(stderr, "zanryo-modem-sim: %s\n", error.c_str());
		return 1;
	}
	if (!simulator.start(&error)) {
		std::fprintf(stderr, "zanryo-modem-sim: %s\n", error.c_str());
		simulator.shutdown();
		return 1;
	}
	boost::asio::signal_set signals(io, SIGTERM, SIGINT);
	signals.async_wait([&](const boost::system::error_code &ec, int sig) {
		if (ec)
			return;
		sim::logLine("main", fmt::format("signal {}: exiting", sig));
		simulator.shutdown();
		io.stop();
	});
	io.run();
	return 0;
}
