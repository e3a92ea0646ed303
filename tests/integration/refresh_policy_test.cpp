// When zanryod refuses a query, and what that refusal leaves behind: a Busy refusal
// (min_interval, a USSD session open) keeps the reading fresh and LastError as it was;
// a modem that cannot be queried at all is NotSupported with the fix; min_interval holds
// across a restart for RefreshAll. Real dbus-daemon, zanryo-modem-sim and zanryod;
// asserted through busctl.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

std::string ussdConfig(const std::string &device, const std::string &minInterval)
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"" +
	       minInterval + "\"\npoll_interval = \"2h\"\n";
}

std::string freshReading(PrivateBus &bus, Zanryod &daemon, std::string *path)
{
	*path = modemObjectPath(bus, within(20s));
	if (path->empty())
		return "no modem object: " + daemon.log();
	if (!waitUntil([&] { return getProperty(bus, *path, kBalance, "Stale") == "false"; }, within(30s)))
		return "no fresh reading: " + daemon.log();
	return {};
}

TEST(RefreshPolicy, minIntervalRefusalKeepsTheReadingFreshAndLastError)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim.link(), "1h"), {}, {} });
	daemon.waitReady();
	std::string path;
	ASSERT_EQ(freshReading(bus, daemon, &path), "");

	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 20s);
	EXPECT_NE(r.exitCode, 0);
	EXPECT_NE(r.err.find("min_interval"), std::string::npos) << r.err;
	EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "false");
	EXPECT_EQ(getProperty(bus, path, kModem, "LastError"), "");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Money"), "125.50");
}

TEST(RefreshPolicy, refreshWhileAUssdMenuIsOpenIsBusyAndKeepsTheReadingFresh)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim.link(), "0s"), {}, {} });
	daemon.waitReady();
	std::string path;
	ASSERT_EQ(freshReading(bus, daemon, &path), "");

	auto menu = bus.busctl({ "call", kService, path, "org.zanryo.Zanryo1.Ussd", "Initiate", "s", "*111#" }, 30s);
	ASSERT_EQ(menu.exitCode, 0) << menu.err << daemon.log();
	ASSERT_EQ(getProperty(bus, path, "org.zanryo.Zanryo1.Ussd", "State"), "user-response");
	size_t queries = occurrences(sim.log(), "AT+CUSD=1,");

	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 20s);
	EXPECT_NE(r.exitCode, 0);
	EXPECT_NE(r.err.find("USSD session"), std::string::npos) << r.err;
	EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "false");
	EXPECT_EQ(getProperty(bus, path, kModem, "LastError"), "");
	EXPECT_EQ(occurrences(sim.log(), "AT+CUSD=1,"), queries) << "nothing was sent to the carrier";

	// The refusal did not count as a query: once the menu is closed, Refresh runs.
	auto cancel = bus.busctl({ "call", kService, path, "org.zanryo.Zanryo1.Ussd", "Cancel" }, 20s);
	ASSERT_EQ(cancel.exitCode, 0) << cancel.err;
	auto again = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	EXPECT_EQ(again.exitCode, 0) << again.err << daemon.log();
}

TEST(RefreshPolicy, modemWithoutABalanceMethodIsNotSupportedWithTheFix)
{
	// generic-en is the ITU test network 001-01: no provider profile, and method "auto".
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"" + sim.link() + "\"\n", {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();

	for (int i = 0; i < 2; i++) {
		auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 20s);
		EXPECT_NE(r.exitCode, 0);
		EXPECT_NE(r.err.find("set method = \"ussd\""), std::string::npos) << r.err;
		EXPECT_EQ(r.err.find("try again"), std::string::npos) << r.err;
	}
	EXPECT_NE(getProperty(bus, path, kModem, "LastError").find("org.zanryo.Zanryo1.Error.NotSupported: "),
		  std::string::npos);
	auto all = bus.busctl({ "call", kService, "/org/zanryo/Zanryo1", "org.zanryo.Zanryo1.Manager", "RefreshAll" });
	ASSERT_EQ(all.exitCode, 0) << all.err;
	EXPECT_EQ(all.out, "u 0\n");
	EXPECT_EQ(occurrences(sim.log(), "AT+CUSD=1,"), 0u);
}

TEST(RefreshPolicy, refreshAllRespectsMinIntervalAfterARestart)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir state;
	std::string config = ussdConfig(sim.link(), "1h");
	{
		Zanryod first(bus, { config, {}, state.path() });
		first.waitReady();
		std::string path;
		ASSERT_EQ(freshReading(bus, first, &path), "");
	}
	size_t queries = occurrences(sim.log(), "AT+CUSD=1,");
	ASSERT_EQ(queries, 1u) << sim.log();

	Zanryod second(bus, { config, {}, state.path() });
	second.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << second.log();
	auto all = bus.busctl({ "call", kService, "/org/zanryo/Zanryo1", "org.zanryo.Zanryo1.Manager", "RefreshAll" });
	ASSERT_EQ(all.exitCode, 0) << all.err;
	EXPECT_EQ(all.out, "u 0\n");
	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 20s);
	EXPECT_NE(r.exitCode, 0);
	EXPECT_NE(r.err.find("min_interval"), std::string::npos) << r.err;
	EXPECT_EQ(occurrences(sim.log(), "AT+CUSD=1,"), queries) << "no query within min_interval of the last";
}

} // namespace
} // namespace zanryo::test
