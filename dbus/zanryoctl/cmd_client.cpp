// zanryoctl commands that talk to zanryod through libzanryo-client.
#include <ctime>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "zanryo/client.hpp"

namespace zanryo::ctl {

namespace {

struct ClientOptions {
	std::string bus = "system";
	bool json = false;
	std::string modem;
	unsigned timeoutSeconds = 300;
	unsigned watchSeconds = 0;
};

std::string isoDate(std::uint64_t unix, bool withTime)
{
	if (unix == 0)
		return {};
	std::time_t t = std::time_t(unix);
	std::tm tm{};
	if (withTime)
		localtime_r(&t, &tm);
	else
		gmtime_r(&t, &tm); // Expires is UTC midnight of the carrier's date
	char buf[32];
	std::strftime(buf, sizeof buf, withTime ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d", &tm);
	return buf;
}

nlohmann::json balanceJson(const client::Balance &b)
{
	nlohmann::json j;
	j["dataRemaining"] = b.hasData ? nlohmann::json(b.dataRemaining) : nlohmann::json(nullptr);
	j["dataTotal"] = b.dataTotal ? nlohmann::json(b.dataTotal) : nlohmann::json(nullptr);
	j["dataUnlimited"] = b.dataUnlimited;
	j["money"] = b.money.empty() ? nlohmann::json(nullptr)
				     : nlohmann::json{ { "amount", b.money }, { "currency", b.currency } };
	j["expires"] = b.expires ? nlohmann::json(isoDate(b.expires, false)) : nlohmann::json(nullptr);
	j["updatedAt"] = b.updatedAt ? nlohmann::json(b.updatedAt) : nlohmann::json(nullptr);
	j["source"] = b.source;
	j["rawReply"] = b.rawReply;
	j["stale"] = b.stale;
	j["dataUsedPercent"] = b.dataUsedPercent >= 0 ? nlohmann::json(b.dataUsedPercent) : nlohmann::json(nullptr);
	j["throttled"] = b.throttled;
	j["dataLow"] = b.dataLow;
	return j;
}

/// "80% used, speed reduced, running low": what the carrier's notices said.
std::string noticeLine(const client::Balance &b)
{
	std::string line;
	auto add = [&](const std::string &part) { line += (line.empty() ? "" : ", ") + part; };
	if (b.dataUsedPercent >= 0)
		add(fmt::format("{}% used", b.dataUsedPercent));
	if (b.throttled)
		add("speed reduced");
	if (b.dataLow)
		add("running low");
	return line;
}

void printBalance(const client::Balance &b)
{
	if (b.dataUnlimited)
		fmt::print("  Data left:  unlimited\n");
	else if (b.hasData)
		fmt::print("  Data left:  {}{}\n", client::formatBytes(b.dataRemaining),
			   b.dataTotal ? " of " + client::formatBytes(b.dataTotal) : std::string());
	if (b.dataUsedPercent >= 0 || b.throttled || b.dataLow)
		fmt::print("  Notice:     {}\n", noticeLine(b));
	if (!b.money.empty())
		fmt::print("  Money:      {} {}\n", b.money, b.currency);
	if (b.expires)
		fmt::print("  Expires:    {}\n", isoDate(b.expires, false));
	if (b.updatedAt)
		fmt::print("  Updated:    {} ({}){}\n", isoDate(b.updatedAt, true), b.source,
			   b.stale ? " [stale]" : "");
	else
		fmt::print("  Updated:    never\n");
}

nlohmann::json usageJson(const client::Usage &u)
{
	if (!u.present)
		return nullptr;
	auto orNull = [](std::uint64_t v) { return v ? nlohmann::json(v) : nlohmann::json(nullptr); };
	nlohmann::json j;
	j["interface"] = u.interface;
	j["usedThisPeriod"] = u.usedThisPeriod;
	j["periodStart"] = orNull(u.periodStart);
	j["periodEnd"] = orNull(u.periodEnd);
	j["daysLeft"] = u.daysLeft;
	j["dailyAverage"] = u.dailyAverage;
	j["estimatedRemaining"] = u.hasEstimate ? nlohmann::json(u.estimatedRemaining) : nlohmann::json(nullptr);
	j["projectedRunOut"] = orNull(u.projectedRunOut);
	j["allowance"] = orNull(u.allowance);
	return j;
}

void printUsage(const client::Usage &u)
{
	if (!u.present)
		return;
	if (u.interface.empty()) {
		fmt::print("  Counted:    no network interface found (set 'interface' in zanryod.toml)\n");
		return;
	}
	fmt::print("  Used:       {} this period{} on {}\n", client::formatBytes(u.usedThisPeriod),
		   u.allowance ? " of " + client::formatBytes(u.allowance) : std::string(), u.interface);
	if (u.periodStart)
		fmt::print("  Period:     {} to {}{}\n", isoDate(u.periodStart, true).substr(0, 10),
			   u.periodEnd ? isoDate(u.periodEnd - 1, true).substr(0, 10) : std::string("open end"),
			   u.daysLeft ? fmt::format(" ({} day{} left)", u.daysLeft, u.daysLeft == 1 ? "" : "s") : std::string());
	if (u.hasEstimate)
		fmt::print("  Estimated:  {} left\n", client::formatBytes(u.estimatedRemaining));
	fmt::print("  Average:    {} a day{}\n", client::formatBytes(u.dailyAverage),
		   u.projectedRunOut ? ", runs out " + isoDate(u.projectedRunOut, true) : std::string());
}

[[noreturn]] void fail(const client::Error &e)
{
	// Bad arguments are exit 2, everything else 1 (see commands.hpp).
	bool usage = e.name() == "org.zanryo.Zanryo1.Error.InvalidArgument";
	throw CommandError(usage ? 2 : 1, fmt::format("{} ({})", e.what(), e.name()));
}

void status(const ClientOptions &o)
{
	try {
		client::Client c(o.bus);
		auto modems = c.modems();
		if (o.json) {
			nlohmann::json out = nlohmann::json::array();
			for (const auto &m : modems) {
				nlohmann::json j;
				j["path"] = m.path;
				j["device"] = m.device;
				j["backend"] = m.backend;
				j["manufacturer"] = m.manufacturer;
				j["model"] = m.model;
				j["operator"] = m.operatorMccMnc;
				j["operatorName"] = m.operatorName;
				j["provider"] = m.provider;
				j["state"] = m.state;
				j["lastError"] = m.lastError;
				j["balance"] = balanceJson(m.balance);
				j["usage"] = usageJson(m.usage);
				out.push_back(std::move(j));
			}
			fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
			return;
		}
		if (modems.empty())
			fmt::print("zanryod {} has no modem yet\n", c.version());
		for (const auto &m : modems) {
			fmt::print("{} {} on {} ({}{}{}): {}\n", m.manufacturer, m.model, m.device,
				   m.operatorName.empty() ? m.operatorMccMnc : m.operatorName,
				   m.provider.empty() ? "" : ", ", m.provider, m.state);
			printBalance(m.balance);
			printUsage(m.usage);
			if (!m.lastError.empty())
				fmt::print("  Last error: {}\n", m.lastError);
		}
	} catch (const client::Error &e) {
		fail(e);
	}
}

void refresh(const ClientOptions &o)
{
	try {
		client::Client c(o.bus);
		auto b = c.refresh(o.modem, std::chrono::seconds(o.timeoutSeconds));
		if (o.json)
			fmt::print("{}\n", balanceJson(b).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
		else
			printBalance(b);
	} catch (const client::Error &e) {
		fail(e);
	}
}

void watch(const ClientOptions &o)
{
	try {
		client::Client c(o.bus);
		auto limit = o.watchSeconds ? std::optional(std::chrono::milliseconds(o.watchSeconds * 1000ull))
					    : std::nullopt;
		c.watch(
			[&](const client::Event &e) {
				nlohmann::json j;
				j["path"] = e.path;
				switch (e.kind) {
				case client::Event::Kind::ModemAdded:
					j["event"] = "modem-added";
					break;
				case client::Event::Kind::ModemRemoved:
					j["event"] = "modem-removed";
					break;
				case client::Event::Kind::Changed:
					j["event"] = "changed";
					j["properties"] = e.properties;
					break;
				case client::Event::Kind::Low:
					j["event"] = "low";
					j["what"] = e.what;
					j["value"] = e.value;
					j["threshold"] = e.threshold;
					break;
				}
				fmt::print("{}\n", j.dump());
				std::fflush(stdout);
				return true;
			},
			limit);
	} catch (const client::Error &e) {
		fail(e);
	}
}

void printUssdReply(const std::string &path, const std::string &text, const std::string &state, bool json)
{
	if (json)
		fmt::print("{}\n", nlohmann::json{ { "modem", path }, { "text", text }, { "state", state } }.dump(
					   2, ' ', false, nlohmann::json::error_handler_t::replace));
	else
		fmt::print("{}\n", text);
}

} /* namespace */

void daemonUssd(const DaemonTarget &target, const std::string &code, const std::vector<std::string> &then,
		bool json, std::chrono::milliseconds timeout)
{
	try {
		client::Client c(target.bus);
		// Resolve once: the replies of one session must come from one modem.
		const std::string path = c.resolve(target.modem);
		std::string reply = c.ussdInitiate(path, code, timeout);
		std::string state = c.ussdState(path);
		for (std::size_t i = 0; i < then.size(); ++i) {
			if (state != "user-response") {
				printUssdReply(path, reply, state, json);
				throw CommandError(1, fmt::format("the menu ended before answer {} ('{}')", i + 1, then[i]));
			}
			if (!json)
				fmt::print("{}\n", reply);
			reply = c.ussdRespond(path, then[i], timeout);
			state = c.ussdState(path);
		}
		printUssdReply(path, reply, state, json);
	} catch (const client::Error &e) {
		fail(e);
	}
}

void daemonUssdRespond(const DaemonTarget &target, const std::string &answer, bool json,
		       std::chrono::milliseconds timeout)
{
	try {
		client::Client c(target.bus);
		const std::string path = c.resolve(target.modem);
		std::string reply = c.ussdRespond(path, answer, timeout);
		printUssdReply(path, reply, c.ussdState(path), json);
	} catch (const client::Error &e) {
		fail(e);
	}
}

void daemonUssdCancel(const DaemonTarget &target)
{
	try {
		client::Client c(target.bus);
		c.ussdCancel(c.resolve(target.modem));
	} catch (const client::Error &e) {
		fail(e);
	}
}

void addClientCommands(CLI::App &app)
{
	auto o = std::make_shared<ClientOptions>();
	auto busOption = [o](CLI::App *sub) {
		sub->add_option("--bus", o->bus, "system, session, or a D-Bus address")->capture_default_str();
	};

	CLI::App *st = app.add_subcommand("status", "balance of every modem, from zanryod");
	busOption(st);
	st->add_flag("--json", o->json, "print JSON");
	st->callback([o] { status(*o); });

	CLI::App *rf = app.add_subcommand("refresh", "ask the carrier now and print the new balance");
	busOption(rf);
	rf->add_option("modem", o->modem, "object path, id or device (default: the only modem)");
	rf->add_flag("--json", o->json, "print JSON");
	rf->add_option("--timeout", o->timeoutSeconds, "seconds to wait")->capture_default_str();
	rf->callback([o] { refresh(*o); });

	CLI::App *w = app.add_subcommand("watch", "print changes as they happen, one JSON line each");
	busOption(w);
	w->add_option("--for", o->watchSeconds, "stop after this many seconds (default: never)");
	w->callback([o] { watch(*o); });
}

} /* namespace zanryo::ctl */
