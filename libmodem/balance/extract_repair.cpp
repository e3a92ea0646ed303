#include "libmodem/balance/extract_repair.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "libmodem/balance/extract_lexicon.hpp"
#include "libmodem/balance/extract_text.hpp"
#include "libmodem/balance/mcc_country.hpp"
#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo::extract {

namespace {

// ---- Hex passed through as text ------------------------------------------------------

bool isHexDigit(char c) noexcept
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

std::string_view trimmed(std::string_view s) noexcept
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r'))
		s.remove_suffix(1);
	return s;
}

bool isLetter(char32_t cp) noexcept
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || // Latin
	       (cp >= 0x400 && cp <= 0x52F) ||				    // Cyrillic
	       (cp >= 0x590 && cp <= 0x6FF) ||				    // Hebrew, Arabic
	       (cp >= 0x900 && cp <= 0x97F) ||				    // Devanagari
	       (cp >= 0xE00 && cp <= 0xE7F) ||				    // Thai
	       (cp >= 0x3040 && cp <= 0x30FF) ||			    // kana
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||			    // CJK
	       (cp >= 0xAC00 && cp <= 0xD7A3);				    // Hangul
}

bool isCommonAscii(char32_t cp) noexcept
{
	return (cp >= 0x20 && cp < 0x7F) || cp == '\n' || cp == '\r';
}

// Readable text: no control characters, letters in it, and (for \a latinOnly, the GSM
// 7-bit readings, where any octet string decodes to *something*) nothing but ASCII and
// Latin letters, mostly letters, digits and spaces.
bool readable(std::string_view utf8, bool latinOnly, std::size_t minLetters = 2)
{
	std::size_t n = 0, letters = 0, plain = 0;
	for (std::size_t i = 0; i < utf8.size();) {
		char32_t cp = decodeUtf8(utf8, i);
		++n;
		if (cp == 0xFFFD || (cp < 0x20 && cp != '\n' && cp != '\r') || cp == 0x7F)
			return false;
		bool letter = isLetter(cp);
		if (latinOnly && !isCommonAscii(cp) && !(letter && cp < 0x250))
			return false;
		letters += letter;
		plain += letter || cp == ' ' || (cp >= '0' && cp <= '9');
	}
	// Any octet string is *some* GSM 7-bit text: those readings must be mostly words.
	return n > 0 && letters >= minLetters && plain * 10 >= n * (latinOnly ? 8 : 6);
}

// UCS-2 units of one script block (all high bytes 00 or one other value): what a
// Latin, Cyrillic, Arabic or Thai reply looks like, and what random hex does not.
bool oneScriptBlock(const std::vector<std::uint8_t> &b, bool asciiOrCyrillicOnly)
{
	int other = -1;
	for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
		int hi = b[i];
		if (hi == 0)
			continue;
		if (asciiOrCyrillicOnly && hi != 0x04)
			return false;
		if (hi >= 0xD8 && hi <= 0xDF)
			return false; // surrogates
		if (other >= 0 && hi != other)
			return false;
		other = hi;
	}
	return true;
}

bool isCjkText(std::string_view utf8)
{
	for (std::size_t i = 0; i < utf8.size();) {
		char32_t cp = decodeUtf8(utf8, i);
		if (!(isCommonAscii(cp) || (cp >= 0x3000 && cp <= 0x30FF) ||
		      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
		      (cp >= 0xAC00 && cp <= 0xD7A3)))
			return false;
	}
	return true;
}

bool repairHex(std::string_view raw, RepairedReply &out)
{
	std::string_view t = trimmed(raw);
	if (t.size() < 8 || t.size() % 2 != 0)
		return false;
	bool decimal = true;
	for (char c : t) {
		if (!isHexDigit(c))
			return false;
		decimal = decimal && c >= '0' && c <= '9';
	}
	auto bytes = hexDecode(t);
	if (!bytes)
		return false;
	// Only decimal digits: a number unless it is UCS-2 of ASCII or Cyrillic ("0031003000"
	// is "10", "04110430" is "Ба"); a balance such as "12345678" is not.
	bool ucs2 = t.size() % 4 == 0;
	std::string u;
	if (ucs2) {
		u = utf16beToUtf8(*bytes);
		// One script block is a strong sign: one letter is enough ("611.20 р.").
		if (oneScriptBlock(*bytes, decimal) && readable(u, false, 1)) {
			out = { std::move(u), "hex-ucs2" };
			return true;
		}
	}
	if (decimal)
		return false;
	// GSM 7-bit, one septet per octet (what some modems give with +CSCS="HEX").
	if (std::all_of(bytes->begin(), bytes->end(), [](std::uint8_t b) { return b < 0x80; })) {
		std::string g = gsm7ToUtf8(*bytes);
		if (readable(g, true)) {
			out = { std::move(g), "hex-gsm7" };
			return true;
		}
	}
	// Packed GSM 7-bit as on the air (TS 23.038 §6.1.2.3.1; Huawei modems' +CUSD).
	std::string p = gsm7ToUtf8(gsm7UnpackUssd(*bytes));
	if (readable(p, true)) {
		out = { std::move(p), "hex-gsm7-packed" };
		return true;
	}
	// Chinese, Japanese, Korean UCS-2 mixes several blocks (kana, CJK, fullwidth).
	if (ucs2 && readable(u, false) && isCjkText(u)) {
		out = { std::move(u), "hex-ucs2" };
		return true;
	}
	return false;
}

// ---- UCS-2 Cyrillic with its high byte dropped ---------------------------------------

// A byte that can only be the low byte of a Cyrillic letter in such a reply: А..П
// (0x10..0x1F), к..я (':'..'O'), ё 'Q', є 'T', і 'V', ї 'W'. Digits are а..й or digits.
bool isLowByteLetter(unsigned char c) noexcept
{
	return (c >= 0x10 && c <= 0x1F) || (c >= 0x3A && c <= 0x4F) || c == 'Q' || c == 'T' ||
	       c == 'V' || c == 'W';
}

bool isLowByteWordByte(unsigned char c) noexcept
{
	return isLowByteLetter(c) || (c >= '0' && c <= '9');
}

// The lexicon's Cyrillic words as they look with the high byte dropped, longest first.
struct LowByteWord {
	std::string form; ///< low bytes, lower case
	std::string word; ///< the folded Cyrillic word (UTF-8)
};

const std::vector<LowByteWord> &lowByteWords()
{
	static const std::vector<LowByteWord> words = [] {
		std::vector<LowByteWord> w;
		for (const LexEntry &e : lexicon()) {
			std::string form;
			bool cyrillic = false, ok = true, nonDigit = false, notCaps = false;
			for (std::size_t i = 0; i < e.text.size() && ok;) {
				char32_t cp = decodeUtf8(e.text, i);
				if (cp >= 0x430 && cp <= 0x45F) {
					cyrillic = true;
					char b = static_cast<char>(cp - 0x400);
					nonDigit = nonDigit || !(b >= '0' && b <= '9');
					notCaps = notCaps || !(b >= 'A' && b <= 'O');
					form += b;
				} else if (cp == ' ' || cp == '.') {
					form += static_cast<char>(cp);
				} else {
					ok = false;
				}
			}
			// All-digit forms ("гб" = "31") cannot be told from a number, nor forms of
			// only 'A'..'O' ("ст" = "AB") from upper-case Latin.
			if (ok && cyrillic && nonDigit && notCaps && form.size() >= 2)
				w.push_back({ form, e.text });
		}
		std::stable_sort(w.begin(), w.end(), [](const LowByteWord &a, const LowByteWord &b) {
			return a.form.size() > b.form.size();
		});
		w.erase(std::unique(w.begin(), w.end(),
				    [](const LowByteWord &a, const LowByteWord &b) {
					    return a.form == b.form;
				    }),
			w.end());
		return w;
	}();
	return words;
}

// The form matches at \a pos; its first letter may be the capital (0x20 lower).
bool lowByteMatch(std::string_view s, std::size_t pos, std::string_view form) noexcept
{
	if (s.size() - pos < form.size())
		return false;
	for (std::size_t k = 0; k < form.size(); ++k) {
		unsigned char c = static_cast<unsigned char>(s[pos + k]);
		unsigned char f = static_cast<unsigned char>(form[k]);
		if (c == f)
			continue;
		if (k == 0 && f >= 0x30 && f <= 0x3F && c == f - 0x20)
			continue;
		return false;
	}
	return true;
}

// A byte of a word run at \a i: ':' and '?' before a digit, a space, punctuation or the
// end are themselves ("Баланс:2220,76р"), not к and п.
bool isRunByte(std::string_view s, std::size_t i) noexcept
{
	unsigned char c = static_cast<unsigned char>(s[i]);
	if (c == ':' || c == '?')
		return i + 1 < s.size() && isLowByteLetter(static_cast<unsigned char>(s[i + 1]));
	return isLowByteWordByte(c);
}

void putCyrillic(std::string &out, unsigned char low)
{
	appendUtf8(out, static_cast<char32_t>(0x400 + low));
}

bool repairLowBytes(std::string_view raw, std::string_view country, RepairedReply &out)
{
	if (!countryWritesCyrillic(country))
		return false;
	bool control = false;
	std::size_t letters = 0;
	for (char ch : raw) {
		unsigned char c = static_cast<unsigned char>(ch);
		// Lower-case Latin and P..Z (U+0450.. past the Russian and Ukrainian letters)
		// mean the reply is Latin text, not dropped high bytes.
		if (c >= 0x80 || (c >= 'a' && c <= 'z') ||
		    (c >= 'P' && c <= '`' && c != 'Q' && c != 'T' && c != 'V' && c != 'W'))
			return false;
		if (c < 0x20 && c != '\n' && c != '\r' && !(c >= 0x10 && c <= 0x1F))
			return false;
		control = control || (c >= 0x10 && c <= 0x1F);
		letters += isLowByteLetter(c);
	}
	if (letters < 3)
		return false;
	const std::vector<LowByteWord> &words = lowByteWords();
	// Where each lexicon word stands: the signature that upper-case ASCII lacks.
	std::vector<const LowByteWord *> at(raw.size(), nullptr);
	bool anyWord = false;
	for (std::size_t i = 0; i < raw.size(); ++i) {
		// A word starts after a non-letter (digits included: "150@C1" is 150руб).
		if (!isLowByteWordByte(static_cast<unsigned char>(raw[i])) ||
		    (i > 0 && isLowByteLetter(static_cast<unsigned char>(raw[i - 1]))))
			continue;
		unsigned char c = static_cast<unsigned char>(raw[i]);
		// Lower-case first bytes only; a capital А..П (0x10..0x1F) starts as its 0x30.. form.
		unsigned char first = c >= 0x10 && c <= 0x1F ? static_cast<unsigned char>(c + 0x20) : c;
		for (const LowByteWord &w : words)
			if ((static_cast<unsigned char>(w.form[0]) == first ||
			     static_cast<unsigned char>(w.form[0]) == c) &&
			    lowByteMatch(raw, i, w.form)) {
				at[i] = &w;
				anyWord = true;
				i += w.form.size() - 1;
				break;
			}
	}
	if (!anyWord && !control)
		return false;

	std::string s;
	s.reserve(raw.size() * 2);
	std::size_t i = 0;
	while (i < raw.size()) {
		if (const LowByteWord *w = at[i]) {
			unsigned char c0 = static_cast<unsigned char>(raw[i]);
			// Keep a capital first letter as the reply wrote it.
			if (c0 >= 0x10 && c0 <= 0x1F) {
				putCyrillic(s, c0);
				std::size_t k = 0;
				decodeUtf8(w->word, k);
				s += w->word.substr(k);
			} else {
				s += w->word;
			}
			i += w->form.size();
			continue;
		}
		if (!isRunByte(raw, i)) {
			s += raw[i];
			++i;
			continue;
		}
		// A run of letter bytes and digits up to the next word, space or punctuation:
		// its digits are letters when at least two letters match their count
		// ("\x12=8<0=85" is Внимание), a number otherwise ("76@" is 76р).
		std::size_t end = i;
		std::size_t runLetters = 0, runDigits = 0;
		while (end < raw.size() && !at[end] && isRunByte(raw, end)) {
			unsigned char d = static_cast<unsigned char>(raw[end]);
			(d >= '0' && d <= '9' ? runDigits : runLetters) += 1;
			++end;
		}
		bool digitsAreLetters = runLetters >= 2 && runLetters >= runDigits;
		for (; i < end; ++i) {
			unsigned char d = static_cast<unsigned char>(raw[i]);
			if (d >= '0' && d <= '9' && !digitsAreLetters)
				s += static_cast<char>(d);
			else
				putCyrillic(s, d);
		}
	}
	out = { std::move(s), "ucs2-low-bytes" };
	return true;
}

// ---- GSM 7-bit national letters shown through ASCII ----------------------------------

// TS 23.038 §6.2.1: the default alphabet's letters at the code points ASCII gives to
// brackets and bars.
const char *gsm7Letter(char c) noexcept
{
	switch (c) {
	case '{': return "\u00E4"; // ä
	case '|': return "\u00F6"; // ö
	case '}': return "\u00F1"; // ñ
	case '~': return "\u00FC"; // ü
	case '[': return "\u00C4"; // Ä
	case '\\': return "\u00D6"; // Ö
	case ']': return "\u00D1"; // Ñ
	case '^': return "\u00DC"; // Ü
	default: return nullptr;
	}
}

bool repairGsm7AsAscii(std::string_view raw, RepairedReply &out)
{
	bool any = false;
	for (char c : raw) {
		if (static_cast<unsigned char>(c) >= 0x80)
			return false;
		any = any || gsm7Letter(c);
	}
	if (!any)
		return false;
	// Both brackets of a pair in the reply: they are brackets ("{5,00 EUR}").
	auto has = [&](char c) { return raw.find(c) != std::string_view::npos; };
	bool braces = has('{') && has('}');
	bool squares = has('[') && has(']');
	std::string s;
	bool changed = false;
	for (std::size_t i = 0; i < raw.size(); ++i) {
		char c = raw[i];
		const char *l = gsm7Letter(c);
		if ((braces && (c == '{' || c == '}')) || (squares && (c == '[' || c == ']')))
			l = nullptr;
		bool before = i > 0 && isAsciiLetter(raw[i - 1]);
		bool after = i + 1 < raw.size() && isAsciiLetter(raw[i + 1]);
		// Inside or at the end of a word ("w{hlen", "Men~"), or starting one ("\berweisung").
		if (l && (before || (after && (i == 0 || !isAsciiDigit(raw[i - 1]))))) {
			s += l;
			changed = true;
		} else {
			s += raw[i];
		}
	}
	if (!changed)
		return false;
	out = { std::move(s), "gsm7-as-ascii" };
	return true;
}

} /* namespace */

RepairedReply repairReply(std::string_view utf8, std::string_view country)
{
	RepairedReply r;
	if (repairHex(utf8, r) || repairLowBytes(utf8, country, r) || repairGsm7AsAscii(utf8, r))
		return r;
	return {};
}

} /* namespace zanryo::extract */
