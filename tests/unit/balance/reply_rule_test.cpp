#include <gtest/gtest.h>

#include "libmodem/balance/balance.hpp"
#include "libmodem/balance/reply_rule.hpp"

namespace zanryo {
namespace {

struct DecimalCase {
	const char *name;
	Money money;
	const char *expect;
};

TEST(BalanceRecord, MoneyToDecimal)
{
	const DecimalCase cases[] = {
		{ "mtsDebt", { -320, 2, "RUB" }, "-3.20" },
		{ "rubles", { 12550, 2, "RUB" }, "125.50" },
		{ "yenNoScale", { 1234, 0, "JPY" }, "1234" },
		{ "kuwaitiFils", { 5, 3, "KWD" }, "0.005" },
		{ "negativeBelowOne", { -5, 2, "" }, "-0.05" },
		{ "zero", { 0, 2, "" }, "0.00" },
		{ "int64Min", { INT64_MIN, 0, "" }, "-9223372036854775808" },
	};
	for (const auto &c : cases)
		EXPECT_EQ(c.money.toDecimal(), c.expect) << c.name;
}

TEST(BalanceRecord, DateIsoAndValidity)
{
	EXPECT_EQ((Date{ 2026, 12, 31 }.iso()), "2026-12-31");
	EXPECT_EQ((Date{ 2028, 2, 5 }.iso()), "2028-02-05");
	EXPECT_TRUE((Date{ 2028, 2, 29 }.valid()));
	EXPECT_FALSE((Date{ 2026, 2, 29 }.valid()));
	EXPECT_FALSE((Date{ 2100, 2, 29 }.valid()));
	EXPECT_TRUE((Date{ 2000, 2, 29 }.valid()));
	EXPECT_FALSE((Date{ 2026, 13, 1 }.valid()));
	EXPECT_FALSE((Date{ 2026, 4, 31 }.valid()));
	EXPECT_LT((Date{ 2026, 1, 31 }), (Date{ 2026, 2, 1 }));
}

struct RuleCase {
	const char *name;
	ReplyRule rule;
	bool ok;
	const char *messagePart; // must appear in the error message when !ok
};

TEST(ReplyRuleValidate, Table)
{
	const RuleCase cases[] = {
		{ "mtsBalance",
		  { "ru-mts", R"(Баланс:?\s*(?<money>-?[\d.,]+)\s*(?<currency>р|руб))", {}, {}, "" },
		  true, "" },
		{ "telkomselQuota",
		  { "id-telkomsel", R"(Sisa kuota (?<data>[\d.,]+)\s*(?<data_unit>GB|MB) s\.d (?<expiry>\S+))",
		    std::string("IDR"), 1024u, "dmy" },
		  true, "" },
		{ "bucketBonus",
		  { "ru-bonus", R"(бонус (?<bucket_bonus_money>[\d.,]+))", {}, {}, "" }, true, "" },
		{ "unknownCapture",
		  { "bad-capture", R"(Balance (?<amount>\d+))", {}, {}, "" }, false, "'amount'" },
		{ "badBucketField",
		  { "bad-bucket", R"((?<bucket_bonus_cash>\d+))", {}, {}, "" }, false,
		  "bucket_bonus_cash" },
		{ "unbalancedParen",
		  { "bad-regex", R"(Balance (?<money>\d+)", {}, {}, "" }, false, "offset" },
		{ "onlyUnit", { "unit-only", R"((?<currency>RUB))", {}, {}, "" }, false, "no value" },
		{ "badBase", { "bad-base", R"((?<data>\d+))", {}, 1001u, "" }, false, "1024 or 1000" },
		{ "badOrder", { "bad-order", R"((?<expiry>\S+))", {}, {}, "dym" }, false, "dateOrder" },
		{ "badCurrency", { "bad-cur", R"((?<money>\d+))", std::string("rub"), {}, "" }, false,
		  "ISO 4217" },
		{ "noName", { "", R"((?<money>\d+))", {}, {}, "" }, false, "no name" },
	};
	for (const auto &c : cases) {
		Result<void> r = validateReplyRule(c.rule);
		EXPECT_EQ(r.ok(), c.ok) << c.name;
		if (!r.ok() && !c.ok) {
			EXPECT_NE(r.error().message().find(c.messagePart), std::string::npos)
				<< c.name << ": " << r.error().message();
		}
	}
}

TEST(ReplyRuleValidate, UnknownCaptureOffsetPointsAtIt)
{
	ReplyRule rule{ "off", R"(Balance (?<amount>\d+))", {}, {}, "" };
	Result<void> r = validateReplyRule(rule);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().offset, 10u);
}

} /* namespace */
} /* namespace zanryo */
