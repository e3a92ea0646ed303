// zanryod end to end: a real dbus-daemon on a private socket, zanryo-modem-sim on a pty,
// zanryod between them. Everything is asserted through busctl and dbus-monitor, the way
// users and scripts see the daemon.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <regex>
#include <thread>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

bool waitProperty(PrivateBus &bus, const std::string &path, const char *iface, const char *name,
		  const std::string &expected, Deadline deadline)
{
	return waitUntil([&] { return getProperty(bus, path, iface, name) == expected; }, deadline);
}

std::string smsConfig(const std::string &extra = {})
{
	return "[[modem]]\n"
	       "device = \"@DEVICE@\"\n"
	       "method = \"sms\"\n"
	       "sms_number = \"00000\"\n"
	       "sms_text = \"残高\"\n"
	       "min_interval = \"0s\"\n"
	       "reply_timeout = \"20s\"\n" +
	       extra;
}

std::string withDevice(std::string config, const std::string &device)
{
	return std::regex_replace(config, std::regex("@DEVICE@"), device);
}

TEST(Zanryod, ownsNameAndAnswersWithoutModems)
{
	PrivateBus bus;
	Zanryod daemon(bus, {});
	daemon.waitReady();
	auto r = bus.busctl({ "get-property", kService, "/org/zanryo/Zanryo1", "org.zanryo.Zanryo1.Manager",
			      "Version" });
	ASSERT_EQ(r.exitCode, 0) << r.err;
	EXPECT_EQ(busctlValue(r.out), "0.1.0");
	auto objects = bus.busctl({ "call", kService, "/org/zanryo/Zanryo1", "org.freedesktop.DBus.ObjectManager",
				    "GetManagedObjects" });
	ASSERT_EQ(objects.exitCode, 0) << objects.err;
	EXPECT_EQ(objects.out, "a{oa{sa{sv}}} 0\n");
}

TEST(Zanryod, invalidConfigExits78NamingLineAndKey)
{
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"/dev/null\"\npoll_intervall = \"1h\"\n", {}, {} });
	auto code = daemon.process().wait(within(10s));
	ASSERT_TRUE(code.has_value());
	EXPECT_EQ(*code, 78);
	EXPECT_NE(daemon.log().find(":3: unknown key 'modem[0].poll_intervall'"), std::string::npos)
		<< daemon.log();
}

TEST(Zanryod, japaneseMvnoSmsBalanceReachesTheBus)
{
	SimModem sim("jp-mvno");
	PrivateBus bus;
	Zanryod daemon(bus, { withDevice(smsConfig(), sim.link()), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();

	ASSERT_TRUE(waitProperty(bus, path, kBalance, "HasData", "true", within(30s)))
		<< daemon.log() << sim.log();
	// busctl prints non-ASCII bytes of strings as octal escapes: "残高".
	EXPECT_EQ(getProperty(bus, path, kBalance, "Source"), "sms:00000:\\346\\256\\213\\351\\253\\230");
	EXPECT_EQ(getProperty(bus, path, kBalance, "HasData"), "true");
	EXPECT_EQ(getProperty(bus, path, kBalance, "DataRemaining"), "1342177280"); // 1.25 GB
	EXPECT_EQ(getProperty(bus, path, kBalance, "Expires"), "1798675200");       // 2026-12-31 UTC
	EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "false");
	EXPECT_EQ(getProperty(bus, path, kModem, "Manufacturer"), "Quectel");
	EXPECT_EQ(getProperty(bus, path, kModem, "OperatorMccMnc"), "440-10");
	EXPECT_NE(getProperty(bus, path, kBalance, "RawReply").find("1.25GB"), std::string::npos);
}

TEST(Zanryod, russianUssdBalanceAndRefresh)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"ussd\"\nussd = \"*100#\"\n"
					 "min_interval = \"0s\"\n",
					 sim.link()),
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitProperty(bus, path, kBalance, "Money", "125.50", within(30s))) << daemon.log();
	EXPECT_EQ(getProperty(bus, path, kBalance, "Currency"), "RUB");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Source"), "ussd:*100#");

	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log();
	EXPECT_NE(r.out.find("\"Money\" s \"125.50\""), std::string::npos) << r.out;
}

TEST(Zanryod, concurrentRefreshCallsShareOneQuery)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"ussd\"\nussd = \"*100#\"\n"
					 "min_interval = \"0s\"\n",
					 sim.link()),
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_TRUE(waitProperty(bus, path, kBalance, "Money", "125.50", within(30s))) << daemon.log();
	auto countQueries = [&] { return occurrences(sim.log(), "AT+CUSD=1"); };
	size_t before = countQueries();

	// Four callers at once; the simulator answers USSD after 400 ms, so they overlap.
	std::vector<std::thread> callers;
	std::vector<int> codes(4, -1);
	for (int i = 0; i < 4; i++)
		callers.emplace_back([&, i] { codes[i] = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s).exitCode; });
	for (auto &t : callers)
		t.join();
	for (int c : codes)
		EXPECT_EQ(c, 0);
	EXPECT_EQ(countQueries() - before, 1u) << sim.log();
}

TEST(Zanryod, hostileUssdArgumentsAreRejected)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"none\"\n", sim.link()), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	for (std::string bad : { std::string("*100#\";rm -rf /"), std::string(""), std::string(4000, '1'),
				 std::string("*100#\r\nAT+CFUN=0") }) {
		auto r = bus.busctl({ "call", kService, path, "org.zanryo.Zanryo1.Ussd", "Initiate", "s", bad });
		EXPECT_NE(r.exitCode, 0);
		EXPECT_NE(r.err.find("a USSD code is"), std::string::npos) << r.err;
	}
	EXPECT_EQ(sim.log().find("CFUN"), std::string::npos) << "nothing reached the modem";
	auto ok = bus.busctl({ "call", kService, path, "org.zanryo.Zanryo1.Ussd", "Initiate", "s", "*100#" }, 30s);
	ASSERT_EQ(ok.exitCode, 0) << ok.err;
	EXPECT_NE(ok.out.find("125.50"), std::string::npos);
}

TEST(Zanryod, forgottenMenuIsClosedAfterTheIdleTimeoutAndPollingGoesOn)
{
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"ussd\"\nussd = \"*100#\"\n"
					 "min_interval = \"0s\"\nussd_menu_timeout = \"5s\"\n",
					 sim.link()),
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	// The first scheduled query is over before the menu opens.
	ASSERT_TRUE(waitProperty(bus, path, kBalance, "Money", "12.34", within(30s))) << daemon.log();
	const char *ussd = "org.zanryo.Zanryo1.Ussd";
	auto menu = bus.busctl({ "call", kService, path, ussd, "Initiate", "s", "*101#" }, 30s);
	ASSERT_EQ(menu.exitCode, 0) << menu.err << daemon.log();
	EXPECT_NE(menu.out.find("1. Balance"), std::string::npos) << menu.out;
	EXPECT_EQ(getProperty(bus, path, ussd, "State"), "user-response");
	// The open menu holds the modem's USSD: a balance query must wait for it.
	auto busy = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 30s);
	EXPECT_NE(busy.exitCode, 0) << busy.out;

	// Nobody answers: after ussd_menu_timeout the modem's dialogue is cancelled, and the
	// D-Bus state follows without any call.
	ASSERT_TRUE(waitProperty(bus, path, ussd, "State", "idle", within(20s))) << daemon.log() << sim.log();
	EXPECT_NE(sim.log().find("AT+CUSD=2"), std::string::npos) << sim.log();
	auto late = bus.busctl({ "call", kService, path, ussd, "Respond", "s", "1" }, 30s);
	EXPECT_NE(late.exitCode, 0);
	EXPECT_NE(late.err.find("no USSD menu is open"), std::string::npos) << late.err;
	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log();
	EXPECT_NE(r.out.find("12.34"), std::string::npos) << r.out;
	EXPECT_EQ(occurrences(sim.log(), "AT+CUSD=1,\"*100#\""), 2u) << sim.log();
}

TEST(Zanryod, unprivilegedCallerReadsButCannotRefresh)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"none\"\n", sim.link()), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty());
	auto read = bus.busctl({ "get-property", kService, path, kModem, "Model" }, 10s, "nobody");
	ASSERT_EQ(read.exitCode, 0) << read.err;
	EXPECT_EQ(busctlValue(read.out), "E3372");
	auto refresh = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 10s, "nobody");
	EXPECT_NE(refresh.exitCode, 0);
	EXPECT_NE(refresh.err.find("ccess"), std::string::npos) << refresh.err; // AccessDenied
	auto identity = bus.busctl({ "call", kService, path, kModem, "GetIdentity" }, 10s, "nobody");
	EXPECT_NE(identity.exitCode, 0);
	auto rootIdentity = bus.busctl({ "call", kService, path, kModem, "GetIdentity" });
	ASSERT_EQ(rootIdentity.exitCode, 0) << rootIdentity.err;
	EXPECT_NE(rootIdentity.out.find("250010123456789"), std::string::npos);
}

TEST(Zanryod, restartRestoresTheLastReadingAsStale)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir state;
	std::string config = withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"ussd\"\nussd = \"*100#\"\n", sim.link());
	std::string path;
	{
		Zanryod first(bus, { config, {}, state.path() });
		first.waitReady();
		path = modemObjectPath(bus, within(20s));
		ASSERT_TRUE(waitProperty(bus, path, kBalance, "Money", "125.50", within(30s))) << first.log();
	}
	// The network refuses the next query: the restored value must stay, marked Stale.
	ASSERT_EQ(sim.control("cusd-status 4"), "ok");
	// A poll interval shorter than the reading's age makes the restarted daemon ask at once.
	Zanryod second(bus, { config + "poll_interval = \"1s\"\nmin_interval = \"0s\"\n", {}, state.path() });
	second.waitReady();
	ASSERT_EQ(modemObjectPath(bus, within(30s)), path) << "same SIM, same object path";
	EXPECT_EQ(getProperty(bus, path, kBalance, "Money"), "125.50");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "true");
	// After the refused query the value is still there, still Stale, with the reason.
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kModem, "LastError").find("NotSupported") != std::string::npos; },
			      within(30s)))
		<< second.log();
	EXPECT_EQ(getProperty(bus, path, kBalance, "Money"), "125.50");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "true");
}

TEST(Zanryod, lowSignalFiresOnceWhenThresholdIsCrossed)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Process monitor("dbus-monitor", { "--address", bus.address(), "type='signal',interface='org.zanryo.Zanryo1.Balance',member='Low'" });
	Zanryod daemon(bus, { withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"ussd\"\nussd = \"*100#\"\n"
					 "min_interval = \"0s\"\n[modem.thresholds]\nmoney = \"200.00\"\n",
					 sim.link()),
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_TRUE(monitor.waitForLine(std::regex("string \"money\""), within(30s))) << monitor.stdoutText() << daemon.log();
	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(r.exitCode, 0) << r.err;
	// A second reading below the threshold must not repeat the signal.
	auto monitorText = monitor.stdoutText();
	EXPECT_EQ(occurrences(monitorText, "member=Low"), 1u) << monitorText;
}

TEST(Zanryod, unplugMarksTheModemGoneAndReplugRecovers)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { withDevice("[[modem]]\ndevice = \"@DEVICE@\"\nmethod = \"ussd\"\nussd = \"*100#\"\n"
					 "min_interval = \"0s\"\n",
					 sim.link()),
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_TRUE(waitProperty(bus, path, kBalance, "Money", "125.50", within(30s))) << daemon.log();
	ASSERT_EQ(sim.control("unplug"), "ok");
	ASSERT_TRUE(waitProperty(bus, path, kModem, "State", "gone", within(20s))) << daemon.log();
	EXPECT_EQ(getProperty(bus, path, kBalance, "Money"), "125.50") << "the object and its values stay";
	ASSERT_EQ(sim.control("replug"), "ok");
	ASSERT_TRUE(waitProperty(bus, path, kModem, "State", "ready", within(30s))) << daemon.log();
	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	EXPECT_EQ(r.exitCode, 0) << r.err << daemon.log();
}

} // namespace
} // namespace zanryo::test
