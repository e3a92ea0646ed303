// dbus-daemon going away under zanryod (a restart of dbus.service, a crash): zanryod
// logs it and exits 69 (EX_UNAVAILABLE), so systemd's Restart=on-failure starts it on a
// new connection, instead of aborting with an uncaught exception.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <regex>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

TEST(ZanryodBusLoss, exitsUnavailableWhenTheBusGoesAway)
{
	SimModem sim("ru-prepaid");
	auto bus = std::make_unique<PrivateBus>();
	Zanryod daemon(*bus, { "[[modem]]\ndevice = \"" + sim.link() + "\"\nmethod = \"none\"\n", {}, {} });
	daemon.waitReady();
	// The modem object is published, so the disconnect also has signals and a modem to undo.
	ASSERT_TRUE(waitUntil(
		[&] {
			auto r = bus->busctl({ "--list", "tree", "org.zanryo.Zanryo1" });
			return r.out.find("/org/zanryo/Zanryo1/modem/") != std::string::npos;
		},
		within(20s)))
		<< daemon.log();

	bus.reset();
	auto code = daemon.process().wait(within(10s));
	ASSERT_TRUE(code.has_value()) << "zanryod kept running without its bus: " << daemon.log();
	EXPECT_EQ(*code, 69) << daemon.log();
	EXPECT_NE(daemon.log().find("lost the bus connection"), std::string::npos) << daemon.log();
	EXPECT_EQ(daemon.log().find("terminate called"), std::string::npos) << daemon.log();
}

} // namespace
} // namespace zanryo::test
