// SMS PDU decoding: real PDUs from spec examples, public tutorials and modem captures
// posted in public bug reports, plus constructed malformed inputs.

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo
{
namespace
{

struct DecodeCase {
	const char *name;
	const char *hex;
	bool hasSmsc;
	SmsType type;
	const char *smsc; // nullptr: none
	const char *address;
	TypeOfNumber ton;
	const char *timestamp; // nullptr: none
	int dcs;
	Alphabet alphabet;
	int messageClass; // -1: none
	const char *text;
	int concatRef; // -1: no concatenation
	int concatTotal;
	int concatSeq;
};

std::ostream &operator<<(std::ostream &os, const DecodeCase &c)
{
	return os << c.name;
}

const DecodeCase kDecodeCases[] = {
	// The SMS-DELIVER every PDU tutorial explains ("hellohello", SMSC +27381000015).
	{ "tutorialDeliverHellohello",
	  "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37", true,
	  SmsType::Deliver, "+27381000015", "27838890001", TypeOfNumber::Subscriber,
	  "1999-03-29T15:16:59+02:00", 0x00, Alphabet::Gsm7, -1, "hellohello", -1, 0, 0 },
	// The matching SMS-SUBMIT of the same tutorials, TP-VP 0xAA = 4 days.
	{ "tutorialSubmitHellohello", "0011000B916407281553F80000AA0AE8329BFD4697D9EC37", true,
	  SmsType::Submit, nullptr, "+46708251358", TypeOfNumber::International, nullptr, 0x00,
	  Alphabet::Gsm7, -1, "hellohello", -1, 0, 0 },
	// The same SUBMIT without the SMSC octet, as AT+CMGS counts it.
	{ "tutorialSubmitNoSmsc", "11000B916407281553F80000AA0AE8329BFD4697D9EC37", false,
	  SmsType::Submit, nullptr, "+46708251358", TypeOfNumber::International, nullptr, 0x00,
	  Alphabet::Gsm7, -1, "hellohello", -1, 0, 0 },
	// asterisk-chan-dongle issue 91: alphanumeric sender "HOSTER.RU" (TOA D0).
	{ "chanDongleAlphanumericHosterRu",
	  "07919720990610F00410D0C8E7945A94BAA4550000218051710140235550E953C82C3641C51828ED"
	  "A697E5E6F0B83C0705E7F4B23C3D5FB784E5323BED2E83623057CC1573D1404369929A1C0699A06B"
	  "990C0AD6CFA0580D149BE960395D0D066A4E9720192C2603",
	  true, SmsType::Deliver, "+79029960010", "HOSTER.RU", TypeOfNumber::Alphanumeric,
	  "2012-08-15T17:10:04+08:00", 0x00, Alphabet::Gsm7, -1,
	  "PROBLEM E1 interfaces Asterisk-Beeline 10.1.1.4 CRITICAL Wed Aug 15 13:09:50 MSK 2012",
	  -1, 0, 0 },
	// node-sms-pdu issue 1: alphanumeric "diafaan", 13 semi-octets.
	{ "nodeSmsPduAlphanumericDiafaan",
	  "0791448720003023240DD0E474D81C0EBB010000111011315214000BE474D81C0EBB5DE3771B", true,
	  SmsType::Deliver, "+447802000332", "diafaan", TypeOfNumber::Alphanumeric,
	  "2011-01-11T13:25:41+00:00", 0x00, Alphabet::Gsm7, -1, "diafaan.com", -1, 0, 0 },
	// wdoekes/asterisk-chan-dongle issue 9: alphanumeric sender with TOA D1 (NPI 1).
	{ "chanDongleAlphanumericToaD1",
	  "07913396050066F1240ED1D365D1397542890000619003815474801ED7309B5E968388EFF2BA3C07A5"
	  "E7A030E82C2F87E9A0733D0F0A01",
	  true, SmsType::Deliver, "+33695000661", "SKENSNPD", TypeOfNumber::Alphanumeric,
	  "2016-09-30T18:45:47+02:00", 0x00, Alphabet::Gsm7, -1, "Walter Doekes is a great guy !",
	  -1, 0, 0 },
	// xlab/at PR 18: a 3-character alphanumeric sender "170" (Vietnam).
	{ "xlabAlphanumeric170",
	  "07914889200016F40406D0B11B0C00009120612271858240D17A1EB44687C76810390C4297E9207ABA"
	  "EC06D1E56FF719445D2E9B20373AEC06D1D36E90FB9D06B5C3EEB30B844DBB41E3701BF4768342",
	  true, SmsType::Deliver, "+84980200614", "170", TypeOfNumber::Alphanumeric,
	  "2019-02-16T22:17:58+07:00", 0x00, Alphabet::Gsm7, -1,
	  "Quy khach da het tien trong TKKM nhan tin noi mang. Xin cam on !", -1, 0, 0 },
	// doublecontact issue 49: Vodafone Ukraine, UCS-2 part 3 of 3, 8-bit reference.
	{ "doublecontactVodafoneUaUcs2Part3",
	  "07918350000014F0400ED0D637396C7EBBCB000802601190106321840500038803030020043F0430043A"
	  "0435044204300020043F043E043F043E0432043D04560442044C00200440043004450443043D043E043A"
	  "00200432045604340020003100300030002004330440043804320435043D044C0020044204300020043D"
	  "043004310435044004560442044C0020002A003100300031002A0034003400340023",
	  true, SmsType::Deliver, "+38050000410", "Vodafone", TypeOfNumber::Alphanumeric,
	  "2020-06-11T09:01:36+03:00", 0x08, Alphabet::Ucs2, -1,
	  " пакета поповніть рахунок від 100 гривень та наберіть *101*444#", 0x88, 3, 3 },
	// xlab/at PR 14: UCS-2 with a 16-bit concatenation reference (IE 0x08).
	{ "xlabUcs2Concat16BitRef",
	  "07919731899699F3440B919781455534F20008811151906461215B0608040A32030304380442044C0020"
	  "043F0435044004350432043E043400200441043E002004410447043504420430002004320430044804350"
	  "433043E0020043D043E043C0435044004300020002A003100310035002A00310023",
	  true, SmsType::Deliver, "+79139869993", "+79185455432", TypeOfNumber::International,
	  "2018-11-15T09:46:16+03:00", 0x08, Alphabet::Ucs2, -1,
	  "ить перевод со счета вашего номера *115*1#", 0x0A32, 3, 3 },
	// asterisk-chan-dongle issue 41: Beeline, DCS 0x19 (UCS-2, class 1), 16-bit reference.
	{ "chanDongleBeelineDcs19Class1",
	  "07919730071111F1440DD0C272999D7697010019718012214462218B06080463D005010421043F04300441"
	  "04380431043E002C002004470442043E00200432044B043104400430043B0438002004110438043B0430"
	  "0439043D002100200423002004320430044100200442043004400438044400200022041D043E043B044C"
	  "00200441043E043C043D0435043D0438043900220020043104350437002004300431043E043D0435",
	  true, SmsType::Deliver, "+79037011111", "Beeline", TypeOfNumber::Alphanumeric,
	  "2017-08-21T12:44:26+03:00", 0x19, Alphabet::Ucs2, 1,
	  "Спасибо, что выбрали Билайн! У вас тариф \"Ноль сомнений\" без абоне", 0x63D0, 5, 1 },
	// PDUlib issue 39: O2 Czech operator notice, UCS-2 part 1 of 7, short sender.
	{ "pdulibO2CzUcs2Part1",
	  "0791246020099990640681991976000832602111455580840500033107010044006F0073006C00650063"
	  "0068006C00690020006A0073006D0065002000730065002C0020007A006500200064006E006500730020"
	  "006D00610074006500200063006F0020006F0073006C00610076006F007600610074002100200041002000"
	  "700072006F0074006F007A006500200064006100720065006B00200070",
	  true, SmsType::Deliver, "+420602909909", "999167", TypeOfNumber::Unknown,
	  "2023-06-12T11:54:55+02:00", 0x08, Alphabet::Ucs2, -1,
	  "Doslechli jsme se, ze dnes mate co oslavovat! A protoze darek p", 0x31, 7, 1 },
	// node-pdu issue 2: VIVO Brazil voicemail notice, DCS 0xC8 (message waiting, discard),
	// time zone -03:00 (negative bit of §9.2.3.11).
	{ "nodePduVivoNegativeTimezoneMwi",
	  "07915510100102910407D1D6A4F50900C8715091415320291FD6F7B80CA297DBA018C8FDB68751F314A8"
	  "5D76CFC3E7721BE59EA700",
	  true, SmsType::Deliver, "+550101102019", "VIVO", TypeOfNumber::Alphanumeric,
	  "2017-05-19T14:35:02-03:00", 0xC8, Alphabet::Gsm7, -1, "Voce tem 1 nova(s) mensagem(ns)",
	  -1, 0, 0 },
	// python-gsmmodem issue 56: Huawei +CMGR of a short GSM 7-bit DELIVER.
	{ "pythonGsmmodemHuaweiCmgr",
	  "0791795268721940040C9179528421334100005190705152912106F6B03BCD0E03", true,
	  SmsType::Deliver, "+972586279104", "+972548123314", TypeOfNumber::International,
	  "2015-09-07T15:25:19+03:00", 0x00, Alphabet::Gsm7, -1, "vanila", -1, 0, 0 },
	// Constructed per TS 23.040 §9.2.2.1: a Japanese MVNO's UCS-2 data notice from short
	// number 3080, SMSC +819012000000, JST (+09:00).
	{ "constructedJapaneseUcs2DataNotice",
	  "079118092100000004048103080008621122905100631E30C730FC30BF6B8B91CF306F0031002E0032"
	  "003500470042306730593002",
	  true, SmsType::Deliver, "+819012000000", "3080", TypeOfNumber::Unknown,
	  "2026-11-22T09:15:00+09:00", 0x08, Alphabet::Ucs2, -1, "データ残量は1.25GBです。", -1, 0,
	  0 },
};

class DecodeVectors : public testing::TestWithParam<DecodeCase>
{
};

TEST_P(DecodeVectors, decodes)
{
	const DecodeCase &c = GetParam();
	auto pdu = decodeSmsPduHex(c.hex, c.hasSmsc);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->type, c.type);
	if (c.smsc) {
		ASSERT_TRUE(pdu->smsc.has_value());
		EXPECT_EQ(pdu->smsc->number, c.smsc);
	} else {
		EXPECT_FALSE(pdu->smsc.has_value());
	}
	EXPECT_EQ(pdu->address.number, c.address);
	EXPECT_EQ(pdu->address.ton, c.ton);
	if (c.timestamp) {
		ASSERT_TRUE(pdu->timestamp.has_value());
		EXPECT_EQ(pdu->timestamp->iso8601(), c.timestamp);
	} else {
		EXPECT_FALSE(pdu->timestamp.has_value());
	}
	EXPECT_EQ(pdu->dcs.raw, c.dcs);
	EXPECT_EQ(pdu->dcs.alphabet, c.alphabet);
	EXPECT_EQ(pdu->dcs.messageClass.value_or(-1), c.messageClass);
	EXPECT_EQ(pdu->text, c.text);
	EXPECT_TRUE(isValidUtf8(pdu->text));
	if (c.concatRef >= 0) {
		ASSERT_TRUE(pdu->concat.has_value());
		EXPECT_EQ(pdu->concat->ref, c.concatRef);
		EXPECT_EQ(pdu->concat->total, c.concatTotal);
		EXPECT_EQ(pdu->concat->seq, c.concatSeq);
	} else {
		EXPECT_FALSE(pdu->concat.has_value());
	}
	EXPECT_TRUE(pdu->warnings.empty());
	EXPECT_EQ(pdu->damaged, "");
}

INSTANTIATE_TEST_SUITE_P(SmsPdu, DecodeVectors, testing::ValuesIn(kDecodeCases),
			 [](const testing::TestParamInfo<DecodeCase> &i) { return i.param.name; });

TEST(SmsPdu, tutorialSubmitFields)
{
	auto pdu = decodeSmsPduHex("0011000B916407281553F80000AA0AE8329BFD4697D9EC37", true);
	ASSERT_TRUE(pdu.ok());
	EXPECT_EQ(pdu->messageRef, 0);
	EXPECT_EQ(pdu->validityMinutes, 4 * 24 * 60); // TP-VP 0xAA: (170 - 166) days
	EXPECT_FALSE(pdu->statusReportRequested);
	EXPECT_EQ(pdu->userData.size(), 10u); // one element per septet
}

// emilsedgh/pdu issue 7: a status report from SMSC +79043490003 for message 35.
TEST(SmsPdu, statusReportEmilsedghPdu)
{
	auto pdu = decodeSmsPduHex(
		"07919740430900F302230B819720459403F7510172505535215101725055752100", true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->type, SmsType::StatusReport);
	EXPECT_EQ(pdu->messageRef, 35);
	EXPECT_EQ(pdu->address.number, "79025449307");
	EXPECT_EQ(pdu->address.ton, TypeOfNumber::Unknown);
	ASSERT_TRUE(pdu->timestamp && pdu->dischargeTime && pdu->status);
	EXPECT_EQ(pdu->timestamp->iso8601(), "2015-10-27T05:55:53+03:00");
	EXPECT_EQ(pdu->dischargeTime->iso8601(), "2015-10-27T05:55:57+03:00");
	EXPECT_EQ(*pdu->status, 0x00); // §9.2.3.15: received by the SME
	EXPECT_TRUE(pdu->text.empty());
}

// TS 23.040 §9.2.2.3 / §9.2.3.27: a status report with TP-PI announcing DCS and UDL
// (constructed; status 0x30 "temporary error, SC still trying").
TEST(SmsPdu, statusReportWithParameterIndicator)
{
	auto pdu = decodeSmsPduHex(
		"22070B919408103254F6621101900000046211019000500430060005C8329BFD06", false);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->type, SmsType::StatusReport);
	EXPECT_TRUE(pdu->statusReportRequested); // TP-SRQ: the report is for a COMMAND
	EXPECT_TRUE(pdu->moreMessagesToSend);	 // TP-MMS 0
	EXPECT_EQ(pdu->messageRef, 7);
	EXPECT_EQ(pdu->address.number, "+49800123456");
	EXPECT_EQ(pdu->timestamp->iso8601(), "2026-11-10T09:00:00+10:00");
	EXPECT_EQ(pdu->dischargeTime->iso8601(), "2026-11-10T09:00:05+10:00");
	EXPECT_EQ(*pdu->status, 0x30);
	EXPECT_EQ(pdu->text, "Hello");
}

// UCS-2 text carrying a surrogate pair decodes to one 4-byte UTF-8 character.
TEST(SmsPdu, ucs2SurrogatePair)
{
	// Constructed: DELIVER from +819012345670, UCS-2 "OK" U+1F600.
	auto pdu =
		decodeSmsPduHex("00040C9118092143650700086211229051006308004F004BD83DDE00", true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->address.number, "+819012345670");
	EXPECT_EQ(pdu->text, "OK\xF0\x9F\x98\x80");
}

// ---- DCS, TS 23.038 §4 -------------------------------------------------------------

struct DcsCase {
	const char *name;
	std::uint8_t raw;
	Alphabet alphabet;
	int messageClass;
	bool compressed;
	bool autoDelete;
	int waitingKind; // -1 none, else MessageWaitingKind
	bool waitingActive;
	bool waitingDiscard;
};

const DcsCase kDcsCases[] = {
	{ "generalGsm7", 0x00, Alphabet::Gsm7, -1, false, false, -1, false, false },
	{ "generalEightBit", 0x04, Alphabet::EightBit, -1, false, false, -1, false, false },
	{ "generalUcs2", 0x08, Alphabet::Ucs2, -1, false, false, -1, false, false },
	{ "generalReservedAlphabetIsGsm7", 0x0C, Alphabet::Gsm7, -1, false, false, -1, false,
	  false },
	{ "flashClass0", 0x10, Alphabet::Gsm7, 0, false, false, -1, false, false },
	{ "ucs2Class1", 0x19, Alphabet::Ucs2, 1, false, false, -1, false, false },
	{ "simClass2EightBit", 0x16, Alphabet::EightBit, 2, false, false, -1, false, false },
	{ "compressedGsm7", 0x20, Alphabet::Gsm7, -1, true, false, -1, false, false },
	{ "autoDeleteUcs2", 0x48, Alphabet::Ucs2, -1, false, true, -1, false, false },
	{ "autoDeleteCompressedClass3", 0x73, Alphabet::Gsm7, 3, true, true, -1, false, false },
	{ "reservedGroup1000", 0x84, Alphabet::Gsm7, -1, false, false, -1, false, false },
	{ "reservedGroup1011", 0xB8, Alphabet::Gsm7, -1, false, false, -1, false, false },
	{ "mwiDiscardVoicemailActive", 0xC8, Alphabet::Gsm7, -1, false, false, 0, true, true },
	{ "mwiStoreFaxInactive", 0xD1, Alphabet::Gsm7, -1, false, false, 1, false, false },
	{ "mwiStoreUcs2EmailActive", 0xEA, Alphabet::Ucs2, -1, false, false, 2, true, false },
	{ "mwiStoreOther", 0xDB, Alphabet::Gsm7, -1, false, false, 3, true, false },
	{ "dataCodingClass0Gsm7", 0xF0, Alphabet::Gsm7, 0, false, false, -1, false, false },
	{ "wapPushEightBitClass1", 0xF5, Alphabet::EightBit, 1, false, false, -1, false, false },
};

class DcsVectors : public testing::TestWithParam<DcsCase>
{
};

TEST_P(DcsVectors, parses)
{
	const DcsCase &c = GetParam();
	SmsDcs d = parseSmsDcs(c.raw);
	EXPECT_EQ(d.raw, c.raw);
	EXPECT_EQ(d.alphabet, c.alphabet);
	EXPECT_EQ(d.messageClass.value_or(-1), c.messageClass);
	EXPECT_EQ(d.compressed, c.compressed);
	EXPECT_EQ(d.autoDelete, c.autoDelete);
	if (c.waitingKind < 0) {
		EXPECT_FALSE(d.messageWaiting.has_value());
	} else {
		ASSERT_TRUE(d.messageWaiting.has_value());
		EXPECT_EQ(static_cast<int>(d.messageWaiting->kind), c.waitingKind);
		EXPECT_EQ(d.messageWaiting->active, c.waitingActive);
		EXPECT_EQ(d.messageWaiting->discard, c.waitingDiscard);
	}
}

INSTANTIATE_TEST_SUITE_P(TS23038Sec4, DcsVectors, testing::ValuesIn(kDcsCases),
			 [](const testing::TestParamInfo<DcsCase> &i) { return i.param.name; });

// A DELIVER from short number 3080 at 2026-11-22T09:15:00+09:00 without SMSC address:
// "00" SMSC(0) FO(1) OA(2..5) PID(6) DCS(7) SCTS(8..14) UDL(15) UD(16..).
std::string deliverHex(const char *fo, const char *dcs, const std::string &udlAndUd)
{
	return std::string("00") + fo + "04810308" + "00" + dcs + "62112290510063" + udlAndUd;
}

std::string hex2(std::size_t v)
{
	char b[3];
	std::snprintf(b, sizeof b, "%02X", static_cast<unsigned>(v & 0xFF));
	return b;
}

// Compressed text (TS 23.042) is not decoded, but the PDU is: the octets stay available.
TEST(SmsPdu, compressedTextIsFlaggedNotDecoded)
{
	// Constructed: DCS 0x20 (compressed GSM 7-bit): TP-UDL counts octets (§9.2.3.16).
	auto pdu = decodeSmsPduHex(deliverHex("04", "20", "03AABBCC"), true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_TRUE(pdu->dcs.compressed);
	EXPECT_TRUE(pdu->textUnsupported);
	EXPECT_TRUE(pdu->text.empty());
	EXPECT_EQ(pdu->userData, (std::vector<std::uint8_t>{ 0xAA, 0xBB, 0xCC }));
	EXPECT_EQ(pdu->address.number, "3080");
}

TEST(SmsPdu, reservedMtiReadAsDeliverWithWarning)
{
	// §9.2.3.1: an MS processes TP-MTI 11 as SMS-DELIVER.
	auto pdu = decodeSmsPduHex(deliverHex("07", "00", "0168"), true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->type, SmsType::Deliver);
	EXPECT_EQ(pdu->text, "h");
	ASSERT_EQ(pdu->warnings.size(), 1u);
	EXPECT_EQ(pdu->warnings[0].offset, 1u);
}

// ---- UDH, TS 23.040 §9.2.3.24 ------------------------------------------------------

// WAP push (the envelope of an MMS notification): 8-bit data, DCS 0xF5, 16-bit ports
// 2948 <- 9200, the UDH 06 05 04 0B84 23F0 every WAP push starts with (constructed).
TEST(SmsPdu, wapPushPortAddressed8Bit)
{
	auto pdu = decodeSmsPduHex("0791448720003023440C9144970352909600F5621122901100000D0605"
				   "040B8423F001060402B08A",
				   true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->address.number, "+447930250969");
	EXPECT_EQ(pdu->dcs.alphabet, Alphabet::EightBit);
	EXPECT_EQ(pdu->dcs.messageClass, 1);
	ASSERT_TRUE(pdu->destPort && pdu->srcPort);
	EXPECT_EQ(*pdu->destPort, 2948);
	EXPECT_EQ(*pdu->srcPort, 9200);
	EXPECT_TRUE(pdu->text.empty());
	EXPECT_EQ(hexEncode(pdu->userData), "01060402B08A");
	EXPECT_EQ(hexEncode(pdu->udh), "05040B8423F0");
}

TEST(SmsPdu, eightBitPortsIe04)
{
	// IE 0x04 (8-bit ports): destination 0x10, source 0x20, payload DEAD.
	auto pdu = decodeSmsPduHex(deliverHex("44", "04", "070404021020DEAD"), true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->destPort, 0x10);
	EXPECT_EQ(pdu->srcPort, 0x20);
	EXPECT_EQ(hexEncode(pdu->userData), "DEAD");
}

struct InvalidConcatCase {
	const char *name;
	const char *ie;
};

// §9.2.3.24.1: total 0, sequence 0 or sequence beyond the total: ignore the IE, keep text.
const InvalidConcatCase kInvalidConcat[] = {
	{ "totalZero", "0003420001" },	      { "seqZero", "0003420300" },
	{ "seqBeyondTotal", "0003420204" },   { "wrongIeLength", "00024202" },
	{ "ref16TotalZero", "080401020001" },
};

class InvalidConcat : public testing::TestWithParam<InvalidConcatCase>
{
};

TEST_P(InvalidConcat, ignoredWithWarningTextKept)
{
	std::string ie = GetParam().ie;
	std::size_t udhl = ie.size() / 2;
	std::size_t headerSeptets = ((udhl + 1) * 8 + 6) / 7;
	std::vector<std::uint8_t> septets{ 0x68, 0x69 }; // "hi"
	unsigned fill = static_cast<unsigned>(headerSeptets * 7 - (udhl + 1) * 8);
	std::string hex = deliverHex("44", "00",
				     hex2(headerSeptets + 2) + hex2(udhl) + ie +
					     hexEncode(gsm7Pack(septets, fill)));
	auto pdu = decodeSmsPduHex(hex, true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message() << " " << hex;
	EXPECT_FALSE(pdu->concat.has_value());
	EXPECT_EQ(pdu->text, "hi");
	ASSERT_EQ(pdu->warnings.size(), 1u);
	EXPECT_EQ(pdu->warnings[0].offset, 17u); // the IE's identifier octet
	EXPECT_EQ(pdu->warnings[0].code, Errc::InvalidValue);
	EXPECT_EQ(pdu->damaged, pdu->warnings[0].what);
}

INSTANTIATE_TEST_SUITE_P(TS23040Sec9_2_3_24_1, InvalidConcat, testing::ValuesIn(kInvalidConcat),
			 [](const testing::TestParamInfo<InvalidConcatCase> &i) {
				 return i.param.name;
			 });

// An unknown IE (0x70, (U)SIM toolkit security headers) is skipped; the concat IE after
// it is still read, and the 5 fill bits after the 9-octet UDH line up the text.
TEST(SmsPdu, unknownIeSkippedFillBitsAfterUdh)
{
	std::vector<std::uint8_t> septets{ 0x4F, 0x4B }; // "OK"
	std::string hex = deliverHex("44", "00",
				     "0D"
				     "08"
				     "700100"
				     "00032A0201" +
					     hexEncode(gsm7Pack(septets, 5)));
	auto pdu = decodeSmsPduHex(hex, true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	ASSERT_TRUE(pdu->concat.has_value());
	EXPECT_EQ(pdu->concat->ref, 0x2A);
	EXPECT_EQ(pdu->concat->total, 2);
	EXPECT_EQ(pdu->concat->seq, 1);
	EXPECT_FALSE(pdu->concat->ref16);
	EXPECT_EQ(pdu->text, "OK");
	EXPECT_EQ(pdu->userData, septets);
	EXPECT_TRUE(pdu->warnings.empty());
}

TEST(SmsPdu, unknownNationalLanguageWarns)
{
	// IE 0x25 for language 13 (Urdu): no built-in table, the default one is used.
	std::vector<std::uint8_t> septets{ 0x4F, 0x4B };
	std::string hex = deliverHex("44", "00",
				     "07"
				     "03"
				     "25010D" +
					     hexEncode(gsm7Pack(septets, 3)));
	auto pdu = decodeSmsPduHex(hex, true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->text, "OK");
	EXPECT_EQ(pdu->tables.locking, NationalLanguage::Default);
	ASSERT_EQ(pdu->warnings.size(), 1u);
	EXPECT_EQ(pdu->damaged, ""); // §9.2.3.24.16 allows it: not a defect of the PDU
}

// ---- Validity period formats, TS 23.040 §9.2.3.12 ----------------------------------

TEST(SmsPdu, submitAbsoluteValidity)
{
	// TP-VPF 11: 7-octet absolute time 2026-12-01 00:00:00 +09:00.
	auto pdu = decodeSmsPduHex("1900048103080000622110000000630168", false);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->type, SmsType::Submit);
	EXPECT_EQ(pdu->address.number, "3080");
	ASSERT_TRUE(pdu->validityAbsolute.has_value());
	EXPECT_EQ(pdu->validityAbsolute->iso8601(), "2026-12-01T00:00:00+09:00");
	EXPECT_FALSE(pdu->validityMinutes.has_value());
	EXPECT_EQ(pdu->text, "h");
}

struct EnhancedVpCase {
	const char *name;
	const char *vp; // 7 octets
	int minutes;	// -1: none
};

const EnhancedVpCase kEnhancedVp[] = {
	{ "noValidity", "00000000000000", -1 },
	{ "relativeOctet", "01AA0000000000", 4 * 24 * 60 },
	{ "relativeSeconds", "02B40000000000", 3 },	// 180 s
	{ "relativeHhMmSs", "03103000000000", 60 + 3 }, // semi-octets 01:03:00
	{ "extensionOctetFirst", "8100AA00000000", 4 * 24 * 60 },
	{ "reservedFormat", "05000000000000", -1 },
};

class EnhancedVp : public testing::TestWithParam<EnhancedVpCase>
{
};

TEST_P(EnhancedVp, decodes)
{
	// First octet 0x09: SMS-SUBMIT with TP-VPF 01 (enhanced).
	std::string hex = std::string("0900048103080000") + GetParam().vp + "0168";
	auto pdu = decodeSmsPduHex(hex, false);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->validityMinutes.value_or(-1), GetParam().minutes);
	EXPECT_EQ(pdu->text, "h");
}

INSTANTIATE_TEST_SUITE_P(TS23040Sec9_2_3_12_3, EnhancedVp, testing::ValuesIn(kEnhancedVp),
			 [](const testing::TestParamInfo<EnhancedVpCase> &i) {
				 return i.param.name;
			 });

TEST(SmsPdu, relativeValidityTable)
{
	// TS 23.040 §9.2.3.12.1: the boundaries of each range.
	const std::pair<int, int> cases[] = { { 0, 5 },		  { 143, 720 },
					      { 144, 750 },	  { 167, 1440 },
					      { 168, 2 * 1440 },  { 196, 30 * 1440 },
					      { 197, 5 * 10080 }, { 255, 63 * 10080 } };
	for (const auto &[vp, minutes] : cases) {
		auto pdu = decodeSmsPduHex("1100048103080000" + hex2(vp) + "0168", false);
		ASSERT_TRUE(pdu.ok()) << pdu.error().message();
		EXPECT_EQ(pdu->validityMinutes, minutes) << "TP-VP " << vp;
	}
}

// ---- Leniency: defects real modems deliver, decoded and marked damaged -------------
// docs/sms-pdu.md gives each rule and what other stacks do.

struct LenientCase {
	const char *name;
	std::string hex;
	const char *text;
	const char *timestamp;	   // nullptr: dropped
	const char *damaged;	   // SmsPdu::damaged, exactly
	std::size_t offset;	   // of the first warning
	int concatRef;		   // -1: none
	const char *userDataHex;   // nullptr: not checked
};

std::ostream &operator<<(std::ostream &os, const LenientCase &c)
{
	return os << c.name;
}

const LenientCase kLenient[] = {
	// The tutorial's "hellohello" with TP-UDL 11 for its 10 septets (one octet short).
	{ "tutorialHellohelloUdlOneTooMany",
	  "07917283010010F5040BC87238880900F10000993092516195800BE8329BFD4697D9EC37",
	  "hellohello", "1999-03-29T15:16:59+02:00",
	  "user data shorter than TP-UDL (TP-UDL says 11 septets but only 9 octets follow)", 26,
	  -1, nullptr },
	// UCS-2 "OK" with TP-UDL 5 for its 4 octets.
	{ "ucs2UdlOdd", deliverHex("04", "08", "05004F004B"), "OK", "2026-11-22T09:15:00+09:00",
	  "user data shorter than TP-UDL (TP-UDL says 5 octets but only 4 octets follow)", 15, -1,
	  "004F004B" },
	// UCS-2 cut inside its third character: the half character is dropped.
	{ "ucs2CutInsideCharacter", deliverHex("04", "08", "08004F004B00"), "OK",
	  "2026-11-22T09:15:00+09:00",
	  "user data shorter than TP-UDL (TP-UDL says 8 octets but only 5 octets follow)", 15, -1,
	  "004F004B" },
	// 8-bit data two octets short.
	{ "eightBitTwoOctetsShort", deliverHex("04", "04", "04DEAD"), "",
	  "2026-11-22T09:15:00+09:00",
	  "user data shorter than TP-UDL (TP-UDL says 4 octets but only 2 octets follow)", 15, -1,
	  "DEAD" },
	// A concatenation IE whose length runs past the UDH; UDHL still finds the text.
	{ "ieLengthBeyondUdh", deliverHex("44", "08", "0A0500050002AA004F004B"), "OK",
	  "2026-11-22T09:15:00+09:00",
	  "UDH information element 0x00 says 5 octets but only 3 remain in the UDH; ignored", 18,
	  -1, "004F004B" },
	// An IE identifier as the last UDH octet, without its length.
	{ "ieWithoutLength", deliverHex("44", "08", "08037000AA004F004B"), "OK",
	  "2026-11-22T09:15:00+09:00",
	  "UDH information element 0xAA has no length octet before the UDH ends; ignored", 19, -1,
	  "004F004B" },
	// A concatenation IE of length 0 before a valid 16-bit one: the valid one is used.
	{ "concatLengthZeroThenValid16", deliverHex("44", "08", "0D080000080401020202004F004B"),
	  "OK", "2026-11-22T09:15:00+09:00", "concatenation IE 0x00 with length 0 ignored", 17,
	  0x0102, "004F004B" },
	// A 16-bit port addressing IE of length 0.
	{ "portIeLengthZero", deliverHex("44", "08", "07020500004F004B"), "OK",
	  "2026-11-22T09:15:00+09:00", "port addressing IE 0x05 with length 0 ignored", 17, -1,
	  "004F004B" },
	// TP-SCTS with a non-decimal year octet: the message is decoded, the time dropped.
	{ "sctsNotDecimal", "0004048103080000" "6A112290510063" "0168", "h", nullptr,
	  "TP-SCTS octet 0x6A is not two decimal digits, time stamp dropped", 8, -1, nullptr },
	// A non-decimal time zone (0xA3).
	{ "sctsTimeZoneNotDecimal", "0004048103080000" "621122905100A3" "0168", "h", nullptr,
	  "TP-SCTS time zone 0xA3 is not decimal, time stamp dropped", 14, -1, nullptr },
	// Month 13: decimal, but not a time.
	{ "sctsMonth13", "0004048103080000" "62312290510063" "0168", "h", nullptr,
	  "TP-SCTS month 13 is out of range, time stamp dropped", 9, -1, nullptr },
};

class Lenient : public testing::TestWithParam<LenientCase>
{
};

TEST_P(Lenient, decodedAndMarkedDamaged)
{
	const LenientCase &c = GetParam();
	auto pdu = decodeSmsPduHex(c.hex, true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->text, c.text);
	if (c.timestamp) {
		ASSERT_TRUE(pdu->timestamp.has_value());
		EXPECT_EQ(pdu->timestamp->iso8601(), c.timestamp);
	} else {
		EXPECT_FALSE(pdu->timestamp.has_value());
	}
	EXPECT_EQ(pdu->damaged, c.damaged);
	ASSERT_FALSE(pdu->warnings.empty());
	EXPECT_EQ(pdu->warnings[0].offset, c.offset) << pdu->warnings[0].message();
	if (c.concatRef >= 0) {
		ASSERT_TRUE(pdu->concat.has_value());
		EXPECT_EQ(pdu->concat->ref, c.concatRef);
	} else {
		EXPECT_FALSE(pdu->concat.has_value());
	}
	EXPECT_FALSE(pdu->destPort.has_value());
	if (c.userDataHex) {
		EXPECT_EQ(hexEncode(pdu->userData), c.userDataHex);
	}
}

INSTANTIATE_TEST_SUITE_P(SmsPdu, Lenient, testing::ValuesIn(kLenient),
			 [](const testing::TestParamInfo<LenientCase> &i) {
				 return i.param.name;
			 });

// A TP-OA length that counts the filler: 12 semi-octets for the 11 digits of the tutorial's
// sender, the last one 1111 (constructed). oFono and Android end the number there.
TEST(SmsPdu, oaLengthCountingTheFillerEndsTheNumber)
{
	auto pdu = decodeSmsPduHex("07917283010010F5040CC87238880900F10000993092516195800AE8329BFD4697D9EC37",
				   true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->address.number, "27838890001");
	EXPECT_EQ(pdu->text, "hellohello");
	EXPECT_EQ(pdu->damaged, "");
}

// A status report whose TP-DT is not a time keeps its TP-SCTS and status (constructed
// from statusReportWithParameterIndicator, TP-DT minute octet 0x0F).
TEST(SmsPdu, statusReportDischargeTimeNotDecimalDropped)
{
	auto pdu = decodeSmsPduHex("22070B919408103254F662110190000004621101900F500400", false);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->timestamp->iso8601(), "2026-11-10T09:00:00+10:00");
	EXPECT_FALSE(pdu->dischargeTime.has_value());
	EXPECT_EQ(pdu->status, 0x00);
	EXPECT_EQ(pdu->damaged, "TP-DT octet 0x0F is not two decimal digits, time stamp dropped");
}

// Two defects in one PDU: both clauses, in PDU order.
TEST(SmsPdu, twoDefectsJoined)
{
	auto pdu = decodeSmsPduHex("0004048103080008" "621122905100A3" "04004F", true);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->text, "O");
	EXPECT_EQ(pdu->damaged,
		  "TP-SCTS time zone 0xA3 is not decimal, time stamp dropped; user data shorter "
		  "than TP-UDL (TP-UDL says 4 octets but only 2 octets follow)");
	EXPECT_EQ(pdu->warnings.size(), 2u);
}

// ---- Malformed input ----------------------------------------------------------------

struct MalformedCase {
	const char *name;
	std::string hex;
	bool hasSmsc;
	Errc code;
	std::size_t offset;
	const char *message; // nullptr: not checked
};

std::ostream &operator<<(std::ostream &os, const MalformedCase &c)
{
	return os << c.name;
}

// The SMS-STATUS-REPORT of statusReportWithParameterIndicator, up to TP-DT:
// FO(0) MR(1) RA(2..9) SCTS(10..16) DT(17..23) ST(24) PI(25).
const std::string kReportToDt = "22070B919408103254F66211019000000462110190005004";

const MalformedCase kMalformed[] = {
	{ "emptyInput", "", true, Errc::Truncated, 0,
	  "offset 0: SMSC address needs 1 octet but only 0 follow" },
	{ "smscLengthBeyondInput", "0C91", true, Errc::InvalidLength, 0,
	  "offset 0: SMSC address length 12 needs 12 octets but only 1 follow" },
	{ "noFirstOctet", "07917283010010F5", true, Errc::Truncated, 8,
	  "offset 8: first TPDU octet needs 1 octet but only 0 follow" },
	{ "oaLengthBeyondInput", "07917283010010F5040BC8723888", true, Errc::InvalidLength, 9,
	  "offset 9: TP-OA length 11 needs 7 octets but only 4 follow" },
	{ "noPid", "07917283010010F5040BC87238880900F1", true, Errc::Truncated, 17, nullptr },
	{ "noDcs", "07917283010010F5040BC87238880900F100", true, Errc::Truncated, 18, nullptr },
	{ "sctsShort", "07917283010010F5040BC87238880900F10000993092", true, Errc::Truncated, 19,
	  "offset 19: TP-SCTS needs 7 octets but only 3 follow" },
	{ "noUdl", "07917283010010F5040BC87238880900F1000099309251619580", true, Errc::Truncated,
	  26, "offset 26: TP-UDL needs 1 octet but only 0 follow" },
	// 131 octets missing: far beyond kMaxUserDataShortfall, a truncated PDU, not a modem
	// that miscounted (docs/sms-pdu.md).
	{ "udl160With9Octets",
	  "07917283010010F5040BC87238880900F1000099309251619580A0E8329BFD4697D9EC37", true,
	  Errc::InvalidLength, 26, "offset 26: TP-UDL says 160 septets but only 9 octets follow" },
	// One octet past the shortfall a modem could explain: still rejected.
	{ "ucs2UdlNineOctetsShort", deliverHex("04", "08", "0D004F004B"), true,
	  Errc::InvalidLength, 15, "offset 15: TP-UDL says 13 octets but only 4 octets follow" },
	// TS 23.040 §9.1.2.5: at most 20 digits in TP-OA (a 22-digit TP-OA, constructed).
	{ "oaTwentyTwoDigits",
	  "0004169110325476981032547698103200006211229051006301" "68",
	  true, Errc::InvalidValue, 2, "offset 2: TP-OA length 22: an address holds at most 20 digits" },
	// §9.1.2.3: the filler 1111 as the 3rd of 4 digits of TP-OA (constructed).
	{ "oaFillerInsideDigits", "00040481308F0000621122905100630168", true, Errc::InvalidValue,
	  5, "offset 5: TP-OA digit 3 is the filler 1111, which an address cannot hold" },
	// TS 24.011 §8.2.5.2: an SMSC address of 12 octets after its length (constructed).
	{ "smscTwelveOctets", "0C91214365870921436587092104048103080000621122905100630168", true,
	  Errc::InvalidValue, 0,
	  "offset 0: SMSC address length 12 octets: an address holds at most 20 digits (11 octets)" },
	// The filler in the middle of an SMSC address (constructed after the tutorial's).
	{ "smscFillerNotLast", "0791728301001FF504048103080000621122905100630168", true,
	  Errc::InvalidValue, 6, "offset 6: SMSC address digit 9 is the filler 1111, which an address cannot hold" },
	{ "udhlBeyondUd", deliverHex("44", "08", "0410000300"), true, Errc::InvalidLength, 16,
	  "offset 16: UDHL says 16 octets but TP-UD holds only 3 after it" },
	{ "udhiUdlZero", deliverHex("44", "08", "00"), true, Errc::InvalidLength, 15,
	  "offset 15: TP-UDHI is set but TP-UDL is 0" },
	{ "udhSeptetsBeyondUdl", deliverHex("44", "00", "0706000342020100"), true,
	  Errc::InvalidLength, 16,
	  "offset 16: UDHL says 6 octets, more than the 7 septets of TP-UDL" },
	{ "badHexDigit", "07917283010010G5", true, Errc::InvalidHex, 14, nullptr },
	{ "oddHexLength", "0791728", true, Errc::InvalidHex, 6, nullptr },
	{ "submitNoMr", "11", false, Errc::Truncated, 1, nullptr },
	{ "submitNoRelativeVp", "1100048103080000", false, Errc::Truncated, 8,
	  "offset 8: TP-VP (relative) needs 1 octet but only 0 follow" },
	{ "submitEnhancedVpShort", "0900048103080000010203", false, Errc::Truncated, 8, nullptr },
	{ "submitAbsoluteVpBadMonth",
	  "190004810308000062"
	  "00100000006301"
	  "68",
	  false, Errc::InvalidValue, 9, nullptr },
	{ "statusReportNoSt", kReportToDt.substr(0, 48), false, Errc::Truncated, 24,
	  "offset 24: TP-ST needs 1 octet but only 0 follow" },
	{ "statusReportPiAnnouncesMissingUdl", kReportToDt.substr(0, 48) + "3004", false,
	  Errc::Truncated, 26, nullptr },
};

class Malformed : public testing::TestWithParam<MalformedCase>
{
};

TEST_P(Malformed, reportsCodeAndOffset)
{
	const MalformedCase &c = GetParam();
	auto pdu = decodeSmsPduHex(c.hex, c.hasSmsc);
	ASSERT_FALSE(pdu.ok());
	EXPECT_EQ(pdu.error().code, c.code) << pdu.error().message();
	EXPECT_EQ(pdu.error().offset, c.offset) << pdu.error().message();
	if (c.message) {
		EXPECT_EQ(pdu.error().message(), c.message);
	}
}

INSTANTIATE_TEST_SUITE_P(SmsPdu, Malformed, testing::ValuesIn(kMalformed),
			 [](const testing::TestParamInfo<MalformedCase> &i) {
				 return i.param.name;
			 });

// Every proper prefix of a real PDU is an error pointing inside the prefix, or (when at
// most kMaxUserDataShortfall octets of the user data are cut off) a message marked
// damaged: never a crash, never a message read past the end, never one shown as intact.
TEST(SmsPdu, truncatedAtEveryOctet)
{
	for (const DecodeCase &c : kDecodeCases) {
		auto full = hexDecode(c.hex);
		ASSERT_TRUE(full.ok());
		ASSERT_TRUE(decodeSmsPdu(*full, c.hasSmsc).ok()) << c.name;
		for (std::size_t n = 0; n < full->size(); ++n) {
			auto pdu = decodeSmsPdu(std::span<const std::uint8_t>(full->data(), n),
						c.hasSmsc);
			if (pdu.ok()) {
				EXPECT_LE(full->size() - n, kMaxUserDataShortfall) << c.name;
				EXPECT_NE(pdu->damaged.find("user data shorter than TP-UDL"),
					  std::string::npos)
					<< c.name << " prefix " << n << ": " << pdu->damaged;
				continue;
			}
			EXPECT_TRUE(pdu.error().code == Errc::Truncated ||
				    pdu.error().code == Errc::InvalidLength)
				<< pdu.error().message();
			EXPECT_LE(pdu.error().offset, n) << c.name << ": " << pdu.error().message();
		}
	}
}

TEST(SmsPdu, statusReportEndsAtStatus)
{
	// §9.2.3.27: TP-PI is optional; a report that ends after TP-ST is complete.
	auto pdu = decodeSmsPduHex(kReportToDt.substr(0, 48) + "00", false);
	ASSERT_TRUE(pdu.ok()) << pdu.error().message();
	EXPECT_EQ(pdu->status, 0x00);
}

} // namespace
} // namespace zanryo
