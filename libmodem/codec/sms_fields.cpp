#include "libmodem/codec/sms_fields.hpp"

#include <cstdio>
#include <cstdlib>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo
{

std::string_view smsTypeName(SmsType t) noexcept
{
	switch (t) {
	case SmsType::Deliver:
		return "deliver";
	case SmsType::Submit:
		return "submit";
	case SmsType::StatusReport:
		return "status-report";
	}
	return "unknown";
}

std::string_view typeOfNumberName(TypeOfNumber ton) noexcept
{
	switch (ton) {
	case TypeOfNumber::Unknown:
		return "unknown";
	case TypeOfNumber::International:
		return "international";
	case TypeOfNumber::National:
		return "national";
	case TypeOfNumber::NetworkSpecific:
		return "network-specific";
	case TypeOfNumber::Subscriber:
		return "subscriber";
	case TypeOfNumber::Alphanumeric:
		return "alphanumeric";
	case TypeOfNumber::Abbreviated:
		return "abbreviated";
	case TypeOfNumber::Reserved:
		return "reserved";
	}
	return "unknown";
}

namespace
{

// TS 23.040 §9.1.2.5: at most 20 digits fit the 10 address octets of TP-DA/TP-OA.
constexpr std::size_t kMaxDigits = 20;
// An alphanumeric TP-OA holds 10 octets: 11 septets.
constexpr std::size_t kMaxAlphaSeptets = 11;

bool isSeparator(char c)
{
	return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
}

} /* namespace */

Result<SmsAddress> parseSmsAddress(std::string_view text)
{
	if (text.empty())
		return makeError(Errc::InvalidValue, "address is empty", 0);

	// A phone number: optional '+', digits, '*', '#', and the separators people write.
	bool phone = true;
	bool anyDigit = false;
	for (std::size_t i = 0; i < text.size(); ++i) {
		char c = text[i];
		if (c >= '0' && c <= '9')
			anyDigit = true;
		else if (!(c == '*' || c == '#' || isSeparator(c) || (c == '+' && i == 0)))
			phone = false;
	}
	if (phone && anyDigit) {
		SmsAddress a;
		a.npi = 1;
		a.ton = text[0] == '+' ? TypeOfNumber::International : TypeOfNumber::Unknown;
		if (a.ton == TypeOfNumber::International)
			a.number.push_back('+');
		std::size_t digits = 0;
		for (char c : text.substr(a.ton == TypeOfNumber::International ? 1 : 0)) {
			if (isSeparator(c))
				continue;
			a.number.push_back(c);
			++digits;
		}
		if (digits > kMaxDigits)
			return makeError(Errc::InvalidValue,
					 "number has " + std::to_string(digits) +
						 " digits, an SMS address holds at most 20",
					 0, std::string(text));
		return a;
	}

	if (!isValidUtf8(text))
		return makeError(Errc::InvalidUtf8, "address is not UTF-8", 0, std::string(text));
	auto septets = utf8ToGsm7(text);
	if (!septets)
		return makeError(
			Errc::NotEncodable,
			"alphanumeric address has characters outside the GSM 7-bit alphabet", 0,
			std::string(text));
	if (septets->size() > kMaxAlphaSeptets)
		return makeError(Errc::InvalidValue,
				 "alphanumeric address needs " + std::to_string(septets->size()) +
					 " septets, at most 11 fit",
				 0, std::string(text));
	// TS 23.040 §9.1.2.5: alphanumeric addresses use TON 101 with NPI 0000.
	return SmsAddress{ std::string(text), TypeOfNumber::Alphanumeric, 0 };
}

std::string SmsTimestamp::iso8601() const
{
	int q = tzQuarterHours < 0 ? -tzQuarterHours : tzQuarterHours;
	char buf[40];
	std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day,
		      hour, minute, second, tzQuarterHours < 0 ? '-' : '+', q / 4, (q % 4) * 15);
	return buf;
}

Result<SmsTimestamp> parseIso8601Timestamp(std::string_view s)
{
	std::size_t pos = 0;
	auto number = [&](std::size_t digits, int &outValue, const char *what) -> Result<void> {
		int v = 0;
		for (std::size_t i = 0; i < digits; ++i, ++pos) {
			if (pos >= s.size() || s[pos] < '0' || s[pos] > '9')
				return makeError(Errc::InvalidValue,
						 std::string("expected a digit of the ") + what,
						 pos, std::string(s));
			v = v * 10 + (s[pos] - '0');
		}
		outValue = v;
		return {};
	};
	auto literal = [&](const char *chars, const char *what) -> Result<void> {
		for (const char *c = chars; *c; ++c)
			if (pos < s.size() && s[pos] == *c) {
				++pos;
				return {};
			}
		return makeError(Errc::InvalidValue, std::string("expected ") + what, pos,
				 std::string(s));
	};

	SmsTimestamp t;
	Result<void> r;
	if (!(r = number(4, t.year, "year")) || !(r = literal("-", "'-'")) ||
	    !(r = number(2, t.month, "month")) || !(r = literal("-", "'-'")) ||
	    !(r = number(2, t.day, "day")) || !(r = literal("T ", "'T'")) ||
	    !(r = number(2, t.hour, "hour")) || !(r = literal(":", "':'")) ||
	    !(r = number(2, t.minute, "minute")) || !(r = literal(":", "':'")) ||
	    !(r = number(2, t.second, "second")))
		return r.error();
	if (pos < s.size() && s[pos] == 'Z') {
		++pos;
	} else {
		std::size_t signPos = pos;
		if (!(r = literal("+-", "'Z', '+' or '-'")))
			return r.error();
		int hh = 0, mm = 0;
		if (!(r = number(2, hh, "offset hours")) || !(r = literal(":", "':'")) ||
		    !(r = number(2, mm, "offset minutes")))
			return r.error();
		if (mm % 15 != 0 || hh * 4 + mm / 15 > 79)
			return makeError(Errc::InvalidValue,
					 "UTC offset must be whole quarter hours up to 19:45",
					 signPos, std::string(s));
		t.tzQuarterHours = (hh * 4 + mm / 15) * (s[signPos] == '-' ? -1 : 1);
	}
	if (pos != s.size())
		return makeError(Errc::InvalidValue, "unexpected text after the time", pos,
				 std::string(s));
	// The fixed layout puts month, day, hour, minute and second at these offsets.
	const struct {
		int value, min, max;
		std::size_t at;
		const char *name;
	} fields[] = { { t.month, 1, 12, 5, "month" },
		       { t.day, 1, 31, 8, "day" },
		       { t.hour, 0, 23, 11, "hour" },
		       { t.minute, 0, 59, 14, "minute" },
		       { t.second, 0, 59, 17, "second" } };
	for (const auto &f : fields)
		if (f.value < f.min || f.value > f.max)
			return makeError(Errc::InvalidValue,
					 std::string(f.name) + " " + std::to_string(f.value) +
						 " is out of range",
					 f.at, std::string(s));
	return t;
}

SmsDcs parseSmsDcs(std::uint8_t b) noexcept
{
	SmsDcs d;
	d.raw = b;
	// TS 23.038 §4: any reserved coding is read as the GSM 7-bit default alphabet.
	auto alphabetOf = [](unsigned bits) {
		return bits == 1 ? Alphabet::EightBit : bits == 2 ? Alphabet::Ucs2 : Alphabet::Gsm7;
	};
	if ((b & 0x80) == 0) {
		// 00xx xxxx general data coding; 01xx xxxx the same, marked for auto deletion.
		d.autoDelete = (b & 0x40) != 0;
		d.compressed = (b & 0x20) != 0;
		if (b & 0x10)
			d.messageClass = b & 0x03;
		d.alphabet = alphabetOf((b >> 2) & 0x03);
		return d;
	}
	switch (b >> 4) {
	case 0xC: // 1100 message waiting indication, discard message
	case 0xD: // 1101 message waiting indication, store message, GSM 7-bit
	case 0xE: // 1110 message waiting indication, store message, UCS2
		d.alphabet = (b >> 4) == 0xE ? Alphabet::Ucs2 : Alphabet::Gsm7;
		d.messageWaiting = MessageWaiting{
			static_cast<MessageWaitingKind>(b & 0x03),
			(b & 0x08) != 0,
			(b >> 4) == 0xC,
		};
		return d;
	case 0xF: // 1111 data coding / message class: bit 2 alphabet, bits 1..0 class
		d.alphabet = (b & 0x04) ? Alphabet::EightBit : Alphabet::Gsm7;
		d.messageClass = b & 0x03;
		return d;
	default: // 1000..1011 reserved coding groups
		return d;
	}
}

namespace sms
{

std::string hexByte(std::uint8_t b)
{
	static constexpr char digits[] = "0123456789ABCDEF";
	return std::string{ '0', 'x', digits[b >> 4], digits[b & 0x0F] };
}

Error PduReader::truncated(const char *field, std::size_t need) const
{
	return makeError(Errc::Truncated,
			 std::string(field) + " needs " + std::to_string(need) +
				 (need == 1 ? " octet" : " octets") + " but only " +
				 std::to_string(remaining()) + " follow",
			 pos_);
}

namespace
{

// TS 23.040 §9.1.2.3: semi-octets 1010..1110 are '*', '#', 'a', 'b', 'c'.
constexpr char kBcdChars[] = "0123456789*#abc";

std::uint8_t bcdCode(char c)
{
	switch (c) {
	case '*':
		return 0xA;
	case '#':
		return 0xB;
	case 'a':
		return 0xC;
	case 'b':
		return 0xD;
	case 'c':
		return 0xE;
	default:
		return static_cast<std::uint8_t>(c - '0');
	}
}

} /* namespace */

Result<bool> readAddress(PduReader &r, bool smsc, const char *field, SmsAddress &out)
{
	std::size_t lenOffset = r.pos();
	if (!r.has(1))
		return r.truncated(field, 1);
	std::uint8_t len = r.take();
	std::size_t valueOctets;
	std::size_t semiOctets;
	if (smsc) {
		// TS 24.011 §8.2.5.1 / 27.005 §3.1: length in octets, TOA included; 0 = no SMSC.
		if (len == 0)
			return false;
		valueOctets = len - 1u;
		semiOctets = valueOctets * 2;
	} else {
		semiOctets = len;
		valueOctets = (len + 1u) / 2;
	}
	if (!r.has(1 + valueOctets))
		return makeError(Errc::InvalidLength,
				 std::string(field) + " length " + std::to_string(len) + " needs " +
					 std::to_string(1 + valueOctets) + " octets but only " +
					 std::to_string(r.remaining()) + " follow",
				 lenOffset);
	// Checked after the input length, so that a cut PDU reads as one. TS 24.011 §8.2.5.2:
	// an SMSC address is TOA and at most 10 octets (the RP element's 12 with its length);
	// TS 23.040 §9.1.2.5: TP-OA/DA/RA values are at most 10 octets, 20 semi-octets.
	if (smsc && len > 1 + kMaxDigits / 2)
		return makeError(Errc::InvalidValue,
				 std::string(field) + " length " + std::to_string(len) +
					 " octets: an address holds at most 20 digits (11 octets)",
				 lenOffset);
	if (!smsc && len > kMaxDigits)
		return makeError(Errc::InvalidValue,
				 std::string(field) + " length " + std::to_string(len) +
					 ": an address holds at most 20 digits",
				 lenOffset);
	std::uint8_t toa = r.take();
	auto value = r.take(valueOctets);
	out.ton = static_cast<TypeOfNumber>((toa >> 4) & 0x07);
	out.npi = toa & 0x0F;
	out.number.clear();

	if (out.ton == TypeOfNumber::Alphanumeric) {
		// TS 23.040 §9.1.2.5: packed GSM 7-bit; the length counts the semi-octets used.
		std::size_t septets = semiOctets * 4 / 7;
		out.number = gsm7ToUtf8(gsm7Unpack(value, septets));
		return true;
	}

	out.number.reserve(semiOctets + 1);
	if (out.ton == TypeOfNumber::International)
		out.number.push_back('+');
	for (std::size_t i = 0; i < semiOctets; ++i) {
		std::uint8_t nibble = (i & 1) ? (value[i / 2] >> 4) : (value[i / 2] & 0x0F);
		// §9.1.2.3: 1111 is the end mark, the filler of an odd number of digits. At the
		// end (an SMSC address, whose length counts octets, or a TP-xA length that
		// counted the filler) it ends the number, as oFono and Android read it. With
		// digits after it, it is a character no address holds: reading past it would
		// make up a number.
		if (nibble == 0x0F) {
			bool onlyFillerAfter = true;
			for (std::size_t k = i + 1; k < semiOctets; ++k)
				onlyFillerAfter = onlyFillerAfter &&
						  ((k & 1) ? (value[k / 2] >> 4) : (value[k / 2] & 0x0F)) == 0x0F;
			if (onlyFillerAfter)
				break;
			return makeError(Errc::InvalidValue,
					 std::string(field) + " digit " + std::to_string(i + 1) +
						 " is the filler 1111, which an address cannot hold",
					 lenOffset + 2 + i / 2);
		}
		out.number.push_back(kBcdChars[nibble]);
	}
	return true;
}

void writeAddress(std::vector<std::uint8_t> &out, const SmsAddress &a, bool smsc)
{
	std::uint8_t toa = static_cast<std::uint8_t>(0x80 | (static_cast<unsigned>(a.ton) << 4) |
						     (a.npi & 0x0F));
	if (a.ton == TypeOfNumber::Alphanumeric) {
		auto septets = utf8ToGsm7(a.number).value_or(std::vector<std::uint8_t>{});
		auto packed = gsm7Pack(septets);
		// Useful semi-octets: ceil(septets * 7 / 4).
		std::size_t semi = (septets.size() * 7 + 3) / 4;
		out.push_back(static_cast<std::uint8_t>(smsc ? packed.size() + 1 : semi));
		out.push_back(toa);
		out.insert(out.end(), packed.begin(), packed.end());
		return;
	}
	std::string_view digits = a.number;
	if (!digits.empty() && digits[0] == '+')
		digits.remove_prefix(1);
	std::size_t octets = (digits.size() + 1) / 2;
	out.push_back(static_cast<std::uint8_t>(smsc ? octets + 1 : digits.size()));
	out.push_back(toa);
	for (std::size_t i = 0; i < digits.size(); i += 2) {
		std::uint8_t lo = bcdCode(digits[i]);
		std::uint8_t hi = i + 1 < digits.size() ? bcdCode(digits[i + 1]) : 0x0F;
		out.push_back(static_cast<std::uint8_t>(lo | (hi << 4)));
	}
}

Result<SmsTimestamp> readTimestamp(PduReader &r, const char *field)
{
	if (!r.has(7))
		return r.truncated(field, 7);
	std::size_t base = r.pos();
	auto b = r.take(7);
	int v[6];
	for (int i = 0; i < 6; ++i) {
		unsigned lo = b[i] & 0x0F, hi = b[i] >> 4;
		if (lo > 9 || hi > 9)
			return makeError(Errc::InvalidValue,
					 std::string(field) + " octet " + hexByte(b[i]) +
						 " is not two decimal digits",
					 base + i);
		v[i] = static_cast<int>(lo * 10 + hi);
	}
	// §9.2.3.11: the time zone's first semi-octet carries the sign in its bit 3.
	unsigned tzLo = b[6] & 0x07, tzHi = b[6] >> 4;
	if (tzHi > 9)
		return makeError(Errc::InvalidValue,
				 std::string(field) + " time zone " + hexByte(b[6]) +
					 " is not decimal",
				 base + 6);
	SmsTimestamp t;
	// The PDU has two digits; the 1990s are read as such (TS 23.040 tutorials' 1999
	// examples, modems whose clock was never set), the rest as 20yy.
	t.year = v[0] >= 90 ? 1900 + v[0] : 2000 + v[0];
	t.month = v[1];
	t.day = v[2];
	t.hour = v[3];
	t.minute = v[4];
	t.second = v[5];
	int q = static_cast<int>(tzLo * 10 + tzHi);
	t.tzQuarterHours = (b[6] & 0x08) ? -q : q;
	static constexpr int lim[6][2] = { { 0, 99 }, { 1, 12 }, { 1, 31 },
					   { 0, 23 }, { 0, 59 }, { 0, 59 } };
	static constexpr const char *names[6] = {
		"year", "month", "day", "hour", "minute", "second"
	};
	for (int i = 1; i < 6; ++i)
		if (v[i] < lim[i][0] || v[i] > lim[i][1])
			return makeError(Errc::InvalidValue,
					 std::string(field) + " " + names[i] + " " +
						 std::to_string(v[i]) + " is out of range",
					 base + i);
	return t;
}

Result<void> writeTimestamp(std::vector<std::uint8_t> &out, const SmsTimestamp &t)
{
	if (t.year < 1990 || t.year > 2089 || t.month < 1 || t.month > 12 || t.day < 1 ||
	    t.day > 31 || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
	    t.second < 0 || t.second > 59 || t.tzQuarterHours < -79 || t.tzQuarterHours > 79)
		return makeError(
			Errc::InvalidValue,
			"time stamp " + t.iso8601() +
				" does not fit TP-SCTS (years 1990..2089, offsets up to 19:45)");
	auto swapped = [](int v) { return static_cast<std::uint8_t>((v % 10) << 4 | (v / 10)); };
	out.push_back(swapped(t.year % 100));
	out.push_back(swapped(t.month));
	out.push_back(swapped(t.day));
	out.push_back(swapped(t.hour));
	out.push_back(swapped(t.minute));
	out.push_back(swapped(t.second));
	int q = std::abs(t.tzQuarterHours);
	std::uint8_t tz = swapped(q);
	if (t.tzQuarterHours < 0)
		tz |= 0x08;
	out.push_back(tz);
	return {};
}

int relativeValidityMinutes(std::uint8_t vp) noexcept
{
	// TS 23.040 §9.2.3.12.1.
	if (vp <= 143)
		return (vp + 1) * 5;
	if (vp <= 167)
		return 12 * 60 + (vp - 143) * 30;
	if (vp <= 196)
		return (vp - 166) * 24 * 60;
	return (vp - 192) * 7 * 24 * 60;
}

Result<std::uint8_t> relativeValidityCode(int m)
{
	auto ceilDiv = [](int a, int b) { return (a + b - 1) / b; };
	int code;
	if (m < 1 || m > 63 * 7 * 24 * 60)
		return makeError(Errc::InvalidValue,
				 "validity of " + std::to_string(m) +
					 " minutes is outside 1 minute .. 63 weeks");
	if (m <= 720)
		code = ceilDiv(m, 5) - 1;
	else if (m <= 1440)
		code = 143 + ceilDiv(m - 720, 30);
	else if (m <= 30 * 1440)
		code = 166 + ceilDiv(m, 1440);
	else
		code = 192 + ceilDiv(m, 7 * 1440);
	return static_cast<std::uint8_t>(code);
}

} /* namespace sms */
} /* namespace zanryo */
