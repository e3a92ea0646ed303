#pragma once

// PURE: masking of personal identifiers in the AT dialogue before it is logged
// (zanryod --debug, trace = true, zanryoctl --trace). No I/O, no clock: a line in, a line
// out. Fuzzed by tests/fuzz/fuzz_trace_mask.cpp.
//
// What is masked (docs/troubleshooting.md, "What masking hides"):
// - IMSI, IMEI, ICCID: the replies to AT+CIMI, AT+CGSN/AT+GSN, AT+CCID/AT^ICCID?/AT+QCCID
//   and the other ICCID commands of the quirk table, prefixed or bare, and +CRSM reads of
//   EF_ICCID (swapped BCD);
// - MSISDN: +CNUM replies;
// - phone numbers: quoted numbers of 7 digits or more (+CMGS="...", +CMT/+CMGL/+CMGR
//   headers in text mode, +CLIP...), ATD numbers, and any other run of 10 digits or more
//   (7 with a leading '+') in a line or in the text of a +CUSD reply, also in UCS-2 hex;
// - SMS PDUs (+CMT/+CMGL/+CMGR in PDU mode, the payload of AT+CMGS/AT+CMGW): the
//   addresses only (SMSC, originator or destination), digit by digit, so the rest of the
//   PDU stays decodable; a PDU that cannot be walked is masked whole.
// Masked digits become 'x'; some leading digits that name the network or the model
// (IMSI's MCC+MNC, ICCID's "89"+country, most of IMEI's TAC) and the last two digits are kept,
// never more than half of them.

#include <string>
#include <string_view>

namespace zanryo {

/// \brief The kinds of identifier, each with the digits kept visible.
enum class IdentifierKind {
	Imsi,        ///< first 5 (MCC + MNC) and last 2 digits kept
	Iccid,       ///< first 4 ("89" + country) and last 2 kept; hex digits (F filler) count
	Imei,        ///< first 6 (most of the TAC: the model) kept
	PhoneNumber, ///< last 2 kept, '+' and separators kept
	Other,       ///< last 2 kept
};

/// \brief \a value with its digits masked as \a kind says; at least half of the digits
/// (and at least one) are always masked, whatever the kind. Other characters are kept.
std::string maskIdentifier(std::string_view value, IdentifierKind kind);

/// \brief An SMS PDU in hex with an SMSC address first (TS 27.005 §3.1 <pdu>): the SMSC
/// address and the TP-OA/TP-DA/TP-RA digits masked (TS 23.040 §9.2.3.7/8/14), the rest
/// as it was; an alphanumeric originator (a carrier's name) is kept. A PDU that cannot be
/// walked (not hex, too short) comes back with every character masked.
std::string maskSmsPdu(std::string_view hex);

/// \brief Masks a dialogue line by line; it remembers what the lines answer (the reply
/// to AT+CIMI is a bare number), so one masker per port.
class AtTraceMasker
{
public:
	/// \brief What was written: a command line (its CR may be included) or the payload
	/// after a "> " prompt (PDU or text, Ctrl-Z included).
	std::string outgoing(std::string_view written);
	/// \brief One line read (or several separated by '\n': a +CMT header and its PDU).
	std::string incoming(std::string_view lines);

private:
	enum class Expect { Nothing, Imsi, Imei, Iccid, IccidFile, Msisdn };
	std::string incomingLine(std::string_view line);

	Expect expect_ = Expect::Nothing;
	bool pduNext_ = false;     ///< the next line read is an SMS PDU (after +CMGL/+CMGR/+CMT)
	bool payloadNext_ = false; ///< the next thing written is the payload of AT+CMGS/AT+CMGW
	bool payloadIsPdu_ = false;
};

} /* namespace zanryo */
