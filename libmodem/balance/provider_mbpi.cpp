// Loader for Debian's mobile-broadband-provider-info database (serviceproviders.xml,
// format 2.0, elements as in serviceproviders.2.dtd).

#include <cstring>
#include <fstream>
#include <iterator>

#include <pugixml.hpp>

#include "libmodem/balance/provider.hpp"

namespace zanryo {

namespace {

std::string trimmed(const char *text)
{
	std::string_view s(text);
	const char *ws = " \t\r\n";
	std::size_t b = s.find_first_not_of(ws);
	if (b == std::string_view::npos)
		return {};
	std::size_t e = s.find_last_not_of(ws);
	return std::string(s.substr(b, e - b + 1));
}

bool allDigits(std::string_view s)
{
	for (char c : s)
		if (c < '0' || c > '9')
			return false;
	return !s.empty();
}

} /* namespace */

class MbpiLoader
{
public:
	static Result<ProviderDb> load(std::string_view xml, std::string_view sourceName)
	{
		pugi::xml_document doc;
		pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(),
								 pugi::parse_default, pugi::encoding_utf8);
		if (!parsed)
			return makeError(Errc::Malformed,
					 std::string(sourceName) + ": XML: " + parsed.description(),
					 static_cast<std::size_t>(parsed.offset));
		pugi::xml_node root = doc.child("serviceproviders");
		if (!root)
			return makeError(Errc::Malformed, std::string(sourceName) +
								  ": no <serviceproviders> root element");

		ProviderDb db;
		for (pugi::xml_node country : root.children("country")) {
			std::string code = trimmed(country.attribute("code").value());
			for (char &c : code)
				if (c >= 'A' && c <= 'Z')
					c = static_cast<char>(c - 'A' + 'a');
			for (pugi::xml_node provider : country.children("provider"))
				loadProvider(db, provider, code);
		}
		return db;
	}

private:
	static void loadProvider(ProviderDb &db, pugi::xml_node node, const std::string &country)
	{
		// CDMA-only providers have no MCC-MNC a SIM could be matched with.
		pugi::xml_node gsm = node.child("gsm");
		if (!gsm)
			return;

		ProviderProfile p;
		p.country = country;
		p.primary = std::strcmp(node.attribute("primary").value(), "true") == 0;
		for (pugi::xml_node name : node.children("name")) {
			std::string n = trimmed(name.child_value());
			if (!n.empty())
				p.names.push_back(std::move(n));
		}
		if (p.names.empty())
			return;
		p.name = p.names.front();

		for (pugi::xml_node id : gsm.children("network-id")) {
			// DTD: MCC three digits (ITU E.212), MNC two or three.
			std::string mcc = trimmed(id.attribute("mcc").value());
			std::string mnc = trimmed(id.attribute("mnc").value());
			if (mcc.size() != 3 || !allDigits(mcc) || mnc.size() < 2 || mnc.size() > 3 ||
			    !allDigits(mnc)) {
				db.skippedNetworkIds_++;
				continue;
			}
			NetworkId net{ std::stoi(mcc), mnc };
			bool seen = false;
			for (const NetworkId &n : p.networks)
				seen = seen || n == net;
			if (!seen)
				p.networks.push_back(std::move(net));
		}
		if (p.networks.empty())
			return;

		for (pugi::xml_node check : gsm.children("balance-check")) {
			p.mbpiBalanceCheck = true;
			for (pugi::xml_node m : check.children())
				addMethod(p.balanceChecks, m, false);
		}
		for (pugi::xml_node topUp : gsm.children("balance-top-up"))
			for (pugi::xml_node m : topUp.children())
				addMethod(p.topUps, m, true);

		p.sources.push_back("mbpi");
		db.providers_.push_back(std::move(p));
		db.indexProvider(db.providers_.size() - 1);
	}

	static void addMethod(std::vector<BalanceMethod> &out, pugi::xml_node m, bool topUp)
	{
		BalanceMethod method;
		method.source = "mbpi";
		std::string_view element = m.name();
		if (element == "ussd") {
			method.kind = MethodKind::Ussd;
			method.code = trimmed(m.child_value());
			method.replacement = trimmed(m.attribute("replacement").value());
			// A USSD balance query is free on the home network and the database is
			// the curated source ModemManager and GNOME use: trusted for checks.
			// Top-ups need the user's voucher and are never automatic anyway.
			method.verified = !topUp;
			if (method.code.empty())
				return;
		} else if (element == "ussd-response") {
			// DTD: "requires user to select options from initial network response";
			// nothing in the database says which options, so never automatic.
			method.kind = MethodKind::UssdMenu;
			method.code = trimmed(m.child_value());
			if (method.code.empty())
				return;
		} else if (element == "sms") {
			// DTD: PCDATA is the number, attribute text the body. An SMS to a short
			// number may be charged: not sent automatically until a user verifies it.
			method.kind = MethodKind::Sms;
			method.number = trimmed(m.child_value());
			method.text = trimmed(m.attribute("text").value());
			if (method.number.empty())
				return;
		} else {
			// <dtmf> is a voice call to an IVR: a modem data session cannot read it.
			return;
		}
		for (const BalanceMethod &existing : out)
			if (existing.sameRequest(method))
				return;
		out.push_back(std::move(method));
	}
};

Result<ProviderDb> ProviderDb::fromMbpiXml(std::string_view xml, std::string_view sourceName)
{
	return MbpiLoader::load(xml, sourceName);
}

Result<ProviderDb> ProviderDb::fromMbpiFile(const std::filesystem::path &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return makeError(Errc::NotFound, "cannot open provider database " + path.string());
	std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (in.bad())
		return makeError(Errc::NotFound, "cannot read provider database " + path.string());
	return MbpiLoader::load(xml, path.string());
}

} /* namespace zanryo */
