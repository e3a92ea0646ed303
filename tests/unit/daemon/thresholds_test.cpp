#include <gtest/gtest.h>

#include "thresholds.hpp"

namespace zanryo {
namespace {

Balance dataLeft(std::uint64_t bytes, std::optional<std::uint64_t> total = {})
{
	Balance b;
	b.dataRemaining = bytes;
	b.dataTotal = total;
	return b;
}

const Date kToday{ 2026, 11, 22 };

TEST(Thresholds, dataBytesFiresOncePerCrossing)
{
	Thresholds t;
	t.dataBytes = 500ull << 20;
	ThresholdTracker tracker(t);
	EXPECT_TRUE(tracker.update(dataLeft(2ull << 30), kToday).empty());
	auto events = tracker.update(dataLeft(400ull << 20), kToday);
	ASSERT_EQ(events.size(), 1u);
	EXPECT_EQ(events[0], (LowEvent{ "data-bytes", 400ull << 20, 500ull << 20 }));
	EXPECT_TRUE(tracker.update(dataLeft(300ull << 20), kToday).empty()) << "still low: no repeat";
	EXPECT_TRUE(tracker.update(Balance{}, kToday).empty()) << "reply without data changes nothing";
	EXPECT_TRUE(tracker.update(dataLeft(5ull << 30), kToday).empty()) << "top-up re-arms";
	EXPECT_EQ(tracker.update(dataLeft(100), kToday).size(), 1u);
}

TEST(Thresholds, percentNeedsTotal)
{
	Thresholds t;
	t.dataPercent = 10;
	ThresholdTracker tracker(t);
	EXPECT_TRUE(tracker.update(dataLeft(1), kToday).empty()) << "no total, no percent";
	auto events = tracker.update(dataLeft(512ull << 20, 10ull << 30), kToday);
	ASSERT_EQ(events.size(), 1u);
	EXPECT_EQ(events[0].what, "data-percent");
	EXPECT_EQ(events[0].value, 5u);
}

TEST(Thresholds, unlimitedDataNeverLow)
{
	Thresholds t;
	t.dataBytes = 1000;
	ThresholdTracker tracker(t);
	Balance b = dataLeft(0);
	b.dataUnlimited = true;
	EXPECT_TRUE(tracker.update(b, kToday).empty());
}

TEST(Thresholds, moneyComparesInMinorUnitsOfTheReply)
{
	Thresholds t;
	t.money = "100.00";
	ThresholdTracker tracker(t);
	Balance b;
	b.money = Money{ 12550, 2, "RUB" };
	EXPECT_TRUE(tracker.update(b, kToday).empty());
	b.money = Money{ 9999, 2, "RUB" };
	auto events = tracker.update(b, kToday);
	ASSERT_EQ(events.size(), 1u);
	EXPECT_EQ(events[0], (LowEvent{ "money", 9999, 10000 }));
	b.money = Money{ -320, 2, "RUB" };
	EXPECT_TRUE(tracker.update(b, kToday).empty()) << "debt is still the same crossing";
}

TEST(Thresholds, moneyInYenHasNoMinorDigits)
{
	Thresholds t;
	t.money = "500";
	ThresholdTracker tracker(t);
	Balance b;
	b.money = Money{ 480, 0, "JPY" };
	auto events = tracker.update(b, kToday);
	ASSERT_EQ(events.size(), 1u);
	EXPECT_EQ(events[0].threshold, 500u);
}

TEST(Thresholds, expiryDaysAcrossMonthAndYear)
{
	Thresholds t;
	t.expiryDays = 3;
	ThresholdTracker tracker(t);
	Balance b;
	b.expiry = Date{ 2026, 12, 31 };
	EXPECT_TRUE(tracker.update(b, kToday).empty());
	auto events = tracker.update(b, Date{ 2026, 12, 29 });
	ASSERT_EQ(events.size(), 1u);
	EXPECT_EQ(events[0].value, 2u);
	EXPECT_EQ(daysBetween(Date{ 2026, 12, 30 }, Date{ 2027, 1, 2 }), 3);
	EXPECT_EQ(daysBetween(Date{ 2028, 2, 28 }, Date{ 2028, 3, 1 }), 2) << "leap year";
}

TEST(Thresholds, decimalToMinor)
{
	std::int64_t m = 0;
	EXPECT_TRUE(decimalToMinor("100.5", 2, m));
	EXPECT_EQ(m, 10050);
	EXPECT_TRUE(decimalToMinor("-3.2", 2, m));
	EXPECT_EQ(m, -320);
	EXPECT_TRUE(decimalToMinor("7.999", 2, m));
	EXPECT_EQ(m, 799);
	EXPECT_FALSE(decimalToMinor("1.2.3", 2, m));
	EXPECT_FALSE(decimalToMinor("", 2, m));
	EXPECT_FALSE(decimalToMinor("99999999999999999999", 2, m));
}

} // namespace
} // namespace zanryo
