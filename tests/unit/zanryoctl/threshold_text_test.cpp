// Thresholds and Low crossings in zanryoctl's text: bytes in the units of everything
// else (binary by default, decimal with --si), money in the balance's scale and currency.
#include <gtest/gtest.h>

#include "threshold_text.hpp"
#include "units.hpp"

namespace zanryo::ctl {
namespace {

/// Sets the run's units for one test and puts the default back after it.
class ThresholdText : public testing::Test
{
protected:
	void TearDown() override { byteUnits() = ByteUnits::Binary; }
};

TEST_F(ThresholdText, configuredThresholdsInBinaryUnitsWithTheBalancesCurrency)
{
	client::Thresholds t;
	t.dataBytes = 1610612736; // "1.5GB" in zanryod.toml (binary, as carriers count)
	t.dataPercent = 20;
	t.money = "100.00";
	t.expiryDays = 30;
	t.runOut = true;
	EXPECT_EQ(thresholdsText(t, "RUB"),
		  "1.50 GiB left, 20% left, 100.00 RUB, 30 days before expiry, projected run-out");
	byteUnits() = ByteUnits::Decimal;
	EXPECT_EQ(thresholdsText(t, ""), "1.61 GB left, 20% left, 100.00, 30 days before expiry, projected run-out");
}

TEST_F(ThresholdText, noThresholdIsNoText)
{
	client::Thresholds none;
	EXPECT_FALSE(none.any());
	EXPECT_EQ(thresholdsText(none, "JPY"), "");
	client::Thresholds oneDay;
	oneDay.expiryDays = 1;
	EXPECT_EQ(thresholdsText(oneDay, ""), "1 day before expiry");
}

TEST_F(ThresholdText, dataBytesCrossingInTheRunsUnits)
{
	EXPECT_EQ(lowText("data-bytes", 1342177280, 1610612736, 2, ""), "data left 1.25 GiB, at or below 1.50 GiB");
	byteUnits() = ByteUnits::Decimal;
	EXPECT_EQ(lowText("data-bytes", 1342177280, 1610612736, 2, ""), "data left 1.34 GB, at or below 1.61 GB");
}

TEST_F(ThresholdText, moneyCrossingInMinorUnitsReadsAsTheBalanceWritesIt)
{
	EXPECT_EQ(lowText("money", 9950, 10000, decimalScale("99.50"), "RUB"), "money 99.50 RUB, at or below 100.00 RUB");
	EXPECT_EQ(lowText("money", 300, 500, decimalScale("300"), "JPY"), "money 300 JPY, at or below 500 JPY");
	EXPECT_EQ(lowText("money", 5, 100, 2, ""), "money 0.05, at or below 1.00");
}

TEST_F(ThresholdText, daysPercentAndRunOut)
{
	EXPECT_EQ(lowText("expiry-days", 24, 30, 2, ""), "expires in 24 days, at or below 30 days");
	EXPECT_EQ(lowText("expiry-days", 1, 3, 2, ""), "expires in 1 day, at or below 3 days");
	EXPECT_EQ(lowText("data-percent", 18, 20, 2, ""), "data left 18%, at or below 20%");
	EXPECT_EQ(lowText("run-out", 5, 12, 2, ""),
		  "at this period's pace data runs out in 5 days, with 12 days left in the period");
	EXPECT_EQ(lowText("future-kind", 7, 9, 2, ""), "future-kind 7, threshold 9") << "an unknown what is still shown";
}

TEST(DecimalScale, isTheDigitsAfterThePoint)
{
	EXPECT_EQ(decimalScale("125.50"), 2);
	EXPECT_EQ(decimalScale("-3.2"), 1);
	EXPECT_EQ(decimalScale("300"), 0);
	EXPECT_EQ(decimalScale(""), 2);
	EXPECT_EQ(minorToDecimal(12345, 3), "12.345");
	EXPECT_EQ(minorToDecimal(7, 0), "7");
}

} /* namespace */
} /* namespace zanryo::ctl */
