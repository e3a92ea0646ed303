// zanryo-export: publishes what zanryod knows to Prometheus (/metrics and a textfile for
// node_exporter), as a client of zanryod like any other (docs/export.md).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <zanryo/client.hpp>

#include "bus_watch.hpp"
#include "export_config.hpp"
#include "exporter.hpp"
#include "metrics_server.hpp"

namespace {

// sysexits(3) codes, as zanryod uses them.
constexpr int kExitUsage = 64;
constexpr int kExitUnavailable = 69;
constexpr int kExitConfig = 78;

constexpr const char *kDefaultConfig = "/etc/zanryo/export.toml";

} /* namespace */

int main(int argc, char **argv)
{
	using namespace zanryo::exporter;

	CLI::App app{ "zanryo-export: zanryod's balances as Prometheus metrics and on MQTT for Home Assistant" };
	std::string bus = "system";
	std::string configPath;
	app.add_option("--config", configPath, "configuration file (default /etc/zanryo/export.toml)");
	app.add_option("--bus", bus, "system, session, or a D-Bus address (unix:path=...)")->capture_default_str();
	app.set_version_flag("--version", std::string("zanryo-export ") + ZANRYO_VERSION);
	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &e) {
		int code = app.exit(e);
		return code == 0 ? 0 : kExitUsage;
	}

	// The default file may be missing (defaults apply); a file named with --config may not.
	ExportConfig config;
	std::string file = configPath.empty() ? kDefaultConfig : configPath;
	if (!configPath.empty() || std::filesystem::exists(file)) {
		std::ifstream in(file);
		if (!in) {
			fmt::print(stderr, "<3>{}: cannot read the configuration\n", file);
			return kExitConfig;
		}
		std::stringstream text;
		text << in.rdbuf();
		if (auto error = parseExportConfig(text.str(), file, config)) {
			fmt::print(stderr, "<3>{}\n", *error);
			return kExitConfig;
		}
	}

	boost::asio::io_context io;
	int exitCode = 0;
	try {
		zanryo::client::Client client(bus);
		Exporter exporter(io, client, bus, config);
		std::unique_ptr<MetricsServer> server;
		if (!config.listen.empty()) {
			auto address = parseListen(config.listen);
			try {
				server = std::make_unique<MetricsServer>(io, *address, [&] { return exporter.metrics(); });
			} catch (const boost::system::system_error &e) {
				fmt::print(stderr, "<3>cannot listen on {}: {}\n", config.listen, e.code().message());
				return kExitUnavailable;
			}
			auto ep = server->endpoint();
			fmt::print(stderr, "<6>serving /metrics on {}\n",
				   ep.address().is_v6() ? fmt::format("[{}]:{}", ep.address().to_string(), ep.port())
							: fmt::format("{}:{}", ep.address().to_string(), ep.port()));
		}
		if (!config.textfile.empty())
			fmt::print(stderr, "<6>writing {}\n", config.textfile);
		BusWatch watch(io, client, [&](const std::string &why) {
			// A broken bus connection cannot be resumed; systemd starts a fresh process.
			fmt::print(stderr, "<3>lost the bus connection: {}\n", why);
			exitCode = kExitUnavailable;
			io.stop();
		});
		boost::asio::signal_set signals(io, SIGTERM, SIGINT);
		signals.async_wait([&](const boost::system::error_code &, int) { io.stop(); });
		io.run();
	} catch (const zanryo::client::Error &e) {
		fmt::print(stderr, "<3>{}\n", e.what());
		return kExitUnavailable;
	} catch (const std::runtime_error &e) {
		// The MQTT client could not be set up (TLS files, options).
		fmt::print(stderr, "<3>{}\n", e.what());
		return kExitConfig;
	}
	return exitCode;
}
