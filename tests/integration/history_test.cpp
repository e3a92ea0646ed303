// Alert hook and history end to end: zanryo-modem-sim, a private dbus-daemon and zanryod,
// asserted through the hook's own output files, busctl and zanryoctl, as users see them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// A hook that stores its environment in <dir>/<nanoseconds>.<pid>, one file per run.
std::string writeHook(const TempDir &dir)
{
	std::string path = dir.write("hook.sh", "#!/bin/sh\n"
						"f=\"$1/$(date +%s%N).$$\"\n"
						"cat /proc/$$/environ > \"$f.tmp\" && mv \"$f.tmp\" \"$f.env\"\n");
	fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
				      fs::perms::others_read | fs::perms::others_exec);
	return path;
}

/// Every run's environment, oldest first.
std::vector<std::map<std::string, std::string>> hookRuns(const std::string &dir)
{
	std::vector<std::string> files;
	for (const auto &e : fs::directory_iterator(dir))
		if (e.path().extension() == ".env")
			files.push_back(e.path().string());
	std::sort(files.begin(), files.end());
	std::vector<std::map<std::string, std::string>> runs;
	for (const auto &f : files) {
		std::string text = readFile(f);
		std::map<std::string, std::string> env;
		std::size_t at = 0;
		while (at < text.size()) {
			std::size_t end = text.find('\0', at);
			if (end == std::string::npos)
				end = text.size();
			std::string entry = text.substr(at, end - at);
			if (auto eq = entry.find('='); eq != std::string::npos)
				env[entry.substr(0, eq)] = entry.substr(eq + 1);
			at = end + 1;
		}
		runs.push_back(std::move(env));
	}
	return runs;
}

std::size_t countEvent(const std::vector<std::map<std::string, std::string>> &runs, const std::string &event)
{
	return std::size_t(std::count_if(runs.begin(), runs.end(), [&](const auto &env) {
		auto it = env.find("ZANRYO_EVENT");
		return it != env.end() && it->second == event;
	}));
}

std::string tomlString(const std::string &s)
{
	std::string out = "\"";
	for (char c : s) {
		if (c == '"' || c == '\\')
			out += '\\';
		out += c;
	}
	return out + "\"";
}

std::string ussdConfig(const std::string &device, const std::string &extra)
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n" +
	       extra;
}

TEST(AlertHook, thresholdCrossingRunsTheHookOnceWithTheValues)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir hookDir;
	std::string hook = writeHook(hookDir);
	// alert_on_reading also runs it for every reading, in order after that reading's
	// crossings: once the second "reading" run is there, a second "low" run would be too.
	Zanryod daemon(bus, { ussdConfig(sim.link(), "alert_command = [" + tomlString(hook) + ", " +
							     tomlString(hookDir.path()) +
							     "]\nalert_on_reading = true\n"
							     "[modem.thresholds]\nmoney = \"200.00\"\n"),
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return countEvent(hookRuns(hookDir.path()), "reading") == 1; }, within(30s)))
		<< daemon.log();
	auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return countEvent(hookRuns(hookDir.path()), "reading") == 2; }, within(30s)))
		<< daemon.log();

	auto runs = hookRuns(hookDir.path());
	ASSERT_EQ(runs.size(), 3u) << daemon.log();
	EXPECT_EQ(countEvent(runs, "low"), 1u) << "one crossing, one low run, not one per poll";
	const auto &low = runs[0];
	EXPECT_EQ(low.at("ZANRYO_EVENT"), "low");
	EXPECT_EQ(low.at("ZANRYO_WHAT"), "money");
	EXPECT_EQ(low.at("ZANRYO_VALUE"), "12550");
	EXPECT_EQ(low.at("ZANRYO_THRESHOLD"), "20000");
	EXPECT_EQ(low.at("ZANRYO_MONEY"), "125.50");
	EXPECT_EQ(low.at("ZANRYO_CURRENCY"), "RUB");
	EXPECT_EQ(low.at("ZANRYO_SOURCE"), "ussd:*100#");
	EXPECT_EQ(low.at("ZANRYO_MODEM"), path);
	EXPECT_EQ(low.at("ZANRYO_DEVICE"), sim.link());
	EXPECT_EQ(low.at("ZANRYO_EXPIRES"), "2026-12-31");
	EXPECT_EQ(low.at("ZANRYO_RAW_REPLY"), "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026");
	EXPECT_FALSE(low.at("ZANRYO_DATA_REMAINING").empty());
	EXPECT_EQ(runs[1].at("ZANRYO_EVENT"), "reading");
	EXPECT_EQ(runs[1].at("ZANRYO_WHAT"), "");
	EXPECT_NE(daemon.log().find("alert hook " + hook + " done"), std::string::npos) << daemon.log();
}

TEST(AlertHook, hostileCarrierReplyReachesTheHookAsDataOnly)
{
	TempDir hookDir;
	std::string hook = writeHook(hookDir);
	std::string pwned = hookDir.file("pwned");
	std::string hostile = "Баланс: 5.00 руб. $(touch " + pwned + "); rm -rf \"" + hookDir.path() + "\" `touch " +
			      pwned + "2` 'x' ; touch " + pwned + "3";
	std::string scenario = readFile(sourcePath("tests/sim/scenarios/ru-prepaid.toml"));
	std::string line = "text = \"Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026\"";
	auto at = scenario.find(line);
	ASSERT_NE(at, std::string::npos);
	scenario.replace(at, line.size(), "text = " + tomlString(hostile));
	auto sim = SimModem::fromToml(scenario);
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim->link(), "alert_command = [" + tomlString(hook) + ", " +
							      tomlString(hookDir.path()) + "]\nalert_on_reading = true\n"),
			      {},
			      {} });
	daemon.waitReady();
	ASSERT_TRUE(waitUntil([&] { return countEvent(hookRuns(hookDir.path()), "reading") == 1; }, within(30s)))
		<< daemon.log() << sim->log();
	auto runs = hookRuns(hookDir.path());
	EXPECT_EQ(runs[0].at("ZANRYO_RAW_REPLY"), hostile);
	EXPECT_EQ(runs[0].at("ZANRYO_MONEY"), "5.00");
	EXPECT_FALSE(fs::exists(pwned));
	EXPECT_FALSE(fs::exists(pwned + "2"));
	EXPECT_FALSE(fs::exists(pwned + "3"));
}

std::string zanryoctlPath()
{
	return binaryPath("dbus/zanryoctl/zanryoctl");
}

TEST(History, refreshesAccumulateAndZanryoctlShowsThem)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim.link(), ""), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	// The first poll (2 s after start), then two Refresh calls: three readings.
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "125.50"; }, within(30s)))
		<< daemon.log();
	for (int i = 0; i < 2; i++) {
		auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
		ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log();
	}
	EXPECT_EQ(getProperty(bus, path, kHistory, "RetentionDays"), "90");
	EXPECT_TRUE(fs::exists(daemon.stateDir() + "/history.sqlite"));

	auto json = Process::run(zanryoctlPath(), { "history", "--bus", bus.address(), "--json", "--days", "7" }, 30s);
	ASSERT_EQ(json.exitCode, 0) << json.err;
	auto j = nlohmann::json::parse(json.out);
	EXPECT_EQ(j["modem"], path);
	ASSERT_EQ(j["readings"].size(), 3u) << json.out;
	for (const auto &reading : j["readings"]) {
		EXPECT_EQ(reading["source"], "ussd:*100#");
		EXPECT_EQ(reading["money"]["amount"], "125.50");
		EXPECT_EQ(reading["money"]["currency"], "RUB");
		EXPECT_EQ(reading["expires"], "2026-12-31");
		EXPECT_TRUE(reading["dataRemaining"].is_number_unsigned());
	}
	EXPECT_LE(j["readings"][0]["at"].get<std::uint64_t>(), j["readings"][2]["at"].get<std::uint64_t>());

	auto table = Process::run(zanryoctlPath(), { "history", "--bus", bus.address() }, 30s);
	ASSERT_EQ(table.exitCode, 0) << table.err;
	EXPECT_NE(table.out.find("ussd:*100#"), std::string::npos) << table.out;
	EXPECT_NE(table.out.find("Data remaining, 3 readings"), std::string::npos) << table.out;

	TempDir out;
	std::string svg = out.file("history.svg");
	auto plot = Process::run(zanryoctlPath(), { "history", "--bus", bus.address(), "--svg", svg }, 30s);
	ASSERT_EQ(plot.exitCode, 0) << plot.err;
	std::string text = readFile(svg);
	ASSERT_FALSE(text.empty());
	EXPECT_NE(text.find("<svg"), std::string::npos);
	std::size_t circles = 0;
	for (auto p = text.find("<circle"); p != std::string::npos; p = text.find("<circle", p + 1))
		circles++;
	EXPECT_EQ(circles, 3u);

	// Readable by everyone, like the Balance properties; days is checked.
	auto asNobody = bus.busctl({ "call", kService, path, kHistory, "GetHistory", "u", "1" }, 10s, "nobody");
	ASSERT_EQ(asNobody.exitCode, 0) << asNobody.err;
	EXPECT_EQ(asNobody.out.rfind("a(tsbttbsst)a(tt) 3 ", 0), 0u) << asNobody.out;
	for (const char *bad : { "0", "3651" }) {
		auto r = bus.busctl({ "call", kService, path, kHistory, "GetHistory", "u", bad });
		EXPECT_NE(r.exitCode, 0);
		EXPECT_NE(r.err.find("days must be 1 to 3650"), std::string::npos) << r.err;
	}
	auto badCli = Process::run(zanryoctlPath(), { "history", "--bus", bus.address(), "--days", "0" }, 30s);
	EXPECT_EQ(badCli.exitCode, 2) << badCli.err;
}

TEST(History, corruptDatabaseIsQuarantinedAndTheDaemonKeepsRecording)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir state;
	writeFile(state.file("history.sqlite"), std::string(8192, 'x'));
	Zanryod daemon(bus, { ussdConfig(sim.link(), ""), {}, state.path() });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Money") == "125.50"; }, within(30s)))
		<< daemon.log();
	EXPECT_NE(daemon.log().find("history.sqlite.corrupt-"), std::string::npos) << daemon.log();
	bool aside = false;
	for (const auto &e : fs::directory_iterator(state.path()))
		aside |= e.path().filename().string().rfind("history.sqlite.corrupt-", 0) == 0;
	EXPECT_TRUE(aside);
	auto r = bus.busctl({ "call", kService, path, kHistory, "GetHistory", "u", "1" });
	ASSERT_EQ(r.exitCode, 0) << r.err;
	EXPECT_EQ(r.out.rfind("a(tsbttbsst)a(tt) 1 ", 0), 0u) << r.out;
}

} // namespace
} // namespace zanryo::test
