#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libmodem/codec/at_parse.hpp"

namespace zanryo {
namespace {

// SMS-DELIVER of the widely published PDU walk-through (SMSC +27381000015, 8 octets of
// SMSC address, 28 octets of TPDU, "hellohello").
const std::string kDeliverPdu = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37";
// SMS-SUBMIT stored with no SMSC address (first octet 00): to +18072143657, "Test", 18 octets.
const std::string kSubmitPdu = "0011000B918170123456F70000AA04D4F29C0E";

// ---------------------------------------------------------------- splitAtParams

struct SplitCase {
	const char *name;
	std::string input;
	std::vector<std::string> expected; ///< "E" empty, "P:x" plain, "Q:x" quoted, "L:x" list
};

std::string describe(const AtParam &p)
{
	switch (p.kind) {
	case AtParam::Kind::Empty: return "E";
	case AtParam::Kind::Plain: return "P:" + p.text;
	case AtParam::Kind::Quoted: return "Q:" + p.text;
	case AtParam::Kind::List: return "L:" + p.text;
	}
	return "?";
}

TEST(AtParams, splitTable)
{
	const std::vector<SplitCase> cases = {
		{ "ts27007CopsNumeric", "0,2,\"44010\",7", { "P:0", "P:2", "Q:44010", "P:7" } },
		{ "quotedComma", "1,\"a,b\",2", { "P:1", "Q:a,b", "P:2" } },
		{ "cmglEmptyAlpha", "3,1,,24", { "P:3", "P:1", "E", "P:24" } },
		{ "trailingEmpty", "1,", { "P:1", "E" } },
		{ "leadingEmpty", ",1", { "E", "P:1" } },
		{ "cpmsTestLists", "(\"SM\",\"ME\"),(\"SM\")", { "L:\"SM\",\"ME\"", "L:\"SM\"" } },
		{ "ts27007RangeList", "(0-2),(0,1),(0-255)", { "L:0-2", "L:0,1", "L:0-255" } },
		{ "blanksAroundValues", " 1 , \"x\" ,2 ", { "P:1", "Q:x", "P:2" } },
		{ "parenInsideQuotes", "(\"a)b\",\"c\")", { "L:\"a)b\",\"c\"" } },
		{ "nestedParens", "((1,2),(3)),4", { "L:(1,2),(3)", "P:4" } },
		{ "empty", "", {} },
	};
	for (const SplitCase &c : cases) {
		Result<std::vector<AtParam>> r = splitAtParams(c.input);
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		std::vector<std::string> got;
		for (const AtParam &p : *r)
			got.push_back(describe(p));
		EXPECT_EQ(got, c.expected) << c.name;
	}
}

TEST(AtParams, splitErrorsNameTheOffset)
{
	struct ErrCase {
		const char *name;
		std::string input;
		std::size_t offset;
	};
	const std::vector<ErrCase> cases = {
		{ "unterminatedString", "1,\"abc", 2 },
		{ "unclosedParen", "(0-2", 0 },
		{ "textAfterQuote", "\"ab\"c,1", 4 },
	};
	for (const ErrCase &c : cases) {
		Result<std::vector<AtParam>> r = splitAtParams(c.input);
		ASSERT_FALSE(r.ok()) << c.name;
		EXPECT_EQ(r.error().code, Errc::Malformed) << c.name;
		EXPECT_EQ(r.error().offset, c.offset) << c.name << ": " << r.error().message();
	}
}

TEST(AtParams, responseParamsAcceptsHuaweiNoBlank)
{
	Result<std::string_view> r = responseParams("^RSSI:14", "^RSSI");
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(*r, "14");
	Result<std::string_view> bad = responseParams("+CSQ: 1", "+CREG");
	ASSERT_FALSE(bad.ok());
	EXPECT_EQ(bad.error().code, Errc::Malformed);
}

TEST(AtParams, intOutOfRangeIsInvalidValue)
{
	AtParam p{ AtParam::Kind::Plain, "300", 5 };
	Result<int> r = atParamInt(p, "<mr>", 0, 255);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, Errc::InvalidValue);
	EXPECT_EQ(r.error().offset, 5u);
	EXPECT_NE(r.error().message().find("<mr> 300"), std::string::npos);
}

// ---------------------------------------------------------------- +CMGL / +CMGR

TEST(Cmgl, quectelEc25TwoMessages)
{
	std::vector<std::string> lines = { "+CMGL: 0,1,,28", kDeliverPdu, "+CMGL: 3,2,,18", kSubmitPdu };
	Result<std::vector<SmsListEntry>> r = parseCmgl(lines);
	ASSERT_TRUE(r.ok()) << r.error().message();
	ASSERT_EQ(r->size(), 2u);
	EXPECT_EQ((*r)[0].index, 0);
	EXPECT_EQ((*r)[0].status, SmsStatus::ReceivedRead);
	EXPECT_EQ((*r)[0].length, 28);
	EXPECT_EQ((*r)[0].pduHex, kDeliverPdu);
	EXPECT_EQ((*r)[1].index, 3);
	EXPECT_EQ((*r)[1].status, SmsStatus::StoredUnsent);
	EXPECT_EQ((*r)[1].pduHex, kSubmitPdu);
}

TEST(Cmgl, emptyStorageIsEmptyList)
{
	Result<std::vector<SmsListEntry>> r = parseCmgl(std::vector<std::string>{});
	ASSERT_TRUE(r.ok());
	EXPECT_TRUE(r->empty());
}

TEST(Cmgl, alphaFieldOmittedAndQuotedAlpha)
{
	std::vector<std::string> lines = { "+CMGL: 7,0,28", kDeliverPdu, "+CMGL: 8,0,\"Mum\",28",
					   "07917283010010f5040bc87238880900f10000993092516195800ae8329bfd4697d9ec37" };
	Result<std::vector<SmsListEntry>> r = parseCmgl(lines);
	ASSERT_TRUE(r.ok()) << r.error().message();
	ASSERT_EQ(r->size(), 2u);
	EXPECT_EQ((*r)[0].index, 7);
	EXPECT_EQ((*r)[0].status, SmsStatus::ReceivedUnread);
	EXPECT_EQ((*r)[1].alpha, "Mum");
	EXPECT_EQ((*r)[1].pduHex, kDeliverPdu); // upper-cased
}

struct CmglErrorCase {
	const char *name;
	std::vector<std::string> lines;
	Errc code;
};

TEST(Cmgl, errorsTable)
{
	const std::vector<CmglErrorCase> cases = {
		{ "pduLineMissing", { "+CMGL: 0,1,,28" }, Errc::Truncated },
		{ "lengthDisagreesWithPdu", { "+CMGL: 0,1,,27", kDeliverPdu }, Errc::InvalidLength },
		{ "pduNotHex", { "+CMGL: 0,1,,28", "07917283010010F5040BC8723888090XF1" }, Errc::InvalidHex },
		{ "textModeStat", { "+CMGL: 1,\"REC READ\",\"+8190\",,\"24/01/01,00:00:00+36\"", "hi" },
		  Errc::Unsupported },
		{ "statOutOfRange", { "+CMGL: 1,7,,28", kDeliverPdu }, Errc::InvalidValue },
		{ "wrongPrefix", { "+CMGR: 1,,28", kDeliverPdu }, Errc::Malformed },
	};
	for (const CmglErrorCase &c : cases) {
		Result<std::vector<SmsListEntry>> r = parseCmgl(c.lines);
		ASSERT_FALSE(r.ok()) << c.name;
		EXPECT_EQ(r.error().code, c.code) << c.name << ": " << r.error().message();
		EXPECT_FALSE(r.error().raw.empty()) << c.name;
	}
}

TEST(Cmgr, huaweiE3372ReadMessage)
{
	std::vector<std::string> lines = { "+CMGR: 1,,28", kDeliverPdu };
	Result<SmsRecord> r = parseCmgr(lines);
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->status, SmsStatus::ReceivedRead);
	EXPECT_EQ(r->length, 28);
	EXPECT_EQ(r->pduHex, kDeliverPdu);
}

TEST(Cmgr, emptySlotIsNotFound)
{
	Result<SmsRecord> r = parseCmgr(std::vector<std::string>{});
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, Errc::NotFound);
}

TEST(Cmgr, lengthMismatchNamesBothNumbers)
{
	std::vector<std::string> lines = { "+CMGR: 0,,20", kDeliverPdu };
	Result<SmsRecord> r = parseCmgr(lines);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, Errc::InvalidLength);
	EXPECT_NE(r.error().message().find("36 octets"), std::string::npos) << r.error().message();
}

// ---------------------------------------------------------------- +CPMS

TEST(Cpms, readThreeStorages)
{
	Result<std::vector<SmsStorageUsage>> r = parseCpmsRead("+CPMS: \"SM\",3,20,\"ME\",0,23,\"SM\",3,20");
	ASSERT_TRUE(r.ok()) << r.error().message();
	ASSERT_EQ(r->size(), 3u);
	EXPECT_EQ((*r)[0].mem, "SM");
	EXPECT_EQ((*r)[0].used, 3);
	EXPECT_EQ((*r)[0].total, 20);
	EXPECT_EQ((*r)[1].mem, "ME");
	EXPECT_EQ((*r)[1].total, 23);
}

TEST(Cpms, readTwoStoragesOlderFirmware)
{
	Result<std::vector<SmsStorageUsage>> r = parseCpmsRead("+CPMS: \"MT\",5,255,\"MT\",5,255");
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->size(), 2u);
}

TEST(Cpms, readErrors)
{
	EXPECT_EQ(parseCpmsRead("+CPMS: \"SM\",3").error().code, Errc::Malformed);
	EXPECT_EQ(parseCpmsRead("+CPMS: \"SM\",30,20,\"SM\",0,20,\"SM\",0,20").error().code,
		  Errc::InvalidValue);
	EXPECT_EQ(parseCpmsRead("+CPMS: ,3,20").error().code, Errc::Malformed);
}

TEST(Cpms, setReplyWithMems)
{
	std::vector<std::string> mems = { "sm", "sm", "sm" };
	Result<std::vector<SmsStorageUsage>> r = parseCpmsSet("+CPMS: 3,20,3,20,3,20", mems);
	ASSERT_TRUE(r.ok()) << r.error().message();
	ASSERT_EQ(r->size(), 3u);
	EXPECT_EQ((*r)[2].mem, "SM");
	EXPECT_EQ((*r)[2].used, 3);
	EXPECT_EQ(parseCpmsSet("+CPMS: 3,20,3").error().code, Errc::Malformed);
}

TEST(Cpms, testListsHuawei)
{
	Result<std::vector<std::vector<std::string>>> r =
		parseCpmsTest("+CPMS: (\"ME\",\"MT\",\"SM\",\"SR\"),(\"ME\",\"MT\",\"SM\",\"SR\"),(\"ME\",\"MT\",\"SM\",\"SR\")");
	ASSERT_TRUE(r.ok()) << r.error().message();
	ASSERT_EQ(r->size(), 3u);
	EXPECT_EQ((*r)[0], (std::vector<std::string>{ "ME", "MT", "SM", "SR" }));
	EXPECT_EQ(parseCpmsTest("+CPMS: \"SM\",\"ME\"").error().code, Errc::Malformed);
}

// ---------------------------------------------------------------- +CMGS / +CMTI / +CDSI

TEST(Cmgs, messageReference)
{
	EXPECT_EQ(*parseCmgs(std::vector<std::string>{ "+CMGS: 42" }), 42);
	// A +CMGS line after the echo of the PDU that the framer did not recognise.
	EXPECT_EQ(*parseCmgs(std::vector<std::string>{ kSubmitPdu, "+CMGS: 0" }), 0);
	EXPECT_EQ(parseCmgs(std::vector<std::string>{ "+CMGS: 256" }).error().code, Errc::InvalidValue);
	EXPECT_EQ(parseCmgs(std::vector<std::string>{}).error().code, Errc::Malformed);
}

TEST(Cmti, storageAndIndexTable)
{
	struct C {
		const char *name;
		std::string line;
		std::string mem;
		int index;
	};
	const std::vector<C> cases = {
		{ "ts27005Sim", "+CMTI: \"SM\",3", "SM", 3 },
		{ "quectelEc25Me", "+CMTI: \"ME\",3", "ME", 3 },
		{ "unquotedMem", "+CMTI: MT,12", "MT", 12 },
	};
	for (const C &c : cases) {
		Result<MessageIndication> r = parseCmti(c.line);
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		EXPECT_EQ(r->mem, c.mem) << c.name;
		EXPECT_EQ(r->index, c.index) << c.name;
	}
	EXPECT_EQ(parseCmti("+CMTI: \"SM\"").error().code, Errc::Malformed);
	EXPECT_EQ(parseCmti("+CMTI: \"SM\",x").error().code, Errc::Malformed);
	Result<MessageIndication> sr = parseCdsi("+CDSI: \"SR\",1");
	ASSERT_TRUE(sr.ok());
	EXPECT_EQ(sr->mem, "SR");
	EXPECT_EQ(sr->index, 1);
}

// ---------------------------------------------------------------- +COPS

TEST(Cops, numericFormatTable)
{
	struct C {
		const char *name;
		std::string line;
		std::string mcc, mnc;
		int act;
	};
	const std::vector<C> cases = {
		{ "docomoLte", "+COPS: 0,2,\"44010\",7", "440", "10", 7 },
		{ "threeDigitMncAtt", "+COPS: 0,2,\"310410\",7", "310", "410", 7 },
		{ "utran", "+COPS: 1,2,\"26201\",2", "262", "01", 2 },
	};
	for (const C &c : cases) {
		Result<OperatorSelection> r = parseCopsRead(c.line);
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		ASSERT_TRUE(r->format) << c.name;
		EXPECT_EQ(*r->format, OperatorFormat::Numeric) << c.name;
		EXPECT_EQ(r->mcc, c.mcc) << c.name;
		EXPECT_EQ(r->mnc, c.mnc) << c.name;
		ASSERT_TRUE(r->act) << c.name;
		EXPECT_EQ(*r->act, c.act) << c.name;
	}
}

TEST(Cops, alphanumericAndUnregistered)
{
	Result<OperatorSelection> alpha = parseCopsRead("+COPS: 0,0,\"NTT DOCOMO\",7");
	ASSERT_TRUE(alpha.ok()) << alpha.error().message();
	EXPECT_EQ(*alpha->format, OperatorFormat::LongAlpha);
	EXPECT_EQ(alpha->oper, "NTT DOCOMO");
	EXPECT_TRUE(alpha->mcc.empty());

	Result<OperatorSelection> noAct = parseCopsRead("+COPS: 0,1,\"SoftBank\"");
	ASSERT_TRUE(noAct.ok());
	EXPECT_FALSE(noAct->act);

	Result<OperatorSelection> none = parseCopsRead("+COPS: 0");
	ASSERT_TRUE(none.ok());
	EXPECT_EQ(none->mode, 0);
	EXPECT_FALSE(none->format);
}

TEST(Cops, errors)
{
	EXPECT_EQ(parseCopsRead("+COPS: 0,2,\"4401\",7").error().code, Errc::Malformed);
	EXPECT_EQ(parseCopsRead("+COPS: 0,2,\"44A10\",7").error().code, Errc::Malformed);
	EXPECT_EQ(parseCopsRead("+COPS: 9").error().code, Errc::InvalidValue);
	EXPECT_EQ(parseCopsRead("+CREG: 0,1").error().code, Errc::Malformed);
}

// ---------------------------------------------------------------- identities

TEST(Imsi, table)
{
	struct C {
		const char *name;
		std::string line;
		std::string imsi;
	};
	const std::vector<C> cases = {
		{ "huaweiMu509Bare", "440103123456789", "440103123456789" },
		{ "quectelPrefixed", "+CIMI: 440103123456789", "440103123456789" },
		{ "quoted", "\"310410123456789\"", "310410123456789" },
	};
	for (const C &c : cases) {
		Result<std::string> r = parseImsi(std::vector<std::string>{ c.line });
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		EXPECT_EQ(*r, c.imsi) << c.name;
	}
	EXPECT_EQ(parseImsi(std::vector<std::string>{ "4401031234567890" }).error().code, Errc::InvalidLength);
	Result<std::string> bad = parseImsi(std::vector<std::string>{ "44010312345X789" });
	ASSERT_FALSE(bad.ok());
	EXPECT_EQ(bad.error().offset, 11u);
	EXPECT_EQ(parseImsi(std::vector<std::string>{}).error().code, Errc::Malformed);
}

TEST(Iccid, table)
{
	struct C {
		const char *name;
		std::string line;
		IccidDigitOrder order;
		std::string iccid;
	};
	const std::vector<C> cases = {
		{ "uBloxCcid", "+CCID: 8901260882217768982", IccidDigitOrder::Auto, "8901260882217768982" },
		{ "telitIccid", "+ICCID: 89811000221522351074", IccidDigitOrder::Auto, "89811000221522351074" },
		{ "quectelEc25PaddedF", "+QCCID: 8944476500008878576F", IccidDigitOrder::Auto, "8944476500008878576" },
		{ "huaweiE3372SwappedAuto", "^ICCID: 98180100225122530147", IccidDigitOrder::Auto,
		  "89811000221522351074" },
		{ "huaweiSwappedPaddedF", "^ICCID: 981801002251225301F7", IccidDigitOrder::Swapped,
		  "8981100022152235107" },
		{ "huaweiFirmwareAlreadyInOrder", "^ICCID: 89811000221522351074", IccidDigitOrder::Auto,
		  "89811000221522351074" },
		{ "chinaMobileHexLetter", "+QCCID: 898600B5221522351074", IccidDigitOrder::Auto,
		  "898600B5221522351074" },
		{ "bareQuoted", "\"89811000221522351074\"", IccidDigitOrder::AsSent, "89811000221522351074" },
	};
	for (const C &c : cases) {
		Result<std::string> r = parseIccid(std::vector<std::string>{ c.line }, c.order);
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		EXPECT_EQ(*r, c.iccid) << c.name;
	}
}

TEST(Iccid, errors)
{
	EXPECT_EQ(parseIccid(std::vector<std::string>{ "+ICCID: 8981" }).error().code, Errc::InvalidLength);
	EXPECT_EQ(parseIccid(std::vector<std::string>{ "+ICCID: 89811000-221522351074" }).error().code,
		  Errc::Malformed);
	EXPECT_EQ(parseIccid(std::vector<std::string>{ "^ICCID: 9818010022512253014" }, IccidDigitOrder::Swapped)
			  .error()
			  .code,
		  Errc::InvalidLength);
	EXPECT_EQ(parseIccid(std::vector<std::string>{ "+ICCID: 8981100F221522351074" }).error().code,
		  Errc::Malformed);
}

TEST(Imei, table)
{
	struct C {
		const char *name;
		std::string line;
		std::string imei;
	};
	const std::vector<C> cases = {
		{ "huaweiMu509Bare", "351782030028946", "351782030028946" },
		{ "simcomPrefixed", "+CGSN: 865326061591809", "865326061591809" },
		{ "gsnQuoted", "+GSN: \"490154203237518\"", "490154203237518" },
		{ "sierraImeiLabel", "IMEI: 359225050012345", "359225050012345" },
		{ "imeisv16", "3517820300289401", "3517820300289401" },
	};
	for (const C &c : cases) {
		Result<std::string> r = parseImei(std::vector<std::string>{ c.line });
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		EXPECT_EQ(*r, c.imei) << c.name;
	}
	EXPECT_EQ(parseImei(std::vector<std::string>{ "35178203002894" }).error().code, Errc::InvalidLength);
	EXPECT_EQ(parseImei(std::vector<std::string>{ "+CGSN: 35178203002894A" }).error().code, Errc::Malformed);
}

TEST(Imei, checkDigit)
{
	EXPECT_TRUE(imeiCheckDigitValid("351782030028946")); // Huawei MU509 manual example
	EXPECT_TRUE(imeiCheckDigitValid("490154203237518"));
	EXPECT_FALSE(imeiCheckDigitValid("490154203237519"));
	EXPECT_FALSE(imeiCheckDigitValid("49015420323751"));
}

TEST(Cnum, table)
{
	struct C {
		const char *name;
		std::vector<std::string> lines;
		std::string number;
	};
	const std::vector<C> cases = {
		{ "spec27007International", { "+CNUM: \"\",\"+819012345678\",145" }, "+819012345678" },
		{ "internationalWithoutPlus", { "+CNUM: \"Own\",\"4915112345678\",145,,4" }, "+4915112345678" },
		{ "nationalType129", { "+CNUM: ,\"09012345678\",129" }, "09012345678" },
		{ "firstNonEmptyOfSeveral", { "+CNUM: \"Data\",\"\",129", "+CNUM: \"Voice\",\"+15550100\",145" }, "+15550100" },
		{ "unknownOkOnly", {}, "" },
		{ "emptyNumber", { "+CNUM: \"\",\"\",129" }, "" },
	};
	for (const C &c : cases) {
		Result<std::string> r = parseCnum(c.lines);
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		EXPECT_EQ(*r, c.number) << c.name;
	}
	EXPECT_EQ(parseCnum(std::vector<std::string>{ "+CNUM: \"x\"" }).error().code, Errc::Malformed);
	EXPECT_EQ(parseCnum(std::vector<std::string>{ "+CNUM: \"\",\"+81;AT\",145" }).error().code, Errc::Malformed);
}

TEST(IdentityValue, table)
{
	struct C {
		const char *name;
		std::vector<std::string> lines;
		std::string prefix;
		std::string value;
	};
	const std::vector<C> cases = {
		{ "quectelCgmiBare", { "Quectel" }, "+CGMI", "Quectel" },
		{ "qualcommCgmi", { "QUALCOMM INCORPORATED" }, "+CGMI", "QUALCOMM INCORPORATED" },
		{ "simcomCgmmPrefixed", { "+CGMM: SIMCOM_SIM7600E-H" }, "+CGMM", "SIMCOM_SIM7600E-H" },
		{ "gmmTwin", { "+GMM: MC7455" }, "+CGMM", "MC7455" },
		{ "modelLabel", { "Model: E3372" }, "+CGMM", "E3372" },
		{ "quectelCgmr", { "EC25EFAR06A06M4G" }, "+CGMR", "EC25EFAR06A06M4G" },
		{ "quotedValue", { "+CGMR: \"11.617.01.00.00\"" }, "+CGMR", "11.617.01.00.00" },
		{ "revisionLabelSecondLine", { "", "Revision: SWI9X30C_02.24.05.06" }, "+CGMR",
		  "SWI9X30C_02.24.05.06" },
	};
	for (const C &c : cases) {
		Result<std::string> r = parseIdentityValue(c.lines, c.prefix);
		ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().message();
		EXPECT_EQ(*r, c.value) << c.name;
	}
	EXPECT_EQ(parseIdentityValue(std::vector<std::string>{}, "+CGMI").error().code, Errc::Malformed);
}

// ---------------------------------------------------------------- +CSCS

TEST(Cscs, testAndRead)
{
	Result<std::vector<std::string>> t = parseCscsTest("+CSCS: (\"IRA\",\"GSM\",\"UCS2\")");
	ASSERT_TRUE(t.ok()) << t.error().message();
	EXPECT_EQ(*t, (std::vector<std::string>{ "IRA", "GSM", "UCS2" }));
	Result<std::vector<std::string>> noParens = parseCscsTest("+CSCS: \"IRA\",\"GSM\",\"UCS2\",\"8859-1\"");
	ASSERT_TRUE(noParens.ok()) << noParens.error().message();
	EXPECT_EQ(noParens->size(), 4u);
	EXPECT_EQ(parseCscsTest("+CSCS: ()").error().code, Errc::Malformed);

	Result<std::string> r = parseCscsRead("+CSCS: \"GSM\"");
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(*r, "GSM");
	EXPECT_EQ(parseCscsRead("+CSCS: \"GSM\",\"UCS2\"").error().code, Errc::Malformed);
}

} // namespace
} // namespace zanryo
