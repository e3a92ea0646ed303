#include <gtest/gtest.h>

#include "notice.hpp"

namespace zanryo {
namespace {

Balance reading()
{
	Balance b;
	b.money = Money{ 12550, 2, "RUB" };
	b.dataRemaining = 3ull << 30;
	b.expiry = Date{ 2026, 12, 31 };
	b.raw = "Баланс: 125.50 руб. Интернет: 3 ГБ до 31.12.2026";
	return b;
}

Plan allowance(std::uint64_t bytes)
{
	Plan p;
	p.allowance = bytes;
	return p;
}

TEST(Notice, shareUsedBecomesRemainingAgainstThePlan)
{
	Balance n;
	n.dataUsedPercent = 80;
	n.raw = "You have used 80% of your data allowance.";
	Balance m = mergeNotice(nullptr, n, allowance(20ull << 30));
	ASSERT_TRUE(m.dataRemaining);
	EXPECT_EQ(*m.dataRemaining, 4ull << 30);
	EXPECT_EQ(m.raw, n.raw);
}

TEST(Notice, statedTotalWinsOverThePlan)
{
	Balance previous = reading();
	previous.dataTotal = 10ull << 30;
	Balance n;
	n.dataUsedPercent = 90;
	Balance m = mergeNotice(&previous, n, allowance(20ull << 30));
	EXPECT_EQ(m.dataRemaining, 1ull << 30);
	EXPECT_EQ(m.money, previous.money) << "a data notice keeps the money of the last reading";
	EXPECT_EQ(m.expiry, previous.expiry);
}

TEST(Notice, shareWithNoTotalDropsTheOutOfDateFigure)
{
	Balance previous = reading();
	Balance n;
	n.dataUsedPercent = 80;
	Balance m = mergeNotice(&previous, n, Plan{});
	EXPECT_FALSE(m.dataRemaining) << "3 GB is no longer true and 80 % of nothing is unknown";
	EXPECT_EQ(m.dataUsedPercent, 80);
}

TEST(Notice, overHundredPercentIsZeroLeft)
{
	Balance n;
	n.dataUsedPercent = 120;
	EXPECT_EQ(mergeNotice(nullptr, n, allowance(1000)).dataRemaining, 0u);
}

TEST(Notice, exhaustedIsZeroLeft)
{
	Balance previous = reading();
	Balance n;
	n.dataExhausted = true;
	n.throttled = true;
	Balance m = mergeNotice(&previous, n, Plan{});
	EXPECT_EQ(m.dataRemaining, 0u);
	EXPECT_TRUE(m.throttled);
}

TEST(Notice, warningWithoutFigureKeepsTheLastFigureAndFlagsCarryOver)
{
	Balance previous = reading();
	previous.throttled = true;
	Balance n;
	n.dataLow = true;
	Balance m = mergeNotice(&previous, n, allowance(20ull << 30));
	EXPECT_EQ(m.dataRemaining, 3ull << 30);
	EXPECT_TRUE(m.dataLow);
	EXPECT_TRUE(m.throttled) << "still throttled until a query says otherwise";
}

TEST(Notice, noticeFigureIsTaken)
{
	Balance previous = reading();
	Balance n;
	n.dataRemaining = 100ull << 20;
	n.dataLow = true;
	EXPECT_EQ(mergeNotice(&previous, n, Plan{}).dataRemaining, 100ull << 20);
}

} // namespace
} // namespace zanryo
