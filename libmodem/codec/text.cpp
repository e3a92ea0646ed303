#include "libmodem/codec/text.hpp"

#include <string>

namespace zanryo {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

int hexValue(char c) noexcept
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/// One step of UTF-8 decoding at \a pos. Follows the "maximal subpart" practice of
/// Unicode §3.9 (U+FFFD substitution): an invalid sequence consumes the longest prefix
/// that could have started a valid one, at least one byte.
struct Utf8Step {
	char32_t cp;
	std::size_t length;
	bool valid;
};

Utf8Step decodeUtf8At(std::string_view s, std::size_t pos) noexcept
{
	const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
	const unsigned char b0 = byte(pos);
	if (b0 < 0x80)
		return { b0, 1, true };

	std::size_t need;
	char32_t cp;
	unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		need = 1;
		cp = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		need = 2;
		cp = b0 & 0x0F;
		if (b0 == 0xE0)
			lo = 0xA0; // no overlongs
		else if (b0 == 0xED)
			hi = 0x9F; // no surrogates
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		need = 3;
		cp = b0 & 0x07;
		if (b0 == 0xF0)
			lo = 0x90; // no overlongs
		else if (b0 == 0xF4)
			hi = 0x8F; // nothing above U+10FFFF
	} else {
		return { kReplacement, 1, false };
	}

	std::size_t i = 1;
	for (; i <= need; ++i) {
		if (pos + i >= s.size())
			return { kReplacement, i, false };
		const unsigned char b = byte(pos + i);
		const unsigned char min = i == 1 ? lo : 0x80;
		const unsigned char max = i == 1 ? hi : 0xBF;
		if (b < min || b > max)
			return { kReplacement, i, false };
		cp = (cp << 6) | (b & 0x3F);
	}
	return { cp, need + 1, true };
}

} /* namespace */

std::string_view alphabetName(Alphabet a) noexcept
{
	switch (a) {
	case Alphabet::Gsm7: return "gsm7";
	case Alphabet::EightBit: return "8bit";
	case Alphabet::Ucs2: return "ucs2";
	}
	return "unknown";
}

Result<std::vector<std::uint8_t>> hexDecode(std::string_view hex)
{
	std::vector<std::uint8_t> out;
	out.reserve(hex.size() / 2);
	for (std::size_t i = 0; i < hex.size(); ++i) {
		if (hexValue(hex[i]) < 0)
			return makeError(Errc::InvalidHex,
					 std::string("'") + hex[i] + "' is not a hex digit", i,
					 std::string(hex));
	}
	if (hex.size() % 2 != 0)
		return makeError(Errc::InvalidHex,
				 "odd number of hex digits (" + std::to_string(hex.size()) + ")",
				 hex.size() - 1, std::string(hex));
	for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
		out.push_back(static_cast<std::uint8_t>(hexValue(hex[i]) << 4 | hexValue(hex[i + 1])));
	return out;
}

std::string hexEncode(std::span<const std::uint8_t> bytes)
{
	static constexpr char kDigits[] = "0123456789ABCDEF";
	std::string out;
	out.reserve(bytes.size() * 2);
	for (std::uint8_t b : bytes) {
		out.push_back(kDigits[b >> 4]);
		out.push_back(kDigits[b & 0x0F]);
	}
	return out;
}

void appendUtf8(std::string &out, char32_t cp)
{
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = kReplacement;
	if (cp < 0x80) {
		out.push_back(static_cast<char>(cp));
	} else if (cp < 0x800) {
		out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
		out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
		out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
		out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
	} else {
		out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
		out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
		out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
		out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
	}
}

std::u32string utf8ToCodepoints(std::string_view utf8)
{
	std::u32string out;
	out.reserve(utf8.size());
	for (std::size_t pos = 0; pos < utf8.size();) {
		Utf8Step step = decodeUtf8At(utf8, pos);
		out.push_back(step.cp);
		pos += step.length;
	}
	return out;
}

bool isValidUtf8(std::string_view s) noexcept
{
	for (std::size_t pos = 0; pos < s.size();) {
		Utf8Step step = decodeUtf8At(s, pos);
		if (!step.valid)
			return false;
		pos += step.length;
	}
	return true;
}

std::size_t utf8SequenceLength(std::string_view s, std::size_t pos) noexcept
{
	if (pos >= s.size())
		return 0;
	Utf8Step step = decodeUtf8At(s, pos);
	return step.valid ? step.length : 0;
}

std::string utf16beToUtf8(std::span<const std::uint8_t> bytes)
{
	std::string out;
	out.reserve(bytes.size() * 3 / 2);
	const std::size_t units = bytes.size() / 2;
	const auto unitAt = [&](std::size_t i) {
		return static_cast<char32_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
	};
	for (std::size_t i = 0; i < units; ++i) {
		char32_t u = unitAt(i);
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
			char32_t low = unitAt(i + 1);
			if (low >= 0xDC00 && low <= 0xDFFF) {
				// RFC 2781 §2.2: a high + low surrogate pair is one supplementary code point.
				appendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
				++i;
				continue;
			}
		}
		// An unpaired surrogate becomes U+FFFD inside appendUtf8.
		appendUtf8(out, u);
	}
	if (bytes.size() % 2 != 0)
		appendUtf8(out, kReplacement);
	return out;
}

Result<std::vector<std::uint8_t>> utf8ToUtf16be(std::string_view utf8)
{
	std::vector<std::uint8_t> out;
	out.reserve(utf8.size() * 2);
	const auto pushUnit = [&](char32_t u) {
		out.push_back(static_cast<std::uint8_t>(u >> 8));
		out.push_back(static_cast<std::uint8_t>(u & 0xFF));
	};
	for (std::size_t pos = 0; pos < utf8.size();) {
		Utf8Step step = decodeUtf8At(utf8, pos);
		if (!step.valid)
			return makeError(Errc::InvalidUtf8, "byte is not valid UTF-8", pos,
					 std::string(utf8));
		if (step.cp >= 0x10000) {
			const char32_t v = step.cp - 0x10000;
			pushUnit(0xD800 + (v >> 10));
			pushUnit(0xDC00 + (v & 0x3FF));
		} else {
			pushUnit(step.cp);
		}
		pos += step.length;
	}
	return out;
}

} /* namespace zanryo */
