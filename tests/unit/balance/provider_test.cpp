// ProviderDb against Debian's mobile-broadband-provider-info 20230416 (installed with the
// build dependencies) and the overlays in data/providers and tests/data/providers.

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "libmodem/balance/mcc_country.hpp"
#include "libmodem/balance/provider.hpp"

namespace zanryo {
namespace {

const char *kMbpi = "/usr/share/mobile-broadband-provider-info/serviceproviders.xml";
const std::string kTestData = std::string(ZANRYO_TEST_DATA_DIR) + "/providers";

const ProviderDb &mbpi()
{
	static const ProviderDb db = [] {
		Result<ProviderDb> r = ProviderDb::fromMbpiFile(kMbpi);
		EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
		return r.ok() ? std::move(r).value() : ProviderDb{};
	}();
	return db;
}

std::vector<std::string> names(const ProviderMatch &m)
{
	std::vector<std::string> out;
	for (const ProviderCandidate &c : m.candidates)
		out.push_back(c.profile->name);
	std::sort(out.begin(), out.end());
	return out;
}

const ProviderProfile *only(const ProviderMatch &m)
{
	EXPECT_EQ(m.candidates.size(), 1u) << m.reason;
	return m.candidates.size() == 1 ? m.candidates.front().profile : nullptr;
}

TEST(ProviderMbpi, debianDatabaseCounts)
{
	ProviderDbStats s = mbpi().stats();
	// 20230416: 702 <provider>s, 636 with a GSM <network-id>; 145 carry <balance-check>,
	// but "Suop" (es) has no <network-id>, so 144 can be looked up.
	EXPECT_EQ(s.providers, 636u);
	EXPECT_EQ(s.withBalanceCheck, 144u);
	EXPECT_LE(s.withUsableCheck, s.withBalanceCheck);
	EXPECT_GT(s.withUsableCheck, 100u);
	EXPECT_GT(s.withVerifiedCheck, 90u);
	EXPECT_EQ(s.withTopUp, 72u);
	EXPECT_EQ(s.skippedNetworkIds, 0u);
	EXPECT_GT(s.networks, 800u);
}

struct UssdCheckCase {
	const char *name;
	int mcc;
	const char *mnc;
	const char *provider;
	const char *country;
	const char *currency;
	const char *code;
};

class ProviderMbpiUssd : public ::testing::TestWithParam<UssdCheckCase> {};

TEST_P(ProviderMbpiUssd, uniqueNetworkWithBalanceUssd)
{
	const UssdCheckCase &c = GetParam();
	Result<ProviderMatch> m = mbpi().lookupMccMnc(c.mcc, c.mnc);
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, MatchStatus::Unique);
	EXPECT_EQ(m->country, c.country);
	EXPECT_EQ(m->currency, c.currency);
	const ProviderProfile *p = only(*m);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->name, c.provider);
	ASSERT_FALSE(p->balanceChecks.empty());
	EXPECT_EQ(p->balanceChecks.front().kind, MethodKind::Ussd);
	EXPECT_EQ(p->balanceChecks.front().code, c.code);
	EXPECT_TRUE(p->balanceChecks.front().verified);
	EXPECT_EQ(p->balanceChecks.front().source, "mbpi");
}

INSTANTIATE_TEST_SUITE_P(
	Debian, ProviderMbpiUssd,
	::testing::Values(UssdCheckCase{ "mtsRussia", 250, "01", "MTS", "ru", "RUB", "*100#" },
			  UssdCheckCase{ "vodacomSouthAfrica", 655, "01", "Vodacom", "za", "ZAR", "*100#" },
			  UssdCheckCase{ "safaricomKenya", 639, "02", "Safaricom", "ke", "KES", "*144#" },
			  UssdCheckCase{ "orangeFrance", 208, "00", "Orange", "fr", "EUR", "#123#" },
			  // MBPI writes " *111*1*3#" with a leading space.
			  UssdCheckCase{ "relianceIndiaTrimmed", 404, "09", "Reliance", "in", "INR", "*111*1*3#" }),
	[](const auto &param) { return std::string(param.param.name); });

TEST(ProviderMbpi, freeMobileSmsCheckIsNotVerified)
{
	// 208-15 Free Mobile: <sms text="conso">555</sms>; an SMS may be charged.
	Result<ProviderMatch> m = mbpi().lookupMccMnc(208, "15");
	ASSERT_TRUE(m.ok());
	const ProviderProfile *p = only(*m);
	ASSERT_NE(p, nullptr);
	ASSERT_EQ(p->balanceChecks.size(), 1u);
	EXPECT_EQ(p->balanceChecks[0].kind, MethodKind::Sms);
	EXPECT_EQ(p->balanceChecks[0].number, "555");
	EXPECT_EQ(p->balanceChecks[0].text, "conso");
	EXPECT_FALSE(p->balanceChecks[0].verified);
}

TEST(ProviderMbpi, gloNigeriaMenuWalkIsNotVerified)
{
	// 621-50 Glo: <ussd>#124#</ussd><ussd-response>4</ussd-response>.
	Result<ProviderMatch> m = mbpi().lookupMccMnc(621, "50");
	ASSERT_TRUE(m.ok());
	const ProviderProfile *p = only(*m);
	ASSERT_NE(p, nullptr);
	ASSERT_EQ(p->balanceChecks.size(), 2u);
	EXPECT_EQ(p->balanceChecks[1].kind, MethodKind::UssdMenu);
	EXPECT_EQ(p->balanceChecks[1].code, "4");
	EXPECT_FALSE(p->balanceChecks[1].verified);
}

TEST(ProviderMbpi, eeUkDtmfOnlyIsSkippedSmsKept)
{
	// 234-30 EE: <dtmf>150</dtmf> and two <sms number=150>; a voice IVR is unusable.
	Result<ProviderMatch> m = mbpi().lookupMccMnc(234, "30");
	ASSERT_TRUE(m.ok());
	const ProviderProfile *p = only(*m);
	ASSERT_NE(p, nullptr);
	EXPECT_TRUE(p->mbpiBalanceCheck);
	ASSERT_EQ(p->balanceChecks.size(), 2u);
	for (const BalanceMethod &method : p->balanceChecks)
		EXPECT_EQ(method.kind, MethodKind::Sms);
}

TEST(ProviderMbpi, topUpTemplateKeepsReplacement)
{
	// 262-43 Lycamobile Germany: <ussd replacement="CODE">*131*CODE#</ussd>.
	Result<ProviderMatch> m = mbpi().lookupMccMnc(262, "43");
	ASSERT_TRUE(m.ok());
	const ProviderProfile *p = only(*m);
	ASSERT_NE(p, nullptr);
	ASSERT_FALSE(p->topUps.empty());
	EXPECT_EQ(p->topUps[0].replacement, "CODE");
	EXPECT_NE(p->topUps[0].code.find("CODE"), std::string::npos);
	EXPECT_FALSE(p->topUps[0].verified);
}

TEST(ProviderMbpi, japanDocomoHasNoBalanceCheck)
{
	Result<ProviderMatch> m = mbpi().lookupMccMnc(440, "10");
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->country, "jp");
	EXPECT_EQ(m->currency, "JPY");
	EXPECT_EQ(m->status, MatchStatus::Ambiguous);
	EXPECT_EQ(names(*m),
		  (std::vector<std::string>{ "Excite", "Mineo", "NTTdocomo", "OCN", "b-mobile" }));
	for (const ProviderCandidate &c : m->candidates) {
		EXPECT_TRUE(c.profile->balanceChecks.empty()) << c.profile->name;
		EXPECT_FALSE(c.profile->mbpiBalanceCheck) << c.profile->name;
	}
}

TEST(ProviderLookup, ePlusSharedNetworkPickedBySpn)
{
	// 262-03 carries AldiTalk, blau.de, E-Plus and simyo in MBPI.
	SimHints hints;
	hints.spn = "e-plus";
	Result<ProviderMatch> m = mbpi().lookupImsi("262031234567890", hints);
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, MatchStatus::ByName);
	EXPECT_EQ(m->network.toString(), "262-03");
	const ProviderProfile *p = only(*m);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->name, "E-Plus");
	EXPECT_NE(m->reason.find("SPN"), std::string::npos);
}

TEST(ProviderLookup, ePlusSharedNetworkUnknownSpnIsAmbiguous)
{
	SimHints hints;
	hints.spn = "NoSuchBrand";
	Result<ProviderMatch> m = mbpi().lookupMccMnc(262, "03", hints);
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, MatchStatus::Ambiguous);
	EXPECT_EQ(names(*m), (std::vector<std::string>{ "AldiTalk/MedionMobile", "E-Plus",
							"blau.de", "simyo Internet" }));
	EXPECT_NE(m->reason.find("NoSuchBrand"), std::string::npos);
}

TEST(ProviderLookup, configuredProviderWinsOverSpn)
{
	SimHints hints;
	hints.spn = "E-Plus";
	hints.provider = "Blau.de";
	Result<ProviderMatch> m = mbpi().lookupMccMnc(262, "03", hints);
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, MatchStatus::ByName);
	ASSERT_NE(only(*m), nullptr);
	EXPECT_EQ(only(*m)->name, "blau.de");
}

TEST(ProviderLookup, operatorNameUsedWhenNoSpn)
{
	SimHints hints;
	hints.operatorName = "AT & T";
	Result<ProviderMatch> m = mbpi().lookupImsi("310410123456789", hints);
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, MatchStatus::ByName);
	ASSERT_NE(only(*m), nullptr);
	EXPECT_EQ(only(*m)->name, "AT&T");
	EXPECT_EQ(m->network.toString(), "310-410");
}

TEST(ProviderLookup, atAndTImsiThreeDigitMnc)
{
	// 310-410 is AT&T (with AweSIM and Straight Talk); there is no 310-41.
	Result<ProviderMatch> m = mbpi().lookupImsi("310410123456789");
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->network.toString(), "310-410");
	EXPECT_EQ(m->status, MatchStatus::Ambiguous);
	EXPECT_EQ(names(*m), (std::vector<std::string>{ "AT&T", "AweSIM", "Straight Talk" }));
	EXPECT_EQ(m->country, "us");
	EXPECT_EQ(m->currency, "USD");
}

TEST(ProviderLookup, germanImsiTwoDigitMnc)
{
	// 262-06 Telekom; 262-061 does not exist.
	Result<ProviderMatch> m = mbpi().lookupImsi("262061234567890");
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, MatchStatus::Unique);
	EXPECT_EQ(m->network.toString(), "262-06");
}

struct SplitCase {
	const char *name;
	int mncLength;
	const char *cops;
	MatchStatus status;
	std::vector<std::string> providers;
	const char *network;
};

class ProviderImsiSplit : public ::testing::TestWithParam<SplitCase> {};

TEST_P(ProviderImsiSplit, argentinaPersonalBothSplitsExist)
{
	// MBPI lists 722-34 (Personal) and 722-340 (Arnet): an IMSI 722340... fits both.
	const SplitCase &c = GetParam();
	SimHints hints;
	hints.mncLength = c.mncLength;
	hints.operatorMccMnc = c.cops;
	Result<ProviderMatch> m = mbpi().lookupImsi("722340012345678", hints);
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, c.status) << m->reason;
	EXPECT_EQ(names(*m), c.providers);
	EXPECT_EQ(m->network.toString(), c.network);
}

INSTANTIATE_TEST_SUITE_P(
	Debian, ProviderImsiSplit,
	::testing::Values(SplitCase{ "noHintKeepsBoth", 0, "", MatchStatus::Ambiguous,
				     { "Arnet", "Personal" }, "722-340" },
			  SplitCase{ "efAdSaysThree", 3, "", MatchStatus::Unique, { "Arnet" }, "722-340" },
			  SplitCase{ "efAdSaysTwo", 2, "", MatchStatus::Unique, { "Personal" }, "722-34" },
			  SplitCase{ "homeCopsTwoDigit", 0, "72234", MatchStatus::Unique,
				     { "Personal" }, "722-34" },
			  // Roaming: the registered network is not the SIM's, so it says nothing.
			  SplitCase{ "roamingCopsIgnored", 0, "26203", MatchStatus::Ambiguous,
				     { "Arnet", "Personal" }, "722-340" }),
	[](const auto &param) { return std::string(param.param.name); });

TEST(ProviderLookup, notFoundKeepsCountry)
{
	Result<ProviderMatch> m = mbpi().lookupImsi("440059123456789");
	ASSERT_TRUE(m.ok());
	EXPECT_EQ(m->status, MatchStatus::NotFound);
	EXPECT_TRUE(m->candidates.empty());
	EXPECT_EQ(m->country, "jp");
	EXPECT_EQ(m->currency, "JPY");
	EXPECT_NE(m->reason.find("440-059"), std::string::npos);
	EXPECT_NE(m->reason.find("440-05"), std::string::npos);
}

struct BadInputCase {
	const char *name;
	const char *imsi;
};

class ProviderBadImsi : public ::testing::TestWithParam<BadInputCase> {};

TEST_P(ProviderBadImsi, rejected)
{
	Result<ProviderMatch> m = mbpi().lookupImsi(GetParam().imsi);
	ASSERT_FALSE(m.ok());
	EXPECT_EQ(m.error().code, make_error_code(Errc::InvalidValue));
	EXPECT_NE(m.error().message().find("IMSI"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
	Ts23003, ProviderBadImsi,
	::testing::Values(BadInputCase{ "empty", "" }, BadInputCase{ "tooShort", "44010" },
			  BadInputCase{ "sixteenDigits", "4401012345678901" },
			  BadInputCase{ "letters", "44010abc456789" },
			  BadInputCase{ "dashed", "440-10-1234567" }),
	[](const auto &param) { return std::string(param.param.name); });

TEST(ProviderLookup, badMccMncRejected)
{
	EXPECT_FALSE(mbpi().lookupMccMnc(1000, "10").ok());
	EXPECT_FALSE(mbpi().lookupMccMnc(-1, "10").ok());
	EXPECT_FALSE(mbpi().lookupMccMnc(440, "1").ok());
	EXPECT_FALSE(mbpi().lookupMccMnc(440, "1000").ok());
	EXPECT_FALSE(mbpi().lookupMccMnc(440, "1a").ok());
}

struct CountryCase {
	int mcc;
	const char *country;
	const char *currency;
};

class ProviderCountry : public ::testing::TestWithParam<CountryCase> {};

TEST_P(ProviderCountry, mccToCountryAndCurrency)
{
	const CountryCase &c = GetParam();
	EXPECT_EQ(mbpi().countryForMcc(c.mcc), c.country);
	EXPECT_EQ(currencyForCountry(mbpi().countryForMcc(c.mcc)), c.currency);
}

INSTANTIATE_TEST_SUITE_P(
	E212, ProviderCountry,
	::testing::Values(CountryCase{ 440, "jp", "JPY" }, CountryCase{ 441, "jp", "JPY" },
			  // MBPI also files gg/je/im under 234; most of its 234 networks are gb.
			  CountryCase{ 234, "gb", "GBP" },
			  // MBPI files one Ugandan provider under 250; the majority is ru.
			  CountryCase{ 250, "ru", "RUB" }, CountryCase{ 310, "us", "USD" },
			  CountryCase{ 262, "de", "EUR" }, CountryCase{ 460, "cn", "CNY" },
			  // Not in MBPI 20230416: from the built-in E.212 table.
			  CountryCase{ 467, "kp", "KPW" }, CountryCase{ 750, "fk", "FKP" },
			  CountryCase{ 441, "jp", "JPY" }, CountryCase{ 999, "", "" },
			  CountryCase{ 1, "", "" }));

TEST(ProviderCountry, currencyIsCaseInsensitive)
{
	EXPECT_EQ(currencyForCountry("JP"), "JPY");
	EXPECT_EQ(currencyForCountry("Jp"), "JPY");
	EXPECT_EQ(currencyForCountry("jpn"), "");
	EXPECT_EQ(currencyForCountry(""), "");
	EXPECT_EQ(builtinCountryForMcc(724), "br");
	EXPECT_EQ(builtinCountryForMcc(0), "");
}

TEST(ProviderMbpiXml, minimalFixture)
{
	Result<ProviderDb> db = ProviderDb::fromMbpiFile(kTestData + "/mbpi/minimal.xml");
	ASSERT_TRUE(db.ok()) << db.error().message();
	ProviderDbStats s = db->stats();
	EXPECT_EQ(s.providers, 1u); // the CDMA-only provider has no MCC-MNC
	EXPECT_EQ(s.skippedNetworkIds, 1u); // mcc="44" mnc="1"
	Result<ProviderMatch> m = db->lookupMccMnc(440, "10");
	ASSERT_TRUE(m.ok());
	const ProviderProfile *p = only(*m);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->country, "jp"); // code="JP" lower-cased
	EXPECT_TRUE(p->primary);
	EXPECT_EQ(p->names, (std::vector<std::string>{ "Host", "ホスト" }));
	ASSERT_EQ(p->balanceChecks.size(), 3u); // ussd, sms, ussd-response; dtmf dropped
	EXPECT_EQ(p->balanceChecks[0].code, "*100#");
	EXPECT_EQ(p->balanceChecks[1].number, "5555");
	EXPECT_EQ(p->balanceChecks[1].text, "BAL");
	EXPECT_EQ(p->balanceChecks[2].kind, MethodKind::UssdMenu);
	SimHints hints;
	hints.spn = "ホスト";
	EXPECT_EQ(db->lookupMccMnc(440, "10", hints)->status, MatchStatus::Unique);
}

struct BadXmlCase {
	const char *name;
	const char *xml;
	const char *expect;
};

class ProviderBadXml : public ::testing::TestWithParam<BadXmlCase> {};

TEST_P(ProviderBadXml, malformedIsAnError)
{
	Result<ProviderDb> db = ProviderDb::fromMbpiXml(GetParam().xml, "test.xml");
	ASSERT_FALSE(db.ok());
	EXPECT_EQ(db.error().code, make_error_code(Errc::Malformed));
	EXPECT_NE(db.error().message().find(GetParam().expect), std::string::npos)
		<< db.error().message();
}

INSTANTIATE_TEST_SUITE_P(
	Xml, ProviderBadXml,
	::testing::Values(BadXmlCase{ "empty", "", "No document element" },
			  BadXmlCase{ "unclosed", "<serviceproviders><country>", "test.xml: XML:" },
			  BadXmlCase{ "wrongRoot", "<providers/>", "no <serviceproviders>" },
			  BadXmlCase{ "mismatchedTag", "<serviceproviders><country></provider>",
				      "offset " }),
	[](const auto &param) { return std::string(param.param.name); });

TEST(ProviderMbpiXml, malformedFixtureFileHasOffset)
{
	Result<ProviderDb> db = ProviderDb::fromMbpiFile(kTestData + "/mbpi/malformed.xml");
	ASSERT_FALSE(db.ok());
	EXPECT_NE(db.error().offset, Error::kNoOffset);
	EXPECT_NE(db.error().message().find("malformed.xml"), std::string::npos);
}

TEST(ProviderMbpiXml, missingFileIsNotFound)
{
	Result<ProviderDb> db = ProviderDb::fromMbpiFile(kTestData + "/mbpi/absent.xml");
	ASSERT_FALSE(db.ok());
	EXPECT_EQ(db.error().code, make_error_code(Errc::NotFound));
}

} /* namespace */
} /* namespace zanryo */
