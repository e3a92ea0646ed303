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

// TS 23.038 Annex A.3.1: Turkish national language locking shift table. It differs from
// the default alphabet in 0x04 (€), 0x07 (ı), 0x0B/0x0C (Ğ ğ), 0x1C/0x1D (Ş ş), 0x40 (İ)
// and 0x60 (ç).
constexpr Gsm7Table kTurkishLocking = {
	U'@', U'£', U'$', U'¥', U'€', U'é', U'ù', U'ı', U'ò', U'Ç', U'\n', U'Ğ', U'ğ', U'\r', U'Å', U'å',
	U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', 0, U'Ş', U'ş', U'ß', U'É',
	U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*', U'+', U',', U'-', U'.', U'/',
	U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U':', U';', U'<', U'=', U'>', U'?',
	U'İ', U'A', U'B', U'C', U'D', U'E', U'F', U'G', U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O',
	U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', U'X', U'Y', U'Z', U'Ä', U'Ö', U'Ñ', U'Ü', U'§',
	U'ç', U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o',
	U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à',
};

// TS 23.038 Annex A.3.3: Portuguese national language locking shift table. Most Greek
// capitals give way to accented Portuguese letters; Φ Γ Ω Π Ψ Σ Θ move to the
// Portuguese single shift table.
constexpr Gsm7Table kPortugueseLocking = {
	U'@', U'£', U'$', U'¥', U'ê', U'é', U'ú', U'í', U'ó', U'ç', U'\n', U'Ô', U'ô', U'\r', U'Á', U'á',
	U'Δ', U'_', U'ª', U'Ç', U'À', U'∞', U'^', U'\\', U'€', U'Ó', U'|', 0, U'Â', U'â', U'Ê', U'É',
	U' ', U'!', U'"', U'#', U'º', U'%', U'&', U'\'', U'(', U')', U'*', U'+', U',', U'-', U'.', U'/',
	U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U':', U';', U'<', U'=', U'>', U'?',
	U'Í', U'A', U'B', U'C', U'D', U'E', U'F', U'G', U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O',
	U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', U'X', U'Y', U'Z', U'Ã', U'Õ', U'Ú', U'Ü', U'§',
	U'~', U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o',
	U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'ã', U'õ', U'`', U'ü', U'à',
};

// TS 23.038 §6.2.1.1: GSM 7 bit default alphabet extension table. 0x0A is the page
// break (shown as FORM FEED); 0x0D (CR2) and 0x1B (a further extension) are left
// unassigned so they decode to a space like any other unknown escape.
constexpr Entry kDefaultExtensionEntries[] = {
	{ 0x0A, U'\f' }, { 0x14, U'^' }, { 0x28, U'{' }, { 0x29, U'}' }, { 0x2F, U'\\' },
	{ 0x3C, U'[' }, { 0x3D, U'~' }, { 0x3E, U']' }, { 0x40, U'|' }, { 0x65, U'€' },
};
constexpr Gsm7Table kDefaultExtension = sparseTable(kDefaultExtensionEntries);

// TS 23.038 Annex A.2.1: Turkish national language single shift table: the default
// extension characters plus Ğ İ Ş ç ğ ı ş (and € at 0x65).
constexpr Entry kTurkishShiftEntries[] = {
	{ 0x0A, U'\f' }, { 0x14, U'^' }, { 0x28, U'{' }, { 0x29, U'}' }, { 0x2F, U'\\' },
	{ 0x3C, U'[' }, { 0x3D, U'~' }, { 0x3E, U']' }, { 0x40, U'|' }, { 0x47, U'Ğ' },
	{ 0x49, U'İ' }, { 0x53, U'Ş' }, { 0x63, U'ç' }, { 0x65, U'€' }, { 0x67, U'ğ' },
	{ 0x69, U'ı' }, { 0x73, U'ş' },
};
constexpr Gsm7Table kTurkishShift = sparseTable(kTurkishShiftEntries);

// TS 23.038 Annex A.2.2: Spanish national language single shift table (Spanish has no
// locking shift table, A.3.2 is void): the default extension plus ç Á Í Ó Ú á í ó ú.
constexpr Entry kSpanishShiftEntries[] = {
	{ 0x09, U'ç' }, { 0x0A, U'\f' }, { 0x14, U'^' }, { 0x28, U'{' }, { 0x29, U'}' },
	{ 0x2F, U'\\' }, { 0x3C, U'[' }, { 0x3D, U'~' }, { 0x3E, U']' }, { 0x40, U'|' },
	{ 0x41, U'Á' }, { 0x49, U'Í' }, { 0x4F, U'Ó' }, { 0x55, U'Ú' }, { 0x61, U'á' },
	{ 0x65, U'€' }, { 0x69, U'í' }, { 0x6F, U'ó' }, { 0x75, U'ú' },
};
constexpr Gsm7Table kSpanishShift = sparseTable(kSpanishShiftEntries);

// TS 23.038 Annex A.2.3: Portuguese national language single shift table.
constexpr Entry kPortugueseShiftEntries[] = {
	{ 0x05, U'ê' }, { 0x09, U'ç' }, { 0x0A, U'\f' }, { 0x0B, U'Ô' }, { 0x0C, U'ô' },
	{ 0x0E, U'Á' }, { 0x0F, U'á' }, { 0x12, U'Φ' }, { 0x13, U'Γ' }, { 0x14, U'^' },
	{ 0x15, U'Ω' }, { 0x16, U'Π' }, { 0x17, U'Ψ' }, { 0x18, U'Σ' }, { 0x19, U'Θ' },
	{ 0x1F, U'Ê' }, { 0x28, U'{' }, { 0x29, U'}' }, { 0x2F, U'\\' }, { 0x3C, U'[' },
	{ 0x3D, U'~' }, { 0x3E, U']' }, { 0x40, U'|' }, { 0x41, U'À' }, { 0x49, U'Í' },
	{ 0x4F, U'Ó' }, { 0x55, U'Ú' }, { 0x5B, U'Ã' }, { 0x5C, U'Õ' }, { 0x61, U'Â' },
	{ 0x65, U'€' }, { 0x69, U'í' }, { 0x6F, U'ó' }, { 0x75, U'ú' }, { 0x7B, U'ã' },
	{ 0x7C, U'õ' }, { 0x7F, U'â' },
};
constexpr Gsm7Table kPortugueseShift = sparseTable(kPortugueseShiftEntries);

/// A locking table must assign all 128 septets but ESC: an initializer one entry short
/// would otherwise compile and leave U+0000 (unassigned) at the end.
constexpr bool locksEverySeptet(const Gsm7Table &t)
{
	for (std::size_t i = 0; i < t.size(); ++i)
		if ((t[i] == 0) != (i == kGsm7Escape))
			return false;
	return true;
}

static_assert(locksEverySeptet(kDefaultAlphabet));
static_assert(locksEverySeptet(kTurkishLocking));
static_assert(locksEverySeptet(kPortugueseLocking));

} /* namespace */

const Gsm7Table &gsm7LockingTable(NationalLanguage lang) noexcept
{
	switch (lang) {
	case NationalLanguage::Default:
		return kDefaultAlphabet;
	case NationalLanguage::Turkish:
		return kTurkishLocking;
	case NationalLanguage::Spanish:
		// TS 23.038 A.3.2 is void: a Spanish locking shift means the default alphabet.
		return kDefaultAlphabet;
	case NationalLanguage::Portuguese:
		return kPortugueseLocking;
	}
	return kDefaultAlphabet;
}

const Gsm7Table &gsm7ShiftTable(NationalLanguage lang) noexcept
{
	switch (lang) {
	case NationalLanguage::Default:
		return kDefaultExtension;
	case NationalLanguage::Turkish:
		return kTurkishShift;
	case NationalLanguage::Spanish:
		return kSpanishShift;
	case NationalLanguage::Portuguese:
		return kPortugueseShift;
	}
	return kDefaultExtension;
}

} /* namespace zanryo::detail */
