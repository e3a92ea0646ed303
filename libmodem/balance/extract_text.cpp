#include "libmodem/balance/extract_text.hpp"

#include <array>


namespace zanryo::extract {

namespace {

void putUtf8(std::string &out, char32_t cp)
{
	if (cp < 0x80) {
		out += static_cast<char>(cp);
	} else if (cp < 0x800) {
		out += static_cast<char>(0xC0 | (cp >> 6));
		out += static_cast<char>(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		out += static_cast<char>(0xE0 | (cp >> 12));
		out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
		out += static_cast<char>(0x80 | (cp & 0x3F));
	} else {
		out += static_cast<char>(0xF0 | (cp >> 18));
		out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
		out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
		out += static_cast<char>(0x80 | (cp & 0x3F));
	}
}

// Unicode blocks whose 0..9 are contiguous from the given zero (Nd digits).
constexpr std::array<char32_t, 16> kDigitZeros = {
	0x0660, // Arabic-Indic
	0x06F0, // Extended Arabic-Indic (Persian, Urdu)
	0x0966, // Devanagari
	0x09E6, // Bengali
	0x0A66, // Gurmukhi
	0x0AE6, // Gujarati
	0x0B66, // Oriya
	0x0BE6, // Tamil
	0x0C66, // Telugu
	0x0CE6, // Kannada
	0x0D66, // Malayalam
	0x0E50, // Thai
	0x0ED0, // Lao
	0x1040, // Myanmar
	0x17E0, // Khmer
	0xFF10, // fullwidth
};

// Latin-1 Supplement U+00C0..U+00FF folded to ASCII ('\0' = keep as is).
constexpr const char *kLatin1Fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",
};


char foldLatinExtA(char32_t cp)
{
	// Written out by hand for the letters carriers use; others keep their code point.
	switch (cp) {
	case 0x0100: case 0x0101: case 0x0102: case 0x0103: case 0x0104: case 0x0105: return 'a';
	case 0x0106: case 0x0107: case 0x0108: case 0x0109: case 0x010A: case 0x010B:
	case 0x010C: case 0x010D: return 'c';
	case 0x010E: case 0x010F: return 'd';
	case 0x0112: case 0x0113: case 0x0114: case 0x0115: case 0x0116: case 0x0117:
	case 0x0118: case 0x0119: case 0x011A: case 0x011B: return 'e';
	case 0x011C: case 0x011D: case 0x011E: case 0x011F: case 0x0120: case 0x0121:
	case 0x0122: case 0x0123: return 'g';
	case 0x0124: case 0x0125: case 0x0126: case 0x0127: return 'h';
	case 0x0128: case 0x0129: case 0x012A: case 0x012B: case 0x012C: case 0x012D:
	case 0x012E: case 0x012F: case 0x0130: case 0x0131: return 'i';
	case 0x0134: case 0x0135: return 'j';
	case 0x0136: case 0x0137: return 'k';
	case 0x0139: case 0x013A: case 0x013B: case 0x013C: case 0x013D: case 0x013E:
	case 0x013F: case 0x0140: case 0x0141: case 0x0142: return 'l';
	case 0x0143: case 0x0144: case 0x0145: case 0x0146: case 0x0147: case 0x0148: return 'n';
	case 0x014C: case 0x014D: case 0x014E: case 0x014F: case 0x0150: case 0x0151: return 'o';
	case 0x0154: case 0x0155: case 0x0156: case 0x0157: case 0x0158: case 0x0159: return 'r';
	case 0x015A: case 0x015B: case 0x015C: case 0x015D: case 0x015E: case 0x015F:
	case 0x0160: case 0x0161: return 's';
	case 0x0162: case 0x0163: case 0x0164: case 0x0165: case 0x0166: case 0x0167: return 't';
	case 0x0168: case 0x0169: case 0x016A: case 0x016B: case 0x016C: case 0x016D:
	case 0x016E: case 0x016F: case 0x0170: case 0x0171: case 0x0172: case 0x0173: return 'u';
	case 0x0174: case 0x0175: return 'w';
	case 0x0176: case 0x0177: case 0x0178: return 'y';
	case 0x0179: case 0x017A: case 0x017B: case 0x017C: case 0x017D: case 0x017E: return 'z';
	case 0x01A0: case 0x01A1: return 'o'; // Vietnamese ơ
	case 0x01AF: case 0x01B0: return 'u'; // Vietnamese ư
	case 0x0218: case 0x0219: return 's'; // Romanian ș
	case 0x021A: case 0x021B: return 't'; // Romanian ț
	default: return 0;
	}
}

// Vietnamese precomposed letters U+1EA0..U+1EF9 (Latin Extended Additional).
char foldVietnamese(char32_t cp)
{
	if (cp >= 0x1EA0 && cp <= 0x1EB7) return 'a';
	if (cp >= 0x1EB8 && cp <= 0x1EC7) return 'e';
	if (cp >= 0x1EC8 && cp <= 0x1ECB) return 'i';
	if (cp >= 0x1ECC && cp <= 0x1EE3) return 'o';
	if (cp >= 0x1EE4 && cp <= 0x1EF1) return 'u';
	if (cp >= 0x1EF2 && cp <= 0x1EF9) return 'y';
	return 0;
}

bool isCyrillic(char32_t cp) { return cp >= 0x0400 && cp <= 0x04FF; }

// Latin letters that look like Cyrillic ones, as mixed into Cyrillic words by carriers
// and by phones short of a glyph (Tele2 Russia "pуб." has a Latin p).
char32_t cyrillicLookalike(char32_t cp)
{
	switch (cp) {
	case 'a': return 0x0430; case 'c': return 0x0441; case 'e': return 0x0435;
	case 'o': return 0x043E; case 'p': return 0x0440; case 'x': return 0x0445;
	case 'y': return 0x0443; case 'k': return 0x043A; case 'm': return 0x043C;
	case 't': return 0x0442; case 'h': return 0x043D; case 'b': return 0x0432;
	case 'i': return 0x0456;
	default: return 0;
	}
}

} /* namespace */

int digitValue(char32_t cp) noexcept
{
	if (cp >= '0' && cp <= '9')
		return static_cast<int>(cp - '0');
	for (char32_t zero : kDigitZeros)
		if (cp >= zero && cp <= zero + 9)
			return static_cast<int>(cp - zero);
	return -1;
}

std::string normalizeDigits(std::string_view utf8)
{
	std::string out;
	out.reserve(utf8.size());
	for (std::size_t i = 0; i < utf8.size();) {
		// ASCII runs are copied as they are.
		std::size_t run = i;
		while (run < utf8.size() && static_cast<unsigned char>(utf8[run]) < 0x80)
			++run;
		out.append(utf8.data() + i, run - i);
		i = run;
		if (i == utf8.size())
			break;
		std::size_t at = i;
		char32_t cp = decodeUtf8(utf8, i);
		int d = digitValue(cp);
		if (d >= 0)
			out += static_cast<char>('0' + d);
		else if (cp == 0xA0 || cp == 0x202F || cp == 0x2007 || cp == 0x2009)
			out += ' ';
		else if (cp == 0x066B)
			out += '.';
		else if (cp == 0x066C)
			out += ',';
		else if (cp == 0xFFFD)
			putUtf8(out, cp);
		else
			out.append(utf8.substr(at, i - at));
	}
	return out;
}

char32_t decodeUtf8(std::string_view s, std::size_t &i) noexcept
{
	auto b0 = static_cast<unsigned char>(s[i]);
	if (b0 < 0x80) {
		++i;
		return b0;
	}
	int len = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
	if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
		++i;
		return 0xFFFD;
	}
	char32_t cp = b0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
	for (int k = 1; k < len; ++k) {
		auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
		if ((b & 0xC0) != 0x80) {
			++i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (b & 0x3F);
	}
	// Overlongs and surrogates are invalid (RFC 3629 §3).
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF)) {
		++i;
		return 0xFFFD;
	}
	i += static_cast<std::size_t>(len);
	return cp;
}

bool isAlphabeticLetter(char32_t cp) noexcept
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return (cp >= 0x00C0 && cp <= 0x024F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x0370 && cp <= 0x03FF) || isCyrillic(cp) || (cp >= 0x1E00 && cp <= 0x1EFF);
}

char32_t codepointBefore(std::string_view s, std::size_t end) noexcept
{
	if (end == 0 || end > s.size())
		return 0;
	std::size_t start = end - 1;
	while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
		--start;
	std::size_t i = start;
	char32_t cp = decodeUtf8(s, i);
	return i == end ? cp : 0xFFFD;
}

char32_t codepointAt(std::string_view s, std::size_t pos) noexcept
{
	if (pos >= s.size())
		return 0;
	return decodeUtf8(s, pos);
}

namespace {

// Fold one non-ASCII code point (foldText); appends to \a out as UTF-8.
void foldCodepoint(char32_t cp, std::string &out, bool &sawCyrillic)
{
	if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
		out += '\n';
		return;
	}
	if (cp == 0x3000 || (cp >= 0x2000 && cp <= 0x2006) || cp == 0x200A || cp == 0x205F) {
		out += ' ';
		return;
	}
	if (cp == 0xA0 || cp == 0x202F || cp == 0x2007 || cp == 0x2008 || cp == 0x2009) {
		out += kThinSpace;
		return;
	}
	if ((cp >= 0x200B && cp <= 0x200F) || cp == 0x061C || cp == 0xFEFF || cp == 0x0640 ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x0652))
		return; // format controls, tatweel, combining accents, Arabic harakat
	if (cp >= 0x0660) {
		for (char32_t zero : kDigitZeros)
			if (cp >= zero && cp <= zero + 9) {
				out += static_cast<char>('0' + (cp - zero));
				return;
			}
	}
	if (cp >= 0xFF01 && cp <= 0xFF5E) {
		cp -= 0xFEE0; // fullwidth ASCII
		if (cp >= 'A' && cp <= 'Z')
			cp += 0x20;
		out += static_cast<char>(cp);
		return;
	}
	switch (cp) {
	case 0x066B: out += '.'; return; // Arabic decimal separator
	case 0x066C: out += ','; return; // Arabic thousands separator
	case 0x060C: out += ','; return; // Arabic comma
	case 0x061B: out += ';'; return;
	case 0x061F: out += '?'; return;
	case 0x06D4: out += '.'; return; // Urdu full stop
	case 0x2212: case 0x2013: case 0x2012: case 0xFE63: out += '-'; return;
	case 0x2018: case 0x2019: case 0x02BC: out += '\''; return;
	case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: out += '"'; return;
	case 0x3002: case 0xFF61: out += '.'; return; // ideographic full stop
	case 0x3001: out += ','; return;
	case 0xFFE5: putUtf8(out, 0x00A5); return; // fullwidth yen sign
	case 0xFFE0: out += 'c'; return;
	case 0x06CC: case 0x0649: putUtf8(out, 0x064A); return; // Persian/Alef maksura -> yeh
	case 0x06A9: putUtf8(out, 0x0643); return;   // keheh -> kaf
	case 0x0622: case 0x0623: case 0x0625: putUtf8(out, 0x0627); return; // alef forms
	case 0x0110: putUtf8(out, 0x0111); return;   // Đ -> đ (dong sign stays distinct)
	case 0x0130: out += 'i'; return;
	case 0x0401: case 0x0451: putUtf8(out, 0x0435); sawCyrillic = true; return; // ё -> е
	case 0x0490: putUtf8(out, 0x0491); sawCyrillic = true; return;
	default: break;
	}
	if (cp >= 0xC0 && cp <= 0xFF) {
		if (const char *f = kLatin1Fold[cp - 0xC0]) {
			out += f;
			return;
		}
	}
	if (char f = foldLatinExtA(cp)) {
		out += f;
		return;
	}
	if (char f = foldVietnamese(cp)) {
		out += f;
		return;
	}
	if (cp >= 0x0410 && cp <= 0x042F)
		cp += 0x20;
	else if (cp >= 0x0400 && cp <= 0x040F)
		cp += 0x50;
	sawCyrillic = sawCyrillic || isCyrillic(cp);
	putUtf8(out, cp);
}

// Latin look-alikes inside words that also hold Cyrillic letters become Cyrillic
// ("pуб" -> "руб"). Only called when the folded text holds a Cyrillic letter.
std::string cyrillicizeMixedWords(const std::string &folded)
{
	std::string out;
	out.reserve(folded.size() + 8);
	for (std::size_t i = 0; i < folded.size();) {
		std::size_t w = i;
		char32_t cp = decodeUtf8(folded, i);
		if (!isAlphabeticLetter(cp)) {
			out.append(folded, w, i - w);
			continue;
		}
		bool cyr = isCyrillic(cp), lat = cp < 0x80;
		std::size_t end = i;
		while (end < folded.size()) {
			std::size_t next = end;
			char32_t c = decodeUtf8(folded, next);
			if (!isAlphabeticLetter(c))
				break;
			cyr = cyr || isCyrillic(c);
			lat = lat || c < 0x80;
			end = next;
		}
		if (cyr && lat) {
			for (std::size_t k = w; k < end;) {
				std::size_t at = k;
				char32_t c = decodeUtf8(folded, k);
				if (char32_t l = c < 0x80 ? cyrillicLookalike(c) : 0)
					putUtf8(out, l);
				else
					out.append(folded, at, k - at);
			}
		} else {
			out.append(folded, w, end - w);
		}
		i = end;
	}
	return out;
}

} /* namespace */

std::string foldText(std::string_view utf8)
{
	std::string out;
	out.reserve(utf8.size() + 8);
	bool sawCyrillic = false;
	for (std::size_t i = 0; i < utf8.size();) {
		auto b = static_cast<unsigned char>(utf8[i]);
		if (b < 0x80) {
			// ASCII, most of every reply: one byte in, one byte out.
			++i;
			if (b == '\r') {
				if (i < utf8.size() && utf8[i] == '\n')
					continue;
				out += '\n';
			} else if (b == '\n') {
				out += '\n';
			} else if (b < 0x20 || b == 0x7F) {
				out += ' ';
			} else {
				out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 0x20 : b);
			}
			continue;
		}
		foldCodepoint(decodeUtf8(utf8, i), out, sawCyrillic);
	}
	if (sawCyrillic)
		return cyrillicizeMixedWords(out);
	return out;
}

} /* namespace zanryo::extract */
