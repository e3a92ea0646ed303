// SMS-SUBMIT / SMS-DELIVER encoding: exact PDUs where a public example exists, and
// decode(encode(x)) == x round trips for the splitting rules of TS 23.040 §9.2.3.24.1.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo
{
namespace
{

std::string repeat(std::string_view s, std::size_t n)
{
	std::string out;
	for (std::size_t i = 0; i < n; ++i)
		out += s;
	return out;
}

std::vector<SmsPdu> decodeAll(const std::vector<EncodedPdu> &parts, bool hasSmsc = true)
{
	std::vector<SmsPdu> out;
	for (const EncodedPdu &p : parts) {
		auto d = decodeSmsPdu(p.bytes, hasSmsc);
		EXPECT_TRUE(d.ok()) << p.hex() << ": " << (d.ok() ? "" : d.error().message());
		if (d.ok())
			out.push_back(std::move(*d));
	}
	return out;
}

std::string joinedText(const std::vector<SmsPdu> &parts)
{
	std::string text;
	for (const SmsPdu &p : parts)
		text += p.text;
	return text;
}

// ---- SMS-SUBMIT ---------------------------------------------------------------------

// The "hellohello" SMS-SUBMIT of the public PDU tutorials, TP-VP 0xAA (4 days).
TEST(SmsEncode, tutorialSubmitHellohello)
{
	SubmitOptions o;
	o.validityMinutes = 4 * 24 * 60;
	auto parts = encodeSmsSubmit("+46708251358", "hellohello", o);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	ASSERT_EQ(parts->size(), 1u);
	EXPECT_EQ((*parts)[0].hex(), "0011000B916407281553F80000AA0AE8329BFD4697D9EC37");
	EXPECT_EQ((*parts)[0].tpduLength, 23u); // AT+CMGS=23: everything after "00"
}

TEST(SmsEncode, submitWithoutValidityOrSmscByte)
{
	SubmitOptions o;
	o.includeSmscByte = false;
	o.statusReport = true;
	o.messageRef = 0x42;
	auto parts = encodeSmsSubmit("+46708251358", "hellohello", o);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	// TP-MTI 01 + TP-SRR, no TP-VP.
	EXPECT_EQ((*parts)[0].hex(), "2142"
				     "0B916407281553F8"
				     "0000"
				     "0AE8329BFD4697D9EC37");
	EXPECT_EQ((*parts)[0].tpduLength, (*parts)[0].bytes.size());
	auto d = decodeSmsPdu((*parts)[0].bytes, false);
	ASSERT_TRUE(d.ok());
	EXPECT_TRUE(d->statusReportRequested);
	EXPECT_EQ(d->messageRef, 0x42);
}

TEST(SmsEncode, nationalNumberUsesUnknownType)
{
	auto parts = encodeSmsSubmit("090-1234-5678", "test", {});
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	auto d = decodeAll(*parts);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_EQ(d[0].address.number, "09012345678");
	EXPECT_EQ(d[0].address.ton, TypeOfNumber::Unknown);
	EXPECT_EQ(d[0].address.npi, 1);
}

struct SplitCase {
	const char *name;
	std::string text;
	Alphabet alphabet;
	std::vector<std::size_t> udl; // TP-UDL of each part
	std::uint16_t concatRef;
};

std::ostream &operator<<(std::ostream &os, const SplitCase &c)
{
	return os << c.name;
}

const SplitCase kSplits[] = {
	{ "gsm160OnePart", repeat("a", 160), Alphabet::Gsm7, { 160 }, 0 },
	{ "gsm161TwoParts", repeat("a", 161), Alphabet::Gsm7, { 160, 15 }, 0 },
	// € [ ] are ESC + char: 2 septets each (TS 23.038 §6.2.1.1).
	{ "gsmEscapesCountTwice", "Price 5€ [promo]", Alphabet::Gsm7, { 19 }, 0 },
	{ "gsm80EurosOnePart", repeat("€", 80), Alphabet::Gsm7, { 160 }, 0 },
	// 152 'a' then '€': the 153rd septet would be the ESC alone, so part 1 stops at 152.
	{ "gsmEscapeNotCutAt153",
	  repeat("a", 152) + "€" + repeat("b", 20),
	  Alphabet::Gsm7,
	  { 7 + 152, 7 + 22 },
	  0 },
	// A 16-bit reference takes one more UDH octet: 152 septets a part.
	{ "gsmRef16Splits152", repeat("x", 200), Alphabet::Gsm7, { 8 + 152, 8 + 48 }, 0x1234 },
	{ "ucs2SeventyOnePart", repeat("あ", 70), Alphabet::Ucs2, { 140 }, 0 },
	{ "ucs2SeventyOneTwoParts", repeat("あ", 71), Alphabet::Ucs2, { 6 + 134, 6 + 8 }, 0 },
	// 66 'あ' then U+1F600: its low surrogate would be unit 68, so part 1 stops at 66.
	{ "ucs2SurrogateNotCutAt67",
	  repeat("あ", 66) + "😀" + repeat("い", 10),
	  Alphabet::Ucs2,
	  { 6 + 132, 6 + 24 },
	  0 },
	{ "ucs2OneNonGsmCharMakesUcs2",
	  repeat("a", 69) + "ä€あ",
	  Alphabet::Ucs2,
	  { 6 + 134, 6 + 10 },
	  0 },
};

class SubmitSplit : public testing::TestWithParam<SplitCase>
{
};

TEST_P(SubmitSplit, partsAndRoundTrip)
{
	const SplitCase &c = GetParam();
	SubmitOptions o;
	o.concatRef = c.concatRef;
	auto parts = encodeSmsSubmit("+819012345678", c.text, o);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	ASSERT_EQ(parts->size(), c.udl.size());
	auto decoded = decodeAll(*parts);
	ASSERT_EQ(decoded.size(), c.udl.size());
	for (std::size_t i = 0; i < decoded.size(); ++i) {
		const SmsPdu &d = decoded[i];
		EXPECT_EQ(d.type, SmsType::Submit);
		EXPECT_EQ(d.dcs.alphabet, c.alphabet);
		EXPECT_EQ(d.address.number, "+819012345678");
		// TP-UDL sits right before the UD: bytes.size() - UD octets - 1.
		const auto &b = (*parts)[i].bytes;
		std::size_t udl = c.udl[i];
		std::size_t udOctets = c.alphabet == Alphabet::Gsm7 ? (udl * 7 + 7) / 8 : udl;
		ASSERT_GT(b.size(), udOctets);
		EXPECT_EQ(b[b.size() - udOctets - 1], udl) << "part " << i + 1;
		EXPECT_TRUE(isValidUtf8(d.text));
		if (c.udl.size() > 1) {
			ASSERT_TRUE(d.concat.has_value());
			EXPECT_EQ(d.concat->ref, c.concatRef);
			EXPECT_EQ(d.concat->ref16, c.concatRef > 0xFF);
			EXPECT_EQ(d.concat->total, c.udl.size());
			EXPECT_EQ(d.concat->seq, i + 1);
		} else {
			EXPECT_FALSE(d.concat.has_value());
		}
	}
	EXPECT_EQ(joinedText(decoded), c.text);
}

INSTANTIATE_TEST_SUITE_P(TS23040Sec9_2_3_24_1, SubmitSplit, testing::ValuesIn(kSplits),
			 [](const testing::TestParamInfo<SplitCase> &i) { return i.param.name; });

TEST(SmsEncode, splitDoesNotCutEscapeFirstPartText)
{
	std::string text = repeat("a", 152) + "€" + repeat("b", 20);
	auto parts = encodeSmsSubmit("+819012345678", text, {});
	ASSERT_TRUE(parts.ok());
	auto d = decodeAll(*parts);
	ASSERT_EQ(d.size(), 2u);
	EXPECT_EQ(d[0].text, repeat("a", 152));
	EXPECT_EQ(d[1].text, "€" + repeat("b", 20));
}

TEST(SmsEncode, splitDoesNotCutSurrogatePairFirstPartText)
{
	std::string text = repeat("あ", 66) + "😀" + repeat("い", 10);
	auto parts = encodeSmsSubmit("+819012345678", text, {});
	ASSERT_TRUE(parts.ok());
	auto d = decodeAll(*parts);
	ASSERT_EQ(d.size(), 2u);
	EXPECT_EQ(d[0].text, repeat("あ", 66));
	EXPECT_EQ(d[1].text, "😀" + repeat("い", 10));
}

struct SubmitErrorCase {
	const char *name;
	std::string to;
	std::string text;
	std::optional<int> validity;
	Errc code;
};

std::ostream &operator<<(std::ostream &os, const SubmitErrorCase &c)
{
	return os << c.name;
}

const SubmitErrorCase kSubmitErrors[] = {
	{ "emptyNumber", "", "hi", std::nullopt, Errc::InvalidValue },
	{ "alphanumericRecipient", "Rakuten", "hi", std::nullopt, Errc::InvalidValue },
	{ "twentyOneDigits", "123456789012345678901", "hi", std::nullopt, Errc::InvalidValue },
	{ "plusInTheMiddle", "81+90", "hi", std::nullopt, Errc::InvalidValue },
	{ "invalidUtf8", "+819012345678", "caf\xC3(", std::nullopt, Errc::InvalidUtf8 },
	{ "loneSurrogateUtf8", "+819012345678", "\xED\xA0\x80", std::nullopt, Errc::InvalidUtf8 },
	{ "validityZero", "+819012345678", "hi", 0, Errc::InvalidValue },
	{ "validityBeyond63Weeks", "+819012345678", "hi", 63 * 10080 + 1, Errc::InvalidValue },
	{ "moreThan255Parts", "+819012345678", std::string(153 * 255 + 1, 'a'), std::nullopt,
	  Errc::InvalidLength },
};

class SubmitErrors : public testing::TestWithParam<SubmitErrorCase>
{
};

TEST_P(SubmitErrors, rejected)
{
	const SubmitErrorCase &c = GetParam();
	SubmitOptions o;
	o.validityMinutes = c.validity;
	auto parts = encodeSmsSubmit(c.to, c.text, o);
	ASSERT_FALSE(parts.ok());
	EXPECT_EQ(parts.error().code, c.code) << parts.error().message();
}

INSTANTIATE_TEST_SUITE_P(SmsEncode, SubmitErrors, testing::ValuesIn(kSubmitErrors),
			 [](const testing::TestParamInfo<SubmitErrorCase> &i) {
				 return i.param.name;
			 });

TEST(SmsEncode, exactly255PartsIsAllowed)
{
	auto parts = encodeSmsSubmit("+819012345678", std::string(153 * 255, 'a'), {});
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	EXPECT_EQ(parts->size(), 255u);
}

TEST(SmsEncode, validityRoundsUpToCodedValue)
{
	// TS 23.040 §9.2.3.12.1 relative TP-VP: minutes -> octet -> minutes decoded.
	const std::pair<int, int> cases[] = {
		{ 1, 5 },
		{ 5, 5 },
		{ 6, 10 },
		{ 720, 720 },
		{ 721, 750 },
		{ 1440, 1440 },
		{ 1441, 2880 },
		{ 3 * 1440, 3 * 1440 },
		{ 30 * 1440, 30 * 1440 },
		{ 30 * 1440 + 1, 5 * 10080 },
		{ 63 * 10080, 63 * 10080 },
	};
	for (const auto &[asked, coded] : cases) {
		SubmitOptions o;
		o.validityMinutes = asked;
		auto parts = encodeSmsSubmit("+819012345678", "x", o);
		ASSERT_TRUE(parts.ok()) << parts.error().message();
		auto d = decodeAll(*parts);
		ASSERT_EQ(d.size(), 1u);
		EXPECT_EQ(d[0].validityMinutes, coded) << asked << " minutes";
	}
}

// ---- SMS-DELIVER --------------------------------------------------------------------

SmsTimestamp ts(int y, int mo, int d, int h, int mi, int s, int q)
{
	SmsTimestamp t;
	t.year = y;
	t.month = mo;
	t.day = d;
	t.hour = h;
	t.minute = mi;
	t.second = s;
	t.tzQuarterHours = q;
	return t;
}

// Matches the constructed Japanese notice of sms_pdu_test.cpp, built there by hand.
TEST(SmsEncode, deliverJapaneseNoticeMatchesHandBuiltPdu)
{
	DeliverOptions o;
	o.smsc = SmsAddress{ "+819012000000", TypeOfNumber::International, 1 };
	auto parts = encodeSmsDeliver("3080", "データ残量は1.25GBです。",
				      ts(2026, 11, 22, 9, 15, 0, 36), o);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	ASSERT_EQ(parts->size(), 1u);
	EXPECT_EQ((*parts)[0].hex(), "079118092100000004048103080008621122905100631E30C730FC30BF6B8"
				     "B91CF306F0031002E0032003500470042306730593002");
	EXPECT_EQ((*parts)[0].tpduLength, (*parts)[0].bytes.size() - 8);
}

struct DeliverCase {
	const char *name;
	std::string from;
	std::string text;
	SmsTimestamp scts;
	DeliverOptions options;
	SmsAddress expectAddress;
	Alphabet expectAlphabet;
	std::size_t expectParts;
};

std::ostream &operator<<(std::ostream &os, const DeliverCase &c)
{
	return os << c.name;
}

DeliverOptions opts(auto &&fill)
{
	DeliverOptions o;
	fill(o);
	return o;
}

const DeliverCase kDeliver[] = {
	{ "alphanumericRakuten",
	  "Rakuten",
	  "Data left: 2.5GB",
	  ts(2026, 11, 22, 9, 15, 0, 36),
	  {},
	  { "Rakuten", TypeOfNumber::Alphanumeric, 0 },
	  Alphabet::Gsm7,
	  1 },
	{ "alphanumericElevenChars",
	  "Mobile Info",
	  "ok",
	  ts(2026, 1, 2, 3, 4, 5, 0),
	  {},
	  { "Mobile Info", TypeOfNumber::Alphanumeric, 0 },
	  Alphabet::Gsm7,
	  1 },
	{ "internationalUcs2",
	  "+819012345678",
	  "残り1.2GBです",
	  ts(2026, 11, 22, 23, 59, 59, 36),
	  {},
	  { "+819012345678", TypeOfNumber::International, 1 },
	  Alphabet::Ucs2,
	  1 },
	{ "shortCodeDemo",
	  "3080",
	  "データ残量は1.25GBです。",
	  ts(2026, 11, 22, 9, 15, 0, 36),
	  {},
	  { "3080", TypeOfNumber::Unknown, 1 },
	  Alphabet::Ucs2,
	  1 },
	{ "negativeTimezoneBrazil",
	  "+5511987654321",
	  "Saldo: R$ 12,50 {ok}",
	  ts(2026, 3, 1, 8, 0, 0, -12),
	  {},
	  { "+5511987654321", TypeOfNumber::International, 1 },
	  Alphabet::Gsm7,
	  1 },
	{ "negativeTimezoneNewfoundland",
	  "1234",
	  "x",
	  ts(2026, 3, 1, 8, 0, 0, -14),
	  {},
	  { "1234", TypeOfNumber::Unknown, 1 },
	  Alphabet::Gsm7,
	  1 },
	{ "flashClass0",
	  "*100#",
	  "Balance 5.00",
	  ts(2026, 5, 5, 5, 5, 5, 4),
	  opts([](DeliverOptions &o) { o.messageClass = 0; }),
	  { "*100#", TypeOfNumber::Unknown, 1 },
	  Alphabet::Gsm7,
	  1 },
	{ "forcedUcs2ForAscii",
	  "3080",
	  "hello",
	  ts(2026, 11, 22, 9, 15, 0, 36),
	  opts([](DeliverOptions &o) { o.alphabet = Alphabet::Ucs2; }),
	  { "3080", TypeOfNumber::Unknown, 1 },
	  Alphabet::Ucs2,
	  1 },
	{ "turkishLockingAndSingleShift",
	  "Turkcell",
	  "Şebeke: ğüşıöç İ kalan 1GB",
	  ts(2026, 7, 7, 12, 0, 0, 12),
	  opts([](DeliverOptions &o) {
		  o.tables = { NationalLanguage::Turkish, NationalLanguage::Turkish };
	  }),
	  { "Turkcell", TypeOfNumber::Alphanumeric, 0 },
	  Alphabet::Gsm7,
	  1 },
	{ "longGsmRef16ThreeParts",
	  "+447700900123",
	  repeat("0123456789", 40),
	  ts(2026, 1, 1, 0, 0, 0, 0),
	  opts([](DeliverOptions &o) { o.concatRef = 0xBEEF; }),
	  { "+447700900123", TypeOfNumber::International, 1 },
	  Alphabet::Gsm7,
	  3 },
	{ "forcedSinglePart2Of3",
	  "3080",
	  "part two",
	  ts(2026, 11, 22, 9, 15, 0, 36),
	  opts([](DeliverOptions &o) {
		  o.part = Concat{ 7, 3, 2, false };
	  }),
	  { "3080", TypeOfNumber::Unknown, 1 },
	  Alphabet::Gsm7,
	  1 },
	{ "withSmscAddress",
	  "3080",
	  "hi",
	  ts(2026, 11, 22, 9, 15, 0, 36),
	  opts([](DeliverOptions &o) {
		  o.smsc = SmsAddress{ "+819012000000", TypeOfNumber::International, 1 };
	  }),
	  { "3080", TypeOfNumber::Unknown, 1 },
	  Alphabet::Gsm7,
	  1 },
	{ "year1999",
	  "3080",
	  "old",
	  ts(1999, 12, 31, 23, 59, 59, 0),
	  {},
	  { "3080", TypeOfNumber::Unknown, 1 },
	  Alphabet::Gsm7,
	  1 },
};

class DeliverRoundTrip : public testing::TestWithParam<DeliverCase>
{
};

TEST_P(DeliverRoundTrip, decodesBackToTheSameMessage)
{
	const DeliverCase &c = GetParam();
	auto parts = encodeSmsDeliver(c.from, c.text, c.scts, c.options);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	ASSERT_EQ(parts->size(), c.expectParts);
	auto decoded = decodeAll(*parts);
	ASSERT_EQ(decoded.size(), c.expectParts);
	for (std::size_t i = 0; i < decoded.size(); ++i) {
		const SmsPdu &d = decoded[i];
		EXPECT_EQ(d.type, SmsType::Deliver);
		EXPECT_EQ(d.address, c.expectAddress);
		ASSERT_TRUE(d.timestamp.has_value());
		EXPECT_EQ(*d.timestamp, c.scts);
		EXPECT_EQ(d.dcs.alphabet, c.expectAlphabet);
		EXPECT_EQ(d.dcs.messageClass, c.options.messageClass);
		EXPECT_EQ(d.smsc, c.options.smsc);
		EXPECT_FALSE(d.moreMessagesToSend);
		EXPECT_TRUE(d.warnings.empty());
		if (c.expectAlphabet == Alphabet::Gsm7) {
			EXPECT_EQ(d.tables.locking, c.options.tables.locking);
			EXPECT_EQ(d.tables.shift, c.options.tables.shift);
		}
		if (c.options.part) {
			EXPECT_EQ(d.concat, c.options.part);
		} else if (c.expectParts > 1) {
			ASSERT_TRUE(d.concat.has_value());
			EXPECT_EQ(d.concat->ref, c.options.concatRef);
			EXPECT_EQ(d.concat->seq, i + 1);
			EXPECT_EQ(d.concat->total, c.expectParts);
		} else {
			EXPECT_FALSE(d.concat.has_value());
		}
	}
	EXPECT_EQ(joinedText(decoded), c.text);
}

INSTANTIATE_TEST_SUITE_P(SmsEncode, DeliverRoundTrip, testing::ValuesIn(kDeliver),
			 [](const testing::TestParamInfo<DeliverCase> &i) { return i.param.name; });

// The Turkish tables are announced with IEs 0x24/0x25 and really used: the same septets
// read with the default tables give other characters.
TEST(SmsEncode, turkishTablesAnnouncedInUdh)
{
	DeliverOptions o;
	o.tables = { NationalLanguage::Turkish, NationalLanguage::Turkish };
	auto parts = encodeSmsDeliver("Turkcell", "ğüşıöç", ts(2026, 7, 7, 12, 0, 0, 12), o);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	auto d = decodeAll(*parts);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_EQ(hexEncode(d[0].udh), "240101250101");
	EXPECT_EQ(d[0].text, "ğüşıöç");
	EXPECT_NE(gsm7ToUtf8(d[0].userData), d[0].text);
	// Without the tables "ğ" is not GSM 7-bit at all: the automatic choice is UCS-2.
	auto plain = encodeSmsDeliver("Turkcell", "ğüşıöç", ts(2026, 7, 7, 12, 0, 0, 12), {});
	ASSERT_TRUE(plain.ok());
	EXPECT_EQ(decodeAll(*plain)[0].dcs.alphabet, Alphabet::Ucs2);
}

// A WAP push as a network delivers it: 8-bit, 16-bit ports 2948 <- 9200.
TEST(SmsEncode, deliverWapPushPorts)
{
	DeliverOptions o;
	o.alphabet = Alphabet::EightBit;
	o.destPort = 2948;
	o.srcPort = 9200;
	std::string payload("\x01\x06\x04\x02\xB0\x8A", 6);
	auto parts = encodeSmsDeliver("+447930250969", payload, ts(2026, 11, 22, 9, 11, 0, 0), o);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	auto d = decodeAll(*parts);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_EQ(hexEncode(d[0].udh), "05040B8423F0");
	EXPECT_EQ(d[0].destPort, 2948);
	EXPECT_EQ(d[0].srcPort, 9200);
	EXPECT_EQ(hexEncode(d[0].userData), "01060402B08A");
	EXPECT_TRUE(d[0].text.empty());
}

TEST(SmsEncode, deliverEightBitPortsSplitAt128Octets)
{
	DeliverOptions o;
	o.alphabet = Alphabet::EightBit;
	o.destPort = 0x10;
	o.srcPort = 0x20; // both < 256: IE 0x04 (4 octets) + concat (5) + UDHL = 10
	std::string payload(200, '\x5A');
	auto parts = encodeSmsDeliver("3080", payload, ts(2026, 1, 1, 0, 0, 0, 0), o);
	ASSERT_TRUE(parts.ok()) << parts.error().message();
	auto d = decodeAll(*parts);
	ASSERT_EQ(d.size(), 2u);
	EXPECT_EQ(d[0].userData.size(), 130u);
	EXPECT_EQ(d[1].userData.size(), 70u);
	EXPECT_EQ(d[0].destPort, 0x10);
	EXPECT_EQ(d[1].srcPort, 0x20);
}

struct DeliverErrorCase {
	const char *name;
	std::string from;
	std::string text;
	SmsTimestamp scts;
	DeliverOptions options;
	Errc code;
};

std::ostream &operator<<(std::ostream &os, const DeliverErrorCase &c)
{
	return os << c.name;
}

const DeliverErrorCase kDeliverErrors[] = {
	{ "year2090", "3080", "x", ts(2090, 1, 1, 0, 0, 0, 0), {}, Errc::InvalidValue },
	{ "month0", "3080", "x", ts(2026, 0, 1, 0, 0, 0, 0), {}, Errc::InvalidValue },
	{ "offset20Hours", "3080", "x", ts(2026, 1, 1, 0, 0, 0, 80), {}, Errc::InvalidValue },
	{ "class4", "3080", "x", ts(2026, 1, 1, 0, 0, 0, 0),
	  opts([](DeliverOptions &o) { o.messageClass = 4; }), Errc::InvalidValue },
	{ "partSeq0", "3080", "x", ts(2026, 1, 1, 0, 0, 0, 0), opts([](DeliverOptions &o) {
		  o.part = Concat{ 1, 2, 0, false };
	  }),
	  Errc::InvalidValue },
	{ "partTextTooLong", "3080", repeat("a", 154), ts(2026, 1, 1, 0, 0, 0, 0),
	  opts([](DeliverOptions &o) {
		  o.part = Concat{ 1, 2, 1, false };
	  }),
	  Errc::InvalidLength },
	{ "forcedGsm7WithKana", "3080", "あ", ts(2026, 1, 1, 0, 0, 0, 0),
	  opts([](DeliverOptions &o) { o.alphabet = Alphabet::Gsm7; }), Errc::NotEncodable },
	{ "alphanumericTwelveChars",
	  "ABCDEFGHIJKL",
	  "x",
	  ts(2026, 1, 1, 0, 0, 0, 0),
	  {},
	  Errc::InvalidValue },
	{ "alphanumericKana", "楽天", "x", ts(2026, 1, 1, 0, 0, 0, 0), {}, Errc::NotEncodable },
	{ "invalidUtf8Text", "3080", "\xFF", ts(2026, 1, 1, 0, 0, 0, 0), {}, Errc::InvalidUtf8 },
};

class DeliverErrors : public testing::TestWithParam<DeliverErrorCase>
{
};

TEST_P(DeliverErrors, rejected)
{
	const DeliverErrorCase &c = GetParam();
	auto parts = encodeSmsDeliver(c.from, c.text, c.scts, c.options);
	ASSERT_FALSE(parts.ok());
	EXPECT_EQ(parts.error().code, c.code) << parts.error().message();
}

INSTANTIATE_TEST_SUITE_P(SmsEncode, DeliverErrors, testing::ValuesIn(kDeliverErrors),
			 [](const testing::TestParamInfo<DeliverErrorCase> &i) {
				 return i.param.name;
			 });

// ---- Time stamps --------------------------------------------------------------------

TEST(SmsTimestamp, iso8601RoundTrip)
{
	const char *cases[] = { "2026-11-22T09:15:00+09:00", "2017-05-19T14:35:02-03:00",
				"2026-01-01T00:00:00+00:00", "2026-03-01T08:00:00-03:30",
				"2026-06-30T23:59:59+05:45" };
	for (const char *s : cases) {
		auto t = parseIso8601Timestamp(s);
		ASSERT_TRUE(t.ok()) << s << ": " << t.error().message();
		EXPECT_EQ(t->iso8601(), s);
	}
	auto z = parseIso8601Timestamp("2026-11-22T00:15:00Z");
	ASSERT_TRUE(z.ok());
	EXPECT_EQ(z->tzQuarterHours, 0);
}

TEST(SmsTimestamp, iso8601Errors)
{
	const std::pair<const char *, std::size_t> cases[] = {
		{ "2026-11-22", 10 },		     // no time
		{ "2026-11-22T09:15:00", 19 },	     // no offset
		{ "2026-11-22T09:15:00+09:10", 19 }, // not a quarter hour
		{ "2026-13-22T09:15:00Z", 5 },	     // month 13
		{ "2026-11-22T24:00:00Z", 11 },
		{ "2026-11-22T09:15:00Zjunk", 20 },
		{ "26-11-22T09:15:00Z", 2 },
	};
	for (const auto &[s, offset] : cases) {
		auto t = parseIso8601Timestamp(s);
		ASSERT_FALSE(t.ok()) << s;
		EXPECT_EQ(t.error().code, Errc::InvalidValue) << s;
		EXPECT_EQ(t.error().offset, offset) << s << ": " << t.error().message();
	}
}

} // namespace
} // namespace zanryo

namespace zanryo
{
namespace
{

struct AddressCase {
	const char *name;
	const char *text;
	const char *number; // nullptr: error expected
	TypeOfNumber ton;
	Errc code;
};

const AddressCase kAddresses[] = {
	{ "e164", "+819012345678", "+819012345678", TypeOfNumber::International, Errc::Ok },
	{ "e164WithSpaces", "+81 90-1234-5678", "+819012345678", TypeOfNumber::International,
	  Errc::Ok },
	{ "nationalParentheses", "(03) 1234-5678", "0312345678", TypeOfNumber::Unknown, Errc::Ok },
	{ "ussdStyleShortCode", "*100#", "*100#", TypeOfNumber::Unknown, Errc::Ok },
	{ "alphanumericName", "Rakuten", "Rakuten", TypeOfNumber::Alphanumeric, Errc::Ok },
	{ "alphanumericWithDigits", "O2 Info", "O2 Info", TypeOfNumber::Alphanumeric, Errc::Ok },
	{ "empty", "", nullptr, TypeOfNumber::Unknown, Errc::InvalidValue },
	{ "twentyOneDigits", "+123456789012345678901", nullptr, TypeOfNumber::Unknown,
	  Errc::InvalidValue },
	{ "nameTooLong", "ABCDEFGHIJKL", nullptr, TypeOfNumber::Unknown, Errc::InvalidValue },
	// '€' is ESC + 0x65: 11 characters but 12 septets.
	{ "nameTooLongWithEscape", "ABCDEFGHIJ€", nullptr, TypeOfNumber::Unknown,
	  Errc::InvalidValue },
	{ "nameNotGsm", "ドコモ", nullptr, TypeOfNumber::Unknown, Errc::NotEncodable },
	{ "nameNotUtf8", "A\xFF", nullptr, TypeOfNumber::Unknown, Errc::InvalidUtf8 },
};

class Addresses : public testing::TestWithParam<AddressCase>
{
};

TEST_P(Addresses, parse)
{
	const AddressCase &c = GetParam();
	auto a = parseSmsAddress(c.text);
	if (!c.number) {
		ASSERT_FALSE(a.ok());
		EXPECT_EQ(a.error().code, c.code) << a.error().message();
		return;
	}
	ASSERT_TRUE(a.ok()) << a.error().message();
	EXPECT_EQ(a->number, c.number);
	EXPECT_EQ(a->ton, c.ton);
	EXPECT_EQ(a->npi, c.ton == TypeOfNumber::Alphanumeric ? 0 : 1);
}

INSTANTIATE_TEST_SUITE_P(TS23040Sec9_1_2_5, Addresses, testing::ValuesIn(kAddresses),
			 [](const testing::TestParamInfo<AddressCase> &i) { return i.param.name; });

} // namespace
} // namespace zanryo
