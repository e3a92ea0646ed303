#pragma once

#include <optional>
#include <string>
#include <vector>

#include "libmodem/codec/result.hpp"

namespace zanryo::sim {

/// Which real modem family the simulated firmware behaves like (ATI layout, the
/// ICCID command, the default +CUSD encoding, the first SMS index).
enum class QuirkProfile {
	Generic,
	Huawei,   ///< E3372 / ME909: ^ICCID, ^CURC, packed GSM 7-bit hex in +CUSD
	Quectel,  ///< EC25 / EG25: +QCCID, "Quectel" ATI block
};

/// How the text of a +CUSD: URC is written.
enum class UssdEncoding {
	FollowCscs,       ///< TS 27.007 §7.15: <str> in the +CSCS character set
	Ucs2Hex,          ///< UCS-2 hex whatever +CSCS says (many Qualcomm firmwares)
	Gsm7PackedHex,    ///< the network's packed octets as hex (Huawei E3372)
	Gsm7UnpackedHex,  ///< one hex byte per septet (some ZTE/Longcheer firmwares)
};

/// Order in which the parts of a multipart SMS reply reach the modem.
enum class SmsOrder {
	InOrder,
	Reverse,
	Shuffled,
};

/// How a received SMS is handed to the client.
enum class SmsDelivery {
	FollowCnmi,  ///< whatever AT+CNMI <mt> says
	Cmti,        ///< stored, then +CMTI: "SM",<index>
	Cmt,         ///< not stored, +CMT: ,<length> and the PDU line
};

/// One USSD reply; with a menu, the options the user may answer with.
struct UssdNode {
	std::string answer;  ///< what the user types to reach this node (menu entries only)
	std::string text;
	std::optional<int> status;  ///< +CUSD <m>; 1 when the node has a menu, else 0
	std::optional<int> dcs;     ///< reported DCS (default: 15 GSM, 72 UCS-2)
	std::optional<UssdEncoding> encoding;
	std::optional<int> delayMs;
	std::vector<UssdNode> menu;
	/// A second message (status 0) the network sends after this one, thenDelayMs later:
	/// a release with text followed by the real answer (AT only; see docs/simulator.md).
	std::string thenText;
	std::optional<int> thenDelayMs;

	int effectiveStatus() const { return status ? *status : (menu.empty() ? 0 : 1); }
};

struct UssdRule {
	std::string code;  ///< "*100#"
	UssdNode reply;
};

struct SmsReplyRule {
	std::string keyword;  ///< text the user sends (compared trimmed, ASCII case-insensitive)
	std::string to;       ///< number it must be sent to
	std::string from;     ///< sender of the reply
	std::string text;
	int delayMs = 500;
	int partGapMs = 50;  ///< time between two parts
	int parts = 0;       ///< 0: as many as the text needs
	SmsOrder order = SmsOrder::InOrder;
	SmsDelivery delivery = SmsDelivery::FollowCnmi;
};

/// An unsolicited carrier SMS (data notice) some time after start.
struct Notice {
	int atMs = 0;
	std::string from;
	std::string text;
	SmsDelivery delivery = SmsDelivery::FollowCnmi;
};

struct CmeFault {
	std::string prefix;  ///< "+CUSD", matched case-insensitively at the command start
	int code = 0;
};

struct Faults {
	bool hang = false;
	int slowMs = 0;
	bool dropSmsReply = false;
	std::optional<int> cusdStatus;
	std::string urcInReply;
	int garbageAtStart = 0;
	std::vector<CmeFault> cmeErrors;
};

struct Scenario {
	std::string path;
	// [modem]
	std::string manufacturer = "zanryo";
	std::string model = "SIM-LTE";
	std::string revision = "1.0.0";
	std::string imei = "350000000000006";
	QuirkProfile quirk = QuirkProfile::Generic;
	bool echo = true;
	std::optional<UssdEncoding> ussdEncoding;  ///< default per quirk profile
	int cnmiMt = 1;
	int smCapacity = 30;
	int meCapacity = 100;
	// [sim]
	std::string imsi = "001010123456789";
	std::string iccid = "8900101234567890123";
	std::string spn;
	std::string msisdn;
	std::string smsc = "+10000000000";
	// [network]
	std::string mcc = "001";
	std::string mnc = "01";
	std::string operatorName = "Test Network";
	int ussdDelayMs = 300;
	int ussdUnknownStatus = 4;  ///< +CUSD for a code no rule knows
	std::vector<UssdRule> ussd;
	std::vector<SmsReplyRule> smsReplies;
	std::vector<Notice> notices;
	Faults faults;

	UssdEncoding defaultUssdEncoding() const;
};

std::string_view quirkName(QuirkProfile q) noexcept;
std::string_view ussdEncodingName(UssdEncoding e) noexcept;
std::optional<UssdEncoding> parseUssdEncoding(std::string_view s) noexcept;

/// Load and validate a scenario file. Errors are ConfigError with
/// "FILE:LINE: KEY: what is wrong" in Error::what.
Result<Scenario> loadScenario(const std::string &path);

} /* namespace zanryo::sim */
