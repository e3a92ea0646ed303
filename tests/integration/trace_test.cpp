// The wire trace (issue 13 §3, docs/troubleshooting.md): zanryod with `trace = true` logs
// the AT dialogue of a balance query with the SIM's identifiers masked, logs none without
// it, and `zanryoctl --device ... --trace` shows the dialogue on stderr with stdout as
// it is without --trace. Real dbus-daemon, zanryo-modem-sim on a pty, zanryod, zanryoctl.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

// tests/sim/scenarios/generic-en.toml's SIM and modem, and what the trace shows of them.
constexpr const char *kImsi = "001010123456789";
constexpr const char *kIccid = "8900101234567890123";
constexpr const char *kMsisdnDigits = "10000000001";
constexpr const char *kImei = "350000000000006";
constexpr const char *kImsiMasked = "00101xxxxxxxx89";
constexpr const char *kIccidMasked = "8900xxxxxxxxxxxxx23";
constexpr const char *kMsisdnMasked = "\"+xxxxxxxxx01\"";
constexpr const char *kImeiMasked = "350000xxxxxxxxx";

Process::Result zanryoctl(std::vector<std::string> args)
{
	return Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), std::move(args), 30s);
}

std::string balanceModem(const std::string &device, bool trace)
{
	return "[[modem]]\nname = \"wan\"\ndevice = \"" + device +
	       "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n" + (trace ? "trace = true\n" : "") +
	       "[modem.thresholds]\ndata_bytes = \"3GiB\"\nmoney = \"20\"\n";
}

/// Waits until zanryod has read the balance once (the first scheduled poll).
bool waitForReading(PrivateBus &bus, Deadline deadline)
{
	return waitUntil(
		[&] {
			auto r = zanryoctl({ "status", "--bus", bus.address(), "--json" });
			auto j = json::parse(r.out, nullptr, false);
			return !j.is_discarded() && j["modems"].size() == 1 &&
			       !j["modems"][0]["balance"]["updatedAt"].is_null();
		},
		deadline);
}

bool contains(const std::string &haystack, const std::string &needle)
{
	return haystack.find(needle) != std::string::npos;
}

TEST(WireTrace, traceTrueLogsTheMaskedDialogueOfABalanceQuery)
{
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { balanceModem(sim.link(), true), {}, {} });
	daemon.waitReady();
	ASSERT_TRUE(waitForReading(bus, within(20s))) << daemon.log();
	// The record of the reply may follow the reading by a moment: wait for it.
	ASSERT_TRUE(waitUntil([&] { return contains(daemon.log(), "<-- +CUSD: 0,\"Your balance is 12.34 GBP"); },
			      within(5s)))
		<< daemon.log();
	const std::string log = daemon.log();
	// Each record names the modem and the direction: "wan: 12:34:56.789 --> AT+CUSD=...".
	EXPECT_TRUE(contains(log, "--> AT+CUSD=1,\"*100#\",15")) << log;
	EXPECT_TRUE(contains(log, "wan: ")) << log;
	EXPECT_TRUE(contains(log, "--> AT+CIMI")) << log;
	// The identifiers were on the wire (the simulator saw them go out) ...
	EXPECT_TRUE(contains(sim.log(), kImsi)) << sim.log();
	// ... and the log shows them masked, never as they are.
	EXPECT_TRUE(contains(log, kImsiMasked)) << log;
	EXPECT_TRUE(contains(log, kIccidMasked)) << log;
	EXPECT_TRUE(contains(log, kMsisdnMasked)) << log;
	EXPECT_TRUE(contains(log, kImeiMasked)) << log;
	EXPECT_FALSE(contains(log, kImsi)) << log;
	EXPECT_FALSE(contains(log, kIccid)) << log;
	EXPECT_FALSE(contains(log, kMsisdnDigits)) << log;
	EXPECT_FALSE(contains(log, kImei)) << log;
}

TEST(WireTrace, withoutTraceNoDialogueIsLogged)
{
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { balanceModem(sim.link(), false), {}, {} });
	daemon.waitReady();
	ASSERT_TRUE(waitForReading(bus, within(20s))) << daemon.log();
	const std::string log = daemon.log();
	EXPECT_TRUE(contains(sim.log(), "AT+CUSD=1")) << "the query went out";
	EXPECT_FALSE(contains(log, "-->")) << log;
	EXPECT_FALSE(contains(log, "<--")) << log;
	EXPECT_FALSE(contains(log, "AT+CUSD")) << log;
	EXPECT_FALSE(contains(log, kImsi)) << log;
	// The reading and the thresholds it crossed, at info level in human units.
	EXPECT_TRUE(contains(log, "info: wan: reading from ussd:*100#: 2.50 GiB of data, 12.34 GBP, expires 2026-12-31")) << log;
	EXPECT_TRUE(contains(log, "info: wan: data-bytes is low: 2.50 GiB <= 3.00 GiB")) << log;
	EXPECT_TRUE(contains(log, "info: wan: money is low: 12.34 GBP <= 20.00 GBP")) << log;
}

TEST(WireTrace, unplugAndReplugAreLoggedAtInfoLevel)
{
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { balanceModem(sim.link(), false), {}, {} });
	daemon.waitReady();
	ASSERT_TRUE(waitForReading(bus, within(20s))) << daemon.log();
	ASSERT_EQ(sim.control("unplug"), "ok");
	EXPECT_TRUE(waitUntil([&] { return contains(daemon.log(), "info: wan: unplugged"); }, within(10s)))
		<< daemon.log();
	ASSERT_EQ(sim.control("replug"), "ok");
	EXPECT_TRUE(waitUntil([&] { return contains(daemon.log(), "info: wan: plugged in again"); }, within(20s)))
		<< daemon.log();
}

TEST(WireTrace, zanryoctlTraceShowsTheDialogueOnStderrAndLeavesStdoutAsItIs)
{
	SimModem sim("generic-en");
	auto plain = zanryoctl({ "--device", sim.link(), "ussd", "*100#" });
	ASSERT_EQ(plain.exitCode, 0) << plain.err;
	auto traced = zanryoctl({ "--device", sim.link(), "--trace", "ussd", "*100#" });
	ASSERT_EQ(traced.exitCode, 0) << traced.err;
	EXPECT_EQ(traced.out, plain.out);
	EXPECT_EQ(plain.err, "");
	EXPECT_TRUE(contains(traced.err, sim.link() + ": ")) << traced.err;
	EXPECT_TRUE(contains(traced.err, "--> AT+CUSD=1,\"*100#\",15")) << traced.err;
	EXPECT_TRUE(contains(traced.err, "<-- +CUSD: 0,\"Your balance is 12.34 GBP")) << traced.err;
	EXPECT_FALSE(contains(traced.out, "-->")) << traced.out;

	// The identity: stdout is the user's own JSON (the values as they are), stderr masks.
	auto info = zanryoctl({ "--device", sim.link(), "--trace", "info" });
	ASSERT_EQ(info.exitCode, 0) << info.err;
	EXPECT_TRUE(contains(info.out, kImsi)) << info.out;
	EXPECT_TRUE(contains(info.err, kImsiMasked)) << info.err;
	EXPECT_TRUE(contains(info.err, kIccidMasked)) << info.err;
	EXPECT_FALSE(contains(info.err, kImsi)) << info.err;
	EXPECT_FALSE(contains(info.err, kIccid)) << info.err;
	EXPECT_FALSE(contains(info.err, kMsisdnDigits)) << info.err;

	auto unmasked = zanryoctl({ "--device", sim.link(), "--trace=unmasked", "info" });
	ASSERT_EQ(unmasked.exitCode, 0) << unmasked.err;
	EXPECT_TRUE(contains(unmasked.err, "<-- " + std::string(kImsi))) << unmasked.err;
}

TEST(WireTrace, zanryoctlTraceWithoutDeviceIsAUsageError)
{
	PrivateBus bus;
	auto r = zanryoctl({ "--trace", "ussd", "*100#", "--bus", bus.address() });
	EXPECT_EQ(r.exitCode, 2) << r.err;
	EXPECT_TRUE(contains(r.err, "--trace shows the dialogue of a modem zanryoctl talks to itself")) << r.err;
}

} // namespace
} // namespace zanryo::test
