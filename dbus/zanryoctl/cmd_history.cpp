// zanryoctl history: the readings and hourly usage zanryod kept for a SIM, as a table
// with a terminal chart, as JSON, or as an SVG plot.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "history_render.hpp"
#include "zanryo/client.hpp"

namespace zanryo::ctl {

namespace {

struct HistoryOptions {
	std::string bus = "system";
	std::string modem;
	unsigned days = 30;
	bool json = false;
	std::string svg;
};

std::string utcDate(std::uint64_t unix)
{
	if (unix == 0)
		return {};
	std::time_t t = std::time_t(unix);
	std::tm tm{};
	gmtime_r(&t, &tm); // Expires is UTC midnight of the carrier's date
	char buf[16];
	std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
	return buf;
}

nlohmann::json historyJson(const std::string &path, unsigned days, const client::History &h)
{
	using nlohmann::json;
	json readings = json::array();
	for (const auto &r : h.readings) {
		json j;
		j["at"] = r.at;
		j["source"] = r.source;
		j["dataRemaining"] = r.hasData ? json(r.dataRemaining) : json(nullptr);
		j["dataTotal"] = r.dataTotal ? json(r.dataTotal) : json(nullptr);
		j["dataUnlimited"] = r.dataUnlimited;
		j["money"] = r.money.empty() ? json(nullptr) : json{ { "amount", r.money }, { "currency", r.currency } };
		j["expires"] = r.expires ? json(utcDate(r.expires)) : json(nullptr);
		readings.push_back(std::move(j));
	}
	json usage = json::array();
	for (const auto &u : h.usage)
		usage.push_back({ { "hourStart", u.hourStart }, { "bytes", u.bytes } });
	return { { "modem", path }, { "days", days }, { "readings", readings }, { "usage", usage } };
}

void printTable(const client::History &h)
{
	if (h.readings.empty()) {
		fmt::print("No carrier reading in this period.\n");
		return;
	}
	fmt::print("{:<17} {:<22} {:<22} {:<16} {}\n", "When", "Source", "Data left", "Money", "Expires");
	for (const auto &r : h.readings) {
		std::string data = r.dataUnlimited ? "unlimited"
				   : r.hasData     ? client::formatBytes(r.dataRemaining) +
							 (r.dataTotal ? " of " + client::formatBytes(r.dataTotal) : "")
						   : "-";
		std::string money = r.money.empty() ? "-" : r.money + " " + r.currency;
		std::string source = r.source;
		if (displayWidth(source) > 22)
			source = source.substr(0, 19) + "...";
		fmt::print("{:<17} {:<22} {:<22} {:<16} {}\n", localTime(r.at), source, data, money,
			   r.expires ? utcDate(r.expires) : "-");
	}
}

void printUsage(const client::History &h)
{
	if (h.usage.empty())
		return;
	// Hourly rows add up to local calendar days here; the JSON keeps the hours.
	std::map<std::string, std::uint64_t> perDay;
	std::uint64_t total = 0;
	for (const auto &u : h.usage) {
		perDay[localTime(u.hourStart).substr(0, 10)] += u.bytes;
		total += u.bytes;
	}
	fmt::print("\nCounted usage: {} in {} hour(s)\n", client::formatBytes(total), h.usage.size());
	for (const auto &[day, bytes] : perDay)
		fmt::print("  {}  {}\n", day, client::formatBytes(bytes));
}

void history(const HistoryOptions &o)
{
	try {
		client::Client c(o.bus);
		std::string path = c.resolve(o.modem);
		client::History h = c.history(path, o.days);
		if (!o.svg.empty()) {
			std::string title = fmt::format("zanryo: {} ({} days)", path.substr(path.rfind('/') + 1), o.days);
			std::ofstream out(o.svg, std::ios::binary | std::ios::trunc);
			out << renderSvg(h, title);
			out.close();
			if (!out)
				throw CommandError(1, fmt::format("cannot write {}", o.svg));
			fmt::print("wrote {} ({} readings)\n", o.svg, h.readings.size());
			return;
		}
		if (o.json) {
			fmt::print("{}\n", historyJson(path, o.days, h).dump(2, ' ', false,
									    nlohmann::json::error_handler_t::replace));
			return;
		}
		printTable(h);
		if (!h.readings.empty())
			fmt::print("\n{}", renderTerminalChart(h.readings));
		printUsage(h);
	} catch (const client::Error &e) {
		bool usage = e.name() == "org.zanryo.Zanryo1.Error.InvalidArgument";
		throw CommandError(usage ? 2 : 1, fmt::format("{} ({})", e.what(), e.name()));
	}
}

} /* namespace */

void addHistoryCommands(CLI::App &app)
{
	auto o = std::make_shared<HistoryOptions>();
	CLI::App *h = app.add_subcommand("history", "carrier readings and usage zanryod kept, with a chart");
	h->add_option("--bus", o->bus, "system, session, or a D-Bus address")->capture_default_str();
	h->add_option("modem", o->modem, "object path, id or device (default: the only modem)");
	h->add_option("--days", o->days, "how many days back (1 to 3650)")->capture_default_str()->check(CLI::Range(1u, 3650u));
	h->add_flag("--json", o->json, "print JSON");
	h->add_option("--svg", o->svg, "write an SVG plot to this file instead");
	h->callback([o] { history(*o); });
}

} /* namespace zanryo::ctl */
