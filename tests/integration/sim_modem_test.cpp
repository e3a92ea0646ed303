// zanryo-modem-sim spoken to with raw AT over its pty: what every later test relies on.
#include <algorithm>
#include <filesystem>

#include "sim_test_helpers.hpp"

namespace zanryo::test {
namespace {

struct IdentityCase {
	const char *name;
	const char *scenario;
	const char *command;
	const char *expected;  ///< regex the response must contain
};

// Layouts as the real firmwares print them (Huawei E3372 ATI block, Quectel EC25 ATI,
// Huawei's nibble-swapped ^ICCID, TS 27.007 §5 plain +CGMI/+CGSN lines).
const IdentityCase kIdentity[] = {
	{ "genericAt", "generic-en", "AT", "^\r\nOK\r\n$" },
	{ "genericCgmi", "generic-en", "AT+CGMI", "^\r\nzanryo\r\n\r\nOK\r\n$" },
	{ "genericCgmm", "generic-en", "AT+CGMM", "\r\nSIM-LTE\r\n" },
	{ "genericCgmr", "generic-en", "AT+CGMR", "\r\nSIM-LTE_1.0.0\r\n" },
	{ "genericImei", "generic-en", "AT+CGSN", "\r\n350000000000006\r\n\r\nOK" },
	{ "genericImsi", "generic-en", "AT+CIMI", "\r\n001010123456789\r\n" },
	{ "genericCcid", "generic-en", "AT+CCID", "\\+CCID: 8900101234567890123\r\n" },
	{ "genericCnum", "generic-en", "AT+CNUM", "\\+CNUM: \"\",\"\\+10000000001\",145" },
	{ "genericCopsLong", "generic-en", "AT+COPS?", "\\+COPS: 0,0,\"Test Network\",7" },
	{ "genericCopsNumeric", "generic-en", "AT+COPS=3,2;+COPS?", "\\+COPS: 0,2,\"00101\",7" },
	{ "genericCpin", "generic-en", "AT+CPIN?", "\\+CPIN: READY" },
	{ "genericCscsTest", "generic-en", "AT+CSCS=?", "\\+CSCS: \\(\"IRA\",\"GSM\",\"UCS2\"\\)" },
	{ "genericUnknown", "generic-en", "AT+ZZZZ", "^\r\nERROR\r\n$" },
	{ "genericNoHuaweiIccid", "generic-en", "AT^ICCID?", "^\r\nERROR\r\n$" },
	{ "huaweiAti", "huawei-e3372", "ATI", "Manufacturer: huawei\r\nModel: E3372\r\nRevision: 22.328.62.00.1217\r\nIMEI: 866000000000011" },
	{ "huaweiIccidSwapped", "huawei-e3372", "AT^ICCID?", "\\^ICCID: 989410103254769810F2" },
	{ "huaweiNoCcid", "huawei-e3372", "AT+CCID", "^\r\nERROR\r\n$" },
	{ "huaweiCurc", "huawei-e3372", "AT^CURC=0", "^\r\nOK\r\n$" },
	{ "huaweiCscsIra", "huawei-e3372", "AT+CSCS?", "\\+CSCS: \"IRA\"" },
	{ "quectelAti", "jp-mvno", "ATI", "^\r\nQuectel\r\nEC25\r\nRevision: EC25JFAR06A05M4G\r\n\r\nOK" },
	{ "quectelQccid", "jp-mvno", "AT+QCCID", "\\+QCCID: 8981100012345678901" },
	{ "quectelCops", "jp-mvno", "AT+COPS=3,2;+COPS?", "\"44010\"" },
	{ "multiCommandLine", "generic-en", "AT+CMEE=1;+CSCS=\"UCS2\";+CSCS?", "^\r\n\\+CSCS: \"UCS2\"\r\n\r\nOK\r\n$" },
	{ "basicCommandsChained", "generic-en", "ATE0V1Q0", "^\r\nOK\r\n$" },
	{ "cmeeNumeric", "generic-en", "AT+CMEE=1;+CMEE=7", "\\+CME ERROR: 50\r\n$" },
	{ "cmeeVerbose", "generic-en", "AT+CMEE=2;+CMEE=7", "\\+CME ERROR: incorrect parameters\r\n$" },
	{ "cmsTextModeRefused", "generic-en", "AT+CMGF=1", "\\+CMS ERROR: 303" },
	{ "cpmsRead", "generic-en", "AT+CPMS?", "\\+CPMS: \"SM\",0,30,\"SM\",0,30,\"SM\",0,30" },
	{ "sRegisterCr", "generic-en", "ATS3?", "\r\n013\r\n" },
};

class SimIdentity : public ::testing::TestWithParam<IdentityCase>
{
};

TEST_P(SimIdentity, answersLikeTheRealFirmware)
{
	const IdentityCase &c = GetParam();
	SimSession s(c.scenario);
	std::string r = s.cmd(c.command);
	EXPECT_TRUE(std::regex_search(r, std::regex(c.expected))) << c.command << " -> " << r;
}

INSTANTIATE_TEST_SUITE_P(Table, SimIdentity, ::testing::ValuesIn(kIdentity),
			 [](const auto &p) { return std::string(p.param.name); });

TEST(SimModem, echoIsOnAtPowerUpAndFollowsAte)
{
	SimSession s("generic-en", false);
	EXPECT_EQ(s.cmd("AT"), "AT\r\r\nOK\r\n");
	EXPECT_EQ(s.cmd("ATE0"), "ATE0\r\r\nOK\r\n");  // echoed: it was on when the line came
	EXPECT_EQ(s.cmd("AT"), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("ATE1"), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT+CGMI"), "AT+CGMI\r\r\nzanryo\r\n\r\nOK\r\n");
	EXPECT_EQ(s.cmd("ATZ"), "ATZ\r\r\nOK\r\n");
	EXPECT_EQ(s.sim->control("echo off"), "ok");
	EXPECT_EQ(s.cmd("AT"), "\r\nOK\r\n");
}

TEST(SimModem, garbageBeforeThePrefixIsIgnoredAndRepeatWorks)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.cmd("\x1b\x1b" "AT+CGMM"), "\r\nSIM-LTE\r\n\r\nOK\r\n");
	s.at->send("A/");
	EXPECT_EQ(s.at->readUntil(finalResultRegex(), within(3s)).value_or(""), "\r\nSIM-LTE\r\n\r\nOK\r\n");
}

// TS 27.007 §7.15: the +CUSD <str> follows +CSCS when the DCS is the GSM alphabet.
TEST(SimUssd, replyEncodingFollowsCscs)
{
	SimSession s("generic-en");
	const std::string expected = "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.";
	ASSERT_EQ(s.cmd("AT+CSCS=\"GSM\""), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\nOK\r\n");
	Cusd gsm = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(gsm.status, 0);
	EXPECT_EQ(gsm.dcs, 15);
	EXPECT_EQ(gsm.str, expected);

	ASSERT_EQ(s.cmd("AT+CSCS=\"UCS2\""), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"" + utf8ToUcs2Hex("*100#") + "\",15"), "\r\nOK\r\n");
	Cusd ucs2 = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(ucs2.status, 0);
	EXPECT_EQ(ucs2.dcs, 15);
	EXPECT_EQ(ucs2.str, utf8ToUcs2Hex(expected));
	EXPECT_EQ(ucs2HexToUtf8(ucs2.str), expected);
}

TEST(SimUssd, huaweiE3372AnswersPackedGsm7Hex)
{
	SimSession s("huawei-e3372");
	ASSERT_EQ(s.cmd("AT+CSCS=\"GSM\""), "\r\nOK\r\n");
	// Huawei firmwares take the request packed, too (ModemManager sends it that way).
	std::vector<std::uint8_t> septets = *utf8ToGsm7("*100#");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"" + hexEncode(gsm7PackUssd(septets)) + "\",15"), "\r\nOK\r\n");
	Cusd c = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(c.status, 0);
	EXPECT_EQ(c.dcs, 15);
	auto packed = hexDecode(c.str);
	ASSERT_TRUE(packed.ok()) << c.str;
	EXPECT_EQ(gsm7ToUtf8(gsm7UnpackUssd(*packed)), "Balance: EUR 7.50. Data remaining: 850 MB until 31.12.2026");

	// The per-code quirk: one hex byte per septet.
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*106#\",15"), "\r\nOK\r\n");
	Cusd unpacked = parseCusd(s.waitFor(kCusdRegex));
	auto septetBytes = hexDecode(unpacked.str);
	ASSERT_TRUE(septetBytes.ok());
	EXPECT_EQ(gsm7ToUtf8(*septetBytes), "Unlimited data @ 0.00 EUR/day");
}

TEST(SimUssd, cyrillicReplyIsUcs2HexWithDcs72)
{
	SimSession s("ru-prepaid");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\nOK\r\n");
	Cusd c = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(c.status, 0);
	EXPECT_EQ(c.dcs, 72);
	EXPECT_EQ(ucs2HexToUtf8(c.str), "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026");
}

TEST(SimUssd, japaneseNetworkAnswersNotSupported)
{
	SimSession s("jp-mvno");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\nOK\r\n");
	Cusd c = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(c.status, 4);
	EXPECT_FALSE(c.hasText);
}

TEST(SimUssd, menuAnswerAndCancel)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*101#\",15"), "\r\nOK\r\n");
	Cusd menu = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(menu.status, 1);
	EXPECT_EQ(menu.str, "1. Balance\n2. Data\n3. Offers");
	EXPECT_NE(s.sim->control("status").find("\"ussd\":\"menu\""), std::string::npos);

	EXPECT_EQ(s.cmd("AT+CUSD=1,\"2\",15"), "\r\nOK\r\n");
	Cusd data = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(data.status, 0);
	EXPECT_EQ(data.str, "Data left: 2.5 GB until 31/12/2026");

	// A nested menu, then the user cancels (TS 27.007 §7.15 <n>=2).
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*101#\",15"), "\r\nOK\r\n");
	EXPECT_EQ(parseCusd(s.waitFor(kCusdRegex)).status, 1);
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"3\",15"), "\r\nOK\r\n");
	Cusd offers = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(offers.status, 1);
	EXPECT_EQ(offers.str, "1. 1 GB for 2 GBP\n2. 5 GB for 5 GBP");
	EXPECT_EQ(s.cmd("AT+CUSD=2"), "\r\nOK\r\n");
	EXPECT_NE(s.sim->control("status").find("\"ussd\":\"idle\""), std::string::npos);
	// After the cancel "1" is a new request that no rule knows.
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"1\",15"), "\r\nOK\r\n");
	EXPECT_EQ(parseCusd(s.waitFor(kCusdRegex)).status, 4);
}

TEST(SimUssd, wrongMenuAnswerEndsTheDialogue)
{
	SimSession s("ru-prepaid");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*111#\",15"), "\r\nOK\r\n");
	Cusd menu = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(menu.status, 1);
	EXPECT_EQ(ucs2HexToUtf8(menu.str), "1 Баланс\n2 Интернет\n0 Выход");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"9\",15"), "\r\nOK\r\n");
	EXPECT_EQ(parseCusd(s.waitFor(kCusdRegex)).status, 2);
}

TEST(SimUssd, networkInitiatedNotification)
{
	SimSession s("generic-en");
	ASSERT_EQ(s.cmd("AT+CUSD=1"), "\r\nOK\r\n");
	EXPECT_EQ(s.sim->control("ussd-notify Your bundle ends today"), "ok");
	Cusd c = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(c.status, 0);
	EXPECT_EQ(c.str, "Your bundle ends today");
}

TEST(SimSms, keywordToShortNumberGetsStoredReply)
{
	SimSession s("generic-en");
	std::string sent = sendSms(s, "00000", "BALANCE");
	EXPECT_TRUE(std::regex_search(sent, std::regex(R"(^\r\n\+CMGS: \d+\r\n\r\nOK\r\n$)"))) << sent;
	std::string cmti = s.waitFor(R"(\+CMTI: "SM",(\d+)\r\n)");
	std::smatch m;
	ASSERT_TRUE(std::regex_search(cmti, m, std::regex(R"(\+CMTI: "SM",(\d+))"))) << cmti;
	std::string read = s.cmd("AT+CMGR=" + m[1].str());
	auto pdus = pdusIn(read);
	ASSERT_EQ(pdus.size(), 1u) << read;
	EXPECT_EQ(pdus[0].type, SmsType::Deliver);
	EXPECT_EQ(pdus[0].address.number, "00000");
	EXPECT_EQ(pdus[0].text, "Balance 12.34 GBP. Data left: 2.5 GB, valid until 31/12/2026.");
	EXPECT_TRUE(read.find("+CMGR: 0,,") != std::string::npos) << read;  // was unread
	EXPECT_TRUE(s.cmd("AT+CMGR=" + m[1].str()).find("+CMGR: 1,,") != std::string::npos);
	EXPECT_NE(s.sim->control("status").find("\"to\":\"00000\",\"text\":\"BALANCE\""), std::string::npos);
}

TEST(SimSms, japaneseMultipartReplyArrivesOutOfOrder)
{
	SimSession s("jp-mvno");
	std::string sent = sendSms(s, "00000", "残高");
	EXPECT_NE(sent.find("+CMGS: "), std::string::npos) << sent;
	std::vector<SmsPdu> parts;
	for (int i = 0; i < 3 + 1 && parts.size() < 3; ++i) {
		std::string cmti = s.waitFor(R"(\+CMTI: "SM",\d+\r\n)");
		std::smatch m;
		ASSERT_TRUE(std::regex_search(cmti, m, std::regex(R"(\+CMTI: "SM",(\d+))"))) << cmti;
		for (SmsPdu &p : pdusIn(s.cmd("AT+CMGR=" + m[1].str()))) {
			if (p.concat)
				parts.push_back(std::move(p));
		}
	}
	ASSERT_EQ(parts.size(), 3u);
	std::vector<int> order;
	for (const SmsPdu &p : parts) {
		EXPECT_EQ(p.dcs.alphabet, Alphabet::Ucs2);
		EXPECT_EQ(p.concat->total, 3);
		order.push_back(p.concat->seq);
	}
	EXPECT_NE(order, (std::vector<int>{ 1, 2, 3 })) << "scenario says shuffled";
	std::sort(parts.begin(), parts.end(), [](const SmsPdu &a, const SmsPdu &b) { return a.concat->seq < b.concat->seq; });
	std::string text;
	for (const SmsPdu &p : parts)
		text += p.text;
	EXPECT_EQ(text, "【データ残量】\n今月の残りデータ量は1.25GBです。\n有効期限：2026年12月31日\n"
			"ご利用ありがとうございます。追加チャージはマイページから。");
}

TEST(SimSms, japaneseNoticeArrivesAtStart)
{
	SimSession s("jp-mvno");
	std::string cmti = s.waitFor(R"(\+CMTI: "SM",0\r\n)");
	ASSERT_NE(cmti, "<timeout>");
	auto pdus = pdusIn(s.cmd("AT+CMGL=4"));
	ASSERT_EQ(pdus.size(), 1u);
	EXPECT_EQ(pdus[0].text, "【お知らせ】今月のデータ残量が残り20%（1.25GB）になりました。");
}

TEST(SimSms, cnmiChoosesCmtiOrCmt)
{
	SimSession s("generic-en");
	ASSERT_EQ(s.cmd("AT+CNMI=2,2,0,0,0"), "\r\nOK\r\n");
	EXPECT_EQ(s.sim->control("deliver-sms +15550000001 Direct one"), "ok");
	std::string cmt = s.waitFor(R"(\+CMT: ,\d+\r\n[0-9A-F]+\r\n)");
	auto direct = pdusIn(cmt);
	ASSERT_EQ(direct.size(), 1u) << cmt;
	EXPECT_EQ(direct[0].text, "Direct one");
	EXPECT_EQ(direct[0].address.number, "+15550000001");
	EXPECT_EQ(s.cmd("AT+CPMS?"), "\r\n+CPMS: \"SM\",0,30,\"SM\",0,30,\"SM\",0,30\r\n\r\nOK\r\n");

	ASSERT_EQ(s.cmd("AT+CNMI=2,1,0,0,0"), "\r\nOK\r\n");
	EXPECT_EQ(s.sim->control("deliver-sms +15550000001 Stored one"), "ok");
	EXPECT_NE(s.waitFor(R"(\+CMTI: "SM",1\r\n)"), "<timeout>");
	EXPECT_EQ(s.cmd("AT+CPMS?"), "\r\n+CPMS: \"SM\",1,30,\"SM\",1,30,\"SM\",1,30\r\n\r\nOK\r\n");
}

TEST(SimSms, listReadDeleteInPduMode)
{
	SimSession s("generic-en");
	ASSERT_EQ(s.cmd("AT+CNMI=2,0,0,0,0"), "\r\nOK\r\n");  // store quietly
	EXPECT_EQ(s.sim->control("deliver-sms 00000 first"), "ok");
	EXPECT_EQ(s.sim->control("deliver-sms 00000 second"), "ok");
	ASSERT_TRUE(waitUntil([&] { return s.sim->control("status").find("\"stored_sms\":2") != std::string::npos; },
			      within(5s)));
	auto unread = pdusIn(s.cmd("AT+CMGL=0"));
	ASSERT_EQ(unread.size(), 2u);
	EXPECT_EQ(unread[0].text, "first");
	EXPECT_EQ(unread[1].text, "second");
	EXPECT_TRUE(pdusIn(s.cmd("AT+CMGL=0")).empty());  // listing marked them read
	EXPECT_EQ(pdusIn(s.cmd("AT+CMGL=1")).size(), 2u);
	EXPECT_EQ(s.cmd("AT+CMGD=1"), "\r\nOK\r\n");
	auto left = pdusIn(s.cmd("AT+CMGL=4"));
	ASSERT_EQ(left.size(), 1u);
	EXPECT_EQ(left[0].text, "second");
	EXPECT_EQ(s.cmd("AT+CMGR=1"), "\r\n+CMS ERROR: 321\r\n");
	EXPECT_EQ(s.cmd("AT+CMGL=\"ALL\""), "\r\n+CMS ERROR: 302\r\n");  // text-mode value
	EXPECT_EQ(s.cmd("AT+CMGD=0,4"), "\r\nOK\r\n");
	EXPECT_TRUE(pdusIn(s.cmd("AT+CMGL=4")).empty());
}

TEST(SimSms, escapeCancelsThePrompt)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.cmd("AT+CMGS=20"), "\r\n> ");
	s.at->send("0011\x1B");
	EXPECT_EQ(s.at->readUntil(finalResultRegex(), within(3s)).value_or(""), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT"), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT+CMGS=20"), "\r\n> ");
	s.at->send("00110005\x1A");  // length does not match: TS 27.005 §3.2.5 error 304
	EXPECT_EQ(s.at->readUntil(finalResultRegex(), within(3s)).value_or(""), "\r\n+CMS ERROR: 304\r\n");
}

TEST(SimProgram, brokenScenarioExitsTwoWithFileLineAndKey)
{
	TempDir dir;
	struct Broken {
		const char *toml;
		const char *expected;
	} cases[] = {
		{ "[modem]\nmodel = \"X\"\nquirk = \"nokia\"\n", ":3: modem.quirk: \"nokia\" is not one of" },
		{ "[network]\nmcc = 440\n", ":2: network.mcc: must be a string" },
		{ "[[ussd]]\ncode = \"*100#\"\ntxet = \"typo\"\n", "ussd[0].txet: unknown key" },
		{ "[modem\n", ":1:" },
		{ "[[sms_reply]]\nkeyword = \"X\"\n", "sms_reply[0].to: is required" },
	};
	for (const Broken &b : cases) {
		std::string path = dir.write("broken.toml", b.toml);
		auto r = Process::run(binaryPath("tests/sim/zanryo-modem-sim"), { "--scenario", path }, 10s);
		EXPECT_EQ(r.exitCode, 2) << b.toml;
		EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
		EXPECT_NE(r.err.find(b.expected), std::string::npos) << r.err;
	}
}

TEST(SimProgram, sigtermRemovesLinkAndSocket)
{
	auto sim = std::make_unique<SimModem>("generic-en");
	std::string link = sim->link(), socket = sim->controlSocket();
	EXPECT_TRUE(std::filesystem::exists(link));
	EXPECT_TRUE(std::filesystem::exists(socket));
	EXPECT_EQ(sim->process().terminate(), 0);
	EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(link)));
	EXPECT_FALSE(std::filesystem::exists(socket));
}

} /* namespace */
} /* namespace zanryo::test */
