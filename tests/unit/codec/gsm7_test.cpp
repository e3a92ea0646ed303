#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"
#include "case_name.hpp"

namespace zanryo {
namespace {

using testing_support::PrintTo;

std::vector<std::uint8_t> septetsOf(std::string_view utf8, Gsm7Tables tables = {})
{
	auto s = utf8ToGsm7(utf8, tables);
	EXPECT_TRUE(s.has_value()) << utf8;
	return s.value_or(std::vector<std::uint8_t>{});
}

std::vector<std::uint8_t> bytesOf(std::string_view hex)
{
	auto r = hexDecode(hex);
	EXPECT_TRUE(r.ok()) << hex;
	return r.ok() ? *r : std::vector<std::uint8_t>{};
}

struct PackCase {
	const char *name;
	std::string_view text;
	unsigned fillBits;
	std::string_view packedHex;
};

class Gsm7PackVectors : public testing::TestWithParam<PackCase> {};

TEST_P(Gsm7PackVectors, packAndUnpack)
{
	const PackCase &c = GetParam();
	const std::vector<std::uint8_t> septets = septetsOf(c.text);
	EXPECT_EQ(hexEncode(gsm7Pack(septets, c.fillBits)), c.packedHex);
	const std::vector<std::uint8_t> unpacked =
		gsm7Unpack(bytesOf(c.packedHex), septets.size(), c.fillBits);
	EXPECT_EQ(gsm7ToUtf8(unpacked), c.text);
}

INSTANTIATE_TEST_SUITE_P(Gsm7, Gsm7PackVectors,
	testing::Values(
		// TS 23.038 §6.1.2.1.1 packing: 10 septets in 9 octets.
		PackCase{ "hellohello", "hellohello", 0, "E8329BFD4697D9EC37" },
		PackCase{ "helloWorld", "hello world", 0, "E8329BFD06DDDF723619" },
		// Eight septets fill seven octets exactly.
		PackCase{ "eightDigitsFillSevenOctets", "12345678", 0, "31D98C56B3DD70" },
		// TS 23.040 §9.2.3.24: after a 6-octet concatenation UDH one fill bit aligns
		// the text to a septet boundary.
		PackCase{ "hellohelloOneFillBit", "hellohello", 1, "D06536FB8D2EB3D96F" },
		PackCase{ "atSignIsSeptetZero", "@@", 0, "0000" },
		PackCase{ "empty", "", 0, "" }),
	testing_support::CaseName{});

TEST(Gsm7, fillBitsPlaceTheFirstSeptet)
{
	const std::uint8_t all[] = { 0x7F };
	EXPECT_EQ(hexEncode(gsm7Pack(all, 1)), "FE");
	EXPECT_EQ(hexEncode(gsm7Pack(all, 6)), "C01F");
	EXPECT_EQ(gsm7Unpack(bytesOf("C01F"), 1, 6), std::vector<std::uint8_t>{ 0x7F });
}

TEST(Gsm7, packMasksValuesAbove127)
{
	const std::uint8_t high[] = { 0xE8, 0xE5 }; // 'h','e' with bit 7 set
	EXPECT_EQ(gsm7Pack(high), gsm7Pack(septetsOf("he")));
}

TEST(Gsm7, unpackStopsAtEndOfInput)
{
	// Nine octets hold ten septets; asking for 160 returns what is there, no overread.
	EXPECT_EQ(gsm7Unpack(bytesOf("E8329BFD4697D9EC37"), 160).size(), 10u);
	EXPECT_TRUE(gsm7Unpack({}, 5).empty());
	EXPECT_TRUE(gsm7Unpack(bytesOf("FF"), 5, 6).empty());
}

struct UssdPackCase {
	const char *name;
	std::string_view text;
	std::string_view packedHex;
	std::string_view unpackedText; // what a receiver reads back
};

class Gsm7UssdPadding : public testing::TestWithParam<UssdPackCase> {};

TEST_P(Gsm7UssdPadding, crPaddingRule)
{
	const UssdPackCase &c = GetParam();
	EXPECT_EQ(hexEncode(gsm7PackUssd(septetsOf(c.text))), c.packedHex);
	EXPECT_EQ(gsm7ToUtf8(gsm7UnpackUssd(bytesOf(c.packedHex))), c.unpackedText);
}

INSTANTIATE_TEST_SUITE_P(Gsm7, Gsm7UssdPadding,
	testing::Values(
		// Huawei E3372 wants AT+CUSD=1,"AA180C3602",15 for *100#.
		UssdPackCase{ "star100Hash", "*100#", "AA180C3602", "*100#" },
		// TS 23.038 §6.1.2.3.1: 7 characters leave 7 spare bits, filled with CR
		// (0x0D << 1 = 0x1A) instead of zeros that would read as '@'.
		UssdPackCase{ "sevenCharsGetCrPad", "1234567", "31D98C56B3DD1A", "1234567" },
		UssdPackCase{ "star101Star1Hash", "*101*1#", "AA182CA68A8D1A", "*101*1#" },
		// Eight characters fill seven octets: no padding needed.
		UssdPackCase{ "eightCharsNoPad", "12345678", "31D98C56B3DD70", "12345678" },
		// §6.1.2.3.1: a wanted CR on an octet boundary gets a second CR, and the
		// receiver keeps both (CR twice is harmless).
		UssdPackCase{ "wantedCrOnBoundary", "1234567\r", "31D98C56B3DD1A0D", "1234567\r\r" },
		UssdPackCase{ "empty", "", "", "" }),
	testing_support::CaseName{});

TEST(Gsm7, zeroPaddedSevenCharsReadAsTrailingAt)
{
	// A sender that ignores §6.1.2.3.1 pads with zeros: the receiver sees '@' (0x00).
	EXPECT_EQ(gsm7ToUtf8(gsm7UnpackUssd(bytesOf("31D98C56B3DD00"))), "1234567@");
}

struct DecodeCase {
	const char *name;
	std::vector<std::uint8_t> septets;
	std::string_view utf8;
};

class Gsm7Decode : public testing::TestWithParam<DecodeCase> {};

TEST_P(Gsm7Decode, toUtf8)
{
	EXPECT_EQ(gsm7ToUtf8(GetParam().septets), GetParam().utf8);
}

INSTANTIATE_TEST_SUITE_P(Gsm7, Gsm7Decode,
	testing::Values(
		// TS 23.038 §6.2.1: '@' is 0x00, '£' 0x01, '$' 0x02, '¤' 0x24, '¡' 0x40, '§' 0x5F.
		DecodeCase{ "atPoundDollar", { 0x00, 0x01, 0x02 }, "@£$" },
		DecodeCase{ "currencySign", { 0x24 }, "¤" },
		DecodeCase{ "invertedMarks", { 0x40, 0x60 }, "¡¿" },
		DecodeCase{ "greekCapitals", { 0x10, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A },
			    "ΔΦΓΛΩΠΨΣΘΞ" },
		DecodeCase{ "lineFeedAndCr", { 0x0A, 0x0D }, "\n\r" },
		// §6.2.1.1 extension table.
		DecodeCase{ "euroSign", { 0x1B, 0x65 }, "€" },
		DecodeCase{ "bracesAndBrackets", { 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x3C, 0x1B, 0x3E }, "{}[]" },
		DecodeCase{ "caretTildePipeBackslash", { 0x1B, 0x14, 0x1B, 0x3D, 0x1B, 0x40, 0x1B, 0x2F },
			    "^~|\\" },
		DecodeCase{ "pageBreakIsFormFeed", { 0x1B, 0x0A }, "\f" },
		// §6.2.1.1: ESC followed by a code the table does not hold shows a space.
		DecodeCase{ "escUnknownIsSpace", { 0x41, 0x1B, 0x41, 0x42 }, "A B" },
		DecodeCase{ "escEscIsSpace", { 0x1B, 0x1B, 0x43 }, " C" },
		DecodeCase{ "trailingLoneEscDropped", { 0x41, 0x1B }, "A" },
		DecodeCase{ "valueAbove127", { 0x41, 0x80, 0xFF }, "A\uFFFD\uFFFD" },
		DecodeCase{ "escThenAbove127", { 0x1B, 0xC1 }, "\uFFFD" }),
	testing_support::CaseName{});

TEST(Gsm7, encodePrefersLockingTableAndEscapesExtension)
{
	std::uint8_t out[2] = { 0xAA, 0xAA };
	EXPECT_EQ(gsm7EncodeCodepoint(U'@', {}, out), 1u);
	EXPECT_EQ(out[0], 0x00);
	EXPECT_EQ(gsm7EncodeCodepoint(U'€', {}, out), 2u);
	EXPECT_EQ(out[0], 0x1B);
	EXPECT_EQ(out[1], 0x65);
	EXPECT_EQ(gsm7EncodeCodepoint(U'б', {}, out), 0u);
	EXPECT_EQ(gsm7EncodeCodepoint(0, {}, out), 0u);
}

TEST(Gsm7, utf8ToGsm7RoundTripsEveryDefaultCharacter)
{
	std::string all;
	for (std::uint8_t s = 0; s < 128; ++s) {
		if (s == 0x1B)
			continue;
		const std::uint8_t one[] = { s };
		all += gsm7ToUtf8(one);
	}
	all += "€{}[]~^|\\\f";
	auto septets = utf8ToGsm7(all);
	ASSERT_TRUE(septets.has_value());
	EXPECT_EQ(septets->size(), 127u + 2 * 10u);
	EXPECT_EQ(gsm7ToUtf8(*septets), all);
}

struct EncodableCase {
	const char *name;
	std::string_view utf8;
	bool encodable;
};

class Gsm7Encodable : public testing::TestWithParam<EncodableCase> {};

TEST_P(Gsm7Encodable, defaultTables)
{
	EXPECT_EQ(isGsm7Encodable(GetParam().utf8), GetParam().encodable);
	EXPECT_EQ(utf8ToGsm7(GetParam().utf8).has_value(), GetParam().encodable);
}

INSTANTIATE_TEST_SUITE_P(Gsm7, Gsm7Encodable,
	testing::Values(EncodableCase{ "ussdCode", "*100#", true },
			EncodableCase{ "menuAnswer", "1", true },
			EncodableCase{ "germanUmlauts", "Grüße", true },
			EncodableCase{ "cyrillic", "Баланс", false },
			EncodableCase{ "japanese", "残量", false },
			EncodableCase{ "emoji", "\xF0\x9F\x98\x80", false },
			EncodableCase{ "invalidUtf8", "ab\xFF", false },
			// 'ç' is not in the default alphabet (0x09 is capital 'Ç').
			EncodableCase{ "smallCCedilla", "ç", false }),
	testing_support::CaseName{});

} // namespace
} // namespace zanryo
