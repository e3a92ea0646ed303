#include "libmodem/codec/gsm7.hpp"

#include <algorithm>

#include "libmodem/codec/gsm7_tables.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo {

namespace {

constexpr std::uint8_t kCr = 0x0D;

/// Septet of \a cp in \a table, or -1. Linear: 128 entries, and only encoders call it.
int findSeptet(const detail::Gsm7Table &table, char32_t cp) noexcept
{
	if (cp == 0)
		return -1; // U+0000 marks unassigned slots
	for (std::size_t i = 0; i < table.size(); ++i)
		if (table[i] == cp)
			return static_cast<int>(i);
	return -1;
}

} /* namespace */

std::vector<std::uint8_t> gsm7Pack(std::span<const std::uint8_t> septets, unsigned fillBits)
{
	// TS 23.038 §6.1.2.1.1: septets are written LSB first into consecutive octets; with
	// a UDH, fill bits come first so the text starts on a septet boundary (TS 23.040
	// §9.2.3.24). Fill bits above 6 are outside the spec; clamp so the size stays sane.
	fillBits = std::min(fillBits, 6u);
	const std::size_t totalBits = fillBits + septets.size() * 7;
	std::vector<std::uint8_t> out((totalBits + 7) / 8, 0);
	std::size_t bit = fillBits;
	for (std::uint8_t s : septets) {
		const unsigned v = s & 0x7Fu;
		const std::size_t byte = bit / 8;
		const unsigned shift = bit % 8;
		out[byte] |= static_cast<std::uint8_t>((v << shift) & 0xFF);
		if (shift > 1)
			out[byte + 1] |= static_cast<std::uint8_t>(v >> (8 - shift));
		bit += 7;
	}
	return out;
}

std::vector<std::uint8_t> gsm7Unpack(std::span<const std::uint8_t> packed, std::size_t septetCount,
				     unsigned fillBits)
{
	fillBits = std::min(fillBits, 6u);
	const std::size_t totalBits = packed.size() * 8;
	const std::size_t available = totalBits < fillBits ? 0 : (totalBits - fillBits) / 7;
	septetCount = std::min(septetCount, available);
	std::vector<std::uint8_t> out;
	out.reserve(septetCount);
	std::size_t bit = fillBits;
	for (std::size_t i = 0; i < septetCount; ++i, bit += 7) {
		const std::size_t byte = bit / 8;
		const unsigned shift = bit % 8;
		unsigned v = packed[byte] >> shift;
		if (shift > 1)
			v |= static_cast<unsigned>(packed[byte + 1]) << (8 - shift);
		out.push_back(static_cast<std::uint8_t>(v & 0x7F));
	}
	return out;
}

std::vector<std::uint8_t> gsm7PackUssd(std::span<const std::uint8_t> septets)
{
	// TS 23.038 §6.1.2.3.1: with 8n-1 characters the last octet has 7 spare bits that a
	// receiver would read as '@', so they carry CR instead. If the text itself ends with
	// CR on an octet boundary, one more CR is added so that the receiver does not strip
	// the wanted one as padding.
	std::vector<std::uint8_t> padded(septets.begin(), septets.end());
	if (padded.size() % 8 == 7)
		padded.push_back(kCr);
	else if (!padded.empty() && padded.size() % 8 == 0 && (padded.back() & 0x7F) == kCr)
		padded.push_back(kCr);
	return gsm7Pack(padded);
}

std::vector<std::uint8_t> gsm7UnpackUssd(std::span<const std::uint8_t> packed)
{
	std::vector<std::uint8_t> septets = gsm7Unpack(packed, packed.size() * 8 / 7);
	// TS 23.038 §6.1.2.3.1: a CR that ends exactly on an octet boundary (7 octets hold
	// 8 septets) is the padding of a 7-character group, not text.
	if (!septets.empty() && septets.size() % 8 == 0 && septets.back() == kCr)
		septets.pop_back();
	return septets;
}

std::string gsm7ToUtf8(std::span<const std::uint8_t> septets, Gsm7Tables tables)
{
	const detail::Gsm7Table &locking = detail::gsm7LockingTable(tables.locking);
	const detail::Gsm7Table &shift = detail::gsm7ShiftTable(tables.shift);
	std::string out;
	out.reserve(septets.size() + septets.size() / 2);
	for (std::size_t i = 0; i < septets.size(); ++i) {
		const std::uint8_t s = septets[i];
		if (s > 0x7F) {
			appendUtf8(out, 0xFFFD);
			continue;
		}
		if (s != detail::kGsm7Escape) {
			appendUtf8(out, locking[s]);
			continue;
		}
		if (i + 1 >= septets.size())
			break; // a lone ESC at the end has nothing to escape: drop it
		const std::uint8_t next = septets[++i];
		if (next > 0x7F) {
			appendUtf8(out, 0xFFFD);
			continue;
		}
		// TS 23.038 §6.2.1.1: a code the extension table does not hold is shown as a
		// space (the note allows the default-table character or a space; a space
		// cannot be mistaken for text the sender meant).
		const char32_t cp = shift[next];
		appendUtf8(out, cp != 0 ? cp : U' ');
	}
	return out;
}

unsigned gsm7EncodeCodepoint(char32_t cp, Gsm7Tables tables, std::uint8_t out[2]) noexcept
{
	// One septet from the locking table is always preferred to ESC + septet.
	if (int s = findSeptet(detail::gsm7LockingTable(tables.locking), cp); s >= 0) {
		out[0] = static_cast<std::uint8_t>(s);
		return 1;
	}
	if (int s = findSeptet(detail::gsm7ShiftTable(tables.shift), cp); s >= 0) {
		out[0] = detail::kGsm7Escape;
		out[1] = static_cast<std::uint8_t>(s);
		return 2;
	}
	return 0;
}

std::optional<std::vector<std::uint8_t>> utf8ToGsm7(std::string_view utf8, Gsm7Tables tables)
{
	if (!isValidUtf8(utf8))
		return std::nullopt;
	std::vector<std::uint8_t> septets;
	septets.reserve(utf8.size());
	for (char32_t cp : utf8ToCodepoints(utf8)) {
		std::uint8_t buf[2];
		const unsigned n = gsm7EncodeCodepoint(cp, tables, buf);
		if (n == 0)
			return std::nullopt;
		septets.insert(septets.end(), buf, buf + n);
	}
	return septets;
}

bool isGsm7Encodable(std::string_view utf8, Gsm7Tables tables)
{
	return utf8ToGsm7(utf8, tables).has_value();
}

} /* namespace zanryo */
