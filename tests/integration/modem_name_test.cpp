// The configured name of a modem is its Modem.Name property and the prefix of its log
// lines. Real dbus-daemon, zanryo-modem-sim and zanryod; asserted through busctl.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

TEST(ModemName, configuredNameIsThePropertyAndTheLogPrefix)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"" + sim.link() + "\"\nname = \"wan\"\nmethod = \"none\"\n", {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	EXPECT_EQ(getProperty(bus, path, kModem, "Name"), "wan");
	EXPECT_EQ(getProperty(bus, path, kModem, "Device"), sim.link());
	EXPECT_NE(daemon.log().find("wan: huawei E3372 on " + sim.link() + " published at " + path), std::string::npos)
		<< daemon.log();
}

TEST(ModemName, modemWithoutANameHasAnEmptyNameAndLogsItsDevice)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"" + sim.link() + "\"\nmethod = \"none\"\n", {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	EXPECT_EQ(getProperty(bus, path, kModem, "Name"), "");
	EXPECT_NE(daemon.log().find(sim.link() + ": "), std::string::npos) << daemon.log();
}

} // namespace
} // namespace zanryo::test
