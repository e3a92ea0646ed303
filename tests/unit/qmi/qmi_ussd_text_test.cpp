#include <gtest/gtest.h>

#include "libmodem/qmi/qmi_ussd_text.hpp"

namespace zanryo {
namespace {

struct DecodeCase {
	const char *name;
	QmiUssScheme scheme;
	std::vector<std::uint8_t> bytes;
	const char *expected;
};

// Byte layouts of the "USS Data" TLV (qmi-service-voice.json: u8 scheme, u8 n, n bytes).
const DecodeCase kDecode[] = {
	{ "asciiBalance", QmiUssScheme::Ascii, { 'B', 'a', 'l', ' ', '1', '2', '.', '5', '0' }, "Bal 12.50" },
	// Latin-1 bytes under the ASCII scheme (a firmware passing 8859-1 through).
	{ "asciiLatin1Fallback", QmiUssScheme::Ascii, { 'C', 'r', 0xE9, 'd', 'i', 't' }, "Crédit" },
	// UCS-2 in QMI's little-endian order: "Баланс".
	{ "ucs2LittleEndianCyrillic", QmiUssScheme::Ucs2,
	  { 0x11, 0x04, 0x30, 0x04, 0x3B, 0x04, 0x30, 0x04, 0x3D, 0x04, 0x41, 0x04 }, "Баланс" },
	// The same text big-endian, as some firmwares copy the network's TS 23.038 octets.
	{ "ucs2BigEndianCyrillic", QmiUssScheme::Ucs2,
	  { 0x04, 0x11, 0x04, 0x30, 0x04, 0x3B, 0x04, 0x30, 0x04, 0x3D, 0x04, 0x41 }, "Баланс" },
	{ "ucs2LittleEndianLatin", QmiUssScheme::Ucs2, { 'O', 0, 'K', 0 }, "OK" },
	// 8-bit: GSM 7-bit septets one per octet ("Balance 5" unpacked).
	{ "eightBitUnpackedGsm", QmiUssScheme::EightBit, { 0x42, 0x61, 0x6C, 0x61, 0x6E, 0x63, 0x65, 0x20, 0x35 },
	  "Balance 5" },
	{ "unknownSchemeAsAscii", QmiUssScheme::Unknown, { 'h', 'i' }, "hi" },
	{ "emptyData", QmiUssScheme::Ascii, {}, "" },
};

class QmiUssDecode : public ::testing::TestWithParam<DecodeCase>
{
};

TEST_P(QmiUssDecode, givesUtf8)
{
	const DecodeCase &c = GetParam();
	auto r = decodeQmiUssData(c.scheme, c.bytes);
	ASSERT_TRUE(r) << r.error().message();
	EXPECT_EQ(*r, c.expected);
}

INSTANTIATE_TEST_SUITE_P(Tlvs, QmiUssDecode, ::testing::ValuesIn(kDecode),
			 [](const auto &p) { return std::string(p.param.name); });

TEST(QmiUssDecodeErrors, oddUcs2LengthIsMalformedWithOffset)
{
	std::vector<std::uint8_t> bytes{ 0x11, 0x04, 0x30 };
	auto r = decodeQmiUssData(QmiUssScheme::Ucs2, bytes);
	ASSERT_FALSE(r);
	EXPECT_EQ(r.error().code, make_error_code(Errc::Malformed));
	EXPECT_EQ(r.error().offset, 2u);
}

TEST(QmiUtf16, surrogatePairAndBmp)
{
	// "残量" and U+1F4F6 (antenna bars) as a surrogate pair.
	std::vector<std::uint16_t> units{ 0x6B8B, 0x91CF, 0xD83D, 0xDCF6 };
	EXPECT_EQ(decodeQmiUtf16(units), "残量\xF0\x9F\x93\xB6");
}

struct EncodeCase {
	const char *name;
	const char *text;
	QmiUssScheme scheme;
	std::vector<std::uint8_t> bytes;
};

const EncodeCase kEncode[] = {
	{ "balanceCode", "*100#", QmiUssScheme::Ascii, { '*', '1', '0', '0', '#' } },
	{ "menuAnswer", "1", QmiUssScheme::Ascii, { '1' } },
	// Non-ASCII answers go as UCS-2, little-endian like every QMI integer.
	{ "cyrillicAnswer", "Да", QmiUssScheme::Ucs2, { 0x14, 0x04, 0x30, 0x04 } },
};

class QmiUssEncode : public ::testing::TestWithParam<EncodeCase>
{
};

TEST_P(QmiUssEncode, picksTheScheme)
{
	const EncodeCase &c = GetParam();
	auto r = encodeQmiUssData(c.text);
	ASSERT_TRUE(r) << r.error().message();
	EXPECT_EQ(r->scheme, c.scheme);
	EXPECT_EQ(r->bytes, c.bytes);
}

INSTANTIATE_TEST_SUITE_P(Requests, QmiUssEncode, ::testing::ValuesIn(kEncode),
			 [](const auto &p) { return std::string(p.param.name); });

TEST(QmiUssEncodeErrors, rejectsEmptyInvalidAndTooLong)
{
	EXPECT_EQ(encodeQmiUssData("").error().code, make_error_code(Errc::InvalidValue));
	EXPECT_EQ(encodeQmiUssData("\xC3").error().code, make_error_code(Errc::InvalidUtf8));
	// 128 Cyrillic letters: 256 bytes of UCS-2, one more than the TLV's u8 length holds.
	std::string longText;
	for (int i = 0; i < 128; ++i)
		longText += "Д";
	auto r = encodeQmiUssData(longText);
	ASSERT_FALSE(r);
	EXPECT_EQ(r.error().code, make_error_code(Errc::InvalidLength));
}

} /* namespace */
} /* namespace zanryo */
