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
	EXPECT_TRUE(tracker.update(dataLeft(300ull << 20), kToday).empty())
		<< "still low: no repeat";
	EXPECT_TRUE(tracker.update(Balance{}, kToday).empty())
		<< "reply without data changes nothing";
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

UsageFigures estimate(std::uint64_t remaining, std::int64_t periodStart = 1000)
{
	UsageFigures f;
	f.hasEstimate = true;
	f.estimatedRemaining = remaining;
	f.periodStart = periodStart;
	return f;
}

constexpr std::int64_t kNow = 1795000000;

TEST(Thresholds, countedTrafficCrossesDataBytesOnceWithTheCarrierReading)
{
	Thresholds t;
	t.dataBytes = 500ull << 20;
	ThresholdTracker tracker(t);
	EXPECT_TRUE(tracker.update(dataLeft(600ull << 20), kToday).empty());
	auto events = tracker.updateUsage(estimate(450ull << 20), kNow);
	ASSERT_EQ(events.size(), 1u) << "the count took the estimate below the threshold";
	EXPECT_EQ(events[0], (LowEvent{ "data-bytes", 450ull << 20, 500ull << 20 }));
	EXPECT_TRUE(tracker.update(dataLeft(440ull << 20), kToday).empty())
		<< "the carrier confirming it is the same crossing";
	EXPECT_TRUE(tracker.updateUsage(UsageFigures{}, kNow).empty())
		<< "no estimate changes nothing";
	EXPECT_TRUE(tracker.updateUsage(estimate(10ull << 30), kNow).empty())
		<< "new period re-arms";
	EXPECT_EQ(tracker.updateUsage(estimate(1ull << 20), kNow).size(), 1u);
}

TEST(Thresholds, percentOfThePlanAllowanceWhenTheReplyStatesNoTotal)
{
	Thresholds t;
	t.dataPercent = 10;
	ThresholdTracker tracker(t, 20ull << 30);
	EXPECT_TRUE(tracker.updateUsage(estimate(3ull << 30), kNow).empty()) << "15 %";
	auto events = tracker.updateUsage(estimate(1ull << 30), kNow);
	ASSERT_EQ(events.size(), 1u);
	EXPECT_EQ(events[0], (LowEvent{ "data-percent", 5, 10 }));

	ThresholdTracker fromReply(t, 20ull << 30);
	auto r = fromReply.update(dataLeft(1ull << 30), kToday);
	ASSERT_EQ(r.size(), 1u) << "a reading with no total is measured against the allowance";
	EXPECT_EQ(r[0].value, 5u);

	ThresholdTracker statedTotal(t, 20ull << 30);
	EXPECT_TRUE(statedTotal.update(dataLeft(1ull << 30, 5ull << 30), kToday).empty())
		<< "the reply's own total (20 %) wins over the plan";
	EXPECT_EQ(statedTotal.updateUsage(estimate(400ull << 20), kNow).size(), 1u)
		<< "and stays the 100 % for the estimate: 400 MB of 5 GB is 7 %";
}

TEST(Thresholds, runOutBeforeThePeriodEndsFiresOncePerPeriod)
{
	Thresholds t;
	t.runOut = true;
	ThresholdTracker tracker(t);
	UsageFigures f = estimate(2ull << 30);
	f.daysLeft = 10;
	f.periodEnd = kNow + 10 * 86400;
	EXPECT_TRUE(tracker.updateUsage(f, kNow).empty()) << "lasts to the end";
	f.projectedRunOut = kNow + 3 * 86400 + 5;
	auto events = tracker.updateUsage(f, kNow);
	ASSERT_EQ(events.size(), 1u);
	EXPECT_EQ(events[0], (LowEvent{ "run-out", 4, 10 })) << "in 3 days and 5 s: the 4th day";
	f.projectedRunOut = 0;
	EXPECT_TRUE(tracker.updateUsage(f, kNow).empty());
	f.projectedRunOut = kNow + 86400;
	EXPECT_TRUE(tracker.updateUsage(f, kNow).empty()) << "hovering around the end signals once";

	f.projectedRunOut = 0;
	f.estimatedRemaining = 5ull << 30; // a top-up
	EXPECT_TRUE(tracker.updateUsage(f, kNow).empty());
	f.projectedRunOut = kNow + 86400;
	EXPECT_EQ(tracker.updateUsage(f, kNow).size(), 1u) << "after a top-up it can fire again";

	UsageFigures next = estimate(20ull << 30, f.periodEnd);
	next.projectedRunOut = kNow + 86400;
	EXPECT_EQ(tracker.updateUsage(next, kNow).size(), 1u) << "a new period re-arms";
}

Balance withBuckets(std::vector<Bucket> buckets)
{
	Balance b;
	b.money = Money{ 100000, 2, "RUB" }; // the main balance: far above every threshold
	b.dataRemaining = 10ull << 30;
	b.buckets = std::move(buckets);
	return b;
}

TEST(Thresholds, aNamedBucketIsComparedInsteadOfTheReading)
{
	Thresholds t;
	t.bucket = "bonus";
	t.money = "50.00";
	t.expiryDays = 3;
	ThresholdTracker tracker(t);
	EXPECT_TRUE(tracker.update(withBuckets({ { "bonus", "", Money{ 8000, 2, "RUB" }, {}, {}, {} } }), kToday)
			    .empty());
	// Two bonus buckets are summed (in the currency of the first; 4.5 is 4.50).
	auto events = tracker.update(withBuckets({ { "bonus", "", Money{ 3000, 2, "RUB" }, {}, {}, Date{ 2026, 11, 30 } },
						   { "bonus", "", Money{ 45, 1, "RUB" }, {}, {}, Date{ 2026, 11, 24 } },
						   { "bonus", "", Money{ 999, 0, "USD" }, {}, {}, {} } }),
				     kToday);
	ASSERT_EQ(events.size(), 2u);
	EXPECT_EQ(events[0], (LowEvent{ "money", 3450, 5000 }));
	EXPECT_EQ(events[1], (LowEvent{ "expiry-days", 2, 3 })) << "the earliest expiry of the kind";
	// A reading without a bonus bucket states nothing about it: no re-arm, no event.
	EXPECT_TRUE(tracker.update(withBuckets({}), kToday).empty());
	EXPECT_TRUE(tracker.update(withBuckets({ { "bonus", "", Money{ 1000, 2, "RUB" }, {}, {}, {} } }), kToday)
			    .empty())
		<< "still low";
}

TEST(Thresholds, dataBucketAgainstTheReadingsTotalAndCountsOfSms)
{
	Thresholds t;
	t.bucket = "data";
	t.dataBytes = 1ull << 30;
	t.dataPercent = 20;
	ThresholdTracker tracker(t, 100ull << 30);
	Balance b = withBuckets({ { "data", "", {}, 600ull << 20, {}, {} }, { "data", "", {}, 300ull << 20, {}, {} } });
	b.dataTotal = 5ull << 30;
	auto events = tracker.update(b, kToday);
	ASSERT_EQ(events.size(), 2u);
	EXPECT_EQ(events[0], (LowEvent{ "data-bytes", 900ull << 20, 1ull << 30 }));
	EXPECT_EQ(events[1], (LowEvent{ "data-percent", 17, 20 }));

	Thresholds s;
	s.bucket = "sms";
	s.count = 10;
	ThresholdTracker sms(s);
	EXPECT_TRUE(sms.update(withBuckets({ { "sms", "", {}, {}, 50u, {} } }), kToday).empty());
	auto low = sms.update(withBuckets({ { "sms", "", {}, {}, 7u, {} }, { "minutes", "", {}, {}, 500u, {} } }), kToday);
	ASSERT_EQ(low.size(), 1u);
	EXPECT_EQ(low[0], (LowEvent{ "count", 7, 10 }));
}

TEST(Thresholds, aNamedBucketIgnoresTheCountedEstimate)
{
	Thresholds t;
	t.bucket = "bonus";
	t.dataBytes = 1ull << 30;
	ThresholdTracker tracker(t);
	UsageFigures f;
	f.hasEstimate = true;
	f.estimatedRemaining = 1;
	EXPECT_TRUE(tracker.updateUsage(f, 1796000000).empty());
}

TEST(Thresholds, runOutOffByDefault)
{
	ThresholdTracker tracker(Thresholds{});
	UsageFigures f = estimate(1);
	f.projectedRunOut = kNow + 60;
	EXPECT_TRUE(tracker.updateUsage(f, kNow).empty());
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
