// zanryoctl parse: read a carrier reply offline and print what the extractor finds.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "libmodem/balance/extract.hpp"
#include "libmodem/balance/provider_context.hpp"
#include "provider_load.hpp"

namespace zanryo::ctl {

namespace {

struct ParseOptions {
	std::string country;
	std::string mccMnc;
	std::string provider;
	std::string db = defaultMbpiPath();
	std::vector<std::string> overlays;
	std::string at;
	std::string currency;
	unsigned base = 0; ///< 0: the provider's, else 1024
	std::string text;
};

// "2026-11-22T10:00:00+03:00" (or "Z", or a date alone) -> instant and UTC offset.
void parseIsoTime(const std::string &s, std::chrono::sys_seconds &at, int &offsetMinutes)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, oh = 0, om = 0;
	char sign = '+';
	int n = std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec);
	if (n != 3 && n != 6)
		throw CommandError(2, "--at: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[Z|+HH:MM], got '" + s + "'");
	offsetMinutes = 0;
	if (n == 6 && s.size() > 19 && s[19] != 'Z') {
		if (std::sscanf(s.c_str() + 19, "%c%d:%d", &sign, &oh, &om) != 3 || (sign != '+' && sign != '-'))
			throw CommandError(2, "--at: bad UTC offset in '" + s + "'");
		offsetMinutes = (sign == '-' ? -1 : 1) * (oh * 60 + om);
	}
	using namespace std::chrono;
	year_month_day ymd{ year{ y }, month{ static_cast<unsigned>(mo) }, day{ static_cast<unsigned>(d) } };
	if (!ymd.ok())
		throw CommandError(2, "--at: no such date '" + s + "'");
	at = sys_seconds{ sys_days{ ymd } } + hours{ h } + minutes{ mi } + seconds{ sec } -
	     minutes{ offsetMinutes };
}

nlohmann::json moneyJson(const Money &m)
{
	return { { "amount", m.toDecimal() }, { "currency", m.currency.empty() ? nlohmann::json() : nlohmann::json(m.currency) } };
}

template<typename T, typename F>
nlohmann::json opt(const std::optional<T> &v, F f)
{
	return v ? f(*v) : nlohmann::json();
}

nlohmann::json balanceJson(const Balance &b)
{
	auto id = [](auto v) { return nlohmann::json(v); };
	auto iso = [](const Date &d) { return nlohmann::json(d.iso()); };
	nlohmann::json buckets = nlohmann::json::array();
	for (const Bucket &k : b.buckets)
		buckets.push_back({ { "name", k.name },
				    { "label", k.label },
				    { "money", opt(k.money, moneyJson) },
				    { "dataBytes", opt(k.dataBytes, id) },
				    { "count", opt(k.count, id) },
				    { "expiry", opt(k.expiry, iso) } });
	nlohmann::json menu = nlohmann::json::array();
	for (const MenuItem &m : b.menu)
		menu.push_back({ { "key", m.key }, { "label", m.label } });
	return { { "money", opt(b.money, moneyJson) },
		 { "dataRemaining", opt(b.dataRemaining, id) },
		 { "dataTotal", opt(b.dataTotal, id) },
		 { "dataUnlimited", b.dataUnlimited },
		 { "expiry", opt(b.expiry, iso) },
		 { "buckets", buckets },
		 { "isMenu", b.isMenu },
		 { "menu", menu },
		 { "isError", b.isError },
		 { "errorKind", b.errorKind.empty() ? nlohmann::json() : nlohmann::json(b.errorKind) },
		 { "dataUsedPercent", opt(b.dataUsedPercent, id) },
		 { "dataExhausted", b.dataExhausted },
		 { "throttled", b.throttled },
		 { "dataLow", b.dataLow },
		 { "matchedRule", b.matchedRule },
		 { "repaired", b.repaired.empty() ? nlohmann::json() : nlohmann::json(b.repaired) },
		 { "inferred", b.inferred },
		 { "raw", b.raw } };
}

// --mcc-mnc: the provider's country, currency, data unit and reply rules, and what the
// lookup found, for the "provider" member of the output.
ProviderExtractSetup lookupProvider(const ParseOptions &o, nlohmann::json &out)
{
	std::string mcc, mnc;
	if (!splitMccMnc(o.mccMnc, mcc, mnc))
		throw CommandError(2, "--mcc-mnc: \"" + o.mccMnc +
					      "\" is not MCC-MNC (3 digits, dash, 2 or 3 digits, e.g. 440-10)");
	ProviderDb db = loadProviderDb(o.db, o.overlays);
	SimHints hints;
	hints.provider = o.provider;
	Result<ProviderMatch> found = db.lookupMccMnc(std::stoi(mcc), mnc, hints);
	if (!found)
		throw CommandError(2, "--mcc-mnc: " + found.error().message());
	ProviderExtractSetup setup = extractSetupFor(*found);
	out = { { "network", found->network.toString() },
		{ "status", std::string(matchStatusName(found->status)) },
		{ "country", setup.country.empty() ? nlohmann::json() : nlohmann::json(setup.country) },
		{ "name", setup.profile ? nlohmann::json(setup.profile->name) : nlohmann::json() },
		{ "candidates", setup.candidates },
		{ "replyRules", nlohmann::json::array() } };
	for (const ReplyRule &r : setup.rules)
		out["replyRules"].push_back(r.name);
	switch (found->status) {
	case MatchStatus::Unique:
	case MatchStatus::ByName:
		break;
	case MatchStatus::Ambiguous:
		out["note"] = fmt::format("{} providers use {}; read with the country only, no "
					  "provider's reply rules (--provider NAME picks one)",
					  setup.candidates.size(), found->network.toString());
		break;
	case MatchStatus::NotFound:
		out["note"] = "no provider uses " + found->network.toString() +
			      (setup.country.empty() ? "; the MCC names no known country"
						     : "; read with the MCC's country only");
		break;
	}
	// The profile points into db, which ends here; the rules were copied out of it.
	setup.profile = nullptr;
	return setup;
}

void runParse(const ParseOptions &o)
{
	ExtractContext ctx;
	ctx.country = o.country;
	if (!o.currency.empty())
		ctx.defaultCurrency = o.currency;
	if (o.base != 0 && o.base != 1024 && o.base != 1000)
		throw CommandError(2, "--data-unit-base must be 1024 or 1000");
	nlohmann::json provider;
	std::vector<ReplyRule> rules;
	if (!o.mccMnc.empty()) {
		if (!o.country.empty())
			throw CommandError(2, "--country and --mcc-mnc exclude each other: the MCC names the country");
		ProviderExtractSetup setup = lookupProvider(o, provider);
		ctx.country = setup.country;
		if (!ctx.defaultCurrency)
			ctx.defaultCurrency = setup.currency;
		if (o.base == 0 && setup.dataUnitBase)
			ctx.dataUnitBase = *setup.dataUnitBase;
		rules = std::move(setup.rules);
	} else if (!o.provider.empty()) {
		throw CommandError(2, "--provider needs --mcc-mnc");
	}
	if (o.base != 0)
		ctx.dataUnitBase = o.base;
	if (!o.at.empty()) {
		parseIsoTime(o.at, ctx.receivedAt, ctx.utcOffsetMinutes);
	} else {
		// The CLI, not the extractor, reads the clock: "now" for year-less dates.
		ctx.receivedAt = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
	}
	std::string text = o.text;
	if (text.empty()) {
		text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
		while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
			text.pop_back();
	}
	// The provider's rules went through the overlay loader's validation; one that still
	// fails is reported, not silently dropped.
	Result<BalanceExtractor> ex = BalanceExtractor::create(rules);
	if (!ex)
		throw CommandError(1, ex.error().message());
	nlohmann::json j = balanceJson(ex->extract(text, ctx));
	if (!provider.is_null())
		j["provider"] = provider;
	fmt::print("{}\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

} /* namespace */

void addParseCommands(CLI::App &app)
{
	auto opts = std::make_shared<ParseOptions>();
	CLI::App *cmd = app.add_subcommand("parse", "Read a carrier's balance reply (TEXT or stdin) and print it as JSON");
	cmd->add_option("--country", opts->country, "ISO 3166-1 alpha-2 of the carrier (resolves $, ¥, kr, Rs; date order)");
	cmd->add_option("--mcc-mnc", opts->mccMnc,
			"the SIM's network, e.g. 440-10: country, currency and reply rules of its provider");
	cmd->add_option("--provider", opts->provider,
			"with --mcc-mnc: the provider's name, when several share the network");
	cmd->add_option("--db", opts->db, "with --mcc-mnc: mobile-broadband-provider-info serviceproviders.xml")
		->capture_default_str();
	cmd->add_option("--overlay", opts->overlays,
			"with --mcc-mnc: overlay directory or .toml file, repeatable; replaces the defaults");
	cmd->add_option("--at", opts->at, "when the reply arrived, ISO 8601 (default: now); years of year-less dates");
	cmd->add_option("--currency", opts->currency, "ISO 4217 for amounts the reply gives without one");
	cmd->add_option("--data-unit-base", opts->base, "1024 (default, or the provider's) or 1000 bytes per kB");
	cmd->add_option("text", opts->text, "the reply text (read from stdin when absent)");
	cmd->callback([opts] { runParse(*opts); });
}

} /* namespace zanryo::ctl */
