// zanryod's modem life cycle end to end: a modem that is not ready when zanryod starts
// is opened when it is, without restarting zanryod. Real dbus-daemon, zanryo-modem-sim
// and zanryod; asserted through busctl.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

std::string ussdConfig(const std::string &device)
{
	return "[[modem]]\ndevice = \"" + device +
	       "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n";
}

TEST(ModemLifecycle, portSilentAtStartIsOpenedWhenTheModemAnswers)
{
	// A router boots faster than its modem: the port is there but does not answer AT.
	SimModem sim("ru-prepaid");
	ASSERT_EQ(sim.control("hang"), "ok");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim.link()), {}, {} });
	daemon.waitReady();

	// The first open failed and zanryod said it retries (it used to give the port up
	// here until a restart); the simulator then keeps seeing probes that go unanswered.
	ASSERT_TRUE(waitUntil([&] { return daemon.log().find("does not answer AT; retrying with backoff") != std::string::npos &&
					   occurrences(sim.log(), "(hung: not answering)") >= 5; },
			      within(40s)))
		<< daemon.log() << sim.log();
	EXPECT_EQ(modemObjectPath(bus, within(100ms)), "") << "no object before the modem answers";
	EXPECT_TRUE(daemon.process().running());

	ASSERT_EQ(sim.control("unhang"), "ok");
	std::string path = modemObjectPath(bus, within(60s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	EXPECT_TRUE(waitUntil([&] { return getProperty(bus, path, kModem, "State") == "ready" ||
					   getProperty(bus, path, kModem, "State") == "querying"; },
			      within(20s)));
	EXPECT_EQ(getProperty(bus, path, kModem, "LastError"), "") << "cleared once the modem answered";
	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log();
	EXPECT_NE(r.out.find("\"Money\" s \"125.50\""), std::string::npos) << r.out;
}

TEST(ModemLifecycle, replugThatDoesNotAnswerIsOpeningWithTheReasonThenRecovers)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim.link()), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "125.50"; }, within(30s)))
		<< daemon.log();

	// The modem resets: its port vanishes, comes back, and stays silent while it boots.
	ASSERT_EQ(sim.control("unplug"), "ok");
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kModem, "State") == "gone"; }, within(20s)))
		<< daemon.log();
	ASSERT_EQ(sim.control("hang"), "ok");
	ASSERT_EQ(sim.control("replug"), "ok");
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kModem, "LastError").find("does not answer AT") !=
					   std::string::npos; },
			      within(30s)))
		<< daemon.log();
	EXPECT_EQ(getProperty(bus, path, kModem, "State"), "opening");

	ASSERT_EQ(sim.control("unhang"), "ok");
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kModem, "State") == "ready"; }, within(60s)))
		<< daemon.log();
	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log();
	EXPECT_NE(r.out.find("\"Money\" s \"125.50\""), std::string::npos) << r.out;
}

TEST(ModemLifecycle, portHeldByZanryodIsInUseForZanryoctlDevice)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim.link()), {}, {} });
	daemon.waitReady();
	ASSERT_FALSE(modemObjectPath(bus, within(20s)).empty()) << daemon.log();

	// Tests run as root, which TIOCEXCL does not stop: the /proc scan finds zanryod.
	auto r = Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), { "--device", sim.link(), "info" }, 30s);
	EXPECT_EQ(r.exitCode, 1) << r.out;
	EXPECT_NE(r.err.find("is in use by another program: PID " + std::to_string(daemon.process().pid()) +
			     " (zanryod)"),
		  std::string::npos)
		<< r.err;
	EXPECT_EQ(r.err.find("does not answer AT"), std::string::npos) << r.err;
}

} // namespace
} // namespace zanryo::test
