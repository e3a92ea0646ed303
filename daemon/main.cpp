#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <sdbus-c++/sdbus-c++.h>
#include <systemd/sd-daemon.h>

#include "bus_loop.hpp"
#include "log.hpp"
#include "zanryo1_adaptor.h"

namespace zanryo {

namespace {

constexpr const char *kBusName = "org.zanryo.Zanryo1";
constexpr const char *kRootPath = "/org/zanryo/Zanryo1";
constexpr const char *kVersion = "0.1.0";

class ManagerObject final : public sdbus::AdaptorInterfaces<org::zanryo::Zanryo1::Manager_adaptor,
							   sdbus::ObjectManager_adaptor>
{
public:
	explicit ManagerObject(sdbus::IConnection &connection)
		: AdaptorInterfaces(connection, kRootPath)
	{
		registerAdaptor();
	}
	~ManagerObject() { unregisterAdaptor(); }

private:
	uint32_t RefreshAll() override { return 0; }
	std::string Version() override { return kVersion; }
};

std::unique_ptr<sdbus::IConnection> connectBus(const std::string &bus)
{
	if (bus == "system")
		return sdbus::createSystemBusConnection();
	if (bus == "session")
		return sdbus::createSessionBusConnection();
	return sdbus::createSessionBusConnectionWithAddress(bus);
}

} /* namespace */

} /* namespace zanryo */

int main(int argc, char **argv)
{
	using namespace zanryo;

	CLI::App app{ "zanryod: keeps track of the data and money left on modem SIMs" };
	std::string bus = "system";
	app.add_option("--bus", bus, "system, session, or a D-Bus address (unix:path=...)")
		->capture_default_str();
	app.set_version_flag("--version", std::string("zanryod ") + kVersion);
	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &e) {
		return app.exit(e) == 0 ? 0 : 64; // EX_USAGE
	}

	boost::asio::io_context io;
	std::unique_ptr<sdbus::IConnection> connection;
	try {
		connection = connectBus(bus);
		connection->requestName(kBusName);
	} catch (const sdbus::Error &e) {
		logError("cannot own {} on the {} bus: {}", kBusName, bus, e.getMessage());
		return 69; // EX_UNAVAILABLE
	}

	ManagerObject manager(*connection);
	BusLoop loop(io, *connection);

	boost::asio::signal_set signals(io, SIGTERM, SIGINT);
	signals.async_wait([&](const boost::system::error_code &, int signo) {
		logInfo("signal {}: stopping", signo);
		sd_notify(0, "STOPPING=1");
		loop.stop();
		io.stop();
	});

	logInfo("zanryod {} owns {} on the {} bus", kVersion, kBusName, bus);
	sd_notify(0, "READY=1\nSTATUS=Running");
	io.run();
	return 0;
}
