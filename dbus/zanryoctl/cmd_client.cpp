// zanryoctl commands that talk to zanryod through libzanryo-client.
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <variant>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "bucket_render.hpp"
#include "commands.hpp"
#include "json_schema.hpp"
#include "threshold_text.hpp"
#include "units.hpp"
#include "zanryo/client.hpp"

namespace zanryo::ctl {

namespace {

/// Refresh's own D-Bus timeout without --timeout: the modem's Modem.ReplyTimeout plus a
/// margin for the modem's queue, an SMS in several parts and the parse, so that a normal
/// query never ends in the client first.
constexpr unsigned kRefreshMarginSeconds = 30;
/// ... and when zanryod publishes no ReplyTimeout (older than this zanryoctl): its default
/// reply_timeout (120 s, configuration.md) plus the margin.
constexpr unsigned kFallbackRefreshTimeoutSeconds = 120 + kRefreshMarginSeconds;

struct ClientOptions {
	std::string bus = "system";
	bool json = false;
	std::string modem;
	std::string modemOption;
	bool all = false;
	std::optional<unsigned> timeoutSeconds; ///< refresh --timeout; unset: ReplyTimeout + margin
	unsigned watchSeconds = 0;

	/// The modem named by --modem or the positional argument (one of them).
	std::string target() const
	{
		if (!modem.empty() && !modemOption.empty() && modem != modemOption)
			throw CommandError(Exit::Usage, "give the modem once: as an argument or with --modem");
		return modem.empty() ? modemOption : modem;
	}
};

std::string idOf(const std::string &path)
{
	return path.substr(path.rfind('/') + 1);
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

/// Every bucket, one line each, then what was repaired or inferred (bucket_render.hpp).
void printBuckets(const client::Balance &b)
{
	for (const client::Bucket &k : b.buckets)
		fmt::print("  Bucket:     {}\n", bucketLine(k));
	if (std::string caveats = readingCaveats(b); !caveats.empty())
		fmt::print("  Note:       {}\n", caveats);
}

void printBalance(const client::Balance &b)
{
	if (b.dataUnlimited)
		fmt::print("  Data left:  unlimited\n");
	else if (b.hasData)
		fmt::print("  Data left:  {}{}\n", formatBytes(b.dataRemaining),
			   b.dataTotal ? " of " + formatBytes(b.dataTotal) : std::string());
	if (b.dataUsedPercent >= 0 || b.throttled || b.dataLow)
		fmt::print("  Notice:     {}\n", noticeLine(b));
	if (!b.money.empty())
		fmt::print("  Money:      {} {}\n", b.money, b.currency);
	if (b.expires)
		fmt::print("  Expires:    {}\n", utcDate(b.expires));
	if (b.updatedAt)
		fmt::print("  Updated:    {} ({}){}\n", localDateTime(b.updatedAt), b.source, b.stale ? " [stale]" : "");
	else
		fmt::print("  Updated:    never\n");
	printBuckets(b);
}

void printUsage(const client::Usage &u)
{
	if (!u.present)
		return;
	if (u.interface.empty()) {
		// interface = "none": zanryod publishes Usage with no period at all. Otherwise the
		// period runs and counting starts once an interface appears.
		if (u.periodStart == 0)
			fmt::print("  Counted:    off (interface = \"none\" in zanryod.toml)\n");
		else
			fmt::print("  Counted:    no network interface found (set 'interface' in zanryod.toml)\n");
		return;
	}
	fmt::print("  Used:       {} this period{} on {}\n", formatBytes(u.usedThisPeriod),
		   u.allowance ? " of " + formatBytes(u.allowance) : std::string(), u.interface);
	if (u.periodStart)
		fmt::print("  Period:     {} to {}{}\n", localDateTime(u.periodStart).substr(0, 10),
			   u.periodEnd ? localDateTime(u.periodEnd - 1).substr(0, 10) : std::string("open end"),
			   u.daysLeft ? fmt::format(" ({} day{} left)", u.daysLeft, u.daysLeft == 1 ? "" : "s") : std::string());
	if (u.hasEstimate)
		fmt::print("  Estimated:  {} left\n", formatBytes(u.estimatedRemaining));
	fmt::print("  Average:    {} a day{}\n", formatBytes(u.dailyAverage),
		   u.projectedRunOut ? ", runs out " + localDateTime(u.projectedRunOut) : std::string());
}

/// "home (3f2a9c0d): Quectel EC25 on /dev/ttyUSB2 (NTT DOCOMO, docomo): ready"
void printModemHeader(const client::ModemStatus &m)
{
	std::string id = idOf(m.path).substr(0, 8);
	fmt::print("{}: {} {} on {} ({}{}{}): {}\n", m.name.empty() ? id : fmt::format("{} ({})", m.name, id),
		   m.manufacturer, m.model, m.device, m.operatorName.empty() ? m.operatorMccMnc : m.operatorName,
		   m.provider.empty() ? "" : ", ", m.provider, m.state);
}

/// "by SMS 残高 to 3080", "by USSD *100#": how the last reading was asked for, from its
/// Source ("sms:<number>:<text>", "ussd:<code>"); "" for a notice or nothing yet.
std::string methodOf(const std::string &source)
{
	if (source.rfind("ussd:", 0) == 0)
		return "by USSD " + source.substr(5);
	if (source.rfind("sms:", 0) == 0) {
		std::string rest = source.substr(4);
		auto colon = rest.find(':');
		if (colon != std::string::npos)
			return fmt::format("by SMS {} to {}", rest.substr(colon + 1), rest.substr(0, colon));
	}
	return {};
}

/// On a terminal, one stderr line rewritten every second while a query runs: "asking NTT
/// DOCOMO by SMS 残高 to 3080 ... waiting for the reply, 12 s". Nothing when stderr is
/// not a terminal or with --json; the line is erased when the query ends.
class QueryProgress
{
public:
	/// \param limit how long zanryoctl waits: "waiting for the reply, 12 s of 150 s".
	QueryProgress(bool enabled, std::string what, std::chrono::seconds limit)
		: enabled_(enabled && ::isatty(STDERR_FILENO))
	{
		if (!enabled_)
			return;
		thread_ = std::thread([this, what = std::move(what), limit] {
			const auto start = std::chrono::steady_clock::now();
			std::unique_lock lock(mutex_);
			do {
				auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
				fmt::print(stderr, "\r\033[K{} ... waiting for the reply, {} s of {} s", what, seconds.count(),
					   limit.count());
				std::fflush(stderr);
			} while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; }));
			fmt::print(stderr, "\r\033[K");
			std::fflush(stderr);
		});
	}
	~QueryProgress()
	{
		if (!enabled_)
			return;
		{
			std::lock_guard lock(mutex_);
			done_ = true;
		}
		wake_.notify_one();
		thread_.join();
	}
	QueryProgress(const QueryProgress &) = delete;
	QueryProgress &operator=(const QueryProgress &) = delete;

private:
	bool enabled_;
	std::mutex mutex_;
	std::condition_variable wake_;
	bool done_ = false;
	std::thread thread_;
};

void status(const ClientOptions &o)
{
	try {
		client::Client c(o.bus);
		auto modems = c.modems();
		if (std::string target = o.target(); !target.empty()) {
			std::string path = c.resolve(target);
			std::erase_if(modems, [&](const client::ModemStatus &m) { return m.path != path; });
		}
		if (o.json) {
			nlohmann::json doc = jsonDocument();
			doc["modems"] = nlohmann::json::array();
			for (const auto &m : modems)
				doc["modems"].push_back(modemJson(m));
			fmt::print("{}\n", jsonText(doc));
			return;
		}
		if (modems.empty())
			fmt::print("zanryod {} has no modem yet\n", c.version());
		for (const auto &m : modems) {
			printModemHeader(m);
			printBalance(m.balance);
			printUsage(m.usage);
			if (m.thresholds.any())
				fmt::print("  Thresholds: {}\n", thresholdsText(m.thresholds, m.balance.currency));
			if (!m.lastError.empty())
				fmt::print("  Last error: {}\n", m.lastError);
		}
	} catch (const client::Error &e) {
		failDaemonCall(e, o.bus);
	}
}

void refresh(const ClientOptions &o)
{
	// Known once the modem is: its ReplyTimeout plus the margin, unless --timeout says.
	std::chrono::seconds timeout(o.timeoutSeconds.value_or(kFallbackRefreshTimeoutSeconds));
	try {
		client::Client c(o.bus);
		if (o.all) {
			if (!o.target().empty())
				throw CommandError(Exit::Usage, "--all refreshes every modem: give no modem with it");
			unsigned started = c.refreshAll();
			std::size_t modems = c.modems().size();
			if (o.json) {
				nlohmann::json doc = jsonDocument();
				doc["started"] = started;
				doc["modems"] = modems;
				fmt::print("{}\n", jsonText(doc));
			} else {
				fmt::print("started a query on {} of {} modem{}; see the results with 'zanryoctl status' "
					   "or follow them with 'zanryoctl watch'\n",
					   started, modems, modems == 1 ? "" : "s");
			}
			return;
		}
		const std::string path = c.resolve(o.target());
		std::string what = "asking the carrier";
		for (const auto &m : c.modems())
			if (m.path == path) {
				std::string carrier = !m.operatorName.empty() ? m.operatorName
						      : !m.provider.empty()   ? m.provider
									      : std::string("the carrier");
				std::string method = methodOf(m.balance.source);
				what = "asking " + carrier + (method.empty() ? "" : " " + method);
				if (!o.timeoutSeconds && m.replyTimeout)
					timeout = std::chrono::seconds(std::uint64_t(m.replyTimeout) + kRefreshMarginSeconds);
			}
		client::Balance b;
		{
			QueryProgress progress(!o.json, what, timeout);
			b = c.refresh(path, timeout);
		}
		if (o.json) {
			nlohmann::json doc = jsonDocument();
			doc["modem"] = path;
			doc["balance"] = balanceJson(b);
			fmt::print("{}\n", jsonText(doc));
		} else {
			printBalance(b);
		}
	} catch (const client::Error &e) {
		failDaemonCall(e, o.bus, timeout);
	}
}

nlohmann::json propertyJson(const client::PropertyValue &v)
{
	// As D-Bus types them: a struct is an array of its fields (Balance.Buckets).
	if (const auto *buckets = std::get_if<std::vector<client::Bucket>>(&v)) {
		nlohmann::json a = nlohmann::json::array();
		for (const client::Bucket &k : *buckets)
			a.push_back({ k.kind, k.label, k.unit, k.money, k.currency, k.amount, k.expires });
		return a;
	}
	return std::visit(
		[](const auto &x) -> nlohmann::json {
			if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::vector<client::Bucket>>)
				return nullptr; // handled above
			else
				return nlohmann::json(x);
		},
		v);
}

void watch(const ClientOptions &o)
{
	try {
		client::Client c(o.bus);
		// Signals need no daemon to be subscribed to: ask it once so that a watch without
		// zanryod says so at once (exit 3) instead of printing nothing for ever.
		c.version();
		// Each modem's Money and Currency, kept from its Balance changes: a "money" Low
		// counts minor units, shown in the balance's own scale and currency.
		std::map<std::string, std::pair<std::string, std::string>> moneyOf;
		for (const auto &m : c.modems())
			moneyOf[m.path] = { m.balance.money, m.balance.currency };
		// --modem: that modem's events only (the manager's and other modems' are left out).
		const std::string only = o.target().empty() ? std::string() : c.resolve(o.target());
		auto limit = o.watchSeconds ? std::optional(std::chrono::milliseconds(o.watchSeconds * 1000ull))
					    : std::nullopt;
		c.watch(
			[&](const client::Event &e) {
				if (!only.empty() && e.path != only)
					return true;
				nlohmann::json j = jsonDocument();
				j["modem"] = e.path;
				switch (e.kind) {
				case client::Event::Kind::ModemAdded:
					j["event"] = "modem-added";
					break;
				case client::Event::Kind::ModemRemoved:
					j["event"] = "modem-removed";
					break;
				case client::Event::Kind::Changed: {
					j["event"] = "changed";
					j["interface"] = e.interface;
					nlohmann::json values = nlohmann::json::object();
					for (const auto &[name, value] : e.values) {
						values[name] = propertyJson(value);
						if (e.interface == "org.zanryo.Zanryo1.Balance" && (name == "Money" || name == "Currency") &&
						    std::holds_alternative<std::string>(value))
							(name == "Money" ? moneyOf[e.path].first : moneyOf[e.path].second) =
								std::get<std::string>(value);
					}
					nlohmann::json invalidated = nlohmann::json::array();
					for (const auto &name : e.properties)
						if (!values.contains(name))
							invalidated.push_back(name);
					j["properties"] = std::move(values);
					j["invalidated"] = std::move(invalidated);
					break;
				}
				case client::Event::Kind::Low:
					j["event"] = "low";
					j["what"] = e.what;
					j["value"] = e.value;
					j["threshold"] = e.threshold;
					j["text"] = lowText(e.what, e.value, e.threshold, decimalScale(moneyOf[e.path].first),
							    moneyOf[e.path].second);
					break;
				}
				fmt::print("{}\n", jsonText(j, false));
				std::fflush(stdout);
				return true;
			},
			limit);
	} catch (const client::Error &e) {
		failDaemonCall(e, o.bus);
	}
}

void printUssdReply(const std::string &path, const std::string &text, const std::string &state, bool json)
{
	if (json) {
		nlohmann::json doc = jsonDocument();
		doc["modem"] = path;
		doc["text"] = text;
		doc["state"] = state;
		fmt::print("{}\n", jsonText(doc));
	} else
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
		failDaemonCall(e, target.bus, timeout);
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
		failDaemonCall(e, target.bus, timeout);
	}
}

void daemonUssdCancel(const DaemonTarget &target)
{
	try {
		client::Client c(target.bus);
		c.ussdCancel(c.resolve(target.modem));
	} catch (const client::Error &e) {
		failDaemonCall(e, target.bus);
	}
}

void addClientCommands(CLI::App &app)
{
	auto o = std::make_shared<ClientOptions>();
	auto common = [o](CLI::App *sub) {
		sub->add_option("--bus", o->bus, "system, session, or a D-Bus address")->capture_default_str();
		sub->add_flag("--json", o->json, "print JSON (docs/cli-json.md)");
	};
	auto modemOption = [o](CLI::App *sub) {
		sub->add_option("--modem", o->modemOption, "the modem: name, id (or its start), device or object path");
	};

	CLI::App *st = app.add_subcommand("status", "balance of every modem (or of one), from zanryod");
	common(st);
	st->add_option("modem", o->modem, "only this modem: name, id (or its start), device or object path");
	modemOption(st);
	st->callback([o] { status(*o); });

	CLI::App *rf = app.add_subcommand("refresh", "ask the carrier now and print the new balance");
	common(rf);
	rf->add_option("modem", o->modem, "name, id (or its start), device or object path (default: the only modem)");
	modemOption(rf);
	rf->add_flag("--all", o->all, "start a query on every modem (Manager.RefreshAll) and return");
	rf->add_option("--timeout", o->timeoutSeconds,
		       "seconds to wait for zanryod's answer (default: the modem's ReplyTimeout + 30); "
		       "the query goes on in zanryod after it");
	rf->callback([o] { refresh(*o); });

	CLI::App *w = app.add_subcommand("watch", "print changes as they happen, one JSON line each");
	w->add_option("--bus", o->bus, "system, session, or a D-Bus address")->capture_default_str();
	w->add_flag("--json", o->json, "accepted for symmetry: watch always prints JSON lines");
	w->add_option("--for", o->watchSeconds, "stop after this many seconds (default: never)");
	modemOption(w);
	w->callback([o] { watch(*o); });
}

} /* namespace zanryo::ctl */
