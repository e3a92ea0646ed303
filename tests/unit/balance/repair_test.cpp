// Replies that reached zanryo mis-decoded (docs/balance.md, "Mis-decoded replies"): the
// repair before extraction, and the replies it must leave alone. The corpus cases of
// each class are in tests/data/replies/misdecoded.jsonl.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "../codec/case_name.hpp"
#include "libmodem/balance/extract.hpp"
#include "libmodem/balance/extract_repair.hpp"

namespace zanryo {
namespace {

using testing_support::CaseName;

struct RepairCase {
	const char *name;
	const char *country;
	std::string text;
	const char *repaired; // "" = left alone
	const char *result;   // the repaired text; nullptr when left alone
};

const RepairCase kCases[] = {
	// Hex passed through as text (the hex strings of the sources in misdecoded.jsonl).
	{ "tele2PackedGsm7HexChanDongle38", "RU", "CF2135487D2E4131DCCD25A381E02E",
	  "hex-gsm7-packed", "OCTATOK 187.24 p." },
	{ "ucs2HexTsmodemLowerCase", "RU", "003600310031002e0032003000200440002e", "hex-ucs2",
	  "611.20 р." },
	// Constructed: "Balance 5 EUR" one GSM 7-bit septet per octet (+CSCS="HEX" style).
	{ "unpackedGsm7Hex", "DE", "42616C616E6365203520455552", "hex-gsm7", "Balance 5 EUR" },
	// Constructed: UCS-2 of "残高100円" (CJK spans several blocks).
	{ "ucs2HexJapanese", "JP", "6B8B9AD80031003000305186", "hex-ucs2", "残高100円" },
	// A reply that is only a number stays a number, hex-shaped or not.
	{ "numberStaysNumber", "RU", "12345678", "", nullptr },
	{ "longNumberStaysNumber", "DE", "1234567890123456", "", nullptr },
	{ "shortHexWordLeftAlone", "DE", "CAFE", "", nullptr },
	// UCS-2 read as single bytes (constructed after ru-mts-001 and ru-beeline-002).
	{ "lowBytesMtsBalance", "RU", "\x11" "0;0=A:2220,76@", "ucs2-low-bytes",
	  "Баланс:2220,76р" },
	{ "lowBytesBeelineCapitalsAndNumber", "RU", "\x11" "0;0=A 174.60 @.\x12=8<0=85!",
	  "ucs2-low-bytes", "Баланс 174.60 р.Внимание!" },
	// Only where the country writes Cyrillic, and never for Latin text.
	{ "lowBytesNotInGermany", "DE", "\x11" "0;0=A:2220,76@", "", nullptr },
	{ "upperCaseLatinLeftAlone", "RU", "BALANCE 100 RUB", "", nullptr },
	{ "upperCaseAtoOLeftAlone", "RU", "BALANCE 100", "", nullptr },
	// GSM 7-bit letters shown through ASCII (constructed after de-vodafone-001).
	{ "gsm7AsAsciiWaehl", "DE", "W{hl bitte aus:\n1 Aufladen", "gsm7-as-ascii",
	  "Wähl bitte aus:\n1 Aufladen" },
	{ "gsm7AsAsciiMenueAtWordEnd", "DE", "Servicemen~:", "gsm7-as-ascii", "Servicemenü:" },
	// Braces that are not next to letters are left as they are.
	{ "bracesAroundNumberLeftAlone", "DE", "Guthaben {5,00 EUR}", "", nullptr },
	// A reply that already has its umlauts is read as it is.
	{ "realUmlautLeftAlone", "DE", "W\u00e4hl {bitte}", "", nullptr },
};

class Repair : public testing::TestWithParam<RepairCase>
{
};

TEST_P(Repair, repairsOnlyItsSignature)
{
	const RepairCase &c = GetParam();
	extract::RepairedReply r = extract::repairReply(c.text, c.country);
	EXPECT_EQ(r.repaired, c.repaired);
	if (c.result) {
		EXPECT_EQ(r.text, c.result);
	}
}

INSTANTIATE_TEST_SUITE_P(BalanceRepair, Repair, testing::ValuesIn(kCases), CaseName{});

ExtractContext ctxFor(const char *country)
{
	ExtractContext ctx;
	ctx.country = country;
	ctx.receivedAt = std::chrono::sys_seconds{ std::chrono::sys_days{
		std::chrono::year{ 2026 } / std::chrono::November / 22 } };
	return ctx;
}

// The extraction result says that it read a repaired text; raw keeps what arrived.
TEST(BalanceRepair, recordedInBalance)
{
	std::string lowBytes = "\x11" "0;0=A:2220,76@";
	Balance b = extractBalance(lowBytes, ctxFor("RU"));
	EXPECT_EQ(b.repaired, "ucs2-low-bytes");
	EXPECT_EQ(b.raw, lowBytes);
	ASSERT_TRUE(b.money.has_value());
	EXPECT_EQ(b.money->toDecimal(), "2220.76");
	EXPECT_EQ(b.money->currency, "RUB");

	Balance menu = extractBalance("W{hl bitte aus:\n1 Aufladen\n2 Guthaben", ctxFor("DE"));
	EXPECT_EQ(menu.repaired, "gsm7-as-ascii");
	EXPECT_TRUE(menu.isMenu);

	Balance plain = extractBalance("Balance 5.00 EUR", ctxFor("DE"));
	EXPECT_EQ(plain.repaired, "");
}

} // namespace
} // namespace zanryo
