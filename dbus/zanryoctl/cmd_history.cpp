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
#include "json_schema.hpp"
#include "units.hpp"
#include "zanryo/client.hpp"

namespace zanryo::ctl {

namespace {

struct HistoryOptions {
	std::string bus = "system";
	std::string modem;
	unsigned days = 30;
	bool json = false;
	std::string svg;
	std::string modemOption;

	std::string target() const
	{
		if (!modem.empty() && !modemOption.empty() && modem != modemOption)
			throw CommandError(Exit::Usage, "give the modem once: as an argument or with --modem");
		return modem.empty() ? modemOption : modem;
	}
};

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
		j["money"] = moneyJson(r.money, r.currency);
		putExpires(j, r.expires);
		readings.push_back(std::move(j));
	}
	json usage = json::array();
	for (const auto &u : h.usage)
		usage.push_back({ { "hourStart", u.hourStart }, { "bytes", u.bytes } });
	json doc = jsonDocument();
	doc["modem"] = path;
	doc["days"] = days;
	doc["readings"] = std::move(readings);
	doc["usage"] = std::move(usage);
	return doc;
}

/// The SVG's title names the SIM as status does: its name (else its id) and provider.
std::string svgTitleOf(const client::ModemStatus &m, unsigned days)
{
	std::string who = m.name.empty() ? m.path.substr(m.path.rfind('/') + 1) : m.name;
	return svgTitle(who, !m.provider.empty() ? m.provider : m.operatorName, days);
}

void printTable(const client::History &h)
{
	if (h.readings.empty()) {
		fmt::print("No carrier reading in this period.\n");
		return;
	}
	// Times are local; the header names the zone ("When (JST)"), the dates of Expires are the carrier's.
	std::string when = fmt::format("When ({})", localDateTime(h.readings.back().at).substr(20));
	fmt::print("{:<17} {:<22} {:<22} {:<16} {}\n", when, "Source", "Data left", "Money", "Expires");
	for (const auto &r : h.readings) {
		std::string data = r.dataUnlimited ? "unlimited"
				   : r.hasData     ? formatBytes(r.dataRemaining) +
							 (r.dataTotal ? " of " + formatBytes(r.dataTotal) : "")
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
	fmt::print("\nCounted usage: {} in {} hour(s)\n", formatBytes(total), h.usage.size());
	for (const auto &[day, bytes] : perDay)
		fmt::print("  {}  {}\n", day, formatBytes(bytes));
}

void history(const HistoryOptions &o)
{
	try {
		client::Client c(o.bus);
		std::string path = c.resolve(o.target());
		client::History h = c.history(path, o.days);
		if (!o.svg.empty()) {
			client::ModemStatus modem;
			for (const auto &m : c.modems())
				if (m.path == path)
					modem = m;
			modem.path = path;
			std::string svg = renderSvg(h, svgTitleOf(modem, o.days), byteUnits());
			if (o.svg == "-") {
				// `--svg -`: the document alone on stdout, for a pipe or a redirection.
				std::fwrite(svg.data(), 1, svg.size(), stdout);
				return;
			}
			std::ofstream out(o.svg, std::ios::binary | std::ios::trunc);
			out << svg;
			out.close();
			if (!out)
				throw CommandError(Exit::Failure, fmt::format("cannot write {}", o.svg));
			fmt::print("wrote {} ({} readings)\n", o.svg, h.readings.size());
			return;
		}
		if (o.json) {
			fmt::print("{}\n", jsonText(historyJson(path, o.days, h)));
			return;
		}
		printTable(h);
		if (!h.readings.empty())
			fmt::print("\n{}", renderTerminalChart(h.readings, 80, 8, byteUnits()));
		printUsage(h);
	} catch (const client::Error &e) {
		failDaemonCall(e, o.bus);
	}
}

} /* namespace */

void addHistoryCommands(CLI::App &app)
{
	auto o = std::make_shared<HistoryOptions>();
	CLI::App *h = app.add_subcommand("history", "carrier readings and usage zanryod kept, with a chart");
	h->add_option("--bus", o->bus, "system, session, or a D-Bus address")->capture_default_str();
	h->add_option("modem", o->modem, "name, id (or its start), device or object path (default: the only modem)");
	h->add_option("--modem", o->modemOption, "the modem: name, id (or its start), device or object path");
	h->add_option("--days", o->days, "how many days back (1 to 3650)")->capture_default_str()->check(CLI::Range(1u, 3650u));
	h->add_flag("--json", o->json, "print JSON (docs/cli-json.md)");
	h->add_option("--svg", o->svg, "write an SVG plot to this file instead ('-': to stdout)");
	h->callback([o] { history(*o); });
}

} /* namespace zanryo::ctl */
