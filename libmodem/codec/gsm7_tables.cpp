#include "libmodem/codec/gsm7_tables.hpp"

namespace zanryo::detail {

namespace {

/// Builds a table from (septet, code point) pairs; everything else stays unassigned.
struct Entry {
	std::uint8_t septet;
	char32_t cp;
};

template<std::size_t N>
constexpr Gsm7Table sparseTable(const Entry (&entries)[N])
{
	Gsm7Table t{};
	for (const Entry &e : entries)
		t[e.septet] = e.cp;
	return t;
}

// TS 23.038 §6.2.1: GSM 7 bit default alphabet. 0x1B is the escape to the extension
// table and holds no character (U+0000 marks it).
constexpr Gsm7Table kDefaultAlphabet = {
	U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç', U'\n', U'Ø', U'ø', U'\r', U'Å', U'å',
	U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', 0, U'Æ', U'æ', U'ß', U'É',
	U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*', U'+', U',', U'-', U'.', U'/',
	U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U':', U';', U'<', U'=', U'>', U'?',
	U'¡', U'A', U'B', U'C', U'D', U'E', U'F', U'G', U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O',
	U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', U'X', U'Y', U'Z', U'Ä', U'Ö', U'Ñ', U'Ü', U'§',
	U'¿', U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o',
	U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à',
};

// TS 23.038 §6.2.1.1: GSM 7 bit default alphabet extension table. 0x0A is the page
// break (shown as FORM FEED); 0x0D (CR2) and 0x1B (a further extension) are left
// unassigned so they decode to a space like any other unknown escape.
constexpr Entry kDefaultExtensionEntries[] = {
	{ 0x0A, U'\f' }, { 0x14, U'^' }, { 0x28, U'{' }, { 0x29, U'}' }, { 0x2F, U'\\' },
	{ 0x3C, U'[' }, { 0x3D, U'~' }, { 0x3E, U']' }, { 0x40, U'|' }, { 0x65, U'€' },
};
constexpr Gsm7Table kDefaultExtension = sparseTable(kDefaultExtensionEntries);

} /* namespace */

const Gsm7Table &gsm7LockingTable(NationalLanguage lang) noexcept
{
	switch (lang) {
	case NationalLanguage::Default:
	case NationalLanguage::Turkish:
	case NationalLanguage::Spanish:
	case NationalLanguage::Portuguese:
		return kDefaultAlphabet;
	}
	return kDefaultAlphabet;
}

const Gsm7Table &gsm7ShiftTable(NationalLanguage lang) noexcept
{
	switch (lang) {
	case NationalLanguage::Default:
	case NationalLanguage::Turkish:
	case NationalLanguage::Spanish:
	case NationalLanguage::Portuguese:
		return kDefaultExtension;
	}
	return kDefaultExtension;
}

} /* namespace zanryo::detail */
