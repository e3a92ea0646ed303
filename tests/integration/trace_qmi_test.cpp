// The wire trace of the QMI backend (issue 13 §3): `zanryoctl --device qmi:... --trace`
// and zanryod's `trace = true` show each QMI request, response and indication by service
// and message name with its TLVs named, and no identifier. Real libqmi-glib against
// zanryo-qmi-sim; zanryod on a private dbus-daemon.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/private_bus.hpp"
#include "support/qmi_sim.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

// tests/sim/scenarios/generic-en.toml
constexpr const char *kImsi = "001010123456789";
constexpr const char *kIccid = "8900101234567890123";
constexpr const char *kMsisdnDigits = "10000000001";
constexpr const char *kImei = "350000000000006";

Process::Result zanryoctl(std::vector<std::string> args)
{
	return Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), std::move(args), 30s);
}

bool contains(const std::string &haystack, const std::string &needle)
{
	return haystack.find(needle) != std::string::npos;
}

void expectNoIdentifier(const std::string &text)
{
	EXPECT_FALSE(contains(text, kImsi)) << text;
	EXPECT_FALSE(contains(text, kIccid)) << text;
	EXPECT_FALSE(contains(text, kMsisdnDigits)) << text;
	EXPECT_FALSE(contains(text, kImei)) << text;
}

TEST(QmiWireTrace, zanryoctlTraceNamesEachMessageAndShowsNoIdentifier)
{
	QmiSim sim("generic-en");
	const std::string device = "qmi:" + sim.link();
	auto plain = zanryoctl({ "--device", device, "info" });
	ASSERT_EQ(plain.exitCode, 0) << plain.err;
	auto traced = zanryoctl({ "--device", device, "--trace", "info" });
	ASSERT_EQ(traced.exitCode, 0) << traced.err;
	EXPECT_EQ(traced.out, plain.out);
	EXPECT_TRUE(contains(traced.out, kImsi)) << "stdout is the user's own identity";
	const std::string &err = traced.err;
	EXPECT_TRUE(contains(err, sim.link() + ": ")) << err;
	EXPECT_TRUE(contains(err, "--> DMS Get IDs (request ")) << err;
	EXPECT_TRUE(std::regex_search(err, std::regex(R"(<-- DMS Get IDs \(response \d+\): Result=SUCCESS, Esn, Imei)")))
		<< err;
	EXPECT_TRUE(std::regex_search(err, std::regex(R"(<-- DMS UIM Get IMSI \(response \d+\): Result=SUCCESS, IMSI)")))
		<< err;
	expectNoIdentifier(err);
	// No trace without --trace.
	EXPECT_FALSE(contains(plain.err, "-->")) << plain.err;
}

TEST(QmiWireTrace, zanryodTraceTrueLogsTheQmiMessagesOfABalanceQuery)
{
	QmiSim sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\nname = \"lte\"\ndevice = \"qmi:" + sim.link() +
				      "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\ntrace = true\n",
			      {},
			      {} });
	daemon.waitReady();
	ASSERT_TRUE(waitUntil([&] { return contains(daemon.log(), "info: lte: reading from ussd:*100#"); }, within(20s)))
		<< daemon.log();
	const std::string log = daemon.log();
	EXPECT_TRUE(contains(log, "lte: ")) << log;
	EXPECT_TRUE(contains(log, "--> VOICE Originate USSD")) << log;
	EXPECT_TRUE(contains(log, "--> DMS UIM Get ICCID (request ")) << log;
	expectNoIdentifier(log);
}

} // namespace
} // namespace zanryo::test
