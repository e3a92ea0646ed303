#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "case_name.hpp"
#include "libmodem/codec/ussd.hpp"

namespace zanryo {
namespace {

using testing_support::PrintTo;

struct CusdCase {
	const char *name;
	std::string_view line;
	TeCharset charset;
	int status;
	std::optional<std::string_view> payload;
	std::optional<int> dcs;
	std::string_view text;
	std::string_view decodedAs;
};

class CusdParse : public testing::TestWithParam<CusdCase> {};

TEST_P(CusdParse, fields)
{
	const CusdCase &c = GetParam();
	auto r = parseCusdLine(c.line, c.charset);
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->status, c.status);
	EXPECT_EQ(r->payload.has_value(), c.payload.has_value());
	if (r->payload && c.payload) {
		EXPECT_EQ(*r->payload, *c.payload);
	}
	EXPECT_EQ(r->dcs, c.dcs);
	EXPECT_EQ(r->decoded.text, c.text);
	EXPECT_EQ(r->decoded.decodedAs, c.decodedAs);
	EXPECT_TRUE(isValidUtf8(r->decoded.text));
}

constexpr TeCharset kGsm = TeCharset::Gsm;

INSTANTIATE_TEST_SUITE_P(Cusd, CusdParse,
	testing::Values(
		CusdCase{ "plainGsmBalance", "+CUSD: 0,\"Balance 12.50\",15", kGsm, 0, "Balance 12.50", 15,
			  "Balance 12.50", "plain" },
		CusdCase{ "cusdRussianUcs2", "+CUSD: 1,\"041204300448002004310430043B0430043D0441\",72",
			  kGsm, 1, "041204300448002004310430043B0430043D0441", 72, "Ваш баланс",
			  "hex-ucs2" },
		// sms_tool issue 4 as the modem printed it, with the CR the port delivers.
		CusdCase{ "cusdMtsRussiaHuaweiUcs2Cr",
			  "+CUSD: 0,\"04110430043B0430043D0441003A0032003200320030002C003700360440\",72\r",
			  kGsm, 0, "04110430043B0430043D0441003A0032003200320030002C003700360440", 72,
			  "Баланс:2220,76р", "hex-ucs2" },
		CusdCase{ "cusdHuaweiE3372PackedHex", "+CUSD: 0,\"CF2135487D2E4131DCCD25A381E02E\",15", kGsm,
			  0, "CF2135487D2E4131DCCD25A381E02E", 15, "OCTATOK 187.24 p.", "hex-gsm7-packed" },
		// python-gsmmodem issue 14 / A7 thread: Vodacom's answer arrives with status 2.
		CusdCase{ "cusdVodacomStatus2Packed", "+CUSD: 2,\"D9775D0E1287D961F7B80C4ACF4152D9CC6583B940CF3A1DF436838269393DDD2EFF40C474980D52C562B111C8FC96838269393DDD2E8382647BD83D2EBB4054D3700E0AC3E1ECBC0B\",15", kGsm, 2, "D9775D0E1287D961F7B80C4ACF4152D9CC6583B940CF3A1DF436838269393DDD2EFF40C474980D52C562B111C8FC96838269393DDD2E8382647BD83D2EBB4054D3700E0AC3E1ECBC0B", 15,
			  "Your balance is R23.60. Out of Airtime? Dial *111# for Airtime Advance. "
			  "T&Cs apply.",
			  "hex-gsm7-packed" },
		CusdCase{ "cusdZteUnpackedHex",
			  "+CUSD: 1,\"42616C616E63653A2031302E3030205553440A312E20546F70207570\",15",
			  TeCharset::Hex, 1, "42616C616E63653A2031302E3030205553440A312E20546F70207570", 15,
			  "Balance: 10.00 USD\n1. Top up", "hex-gsm7-unpacked" },
		CusdCase{ "cusdJapaneseUcs2",
			  "+CUSD: 0,\"6B8B308A306E30C730FC30BF91CF306F0032002E003500470042306730593002\",72",
			  kGsm, 0, "6B8B308A306E30C730FC30BF91CF306F0032002E003500470042306730593002", 72,
			  "残りのデータ量は2.5GBです。", "hex-ucs2" },
		CusdCase{ "cusdArabicUcs2",
			  "+CUSD: 0,\"06310635064A062F0643002006270644062D06270644064A\",72", kGsm, 0,
			  "06310635064A062F0643002006270644062D06270644064A", 72, "رصيدك الحالي", "hex-ucs2" },
		CusdCase{ "status2NoText", "+CUSD: 2", kGsm, 2, std::nullopt, std::nullopt, "", "plain" },
		CusdCase{ "status4NotSupported", "+CUSD: 4\r\n", kGsm, 4, std::nullopt, std::nullopt, "",
			  "plain" },
		CusdCase{ "status5Timeout", "+CUSD: 5", kGsm, 5, std::nullopt, std::nullopt, "", "plain" },
		// Quotes are not escaped by modems; the closing quote is the last one.
		CusdCase{ "quotesInsideText", "+CUSD: 0,\"Tariff \"Smart\" is active\",15", kGsm, 0,
			  "Tariff \"Smart\" is active", 15, "Tariff \"Smart\" is active", "plain" },
		CusdCase{ "quoteEndsText", "+CUSD: 0,\"Say \"yes\"\",15", kGsm, 0, "Say \"yes\"", 15,
			  "Say \"yes\"", "plain" },
		CusdCase{ "spacesEverywhere", "  +CUSD:  1 , \"Menu\" , 15  ", kGsm, 1, "Menu", 15, "Menu",
			  "plain" },
		CusdCase{ "noSpaceAfterColon", "+CUSD:0,\"ok\",15", kGsm, 0, "ok", 15, "ok", "plain" },
		CusdCase{ "lowerCasePrefix", "+cusd: 0,\"ok\",15", kGsm, 0, "ok", 15, "ok", "plain" },
		CusdCase{ "leadingCrLf", "\r\n+CUSD: 0,\"ok\",15\r\n", kGsm, 0, "ok", 15, "ok", "plain" },
		CusdCase{ "noDcs", "+CUSD: 0,\"Balance 3 EUR\"", kGsm, 0, "Balance 3 EUR", std::nullopt,
			  "Balance 3 EUR", "plain" },
		CusdCase{ "emptyText", "+CUSD: 0,\"\",15", kGsm, 0, "", 15, "", "plain" },
		CusdCase{ "emptyStrField", "+CUSD: 0,,15", kGsm, 0, std::nullopt, 15, "", "plain" },
		// A text with line breaks, joined by the AT layer with "\n".
		CusdCase{ "multiLineMenuJoined", "+CUSD: 1,\"Balance 5 EUR\n1. Top up\n2. Exit\",15", kGsm,
			  1, "Balance 5 EUR\n1. Top up\n2. Exit", 15, "Balance 5 EUR\n1. Top up\n2. Exit",
			  "plain" }),
	testing_support::CaseName{});

struct CusdErrorCase {
	const char *name;
	std::string_view line;
	Errc code;
	std::size_t offset;
};

class CusdRejects : public testing::TestWithParam<CusdErrorCase> {};

TEST_P(CusdRejects, namesOffset)
{
	auto r = parseCusdLine(GetParam().line, kGsm);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, GetParam().code);
	EXPECT_EQ(r.error().offset, GetParam().offset) << r.error().message();
	EXPECT_FALSE(r.error().what.empty());
}

INSTANTIATE_TEST_SUITE_P(Cusd, CusdRejects,
	testing::Values(
		CusdErrorCase{ "notCusd", "OK", Errc::Malformed, 0 },
		CusdErrorCase{ "otherUrc", "+CMTI: \"SM\",3", Errc::Malformed, 0 },
		CusdErrorCase{ "statusOutOfRange", "+CUSD: 7,\"x\",15", Errc::InvalidValue, 7 },
		CusdErrorCase{ "statusHuge", "+CUSD: 99999999999999999999", Errc::InvalidValue, 7 },
		CusdErrorCase{ "statusNegative", "+CUSD: -1", Errc::Malformed, 7 },
		CusdErrorCase{ "statusMissing", "+CUSD: ,\"x\"", Errc::Malformed, 7 },
		CusdErrorCase{ "missingClosingQuote", "+CUSD: 0,\"Balance 12", Errc::Truncated, 9 },
		CusdErrorCase{ "unquotedText", "+CUSD: 0,Balance,15", Errc::Malformed, 9 },
		CusdErrorCase{ "noCommaAfterStatus", "+CUSD: 0 \"x\"", Errc::Malformed, 9 },
		CusdErrorCase{ "dcsOutOfRange", "+CUSD: 0,\"x\",300", Errc::InvalidValue, 13 },
		CusdErrorCase{ "dcsNotNumber", "+CUSD: 0,\"x\",abc", Errc::Malformed, 13 },
		CusdErrorCase{ "junkAfterDcs", "+CUSD: 0,\"x\",15,1", Errc::Malformed, 15 },
		CusdErrorCase{ "trailingComma", "+CUSD: 0,", Errc::Malformed, 9 },
		CusdErrorCase{ "emptyLine", "", Errc::Malformed, 0 }),
	testing_support::CaseName{});

struct CompleteCase {
	const char *name;
	std::string_view line;
	bool complete;
};

class CusdComplete : public testing::TestWithParam<CompleteCase> {};

TEST_P(CusdComplete, closingQuote)
{
	EXPECT_EQ(cusdLineIsComplete(GetParam().line), GetParam().complete);
}

INSTANTIATE_TEST_SUITE_P(Cusd, CusdComplete,
	testing::Values(CompleteCase{ "openText", "+CUSD: 1,\"Balance 5 EUR", false },
			CompleteCase{ "openTextWithCr", "+CUSD: 1,\"Balance 5 EUR\r", false },
			CompleteCase{ "closedWithDcs", "+CUSD: 1,\"Balance 5 EUR\",15", true },
			CompleteCase{ "closedWithDcsCrLf", "+CUSD: 1,\"Balance\",15\r\n", true },
			CompleteCase{ "closedNoDcs", "+CUSD: 0,\"Balance\"", true },
			CompleteCase{ "noText", "+CUSD: 2", true },
			CompleteCase{ "notCusd", "OK", true },
			CompleteCase{ "quoteInsideOpenText", "+CUSD: 0,\"Tariff \"Smart\" costs", false },
			CompleteCase{ "joinedMenu", "+CUSD: 1,\"Menu\n1. Balance\n2. Data\",15", true }),
	testing_support::CaseName{});

TEST(CusdComplete, atLayerJoinsContinuationLines)
{
	// What the AT layer does with a modem that prints a menu over several lines.
	const std::vector<std::string> lines = { "+CUSD: 1,\"Balance 5.00 EUR", "1. Top up",
						 "2. Data packs\",15" };
	std::string joined = lines[0];
	std::size_t used = 1;
	while (!cusdLineIsComplete(joined) && used < lines.size())
		joined += "\n" + lines[used++];
	EXPECT_EQ(used, 3u);
	auto r = parseCusdLine(joined, kGsm);
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->decoded.text, "Balance 5.00 EUR\n1. Top up\n2. Data packs");
	EXPECT_EQ(r->dcs, 15);
}

} // namespace
} // namespace zanryo
