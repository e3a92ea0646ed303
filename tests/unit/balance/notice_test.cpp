// Carrier notices: the words that must and must not set dataUsedPercent, dataExhausted,
// throttled and dataLow (docs/balance.md, "Carrier notices").

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libmodem/balance/extract.hpp"

namespace zanryo {
namespace {

struct NoticeCase {
	const char *name;
	const char *country;
	const char *text;
	std::optional<int> usedPercent;
	bool exhausted, throttled, low;
	std::optional<std::uint64_t> remaining;
	std::optional<std::uint64_t> total;
};

constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

// clang-format off
const NoticeCase kCases[] = {
	{ "moneyRunningLowIsNoDataWarning", "GB", "Your balance is running low. Top up now.", {}, false, false, false, {}, {} },
	{ "discountPercentIsNoUsage", "GB", "Get 50% off your next data pack!", {}, false, false, false, {}, {} },
	{ "minutesUsedUpAreNotData", "RU", "Ваш пакет минут исчерпан.", {}, false, false, false, {}, {} },
	{ "speedLimitStartingLaterIsNotThrottled", "JP", "残り1GBで通信速度制限が開始されます。", {}, false, false, false, kGiB, {} },
	{ "futureReducedSpeedIsNotThrottled", "GB", "Your data will be throttled next month.", {}, false, false, false, {}, {} },
	{ "packSizeOfAnExhaustedPackIsTheTotal", "GB", "Your 5GB data pack is exhausted", {}, true, false, false, 0, 5 * kGiB },
	// The pack size after "used" is read as a used amount: no figure is derived from it.
	{ "usedPercentOfAStatedPackDerivesNoFigure", "GB", "You have used 80% of your 10 GB data pack.", 80, false, false, false, {}, {} },
	{ "usedPercentWithALoosePackSize", "GB", "80% of your 10 GB data pack has been consumed.", 80, false, false, false, 2 * kGiB, 10 * kGiB },
	{ "leftPercentIsTurnedIntoUsed", "GB", "Only 20% of your data is left.", 80, false, false, false, {}, {} },
	{ "percentBeforeTheNumberInTurkish", "TR", "İnternet paketinizin %95'ini kullandınız.", 95, false, false, false, {}, {} },
	{ "hundredPercentIsExhausted", "FR", "Vous avez atteint 100 % de votre enveloppe data.", 100, true, false, false, 0, {} },
	{ "almostUsedUpIsLowNotExhausted", "DE", "Ihr Datenvolumen ist fast aufgebraucht.", {}, false, false, true, {}, {} },
	{ "speedIsNoDataAmount", "PL", "Pakiet internetowy wyczerpany. Prędkość została zmniejszona do 1 Mb/s.", {}, true, true, false, 0, {} },
	{ "portugueseJustIsNotRanOut", "BR", "Sua recarga de internet acabou de ser realizada.", {}, false, false, false, {}, {} },
	{ "chineseUnlimitedSpeedIsNotThrottled", "CN", "不限速套餐，流量剩余5GB", {}, false, false, false, 5 * kGiB, {} },
};
// clang-format on

class Notice : public testing::TestWithParam<NoticeCase>
{
};

TEST_P(Notice, fields)
{
	const NoticeCase &c = GetParam();
	ExtractContext ctx;
	ctx.country = c.country;
	Balance b = extractBalance(c.text, ctx);
	EXPECT_EQ(b.dataUsedPercent, c.usedPercent);
	EXPECT_EQ(b.dataExhausted, c.exhausted);
	EXPECT_EQ(b.throttled, c.throttled);
	EXPECT_EQ(b.dataLow, c.low);
	EXPECT_EQ(b.dataRemaining, c.remaining);
	EXPECT_EQ(b.dataTotal, c.total);
}

INSTANTIATE_TEST_SUITE_P(Balance, Notice, testing::ValuesIn(kCases),
			 [](const testing::TestParamInfo<NoticeCase> &i) {
				 return std::string(i.param.name);
			 });

TEST(NoticeRule, capturesSetTheNoticeFields)
{
	std::vector<ReplyRule> rules = {
		{ "xx-used", R"(израсходовано (?<used_percent>\d+)%)", {}, {}, "" },
		{ "xx-gone", R"((?<exhausted>трафик на нуле)(?:.*(?<throttled>64 кбит/с))?)", {}, {}, "" },
		{ "xx-low", R"((?<low>мало гигабайт))", {}, {}, "" },
	};
	Result<BalanceExtractor> ex = BalanceExtractor::create(rules);
	ASSERT_TRUE(ex.ok()) << ex.error().message();
	ExtractContext ctx;
	ctx.country = "RU";

	Balance used = ex->extract("Израсходовано 75% пакета", ctx);
	EXPECT_EQ(used.matchedRule, "xx-used");
	EXPECT_EQ(used.dataUsedPercent, std::optional<int>(75));
	EXPECT_FALSE(used.dataExhausted);

	Balance gone = ex->extract("Трафик на нуле, скорость 64 кбит/с", ctx);
	EXPECT_EQ(gone.matchedRule, "xx-gone");
	EXPECT_TRUE(gone.dataExhausted);
	EXPECT_TRUE(gone.throttled);
	EXPECT_EQ(gone.dataRemaining, std::optional<std::uint64_t>(0));

	Balance low = ex->extract("Осталось мало гигабайт", ctx);
	EXPECT_EQ(low.matchedRule, "xx-low");
	EXPECT_TRUE(low.dataLow);
}

} /* namespace */
} /* namespace zanryo */
