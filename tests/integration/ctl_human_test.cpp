// zanryoctl for people (issue 17), through the real binary: errors a person can act on
// with their documented exit codes, options before or after the subcommand, modem
// selection, refresh --all, the JSON schema, units and the SVG, against a private
// dbus-daemon, zanryod and zanryo-modem-sim.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// The exit codes of zanryoctl(1), EXIT STATUS.
constexpr int kUsage = 2, kNotRunning = 3, kBusy = 5, kTimeout = 6;

Process::Result zanryoctl(std::vector<std::string> args, std::chrono::milliseconds timeout = 60s)
{
	return Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), std::move(args), timeout);
}

std::string ussdModem(const std::string &device, const std::string &extra = "")
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n" +
	       extra;
}

/// The modem objects of `zanryoctl status --json`, once \a n are ready.
json readyModems(PrivateBus &bus, std::size_t n, Deadline deadline)
{
	json modems;
	waitUntil(
		[&] {
			auto r = zanryoctl({ "status", "--bus", bus.address(), "--json" });
			auto j = json::parse(r.out, nullptr, false);
			if (r.exitCode != 0 || j.is_discarded() || j["modems"].size() != n)
				return false;
			for (const auto &m : j["modems"])
				if (m["state"] != "ready")
					return false;
			modems = j["modems"];
			return true;
		},
		deadline);
	return modems;
}

/// generic-en with replies that take \a delayMs: a query stays in progress long enough to see.
std::unique_ptr<SimModem> slowGenericEn(int delayMs)
{
	std::string scenario = readFile(sourcePath("tests/sim/scenarios/generic-en.toml"));
	const std::string fast = "ussd_delay_ms = 200";
	auto at = scenario.find(fast);
	if (at == std::string::npos)
		throw std::runtime_error("generic-en.toml has no '" + fast + "'");
	scenario.replace(at, fast.size(), "ussd_delay_ms = " + std::to_string(delayMs));
	return SimModem::fromToml(scenario);
}

TEST(ZanryoctlHuman, noDaemonSaysSoWithExitThreeForEveryDaemonCommand)
{
	PrivateBus bus;
	const std::string expected = "zanryoctl: zanryod is not running on the bus " + bus.address() +
				     " (start it: zanryod --bus " + bus.address() + ")\n";
	for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
		     { "status" }, { "refresh" }, { "refresh", "--all" }, { "history" }, { "ussd", "*100#" }, { "watch" } }) {
		args.push_back("--bus");
		args.push_back(bus.address());
		// watch included: it must not wait silently for ever, so a short run limit.
		auto r = zanryoctl(args, 10s);
		EXPECT_EQ(r.exitCode, kNotRunning) << args.front() << ": " << r.err;
		EXPECT_EQ(r.err, expected) << args.front();
		EXPECT_EQ(r.out, "") << args.front();
	}
	auto noBus = zanryoctl({ "status", "--bus", "unix:path=/nonexistent/zanryo-bus" });
	EXPECT_EQ(noBus.exitCode, kNotRunning) << noBus.err;
	EXPECT_NE(noBus.err.find("cannot connect to the unix:path=/nonexistent/zanryo-bus bus"), std::string::npos)
		<< noBus.err;
}

TEST(ZanryoctlHuman, aTypoSuggestsTheNearestCommand)
{
	struct Case {
		const char *typed;
		const char *expectedErr;
	};
	for (const Case &c : { Case{ "stauts", "zanryoctl: unknown command 'stauts'; did you mean 'status'?\n" },
			       Case{ "refrsh", "zanryoctl: unknown command 'refrsh'; did you mean 'refresh'?\n" },
			       Case{ "hist", "zanryoctl: unknown command 'hist'; did you mean 'history'?\n" },
			       Case{ "frobnicate", "zanryoctl: unknown command 'frobnicate'; see 'zanryoctl --help'\n" } }) {
		auto r = zanryoctl({ "--bus", "session", c.typed });
		EXPECT_EQ(r.exitCode, kUsage) << c.typed;
		EXPECT_EQ(r.err, c.expectedErr);
	}
}

TEST(ZanryoctlHuman, busJsonAndModemBeforeOrAfterTheSubcommand)
{
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link()), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	const std::string id = modems[0]["id"];

	auto after = zanryoctl({ "status", "--bus", bus.address(), "--json", "--modem", id });
	auto before = zanryoctl({ "--bus", bus.address(), "--json", "--modem", id, "status" });
	auto mixed = zanryoctl({ "--json", "status", "--bus", bus.address() });
	ASSERT_EQ(after.exitCode, 0) << after.err;
	ASSERT_EQ(before.exitCode, 0) << before.err;
	ASSERT_EQ(mixed.exitCode, 0) << mixed.err;
	auto a = json::parse(after.out), b = json::parse(before.out), m = json::parse(mixed.out);
	EXPECT_EQ(a["schema"], 1);
	EXPECT_EQ(a["modems"][0]["path"], b["modems"][0]["path"]);
	EXPECT_EQ(a["modems"][0]["path"], m["modems"][0]["path"]);
	EXPECT_EQ(b["modems"][0]["device"], sim.link());
}

TEST(ZanryoctlHuman, modemsAreChosenByIdPrefixOrDeviceAndStatusNamesThem)
{
	SimModem en("generic-en");
	SimModem ru("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(en.link()) + ussdModem(ru.link()), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 2, within(30s));
	ASSERT_EQ(modems.size(), 2u) << daemon.log();
	for (const auto &m : modems) {
		EXPECT_TRUE(m.contains("name") && m["name"].is_string()) << m;
		EXPECT_EQ(m["path"], "/org/zanryo/Zanryo1/modem/" + m["id"].get<std::string>());
	}
	const json &first = modems[0];
	const std::string prefix = first["id"].get<std::string>().substr(0, 6);

	auto byPrefix = zanryoctl({ "status", prefix, "--bus", bus.address(), "--json" });
	ASSERT_EQ(byPrefix.exitCode, 0) << byPrefix.err;
	auto j = json::parse(byPrefix.out);
	ASSERT_EQ(j["modems"].size(), 1u) << byPrefix.out;
	EXPECT_EQ(j["modems"][0]["path"], first["path"]);

	auto byDevice = zanryoctl({ "refresh", "--modem", ru.link(), "--bus", bus.address(), "--json" });
	ASSERT_EQ(byDevice.exitCode, 0) << byDevice.err << daemon.log();
	auto r = json::parse(byDevice.out);
	EXPECT_EQ(r["schema"], 1);
	EXPECT_EQ(r["balance"]["money"]["amount"], "125.50");
	EXPECT_EQ(r["balance"]["expires"], "2026-12-31");
	EXPECT_EQ(r["balance"]["expiresAt"], 1798675200);

	// The text header starts with the short id (or the name, where one is configured).
	auto text = zanryoctl({ "status", "--bus", bus.address() });
	ASSERT_EQ(text.exitCode, 0) << text.err;
	for (const auto &m : modems) {
		const std::string id = m["id"];
		const std::string head = m["name"].get<std::string>().empty()
						 ? id.substr(0, 8) + ": "
						 : m["name"].get<std::string>() + " (" + id.substr(0, 8) + "): ";
		EXPECT_NE(text.out.find(head + m["manufacturer"].get<std::string>() + " " + m["model"].get<std::string>() +
					" on " + m["device"].get<std::string>()),
			  std::string::npos)
			<< text.out;
	}

	auto unknown = zanryoctl({ "status", "zz-no-such", "--bus", bus.address() });
	EXPECT_EQ(unknown.exitCode, kUsage);
	EXPECT_NE(unknown.err.find("no modem 'zz-no-such'; modems: "), std::string::npos) << unknown.err;
}

TEST(ZanryoctlHuman, aModemIsChosenByItsConfiguredName)
{
	SimModem en("generic-en");
	SimModem ru("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(en.link()) + ussdModem(ru.link(), "name = \"kitchen-router\"\n"), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 2, within(30s));
	ASSERT_EQ(modems.size(), 2u) << daemon.log();

	auto byName = zanryoctl({ "status", "kitchen-router", "--bus", bus.address(), "--json" });
	ASSERT_EQ(byName.exitCode, 0) << byName.err;
	auto j = json::parse(byName.out);
	ASSERT_EQ(j["modems"].size(), 1u) << byName.out;
	EXPECT_EQ(j["modems"][0]["name"], "kitchen-router");
	EXPECT_EQ(j["modems"][0]["device"], ru.link());

	auto refresh = zanryoctl({ "refresh", "--modem", "kitchen-router", "--bus", bus.address(), "--json" });
	ASSERT_EQ(refresh.exitCode, 0) << refresh.err << daemon.log();
	EXPECT_EQ(json::parse(refresh.out)["balance"]["money"]["amount"], "125.50");

	auto text = zanryoctl({ "status", "--bus", bus.address() });
	ASSERT_EQ(text.exitCode, 0) << text.err;
	const std::string id = j["modems"][0]["id"];
	EXPECT_NE(text.out.find("kitchen-router (" + id.substr(0, 8) + "): "), std::string::npos) << text.out;
}

// ussd and history choose their modem the same ways as status and refresh, and their
// JSON carries the schema version like every other command's (docs/cli-json.md).
TEST(ZanryoctlHuman, ussdAndHistoryChooseByNameOrIdPrefixAndTheirJsonHasTheSchema)
{
	SimModem en("generic-en");
	SimModem ru("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(en.link(), "name = \"attic\"\n") + ussdModem(ru.link(), "name = \"kitchen-router\"\n"),
			      {},
			      {} });
	daemon.waitReady();
	json modems = readyModems(bus, 2, within(30s));
	ASSERT_EQ(modems.size(), 2u) << daemon.log();
	std::string ruId;
	for (const auto &m : modems)
		if (m["name"] == "kitchen-router")
			ruId = m["id"];
	ASSERT_EQ(ruId.size(), 16u) << modems.dump();

	auto ussd = zanryoctl({ "ussd", "*100#", "--modem", "kitchen-router", "--bus", bus.address(), "--json" });
	ASSERT_EQ(ussd.exitCode, 0) << ussd.err << daemon.log();
	auto u = json::parse(ussd.out, nullptr, false);
	ASSERT_FALSE(u.is_discarded()) << ussd.out;
	EXPECT_EQ(u["schema"], 1) << ussd.out;
	EXPECT_NE(u.dump().find("125.50"), std::string::npos) << ussd.out;
	EXPECT_NE(ru.log().find("AT+CUSD=1"), std::string::npos) << "the named modem was asked";

	// A reading for the history, then the history by name and by the start of the id.
	auto refresh = zanryoctl({ "refresh", "--modem", ruId.substr(0, 6), "--bus", bus.address(), "--json" });
	ASSERT_EQ(refresh.exitCode, 0) << refresh.err << daemon.log();
	for (const std::string &which : { std::string("kitchen-router"), ruId.substr(0, 6) }) {
		SCOPED_TRACE(which);
		auto h = zanryoctl({ "history", which, "--bus", bus.address(), "--json" });
		ASSERT_EQ(h.exitCode, 0) << h.err;
		auto j = json::parse(h.out, nullptr, false);
		ASSERT_FALSE(j.is_discarded()) << h.out;
		EXPECT_EQ(j["schema"], 1) << h.out;
		EXPECT_NE(h.out.find("125.5"), std::string::npos) << h.out;
		EXPECT_EQ(h.out.find("12.34"), std::string::npos) << "the other modem's readings are not shown: " << h.out;
	}
	auto unknown = zanryoctl({ "history", "cellar", "--bus", bus.address() });
	EXPECT_EQ(unknown.exitCode, kUsage) << unknown.out;
}

TEST(ZanryoctlHuman, refreshAllStartsAQueryOnEveryModem)
{
	SimModem en("generic-en");
	SimModem ru("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(en.link()) + ussdModem(ru.link()), {}, {} });
	daemon.waitReady();
	ASSERT_EQ(readyModems(bus, 2, within(30s)).size(), 2u) << daemon.log();
	// Let the first scheduled polls finish, so RefreshAll can start both.
	ASSERT_TRUE(waitUntil(
		[&] {
			auto j = json::parse(zanryoctl({ "status", "--bus", bus.address(), "--json" }).out, nullptr, false);
			return !j.is_discarded() && j["modems"].size() == 2 && !j["modems"][0]["balance"]["updatedAt"].is_null() &&
			       !j["modems"][1]["balance"]["updatedAt"].is_null();
		},
		within(30s)))
		<< daemon.log();
	const auto before = occurrences(en.log(), "AT+CUSD=1") + occurrences(ru.log(), "AT+CUSD=1");

	auto r = zanryoctl({ "refresh", "--all", "--bus", bus.address(), "--json" });
	ASSERT_EQ(r.exitCode, 0) << r.err;
	auto j = json::parse(r.out);
	EXPECT_EQ(j["schema"], 1);
	EXPECT_EQ(j["started"], 2) << r.out;
	EXPECT_EQ(j["modems"], 2);
	EXPECT_TRUE(waitUntil(
		[&] { return occurrences(en.log(), "AT+CUSD=1") + occurrences(ru.log(), "AT+CUSD=1") >= before + 2; },
		within(20s)));

	auto text = zanryoctl({ "refresh", "--all", "--bus", bus.address() });
	ASSERT_EQ(text.exitCode, 0) << text.err;
	EXPECT_NE(text.out.find(" of 2 modems; see the results with 'zanryoctl status'"), std::string::npos) << text.out;
	auto both = zanryoctl({ "refresh", "--all", "--modem", en.link(), "--bus", bus.address() });
	EXPECT_EQ(both.exitCode, kUsage) << both.err;
}

TEST(ZanryoctlHuman, aClientTimeoutSaysTheQueryGoesOnAndStatusShowsItsResult)
{
	auto sim = slowGenericEn(4000);
	PrivateBus bus;
	// No scheduled poll in the way: only the CLI's Refresh asks.
	Zanryod daemon(bus, { ussdModem(sim->link(), "poll_interval = \"24h\"\n"), {}, {} });
	daemon.waitReady();
	ASSERT_EQ(readyModems(bus, 1, within(20s)).size(), 1u) << daemon.log();
	ASSERT_TRUE(waitUntil(
		[&] {
			auto j = json::parse(zanryoctl({ "status", "--bus", bus.address(), "--json" }).out, nullptr, false);
			return !j.is_discarded() && j["modems"][0]["state"] == "ready";
		},
		within(20s)));

	auto r = zanryoctl({ "refresh", "--timeout", "1", "--bus", bus.address() });
	EXPECT_EQ(r.exitCode, kTimeout) << r.err;
	EXPECT_EQ(r.err, "zanryoctl: zanryod did not answer within 1 s; the query goes on in zanryod: see its result "
			 "with 'zanryoctl status', or follow it with 'zanryoctl watch'\n");
	// It did go on: the balance arrives without another call.
	EXPECT_TRUE(waitUntil(
		[&] {
			auto j = json::parse(zanryoctl({ "status", "--bus", bus.address(), "--json" }).out, nullptr, false);
			return !j.is_discarded() && j["modems"][0]["balance"]["money"].is_object() &&
			       j["modems"][0]["balance"]["money"]["amount"] == "12.34";
		},
		within(20s)))
		<< daemon.log();
}

TEST(ZanryoctlHuman, refreshWaitsForTheModemsReplyTimeoutPlusAMargin)
{
	// The network answers after 60 s; zanryod gives up after its reply_timeout of 3 s.
	auto sim = slowGenericEn(60000);
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim->link(), "poll_interval = \"24h\"\nreply_timeout = \"3s\"\n"), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	const std::string path = modems[0]["path"];
	EXPECT_EQ(getProperty(bus, path, "org.zanryo.Zanryo1.Modem", "ReplyTimeout"), "3");
	EXPECT_EQ(modems[0]["replyTimeout"], 3) << modems[0];

	// Without --timeout zanryoctl outwaits zanryod: the Timeout is zanryod's, not its own.
	auto r = zanryoctl({ "refresh", "--bus", bus.address() });
	EXPECT_EQ(r.exitCode, kTimeout) << r.err;
	EXPECT_NE(r.err.find("(org.zanryo.Zanryo1.Error.Timeout)"), std::string::npos) << r.err;
	EXPECT_EQ(r.err.find("zanryod did not answer within"), std::string::npos) << r.err;

	// On a terminal the progress line names the wait: ReplyTimeout 3 s + 30 s.
	const std::string ctl = binaryPath("dbus/zanryoctl/zanryoctl");
	auto tty = Process::run("script", { "-q", "-e", "-c", ctl + " refresh --bus " + bus.address(), "/dev/null" }, 60s);
	EXPECT_EQ(tty.exitCode, kTimeout) << tty.out;
	EXPECT_TRUE(std::regex_search(tty.out, std::regex("waiting for the reply, [0-9]+ s of 33 s"))) << tty.out;
	auto given = Process::run("script", { "-q", "-e", "-c", ctl + " refresh --timeout 2 --bus " + bus.address(), "/dev/null" },
				  60s);
	EXPECT_EQ(given.exitCode, kTimeout) << given.out;
	EXPECT_TRUE(std::regex_search(given.out, std::regex("waiting for the reply, [0-9]+ s of 2 s"))) << given.out;
	EXPECT_NE(given.out.find("zanryod did not answer within 2 s; the query goes on in zanryod"), std::string::npos)
		<< given.out;
}

TEST(ZanryoctlHuman, onATerminalRefreshShowsWhatItWaitsForAndNothingOtherwise)
{
	auto sim = slowGenericEn(2500);
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim->link(), "poll_interval = \"24h\"\n"), {}, {} });
	daemon.waitReady();
	ASSERT_EQ(readyModems(bus, 1, within(20s)).size(), 1u) << daemon.log();
	const std::string ctl = binaryPath("dbus/zanryoctl/zanryoctl");

	// script(1) gives zanryoctl a pseudo-terminal; its output is what the terminal shows.
	auto tty = Process::run("script", { "-q", "-e", "-c", ctl + " refresh --bus " + bus.address(), "/dev/null" }, 60s);
	ASSERT_EQ(tty.exitCode, 0) << tty.out << tty.err << daemon.log();
	EXPECT_TRUE(std::regex_search(tty.out, std::regex("asking Test Network[^\r]* \\.\\.\\. waiting for the reply, [0-9]+ s")))
		<< tty.out;
	EXPECT_NE(tty.out.find("Data left:  2.50 GiB"), std::string::npos) << tty.out;

	auto ttyJson = Process::run("script", { "-q", "-e", "-c", ctl + " refresh --json --bus " + bus.address(), "/dev/null" },
				    60s);
	ASSERT_EQ(ttyJson.exitCode, 0) << ttyJson.out;
	EXPECT_EQ(ttyJson.out.find("waiting for the reply"), std::string::npos) << ttyJson.out;

	auto pipe = zanryoctl({ "refresh", "--bus", bus.address() });
	ASSERT_EQ(pipe.exitCode, 0) << pipe.err;
	EXPECT_EQ(pipe.err, "") << "no progress when stderr is not a terminal";
}

TEST(ZanryoctlHuman, notAuthorizedIsExitFour)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link()), {}, {} });
	daemon.waitReady();
	ASSERT_EQ(readyModems(bus, 1, within(20s)).size(), 1u) << daemon.log();
	// The bus policy lets root and the zanryo group start queries; nobody may only read.
	const std::vector<std::string> asNobody = { "--reuid=nobody", "--regid=nogroup", "--clear-groups",
						    binaryPath("dbus/zanryoctl/zanryoctl") };
	auto args = asNobody;
	for (const char *a : { "refresh", "--bus" })
		args.push_back(a);
	args.push_back(bus.address());
	auto r = Process::run("setpriv", args, 60s);
	EXPECT_EQ(r.exitCode, 4) << r.err;
	EXPECT_NE(r.err.find("the bus policy lets root and the zanryo group do this"), std::string::npos) << r.err;
	args = asNobody;
	for (const char *a : { "status", "--bus" })
		args.push_back(a);
	args.push_back(bus.address());
	auto read = Process::run("setpriv", args, 60s);
	EXPECT_EQ(read.exitCode, 0) << read.err;
}

TEST(ZanryoctlHuman, bashCompletionOffersCommandsAndTheDaemonsModems)
{
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link()), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	const std::string ctlDir = binaryPath("dbus/zanryoctl");
	auto complete = [&](const std::string &words, int cword) {
		std::string script = "source " + sourcePath("dbus/zanryoctl/completion/zanryoctl.bash") + "; PATH=" + ctlDir +
				     ":$PATH; COMP_WORDS=(" + words + "); COMP_CWORD=" + std::to_string(cword) +
				     "; _zanryoctl; printf '%s\\n' \"${COMPREPLY[@]}\"";
		return Process::run("bash", { "-c", script }, 30s);
	};
	auto commands = complete("zanryoctl sta", 1);
	ASSERT_EQ(commands.exitCode, 0) << commands.err;
	EXPECT_EQ(commands.out, "status\n");
	auto ids = complete("zanryoctl status --bus " + bus.address() + " ''", 4);
	ASSERT_EQ(ids.exitCode, 0) << ids.err;
	EXPECT_NE(ids.out.find(modems[0]["id"].get<std::string>() + "\n"), std::string::npos) << ids.out;
	EXPECT_NE(ids.out.find(sim.link() + "\n"), std::string::npos) << ids.out;
}

TEST(ZanryoctlHuman, bashCompletionWithBashCompletionsHelpersKeepsTheBusAddressWhole)
{
	const std::string helpers = "/usr/share/bash-completion/bash_completion";
	if (Process::run("test", { "-r", helpers }, 10s).exitCode != 0)
		GTEST_SKIP() << helpers << " is not installed (scripts/deps.sh installs bash-completion)";
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link()), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	const std::string id = modems[0]["id"];
	// As bash hands the words over: COMP_WORDBREAKS holds ':', so "unix:path=..." comes
	// as three words; _init_completion puts them together again only when told to.
	const std::string address = bus.address();
	const auto colon = address.find(':');
	ASSERT_NE(colon, std::string::npos) << address;
	const std::string line = "zanryoctl status --bus " + address + " " + id.substr(0, 6);
	std::string script = "source " + helpers + "; source " + sourcePath("dbus/zanryoctl/completion/zanryoctl.bash") +
			     "; PATH=" + binaryPath("dbus/zanryoctl") + ":$PATH; COMP_LINE='" + line +
			     "'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(zanryoctl status --bus '" + address.substr(0, colon) +
			     "' : '" + address.substr(colon + 1) + "' " + id.substr(0, 6) +
			     "); COMP_CWORD=6; _zanryoctl; printf '%s\\n' \"${COMPREPLY[@]}\"";
	auto r = Process::run("bash", { "-c", script }, 30s);
	ASSERT_EQ(r.exitCode, 0) << r.err;
	EXPECT_EQ(r.out, id + "\n") << "the modems of zanryod on " << address;
}

TEST(ZanryoctlHuman, zshCompletionIsValidAndCompletesCommandsAndTheDaemonsModems)
{
	const std::string file = sourcePath("dbus/zanryoctl/completion/_zanryoctl");
	if (Process::run("sh", { "-c", "command -v zsh" }, 10s).exitCode != 0)
		GTEST_SKIP() << "zsh is not installed (scripts/deps.sh installs it): " << file << " is not checked";
	auto syntax = Process::run("zsh", { "-n", file }, 10s);
	ASSERT_EQ(syntax.exitCode, 0) << syntax.err;
	EXPECT_EQ(syntax.err, "");

	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link(), "name = \"attic\"\n"), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	const std::string id = modems[0]["id"];
	// A real interactive zsh on a pty, compinit with the completion's folder first in
	// $fpath, zanryoctl (for the modems) first in $PATH; prints the line after one Tab.
	const char *path = std::getenv("PATH");
	auto complete = [&](const std::string &typed) {
		auto r = Process::run("env",
				      { "PATH=" + binaryPath("dbus/zanryoctl") + ":" + (path ? path : "/usr/bin:/bin"), "zsh",
					"-f", sourcePath("tests/integration/support/zsh_complete.zsh"),
					sourcePath("dbus/zanryoctl/completion"), typed },
				      40s);
		EXPECT_EQ(r.exitCode, 0) << typed << ": " << r.err;
		return r.out;
	};
	EXPECT_EQ(complete("zanryoctl sta"), "zanryoctl status \n");
	EXPECT_EQ(complete("zanryoctl refr"), "zanryoctl refresh \n");
	EXPECT_EQ(complete("zanryoctl ussd-c"), "zanryoctl ussd-cancel \n");
	EXPECT_EQ(complete("zanryoctl refresh --al"), "zanryoctl refresh --all \n");
	const std::string line = "zanryoctl status --bus " + bus.address() + " ";
	EXPECT_EQ(complete(line + id.substr(0, 6)), line + id + " \n") << "an id from zanryod";
	EXPECT_EQ(complete(line + "att"), line + "attic \n") << "a configured name";
	const std::string busFirst = "zanryoctl --bus " + bus.address() + " status ";
	EXPECT_EQ(complete(busFirst + id.substr(0, 6)), busFirst + id + " \n") << "--bus before the command";
	const std::string byModem = "zanryoctl refresh --bus " + bus.address() + " --modem ";
	EXPECT_EQ(complete(byModem + sim.link().substr(0, sim.link().size() - 2)), byModem + sim.link() + " \n")
		<< "a device";
}

TEST(ZanryoctlHuman, busyIsExitFive)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"" + sim.link() + "\"\nmethod = \"none\"\n", {}, {} });
	daemon.waitReady();
	ASSERT_EQ(readyModems(bus, 1, within(20s)).size(), 1u) << daemon.log();
	auto r = zanryoctl({ "ussd-respond", "1", "--bus", bus.address() });
	EXPECT_EQ(r.exitCode, kBusy) << r.err;
	EXPECT_NE(r.err.find("(org.zanryo.Zanryo1.Error.Busy)"), std::string::npos) << r.err;
}

TEST(ZanryoctlHuman, watchPrintsTheNewValuesOfChangedProperties)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link(), "poll_interval = \"24h\"\n"), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	const std::string path = modems[0]["path"];

	// --modem takes the start of the id here as everywhere.
	const std::string prefix = modems[0]["id"].get<std::string>().substr(0, 5);
	Process watch(binaryPath("dbus/zanryoctl/zanryoctl"),
		      { "watch", "--bus", bus.address(), "--for", "60", "--modem", prefix });
	// The watch is subscribed once it has asked zanryod for its version; a Refresh after
	// its first changed line cannot be missed. Refresh until a Money line arrives.
	std::optional<std::string> line;
	ASSERT_TRUE(waitUntil(
		[&] {
			bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 30s);
			line = watch.waitForLine(std::regex("\"interface\":\"org\\.zanryo\\.Zanryo1\\.Balance\".*\"UpdatedAt\":[0-9]+"),
						 within(2s));
			return line.has_value();
		},
		within(40s)))
		<< watch.stdoutText() << watch.stderrText();
	auto j = json::parse(*line);
	EXPECT_EQ(j["schema"], 1);
	EXPECT_EQ(j["event"], "changed");
	EXPECT_EQ(j["modem"], path);
	EXPECT_EQ(j["interface"], kBalance);
	ASSERT_TRUE(j["properties"]["UpdatedAt"].is_number_unsigned()) << *line;
	EXPECT_TRUE(j["invalidated"].is_array());
	// The value is the one zanryod holds (or an older one, if a later Refresh landed since).
	auto now = json::parse(zanryoctl({ "status", "--bus", bus.address(), "--json" }).out);
	EXPECT_GE(now["modems"][0]["balance"]["updatedAt"].get<std::uint64_t>(), j["properties"]["UpdatedAt"].get<std::uint64_t>());
	EXPECT_GT(j["properties"]["UpdatedAt"].get<std::uint64_t>(), 1700000000u);

	auto noSuch = zanryoctl({ "watch", "--bus", bus.address(), "--modem", "zz-no-such" });
	EXPECT_EQ(noSuch.exitCode, kUsage) << noSuch.err;
}

TEST(ZanryoctlHuman, unitsAreBinaryAndLabelledOrDecimalWithSi)
{
	SimModem sim("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link(), "interface = \"none\"\n"), {}, {} });
	daemon.waitReady();
	ASSERT_EQ(readyModems(bus, 1, within(20s)).size(), 1u) << daemon.log();
	auto refreshed = zanryoctl({ "refresh", "--bus", bus.address() });
	ASSERT_EQ(refreshed.exitCode, 0) << refreshed.err << daemon.log();
	EXPECT_NE(refreshed.out.find("  Data left:  2.50 GiB\n"), std::string::npos) << refreshed.out;

	auto binary = zanryoctl({ "status", "--bus", bus.address() });
	auto si = zanryoctl({ "--si", "status", "--bus", bus.address() });
	auto siAfter = zanryoctl({ "status", "--bus", bus.address(), "--si" });
	EXPECT_NE(binary.out.find("  Data left:  2.50 GiB\n"), std::string::npos) << binary.out;
	EXPECT_NE(si.out.find("  Data left:  2.68 GB\n"), std::string::npos) << si.out;
	EXPECT_EQ(si.out, siAfter.out);
	// history's table and chart in the same units.
	auto history = zanryoctl({ "history", "--days", "1", "--bus", bus.address() });
	auto siHistory = zanryoctl({ "history", "--days", "1", "--si", "--bus", bus.address() });
	ASSERT_EQ(history.exitCode, 0) << history.err;
	EXPECT_NE(history.out.find("2.50 GiB"), std::string::npos) << history.out;
	EXPECT_FALSE(std::regex_search(history.out, std::regex("[0-9] (kB|MB|GB)\\b"))) << history.out;
	EXPECT_NE(siHistory.out.find("2.68 GB"), std::string::npos) << siHistory.out;
	EXPECT_EQ(siHistory.out.find("GiB"), std::string::npos) << siHistory.out;
	// interface = "none": counting is off, not a missing interface to set.
	EXPECT_NE(binary.out.find("  Counted:    off (interface = \"none\" in zanryod.toml)\n"), std::string::npos)
		<< binary.out;
	EXPECT_EQ(binary.out.find("set 'interface'"), std::string::npos) << binary.out;
	// Times carry their zone.
	EXPECT_TRUE(std::regex_search(binary.out, std::regex("  Updated:    \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\(ussd:\\*100#\\)")))
		<< binary.out;
}

TEST(ZanryoctlHuman, thresholdsAndLowCrossingsAreShownInTheSameUnits)
{
	SimModem sim("generic-en"); // 12.34 GBP, 2.5 GB left
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link(), "poll_interval = \"24h\"\ninterface = \"none\"\n"
						   "[modem.thresholds]\ndata_bytes = \"3GB\"\nmoney = \"20.00\"\n"),
			      {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	const std::string path = modems[0]["path"];
	auto property = bus.busctl({ "get-property", kService, path, "org.zanryo.Zanryo1.Modem", "Thresholds" });
	EXPECT_NE(property.out.find("\"data-bytes\" t 3221225472"), std::string::npos) << property.out << property.err;
	EXPECT_NE(property.out.find("\"money\" s \"20.00\""), std::string::npos) << property.out;

	// The crossing comes with the first reading: the watch must be subscribed before it.
	// A USSD menu opened and cancelled changes Ussd.State and no balance; repeat until the
	// watch has seen it.
	Process watch(binaryPath("dbus/zanryoctl/zanryoctl"), { "watch", "--bus", bus.address(), "--for", "60" });
	Process siWatch(binaryPath("dbus/zanryoctl/zanryoctl"), { "--si", "watch", "--bus", bus.address(), "--for", "60" });
	const std::regex ussdLine("\"interface\":\"org\\.zanryo\\.Zanryo1\\.Ussd\"");
	bool seen = false, siSeen = false;
	ASSERT_TRUE(waitUntil(
		[&] {
			zanryoctl({ "ussd", "*101#", "--bus", bus.address() });
			zanryoctl({ "ussd-cancel", "--bus", bus.address() });
			seen = seen || watch.waitForLine(ussdLine, within(2s)).has_value();
			siSeen = siSeen || siWatch.waitForLine(ussdLine, within(2s)).has_value();
			return seen && siSeen;
		},
		within(30s)))
		<< watch.stdoutText() << siWatch.stdoutText() << daemon.log();
	auto refreshed = zanryoctl({ "refresh", "--bus", bus.address() });
	ASSERT_EQ(refreshed.exitCode, 0) << refreshed.err << daemon.log();

	auto data = watch.waitForLine(std::regex("\"what\":\"data-bytes\""), within(20s));
	ASSERT_TRUE(data.has_value()) << watch.stdoutText();
	auto d = json::parse(*data);
	EXPECT_EQ(d["value"], 2684354560u) << "JSON keeps plain bytes";
	EXPECT_EQ(d["threshold"], 3221225472u);
	EXPECT_EQ(d["text"], "data left 2.50 GiB, at or below 3.00 GiB");
	auto money = watch.waitForLine(std::regex("\"what\":\"money\""), within(20s));
	ASSERT_TRUE(money.has_value()) << watch.stdoutText();
	EXPECT_EQ(json::parse(*money)["text"], "money 12.34 GBP, at or below 20.00 GBP");

	auto binary = zanryoctl({ "status", "--bus", bus.address() });
	auto si = zanryoctl({ "status", "--si", "--bus", bus.address() });
	EXPECT_NE(binary.out.find("  Data left:  2.50 GiB\n"), std::string::npos) << binary.out;
	EXPECT_NE(binary.out.find("  Thresholds: 3.00 GiB left, 20.00 GBP\n"), std::string::npos) << binary.out;
	EXPECT_NE(si.out.find("  Data left:  2.68 GB\n"), std::string::npos) << si.out;
	EXPECT_NE(si.out.find("  Thresholds: 3.22 GB left, 20.00 GBP\n"), std::string::npos) << si.out;

	auto j = json::parse(zanryoctl({ "status", "--json", "--bus", bus.address() }).out)["modems"][0]["thresholds"];
	EXPECT_EQ(j["dataBytes"], 3221225472u) << j;
	EXPECT_EQ(j["money"]["amount"], "20.00");
	EXPECT_EQ(j["money"]["currency"], "GBP");
	EXPECT_TRUE(j["dataPercent"].is_null());
	EXPECT_EQ(j["runOut"], false);

	auto siData = siWatch.waitForLine(std::regex("\"what\":\"data-bytes\""), within(20s));
	ASSERT_TRUE(siData.has_value()) << siWatch.stdoutText();
	EXPECT_EQ(json::parse(*siData)["text"], "data left 2.68 GB, at or below 3.22 GB");
	EXPECT_EQ(json::parse(*siData)["value"], 2684354560u);
}

TEST(ZanryoctlHuman, historySvgToStdoutIsTitledWithTheModemAndProvider)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdModem(sim.link()), {}, {} });
	daemon.waitReady();
	json modems = readyModems(bus, 1, within(20s));
	ASSERT_EQ(modems.size(), 1u) << daemon.log();
	auto refreshed = zanryoctl({ "refresh", "--bus", bus.address() });
	ASSERT_EQ(refreshed.exitCode, 0) << refreshed.err;

	auto svg = zanryoctl({ "history", "--days", "1", "--svg", "-", "--bus", bus.address() });
	ASSERT_EQ(svg.exitCode, 0) << svg.err;
	EXPECT_EQ(svg.out.rfind("<?xml", 0), 0u) << svg.out.substr(0, 200);
	EXPECT_NE(svg.out.find("</svg>\n"), std::string::npos);
	const json m = json::parse(zanryoctl({ "status", "--bus", bus.address(), "--json" }).out)["modems"][0];
	std::string who = m["name"].get<std::string>().empty() ? m["id"].get<std::string>() : m["name"].get<std::string>();
	std::string provider = m["provider"].get<std::string>().empty() ? m["operatorName"].get<std::string>()
									 : m["provider"].get<std::string>();
	std::string title = "<title>zanryo: " + who + (provider.empty() ? "" : ", " + provider) + " (1 day)</title>";
	EXPECT_NE(svg.out.find(title), std::string::npos) << title << "\n" << svg.out.substr(0, 400);

	auto json7 = zanryoctl({ "history", "--days", "7", "--json", "--bus", bus.address() });
	auto h = json::parse(json7.out);
	EXPECT_EQ(h["schema"], 1);
	ASSERT_FALSE(h["readings"].empty());
	EXPECT_EQ(h["readings"][0]["expires"], "2026-12-31");
	EXPECT_EQ(h["readings"][0]["expiresAt"], 1798675200);
}

} /* namespace */
} /* namespace zanryo::test */
