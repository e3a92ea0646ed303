// Overlay TOML: the files shipped in data/providers, user overrides, and broken files.

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "libmodem/balance/provider.hpp"

namespace zanryo {
namespace {

const char *kMbpi = "/usr/share/mobile-broadband-provider-info/serviceproviders.xml";
const std::string kTestData = std::string(ZANRYO_TEST_DATA_DIR) + "/providers";
const std::string kShipped = std::string(ZANRYO_SOURCE_DIR) + "/data/providers";

ProviderDb loadMbpi()
{
	Result<ProviderDb> r = ProviderDb::fromMbpiFile(kMbpi);
	EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
	return r.ok() ? std::move(r).value() : ProviderDb{};
}

ProviderDb shipped()
{
	ProviderDb db = loadMbpi();
	for (const OverlayError &e : db.applyOverlayDir(kShipped))
		ADD_FAILURE() << e.text();
	return db;
}

const ProviderProfile *pickOne(const ProviderDb &db, int mcc, const char *mnc, const char *spn)
{
	SimHints hints;
	hints.spn = spn;
	Result<ProviderMatch> m = db.lookupMccMnc(mcc, mnc, hints);
	EXPECT_TRUE(m.ok());
	if (!m.ok() || m->candidates.size() != 1) {
		ADD_FAILURE() << "no single provider for " << mcc << "-" << mnc << " SPN " << spn
			      << ": " << (m.ok() ? m->reason : m.error().message());
		return nullptr;
	}
	return m->candidates.front().profile;
}

bool hasRule(const ProviderProfile &p, const std::string &name)
{
	return std::any_of(p.replyRules.begin(), p.replyRules.end(),
			   [&](const ReplyRule &r) { return r.name == name; });
}

TEST(ProviderOverlayShipped, everyFileLoadsWithoutError)
{
	ProviderDb db = loadMbpi();
	std::size_t before = db.providers().size();
	std::vector<OverlayError> errors = db.applyOverlayDir(kShipped);
	for (const OverlayError &e : errors)
		ADD_FAILURE() << e.text();
	// Only au (440-50..54) is new; the others merge into MBPI providers.
	EXPECT_EQ(db.providers().size(), before + 1);
}

struct JapanCase {
	const char *name;
	int mcc;
	const char *mnc;
	const char *spn;
	const char *provider; ///< display name after the merge
	const char *rule;     ///< a reply rule it must carry, or ""
};

class ProviderOverlayJapan : public ::testing::TestWithParam<JapanCase> {};

TEST_P(ProviderOverlayJapan, noAutomaticMethod)
{
	const JapanCase &c = GetParam();
	ProviderDb db = shipped();
	const ProviderProfile *p = pickOne(db, c.mcc, c.mnc, c.spn);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->name, c.provider);
	EXPECT_EQ(p->country, "jp");
	EXPECT_EQ(p->currency, "JPY");
	EXPECT_EQ(p->dateOrder, "ymd");
	// docs/architecture.md: never ship a method nobody has verified.
	for (const BalanceMethod &m : p->balanceChecks)
		EXPECT_FALSE(m.verified) << m.code << m.number;
	if (*c.rule) {
		EXPECT_TRUE(hasRule(*p, c.rule));
	}
}

INSTANTIATE_TEST_SUITE_P(
	Shipped, ProviderOverlayJapan,
	::testing::Values(
		JapanCase{ "docomoBySpn", 440, "10", "docomo", "NTTdocomo", "jp-docomo-data-notice" },
		JapanCase{ "softbank", 440, "20", "SoftBank", "Softbank Mobile", "jp-softbank-data-notice" },
		JapanCase{ "auAddedByOverlay", 440, "51", "au", "au", "" },
		JapanCase{ "auOtherNetwork", 440, "54", "", "au", "" },
		JapanCase{ "rakutenBySpn", 440, "11", "Rakuten", "楽天モバイル", "" },
		JapanCase{ "mineoOnDocomo", 440, "10", "mineo", "Mineo", "" },
		JapanCase{ "mineoOnSoftbank", 440, "20", "MINEO", "Mineo", "" }),
	[](const auto &param) { return std::string(param.param.name); });

TEST(ProviderOverlayShipped, auSenderAndSource)
{
	ProviderDb db = shipped();
	const ProviderProfile *p = pickOne(db, 440, "50", "");
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->smsSenders, (std::vector<std::string>{ "157" }));
	ASSERT_EQ(p->sources.size(), 1u);
	EXPECT_EQ(p->sources[0], "overlay:" + kShipped + "/jp-au.toml");
}

TEST(ProviderOverlayShipped, docomoMergedKeepsMbpiAndOverlaySources)
{
	ProviderDb db = shipped();
	const ProviderProfile *p = pickOne(db, 440, "10", "NTT DOCOMO");
	ASSERT_NE(p, nullptr);
	ASSERT_EQ(p->sources.size(), 2u);
	EXPECT_EQ(p->sources[0], "mbpi");
	EXPECT_EQ(p->sources[1], "overlay:" + kShipped + "/jp-docomo.toml");
	// The MVNOs on 440-10 are untouched by the docomo file.
	const ProviderProfile *ocn = pickOne(db, 440, "10", "OCN");
	ASSERT_NE(ocn, nullptr);
	EXPECT_TRUE(ocn->replyRules.empty());
}

TEST(ProviderOverlayShipped, tele2TemplateShippedUnverified)
{
	ProviderDb db = shipped();
	const ProviderProfile *p = pickOne(db, 250, "20", "");
	ASSERT_NE(p, nullptr);
	ASSERT_EQ(p->balanceChecks.size(), 1u);
	EXPECT_EQ(p->balanceChecks[0].code, "*105#");
	EXPECT_FALSE(p->balanceChecks[0].verified);
	EXPECT_TRUE(hasRule(*p, "ru-tele2-balance"));
}

TEST(ProviderOverlayShipped, mtsKeepsMbpiUssdAndGainsRule)
{
	ProviderDb db = shipped();
	const ProviderProfile *p = pickOne(db, 250, "01", "");
	ASSERT_NE(p, nullptr);
	ASSERT_EQ(p->balanceChecks.size(), 1u);
	EXPECT_EQ(p->balanceChecks[0].code, "*100#");
	EXPECT_TRUE(p->balanceChecks[0].verified);
	EXPECT_EQ(p->balanceChecks[0].source, "mbpi");
	EXPECT_TRUE(hasRule(*p, "ru-mts-balance"));
	EXPECT_EQ(p->currency, "RUB");
}

TEST(ProviderOverlayUser, userDirOverridesShipped)
{
	ProviderDb db = shipped();
	for (const OverlayError &e : db.applyOverlayDir(kTestData + "/user"))
		ADD_FAILURE() << e.text();

	const ProviderProfile *docomo = pickOne(db, 440, "10", "docomo");
	ASSERT_NE(docomo, nullptr);
	EXPECT_EQ(docomo->dataUnitBase, 1000u);
	ASSERT_EQ(docomo->balanceChecks.size(), 1u);
	EXPECT_EQ(docomo->balanceChecks[0].number, "1234");
	EXPECT_TRUE(docomo->balanceChecks[0].verified);
	EXPECT_EQ(docomo->balanceChecks[0].source,
		  "overlay:" + kTestData + "/user/10-docomo-sms.toml");
	// Same rule name: the user's pattern replaces the shipped one, no duplicate.
	ASSERT_EQ(docomo->replyRules.size(), 1u);
	EXPECT_EQ(docomo->replyRules[0].pattern, "残り\\s*(?<data>\\d+)\\s*(?<data_unit>MB)");
	EXPECT_EQ(docomo->sources.back(), "overlay:" + kTestData + "/user/10-docomo-sms.toml");
	EXPECT_EQ(docomo->currency, "JPY"); // kept from the shipped file

	const ProviderProfile *tele2 = pickOne(db, 250, "20", "");
	ASSERT_NE(tele2, nullptr);
	ASSERT_EQ(tele2->balanceChecks.size(), 1u); // same request: replaced, not added
	EXPECT_TRUE(tele2->balanceChecks[0].verified);
}

struct BrokenCase {
	const char *file;
	std::size_t line;
	const char *field;
	const char *message;
};

TEST(ProviderOverlayBroken, errorsNameFileLineFieldAndGoodFileStillLoads)
{
	ProviderDb db = loadMbpi();
	std::vector<OverlayError> errors = db.applyOverlayDir(kTestData + "/broken");
	const BrokenCase expected[] = {
		{ "10-syntax.toml", 4, "", "TOML:" },
		{ "20-wrong-type.toml", 4, "provider[0].data-unit-base", "must be 1000 or 1024" },
		{ "30-unknown-key.toml", 9, "provider[0].balance-check[0].cost", "unknown key" },
		{ "40-bad-regex.toml", 7, "provider[0].reply-rule[0].pattern", "" },
	};
	ASSERT_EQ(errors.size(), std::size(expected));
	for (std::size_t i = 0; i < errors.size(); i++) {
		SCOPED_TRACE(errors[i].text());
		EXPECT_EQ(errors[i].file, kTestData + "/broken/" + expected[i].file);
		EXPECT_EQ(errors[i].line, expected[i].line);
		EXPECT_GT(errors[i].column, 0u);
		EXPECT_EQ(errors[i].field, expected[i].field);
		EXPECT_NE(errors[i].message.find(expected[i].message), std::string::npos);
		EXPECT_EQ(errors[i].text().rfind(errors[i].file + ":" + std::to_string(expected[i].line) + ":", 0), 0u);
	}
	// Nothing of a broken file is applied; the good file is.
	EXPECT_EQ(db.lookupMccMnc(1, "02")->status, MatchStatus::NotFound);
	EXPECT_EQ(db.lookupMccMnc(1, "03")->status, MatchStatus::NotFound);
	EXPECT_EQ(db.lookupMccMnc(1, "04")->status, MatchStatus::NotFound);
	Result<ProviderMatch> good = db.lookupImsi("00101123456789");
	ASSERT_TRUE(good.ok());
	ASSERT_EQ(good->status, MatchStatus::Unique);
	const ProviderProfile *p = good->candidates.front().profile;
	EXPECT_EQ(p->name, "Test Network");
	EXPECT_EQ(p->smsSenders, (std::vector<std::string>{ "TESTNET" }));
	ASSERT_EQ(p->balanceChecks.size(), 1u);
	EXPECT_TRUE(p->balanceChecks[0].verified);
	EXPECT_EQ(good->country, "jp"); // the overlay's country for test MCC 001
}

struct InvalidTextCase {
	const char *name;
	const char *toml;
	const char *field;
	std::size_t line;
};

class ProviderOverlayInvalid : public ::testing::TestWithParam<InvalidTextCase> {};

TEST_P(ProviderOverlayInvalid, rejectedWithField)
{
	const InvalidTextCase &c = GetParam();
	ProviderDb db;
	std::vector<OverlayError> errors = db.applyOverlayText(c.toml, "case.toml");
	ASSERT_FALSE(errors.empty());
	EXPECT_EQ(errors[0].file, "case.toml");
	EXPECT_EQ(errors[0].field, c.field) << errors[0].text();
	EXPECT_EQ(errors[0].line, c.line) << errors[0].text();
	EXPECT_TRUE(db.providers().empty());
}

INSTANTIATE_TEST_SUITE_P(
	Format, ProviderOverlayInvalid,
	::testing::Values(
		InvalidTextCase{ "noProvider", "", "provider", 1 },
		InvalidTextCase{ "unknownTopLevel", "format = 2\n[[provider]]\nname=\"a\"\nnetworks=[\"001-01\"]\n", "format", 1 },
		InvalidTextCase{ "missingName", "[[provider]]\nnetworks = [\"001-01\"]\n", "provider[0].name", 1 },
		InvalidTextCase{ "badNetwork", "[[provider]]\nname = \"a\"\nnetworks = [\"00101\"]\n", "provider[0].networks[0]", 3 },
		InvalidTextCase{ "noNetworks", "[[provider]]\nname = \"a\"\nnetworks = []\n", "provider[0].networks", 3 },
		InvalidTextCase{ "badCurrency", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\ncurrency = \"yen\"\n", "provider[0].currency", 4 },
		InvalidTextCase{ "badDateOrder", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\ndate-order = \"dym\"\n", "provider[0].date-order", 4 },
		InvalidTextCase{ "verifiedMissing", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\n[[provider.balance-check]]\nkind = \"ussd\"\ncode = \"*100#\"\n", "provider[0].balance-check[0].verified", 4 },
		InvalidTextCase{ "ussdCodeWithLetters", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\n[[provider.balance-check]]\nkind = \"ussd\"\ncode = \"*100#x\"\nverified = false\n", "provider[0].balance-check[0].code", 6 },
		InvalidTextCase{ "smsWithoutNumber", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\n[[provider.balance-check]]\nkind = \"sms\"\ntext = \"BAL\"\nverified = false\n", "provider[0].balance-check[0].number", 4 },
		InvalidTextCase{ "unknownKind", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\n[[provider.balance-check]]\nkind = \"dtmf\"\nverified = false\n", "provider[0].balance-check[0].kind", 5 },
		InvalidTextCase{ "topUpCannotBeVerified", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\n[[provider.top-up]]\nkind = \"ussd\"\ncode = \"*1*CODE#\"\nverified = true\n", "provider[0].top-up[0].verified", 7 },
		InvalidTextCase{ "unknownCapture", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\n[[provider.reply-rule]]\nname = \"r\"\npattern = \"(?<cash>\\\\d+)\"\n", "provider[0].reply-rule[0].pattern", 6 },
		// toml++ 3.3 reaches __builtin_unreachable on these (marzer/tomlplusplus#190, #295)
		// unless built with the upstream fix (provider_overlay.cpp): now a clean result.
		InvalidTextCase{ "tomlppIssue190LineEndingBackslash", "s = \"\"\"\\\n\u00a7\"\"\"\n", "s", 1 },
		InvalidTextCase{ "tomlppIssue295BareCombiningMark", "\xcc\xaa", "", 1 },
		InvalidTextCase{ "escapedSectionSignInMultiLine", "s = \"\"\"\\\u00a7\"\"\"\n", "", 1 },
		InvalidTextCase{ "cyrillicAfterValue", "[[provider]]\nname = \"a\" \u0411\n", "", 2 },
		InvalidTextCase{ "ruleIsNotATable", "[[provider]]\nname = \"a\"\nnetworks = [\"001-01\"]\nreply-rule = \"x\"\n", "provider[0].reply-rule", 4 }),
	[](const auto &param) { return std::string(param.param.name); });

TEST(ProviderOverlay, missingDirectoryIsNotAnError)
{
	ProviderDb db;
	EXPECT_TRUE(db.applyOverlayDir(kTestData + "/no-such-dir").empty());
	std::vector<OverlayError> e = db.applyOverlayFile(kTestData + "/no-such-file.toml");
	ASSERT_EQ(e.size(), 1u);
	EXPECT_NE(e[0].text().find("no-such-file.toml"), std::string::npos);
}

TEST(ProviderOverlay, newProviderWithoutMbpi)
{
	ProviderDb db;
	std::vector<OverlayError> e = db.applyOverlayText(
		"[[provider]]\nname = \"Solo\"\nnetworks = [\"440-99\", \"440-999\"]\n"
		"[[provider.top-up]]\nkind = \"sms\"\nnumber = \"+8112\"\ntext = \"TOPUP CODE\"\n"
		"replacement = \"CODE\"\n",
		"solo.toml");
	ASSERT_TRUE(e.empty()) << e[0].text();
	Result<ProviderMatch> m = db.lookupImsi("440999123456");
	ASSERT_TRUE(m.ok());
	// Both 440-999 and 440-99 carry Solo: one candidate, no ambiguity.
	EXPECT_EQ(m->status, MatchStatus::Unique);
	EXPECT_EQ(m->country, "jp"); // built-in table: no MBPI loaded
	ASSERT_EQ(m->candidates.size(), 1u);
	const ProviderProfile &p = *m->candidates[0].profile;
	ASSERT_EQ(p.topUps.size(), 1u);
	EXPECT_EQ(p.topUps[0].kind, MethodKind::Sms);
	EXPECT_EQ(p.topUps[0].replacement, "CODE");
	EXPECT_EQ(p.topUps[0].source, "overlay:solo.toml");
}

TEST(ProviderOverlay, replaceBalanceChecksDropsMbpiMethods)
{
	ProviderDb db = loadMbpi();
	std::vector<OverlayError> e = db.applyOverlayText(
		"[[provider]]\nname = \"MTS\"\nnetworks = [\"250-01\"]\nreplace-balance-checks = true\n",
		"mts-off.toml");
	ASSERT_TRUE(e.empty()) << e[0].text();
	Result<ProviderMatch> m = db.lookupMccMnc(250, "01");
	ASSERT_TRUE(m.ok());
	ASSERT_EQ(m->candidates.size(), 1u);
	EXPECT_TRUE(m->candidates[0].profile->balanceChecks.empty());
}

} /* namespace */
} /* namespace zanryo */
