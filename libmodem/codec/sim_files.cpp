#include "libmodem/codec/sim_files.hpp"

#include <vector>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo {

namespace {

/// Digits of swapped BCD, low nibble first, stopping at the first 0xF.
Result<std::string> swappedBcd(std::span<const std::uint8_t> bytes, std::size_t skipNibbles, std::size_t base)
{
	std::string out;
	for (std::size_t n = skipNibbles; n < bytes.size() * 2; ++n) {
		std::uint8_t b = bytes[n / 2];
		unsigned nibble = (n % 2 == 0) ? (b & 0x0F) : (b >> 4);
		if (nibble == 0x0F)
			break;
		if (nibble > 9)
			return makeError(Errc::InvalidValue, "nibble 0x" + std::string(1, "0123456789ABCDEF"[nibble]) +
								     " where a BCD digit is required",
					 base + n / 2, hexEncode(bytes));
		out += static_cast<char>('0' + nibble);
	}
	return out;
}

} /* namespace */

Result<std::string> decodeEfIccid(std::span<const std::uint8_t> bytes)
{
	if (bytes.empty())
		return makeError(Errc::InvalidLength, "EF_ICCID is empty");
	auto digits = swappedBcd(bytes, 0, 0);
	if (!digits)
		return digits.error();
	if (digits->empty())
		return makeError(Errc::InvalidValue, "EF_ICCID holds no digit", 0, hexEncode(bytes));
	return digits;
}

Result<std::string> decodeEfImsi(std::span<const std::uint8_t> bytes)
{
	if (bytes.size() < 2)
		return makeError(Errc::Truncated, "EF_IMSI is shorter than its length byte and one digit", 0,
				 hexEncode(bytes));
	std::size_t len = bytes[0];
	if (len == 0xFF)
		return makeError(Errc::InvalidValue, "EF_IMSI is not initialised (length 0xFF)", 0, hexEncode(bytes));
	if (len == 0 || len > 8 || len + 1 > bytes.size())
		return makeError(Errc::InvalidLength, "EF_IMSI length byte " + std::to_string(len) + " does not fit", 0,
				 hexEncode(bytes));
	// The low nibble of the first BCD byte is the parity/type field: skip it.
	auto digits = swappedBcd(bytes.subspan(1, len), 1, 1);
	if (!digits)
		return digits.error();
	if (digits->size() < 6)
		return makeError(Errc::InvalidLength, "EF_IMSI holds fewer than 6 digits", 0, hexEncode(bytes));
	return digits;
}

Result<std::string> decodeEfSpn(std::span<const std::uint8_t> bytes)
{
	if (bytes.empty())
		return makeError(Errc::InvalidLength, "EF_SPN is empty");
	std::span<const std::uint8_t> name = bytes.subspan(1);
	if (name.empty())
		return std::string();
	switch (name[0]) {
	case 0x80: {
		// TS 102 221 Annex A: UCS-2 big-endian after 0x80, 0xFFFF padding.
		std::vector<std::uint8_t> units;
		for (std::size_t i = 1; i + 1 < name.size(); i += 2) {
			if (name[i] == 0xFF && name[i + 1] == 0xFF)
				break;
			units.push_back(name[i]);
			units.push_back(name[i + 1]);
		}
		return utf16beToUtf8(units);
	}
	case 0x81:
	case 0x82: {
		// 0x81: count, 8-bit base pointer (bits 15..8 of the base); 0x82: count, 16-bit
		// base. Then one byte per character: below 0x80 a GSM 7-bit default alphabet
		// character, 0x80 and above (base + the low seven bits) in UCS-2.
		bool wide = name[0] == 0x82;
		std::size_t header = wide ? 4 : 3;
		if (name.size() < header)
			return makeError(Errc::Truncated, "EF_SPN UCS-2 header is cut short", 1, hexEncode(bytes));
		std::size_t count = name[1];
		char32_t base = wide ? static_cast<char32_t>(name[2] << 8 | name[3]) : static_cast<char32_t>(name[2]) << 7;
		if (header + count > name.size())
			return makeError(Errc::InvalidLength, "EF_SPN UCS-2 count runs past the file", 2, hexEncode(bytes));
		std::string out;
		for (std::size_t i = 0; i < count; ++i) {
			std::uint8_t c = name[header + i];
			if (c < 0x80) {
				std::uint8_t septet[1] = { c };
				out += gsm7ToUtf8(septet);
			} else {
				appendUtf8(out, base + (c & 0x7F));
			}
		}
		return out;
	}
	default: {
		std::vector<std::uint8_t> septets;
		for (std::uint8_t c : name) {
			if (c == 0xFF)
				break;
			septets.push_back(c & 0x7F);
		}
		return gsm7ToUtf8(septets);
	}
	}
}

} /* namespace zanryo */
