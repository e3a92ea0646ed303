// zanryoctl provider IMSI|MCCMNC: which carrier a SIM belongs to and how to ask its
// balance, from mobile-broadband-provider-info plus the overlays (docs/provider-profiles.md).

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "libmodem/balance/mcc_country.hpp"
#include "libmodem/balance/provider.hpp"
#include "provider_load.hpp"

namespace zanryo::ctl {

namespace {

struct ProviderOptions {
	std::string subject;
	std::string spn;
	std::string operatorName;
	std::string cops;
	int mncLength = 0;
	std::string provider;
	std::string db = defaultMbpiPath();
	std::vector<std::string> overlays;
};

nlohmann::ordered_json methodJson(const BalanceMethod &m, bool topUp)
{
	nlohmann::ordered_json j;
	j["kind"] = std::string(methodKindName(m.kind));
	switch (m.kind) {
	case MethodKind::Ussd:
	case MethodKind::UssdMenu:
		j["code"] = m.code;
		break;
	case MethodKind::Sms:
		j["number"] = m.number;
		j["text"] = m.text;
		break;
	}
	if (topUp)
		j["replacement"] = m.replacement;
	else
		j["verified"] = m.verified;
	j["source"] = m.source;
	if (!m.note.empty())
		j["note"] = m.note;
	return j;
}

nlohmann::ordered_json candidateJson(const ProviderCandidate &c, const std::string &country)
{
	const ProviderProfile &p = *c.profile;
	nlohmann::ordered_json j;
	j["name"] = p.name;
	j["names"] = p.names;
	j["network"] = c.network.toString();
	j["country"] = p.country.empty() ? country : p.country;
	j["currency"] = p.currency ? *p.currency
				   : std::string(currencyForCountry(p.country.empty() ? country : p.country));
	j["primary"] = p.primary;
	nlohmann::ordered_json methods = nlohmann::ordered_json::array();
	for (const BalanceMethod &m : p.balanceChecks)
		methods.push_back(methodJson(m, false));
	j["methods"] = methods;
	nlohmann::ordered_json topUps = nlohmann::ordered_json::array();
	for (const BalanceMethod &m : p.topUps)
		topUps.push_back(methodJson(m, true));
	j["topUp"] = topUps;
	nlohmann::ordered_json rules = nlohmann::ordered_json::array();
	for (const ReplyRule &r : p.replyRules)
		rules.push_back(r.name);
	j["replyRules"] = rules;
	j["smsSenders"] = p.smsSenders;
	j["spn"] = p.spn;
	j["dataUnitBase"] = p.dataUnitBase ? nlohmann::ordered_json(*p.dataUnitBase)
					   : nlohmann::ordered_json(nullptr);
	j["dateOrder"] = p.dateOrder.empty() ? nlohmann::ordered_json(nullptr)
					     : nlohmann::ordered_json(p.dateOrder);
	j["sources"] = p.sources;
	return j;
}

bool digitsOnly(const std::string &s)
{
	return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

void runProvider(const ProviderOptions &o)
{
	// "440-10", "440 10", "44010", "310410" are MCC-MNC; 7 to 15 digits are an IMSI.
	std::string mcc, mnc, imsi;
	std::size_t sep = o.subject.find_first_of("- ");
	if (sep != std::string::npos) {
		mcc = o.subject.substr(0, sep);
		mnc = o.subject.substr(sep + 1);
		if (mcc.size() != 3 || !digitsOnly(mcc) || mnc.size() < 2 || mnc.size() > 3 ||
		    !digitsOnly(mnc))
			throw CommandError(2, "\"" + o.subject +
						      "\" is not MCC-MNC (3 digits, dash, 2 or 3 digits)");
	} else if (digitsOnly(o.subject) && (o.subject.size() == 5 || o.subject.size() == 6)) {
		mcc = o.subject.substr(0, 3);
		mnc = o.subject.substr(3);
	} else if (digitsOnly(o.subject) && o.subject.size() >= 7 && o.subject.size() <= 15) {
		imsi = o.subject;
	} else {
		throw CommandError(2, "\"" + o.subject +
					      "\" is neither an IMSI (7-15 digits) nor an MCC-MNC such as 440-10");
	}
	if (o.mncLength != 0 && o.mncLength != 2 && o.mncLength != 3)
		throw CommandError(2, "--mnc-length must be 2 or 3");

	ProviderDb db = loadProviderDb(o.db, o.overlays);

	SimHints hints;
	hints.spn = o.spn;
	hints.operatorName = o.operatorName;
	hints.operatorMccMnc = o.cops;
	hints.mncLength = o.mncLength;
	hints.provider = o.provider;
	Result<ProviderMatch> found = imsi.empty()
					      ? db.lookupMccMnc(std::stoi(mcc), mnc, hints)
					      : db.lookupImsi(imsi, hints);
	if (!found)
		throw CommandError(2, found.error().message());
	const ProviderMatch &m = *found;
	if (m.status == MatchStatus::NotFound)
		throw CommandError(1, m.reason.empty() ? "no provider for " + m.network.toString()
						       : m.reason);

	nlohmann::ordered_json j;
	j["mcc"] = m.network.toString().substr(0, 3);
	j["mnc"] = m.network.mnc;
	j["country"] = m.country;
	j["currency"] = m.currency;
	j["status"] = std::string(matchStatusName(m.status));
	j["ambiguous"] = m.status == MatchStatus::Ambiguous;
	if (!m.reason.empty())
		j["reason"] = m.reason;
	nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
	for (const ProviderCandidate &c : m.candidates)
		candidates.push_back(candidateJson(c, m.country));
	j["candidates"] = candidates;
	std::cout << j.dump(2) << "\n";
}

} /* namespace */

void addProviderCommands(CLI::App &app)
{
	auto opts = std::make_shared<ProviderOptions>();
	CLI::App *cmd = app.add_subcommand(
		"provider", "Show the provider profile(s) for an IMSI or MCC-MNC as JSON");
	cmd->add_option("subject", opts->subject, "IMSI (7-15 digits) or MCC-MNC (440-10, 44010)")
		->required();
	cmd->add_option("--spn", opts->spn, "the SIM's service provider name (EF_SPN)");
	cmd->add_option("--operator-name", opts->operatorName, "+COPS alphanumeric operator name");
	cmd->add_option("--cops", opts->cops, "+COPS numeric operator (e.g. 44010): MNC length hint");
	cmd->add_option("--mnc-length", opts->mncLength, "MNC length from EF_AD (2 or 3)");
	cmd->add_option("--provider", opts->provider, "provider name chosen in the configuration");
	cmd->add_option("--db", opts->db, "mobile-broadband-provider-info serviceproviders.xml")
		->capture_default_str();
	cmd->add_option("--overlay", opts->overlays,
			"overlay directory or .toml file, repeatable; replaces the defaults (" ZANRYO_PROVIDERS_DIR
			", " ZANRYO_USER_PROVIDERS_DIR ")");
	cmd->callback([opts] { runProvider(*opts); });
}

} /* namespace zanryo::ctl */
