#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/codec/result.hpp"

namespace zanryo {

// Parsers from the information text of an AT command (the Line events of AtFramer) to
// values. Each takes the line(s) without line ends and returns a value or an Error whose
// offset points into the line it is about, and whose raw holds that line.

/// \brief One parameter of an AT response (TS 27.007 §4.1, V.250 §5.4.2.2 / §5.7.2).
struct AtParam {
	enum class Kind {
		Empty,   ///< nothing between two commas (an omitted optional value)
		Plain,   ///< number or unquoted text, blanks around it trimmed
		Quoted,  ///< "string": text holds what is between the quotes
		List,    ///< (...) group: text holds what is between the parentheses
	};
	Kind kind = Kind::Empty;
	std::string text;
	std::size_t offset = 0; ///< where the parameter starts in the parsed text

	bool empty() const noexcept { return kind == Kind::Empty; }
};

/// \brief Split a parameter list ("0,\"a,b\",,(0-2),(\"SM\",\"ME\")") on the commas that
/// are outside quotes and parentheses. Errors: an unterminated string or group, text
/// after a closing quote (Malformed, with the offset).
Result<std::vector<AtParam>> splitAtParams(std::string_view params);

/// \brief The parameters of a response line after its prefix: "+CPMS: 1,2" with
/// prefix "+CPMS" gives "1,2". Prefix matched case-insensitively; the blank after ':' is
/// optional (Huawei E3372 writes "^RSSI:14").
Result<std::string_view> responseParams(std::string_view line, std::string_view prefix);

/// \brief A decimal integer parameter (Plain, or Quoted holding digits), within [min,max].
/// \param name the parameter's name in the spec ("<index>"), for the error message.
Result<int> atParamInt(const AtParam &p, std::string_view name, int min, int max);

// ---------------------------------------------------------------------------------
// SMS storage (TS 27.005 §3.2.2 +CPMS, §4.1 +CMGL, §4.2 +CMGR, §3.5.1 +CMGS, §3.4.1 +CMTI)

/// \brief <stat> of a stored message in PDU mode (TS 27.005 §3.1).
enum class SmsStatus {
	ReceivedUnread = 0,
	ReceivedRead = 1,
	StoredUnsent = 2,
	StoredSent = 3,
};

/// \brief One message of +CMGL (PDU mode): "+CMGL: <index>,<stat>,[<alpha>],<length>" + PDU.
struct SmsListEntry {
	int index = 0;
	SmsStatus status = SmsStatus::ReceivedUnread;
	std::string alpha;   ///< phone book name, usually empty
	int length = 0;      ///< TPDU octets, SMSC address excluded (TS 27.005 §3.1 <length>)
	std::string pduHex;  ///< the PDU line, upper-case hex, SMSC address included
};

/// \brief Parse the lines of AT+CMGL=4 in PDU mode (no lines: an empty list). Errors: a PDU
/// line missing or not hex (InvalidHex), <length> not matching the PDU (InvalidLength),
/// text mode (Unsupported: <stat> is a string).
Result<std::vector<SmsListEntry>> parseCmgl(std::span<const std::string> lines);

/// \brief A message read with +CMGR (PDU mode): "+CMGR: <stat>,[<alpha>],<length>" + PDU.
struct SmsRecord {
	SmsStatus status = SmsStatus::ReceivedUnread;
	std::string alpha;
	int length = 0;
	std::string pduHex;
};

/// \brief Parse the lines of AT+CMGR=<index> in PDU mode. NotFound when the modem answered
/// with no information text (some firmwares reply to an empty slot with just OK).
Result<SmsRecord> parseCmgr(std::span<const std::string> lines);

/// \brief One message storage of +CPMS: its name and fill level.
struct SmsStorageUsage {
	std::string mem; ///< "SM", "ME", "MT", "SR", "BM"; empty if the reply does not say
	int used = 0;
	int total = 0;
};

/// \brief "+CPMS: <mem1>,<used1>,<total1>,<mem2>,<used2>,<total2>[,<mem3>,<used3>,<total3>]"
/// (the read command). One to three storages.
Result<std::vector<SmsStorageUsage>> parseCpmsRead(std::string_view line);
/// \brief "+CPMS: <used1>,<total1>,<used2>,<total2>[,<used3>,<total3>]" (the set command).
/// \param mems the storages that were set, to fill in SmsStorageUsage::mem (may be empty).
Result<std::vector<SmsStorageUsage>> parseCpmsSet(std::string_view line,
						    std::span<const std::string> mems = {});
/// \brief "+CPMS: (list of <mem1>s),(list of <mem2>s)[,(list of <mem3>s)]" (the test command).
Result<std::vector<std::vector<std::string>>> parseCpmsTest(std::string_view line);

/// \brief "+CMGS: <mr>[,<ackpdu>]": the TP-Message-Reference (0..255) of a sent message.
Result<int> parseCmgs(std::span<const std::string> lines);

/// \brief A new-message indication: +CMTI: <mem>,<index> or +CDSI: <mem>,<index>.
struct MessageIndication {
	std::string mem;
	int index = 0;
};

/// \brief "+CMTI: \"SM\",3" (TS 27.005 §3.4.1). Some firmwares send the mem unquoted.
Result<MessageIndication> parseCmti(std::string_view line);
/// \brief "+CDSI: \"SR\",1" (TS 27.005 §3.4.1, status report stored).
Result<MessageIndication> parseCdsi(std::string_view line);

// ---------------------------------------------------------------------------------
// Network and identity (TS 27.007 §5, §7.3)

/// \brief +COPS <format> (TS 27.007 §7.3).
enum class OperatorFormat {
	LongAlpha = 0,
	ShortAlpha = 1,
	Numeric = 2,
};

/// \brief The answer to AT+COPS?: "+COPS: <mode>[,<format>,<oper>[,<AcT>]]".
struct OperatorSelection {
	int mode = 0;                         ///< 0 automatic, 1 manual, 2 deregistered, 3 set only, 4 manual/automatic
	std::optional<OperatorFormat> format; ///< absent when not registered ("+COPS: 0")
	std::string oper;                     ///< as sent: "44010", "NTT DOCOMO"
	std::optional<int> act;               ///< access technology: 7 E-UTRAN, 2 UTRAN, 0 GSM...
	std::string mcc;                      ///< numeric format only: "440"
	std::string mnc;                      ///< numeric format only: "10" or "310" (2 or 3 digits)
};

/// \brief Parse "+COPS: 0,2,\"44010\",7" / "+COPS: 0,0,\"NTT DOCOMO\",7" / "+COPS: 0".
Result<OperatorSelection> parseCopsRead(std::string_view line);

/// \brief The IMSI from AT+CIMI: digits alone (TS 27.007 §5.6), or after "+CIMI: "
/// (Quectel, SIMCom); 6 to 15 digits (TS 23.003 §2.2).
Result<std::string> parseImsi(std::span<const std::string> lines);

/// \brief How the digits of an ICCID reply are ordered.
enum class IccidDigitOrder {
	AsSent,   ///< +CCID, +ICCID, +QCCID, +CICCID: the ICCID as printed on the card
	Swapped,  ///< each pair swapped, as stored in EF_ICCID (TS 102 221 §13.2): Huawei ^ICCID
	Auto,     ///< swapped if the reply starts with "98" (every ICCID starts with "89",
		  ///< the ITU-T E.118 telecom identifier), as sent otherwise
};

/// \brief The ICCID from AT+CCID / AT+ICCID / AT^ICCID? / AT+QCCID / AT+CICCID: prefix and
/// quotes stripped, digits put in order, trailing 'F' padding (EF_ICCID is 10 octets, a
/// 19-digit ICCID is padded with F) removed. Hex letters A-E are kept: some operators'
/// ICCIDs carry them (China Mobile "898600B5..."). 18 to 22 characters.
Result<std::string> parseIccid(std::span<const std::string> lines,
			       IccidDigitOrder order = IccidDigitOrder::Auto);

/// \brief The IMEI from AT+CGSN / AT+GSN: digits alone or after "+CGSN: ", "+GSN: ",
/// "IMEI: ", quoted or not. 15 digits (IMEI) or 16 (IMEISV), TS 23.003 §6.2.
Result<std::string> parseImei(std::span<const std::string> lines);
/// \brief Whether the 15th digit of an IMEI is its Luhn check digit (TS 23.003 Annex B).
bool imeiCheckDigitValid(std::string_view imei) noexcept;

/// \brief The value of AT+CGMI / +CGMM / +CGMR / +GMI / +GMM / +GMR / ATI-style answers:
/// the first information line with a "+CGMM:"-style prefix (the command's own or its
/// +G variant), a "Manufacturer:", "Model:" or "Revision:" label and quotes removed.
/// \param commandPrefix "+CGMI", "+CGMM" or "+CGMR" (the +G twin is accepted too).
Result<std::string> parseIdentityValue(std::span<const std::string> lines,
				       std::string_view commandPrefix);

/// \brief The subscriber's own number from AT+CNUM (TS 27.007 §7.1):
/// "+CNUM: [<alpha>],<number>,<type>[,...]", one line per number; the first non-empty
/// <number>, with "+" put in front of an international one (<type> 145) that lacks it.
/// An empty string when the SIM does not know it (OK with no +CNUM line, or an empty
/// number, as most prepaid SIMs answer). Malformed for a line that is not +CNUM's shape.
Result<std::string> parseCnum(std::span<const std::string> lines);

/// \brief "+CSCS: (\"IRA\",\"GSM\",\"UCS2\")" (TS 27.007 §5.5 test command); the
/// parentheses are optional (some firmwares leave them out).
Result<std::vector<std::string>> parseCscsTest(std::string_view line);
/// \brief "+CSCS: \"GSM\"" (read command).
Result<std::string> parseCscsRead(std::string_view line);

} /* namespace zanryo */
