// Every bucket of a reply on D-Bus and in zanryoctl (issue 15 §4), and the marks of what
// zanryo inferred: zanryo-modem-sim (tests/sim/scenarios/buckets-en.toml), a private
// dbus-daemon and zanryod, asserted through busctl and the zanryoctl binary.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <regex>
#include <nlohmann/json.hpp>

#include <fmt/core.h>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

Process::Result zanryoctl(std::vector<std::string> args)
{
	return Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), std::move(args), 60s);
}

std::string ussdModem(const std::string &device, const std::string &code, const std::string &extra = "")
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"ussd\"\nussd = \"" + code + "\"\n" + extra;
}

/// Unix seconds of UTC midnight of the next 15 January on or after today (local date, as
/// zanryod reads "valid until 15 Jan"), and that date as text.
std::pair<std::uint64_t, std::string> nextFifteenthOfJanuary()
{
	std::time_t now = std::time(nullptr);
	std::tm local{};
	localtime_r(&now, &local);
	int year = local.tm_year + 1900 + ((local.tm_mon == 0 && local.tm_mday <= 15) ? 0 : 1);
	std::tm jan{};
	jan.tm_year = year - 1900;
	jan.tm_mon = 0;
	jan.tm_mday = 15;
	return { std::uint64_t(timegm(&jan)), fmt::format("{}-01-15", year) };
}

std::string bucketsProperty(PrivateBus &bus, const std::string &path)
{
	auto r = bus.busctl({ "get-property", kService, path, kBalance, "Buckets" });
	return r.exitCode == 0 ? r.out : "<error: " + r.err + ">";
}

TEST(Buckets, everyPartOfTheReplyOnDbusInStatusAndJson)
{
	SimModem sim("buckets-en");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link(), "*100#"), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "12.50"; }, within(30s)))
		<< daemon.log();

	auto [expires, expiresText] = nextFifteenthOfJanuary();
	EXPECT_EQ(bucketsProperty(bus, path),
		  fmt::format("a(ssssstt) 5 \"main\" \"\" \"money\" \"12.50\" \"GBP\" 0 {0} "
			      "\"bonus\" \"\" \"money\" \"3.00\" \"GBP\" 0 0 "
			      "\"data\" \"\" \"bytes\" \"\" \"\" 2684354560 {0} "
			      "\"sms\" \"\" \"count\" \"\" \"\" 100 0 "
			      "\"minutes\" \"\" \"count\" \"\" \"\" 250 0\n",
			      expires));
	// "15 Jan" has no year: the record says the expiry was inferred, not read.
	auto inferred = bus.busctl({ "get-property", kService, path, kBalance, "Inferred" });
	EXPECT_EQ(inferred.out, "as 1 \"expires\"\n") << inferred.err;
	EXPECT_EQ(getProperty(bus, path, kBalance, "Expires"), std::to_string(expires));
	EXPECT_EQ(getProperty(bus, path, kBalance, "Repaired"), "");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Damaged"), "");

	auto text = zanryoctl({ "status", "--bus", bus.address() });
	ASSERT_EQ(text.exitCode, 0) << text.err;
	const std::string lines = "  Bucket:     main: 12.50 GBP, expires " + expiresText + "\n" +
				  "  Bucket:     bonus: 3.00 GBP\n" +
				  "  Bucket:     data: 2.50 GiB, expires " + expiresText + "\n" +
				  "  Bucket:     sms: 100 SMS\n" + "  Bucket:     minutes: 250 min\n" +
				  "  Note:       expires inferred\n";
	EXPECT_NE(text.out.find(lines), std::string::npos) << text.out;
	auto si = zanryoctl({ "status", "--bus", bus.address(), "--si" });
	EXPECT_NE(si.out.find("  Bucket:     data: 2.68 GB, expires " + expiresText + "\n"), std::string::npos)
		<< si.out;

	auto js = zanryoctl({ "status", "--bus", bus.address(), "--json" });
	ASSERT_EQ(js.exitCode, 0) << js.err;
	json balance = json::parse(js.out)["modems"][0]["balance"];
	ASSERT_EQ(balance["buckets"].size(), 5u) << js.out;
	EXPECT_EQ(balance["buckets"][0], (json{ { "kind", "main" },
						{ "label", "" },
						{ "money", { { "amount", "12.50" }, { "currency", "GBP" } } },
						{ "bytes", nullptr },
						{ "count", nullptr },
						{ "expires", expiresText },
						{ "expiresAt", expires } }));
	EXPECT_EQ(balance["buckets"][2]["bytes"], 2684354560u);
	EXPECT_TRUE(balance["buckets"][2]["money"].is_null());
	EXPECT_EQ(balance["buckets"][4]["kind"], "minutes");
	EXPECT_EQ(balance["buckets"][4]["count"], 250);
	EXPECT_EQ(balance["inferred"], json::array({ "expires" }));
	EXPECT_TRUE(balance["repaired"].is_null());
	EXPECT_TRUE(balance["damaged"].is_null());
}

TEST(Buckets, surviveARestartAndChangeWithTheNextReading)
{
	SimModem sim("buckets-en");
	PrivateBus bus;
	TempDir state;
	std::string path;
	{
		Zanryod first(bus, { ussdModem(sim.link(), "*100#"), {}, state.path() });
		first.waitReady();
		path = modemObjectPath(bus, within(20s));
		ASSERT_FALSE(path.empty()) << first.log();
		ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "12.50"; }, within(30s)))
			<< first.log();
	}
	EXPECT_NE(bucketsProperty(bus, path).find("<error"), std::string::npos) << "zanryod is gone, so is its object";

	// Started again within min_interval, zanryod asks nothing: what it publishes is the
	// state file's reading, buckets and inference mark included.
	auto [expires, expiresText] = nextFifteenthOfJanuary();
	{
		Zanryod second(bus, { ussdModem(sim.link(), "*100#", "min_interval = \"1h\"\n"), {}, state.path() });
		second.waitReady();
		ASSERT_EQ(modemObjectPath(bus, within(20s)), path) << second.log();
		ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "12.50"; }, within(20s)))
			<< second.log();
		EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "true");
		EXPECT_EQ(bucketsProperty(bus, path),
			  fmt::format("a(ssssstt) 5 \"main\" \"\" \"money\" \"12.50\" \"GBP\" 0 {0} "
				      "\"bonus\" \"\" \"money\" \"3.00\" \"GBP\" 0 0 "
				      "\"data\" \"\" \"bytes\" \"\" \"\" 2684354560 {0} "
				      "\"sms\" \"\" \"count\" \"\" \"\" 100 0 "
				      "\"minutes\" \"\" \"count\" \"\" \"\" 250 0\n",
				      expires));
		auto inferred = bus.busctl({ "get-property", kService, path, kBalance, "Inferred" });
		EXPECT_EQ(inferred.out, "as 1 \"expires\"\n");
	}

	// The next reading (*101#: two buckets, a dated expiry) replaces them and the change
	// is announced with PropertiesChanged, as zanryoctl watch shows it.
	Zanryod third(bus, { ussdModem(sim.link(), "*101#", "min_interval = \"0s\"\n"), {}, state.path() });
	third.waitReady();
	ASSERT_EQ(modemObjectPath(bus, within(20s)), path) << third.log();
	Process watch(binaryPath("dbus/zanryoctl/zanryoctl"), { "watch", "--bus", bus.address(), "--for", "120" });
	// The watch is subscribed once it reports a change: failed queries (the network ends or
	// refuses the next USSD answer) whose errors differ each time change LastError, and
	// leave the buckets alone, until it does.
	int round = 0;
	ASSERT_TRUE(waitUntil(
		[&] {
			sim.control(round++ % 2 ? "cusd-status 4" : "cusd-status 2");
			bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 30s);
			return watch.waitForLine(std::regex("\"LastError\""), within(2s)).has_value();
		},
		within(60s)))
		<< watch.stdoutText() << watch.stderrText() << third.log();
	EXPECT_NE(bucketsProperty(bus, path).find("a(ssssstt) 5 "), std::string::npos) << "a failed query keeps them";
	// cusd-status is for the next answer only: this one is the scenario's text.
	auto refresh = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(refresh.exitCode, 0) << refresh.err << third.log();
	EXPECT_EQ(bucketsProperty(bus, path), "a(ssssstt) 2 \"main\" \"\" \"money\" \"12.50\" \"GBP\" 0 1798675200 "
					       "\"data\" \"\" \"bytes\" \"\" \"\" 2684354560 1798675200\n");
	auto none = bus.busctl({ "get-property", kService, path, kBalance, "Inferred" });
	EXPECT_EQ(none.out, "as 0\n");
	auto line = watch.waitForLine(std::regex("\"Buckets\":\\[\\[\"main\""), within(10s));
	ASSERT_TRUE(line.has_value()) << watch.stdoutText();
	json j = json::parse(*line);
	EXPECT_EQ(j["properties"]["Buckets"],
		  json::parse(R"([["main","","money","12.50","GBP",0,1798675200],["data","","bytes","","",2684354560,1798675200]])"));
	EXPECT_EQ(j["properties"]["Inferred"], json::array());
	EXPECT_EQ(j["properties"]["Stale"], false);
}

TEST(Buckets, aRepairedReplySaysSoOnDbusInStatusAndJson)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link(), "*102#"), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "125.50"; }, within(30s)))
		<< daemon.log();
	EXPECT_EQ(getProperty(bus, path, kBalance, "Repaired"), "ucs2-low-bytes");
	// The raw reply stays what arrived.
	EXPECT_EQ(getProperty(bus, path, kBalance, "RawReply"), "10;0=A: 125.50 @C1. 1>=CA: 30 @C1.");
	EXPECT_EQ(bucketsProperty(bus, path), "a(ssssstt) 2 \"main\" \"\" \"money\" \"125.50\" \"RUB\" 0 0 "
					       "\"bonus\" \"\" \"money\" \"30\" \"RUB\" 0 0\n");
	auto inferred = bus.busctl({ "get-property", kService, path, kBalance, "Inferred" });
	EXPECT_EQ(inferred.out, "as 0\n");

	auto text = zanryoctl({ "status", "--bus", bus.address() });
	EXPECT_NE(text.out.find("  Bucket:     bonus: 30 RUB\n  Note:       reply repaired (ucs2-low-bytes)\n"),
		  std::string::npos)
		<< text.out;
	json balance = json::parse(zanryoctl({ "status", "--bus", bus.address(), "--json" }).out)["modems"][0]["balance"];
	EXPECT_EQ(balance["repaired"], "ucs2-low-bytes");
	EXPECT_EQ(balance["inferred"], json::array());
	EXPECT_TRUE(balance["damaged"].is_null());
}

TEST(Buckets, aThresholdNamingABucketComparesThatBucket)
{
	SimModem sim("buckets-en");
	PrivateBus bus;
	TempDir hookDir;
	// The hook appends what each Low crossing says, one line per run.
	std::string hook = hookDir.write("hook.sh", "#!/bin/sh\n"
						    "echo \"$ZANRYO_EVENT $ZANRYO_WHAT $ZANRYO_VALUE $ZANRYO_THRESHOLD\" >> \"$1\"\n");
	std::filesystem::permissions(hook, std::filesystem::perms::owner_all);
	const std::string out = hookDir.file("low.txt");
	// The main balance (12.50 GBP) is above 5.00, the bonus (3.00 GBP) is not: one
	// crossing, of the bonus, in minor units.
	Zanryod daemon(bus, { ussdModem(sim.link(), "*100#",
					"alert_command = [\"" + hook + "\", \"" + out + "\"]\n"
					"[modem.thresholds]\nbucket = \"bonus\"\nmoney = \"5.00\"\n"),
			      {},
			      {} });
	daemon.waitReady();
	ASSERT_FALSE(modemObjectPath(bus, within(20s)).empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return readFile(out).find('\n') != std::string::npos; }, within(30s)))
		<< daemon.log();
	EXPECT_EQ(readFile(out), "low money 300 500\n");
}

TEST(Buckets, aThresholdBucketThatIsNoKindIsAConfigErrorWithItsLine)
{
	TempDir dir;
	std::string config = dir.write("zanryod.toml", "[[modem]]\ndevice = \"/dev/null\"\nmethod = \"none\"\n"
						       "[modem.thresholds]\nbucket = \"credit\"\n");
	auto r = Process::run(binaryPath("daemon/zanryod"), { "--check-config", "--config", config }, 10s);
	EXPECT_NE(r.exitCode, 0);
	EXPECT_NE(r.err.find(config + ":5: 'modem[0].thresholds.bucket' must be one of \"main\", \"bonus\", "
				       "\"data\", \"sms\", \"minutes\", \"other\""),
		  std::string::npos)
		<< r.err;
}

} // namespace
} // namespace zanryo::test
