// EF_ICCID, EF_IMSI and EF_SPN as a SIM gives them to UIM Read Transparent or AT+CRSM.
#include <gtest/gtest.h>

#include "libmodem/codec/sim_files.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo {
namespace {

std::vector<std::uint8_t> hex(std::string_view h)
{
	return hexDecode(h).value();
}

TEST(SimFiles, iccidSwappedBcdWithPadding)
{
	// 19 digits: the last byte is padded with F (TS 102 221 §13.2).
	auto r = decodeEfIccid(hex("98181100214365870911"));
	ASSERT_TRUE(r) << r.error().message();
	EXPECT_EQ(*r, "89811100123456789011");
	auto padded = decodeEfIccid(hex("981811002143658709F1"));
	ASSERT_TRUE(padded) << padded.error().message();
	EXPECT_EQ(*padded, "8981110012345678901");
}

TEST(SimFiles, iccidWithALetterIsInvalid)
{
	auto r = decodeEfIccid(hex("98A81100214365870911"));
	ASSERT_FALSE(r);
	EXPECT_EQ(r.error().code, make_error_code(Errc::InvalidValue));
	EXPECT_EQ(r.error().offset, 1u);
}

TEST(SimFiles, imsiOddLength)
{
	// TS 31.102 §4.2.2: 08, then parity nibble 9 with digit 1 "4", "40", "01" ...
	auto r = decodeEfImsi(hex("084904011032547698"));
	ASSERT_TRUE(r) << r.error().message();
	EXPECT_EQ(*r, "440100123456789");
}

TEST(SimFiles, imsiUninitialisedAndTruncated)
{
	EXPECT_EQ(decodeEfImsi(hex("FFFFFFFFFFFFFFFFFF")).error().code, make_error_code(Errc::InvalidValue));
	EXPECT_EQ(decodeEfImsi(hex("0849041032")).error().code, make_error_code(Errc::InvalidLength));
	EXPECT_EQ(decodeEfImsi(hex("08")).error().code, make_error_code(Errc::Truncated));
}

TEST(SimFiles, spnGsmDefaultAlphabetPadded)
{
	// Display condition 01, "Sim MVNO", 0xFF padding to 16 bytes.
	auto r = decodeEfSpn(hex("0153696D204D564E4FFFFFFFFFFFFFFFFF"));
	ASSERT_TRUE(r) << r.error().message();
	EXPECT_EQ(*r, "Sim MVNO");
}

TEST(SimFiles, spnUcs2Forms)
{
	// 0x80: UCS-2 big-endian, "楽天" (Rakuten) then padding.
	auto r80 = decodeEfSpn(hex("0080697D5929FFFFFFFFFFFFFFFFFFFFFFFF"));
	ASSERT_TRUE(r80) << r80.error().message();
	EXPECT_EQ(*r80, "楽天");
	// 0x81: 3 characters, base 0x0400 >> 7 = 0x08: "МТС" is 0x041C 0x0422 0x0421.
	auto r81 = decodeEfSpn(hex("008103089CA2A1FFFFFFFFFFFFFFFFFFFFFFFF"));
	ASSERT_TRUE(r81) << r81.error().message();
	EXPECT_EQ(*r81, "\u041C\u0422\u0421");
	auto cut = decodeEfSpn(hex("008109"));
	ASSERT_FALSE(cut);
}

TEST(SimFiles, spnEmpty)
{
	auto r = decodeEfSpn(hex("00FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"));
	ASSERT_TRUE(r);
	EXPECT_EQ(*r, "");
}

} /* namespace */
} /* namespace zanryo */
