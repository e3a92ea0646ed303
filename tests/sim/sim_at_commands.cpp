// V.250 basic commands, identity (TS 27.007 §5), network (§7) and USSD (§7.15).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <fmt/format.h>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"
#include "sim_at_engine.hpp"
#include "sim_log.hpp"

namespace zanryo::sim {

namespace {

using Outcome = AtEngine::Outcome;
using Kind = AtEngine::Outcome::Kind;
using Form = AtCommand::Form;

bool toInt(const AtArg &a, int &out)
{
	if (a.quoted || a.value.empty())
		return false;
	auto [p, ec] = std::from_chars(a.value.data(), a.value.data() + a.value.size(), out);
	return ec == std::errc() && p == a.value.data() + a.value.size();
}

std::string upperCopy(std::string s)
{
	std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
	return s;
}

bool isHex(std::string_view s)
{
	return !s.empty() && s.size() % 2 == 0 &&
	       std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// The ICCID as Huawei's AT^ICCID? prints it: the EF_ICCID bytes as stored, nibbles
// swapped (TS 31.102 §4.2.2 BCD), padded with F.
std::string huaweiIccid(const std::string &iccid)
{
	std::string padded = iccid;
	if (padded.size() % 2)
		padded += 'F';
	for (std::size_t i = 0; i + 1 < padded.size(); i += 2)
		std::swap(padded[i], padded[i + 1]);
	return padded;
}

constexpr Outcome kOk{ Kind::Ok, 0 };
constexpr Outcome kError{ Kind::Error, 0 };

Outcome cme(int code)
{
	return { Kind::CmeError, code };
}

} /* namespace */

void AtEngine::registerCommands()
{
	for (const char *n : { "E", "V", "Q", "Z", "I", "X", "H", "D", "&F", "&C", "&D", "&W", "&K", "&V", "+GCAP" })
		handlers_[n] = &AtEngine::basic;
	for (int s = 0; s <= 12; ++s)
		handlers_["S" + std::to_string(s)] = &AtEngine::basic;
	for (const char *n : { "+CGMI", "+GMI", "+CGMM", "+GMM", "+CGMR", "+GMR", "+CGSN", "+GSN", "+CIMI",
			       "+CCID", "+ICCID", "^ICCID", "+QCCID", "+CNUM" })
		handlers_[n] = &AtEngine::identity;
	handlers_["+CMEE"] = &AtEngine::cmee;
	handlers_["+CSCS"] = &AtEngine::cscs;
	handlers_["+COPS"] = &AtEngine::cops;
	for (const char *n : { "+CREG", "+CGREG", "+CEREG" })
		handlers_[n] = &AtEngine::registration;
	for (const char *n : { "+CSQ", "+CPIN", "+CFUN", "+CSCA", "^CURC", "^PORTSEL", "+CLAC" })
		handlers_[n] = &AtEngine::misc;
	handlers_["+CUSD"] = &AtEngine::cusd;
	handlers_["+CMGF"] = &AtEngine::cmgf;
	handlers_["+CMGS"] = &AtEngine::cmgs;
	handlers_["+CPMS"] = &AtEngine::cpms;
	handlers_["+CNMI"] = &AtEngine::cnmi;
	handlers_["+CMGR"] = &AtEngine::cmgr;
	handlers_["+CMGL"] = &AtEngine::cmgl;
	handlers_["+CMGD"] = &AtEngine::cmgd;
	for (const char *n : { "+CSMS", "+CNMA", "+CMMS", "+CSDH", "+CSMP" })
		handlers_[n] = &AtEngine::smsMisc;
}

AtEngine::Outcome AtEngine::basic(const AtCommand &c, Lines &out)
{
	const std::string &n = c.name;
	if (n == "E") {
		if (c.args.empty() || c.args == "0")
			echo_ = false;
		else if (c.args == "1")
			echo_ = true;
		else
			return kError;
		return kOk;
	}
	if (n == "V")
		return c.args == "1" ? kOk : kError;  // numeric result codes (V0) are not simulated
	if (n == "Q")
		return c.args.empty() || c.args == "0" ? kOk : kError;
	if (n == "Z" || n == "&F") {
		resetSettings();
		return kOk;
	}
	if (n == "I") {
		switch (scenario_.quirk) {
		case QuirkProfile::Huawei:
			out = { "Manufacturer: " + scenario_.manufacturer, "Model: " + scenario_.model,
				"Revision: " + scenario_.revision, "IMEI: " + scenario_.imei,
				"+GCAP: +CGSM,+DS,+ES" };
			break;
		case QuirkProfile::Quectel:
			out = { scenario_.manufacturer, scenario_.model, "Revision: " + scenario_.revision };
			break;
		case QuirkProfile::Generic:
			out = { scenario_.manufacturer + " " + scenario_.model, "Revision: " + scenario_.revision };
			break;
		}
		return kOk;
	}
	if (n == "+GCAP") {
		out = { "+GCAP: +CGSM,+DS,+ES" };
		return kOk;
	}
	if (n == "D")
		return { Kind::Error, 0 };  // no voice or data calls on this modem
	if (n[0] == 'S' && c.form == Form::Read) {
		// V.250 §6.2: S3 (CR), S4 (LF), S5 (BS) are what this modem uses.
		int value = n == "S3" ? 13 : n == "S4" ? 10 : n == "S5" ? 8 : 0;
		out = { fmt::format("{:03}", value) };
	}
	return kOk;
}

AtEngine::Outcome AtEngine::identity(const AtCommand &c, Lines &out)
{
	if (c.form == Form::Test)
		return kOk;
	const std::string &n = c.name;
	if (n == "+CGMI" || n == "+GMI")
		out = { scenario_.manufacturer };
	else if (n == "+CGMM" || n == "+GMM")
		out = { scenario_.model };
	else if (n == "+CGMR" || n == "+GMR")
		out = { scenario_.revision };
	else if (n == "+CGSN" || n == "+GSN")
		out = { scenario_.imei };
	else if (n == "+CIMI")
		out = { scenario_.imsi };
	else if (n == "^ICCID") {
		if (scenario_.quirk != QuirkProfile::Huawei)
			return kError;
		out = { "^ICCID: " + huaweiIccid(scenario_.iccid) };
	} else if (n == "+QCCID") {
		if (scenario_.quirk != QuirkProfile::Quectel)
			return kError;
		out = { "+QCCID: " + scenario_.iccid };
	} else if (n == "+CCID" || n == "+ICCID") {
		// Huawei E3372 has no +CCID: only ^ICCID (ModemManager's huawei plugin uses it).
		if (scenario_.quirk == QuirkProfile::Huawei)
			return kError;
		out = { (n == "+CCID" ? "+CCID: " : "+ICCID: ") + scenario_.iccid };
	} else if (n == "+CNUM") {
		if (!scenario_.msisdn.empty()) {
			int type = scenario_.msisdn[0] == '+' ? 145 : 129;
			out = { fmt::format("+CNUM: \"\",\"{}\",{}", scenario_.msisdn, type) };
		}
	}
	return kOk;
}

AtEngine::Outcome AtEngine::cmee(const AtCommand &c, Lines &out)
{
	switch (c.form) {
	case Form::Read:
		out = { fmt::format("+CMEE: {}", cmee_) };
		return kOk;
	case Form::Test:
		out = { "+CMEE: (0-2)" };
		return kOk;
	case Form::Exec:
		cmee_ = 0;
		return kOk;
	case Form::Set:
		break;
	}
	auto args = parseArgs(c.args);
	int v = 0;
	if (!args || args->size() != 1 || !toInt((*args)[0], v) || v < 0 || v > 2)
		return cme(50);
	cmee_ = v;
	return kOk;
}

AtEngine::Outcome AtEngine::cscs(const AtCommand &c, Lines &out)
{
	switch (c.form) {
	case Form::Read:
		out = { fmt::format("+CSCS: \"{}\"", cscs_) };
		return kOk;
	case Form::Test:
		out = { "+CSCS: (\"IRA\",\"GSM\",\"UCS2\")" };
		return kOk;
	case Form::Exec:
		return kOk;
	case Form::Set:
		break;
	}
	auto args = parseArgs(c.args);
	if (!args || args->size() != 1)
		return cme(50);
	std::string cs = upperCopy((*args)[0].value);
	if (cs != "IRA" && cs != "GSM" && cs != "UCS2")
		return cme(4);
	cscs_ = cs;
	return kOk;
}

AtEngine::Outcome AtEngine::cops(const AtCommand &c, Lines &out)
{
	std::string numeric = scenario_.mcc + scenario_.mnc;
	switch (c.form) {
	case Form::Read: {
		std::string name = copsFormat_ == 2 ? numeric : scenario_.operatorName;
		out = { fmt::format("+COPS: 0,{},\"{}\",7", copsFormat_, name) };
		return kOk;
	}
	case Form::Test:
		out = { fmt::format("+COPS: (2,\"{}\",\"{}\",\"{}\",7),,(0-4),(0-2)", scenario_.operatorName,
				    scenario_.operatorName, numeric) };
		return kOk;
	case Form::Exec:
		return kOk;
	case Form::Set:
		break;
	}
	auto args = parseArgs(c.args);
	int mode = 0, format = 0;
	if (!args || args->empty() || !toInt((*args)[0], mode) || mode < 0 || mode > 4)
		return cme(50);
	if (args->size() >= 2 && !(*args)[1].empty()) {
		if (!toInt((*args)[1], format) || format < 0 || format > 2)
			return cme(50);
		copsFormat_ = format;
	}
	return kOk;
}

AtEngine::Outcome AtEngine::registration(const AtCommand &c, Lines &out)
{
	switch (c.form) {
	case Form::Read:
		out = { c.name + ": 0,1" };  // registered, home network
		return kOk;
	case Form::Test:
		out = { c.name + ": (0-2)" };
		return kOk;
	case Form::Exec:
	case Form::Set:
		return kOk;
	}
	return kOk;
}

AtEngine::Outcome AtEngine::misc(const AtCommand &c, Lines &out)
{
	const std::string &n = c.name;
	if (n == "+CSQ") {
		out = { c.form == Form::Test ? "+CSQ: (0-31,99),(0-7,99)" : "+CSQ: 20,99" };
		return kOk;
	}
	if (n == "+CPIN") {
		if (c.form == Form::Read)
			out = { "+CPIN: READY" };
		return c.form == Form::Set ? cme(3) : kOk;
	}
	if (n == "+CFUN") {
		if (c.form == Form::Read)
			out = { "+CFUN: 1" };
		else if (c.form == Form::Test)
			out = { "+CFUN: (0,1,4),(0-1)" };
		return kOk;
	}
	if (n == "+CSCA") {
		if (c.form == Form::Read)
			out = { fmt::format("+CSCA: \"{}\",{}", scenario_.smsc, scenario_.smsc[0] == '+' ? 145 : 129) };
		return kOk;
	}
	if (n == "^CURC") {
		// Huawei: switches the periodic ^RSSI/^MODE reports; other firmwares lack it.
		if (scenario_.quirk != QuirkProfile::Huawei)
			return kError;
		if (c.form == Form::Read)
			out = { "^CURC: 0" };
		return kOk;
	}
	if (n == "^PORTSEL") {
		// Huawei: which port carries URCs (0 PCUI, 1 modem). gammu's Huawei support
		// sends AT^PORTSEL=1 and gives up on ERROR, so the Huawei profile must know it.
		if (scenario_.quirk != QuirkProfile::Huawei)
			return kError;
		if (c.form == Form::Read)
			out = { "^PORTSEL: 0" };
		else if (c.form == Form::Test)
			out = { "^PORTSEL: (0-1)" };
		return kOk;
	}
	if (n == "+CLAC") {
		for (const auto &[name, h] : handlers_) {
			if (name[0] == '+' || name[0] == '^')
				out.push_back("AT" + name);
		}
		return kOk;
	}
	return kError;
}

std::string AtEngine::encodeUssd(const std::string &text, const UssdNode *node, int &dcs) const
{
	UssdEncoding enc = node && node->encoding ? *node->encoding : scenario_.defaultUssdEncoding();
	std::optional<std::vector<std::uint8_t>> septets = utf8ToGsm7(text);
	auto ucs2Hex = [&] {
		auto utf16 = utf8ToUtf16be(text);
		return utf16 ? hexEncode(*utf16) : std::string();
	};
	// TS 23.038 §5: 0x0F GSM 7-bit language unspecified, 0x48 UCS-2 (what carriers send).
	dcs = septets ? 15 : 72;
	std::string str;
	switch (enc) {
	case UssdEncoding::FollowCscs:
		// TS 27.007 §7.15: <str> in the TE character set when the DCS is the GSM
		// default alphabet; a UCS-2 message comes as UCS-2 hex (no other way to say it).
		if (!septets || cscs_ == "UCS2") {
			str = ucs2Hex();
		} else if (cscs_ == "GSM") {
			str.assign(septets->begin(), septets->end());
		} else {
			for (std::uint8_t s : *septets) {
				// IRA is 7-bit ASCII; GSM characters without an ASCII form read as '?'.
				std::string one = gsm7ToUtf8(std::span<const std::uint8_t>(&s, 1));
				str += one.size() == 1 ? one : "?";
			}
		}
		break;
	case UssdEncoding::Ucs2Hex:
		str = ucs2Hex();
		dcs = 72;
		break;
	case UssdEncoding::Gsm7PackedHex:
		str = septets ? hexEncode(gsm7PackUssd(*septets)) : ucs2Hex();
		break;
	case UssdEncoding::Gsm7UnpackedHex:
		str = septets ? hexEncode(*septets) : ucs2Hex();
		break;
	}
	if (node && node->dcs)
		dcs = *node->dcs;
	return str;
}

std::vector<std::string> AtEngine::decodeUssdInput(const std::string &str) const
{
	// What the TE sent may be plain text, UCS-2 hex (+CSCS="UCS2") or packed GSM 7-bit
	// hex (what Huawei firmwares expect). The network tries each reading in turn.
	std::vector<std::string> out;
	if (cscs_ == "UCS2" && isHex(str) && str.size() % 4 == 0) {
		if (auto bytes = hexDecode(str))
			out.push_back(utf16beToUtf8(*bytes));
	}
	out.push_back(str);
	if (isHex(str)) {
		if (auto bytes = hexDecode(str)) {
			out.push_back(gsm7ToUtf8(gsm7UnpackUssd(*bytes)));
			if (str.size() % 4 == 0)
				out.push_back(utf16beToUtf8(*bytes));
		}
	}
	return out;
}

AtEngine::Outcome AtEngine::cusd(const AtCommand &c, Lines &out)
{
	switch (c.form) {
	case Form::Read:
		out = { fmt::format("+CUSD: {}", cusdPresentation_) };
		return kOk;
	case Form::Test:
		out = { "+CUSD: (0-2)" };
		return kOk;
	case Form::Exec:
		cusdPresentation_ = 0;
		return kOk;
	case Form::Set:
		break;
	}
	auto args = parseArgs(c.args);
	int n = 0;
	if (!args || args->empty() || !toInt((*args)[0], n) || n < 0 || n > 2)
		return cme(50);
	if (n == 2) {
		// TS 27.007 §7.15: <n>=2 cancels the session.
		network_.ussdCancel();
		return kOk;
	}
	cusdPresentation_ = n;
	if (args->size() < 2 || (*args)[1].empty())
		return kOk;
	int dcs = 15;
	if (args->size() >= 3 && !(*args)[2].empty() && !toInt((*args)[2], dcs))
		return cme(50);
	if (network_.ussdState() == Network::UssdState::Pending)
		return cme(3);  // one USSD transaction at a time (TS 24.090 §4.1)
	if (n == 0) {
		// Presentation off: the answer still comes, it is just not shown. Most
		// firmwares do the same; the client asked for it.
		logLine("ussd", "request sent with result codes disabled (AT+CUSD=0,...)");
	}
	network_.ussdRequest(decodeUssdInput((*args)[1].value));
	return kOk;
}

} /* namespace zanryo::sim */
