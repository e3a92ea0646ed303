// The units of zanryod's log messages (daemon/human_units.hpp).
#include <gtest/gtest.h>

#include "human_units.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;

TEST(HumanUnits, bytesInBinaryUnits)
{
	EXPECT_EQ(humanBytes(0), "0 B");
	EXPECT_EQ(humanBytes(1023), "1023 B");
	EXPECT_EQ(humanBytes(1024), "1.00 KiB");
	EXPECT_EQ(humanBytes(1536), "1.50 KiB");
	EXPECT_EQ(humanBytes(512ull << 20), "512.00 MiB");
	EXPECT_EQ(humanBytes(2684354560ull), "2.50 GiB");
	EXPECT_EQ(humanBytes(3ull << 30), "3.00 GiB");
	// Just below a unit: the next unit, not "1024.00 MiB".
	EXPECT_EQ(humanBytes((1ull << 30) - 1), "1.00 GiB");
	EXPECT_EQ(humanBytes(5ull << 40), "5.00 TiB");
	EXPECT_EQ(humanBytes(UINT64_MAX), "16.00 EiB");
}

TEST(HumanUnits, durationsInTheTwoLargestUnits)
{
	EXPECT_EQ(humanDuration(0s), "0 s");
	EXPECT_EQ(humanDuration(45s), "45 s");
	EXPECT_EQ(humanDuration(60s), "1 min");
	EXPECT_EQ(humanDuration(90s), "1 min 30 s");
	EXPECT_EQ(humanDuration(898s), "14 min 58 s");
	EXPECT_EQ(humanDuration(15min), "15 min");
	EXPECT_EQ(humanDuration(6h), "6 h");
	EXPECT_EQ(humanDuration(90min + 5s), "1 h 30 min");
	EXPECT_EQ(humanDuration(51h), "2 d 3 h");
	EXPECT_EQ(humanDuration(-30s), "-30 s");
}

TEST(HumanUnits, thresholdsInTheUnitOfTheirKind)
{
	EXPECT_EQ(humanLow({ "data-bytes", 2684354560ull, 3ull << 30 }, std::nullopt), "2.50 GiB <= 3.00 GiB");
	EXPECT_EQ(humanLow({ "data-percent", 15, 20 }, std::nullopt), "15% <= 20%");
	Money gbp{ 1234, 2, "GBP" };
	EXPECT_EQ(humanLow({ "money", 500, 1000 }, gbp), "5.00 GBP <= 10.00 GBP");
	Money yen{ 120, 0, "JPY" };
	EXPECT_EQ(humanLow({ "money", 120, 500 }, yen), "120 JPY <= 500 JPY");
	EXPECT_EQ(humanLow({ "money", 500, 1000 }, std::nullopt), "500 <= 1000 (minor units)");
	EXPECT_EQ(humanLow({ "expiry-days", 1, 7 }, std::nullopt), "1 day <= 7 days");
	EXPECT_EQ(humanLow({ "run-out", 5, 12 }, std::nullopt), "runs out in 5 days, 12 days left in the period");
}

TEST(HumanUnits, readingValues)
{
	Balance b;
	EXPECT_EQ(humanBalance(b), "no values");
	b.dataRemaining = 2684354560ull;
	b.money = Money{ 1234, 2, "GBP" };
	b.expiry = Date{ 2026, 12, 31 };
	EXPECT_EQ(humanBalance(b), "2.50 GiB of data, 12.34 GBP, expires 2026-12-31");
	b.dataTotal = 5ull << 30;
	EXPECT_EQ(humanBalance(b), "2.50 GiB of 5.00 GiB data, 12.34 GBP, expires 2026-12-31");
	Balance notice;
	notice.dataUsedPercent = 80;
	notice.dataLow = true;
	notice.money = Money{ -320, 2, "" };
	EXPECT_EQ(humanBalance(notice), "80% of the data used, data running low, -3.20");
	Balance unlimited;
	unlimited.dataUnlimited = true;
	unlimited.throttled = true;
	EXPECT_EQ(humanBalance(unlimited), "unlimited data, throttled");
}

} /* namespace */
} /* namespace zanryo */
