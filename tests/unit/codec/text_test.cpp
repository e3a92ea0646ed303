#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libmodem/codec/text.hpp"
#include "case_name.hpp"

namespace zanryo {
namespace {

using testing_support::PrintTo;

std::vector<std::uint8_t> bytesOf(std::string_view hex)
{
	auto r = hexDecode(hex);
	EXPECT_TRUE(r.ok()) << hex;
	return r.ok() ? *r : std::vector<std::uint8_t>{};
}

TEST(Hex, decodesBothCases)
{
	auto r = hexDecode("00ffA9");
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(*r, (std::vector<std::uint8_t>{ 0x00, 0xFF, 0xA9 }));
	EXPECT_EQ(hexEncode(*r), "00FFA9");
	auto empty = hexDecode("");
	ASSERT_TRUE(empty.ok());
	EXPECT_TRUE(empty->empty());
}

struct BadHexCase {
	const char *name;
	std::string_view hex;
	std::size_t offset;
};

class HexRejects : public testing::TestWithParam<BadHexCase> {};

TEST_P(HexRejects, namesOffset)
{
	auto r = hexDecode(GetParam().hex);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, Errc::InvalidHex);
	EXPECT_EQ(r.error().offset, GetParam().offset);
}

INSTANTIATE_TEST_SUITE_P(Text, HexRejects,
	testing::Values(BadHexCase{ "oddLength", "ABC", 2 },
			BadHexCase{ "letterG", "00G0", 2 },
			BadHexCase{ "embeddedSpace", "04 1F", 2 },
			BadHexCase{ "quotedPayload", "\"0041\"", 0 },
			BadHexCase{ "nulByte", std::string_view("00\0" "0", 4), 2 }),
	testing_support::CaseName{});

TEST(Utf8, appendEncodesEveryLength)
{
	std::string s;
	appendUtf8(s, U'A');
	appendUtf8(s, U'é');
	appendUtf8(s, U'€');
	appendUtf8(s, 0x1F600);
	EXPECT_EQ(s, "Aé€\xF0\x9F\x98\x80");
	std::string bad;
	appendUtf8(bad, 0xD800);      // a lone surrogate is not a character
	appendUtf8(bad, 0x110000);    // beyond Unicode
	EXPECT_EQ(bad, "\uFFFD\uFFFD");
}

struct Utf8Case {
	const char *name;
	std::string_view input;
	bool valid;
	std::u32string codepoints;
};

class Utf8Decode : public testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Decode, lenientAndStrictAgree)
{
	const Utf8Case &c = GetParam();
	EXPECT_EQ(isValidUtf8(c.input), c.valid);
	EXPECT_EQ(utf8ToCodepoints(c.input), c.codepoints);
}

// Invalid cases follow Unicode §3.9 "U+FFFD substitution of maximal subparts".
INSTANTIATE_TEST_SUITE_P(Text, Utf8Decode,
	testing::Values(
		Utf8Case{ "ascii", "*100#", true, U"*100#" },
		Utf8Case{ "cyrillicBalance", "Баланс", true, U"Баланс" },
		Utf8Case{ "japaneseDataLeft", "データ残量", true, U"データ残量" },
		Utf8Case{ "emojiU1F600", "\xF0\x9F\x98\x80", true, U"\U0001F600" },
		Utf8Case{ "maxCodepoint", "\xF4\x8F\xBF\xBF", true, U"\U0010FFFF" },
		Utf8Case{ "overlongSlash", "\xC0\xAF", false, U"\uFFFD\uFFFD" },
		Utf8Case{ "overlongThreeByte", "\xE0\x80\xAF", false, U"\uFFFD\uFFFD\uFFFD" },
		Utf8Case{ "encodedSurrogate", "\xED\xA0\x80", false, U"\uFFFD\uFFFD\uFFFD" },
		Utf8Case{ "aboveU10FFFF", "\xF4\x90\x80\x80", false, U"\uFFFD\uFFFD\uFFFD\uFFFD" },
		Utf8Case{ "truncatedEuro", "a\xE2\x82", false, U"a\uFFFD" },
		Utf8Case{ "loneContinuation", "\x80z", false, U"\uFFFDz" },
		Utf8Case{ "latin1Byte", "caf\xE9!", false, U"caf\uFFFD!" },
		Utf8Case{ "byteFF", "\xFF", false, U"\uFFFD" }),
	testing_support::CaseName{});

struct Utf16Case {
	const char *name;
	std::string_view hex;
	std::string_view utf8;
};

class Utf16RoundTrip : public testing::TestWithParam<Utf16Case> {};

TEST_P(Utf16RoundTrip, bothWays)
{
	const Utf16Case &c = GetParam();
	const std::vector<std::uint8_t> bytes = bytesOf(c.hex);
	EXPECT_EQ(utf16beToUtf8(bytes), c.utf8);
	auto back = utf8ToUtf16be(c.utf8);
	ASSERT_TRUE(back.ok());
	EXPECT_EQ(hexEncode(*back), c.hex);
}

INSTANTIATE_TEST_SUITE_P(Text, Utf16RoundTrip,
	testing::Values(
		Utf16Case{ "latinStar100", "002A0031003000300023", "*100#" },
		Utf16Case{ "cyrillicBalance", "04110430043B0430043D0441", "Баланс" },
		Utf16Case{ "japaneseNokori", "6B8B91CF", "残量" },
		Utf16Case{ "arabicRaseed", "06310635064A062F", "رصيد" },
		Utf16Case{ "emojiU1F600SurrogatePair", "D83DDE00", "\U0001F600" },
		Utf16Case{ "lastPlane", "DBFFDFFF", "\U0010FFFF" },
		Utf16Case{ "empty", "", "" }),
	testing_support::CaseName{});

struct BrokenUtf16Case {
	const char *name;
	std::string_view hex;
	std::string_view utf8;
};

class Utf16Lenient : public testing::TestWithParam<BrokenUtf16Case> {};

TEST_P(Utf16Lenient, replacesInvalidUnits)
{
	EXPECT_EQ(utf16beToUtf8(bytesOf(GetParam().hex)), GetParam().utf8);
}

INSTANTIATE_TEST_SUITE_P(Text, Utf16Lenient,
	testing::Values(
		BrokenUtf16Case{ "loneHighSurrogateAtEnd", "0041D83D", "A\uFFFD" },
		BrokenUtf16Case{ "loneLowSurrogate", "DE000041", "\uFFFDA" },
		BrokenUtf16Case{ "highThenHigh", "D83DD83DDE00", "\uFFFD\U0001F600" },
		BrokenUtf16Case{ "highThenLetter", "D83D0042", "\uFFFDB" },
		BrokenUtf16Case{ "oddTrailingByte", "004100", "A\uFFFD" }),
	testing_support::CaseName{});

TEST(Utf16, encodeRejectsInvalidUtf8WithOffset)
{
	auto r = utf8ToUtf16be("ab\xC3(");
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, Errc::InvalidUtf8);
	EXPECT_EQ(r.error().offset, 2u);
}

TEST(Alphabet, names)
{
	EXPECT_EQ(alphabetName(Alphabet::Gsm7), "gsm7");
	EXPECT_EQ(alphabetName(Alphabet::EightBit), "8bit");
	EXPECT_EQ(alphabetName(Alphabet::Ucs2), "ucs2");
}

} // namespace
} // namespace zanryo
