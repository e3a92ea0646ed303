#pragma once

#include <span>
#include <string_view>

#include "libmodem/codec/ussd.hpp"

namespace zanryo {

/// \brief How the <str> of a +CUSD URC is read.
enum class CusdPayloadHint {
	/// By its <dcs> and the TE character set, as TS 27.007 §7.15 says, with the codec's
	/// checks for hex that the modem did not convert.
	ByDcs,
	/// Always packed GSM 7-bit hex, whatever <dcs> and +CSCS say.
	PackedGsm7Hex,
	/// Always UCS-2 hex, whatever <dcs> says.
	Ucs2Hex,
};

/// "by-dcs", "packed-gsm7-hex", "ucs2-hex".
std::string_view cusdPayloadHintName(CusdPayloadHint h) noexcept;

/// \brief What AtModem does differently for one family of modems. A row of data, not a
/// subclass (STYLE.md): every difference has a field here.
struct ModemQuirks {
	std::string_view device = "generic 3GPP modem";  ///< who needs this row, for logs
	/// +CSCS to select (TS 27.007 §5.5); "GSM" keeps USSD text readable on most modems.
	std::string_view teCharset = "GSM";
	/// How AT+CUSD=1,<str> is written (TS 27.007 §7.15): the code as text in the TE
	/// charset, as the spec says, unless the firmware passes <str> to the network as is.
	/// With +CSCS "UCS2" AtModem writes UCS-2 hex whatever this says.
	UssdRequestEncoding ussdRequest = UssdRequestEncoding::Plain;
	CusdPayloadHint cusdPayload = CusdPayloadHint::ByDcs;
	/// New message indications (TS 27.005 §3.4.1): mode 2 buffers while the link is
	/// busy, mt 1 stores the message and sends +CMTI, ds 2 stores status reports.
	std::string_view cnmi = "AT+CNMI=2,1,0,2,0";
	/// Command that reads the ICCID; "AT+CCID" is the common one (not in TS 27.007).
	std::string_view iccidCommand = "AT+CCID";
	/// Read EF_SPN with AT+CRSM=176,28486,0,0,17 (TS 27.007 §8.18, TS 31.102 §4.2.12).
	bool readSpnWithCrsm = true;
};

/// \brief One row: modems whose +CGMI starts with \a manufacturer (case-insensitive) and
/// whose +CGMM matches the ECMAScript regex \a model (case-insensitive, searched).
struct QuirkRow {
	std::string_view manufacturer;
	std::string_view model;
	ModemQuirks quirks;
};

/// \brief The built-in table, most specific rows first.
std::span<const QuirkRow> quirkTable() noexcept;

/// \brief The first row matching \a manufacturer and \a model, or the generic row.
const ModemQuirks &lookupQuirks(std::string_view manufacturer, std::string_view model);

} /* namespace zanryo */
