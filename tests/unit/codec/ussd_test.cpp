#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "case_name.hpp"
#include "libmodem/codec/ussd.hpp"

namespace zanryo {
namespace {

using testing_support::PrintTo;

// ---- +CSCS names --------------------------------------------------------------------

struct CharsetCase {
	const char *name;
	std::string_view text;
	std::optional<TeCharset> charset;
};

class TeCharsetParse : public testing::TestWithParam<CharsetCase> {};

TEST_P(TeCharsetParse, names)
{
	const CharsetCase &c = GetParam();
	auto r = parseTeCharset(c.text);
	ASSERT_EQ(r.ok(), c.charset.has_value());
	if (c.charset) {
		EXPECT_EQ(*r, *c.charset);
		// The canonical name parses back to the same value.
		auto again = parseTeCharset(teCharsetName(*r));
		ASSERT_TRUE(again.ok());
		EXPECT_EQ(*again, *c.charset);
	} else {
		EXPECT_EQ(r.error().code, Errc::InvalidValue);
	}
}

INSTANTIATE_TEST_SUITE_P(Ussd, TeCharsetParse,
	testing::Values(CharsetCase{ "gsm", "GSM", TeCharset::Gsm },
			CharsetCase{ "iraLowerCase", "ira", TeCharset::Ira },
			CharsetCase{ "ucs2Quoted", "\"UCS2\"", TeCharset::Ucs2 },
			CharsetCase{ "hex", "HEX", TeCharset::Hex },
			CharsetCase{ "utf8Dash", "UTF-8", TeCharset::Utf8 },
			CharsetCase{ "utf8NoDash", "utf8", TeCharset::Utf8 },
			CharsetCase{ "latin1NotSupported", "8859-1", std::nullopt },
			CharsetCase{ "empty", "", std::nullopt }),
	testing_support::CaseName{});

// ---- TS 23.038 §5 CBS data coding scheme ---------------------------------------------

struct DcsCase {
	const char *name;
	std::uint8_t dcs;
	Alphabet alphabet;
	std::string_view language;
	std::optional<int> messageClass;
	bool compressed = false;
	bool languageInText = false;
};

class CbsDcsDecode : public testing::TestWithParam<DcsCase> {};

TEST_P(CbsDcsDecode, fields)
{
	const DcsCase &c = GetParam();
	const CbsDcs d = decodeCbsDcs(c.dcs);
	EXPECT_EQ(d.alphabet, c.alphabet);
	EXPECT_EQ(d.language, c.language);
	EXPECT_EQ(d.messageClass, c.messageClass);
	EXPECT_EQ(d.compressed, c.compressed);
	EXPECT_EQ(d.languageInText, c.languageInText);
}

INSTANTIATE_TEST_SUITE_P(Ussd, CbsDcsDecode,
	testing::Values(
		// Group 0000: GSM 7-bit, language in bits 3..0.
		DcsCase{ "dcs00German", 0x00, Alphabet::Gsm7, "de", std::nullopt },
		DcsCase{ "dcs01English", 0x01, Alphabet::Gsm7, "en", std::nullopt },
		DcsCase{ "dcs07Danish", 0x07, Alphabet::Gsm7, "da", std::nullopt },
		DcsCase{ "dcs0CTurkish", 0x0C, Alphabet::Gsm7, "tr", std::nullopt },
		DcsCase{ "dcs0FUnspecified", 0x0F, Alphabet::Gsm7, "", std::nullopt },
		// Group 0001: language in the first characters of the text.
		DcsCase{ "dcs10Gsm7LanguageInText", 0x10, Alphabet::Gsm7, "", std::nullopt, false, true },
		DcsCase{ "dcs11Ucs2LanguageInText", 0x11, Alphabet::Ucs2, "", std::nullopt, false, true },
		DcsCase{ "dcs12ReservedIsGsm7", 0x12, Alphabet::Gsm7, "", std::nullopt },
		// Group 0010.
		DcsCase{ "dcs20Czech", 0x20, Alphabet::Gsm7, "cs", std::nullopt },
		DcsCase{ "dcs22Arabic", 0x22, Alphabet::Gsm7, "ar", std::nullopt },
		DcsCase{ "dcs23Russian", 0x23, Alphabet::Gsm7, "ru", std::nullopt },
		DcsCase{ "dcs2FReservedLanguage", 0x2F, Alphabet::Gsm7, "", std::nullopt },
		DcsCase{ "dcs3xReserved", 0x35, Alphabet::Gsm7, "", std::nullopt },
		// Group 01xx: general data coding.
		DcsCase{ "dcs40Gsm7", 0x40, Alphabet::Gsm7, "", std::nullopt },
		DcsCase{ "dcs44EightBit", 0x44, Alphabet::EightBit, "", std::nullopt },
		DcsCase{ "dcs48Ucs2", 0x48, Alphabet::Ucs2, "", std::nullopt },
		DcsCase{ "dcs4CReservedAlphabetIsGsm7", 0x4C, Alphabet::Gsm7, "", std::nullopt },
		DcsCase{ "dcs52Class2", 0x52, Alphabet::Gsm7, "", 2 },
		DcsCase{ "dcs68CompressedUcs2", 0x68, Alphabet::Ucs2, "", std::nullopt, true },
		DcsCase{ "dcs79CompressedUcs2Class1", 0x79, Alphabet::Ucs2, "", 1, true },
		// 1000, 1010..1101 reserved; 1001 with UDH; 1110 WAP; 1111 data coding/class.
		DcsCase{ "dcs80Reserved", 0x80, Alphabet::Gsm7, "", std::nullopt },
		DcsCase{ "dcs95UdhEightBitClass1", 0x95, Alphabet::EightBit, "", 1 },
		DcsCase{ "dcs9AUdhUcs2Class2", 0x9A, Alphabet::Ucs2, "", 2 },
		DcsCase{ "dcsA0Reserved", 0xA0, Alphabet::Gsm7, "", std::nullopt },
		DcsCase{ "dcsE0Wap", 0xE0, Alphabet::Gsm7, "", std::nullopt },
		DcsCase{ "dcsF0Gsm7Class0", 0xF0, Alphabet::Gsm7, "", 0 },
		DcsCase{ "dcsF6EightBitClass2", 0xF6, Alphabet::EightBit, "", 2 },
		DcsCase{ "dcsFFEightBitClass3", 0xFF, Alphabet::EightBit, "", 3 }),
	testing_support::CaseName{});

TEST(CbsDcsDecode, everyValueDecodes)
{
	// No DCS value is an error; each names a known alphabet and a class only 0..3.
	for (int v = 0; v < 256; ++v) {
		const CbsDcs d = decodeCbsDcs(static_cast<std::uint8_t>(v));
		if (d.messageClass) {
			EXPECT_GE(*d.messageClass, 0) << v;
			EXPECT_LE(*d.messageClass, 3) << v;
		}
		EXPECT_TRUE(d.language.empty() || d.language.size() == 2) << v;
	}
}

// ---- +CUSD payload decoding ------------------------------------------------------------

struct PayloadCase {
	const char *name;
	std::string_view payload;
	std::optional<int> dcs;
	TeCharset charset;
	std::string_view text;
	std::string_view decodedAs;
	Alphabet alphabet;
	std::string_view language = "";
};

class UssdPayload : public testing::TestWithParam<PayloadCase> {};

TEST_P(UssdPayload, decodes)
{
	const PayloadCase &c = GetParam();
	const UssdText t = decodeUssdPayload(c.payload, c.dcs, c.charset);
	EXPECT_EQ(t.text, c.text);
	EXPECT_EQ(t.decodedAs, c.decodedAs);
	EXPECT_EQ(t.alphabet, c.alphabet);
	EXPECT_EQ(t.language, c.language);
	EXPECT_TRUE(isValidUtf8(t.text));
}

constexpr TeCharset kGsm = TeCharset::Gsm;

INSTANTIATE_TEST_SUITE_P(Ussd, UssdPayload,
	testing::Values(
		// sms_tool issue 4: MTS Russia *100# through a Huawei modem, DCS 72.
		PayloadCase{ "mtsRussiaUcs2Dcs72",
			     "04110430043B0430043D0441003A0032003200320030002C003700360440", 72, kGsm,
			     "Баланс:2220,76р", "hex-ucs2", Alphabet::Ucs2 },
		// gammu issue 109: Huawei E3276, DCS 72.
		PayloadCase{ "huaweiE3276RussianUcs2",
			     "0414043B044F00200441043F044004300432043A04380020043E002004310430043B0430043D"
			     "044104350020043D04300431043504400438044204350020002A0031003000350023002E0020"
			     "04230441043B0443043304300020043104350441043F043B04300442043D0430002E",
			     72, kGsm, "Для справки о балансе наберите *105#. Услуга бесплатна.",
			     "hex-ucs2", Alphabet::Ucs2 },
		PayloadCase{ "cyrillicBalanceRubUcs2",
			     "04110430043B0430043D0441003A0020003100320035002E003500300020044004430431002E",
			     72, kGsm, "Баланс: 125.50 руб.", "hex-ucs2", Alphabet::Ucs2 },
		PayloadCase{ "japaneseDataLeftUcs2",
			     "6B8B308A306E30C730FC30BF91CF306F0032002E003500470042306730593002", 72, kGsm,
			     "残りのデータ量は2.5GBです。", "hex-ucs2", Alphabet::Ucs2 },
		PayloadCase{ "arabicBalanceUcs2",
			     "06310635064A062F0643002006270644062D06270644064A002000310035002E003000300020"
			     "0631064A06270644",
			     72, kGsm, "رصيدك الحالي 15.00 ريال", "hex-ucs2", Alphabet::Ucs2 },
		PayloadCase{ "emojiSurrogatePairUcs2", "D83DDE000020004F004B", 72, kGsm, "\U0001F600 OK",
			     "hex-ucs2", Alphabet::Ucs2 },
		// tsmodem test string: lower-case hex digits.
		PayloadCase{ "tsmodemLowerCaseUcs2", "003600310031002e0032003000200440002e", 72, kGsm,
			     "611.20 р.", "hex-ucs2", Alphabet::Ucs2 },
		// DCS says GSM 7-bit, the bytes are UCS-2: ZTE MF286D with Halebop (sms_tool
		// issue 13, DCS 7) and Ukrainian text under DCS 15.
		PayloadCase{ "zteMf286dHalebopUcs2UnderDcs7",
			     "002000440075002000680061007200200030002C003000300020006B0072", 7, kGsm,
			     " Du har 0,00 kr", "hex-ucs2", Alphabet::Ucs2, "da" },
		PayloadCase{ "ucs2UnderDcs15",
			     "041204300448002004310430043B0430043D0441002000340035002C00320030002004330440043D",
			     15, kGsm, "Ваш баланс 45,20 грн", "hex-ucs2", Alphabet::Ucs2 },
		// chan_dongle issue 38: Huawei with Tele2 RU prints packed GSM 7-bit hex.
		PayloadCase{ "tele2RuHuaweiPackedHex", "CF2135487D2E4131DCCD25A381E02E", 15, kGsm,
			     "OCTATOK 187.24 p.", "hex-gsm7-packed", Alphabet::Gsm7 },
		PayloadCase{ "tele2RuHuaweiPackedError", "CE325C1EB6A7D9EE7C1AE47EB7CB72507DCEAE9FD3", 15,
			     kGsm, "Nepravilnyi nomer uslugi", "hex-gsm7-packed", Alphabet::Gsm7 },
		// Vodacom ZA reply as printed by an AI-Thinker A7.
		PayloadCase{ "vodacomZaA7PackedHex",
			     "D9775D0E1287D961F7B80C4ACF4152D9CC6583B940CF3A1DF436838269393DDD2EFF40C47498"
			     "0D52C562B111C8FC96838269393DDD2E8382647BD83D2EBB4054D3700E0AC3E1ECBC0B",
			     15, kGsm,
			     "Your balance is R23.60. Out of Airtime? Dial *111# for Airtime Advance. "
			     "T&Cs apply.",
			     "hex-gsm7-packed", Alphabet::Gsm7 },
		// 15 characters: the 7 spare bits carry CR (TS 23.038 §6.1.2.3.1), dropped.
		PayloadCase{ "packedCrPaddingDropped", "C2303BEC9E836232570D06D2B31B", 15, kGsm,
			     "Balans 12.50 zl", "hex-gsm7-packed", Alphabet::Gsm7 },
		// The same text padded with zero bits by a sender that ignores §6.1.2.3.1.
		PayloadCase{ "packedZeroPaddingDropped", "C2303BEC9E836232570D06D2B301", 15, kGsm,
			     "Balans 12.50 zl", "hex-gsm7-packed", Alphabet::Gsm7 },
		PayloadCase{ "huaweiStar100Echo", "AA180C3602", 15, kGsm, "*100#", "hex-gsm7-packed",
			     Alphabet::Gsm7 },
		// gammu issue 513: Telkomsel menu, DCS 0, one GSM character per octet.
		PayloadCase{ "telkomselUnpackedHexDcs0",
			     "536973612070756C73612052702E333030302E416B7469662073642032362F30322F323032302E"
			     "0A4B6F6E74656E20526961204D6972616E64612026205261696820556D726F682E527032323030"
			     "2F534D532F32487220736C6D2031383048720A312E59410A322E43656B204B756F74610A332E4E"
			     "656C706F6E0A342E496E7465726E65740A352E4C61696E6E79610A",
			     0, kGsm,
			     "Sisa pulsa Rp.3000.Aktif sd 26/02/2020.\nKonten Ria Miranda & Raih "
			     "Umroh.Rp2200/SMS/2Hr slm 180Hr\n1.YA\n2.Cek Kuota\n3.Nelpon\n4.Internet\n"
			     "5.Lainnya\n",
			     "hex-gsm7-unpacked", Alphabet::Gsm7, "de" },
		// TS 27.007 §7.15 with +CSCS="HEX": two hex digits per septet.
		PayloadCase{ "unpackedUnderCscsHex",
			     "42616C616E63653A2031302E3030205553440A312E20546F70207570", 15, TeCharset::Hex,
			     "Balance: 10.00 USD\n1. Top up", "hex-gsm7-unpacked", Alphabet::Gsm7 },
		PayloadCase{ "ucs2UnderCscsUcs2Dcs15", "00480065006C006C006F", 15, TeCharset::Ucs2, "Hello",
			     "hex-ucs2", Alphabet::Ucs2 },
		// Plain text: what the spec says modems print under GSM / IRA.
		PayloadCase{ "plainGsmText", "Balance 12.50", 15, kGsm, "Balance 12.50", "plain",
			     Alphabet::Gsm7 },
		// DCS 72 (UCS2) but the modem already converted the text.
		PayloadCase{ "plainTextUnderDcs72", "Your balance is 5.00 EUR", 72, kGsm,
			     "Your balance is 5.00 EUR", "plain", Alphabet::Ucs2 },
		PayloadCase{ "plainUtf8UnderDcs72", "Баланс 10 руб", 72, TeCharset::Utf8, "Баланс 10 руб",
			     "plain", Alphabet::Ucs2 },
		PayloadCase{ "noDcsPlain", "Balance 12.50", std::nullopt, kGsm, "Balance 12.50", "plain",
			     Alphabet::Gsm7 },
		// Hex-looking payloads that are text.
		PayloadCase{ "digitsOnlyAmount", "1000", 15, kGsm, "1000", "plain", Alphabet::Gsm7 },
		PayloadCase{ "digitsOnlyLongAmount", "12345678", 15, kGsm, "12345678", "plain",
			     Alphabet::Gsm7 },
		PayloadCase{ "hexLookingWord", "CAFE", 15, kGsm, "CAFE", "plain", Alphabet::Gsm7 },
		PayloadCase{ "oddLengthHexIsNotUcs2", "0041004", 72, kGsm, "0041004", "plain",
			     Alphabet::Ucs2 },
		PayloadCase{ "latin1Ucs2AllDigits", "0031003200330034", 15, kGsm, "1234", "hex-ucs2",
			     Alphabet::Ucs2 },
		// Octets under +CSCS="GSM" and "IRA".
		PayloadCase{ "gsmCharsetAtSignIsZero", std::string_view("user\0example.com", 16), 15, kGsm,
			     "user@example.com", "plain", Alphabet::Gsm7 },
		// TinyGSM issue 192: SIM800 under IRA prints accented letters as single
		// non-UTF-8 octets; they are read as Latin-1.
		PayloadCase{ "latin1OctetsUnderIra", "Votre cr\xE9" "dit s'\xE9l\xE8ve \xE0 CHF 3.75.", 15,
			     TeCharset::Ira, "Votre crédit s'élève à CHF 3.75.", "plain", Alphabet::Gsm7 },
		// 8-bit data.
		PayloadCase{ "eightBitHex", "48656C6C6F", 0x44, kGsm, "Hello", "hex-8bit",
			     Alphabet::EightBit },
		// TS 23.038 §5 coding group 0001: the language leads the text.
		PayloadCase{ "dcs10LanguagePrefix", "en\rBalance 5 GBP", 0x10, kGsm, "Balance 5 GBP",
			     "plain", Alphabet::Gsm7, "en" },
		PayloadCase{ "dcs11PackedLanguageThenUcs2", "F23A04110430043B0430043D0441", 0x11, kGsm,
			     "Баланс", "hex-ucs2", Alphabet::Ucs2, "ru" },
		// The announced UCS-2 reading wins; a lone surrogate becomes U+FFFD.
		PayloadCase{ "loneSurrogateUnderDcs72", "00480069D800002100210021", 72, kGsm,
			     "Hi\uFFFD!!!", "hex-ucs2", Alphabet::Ucs2 },
		// Under +CSCS="UCS2" hex is certain: with no good reading the best one is kept
		// (here packed GSM), never the hex digits, and the text is valid UTF-8.
		PayloadCase{ "garbageUnderCscsUcs2KeepsBestReading", "D800", 72, TeCharset::Ucs2,
			     "X£", "hex-gsm7-packed", Alphabet::Gsm7 },
		PayloadCase{ "empty", "", 15, kGsm, "", "plain", Alphabet::Gsm7 }),
	testing_support::CaseName{});

// ---- AT+CUSD request encoding -------------------------------------------------------------

struct RequestCase {
	const char *name;
	std::string_view code;
	UssdRequestEncoding enc;
	std::string_view out;
};

class UssdRequest : public testing::TestWithParam<RequestCase> {};

TEST_P(UssdRequest, encodes)
{
	auto r = encodeUssdRequest(GetParam().code, GetParam().enc);
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(*r, GetParam().out);
}

INSTANTIATE_TEST_SUITE_P(Ussd, UssdRequest,
	testing::Values(
		RequestCase{ "plainStar100Hash", "*100#", UssdRequestEncoding::Plain, "*100#" },
		// Huawei E3372 wants AT+CUSD=1,"AA180C3602",15 for *100#.
		RequestCase{ "huaweiPackedStar100Hash", "*100#", UssdRequestEncoding::Gsm7PackedHex,
			     "AA180C3602" },
		// Seven characters: CR fills the spare bits (TS 23.038 §6.1.2.3.1); chan_dongle
		// issue 98 is a modem stack that got this wrong.
		RequestCase{ "packedSevenCharsCrPad", "*101*4#", UssdRequestEncoding::Gsm7PackedHex,
			     "AA182CA6A28D1A" },
		RequestCase{ "ucs2Star101Hash", "*101#", UssdRequestEncoding::Ucs2Hex,
			     "002A0031003000310023" },
		RequestCase{ "menuAnswerDigit", "1", UssdRequestEncoding::Gsm7PackedHex, "31" },
		RequestCase{ "menuAnswerText", "Yes", UssdRequestEncoding::Plain, "Yes" },
		RequestCase{ "menuAnswerUmlautUcs2", "Jä", UssdRequestEncoding::Ucs2Hex, "004A00E4" }),
	testing_support::CaseName{});

struct BadRequestCase {
	const char *name;
	std::string_view code;
	UssdRequestEncoding enc;
	Errc code_;
	std::size_t offset;
};

class UssdRequestRejects : public testing::TestWithParam<BadRequestCase> {};

TEST_P(UssdRequestRejects, namesOffset)
{
	auto r = encodeUssdRequest(GetParam().code, GetParam().enc);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, GetParam().code_);
	EXPECT_EQ(r.error().offset, GetParam().offset);
}

const std::string kTooLong(183, '1');
const std::string kLongest(182, '1');

INSTANTIATE_TEST_SUITE_P(Ussd, UssdRequestRejects,
	testing::Values(
		BadRequestCase{ "empty", "", UssdRequestEncoding::Plain, Errc::InvalidLength, 0 },
		BadRequestCase{ "quoteBreaksAtCommand", "*100\"#", UssdRequestEncoding::Plain,
				Errc::InvalidValue, 4 },
		BadRequestCase{ "carriageReturn", "*100#\r", UssdRequestEncoding::Gsm7PackedHex,
				Errc::InvalidValue, 5 },
		BadRequestCase{ "cyrillicNotGsm", "*100*да#", UssdRequestEncoding::Ucs2Hex,
				Errc::NotEncodable, 5 },
		BadRequestCase{ "nonAsciiPlain", "Jä", UssdRequestEncoding::Plain, Errc::NotEncodable, 1 },
		BadRequestCase{ "invalidUtf8", "*1\xFF#", UssdRequestEncoding::Ucs2Hex, Errc::InvalidUtf8, 2 },
		BadRequestCase{ "backtickNotGsm", "*1`#", UssdRequestEncoding::Plain, Errc::NotEncodable, 2 },
		BadRequestCase{ "over182Septets", kTooLong, UssdRequestEncoding::Gsm7PackedHex,
				Errc::InvalidLength, 182 },
		// '€' takes two septets (ESC + 0x65): 181 + 2 > 182.
		BadRequestCase{ "escapeCrossesLimit", "1111111111111111111111111111111111111111111111111111"
				"1111111111111111111111111111111111111111111111111111111111111111111111111111"
				"11111111111111111111111111111111111111111111111111111€",
				UssdRequestEncoding::Gsm7PackedHex, Errc::InvalidLength, 181 }),
	testing_support::CaseName{});

TEST(UssdRequest, longestAllowedIs182Septets)
{
	auto r = encodeUssdRequest(kLongest, UssdRequestEncoding::Gsm7PackedHex);
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(r->size(), 2u * 160u); // 182 septets fill 160 octets (CR pad not needed)
}

} // namespace
} // namespace zanryo
