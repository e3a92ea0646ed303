#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "case_name.hpp"
#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo {
namespace {

using testing_support::PrintTo;

constexpr Gsm7Tables kDefault{};
constexpr Gsm7Tables kTurkish{ NationalLanguage::Turkish, NationalLanguage::Turkish };
constexpr Gsm7Tables kTurkishShiftOnly{ NationalLanguage::Default, NationalLanguage::Turkish };
constexpr Gsm7Tables kSpanish{ NationalLanguage::Default, NationalLanguage::Spanish };
constexpr Gsm7Tables kPortuguese{ NationalLanguage::Portuguese, NationalLanguage::Portuguese };
constexpr Gsm7Tables kPortugueseLockOnly{ NationalLanguage::Portuguese, NationalLanguage::Default };
constexpr Gsm7Tables kPortugueseShiftOnly{ NationalLanguage::Default, NationalLanguage::Portuguese };
constexpr Gsm7Tables kTurkishLockOnly{ NationalLanguage::Turkish, NationalLanguage::Default };

struct NationalCase {
	const char *name;
	Gsm7Tables tables;
	std::string_view text;
	std::vector<std::uint8_t> septets;
};

class Gsm7National : public testing::TestWithParam<NationalCase> {};

TEST_P(Gsm7National, encodesAndDecodes)
{
	const NationalCase &c = GetParam();
	auto septets = utf8ToGsm7(c.text, c.tables);
	ASSERT_TRUE(septets.has_value());
	EXPECT_EQ(*septets, c.septets);
	EXPECT_EQ(gsm7ToUtf8(c.septets, c.tables), c.text);
	// None of these texts fits the default tables: that is why the national ones exist.
	EXPECT_FALSE(isGsm7Encodable(c.text, kDefault));
}

INSTANTIATE_TEST_SUITE_P(Gsm7, Gsm7National,
	testing::Values(
		// TS 23.038 A.3.1: Ğ ğ at 0x0B/0x0C, Ş ş at 0x1C/0x1D, İ at 0x40, ı at 0x07, ç at 0x60.
		NationalCase{ "turkishLocking", kTurkish, "ĞğŞşİıç",
			      { 0x0B, 0x0C, 0x1C, 0x1D, 0x40, 0x07, 0x60 } },
		NationalCase{ "turkishLockingWord", kTurkish, "Kalan bakiye: 5 TL, iyi günler. Şükran",
			      { 0x4B, 0x61, 0x6C, 0x61, 0x6E, 0x20, 0x62, 0x61, 0x6B, 0x69, 0x79, 0x65,
				0x3A, 0x20, 0x35, 0x20, 0x54, 0x4C, 0x2C, 0x20, 0x69, 0x79, 0x69, 0x20,
				0x67, 0x7E, 0x6E, 0x6C, 0x65, 0x72, 0x2E, 0x20, 0x1C, 0x7E, 0x6B, 0x72,
				0x61, 0x6E } },
		// TS 23.038 A.2.1: with only the single shift table, ğ ş İ need ESC.
		NationalCase{ "turkishSingleShift", kTurkishShiftOnly, "ğşİ",
			      { 0x1B, 0x67, 0x1B, 0x73, 0x1B, 0x49 } },
		// TS 23.038 A.2.2: Spanish accented vowels are in the single shift table.
		NationalCase{ "spanishSingleShift", kSpanish, "á í ó ú",
			      { 0x1B, 0x61, 0x20, 0x1B, 0x69, 0x20, 0x1B, 0x6F, 0x20, 0x1B, 0x75 } },
		NationalCase{ "spanishCapitalsAndCedilla", kSpanish, "ÁÍÓÚç",
			      { 0x1B, 0x41, 0x1B, 0x49, 0x1B, 0x4F, 0x1B, 0x55, 0x1B, 0x09 } },
		// TS 23.038 A.3.3: ã õ ç are single septets in the Portuguese locking table.
		NationalCase{ "portugueseLocking", kPortuguese, "ã õ ç",
			      { 0x7B, 0x20, 0x7C, 0x20, 0x09 } },
		NationalCase{ "portugueseSaldo", kPortuguese, "Saldo disponível: R$ 12,50 até amanhã",
			      { 0x53, 0x61, 0x6C, 0x64, 0x6F, 0x20, 0x64, 0x69, 0x73, 0x70, 0x6F, 0x6E,
				0x07, 0x76, 0x65, 0x6C, 0x3A, 0x20, 0x52, 0x02, 0x20, 0x31, 0x32, 0x2C,
				0x35, 0x30, 0x20, 0x61, 0x74, 0x05, 0x20, 0x61, 0x6D, 0x61, 0x6E, 0x68,
				0x7B } },
		// TS 23.038 A.2.3: with the default locking table, ã õ come through ESC.
		NationalCase{ "portugueseSingleShift", kPortugueseShiftOnly, "ãõÂ", { 0x1B, 0x7B, 0x1B, 0x7C, 0x1B, 0x61 } },
		// Greek capitals leave the Portuguese locking table for its single shift table.
		NationalCase{ "portugueseGreekThroughShift", kPortuguese, "ΦΩ∞",
			      { 0x1B, 0x12, 0x1B, 0x15, 0x15 } }),
	testing_support::CaseName{});

struct SameSeptetCase {
	const char *name;
	Gsm7Tables tables;
	std::string_view text;
};

class Gsm7SameSeptet : public testing::TestWithParam<SameSeptetCase> {};

TEST_P(Gsm7SameSeptet, septet04DependsOnLockingTable)
{
	const std::uint8_t septets[] = { 0x04, 0x40, 0x60 };
	EXPECT_EQ(gsm7ToUtf8(septets, GetParam().tables), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(Gsm7, Gsm7SameSeptet,
	testing::Values(SameSeptetCase{ "defaultAlphabet", kDefault, "è¡¿" },
			SameSeptetCase{ "turkishLocking", kTurkish, "€İç" },
			SameSeptetCase{ "portugueseLocking", kPortuguese, "êÍ~" },
			// A.3.2 is void: a Spanish locking shift falls back to the default alphabet.
			SameSeptetCase{ "spanishLockingIsDefault",
					Gsm7Tables{ NationalLanguage::Spanish, NationalLanguage::Default },
					"è¡¿" }),
	testing_support::CaseName{});

TEST(Gsm7National, extensionStillReachableWithNationalLocking)
{
	// Turkish locking + default extension: '{' and '€' through ESC as usual, but '€' has
	// a locking position (0x04) in Turkish and so takes one septet.
	auto septets = utf8ToGsm7("{€}", kTurkishLockOnly);
	ASSERT_TRUE(septets.has_value());
	EXPECT_EQ(*septets, (std::vector<std::uint8_t>{ 0x1B, 0x28, 0x04, 0x1B, 0x29 }));
}

TEST(Gsm7National, unknownEscapeInNationalShiftIsSpace)
{
	// 0x30 is not assigned in the Spanish single shift table (§6.2.1.1 rule applies).
	const std::uint8_t septets[] = { 0x1B, 0x30, 0x41 };
	EXPECT_EQ(gsm7ToUtf8(septets, kSpanish), " A");
}

TEST(Gsm7National, everyTableRoundTrips)
{
	const Gsm7Tables all[] = { kDefault, kTurkish, kTurkishShiftOnly, kTurkishLockOnly, kSpanish,
				   kPortuguese, kPortugueseLockOnly, kPortugueseShiftOnly };
	for (const Gsm7Tables &tables : all) {
		for (std::uint8_t s = 0; s < 128; ++s) {
			const std::uint8_t plain[] = { s };
			const std::uint8_t escaped[] = { 0x1B, s };
			for (std::span<const std::uint8_t> in :
			     { std::span<const std::uint8_t>(plain), std::span<const std::uint8_t>(escaped) }) {
				const std::string text = gsm7ToUtf8(in, tables);
				if (text.empty() || text == " ")
					continue; // ESC alone, or an unassigned escape
				auto back = utf8ToGsm7(text, tables);
				ASSERT_TRUE(back.has_value()) << hexEncode(in);
				// The encoder may find a shorter form (a character in both tables) but
				// it must decode to the same text.
				EXPECT_EQ(gsm7ToUtf8(*back, tables), text) << hexEncode(in);
				EXPECT_LE(back->size(), in.size());
			}
		}
	}
}

} // namespace
} // namespace zanryo
