#include "libmodem/codec/trace_mask.hpp"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace zanryo {

namespace {

constexpr char kMask = 'x';

bool isDigit(char c) noexcept
{
	return c >= '0' && c <= '9';
}

int hexValue(char c) noexcept
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool allHex(std::string_view s) noexcept
{
	return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return hexValue(c) >= 0; });
}

bool allDigits(std::string_view s) noexcept
{
	return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

char upper(char c) noexcept
{
	return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) noexcept
{
	if (s.size() < prefix.size())
		return false;
	for (std::size_t i = 0; i < prefix.size(); ++i)
		if (upper(s[i]) != upper(prefix[i]))
			return false;
	return true;
}

struct Keep {
	std::size_t head;
	std::size_t tail;
};

Keep keepOf(IdentifierKind kind) noexcept
{
	switch (kind) {
	case IdentifierKind::Imsi: return { 5, 2 };
	case IdentifierKind::Iccid: return { 4, 2 };
	case IdentifierKind::Imei: return { 6, 0 };
	case IdentifierKind::PhoneNumber: return { 0, 2 };
	case IdentifierKind::Other: return { 0, 2 };
	}
	return { 0, 0 };
}

/// Mask the characters of \a out at \a positions (the identifier's digits, in order):
/// all but the kind's head and tail, and never fewer than half of them.
void maskPositions(std::string &out, const std::vector<std::size_t> &positions, IdentifierKind kind)
{
	const std::size_t n = positions.size();
	if (n == 0)
		return;
	Keep keep = keepOf(kind);
	const std::size_t minMasked = (n + 1) / 2;
	const std::size_t maxKept = n - minMasked;
	keep.tail = std::min(keep.tail, maxKept);
	keep.head = std::min(keep.head, maxKept - keep.tail);
	for (std::size_t i = keep.head; i < n - keep.tail; ++i)
		out[positions[i]] = kMask;
}

/// Runs of digits (joined by single '-', "090-1234-5678") of at least \a minDigits, or
/// \a minAfterPlus after a '+', in \a s[from, to) are masked as phone numbers.
void maskDigitRuns(std::string &s, std::size_t from, std::size_t to, std::size_t minDigits = 10,
		   std::size_t minAfterPlus = 7)
{
	std::size_t i = from;
	while (i < to) {
		if (!isDigit(s[i])) {
			++i;
			continue;
		}
		bool plus = i > from && s[i - 1] == '+';
		std::vector<std::size_t> digits;
		std::size_t j = i;
		while (j < to) {
			if (isDigit(s[j])) {
				digits.push_back(j++);
			} else if (s[j] == '-' && j + 1 < to && isDigit(s[j + 1])) {
				++j;
			} else {
				break;
			}
		}
		if (digits.size() >= (plus ? minAfterPlus : minDigits))
			maskPositions(s, digits, IdentifierKind::PhoneNumber);
		i = j;
	}
}

/// "..." fields holding a number of 7 digits or more ("+819012345678", "09012345678").
void maskQuotedNumbers(std::string &s)
{
	std::size_t i = 0;
	while (i < s.size()) {
		std::size_t open = s.find('"', i);
		if (open == std::string::npos)
			return;
		std::size_t close = s.find('"', open + 1);
		if (close == std::string::npos)
			return;
		std::string_view field(s.data() + open + 1, close - open - 1);
		std::size_t start = !field.empty() && field[0] == '+' ? 1 : 0;
		if (field.size() - start >= 7 && allDigits(field.substr(start))) {
			std::vector<std::size_t> digits;
			for (std::size_t k = open + 1 + start; k < close; ++k)
				digits.push_back(k);
			maskPositions(s, digits, IdentifierKind::PhoneNumber);
		}
		i = close + 1;
	}
}

/// What any line gets: numbers in quotes, long digit runs.
std::string maskGeneric(std::string_view line)
{
	std::string out(line);
	maskQuotedNumbers(out);
	maskDigitRuns(out, 0, out.size());
	return out;
}

/// UCS-2 in hex (TS 23.038 §6.2.3 via +CSCS="UCS2" or DCS 0x48): digits are the quads
/// "0030".."0039"; a run of them long enough is masked quad by quad ("0078" is 'x').
void maskUcs2HexDigits(std::string &s, std::size_t from, std::size_t to)
{
	auto quadDigit = [&](std::size_t q) {
		return s[q] == '0' && s[q + 1] == '0' && s[q + 2] == '3' && isDigit(s[q + 3]);
	};
	auto quadPlus = [&](std::size_t q) {
		return s[q] == '0' && s[q + 1] == '0' && s[q + 2] == '2' && upper(s[q + 3]) == 'B';
	};
	std::size_t q = from;
	while (q + 4 <= to) {
		if (!quadDigit(q)) {
			q += 4;
			continue;
		}
		bool plus = q >= from + 4 && quadPlus(q - 4);
		std::vector<std::size_t> quads;
		while (q + 4 <= to && quadDigit(q)) {
			quads.push_back(q);
			q += 4;
		}
		if (quads.size() >= (plus ? 7u : 10u)) {
			// Mask on a copy of the low nibbles, then write the quads.
			std::string marks(quads.size(), '0');
			std::vector<std::size_t> idx(quads.size());
			for (std::size_t k = 0; k < quads.size(); ++k)
				idx[k] = k;
			maskPositions(marks, idx, IdentifierKind::PhoneNumber);
			for (std::size_t k = 0; k < quads.size(); ++k)
				if (marks[k] == kMask) {
					s[quads[k] + 2] = '7';
					s[quads[k] + 3] = '8';
				}
		}
	}
}

/// +CUSD: <m>[,<str>[,<dcs>]] (TS 27.007 §7.15), written or read: the text in quotes is
/// plain, UCS-2 hex, or GSM 7-bit hex (packed or not), which shows no digits to mask.
std::string maskCusd(std::string_view line)
{
	std::string out(line);
	std::size_t open = out.find('"');
	std::size_t close = open == std::string::npos ? std::string::npos : out.rfind('"');
	if (open == std::string::npos || close == open)
		return maskGeneric(line);
	std::string_view text(out.data() + open + 1, close - open - 1);
	bool ucs2 = allHex(text) && text.size() % 4 == 0;
	for (std::size_t q = 0; ucs2 && q < text.size(); q += 4)
		ucs2 = text[q] == '0' && text[q + 1] == '0';
	if (ucs2) {
		maskUcs2HexDigits(out, open + 1, close);
	} else if (!(allHex(text) && text.size() % 2 == 0 && !allDigits(text))) {
		// Plain text, or decimal digits only (whatever they encode, masking is safe).
		maskDigitRuns(out, open + 1, close);
	}
	// Outside the quotes: a USSD code written with digits ("*140*09012345678#") in a
	// command, nothing personal in a reply's <m> and <dcs>.
	maskDigitRuns(out, 0, open);
	return out;
}

/// The semi-octet digits (TS 23.040 §9.1.2.3: low nibble first) of an address field of
/// \a digits digits starting at octet \a octet of the hex PDU in \a out.
void maskSemiOctets(std::string &out, std::size_t octet, std::size_t digits)
{
	std::vector<std::size_t> positions;
	for (std::size_t i = 0; i < digits; ++i) {
		std::size_t pos = 2 * (octet + i / 2) + (i % 2 == 0 ? 1 : 0);
		if (pos < out.size() && upper(out[pos]) != 'F')
			positions.push_back(pos);
	}
	maskPositions(out, positions, IdentifierKind::PhoneNumber);
}

std::string maskAll(std::string_view s)
{
	return std::string(s.size(), kMask);
}

struct IdentityPrefix {
	std::string_view prefix;
	IdentifierKind kind;
};

// Replies that carry an identifier after a prefix: TS 27.007 §5.3/§5.6 and the vendor
// ICCID commands of the quirk table (libmodem/backend/quirks.cpp).
constexpr IdentityPrefix kIdentityPrefixes[] = {
	{ "+CIMI:", IdentifierKind::Imsi },      { "+CGSN:", IdentifierKind::Imei },
	{ "+GSN:", IdentifierKind::Imei },       { "+IMEI:", IdentifierKind::Imei },
	{ "+CCID:", IdentifierKind::Iccid },     { "^ICCID:", IdentifierKind::Iccid },
	{ "+QCCID:", IdentifierKind::Iccid },    { "+ICCID:", IdentifierKind::Iccid },
	{ "+CICCID:", IdentifierKind::Iccid },   { "+ZGETICCID:", IdentifierKind::Iccid },
	{ "!ICCID:", IdentifierKind::Iccid },    { "ICCID:", IdentifierKind::Iccid },
	{ "^SCID:", IdentifierKind::Iccid },
};

bool isFinal(std::string_view line) noexcept
{
	return line == "OK" || line == "ERROR" || line == "NO CARRIER" || line == "BUSY" ||
	       line == "NO ANSWER" || line == "NO DIALTONE" || startsWithNoCase(line, "+CME ERROR") ||
	       startsWithNoCase(line, "+CMS ERROR");
}

} /* namespace */

std::string maskIdentifier(std::string_view value, IdentifierKind kind)
{
	std::string out(value);
	std::vector<std::size_t> positions;
	for (std::size_t i = 0; i < out.size(); ++i)
		if (isDigit(out[i]) || (kind == IdentifierKind::Iccid && hexValue(out[i]) >= 0))
			positions.push_back(i);
	maskPositions(out, positions, kind);
	return out;
}

std::string maskSmsPdu(std::string_view hex)
{
	if (hex.size() < 2 || hex.size() % 2 != 0 || !allHex(hex))
		return maskAll(hex);
	const std::size_t octets = hex.size() / 2;
	auto byte = [&](std::size_t i) -> int {
		if (i >= octets)
			return -1;
		return hexValue(hex[2 * i]) * 16 + hexValue(hex[2 * i + 1]);
	};
	std::string out(hex);
	// TS 27.005 §3.1: the SMSC address first, its length in octets (type included).
	int smscLength = byte(0);
	if (smscLength > 12 || static_cast<std::size_t>(smscLength) + 1 > octets)
		return maskAll(hex);
	if (smscLength > 1)
		maskSemiOctets(out, 2, 2 * static_cast<std::size_t>(smscLength - 1));
	std::size_t pos = 1 + static_cast<std::size_t>(smscLength);
	int firstOctet = byte(pos++);
	if (firstOctet < 0)
		return maskAll(hex);
	// TS 23.040 §9.2.3.1 TP-MTI: 0 DELIVER (TP-OA next), 1 SUBMIT and 2 STATUS-REPORT
	// (TP-MR, then TP-DA / TP-RA); 3 is reserved.
	switch (firstOctet & 3) {
	case 0: break;
	case 1:
	case 2: ++pos; break;
	default: return maskAll(hex);
	}
	int digits = byte(pos);
	int type = byte(pos + 1);
	if (digits < 0 || type < 0 || digits > 20)
		return maskAll(hex);
	std::size_t addressOctets = (static_cast<std::size_t>(digits) + 1) / 2;
	if (pos + 2 + addressOctets > octets)
		return maskAll(hex);
	// TS 23.040 §9.1.2.5: type of number 5 is alphanumeric ("docomo"): a carrier's name,
	// nobody's number.
	if (((type >> 4) & 7) != 5)
		maskSemiOctets(out, pos + 2, static_cast<std::size_t>(digits));
	return out;
}

std::string AtTraceMasker::outgoing(std::string_view written)
{
	if (payloadNext_) {
		// What follows the "> " prompt: the PDU (or the text) and Ctrl-Z.
		payloadNext_ = false;
		std::size_t end = written.find_first_of("\x1a\x1b");
		std::string_view body = written.substr(0, end);
		std::string out = payloadIsPdu_ && allHex(body) ? maskSmsPdu(body) : maskGeneric(body);
		if (end != std::string_view::npos)
			out.append(written.substr(end));
		return out;
	}
	std::size_t end = written.find_first_of("\r\n");
	std::string_view line = written.substr(0, end);
	std::string_view rest = end == std::string_view::npos ? std::string_view() : written.substr(end);
	if (!startsWithNoCase(line, "AT"))
		return maskGeneric(written);
	std::string upperLine;
	for (char c : line)
		upperLine.push_back(upper(c));
	std::string_view cmd = upperLine;
	expect_ = Expect::Nothing;
	if (cmd == "AT+CIMI")
		expect_ = Expect::Imsi;
	else if (cmd.starts_with("AT+CGSN") || cmd == "AT+GSN")
		expect_ = Expect::Imei;
	else if (cmd.starts_with("AT+CNUM"))
		expect_ = Expect::Msisdn;
	else if (cmd.find("ICCID") != std::string_view::npos || cmd.starts_with("AT+CCID") ||
		 cmd.starts_with("AT^SCID"))
		expect_ = Expect::Iccid;
	else if (cmd.starts_with("AT+CRSM=176,12258"))  // EF_ICCID, TS 51.011 §10.1.1
		expect_ = Expect::IccidFile;
	std::string out;
	if (cmd.starts_with("AT+CMGS=") || cmd.starts_with("AT+CMGW=")) {
		payloadNext_ = true;
		payloadIsPdu_ = cmd.find('"') == std::string_view::npos;  // text mode quotes the number
		out = maskGeneric(line);
	} else if (cmd.starts_with("ATD")) {
		out = std::string(line.substr(0, 3)) + maskIdentifier(line.substr(3), IdentifierKind::PhoneNumber);
	} else if (cmd.starts_with("AT+CUSD=")) {
		out = maskCusd(line);
	} else {
		out = maskGeneric(line);
	}
	out.append(rest);
	return out;
}

std::string AtTraceMasker::incoming(std::string_view lines)
{
	std::string out;
	while (true) {
		std::size_t nl = lines.find('\n');
		out += incomingLine(lines.substr(0, nl));
		if (nl == std::string_view::npos)
			return out;
		out.push_back('\n');
		lines.remove_prefix(nl + 1);
	}
}

std::string AtTraceMasker::incomingLine(std::string_view line)
{
	if (isFinal(line)) {
		expect_ = Expect::Nothing;
		pduNext_ = false;
		return std::string(line);
	}
	if (pduNext_) {
		pduNext_ = false;
		if (allHex(line))
			return maskSmsPdu(line);
		return maskGeneric(line);  // text mode: the message text itself
	}
	if (startsWithNoCase(line, "AT")) {
		// The echo of a command (ATE1): masked like the command, the state left alone.
		AtTraceMasker echo;
		return echo.outgoing(line);
	}
	for (const IdentityPrefix &p : kIdentityPrefixes)
		if (startsWithNoCase(line, p.prefix))
			return std::string(line.substr(0, p.prefix.size())) +
			       maskIdentifier(line.substr(p.prefix.size()), p.kind);
	if (startsWithNoCase(line, "+CNUM:")) {
		// TS 27.007 §7.1: +CNUM: [<alpha>],<number>,<type>: the subscriber's own number.
		std::string out(line);
		std::size_t i = 0;
		while (true) {
			std::size_t open = out.find('"', i);
			std::size_t close = open == std::string::npos ? open : out.find('"', open + 1);
			if (close == std::string::npos)
				break;
			std::string field = maskIdentifier(std::string_view(out).substr(open + 1, close - open - 1),
							   IdentifierKind::PhoneNumber);
			out.replace(open + 1, close - open - 1, field);
			i = close + 1;
		}
		maskDigitRuns(out, 0, out.size(), 7, 7);
		return out;
	}
	if (expect_ == Expect::IccidFile && startsWithNoCase(line, "+CRSM:")) {
		// +CRSM: <sw1>,<sw2>,"<response>": EF_ICCID in swapped BCD.
		std::size_t open = line.find('"');
		if (open == std::string_view::npos)
			return std::string(line);
		return std::string(line.substr(0, open)) + maskIdentifier(line.substr(open), IdentifierKind::Iccid);
	}
	if (startsWithNoCase(line, "+CUSD:"))
		return maskCusd(line);
	for (std::string_view header : { "+CMT:", "+CMGL:", "+CMGR:", "+CDS:" })
		if (startsWithNoCase(line, header)) {
			// TS 27.005 §3.4.1 / §3.4.2: the PDU (or the text) is the next line.
			pduNext_ = true;
			return maskGeneric(line);
		}
	switch (expect_) {
	case Expect::Imsi:
		if (std::any_of(line.begin(), line.end(), isDigit))
			return maskIdentifier(line, IdentifierKind::Imsi);
		break;
	case Expect::Imei:
		if (std::any_of(line.begin(), line.end(), isDigit))
			return maskIdentifier(line, IdentifierKind::Imei);
		break;
	case Expect::Iccid:
	case Expect::IccidFile:
		if (std::any_of(line.begin(), line.end(), isDigit))
			return maskIdentifier(line, IdentifierKind::Iccid);
		break;
	case Expect::Msisdn:
		return maskGeneric(line);
	case Expect::Nothing:
		break;
	}
	// A long hex line nobody announced is taken for a PDU rather than risked.
	if (line.size() >= 20 && line.size() % 2 == 0 && allHex(line))
		return maskSmsPdu(line);
	return maskGeneric(line);
}

} /* namespace zanryo */
