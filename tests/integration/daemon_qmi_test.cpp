// zanryod with the QMI backend: --device qmi:PATH on zanryo-qmi-sim, which real libqmi
// talks to. Asserted through busctl only, as for the AT modems in daemon_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "support/private_bus.hpp"
#include "support/qmi_sim.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

TEST(ZanryodQmi, ussdBalanceThroughTheQmiBackend)
{
	QmiSim sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus,
		       { "[defaults]\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n",
			 { "qmi:" + sim.link() },
			 {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(30s));
	ASSERT_FALSE(path.empty()) << daemon.log() << sim.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kModem, "State") == "ready"; },
			      within(30s)))
		<< daemon.log();
	EXPECT_EQ(getProperty(bus, path, kModem, "Backend"), "qmi");
	EXPECT_EQ(getProperty(bus, path, kModem, "Device"), sim.link());
	EXPECT_EQ(getProperty(bus, path, kModem, "OperatorMccMnc"), "250-01");

	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 60s);
	ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log() << sim.log();
	EXPECT_NE(r.out.find("\"Money\" s \"125.50\""), std::string::npos) << r.out;
	EXPECT_EQ(getProperty(bus, path, kBalance, "Money"), "125.50");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Currency"), "RUB");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Source"), "ussd:*100#");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "false");

	// A menu over VOICE USSD, through the daemon's Ussd interface.
	auto menu = bus.busctl(
		{ "call", kService, path, "org.zanryo.Zanryo1.Ussd", "Initiate", "s", "*111#" },
		60s);
	ASSERT_EQ(menu.exitCode, 0) << menu.err << daemon.log();
	EXPECT_EQ(getProperty(bus, path, "org.zanryo.Zanryo1.Ussd", "State"), "user-response");
	auto answer = bus.busctl(
		{ "call", kService, path, "org.zanryo.Zanryo1.Ussd", "Respond", "s", "2" }, 60s);
	ASSERT_EQ(answer.exitCode, 0) << answer.err << daemon.log();
	EXPECT_EQ(getProperty(bus, path, "org.zanryo.Zanryo1.Ussd", "State"), "idle");
}

// A QMI firmware without VOICE: with at_port, zanryod asks the same modem's AT port.
TEST(ZanryodQmi, noVoiceServiceFallsBackToTheConfiguredAtPort)
{
	QmiSim qmi("ru-prepaid");
	ASSERT_EQ(qmi.control("voice off"), "ok");
	SimModem at("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(
		bus, { "[[modem]]\ndevice = \"qmi:" + qmi.link() + "\"\nat_port = \"" + at.link() +
			       "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n",
		       {},
		       {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(30s));
	ASSERT_FALSE(path.empty()) << daemon.log() << qmi.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "125.50"; },
			      within(40s)))
		<< daemon.log() << at.log();
	EXPECT_EQ(getProperty(bus, path, kModem, "Backend"), "qmi")
		<< "identity and state stay on QMI";
	EXPECT_NE(at.log().find("AT+CUSD=1"), std::string::npos)
		<< "the AT port answered the USSD\n"
		<< at.log();
	EXPECT_EQ(getProperty(bus, path, kBalance, "Source"), "ussd:*100#");
}

TEST(ZanryodQmi, atPortOnAnAtDeviceIsAConfigError)
{
	SimModem at("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(
		bus, { "[[modem]]\ndevice = \"at:" + at.link() + "\"\nat_port = \"/dev/ttyUSB3\"\n",
		       {},
		       {} });
	// Its only modem cannot be made: zanryod says why and exits (systemd shows the line).
	ASSERT_TRUE(waitUntil([&] { return !daemon.process().running(); }, within(10s)))
		<< daemon.log();
	EXPECT_NE(daemon.log().find("at_port is for a QMI device"), std::string::npos)
		<< daemon.log();
	EXPECT_EQ(daemon.process().exitCode(), std::optional<int>(78)) << "a configuration error";
}

// No network interface is known for this port (a pty): the modem's WDS counters are
// counted instead, through the data call's resets.
TEST(ZanryodQmi, withoutAnInterfaceTheModemsPacketCountersAreCounted)
{
	QmiSim sim("ru-prepaid");
	ASSERT_EQ(sim.control("wds-counters 1000 5000"), "ok");
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"qmi:" + sim.link() +
				      "\"\nmethod = \"none\"\nusage_interval = "
				      "\"1s\"\n[modem.plan]\nallowance = \"1MB\"\n",
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(30s));
	ASSERT_FALSE(path.empty()) << daemon.log() << sim.log();
	const char *usage = "org.zanryo.Zanryo1.Usage";
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, usage, "Interface") == "modem"; },
			      within(20s)))
		<< daemon.log();
	EXPECT_EQ(getProperty(bus, path, usage, "UsedThisPeriod"), "0")
		<< "the first reading is the baseline";

	ASSERT_EQ(sim.control("wds-advance 300 700"), "ok");
	ASSERT_TRUE(
		waitUntil([&] { return getProperty(bus, path, usage, "UsedThisPeriod") == "1000"; },
			  within(20s)))
		<< getProperty(bus, path, usage, "UsedThisPeriod") << "\n"
		<< daemon.log();
	EXPECT_EQ(getProperty(bus, path, usage, "EstimatedDataRemaining"),
		  std::to_string(1024 * 1024 - 1000));

	// The data call drops (counters restart at 0) and comes back with new traffic.
	ASSERT_EQ(sim.control("data-call off"), "ok");
	ASSERT_EQ(sim.control("data-call on"), "ok");
	ASSERT_EQ(sim.control("wds-advance 100 400"), "ok");
	ASSERT_TRUE(
		waitUntil([&] { return getProperty(bus, path, usage, "UsedThisPeriod") == "1500"; },
			  within(20s)))
		<< getProperty(bus, path, usage, "UsedThisPeriod") << "\n"
		<< daemon.log();
}

} // namespace
} // namespace zanryo::test
