#include "libmodem/backend/quirks.hpp"

#include <array>
#include <cctype>
#include <regex>
#include <string>

namespace zanryo {

namespace {

const ModemQuirks kGeneric{};

ModemQuirks huaweiStick()
{
	ModemQuirks q;
	// Huawei E3372 (stick firmware), E173, E1550, E352: AT+CUSD passes <str> to the
	// network as it is, so the code must be sent packed GSM 7-bit hex with <dcs> 15
	// ("*100#" -> "AA180C3602"), and the reply comes back packed hex whatever +CSCS
	// says (chan-dongle #116, yate-datacard "7bit USSD encoding for Huawei E352").
	q.device = "Huawei E3372/E173/E1550/E352 (stick firmware)";
	q.ussdRequest = UssdRequestEncoding::Gsm7PackedHex;
	q.cusdPayload = CusdPayloadHint::PackedGsm7Hex;
	q.iccidCommand = "AT^ICCID?";
	return q;
}

ModemQuirks huaweiModule()
{
	ModemQuirks q;
	// Huawei ME909/MU709/ME906 modules follow TS 27.007 for +CUSD; the ICCID is read
	// with the vendor command ^ICCID.
	q.device = "Huawei ME909/MU709/ME906 (modules)";
	q.iccidCommand = "AT^ICCID?";
	return q;
}

ModemQuirks quectel()
{
	ModemQuirks q;
	// Quectel EC25/EG25/EC21/EP06/EM06 (Qualcomm): +CCID is missing on some firmware,
	// AT+QCCID is always there. USSD replies with <dcs> 72 come as UCS-2 hex, which
	// ByDcs reads.
	q.device = "Quectel EC25/EG25/EC21/EP06/EM06";
	q.iccidCommand = "AT+QCCID";
	return q;
}

ModemQuirks simcom7600()
{
	ModemQuirks q;
	// SIMCom SIM7600 series: ICCID with AT+CICCID (SIMCom AT manual); USSD text is
	// readable with +CSCS "IRA".
	q.device = "SIMCom SIM7600";
	q.teCharset = "IRA";
	q.iccidCommand = "AT+CICCID";
	return q;
}

ModemQuirks simcom800()
{
	ModemQuirks q;
	// SIMCom SIM800: with +CSCS "HEX" the reply is an empty "+CUSD: 2", with "IRA" the
	// text comes (TinyGSM #192).
	q.device = "SIMCom SIM800";
	q.teCharset = "IRA";
	q.iccidCommand = "AT+CCID";
	return q;
}

ModemQuirks zte()
{
	ModemQuirks q;
	// ZTE MF823/MF286D (Qualcomm MDM92xx): +CUSD <str> is UCS-2 hex even when <dcs>
	// announces GSM 7-bit (obsy/sms_tool #13, MF286D); ICCID through AT+ZGETICCID.
	q.device = "ZTE MF823/MF286D";
	q.cusdPayload = CusdPayloadHint::Ucs2Hex;
	q.iccidCommand = "AT+ZGETICCID";
	return q;
}

ModemQuirks sierra()
{
	ModemQuirks q;
	// Sierra Wireless MC7455/EM7455/MC7430: ICCID through AT!ICCID?; the AT port may end
	// lines with a bare LF (the framer accepts it). +CNMI mode 2 with ds 2 is refused
	// on some firmware, AtModem then falls back to ds 0.
	q.device = "Sierra Wireless MC7455/EM7455/MC7430";
	q.iccidCommand = "AT!ICCID?";
	return q;
}

const std::array<QuirkRow, 7> &table()
{
	static const std::array<QuirkRow, 7> rows{ {
		{ "huawei", "^E(3372|173|1550|352|1750|3131|3531)", huaweiStick() },
		{ "huawei", "^(ME9|MU7)", huaweiModule() },
		{ "quectel", "^(EC2|EG2|EP06|EM06|EC21|EC25)", quectel() },
		{ "simcom", "SIM7600|SIM7[0-9]00", simcom7600() },
		{ "simcom", "SIM800", simcom800() },
		{ "zte", "MF(823|286|831|833)", zte() },
		{ "sierra", "^(MC|EM)74", sierra() },
	} };
	return rows;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix)
{
	if (s.size() < prefix.size())
		return false;
	for (std::size_t i = 0; i < prefix.size(); ++i)
		if (std::tolower(static_cast<unsigned char>(s[i])) !=
		    std::tolower(static_cast<unsigned char>(prefix[i])))
			return false;
	return true;
}

std::string_view trimView(std::string_view s)
{
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
		s.remove_prefix(1);
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
		s.remove_suffix(1);
	return s;
}

} /* namespace */

std::string_view cusdPayloadHintName(CusdPayloadHint h) noexcept
{
	switch (h) {
	case CusdPayloadHint::ByDcs: return "by-dcs";
	case CusdPayloadHint::PackedGsm7Hex: return "packed-gsm7-hex";
	case CusdPayloadHint::Ucs2Hex: return "ucs2-hex";
	}
	return "?";
}

std::span<const QuirkRow> quirkTable() noexcept
{
	return table();
}

const ModemQuirks &lookupQuirks(std::string_view manufacturer, std::string_view model)
{
	manufacturer = trimView(manufacturer);
	// Sierra reports "Sierra Wireless, Incorporated"; Huawei "huawei" or "HUAWEI".
	std::string modelText(trimView(model));
	for (const QuirkRow &row : table()) {
		if (!startsWithNoCase(manufacturer, row.manufacturer))
			continue;
		std::regex re(std::string(row.model), std::regex::ECMAScript | std::regex::icase);
		if (std::regex_search(modelText, re))
			return row.quirks;
	}
	return kGeneric;
}

} /* namespace zanryo */
