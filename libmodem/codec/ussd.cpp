#include "libmodem/codec/ussd.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/gsm7_tables.hpp"

namespace zanryo {

namespace {

char asciiUpper(char c) noexcept
{
	return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool isAsciiLetter(char c) noexcept
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isHexDigit(char c) noexcept
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// ---------------------------------------------------------------------------------
// Scoring. Each hex reading of a payload is rated by the share of its characters that
// are ordinary text: 1 for letters, digits, spaces and common punctuation, 0.5 for
// characters that occur in text but rarely (accented GSM letters, Latin-1 symbols),
// 0 for what a carrier never sends (controls, Greek capitals out of context in a
// GSM string, private use, U+FFFD). Random octets score about 0.6; real replies
// score 0.95 and more.
// ---------------------------------------------------------------------------------

/// Weight of one septet of the GSM 7-bit default alphabet read as text.
double gsmSeptetWeight(std::uint8_t s) noexcept
{
	if (s == 0x0A || s == 0x0D || s == 0x20)
		return 1.0;
	if ((s >= 0x21 && s <= 0x23) || (s >= 0x25 && s <= 0x3F))
		return 1.0; // !"# %&'()*+,-./ digits :;<=>?
	if ((s >= 0x41 && s <= 0x5A) || (s >= 0x61 && s <= 0x7A))
		return 1.0;
	switch (s) {
	case 0x01: // £
	case 0x02: // $
	case 0x11: // _
		return 1.0;
	case 0x00: // @ (also what zero padding reads as)
	case 0x03: // ¥
	case 0x04: case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: // è é ù ì ò Ç
	case 0x0B: case 0x0C: case 0x0E: case 0x0F: // Ø ø Å å
	case 0x1C: case 0x1D: case 0x1E: case 0x1F: // Æ æ ß É
	case 0x5B: case 0x5C: case 0x5D: case 0x5E: // Ä Ö Ñ Ü
	case 0x7B: case 0x7C: case 0x7D: case 0x7E: case 0x7F: // ä ö ñ ü à
		return 0.5;
	default:
		return 0.0;
	}
}

/// Score of a septet string, ESC + known extension character counted as one character.
double gsmScore(const std::vector<std::uint8_t> &septets)
{
	if (septets.empty())
		return 0.0;
	const detail::Gsm7Table &ext = detail::gsm7ShiftTable(NationalLanguage::Default);
	double sum = 0;
	std::size_t chars = 0;
	for (std::size_t i = 0; i < septets.size(); ++i, ++chars) {
		const std::uint8_t s = septets[i];
		if (s == detail::kGsm7Escape) {
			if (i + 1 < septets.size() && septets[i + 1] < 0x80 && ext[septets[i + 1]] != 0) {
				sum += ext[septets[i + 1]] == U'€' ? 1.0 : 0.5;
				++i;
			}
			continue;
		}
		sum += s < 0x80 ? gsmSeptetWeight(s) : 0.0;
	}
	return sum / static_cast<double>(chars);
}

/// Weight of one code point from a UCS-2 / UTF-16 reading.
double codepointWeight(char32_t c) noexcept
{
	struct Range {
		char32_t first, last;
	};
	// Letters, digits and punctuation of scripts carriers write in.
	static constexpr Range kText[] = {
		{ 0x0020, 0x007E },   // ASCII
		{ 0x00C0, 0x024F },   // Latin-1 letters, Latin Extended-A/B
		{ 0x0370, 0x058F },   // Greek, Cyrillic, Armenian
		{ 0x0590, 0x06FF },   // Hebrew, Arabic
		{ 0x0900, 0x0DFF },   // Indic scripts
		{ 0x0E00, 0x0E7F },   // Thai
		{ 0x10A0, 0x10FF },   // Georgian
		{ 0x1E00, 0x1EFF },   // Latin Extended Additional (Vietnamese)
		{ 0x2010, 0x2027 },   // dashes, quotes, ellipsis
		{ 0x2030, 0x203A },   // per mille, primes, angle quotes
		{ 0x20A0, 0x20BF },   // currency signs (€ ₽ ₹ ₺ ...)
		{ 0x2116, 0x2116 },   // №
		{ 0x3000, 0x30FF },   // CJK punctuation, hiragana, katakana
		{ 0x4E00, 0x9FFF },   // CJK unified ideographs
		{ 0xAC00, 0xD7A3 },   // Hangul syllables
		{ 0xFF01, 0xFF9F },   // full-width forms, half-width katakana
		{ 0x1F300, 0x1FAFF }, // emoji
	};
	if (c == 0x0A || c == 0x0D)
		return 1.0;
	for (const Range &r : kText)
		if (c >= r.first && c <= r.last)
			return 1.0;
	if (c == 0x09 || (c >= 0x00A0 && c <= 0x00BF))
		return 0.5; // tab, Latin-1 symbols (£ ¥ § « ° ±)
	return 0.0;
}

double textScore(std::string_view utf8)
{
	const std::u32string cps = utf8ToCodepoints(utf8);
	if (cps.empty())
		return 0.0;
	double sum = 0;
	for (char32_t c : cps)
		sum += codepointWeight(c);
	return sum / static_cast<double>(cps.size());
}

/// A hex reading of the payload and its score; score < 0 when it is impossible.
struct Reading {
	const char *name;
	Alphabet alphabet;
	std::string text;
	double score = -1.0;
};

Reading readUcs2(std::span<const std::uint8_t> bytes)
{
	Reading r{ "hex-ucs2", Alphabet::Ucs2, {}, -1.0 };
	if (bytes.empty() || bytes.size() % 2 != 0)
		return r; // an odd number of octets is not UCS-2
	r.text = utf16beToUtf8(bytes);
	r.score = textScore(r.text);
	return r;
}

Reading readPacked(std::span<const std::uint8_t> bytes)
{
	Reading r{ "hex-gsm7-packed", Alphabet::Gsm7, {}, -1.0 };
	std::vector<std::uint8_t> septets = gsm7UnpackUssd(bytes);
	// A sender that ignores the CR rule of TS 23.038 §6.1.2.3.1 pads a 7-character
	// group with zero bits, which reads as a trailing '@'; a carrier text that really
	// ends in '@' exactly on an octet boundary is far less likely.
	if (!septets.empty() && septets.size() % 8 == 0 && septets.back() == 0x00)
		septets.pop_back();
	r.score = gsmScore(septets);
	r.text = gsm7ToUtf8(septets);
	return r;
}

Reading readUnpacked(std::span<const std::uint8_t> bytes)
{
	Reading r{ "hex-gsm7-unpacked", Alphabet::Gsm7, {}, -1.0 };
	std::vector<std::uint8_t> septets(bytes.begin(), bytes.end());
	if (std::any_of(septets.begin(), septets.end(), [](std::uint8_t b) { return b > 0x7F; }))
		return r; // a septet has no eighth bit
	r.score = gsmScore(septets);
	r.text = gsm7ToUtf8(septets);
	return r;
}

/// Octets of 8-bit data shown as text: UTF-8 where they are, else ISO 8859-1.
std::string octetsToText(std::string_view bytes)
{
	return teTextToUtf8(bytes, TeCharset::Ira);
}

constexpr double kMinScore = 0.8;

/// Coding group 0001 (TS 23.038 §5): the text starts with the ISO 639 language in two
/// GSM characters followed by CR (0x10); after a UCS-2 conversion by the modem, the CR
/// may be gone.
void takeLanguagePrefix(UssdText &out)
{
	const std::string &t = out.text;
	if (t.size() < 2 || !isAsciiLetter(t[0]) || !isAsciiLetter(t[1]))
		return;
	std::size_t cut = 2;
	if (t.size() >= 3 && t[2] == '\r')
		cut = 3;
	out.language = { static_cast<char>(t[0] | 0x20), static_cast<char>(t[1] | 0x20) };
	out.text.erase(0, cut);
}

} /* namespace */

Result<TeCharset> parseTeCharset(std::string_view name)
{
	std::string_view n = name;
	if (n.size() >= 2 && n.front() == '"' && n.back() == '"')
		n = n.substr(1, n.size() - 2);
	std::string upper;
	for (char c : n)
		upper.push_back(asciiUpper(c));
	if (upper == "GSM")
		return TeCharset::Gsm;
	if (upper == "IRA")
		return TeCharset::Ira;
	if (upper == "UCS2")
		return TeCharset::Ucs2;
	if (upper == "HEX")
		return TeCharset::Hex;
	if (upper == "UTF-8" || upper == "UTF8")
		return TeCharset::Utf8;
	return makeError(Errc::InvalidValue,
			 "unknown +CSCS character set '" + std::string(name) +
				 "' (expected GSM, IRA, UCS2, HEX or UTF-8)",
			 0, std::string(name));
}

std::string_view teCharsetName(TeCharset charset) noexcept
{
	switch (charset) {
	case TeCharset::Gsm: return "GSM";
	case TeCharset::Ira: return "IRA";
	case TeCharset::Ucs2: return "UCS2";
	case TeCharset::Hex: return "HEX";
	case TeCharset::Utf8: return "UTF-8";
	}
	return "GSM";
}

CbsDcs decodeCbsDcs(std::uint8_t dcs) noexcept
{
	// TS 23.038 §5, coding group 0000: GSM 7-bit with the language in bits 3..0.
	static constexpr std::array<const char *, 16> kGroup0Languages = {
		"de", "en", "it", "fr", "es", "nl", "sv", "da",
		"pt", "fi", "no", "el", "tr", "hu", "pl", "",   // 1111: language unspecified
	};
	// Coding group 0010: 0000 Czech, 0001 Hebrew, 0010 Arabic, 0011 Russian,
	// 0100 Icelandic; the rest is reserved for other GSM 7-bit languages.
	static constexpr std::array<const char *, 5> kGroup2Languages = { "cs", "he", "ar", "ru", "is" };

	CbsDcs out;
	const unsigned group = dcs >> 4;
	const unsigned low = dcs & 0x0F;
	const auto alphabetBits = [](unsigned bits) {
		switch (bits & 0x03) {
		case 1: return Alphabet::EightBit;
		case 2: return Alphabet::Ucs2;
		default: return Alphabet::Gsm7; // 00, and 11 which is reserved (§5: read as GSM)
		}
	};
	switch (group) {
	case 0x0:
		out.language = kGroup0Languages[low];
		break;
	case 0x1:
		// 0x10: GSM 7-bit, 0x11: UCS2, both with the language at the start of the text.
		// 0x12..0x1F are reserved for European languages: GSM 7-bit, no language.
		if (low == 0x0 || low == 0x1) {
			out.languageInText = true;
			out.alphabet = low == 0x1 ? Alphabet::Ucs2 : Alphabet::Gsm7;
		}
		break;
	case 0x2:
		if (low < kGroup2Languages.size())
			out.language = kGroup2Languages[low];
		break;
	case 0x3:
		break; // reserved for other GSM 7-bit languages, handling unspecified
	case 0x4: case 0x5: case 0x6: case 0x7:
		// General data coding: bit 5 compressed, bit 4 class meaningful, bits 3..2
		// alphabet, bits 1..0 class.
		out.compressed = (dcs & 0x20) != 0;
		out.alphabet = alphabetBits(low >> 2);
		if (dcs & 0x10)
			out.messageClass = static_cast<int>(low & 0x03);
		break;
	case 0x9:
		// Message with User Data Header: bits 3..2 alphabet, class always present.
		out.alphabet = alphabetBits(low >> 2);
		out.messageClass = static_cast<int>(low & 0x03);
		break;
	case 0xF:
		// Data coding / message class: bit 2 is 0 for GSM 7-bit, 1 for 8-bit data.
		out.alphabet = (low & 0x04) ? Alphabet::EightBit : Alphabet::Gsm7;
		out.messageClass = static_cast<int>(low & 0x03);
		break;
	case 0xE:
		// Defined by the WAP Forum; no alphabet of its own in 23.038: read as GSM.
	case 0x8: case 0xA: case 0xB: case 0xC: case 0xD:
		// Reserved coding groups: §5 says assume the GSM 7-bit default alphabet.
	default:
		break;
	}
	return out;
}

std::string teTextToUtf8(std::string_view text, TeCharset charset)
{
	const detail::Gsm7Table &gsm = detail::gsm7LockingTable(NationalLanguage::Default);
	std::string out;
	out.reserve(text.size());
	for (std::size_t pos = 0; pos < text.size();) {
		const unsigned char b = static_cast<unsigned char>(text[pos]);
		if (b < 0x20 && b != '\n' && b != '\r' && charset == TeCharset::Gsm) {
			// +CSCS="GSM" (TS 27.005 Annex A): an octet below 0x20 is a GSM character;
			// modems that convert honestly send '@' as 0x00 and '_' as 0x11. Printable
			// ASCII is kept as ASCII: modems pass it unconverted in practice.
			const char32_t cp = gsm[b];
			appendUtf8(out, cp != 0 ? cp : U' ');
			++pos;
			continue;
		}
		if (const std::size_t n = utf8SequenceLength(text, pos); n > 0) {
			out.append(text.substr(pos, n));
			pos += n;
			continue;
		}
		// Not UTF-8: SIM800 under +CSCS="IRA" prints Latin-1 ("cr\xE9dit", Sunrise CH).
		appendUtf8(out, b);
		++pos;
	}
	return out;
}

UssdText decodeUssdPayload(std::string_view payload, std::optional<int> dcs, TeCharset charset)
{
	const CbsDcs info = dcs && *dcs >= 0 && *dcs <= 0xFF
		? decodeCbsDcs(static_cast<std::uint8_t>(*dcs))
		: CbsDcs{};
	UssdText out;
	out.language = info.language;

	const auto plain = [&] {
		out.text = teTextToUtf8(payload, charset);
		out.alphabet = info.alphabet;
		out.decodedAs = "plain";
		if (info.languageInText)
			takeLanguagePrefix(out);
		return out;
	};

	const bool saysUcs2 = info.alphabet == Alphabet::Ucs2 || charset == TeCharset::Ucs2;
	const bool hexCertain = charset == TeCharset::Ucs2 || charset == TeCharset::Hex;

	// Rule 1: only an even-length run of hex digits can be hex; anything else is the
	// text itself. Short runs are too few to tell unless the DCS or charset says hex:
	// "CAFE" is a word before it is U+CAFE.
	const std::size_t minHex = saysUcs2 || hexCertain ? 4 : 8;
	const bool allHex = std::all_of(payload.begin(), payload.end(), isHexDigit);
	if (!allHex || payload.size() % 2 != 0 || payload.size() < minHex)
		return plain();
	auto decoded = hexDecode(payload);
	if (!decoded.ok())
		return plain();
	const std::vector<std::uint8_t> &bytes = *decoded;

	// Rule 2: 8-bit data (DCS 0x44, 0xF4...) is octets; +CSCS="HEX" or a Huawei-style
	// hex answer shows them as two digits each.
	if (info.alphabet == Alphabet::EightBit && charset != TeCharset::Ucs2) {
		out.text = octetsToText(std::string_view(reinterpret_cast<const char *>(bytes.data()),
							 bytes.size()));
		out.alphabet = Alphabet::EightBit;
		out.decodedAs = "hex-8bit";
		return out;
	}

	// Coding group 0001 with UCS2 (DCS 0x11): two packed GSM 7-bit characters of
	// language, padded to two octets, then UCS-2 (TS 23.038 §5).
	if (info.languageInText && info.alphabet == Alphabet::Ucs2 && bytes.size() >= 4 &&
	    bytes.size() % 2 == 0) {
		const std::vector<std::uint8_t> lang = gsm7Unpack(std::span(bytes).first(2), 2);
		const std::string code = gsm7ToUtf8(lang);
		if (code.size() == 2 && isAsciiLetter(code[0]) && isAsciiLetter(code[1])) {
			out.language = { static_cast<char>(code[0] | 0x20),
					 static_cast<char>(code[1] | 0x20) };
			out.text = utf16beToUtf8(std::span(bytes).subspan(2));
			out.alphabet = Alphabet::Ucs2;
			out.decodedAs = "hex-ucs2";
			return out;
		}
	}

	std::array<Reading, 3> readings = {
		readUcs2(bytes),
		readPacked(bytes),
		readUnpacked(bytes),
	};

	// Rule 4: digits only is an amount or a menu number unless something says hex;
	// let it through only as UCS-2 of Latin-1 text ("0031003200330034" is "1234").
	const bool digitsOnly = std::all_of(payload.begin(), payload.end(),
					    [](char c) { return c >= '0' && c <= '9'; });
	if (digitsOnly && !saysUcs2 && !hexCertain) {
		bool latin1Ucs2 = readings[0].score >= 0;
		for (std::size_t i = 0; latin1Ucs2 && i < bytes.size(); i += 2)
			latin1Ucs2 = bytes[i] == 0x00;
		readings[1].score = -1.0;
		readings[2].score = -1.0;
		if (!latin1Ucs2)
			readings[0].score = -1.0;
	}

	// Rule 3: the readings compete on score; the order only breaks ties.
	//  - UCS-2 first when the DCS says so (72 = 0x48: Huawei E3276 with MTS, gammu
	//    issue 109; sms_tool issue 4) or +CSCS="UCS2" does.
	//  - Otherwise unpacked first: +CSCS="HEX" is one septet per two hex digits
	//    (TS 27.007 §7.15), and modems that print one septet per octet under "GSM"
	//    (the DCS 0 Telkomsel menu of gammu issue 513) give printable ASCII octets,
	//    which read as CJK in UCS-2 and score almost as well there.
	//  - Then packed: Huawei E3372/E173-class and many Qualcomm-based modems print the
	//    raw packed septets whatever +CSCS says (chan_dongle issue 38: Tele2 RU
	//    "CF2135487D2E...", DCS 15).
	//  - Then UCS-2 against the DCS: ZTE MF286D (MDM9250) prints Halebop SE replies as
	//    UCS-2 hex with DCS 7 (sms_tool issue 13); its score decides, not the order.
	std::array<std::size_t, 3> order = { 2, 1, 0 };
	if (saysUcs2)
		order = { 0, 1, 2 };

	// The reading the DCS or charset announces is taken when it reads as text at all,
	// even if another one scores a little higher by chance.
	const bool announced = saysUcs2 || charset == TeCharset::Hex;
	const Reading *best = nullptr;
	if (announced && readings[order[0]].score >= kMinScore) {
		best = &readings[order[0]];
	} else {
		for (std::size_t i : order) {
			const Reading &r = readings[i];
			if (r.score >= 0 && (!best || r.score > best->score))
				best = &r;
		}
	}

	// Rule 5: nothing reads as text, so the hex digits were the text ("CAFE", "BEEF").
	if (!best || (best->score < kMinScore && !hexCertain))
		return plain();

	out.text = best->text;
	out.alphabet = best->alphabet;
	out.decodedAs = best->name;
	if (info.languageInText)
		takeLanguagePrefix(out);
	return out;
}

Result<std::string> encodeUssdRequest(std::string_view code, UssdRequestEncoding enc)
{
	if (code.empty())
		return makeError(Errc::InvalidLength, "empty USSD string", 0);

	std::size_t septets = 0;
	for (std::size_t pos = 0; pos < code.size();) {
		const std::size_t n = utf8SequenceLength(code, pos);
		if (n == 0)
			return makeError(Errc::InvalidUtf8, "USSD string is not valid UTF-8", pos,
					 std::string(code));
		const std::u32string cp = utf8ToCodepoints(code.substr(pos, n));
		const char32_t c = cp.empty() ? 0 : cp[0];
		if (c < 0x20 || c == 0x7F)
			return makeError(Errc::InvalidValue, "control character in USSD string", pos,
					 std::string(code));
		if (c == U'"')
			return makeError(Errc::InvalidValue,
					 "'\"' cannot be sent inside AT+CUSD=1,\"...\"", pos,
					 std::string(code));
		if (enc == UssdRequestEncoding::Plain && c > 0x7F)
			return makeError(Errc::NotEncodable,
					 "a plain USSD request carries ASCII only; use UCS-2 or packed "
					 "GSM 7-bit hex",
					 pos, std::string(code));
		std::uint8_t buf[2];
		const unsigned len = gsm7EncodeCodepoint(c, Gsm7Tables{}, buf);
		if (len == 0)
			return makeError(Errc::NotEncodable,
					 "character is not in the GSM 7-bit default alphabet", pos,
					 std::string(code));
		septets += len;
		if (septets > kUssdMaxSeptets)
			return makeError(Errc::InvalidLength,
					 "USSD string longer than 182 septets (TS 23.038 §6.1.2.3)", pos,
					 std::string(code));
		pos += n;
	}

	switch (enc) {
	case UssdRequestEncoding::Plain:
		return std::string(code);
	case UssdRequestEncoding::Ucs2Hex: {
		auto units = utf8ToUtf16be(code);
		if (!units.ok())
			return units.error();
		return hexEncode(*units);
	}
	case UssdRequestEncoding::Gsm7PackedHex: {
		auto s = utf8ToGsm7(code);
		if (!s)
			return makeError(Errc::NotEncodable, "not GSM 7-bit encodable", 0,
					 std::string(code));
		return hexEncode(gsm7PackUssd(*s));
	}
	}
	return makeError(Errc::InvalidValue, "unknown USSD request encoding");
}

} /* namespace zanryo */
