#include <cstdio>
#include <filesystem>
#include <malloc.h>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <sdbus-c++/sdbus-c++.h>
#include <systemd/sd-daemon.h>

#include "daemon.hpp"
#include "log.hpp"
#include "log_sink.hpp"
#include "modem_factory.hpp"

namespace {

// sysexits(3) codes, which systemd and packagers recognise.
constexpr int kExitUsage = 64;
constexpr int kExitUnavailable = 69;
constexpr int kExitConfig = 78;

constexpr const char *kDefaultConfig = "/etc/zanryo/zanryod.toml";

std::unique_ptr<sdbus::IConnection> connectBus(const std::string &bus)
{
	if (bus == "system")
		return sdbus::createSystemBusConnection();
	if (bus == "session")
		return sdbus::createSessionBusConnection();
	return sdbus::createSessionBusConnectionWithAddress(bus);
}

std::optional<zanryo::ProviderDb> loadProviders(const zanryo::Config &config)
{
	using namespace zanryo;
	// Called for each SIM looked up (ProviderSource), not kept in memory in between.
	std::string path = config.providerDb.empty() ? ZANRYO_MBPI_DEFAULT : config.providerDb;
	auto db = ProviderDb::fromMbpiFile(path);
	if (!db) {
		logWarning("provider database {}: {}; only configured methods will be used", path,
			   db.error().message());
		db = ProviderDb{};
	}
	// The project's overlay (installed, or the source tree when run from a build), then
	// the user's directory, which wins.
	std::vector<std::filesystem::path> dirs;
	if (std::filesystem::is_directory(ZANRYO_PROVIDERS_DIR))
		dirs.emplace_back(ZANRYO_PROVIDERS_DIR);
	else if (std::filesystem::is_directory(ZANRYO_SOURCE_PROVIDERS_DIR))
		dirs.emplace_back(ZANRYO_SOURCE_PROVIDERS_DIR);
	dirs.emplace_back(config.providersDir);
	for (const auto &dir : dirs)
		for (const OverlayError &e : db->applyOverlayDir(dir))
			logWarning("provider overlay skipped: {}", e.text());
	return std::move(db).value();
}

} /* namespace */

int main(int argc, char **argv)
{
	using namespace zanryo;

	CLI::App app{ "zanryod: keeps track of the data and money left on modem SIMs" };
	std::string bus = "system";
	std::string configPath;
	std::vector<std::string> devices;
	std::string stateDir;
	app.add_option("--config", configPath, "configuration file (default /etc/zanryo/zanryod.toml)");
	app.add_option("--device", devices,
		       "add a modem: /dev/ttyUSB2, at:PATH or qmi:PATH (repeatable; uses [defaults])");
	app.add_option("--bus", bus, "system, session, or a D-Bus address (unix:path=...)")
		->capture_default_str();
	app.add_option("--state-dir", stateDir, "overrides [daemon] state_dir");
	std::string sysfsRoot, devRoot;
	app.add_option("--sysfs-root", sysfsRoot,
		       "for tests: direct discovery reads this directory instead of /sys (no udev monitor)");
	app.add_option("--dev-root", devRoot, "for tests: discovered ports are device nodes in this directory, not /dev");
	std::vector<std::string> testMmDevices;
	app.add_option("--test-mm-device", testMmDevices,
		       "for tests: PATH=DEVICE opens ModemManager's modem PATH as DEVICE (repeatable)");
	bool checkOnly = false;
	app.add_flag("--check-config", checkOnly,
		     "read the configuration, report what is wrong (exit 78) or exit 0, and stop");
	std::string debug;
	app.add_flag("--debug{masked}", debug,
		     "log debug messages and every modem's dialogue (AT lines, QMI messages); "
		     "--debug=unmasked also shows IMSI, ICCID, IMEI and phone numbers")
		->check(CLI::IsMember({ "masked", "unmasked" }));
	app.set_version_flag("--version", std::string("zanryod ") + Daemon::kVersion);
	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &e) {
		return app.exit(e) == 0 ? 0 : kExitUsage;
	}
	installLogSink(detectLogOutput());
	if (!debug.empty()) {
		log::setLevel(log::Level::Trace);
		log::setUnmasked(debug == "unmasked");
		if (log::unmasked())
			logWarning("--debug=unmasked: IMSI, ICCID, IMEI and phone numbers are logged as they are");
	}

	Config config;
	{
		bool explicitPath = !configPath.empty();
		std::string path = explicitPath ? configPath : kDefaultConfig;
		if (explicitPath || std::filesystem::exists(path)) {
			auto loaded = loadConfig(path);
			if (!loaded) {
				logError("{}", loaded.error().message());
				return kExitConfig;
			}
			config = std::move(loaded).value();
		}
	}
	// A package's postinst, or an admin before a restart: the same loader as a start.
	if (checkOnly) {
		fmt::print("{}: configuration OK, {} modem(s)\n",
			   configPath.empty() ? kDefaultConfig : configPath, config.modems.size() + devices.size());
		return 0;
	}
	if (!stateDir.empty())
		config.stateDir = stateDir;
	if (!sysfsRoot.empty())
		config.sysfsRoot = sysfsRoot;
	if (!devRoot.empty())
		config.devRoot = devRoot;
	std::map<std::string, std::string> mmDevices;
	for (const std::string &entry : testMmDevices) {
		auto eq = entry.find('=');
		if (eq == std::string::npos || eq == 0 || eq + 1 == entry.size()) {
			logError("--test-mm-device {}: expected PATH=DEVICE", entry);
			return kExitUsage;
		}
		mmDevices["mm:" + entry.substr(0, eq)] = entry.substr(eq + 1);
	}
	for (const std::string &d : devices) {
		ModemConfig m = config.defaults;
		m.device = d;
		config.modems.push_back(std::move(m));
	}
	std::error_code ec;
	// A directory zanryod makes is 0750 whatever the umask (systemd's StateDirectory=
	// makes its own); an existing one is left as its owner set it.
	if (std::filesystem::create_directories(config.stateDir, ec) && !ec)
		std::filesystem::permissions(config.stateDir, std::filesystem::perms(0750), ec);
	if (ec) {
		logError("state directory {}: {}", config.stateDir, ec.message());
		return kExitConfig;
	}

	boost::asio::io_context io;
	std::unique_ptr<sdbus::IConnection> connection;
	try {
		connection = connectBus(bus);
		connection->requestName(Daemon::kBusName);
	} catch (const sdbus::Error &e) {
		logError("cannot own {} on the {} bus: {}", Daemon::kBusName, bus, e.getMessage());
		return kExitUnavailable;
	}

	const std::string stateDirForModems = config.stateDir;
	Daemon daemon(io, std::move(connection), config,
		      ProviderSource([config] { return loadProviders(config); }),
		      [stateDirForModems, mmDevices](boost::asio::io_context &ctx, const ModemConfig &m) {
			      // Tests stand a simulator in for a fake ModemManager's modem.
			      if (auto it = mmDevices.find(m.device); it != mmDevices.end()) {
				      ModemConfig stand = m;
				      stand.device = it->second;
				      return makeModem(ctx, stand, stateDirForModems);
			      }
			      return makeModem(ctx, m, stateDirForModems);
		      });
	if (!daemon.start())
		return daemon.failedOnConfig() ? kExitConfig : kExitUnavailable;
	// Start-up leaves freed heap behind (configuration, provider look-ups): return it.
	::malloc_trim(0);

	boost::asio::signal_set signals(io, SIGTERM, SIGINT);
	signals.async_wait([&](const boost::system::error_code &, int signo) {
		logInfo("signal {}: stopping", signo);
		sd_notify(0, "STOPPING=1");
		daemon.stop();
		io.stop();
	});

	logInfo("zanryod {} owns {} on the {} bus with {} configured modem(s); discover = \"{}\"", Daemon::kVersion,
		Daemon::kBusName, bus, config.modems.size(), discoverModeName(config.discover));
	io.run();
	if (daemon.busLost()) {
		daemon.stop();
		return kExitUnavailable;
	}
	return 0;
}
