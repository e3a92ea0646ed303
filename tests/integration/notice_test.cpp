// Carrier notice SMS that arrive with no query of ours: zanryod reads them (from the
// configured senders only) and updates the Balance, as a user sees it through busctl.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

// jp-mvno.toml's own notice (1.5 s after start) states 20 % left and the figure; the
// rest are delivered through the simulator's control socket.
TEST(Notice, carrierNoticesUpdateTheBalanceAndSpoofedOnesDoNot)
{
	SimModem sim("jp-mvno");
	PrivateBus bus;
	Zanryod daemon(
		bus,
		{ "[[modem]]\ndevice = \"" + sim.link() +
			  "\"\nmethod = \"none\"\nsms_senders = [\"00000\"]\ninterface = \"none\"\n"
			  "[modem.plan]\nallowance = \"10GB\"\n",
		  {},
		  {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	auto get = [&](const char *name) { return getProperty(bus, path, kBalance, name); };

	ASSERT_TRUE(waitUntil([&] { return get("HasData") == "true"; }, within(20s)))
		<< daemon.log() << sim.log();
	EXPECT_EQ(get("DataRemaining"), "1342177280") << "the figure the notice states";
	EXPECT_EQ(get("DataUsedPercent"), "80") << "残り20%";
	EXPECT_EQ(get("Source"), "notice:00000");
	EXPECT_EQ(get("Throttled"), "false");
	EXPECT_EQ(get("Stale"), "false");

	// From another number: the same words must change nothing.
	ASSERT_EQ(sim.control(
			  "deliver-sms 09012345678 【速度制限のお知らせ】通信速度を制限しました。"),
		  "ok");
	// A share used with no figure: 90 % of the plan's 10 GB is used, 1 GB is left.
	ASSERT_EQ(sim.control("deliver-sms 00000 You have used 90% of your data allowance."), "ok");
	ASSERT_TRUE(waitUntil([&] { return get("DataUsedPercent") == "90"; }, within(20s)))
		<< daemon.log();
	EXPECT_EQ(get("DataRemaining"), std::to_string(1ull << 30));
	EXPECT_EQ(get("Throttled"), "false") << "the spoofed notice was ignored\n" << daemon.log();

	// The cap is reached: throttled, nothing left.
	ASSERT_EQ(sim.control("deliver-sms 00000 "
			      "【速度制限のお知らせ】当月のデータ通信量が上限に達したため、"
			      "通信速度を制限しました。"),
		  "ok");
	ASSERT_TRUE(waitUntil([&] { return get("Throttled") == "true"; }, within(20s)))
		<< daemon.log();
	EXPECT_EQ(get("DataRemaining"), "0");
	EXPECT_EQ(get("HasData"), "true");
	// busctl escapes non-ASCII in its plain output; its JSON has the UTF-8 text.
	auto raw = bus.busctl({ "--json=short", "get-property", "org.zanryo.Zanryo1", path,
				kBalance, "RawReply" });
	ASSERT_EQ(raw.exitCode, 0) << raw.err;
	EXPECT_EQ(nlohmann::json::parse(raw.out).at("data").get<std::string>(),
		  "【速度制限のお知らせ】当月のデータ通信量が上限に達したため、"
		  "通信速度を制限しました。");

	// zanryoctl shows the same, through the client library.
	const std::string ctl = binaryPath("dbus/zanryoctl/zanryoctl");
	auto status = Process::run(ctl, { "status", "--bus", bus.address(), "--json" }, 30s);
	ASSERT_EQ(status.exitCode, 0) << status.err;
	auto j = nlohmann::json::parse(status.out);
	EXPECT_EQ(j.at("schema"), 1) << status.out;
	ASSERT_TRUE(j.at("modems").is_array() && j.at("modems").size() == 1) << status.out;
	const auto &balance = j.at("modems").at(0).at("balance");
	EXPECT_EQ(balance.at("throttled"), true) << status.out;
	EXPECT_EQ(balance.at("dataUsedPercent"), 90) << status.out;
	EXPECT_EQ(balance.at("dataRemaining"), 0) << status.out;
	auto text = Process::run(ctl, { "status", "--bus", bus.address() }, 30s);
	EXPECT_NE(text.out.find("Notice:     90% used, speed reduced"), std::string::npos) << text.out;

	// The notices zanryod parsed are deleted from the SIM (delete_replies defaults to
	// true); the spoofed one, from another number, is still stored.
	auto storedFrom = [&](const std::string &sender) {
		std::size_t n = 0;
		auto simStatus = nlohmann::json::parse(sim.control("status"));
		for (const auto &slot : simStatus["storage"])
			if (slot["from"] == sender)
				++n;
		return n;
	};
	EXPECT_TRUE(waitUntil([&] { return storedFrom("00000") == 0; }, within(10s))) << sim.control("status");
	EXPECT_EQ(storedFrom("09012345678"), 1u) << sim.control("status");
}

// A notice survives a restart like any reading (restored Stale, flags kept).
TEST(Notice, noticeFlagsAreRestoredAfterARestart)
{
	SimModem sim("jp-mvno");
	PrivateBus bus;
	TempDir state;
	std::string config =
		"[[modem]]\ndevice = \"" + sim.link() +
		"\"\nmethod = \"none\"\nsms_senders = [\"00000\"]\ninterface = \"none\"\n";
	std::string path;
	{
		Zanryod daemon(bus, { config, {}, state.path() });
		daemon.waitReady();
		path = modemObjectPath(bus, within(20s));
		ASSERT_FALSE(path.empty()) << daemon.log();
		ASSERT_EQ(sim.control("deliver-sms 00000 データ残量が残りわずかです。"), "ok");
		ASSERT_TRUE(waitUntil(
			[&] { return getProperty(bus, path, kBalance, "DataLow") == "true"; },
			within(20s)))
			<< daemon.log();
		ASSERT_EQ(daemon.process().terminate(), 0) << daemon.log();
	}
	Zanryod daemon(bus, { config, {}, state.path() });
	daemon.waitReady();
	ASSERT_EQ(modemObjectPath(bus, within(20s)), path);
	EXPECT_EQ(getProperty(bus, path, kBalance, "DataLow"), "true");
	EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "true");
}

} // namespace
} // namespace zanryo::test
