#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/result.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo
{

/// \brief The TPDU kinds zanryo meets (TS 23.040 §9.2.3.1 TP-MTI). DELIVER and
/// STATUS-REPORT are read as received by the MS; SUBMIT as sent by it.
enum class SmsType {
	Deliver,
	Submit,
	StatusReport,
};

/// "deliver", "submit", "status-report": the names used in JSON output.
std::string_view smsTypeName(SmsType t) noexcept;

/// \brief Type of number of an address (TS 23.040 §9.1.2.5, bits 6..4 of the TOA octet).
enum class TypeOfNumber {
	Unknown,	 ///< 000
	International,	 ///< 001: printed with a leading '+'
	National,	 ///< 010
	NetworkSpecific, ///< 011
	Subscriber,	 ///< 100
	Alphanumeric,	 ///< 101: packed GSM 7-bit text (TS 23.038)
	Abbreviated,	 ///< 110
	Reserved,	 ///< 111
};

/// "unknown", "international", "national", "network-specific", "subscriber",
/// "alphanumeric", "abbreviated", "reserved".
std::string_view typeOfNumberName(TypeOfNumber ton) noexcept;

/// \brief An originating, destination, recipient or service-centre address.
struct SmsAddress {
	/// Digits (with '*', '#', 'a'..'c' for the BCD codes 1010..1110 of §9.1.2.3), a
	/// leading '+' for international numbers, or the text of an alphanumeric sender.
	std::string number;
	TypeOfNumber ton = TypeOfNumber::Unknown;
	std::uint8_t npi = 1; ///< numbering plan (bits 3..0 of the TOA); 1 = ISDN/E.164

	bool operator==(const SmsAddress &) const = default;
};

/// \brief Read an address the way a person writes it: "+819012345678" (international,
/// E.164), "3080" or "*100#" (unknown type, ISDN plan), or an alphanumeric sender name
/// such as "Rakuten" (GSM 7-bit encodable, at most 11 characters).
/// Errors: InvalidValue for an empty or too long address, NotEncodable for a name
/// with characters outside the GSM 7-bit default alphabet, InvalidUtf8.
Result<SmsAddress> parseSmsAddress(std::string_view text);

/// \brief A service-centre time stamp or other TP time field (TS 23.040 §9.2.3.11).
struct SmsTimestamp {
	int year = 2000;	///< 1990..2089 (the PDU carries two digits: 90..99 are 19yy)
	int month = 1;		///< 1..12
	int day = 1;		///< 1..31
	int hour = 0;		///< 0..23
	int minute = 0;		///< 0..59
	int second = 0;		///< 0..59
	int tzQuarterHours = 0; ///< offset from UTC in quarters of an hour, -79..79

	/// "2026-11-22T09:15:00+09:00"
	std::string iso8601() const;

	bool operator==(const SmsTimestamp &) const = default;
};

/// \brief Parse "YYYY-MM-DDThh:mm:ss" followed by "Z", "+hh:mm" or "-hh:mm" (the offset
/// must be a whole number of quarter hours). InvalidValue names the character offset.
Result<SmsTimestamp> parseIso8601Timestamp(std::string_view text);

/// \brief Kind of waiting message signalled by a DCS of the message waiting groups.
enum class MessageWaitingKind {
	Voicemail,
	Fax,
	Email,
	Other,
};

/// \brief Message waiting indication of TS 23.038 §4 coding groups 1100..1110.
struct MessageWaiting {
	MessageWaitingKind kind = MessageWaitingKind::Voicemail;
	bool active = false;  ///< bit 3: set indication active (else inactive)
	bool discard = false; ///< group 1100: the MS may discard the message contents

	bool operator==(const MessageWaiting &) const = default;
};

/// \brief TP-DCS as read through TS 23.038 §4 (every coding group).
struct SmsDcs {
	std::uint8_t raw = 0;
	Alphabet alphabet = Alphabet::Gsm7;
	std::optional<int> messageClass; ///< 0..3 when the DCS gives one
	bool compressed = false;	 ///< TS 23.042 compression: the text is not decoded
	bool autoDelete = false;	 ///< coding group 01xx: marked for automatic deletion
	std::optional<MessageWaiting> messageWaiting;

	bool operator==(const SmsDcs &) const = default;
};

/// \brief Read a TP-DCS octet. Reserved codings read as the GSM 7-bit default alphabet,
/// as TS 23.038 §4 tells a receiving entity to do.
SmsDcs parseSmsDcs(std::uint8_t dcs) noexcept;

/// \brief One part of a concatenated short message (TS 23.040 §9.2.3.24.1 / .8).
struct Concat {
	std::uint16_t ref = 0;
	std::uint8_t total = 0;
	std::uint8_t seq = 0;
	bool ref16 = false; ///< IE 0x08 (16-bit reference) rather than IE 0x00

	bool operator==(const Concat &) const = default;
};

/// \brief A decoded SMS TPDU with the SMSC address that AT+CMGR / +CMT put before it.
struct SmsPdu {
	SmsType type = SmsType::Deliver;
	/// SMSC address, when the input carries the SMSC part and its length is not 0.
	std::optional<SmsAddress> smsc;
	/// TP-OA (DELIVER: the sender), TP-DA (SUBMIT) or TP-RA (STATUS-REPORT).
	SmsAddress address;
	std::uint8_t messageRef = 0; ///< TP-MR (SUBMIT, STATUS-REPORT)
	std::uint8_t pid = 0;	     ///< TP-PID
	SmsDcs dcs;
	std::optional<SmsTimestamp> timestamp;	   ///< TP-SCTS (DELIVER, STATUS-REPORT)
	std::optional<SmsTimestamp> dischargeTime; ///< TP-DT (STATUS-REPORT)
	std::optional<std::uint8_t> status;	   ///< TP-ST (STATUS-REPORT), §9.2.3.15
	/// TP-VP (SUBMIT) in minutes, for the relative and enhanced relative formats
	/// (the enhanced seconds formats are rounded down to whole minutes).
	std::optional<int> validityMinutes;
	std::optional<SmsTimestamp> validityAbsolute; ///< TP-VP in the absolute format
	bool moreMessagesToSend = false;	      ///< DELIVER, STATUS-REPORT: TP-MMS is 0
	bool statusReportRequested = false;	      ///< TP-SRI (DELIVER), TP-SRR (SUBMIT), TP-SRQ
	bool replyPath = false;			      ///< TP-RP (DELIVER, SUBMIT)
	bool rejectDuplicates = false;		      ///< TP-RD (SUBMIT)
	std::optional<Concat> concat;
	std::optional<std::uint16_t> destPort; ///< application port addressing (IE 0x04/0x05)
	std::optional<std::uint16_t> srcPort;
	Gsm7Tables tables; ///< national language shift tables from UDH IEs 0x24/0x25
	/// The message text in UTF-8. Empty for 8-bit data and when textUnsupported.
	std::string text;
	/// The text could not be decoded (compressed data, TS 23.042); userData holds it.
	bool textUnsupported = false;
	/// TP-UD without the UDH: octets for 8-bit, UCS-2 and compressed data, one septet
	/// per element for uncompressed GSM 7-bit.
	std::vector<std::uint8_t> userData;
	std::vector<std::uint8_t> udh; ///< the UDH without its UDHL octet, empty if none
	/// Things that were wrong but did not stop the decode (an invalid concatenation IE
	/// ignored as §9.2.3.24.1 says, an unknown national language), with their offsets.
	std::vector<Error> warnings;
	/// Empty when the PDU was intact. Otherwise the message was decoded leniently and
	/// this says what was wrong and what was done about it, one clause per defect
	/// joined with "; ": "user data shorter than TP-UDL (2 octets missing)", "TP-SCTS
	/// not a valid time (octet 6, time zone 0xA3); time stamp dropped", "concatenation
	/// IE 0x00 with length 0 ignored". See docs/sms-pdu.md for each rule. Each defect is
	/// also in \a warnings with its offset.
	std::string damaged;
};

/// \brief At most this many octets of TP-UD may be missing for a message to be decoded
/// leniently (TS 23.040 §9.2.3.16 says TP-UDL; modems that drop or miscount the last
/// octets are off by one or a few). A longer shortfall is a truncated PDU: InvalidLength.
inline constexpr std::size_t kMaxUserDataShortfall = 8;

/// \brief Decode an SMS PDU as AT+CMGR / AT+CMGL / +CMT give it in PDU mode.
/// \param pdu the octets; with \a hasSmsc they start with the SMSC address length octet.
/// \return the message, or an Error naming the byte offset (counted from the start of
/// \a pdu) and the field that does not fit: Truncated, InvalidLength, InvalidValue.
/// Defects real modems deliver are decoded leniently and reported in SmsPdu::damaged
/// (docs/sms-pdu.md): user data up to kMaxUserDataShortfall octets shorter than TP-UDL,
/// a UDH element that is malformed or runs past the UDH, an invalid TP-SCTS / TP-DT.
/// Addresses the spec forbids (more than 20 digits, a filler semi-octet inside the
/// number) are InvalidValue naming the field.
Result<SmsPdu> decodeSmsPdu(std::span<const std::uint8_t> pdu, bool hasSmsc);

/// \brief decodeSmsPdu() of a hex string; bad hex is InvalidHex with a character offset.
Result<SmsPdu> decodeSmsPduHex(std::string_view hex, bool hasSmsc);

/// \brief Options of encodeSmsSubmit().
struct SubmitOptions {
	bool statusReport = false;	    ///< TP-SRR
	std::uint8_t messageRef = 0;	    ///< TP-MR (0 lets the modem choose, AT+CMGS)
	std::uint16_t concatRef = 0;	    ///< above 255 a 16-bit reference IE is used
	std::optional<int> validityMinutes; ///< relative TP-VP, rounded up to a coded value
	bool includeSmscByte = true;	    ///< start with "00": use the SIM's SMSC
};

/// \brief One encoded PDU, ready for AT+CMGS=<tpduLength> in PDU mode.
struct EncodedPdu {
	std::vector<std::uint8_t> bytes;
	std::size_t tpduLength = 0; ///< the length AT+CMGS wants, without the SMSC part

	std::string hex() const;
};

/// \brief Build the SMS-SUBMIT PDU(s) sending \a utf8Text to \a to.
/// GSM 7-bit when every character is in the default alphabet and its extension, else
/// UCS-2; one part up to 160 septets / 70 UTF-16 units, else parts of at most 153 / 67
/// with a concatenation UDH, never splitting an escape sequence or a surrogate pair.
/// Errors: InvalidUtf8, InvalidValue (bad number or validity), InvalidLength (more
/// than 255 parts).
Result<std::vector<EncodedPdu>> encodeSmsSubmit(std::string_view to, std::string_view utf8Text,
						const SubmitOptions &options);

/// \brief Options of encodeSmsDeliver().
struct DeliverOptions {
	/// Alphabet to use; automatic (GSM 7-bit if encodable with \a tables, else UCS-2)
	/// when empty. With Alphabet::EightBit the text bytes are sent as they are.
	std::optional<Alphabet> alphabet;
	/// National language tables for GSM 7-bit (announced with UDH IEs 0x24/0x25).
	Gsm7Tables tables;
	std::optional<SmsAddress> smsc; ///< SMSC part; "00" (no address) when empty
	bool includeSmscByte = true;	///< false: the TPDU only
	std::uint8_t pid = 0;
	std::optional<int> messageClass; ///< 0..3: DCS of the general group with a class
	bool moreMessagesToSend = false;
	bool statusReportIndication = false;
	std::uint16_t concatRef = 0; ///< reference of automatic splits; > 255 uses IE 0x08
	/// Encode exactly one part carrying this concatenation IE instead of splitting.
	std::optional<Concat> part;
	std::optional<std::uint16_t> destPort; ///< with srcPort: IE 0x05 (or 0x04 if both < 256)
	std::optional<std::uint16_t> srcPort;
};

/// \brief Build the SMS-DELIVER PDU(s) a network would hand to a modem for a message
/// from \a from (see parseSmsAddress()) with service-centre time stamp \a scts.
/// Used by the simulated modem and the demo to fabricate carrier messages; they decode
/// back to the same address, time stamp, text and parts.
Result<std::vector<EncodedPdu>> encodeSmsDeliver(std::string_view from, std::string_view utf8Text,
						 const SmsTimestamp &scts,
						 const DeliverOptions &options = {});

} /* namespace zanryo */
