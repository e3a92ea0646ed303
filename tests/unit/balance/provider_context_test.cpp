// From a provider lookup to the extractor: extractSetupFor(), the path zanryoctl parse
// --mcc-mnc takes, and the shipped Japanese notice rules run on the Japanese corpus.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libmodem/balance/extract.hpp"
#include "libmodem/balance/provider.hpp"
#include "libmodem/balance/provider_context.hpp"

namespace zanryo {
namespace {

const char *kMbpi = "/usr/share/mobile-broadband-provider-info/serviceproviders.xml";
const std::string kShipped = std::string(ZANRYO_SOURCE_DIR) + "/data/providers";

ProviderDb shipped()
{
	Result<ProviderDb> r = ProviderDb::fromMbpiFile(kMbpi);
	EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
	ProviderDb db = r.ok() ? std::move(r).value() : ProviderDb{};
	for (const OverlayError &e : db.applyOverlayDir(kShipped))
		ADD_FAILURE() << e.text();
	return db;
}

ProviderExtractSetup setupFor(const ProviderDb &db, int mcc, const char *mnc, const char *spn = "")
{
	SimHints hints;
	hints.spn = spn;
	Result<ProviderMatch> m = db.lookupMccMnc(mcc, mnc, hints);
	EXPECT_TRUE(m.ok());
	return m.ok() ? extractSetupFor(*m) : ProviderExtractSetup{};
}

TEST(ProviderExtractSetup, sharedNetworkGivesTheCountryButNoProvidersRules)
{
	ProviderDb db = shipped();
	// docomo, Mineo, OCN, ... all use 440-10: no rule is guessed.
	ProviderExtractSetup s = setupFor(db, 440, "10");
	EXPECT_EQ(s.country, "JP");
	EXPECT_EQ(s.profile, nullptr);
	EXPECT_TRUE(s.rules.empty());
	EXPECT_GE(s.candidates.size(), 2u);
}

TEST(ProviderExtractSetup, keptProfileGivesTheSameSetupAsTheLookup)
{
	ProviderProfile p;
	p.name = "Example Mobile";
	p.currency = "EUR";
	p.dataUnitBase = 1000;
	p.dateOrder = "dmy";
	ReplyRule own;
	own.name = "own";
	own.pattern = "(?<data>\\d+) MB";
	own.dataUnitBase = 1024;
	p.replyRules.push_back(own);
	ProviderExtractSetup s = extractSetupFor(p, "de");
	EXPECT_EQ(s.country, "DE") << "the network's country when the profile has none";
	EXPECT_EQ(s.currency, std::optional<std::string>("EUR"));
	EXPECT_EQ(s.dataUnitBase, std::optional<unsigned>(1000));
	ASSERT_EQ(s.rules.size(), 1u);
	EXPECT_EQ(s.rules[0].currency, std::optional<std::string>("EUR")) << "filled from the provider";
	EXPECT_EQ(s.rules[0].dataUnitBase, std::optional<unsigned>(1024)) << "the rule's own setting stays";
	EXPECT_EQ(s.rules[0].dateOrder, "dmy");
	EXPECT_EQ(s.profile, &p);
	p.country = "at";
	EXPECT_EQ(extractSetupFor(p, "de").country, "AT") << "the profile's country wins";
}

TEST(ProviderExtractSetup, pickedProviderBringsItsRulesFilledWithItsDefaults)
{
	ProviderDb db = shipped();
	ProviderExtractSetup s = setupFor(db, 440, "10", "docomo");
	ASSERT_NE(s.profile, nullptr);
	EXPECT_EQ(s.country, "JP");
	EXPECT_EQ(s.currency, std::optional<std::string>("JPY"));
	ASSERT_EQ(s.rules.size(), 1u);
	EXPECT_EQ(s.rules[0].name, "jp-docomo-data-notice");
	EXPECT_EQ(s.rules[0].dateOrder, "ymd"); // the provider's date-order
	EXPECT_EQ(s.rules[0].currency, std::optional<std::string>("JPY"));
}

TEST(ProviderExtractSetup, uniqueProviderIsUsedWithoutHints)
{
	ProviderDb db = shipped();
	ProviderExtractSetup s = setupFor(db, 250, "01"); // MTS
	ASSERT_NE(s.profile, nullptr);
	EXPECT_EQ(s.country, "RU");
	ASSERT_FALSE(s.rules.empty());
	Result<BalanceExtractor> ex = BalanceExtractor::create(s.rules);
	ASSERT_TRUE(ex.ok());
	ExtractContext ctx;
	ctx.country = s.country;
	Balance b = ex->extract("Баланс:2220,76р", ctx);
	EXPECT_EQ(b.matchedRule, "ru-mts-balance");
	ASSERT_TRUE(b.money);
	EXPECT_EQ(b.money->toDecimal(), "2220.76");
	EXPECT_EQ(b.money->currency, "RUB");
}

TEST(ProviderExtractSetup, unknownNetworkKeepsTheMccsCountry)
{
	ProviderDb db = shipped();
	ProviderExtractSetup s =
		setupFor(db, 440, "89"); // no provider in MBPI 20230416 or the overlays
	EXPECT_EQ(s.country, "JP");
	EXPECT_EQ(s.profile, nullptr);
	EXPECT_TRUE(s.rules.empty());
	EXPECT_TRUE(s.candidates.empty());
}

TEST(ProviderExtractSetup, japaneseRulesReadFullWidthUnits)
{
	ProviderDb db = shipped();
	struct Case {
		const char *mnc, *spn, *text, *rule;
		std::uint64_t bytes;
	};
	const Case cases[] = {
		{ "10", "docomo", "データ量残り５００ＭＢのお知らせ", "jp-docomo-data-notice", 500ull << 20 },
		{ "20", "SoftBank", "残り１ＧＢで通信速度制限が開始されます。", "jp-softbank-data-notice", 1ull << 30 },
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.text);
		ProviderExtractSetup s = setupFor(db, 440, c.mnc, c.spn);
		Result<BalanceExtractor> ex = BalanceExtractor::create(s.rules);
		ASSERT_TRUE(ex.ok());
		ExtractContext ctx;
		ctx.country = s.country;
		Balance b = ex->extract(c.text, ctx);
		EXPECT_EQ(b.matchedRule, c.rule);
		EXPECT_EQ(b.dataRemaining, std::optional<std::uint64_t>(c.bytes));
		EXPECT_FALSE(b.throttled); // the limit starts later
	}
}

// ja.jsonl entries "ja-<carrier>-nnn" of carriers whose shipped overlay has a reply rule,
// read through ProviderDb -> profile -> rules -> BalanceExtractor as zanryod does.
struct JaCarrier {
	const char *idPrefix;
	int mcc;
	const char *mnc;
	const char *spn;
	const char *rule;
};

constexpr JaCarrier kJaCarriers[] = {
	{ "ja-docomo-", 440, "10", "docomo", "jp-docomo-data-notice" },
	{ "ja-softbank-", 440, "20", "SoftBank", "jp-softbank-data-notice" },
};

TEST(ProviderExtractSetup, shippedJapaneseRulesReadTheirCorpusNotices)
{
	ProviderDb db = shipped();
	std::ifstream in(std::string(ZANRYO_TEST_DATA_DIR) + "/replies/ja.jsonl");
	ASSERT_TRUE(in) << "tests/data/replies/ja.jsonl";
	int checked = 0;
	std::string line;
	while (std::getline(in, line)) {
		if (line.find('{') == std::string::npos)
			continue;
		nlohmann::json j = nlohmann::json::parse(line);
		std::string id = j.at("id").get<std::string>();
		const JaCarrier *carrier = nullptr;
		for (const JaCarrier &c : kJaCarriers)
			if (id.rfind(c.idPrefix, 0) == 0)
				carrier = &c;
		if (!carrier)
			continue;
		SCOPED_TRACE(id);
		ProviderExtractSetup s = setupFor(db, carrier->mcc, carrier->mnc, carrier->spn);
		ASSERT_NE(s.profile, nullptr);
		Result<BalanceExtractor> ex = BalanceExtractor::create(s.rules);
		ASSERT_TRUE(ex.ok()) << ex.error().message();
		ExtractContext ctx;
		ctx.country = s.country;
		ctx.defaultCurrency = s.currency;
		Balance b = ex->extract(j.at("text").get<std::string>(), ctx);
		const nlohmann::json &x = j.at("expect");
		// Only entries a rule is written for must match it; a notice the rule does not
		// cover (j["expect"]["rule"] == null) must be left to the generic extractor.
		std::string wantRule =
			x.contains("rule") && x.at("rule").is_null() ? "generic" : carrier->rule;
		EXPECT_EQ(b.matchedRule, wantRule);
		if (x.at("dataBytes").is_null())
			EXPECT_FALSE(b.dataRemaining);
		else
			EXPECT_EQ(b.dataRemaining, std::optional<std::uint64_t>(
							   x.at("dataBytes").get<std::uint64_t>()));
		EXPECT_EQ(b.money.has_value(), !x.at("money").is_null());
		EXPECT_EQ(b.isError, x.value("isError", false));
		++checked;
	}
	EXPECT_GE(checked, 2);
}

} /* namespace */
} /* namespace zanryo */
