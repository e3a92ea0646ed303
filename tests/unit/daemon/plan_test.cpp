#include <gtest/gtest.h>

#include "config.hpp"
#include "plan.hpp"

namespace zanryo {
namespace {

struct PeriodCase {
	const char *name;
	Plan plan;
	Date today;
	std::optional<Date> start, end;
};

Plan monthly(unsigned day)
{
	Plan p;
	p.resetDay = day;
	return p;
}

Plan everyDays(unsigned n, Date start)
{
	Plan p;
	p.period = PeriodKind::EveryDays;
	p.everyDays = n;
	p.start = start;
	return p;
}

Plan kind(PeriodKind k, std::optional<Date> start = {}, std::optional<Date> expires = {})
{
	Plan p;
	p.period = k;
	p.start = start;
	p.expires = expires;
	return p;
}

class PlanPeriod : public testing::TestWithParam<PeriodCase>
{
};

TEST_P(PlanPeriod, containsToday)
{
	const PeriodCase &c = GetParam();
	PeriodDates p = periodContaining(c.plan, c.today);
	EXPECT_EQ(p.start, c.start);
	EXPECT_EQ(p.end, c.end);
}

INSTANTIATE_TEST_SUITE_P(
	Plan, PlanPeriod,
	testing::Values(
		PeriodCase{ "monthlyOnTheFirst", monthly(1), { 2026, 11, 22 }, Date{ 2026, 11, 1 }, Date{ 2026, 12, 1 } },
		PeriodCase{ "monthlyOnTheFirstAtNewYear", monthly(1), { 2026, 12, 31 }, Date{ 2026, 12, 1 }, Date{ 2027, 1, 1 } },
		PeriodCase{ "monthlyOnThe25thBeforeIt", monthly(25), { 2026, 1, 10 }, Date{ 2025, 12, 25 }, Date{ 2026, 1, 25 } },
		PeriodCase{ "monthlyOnThe25thOnIt", monthly(25), { 2026, 1, 25 }, Date{ 2026, 1, 25 }, Date{ 2026, 2, 25 } },
		// Reset on the 31st: the last day of February (and of April...).
		PeriodCase{ "monthlyOn31stInFebruary", monthly(31), { 2026, 2, 28 }, Date{ 2026, 2, 28 }, Date{ 2026, 3, 31 } },
		PeriodCase{ "monthlyOn31stBeforeLeapFebruaryEnd", monthly(31), { 2028, 2, 28 }, Date{ 2028, 1, 31 }, Date{ 2028, 2, 29 } },
		PeriodCase{ "monthlyOn30thInMarch", monthly(30), { 2026, 3, 1 }, Date{ 2026, 2, 28 }, Date{ 2026, 3, 30 } },
		PeriodCase{ "every30DaysFromStart", everyDays(30, { 2026, 11, 5 }), { 2026, 11, 5 }, Date{ 2026, 11, 5 }, Date{ 2026, 12, 5 } },
		PeriodCase{ "every30DaysThirdPeriod", everyDays(30, { 2026, 11, 5 }), { 2027, 1, 10 }, Date{ 2027, 1, 4 }, Date{ 2027, 2, 3 } },
		PeriodCase{ "every7DaysBeforeTheAnchor", everyDays(7, { 2026, 11, 5 }), { 2026, 11, 1 }, Date{ 2026, 10, 29 }, Date{ 2026, 11, 5 } },
		PeriodCase{ "dailyCap", kind(PeriodKind::Daily), { 2026, 12, 31 }, Date{ 2026, 12, 31 }, Date{ 2027, 1, 1 } },
		PeriodCase{ "travelPackUntilExpiry", kind(PeriodKind::None, Date{ 2026, 11, 20 }, Date{ 2026, 12, 19 }), { 2026, 11, 22 },
			    Date{ 2026, 11, 20 }, Date{ 2026, 12, 20 } },
		PeriodCase{ "prepaidWithoutDates", kind(PeriodKind::None), { 2026, 11, 22 }, std::nullopt, std::nullopt }),
	[](const testing::TestParamInfo<PeriodCase> &i) { return std::string(i.param.name); });

TEST(Plan, civilDaysRoundTrip)
{
	EXPECT_EQ(daysFromCivil({ 1970, 1, 1 }), 0);
	EXPECT_EQ(daysFromCivil({ 2026, 12, 31 }), 20818); // 1798675200 / 86400
	for (std::int64_t d = -800; d < 80000; d += 37)
		EXPECT_EQ(daysFromCivil(civilFromDays(d)), d);
	EXPECT_EQ(addDays({ 2028, 2, 28 }, 1), (Date{ 2028, 2, 29 }));
	EXPECT_EQ(localDate(localMidnight({ 2026, 3, 29 }) + 3600), (Date{ 2026, 3, 29 }));
}

TEST(Plan, bitRates)
{
	EXPECT_EQ(parseBitRate("128kbps"), 128000u);
	EXPECT_EQ(parseBitRate("1.5Mbps"), 1500000u);
	EXPECT_EQ(parseBitRate("200 kbps"), 200000u);
	EXPECT_EQ(parseBitRate("300000"), 300000u);
	EXPECT_FALSE(parseBitRate("fast"));
	EXPECT_FALSE(parseBitRate("1.5"));
	EXPECT_FALSE(parseBitRate("12KB"));
}

constexpr std::int64_t kDay = 86400;
constexpr std::uint64_t kGiB = 1ull << 30;

constexpr std::int64_t kStart = 1793491200; // a period start
constexpr std::int64_t kEnd = kStart + 30 * kDay;

TEST(PlanFigures, carrierReadingMinusWhatWasCountedSinceIt)
{
	Plan plan = monthly(1);
	plan.allowance = 20 * kGiB;
	std::int64_t now = kStart + 10 * kDay;
	auto f = computeFigures(plan, now, kStart, kEnd, 5 * kGiB, CarrierData{ 8 * kGiB, kStart + 9 * kDay, false }, kGiB);
	EXPECT_TRUE(f.hasEstimate);
	EXPECT_EQ(f.estimatedRemaining, 7 * kGiB);
	EXPECT_EQ(f.usedThisPeriod, 5 * kGiB);
	EXPECT_EQ(f.daysLeft, 20u);
	EXPECT_EQ(f.dailyAverage, 512ull << 20);
	// 7 GiB at 0.5 GiB a day: 14 days, before the period ends.
	EXPECT_EQ(f.projectedRunOut, now + 14 * kDay);
}

TEST(PlanFigures, allowanceMinusThisPeriodWithoutACarrier)
{
	Plan plan = monthly(1);
	plan.allowance = 20 * kGiB;
	std::int64_t now = kStart + 10 * kDay;
	auto f = computeFigures(plan, now, kStart, kEnd, 5 * kGiB, std::nullopt, 0);
	EXPECT_TRUE(f.hasEstimate);
	EXPECT_EQ(f.estimatedRemaining, 15 * kGiB);
	EXPECT_EQ(f.projectedRunOut, 0) << "30 more days at this rate: after the period ends";
	// A carrier reading from the last period says nothing about the renewed allowance.
	auto old = computeFigures(plan, now, kStart, kEnd, 5 * kGiB, CarrierData{ 100, kStart - kDay, false }, 7 * kGiB);
	EXPECT_EQ(old.estimatedRemaining, 15 * kGiB);
}

TEST(PlanFigures, noEstimateForUnlimitedOrUnknown)
{
	Plan unlimited;
	unlimited.unlimited = true;
	std::int64_t now = kStart + kDay;
	EXPECT_FALSE(computeFigures(unlimited, now, kStart, kEnd, kGiB, std::nullopt, 0).hasEstimate);
	Plan capped;
	capped.allowance = kGiB;
	EXPECT_FALSE(computeFigures(capped, now, kStart, kEnd, kGiB, CarrierData{ 0, now, true }, 0).hasEstimate)
		<< "the carrier says unlimited";
	auto none = computeFigures(Plan{}, now, kStart, kEnd, kGiB, std::nullopt, 0);
	EXPECT_FALSE(none.hasEstimate);
	EXPECT_EQ(none.projectedRunOut, 0);
	EXPECT_EQ(none.dailyAverage, kGiB);
}

TEST(PlanFigures, overspentEstimateIsZeroAndRunOutIsNow)
{
	Plan plan;
	plan.allowance = kGiB;
	std::int64_t now = kStart + 2 * kDay;
	auto f = computeFigures(plan, now, kStart, kEnd, 3 * kGiB, std::nullopt, 0);
	EXPECT_TRUE(f.hasEstimate);
	EXPECT_EQ(f.estimatedRemaining, 0u);
	EXPECT_EQ(f.projectedRunOut, now);
}

TEST(PlanFigures, expiryShortensDaysLeftAndRunOut)
{
	Plan plan;
	plan.allowance = 10 * kGiB;
	plan.period = PeriodKind::None;
	Date expires = localDate(kStart + 4 * kDay + 3600);
	plan.expires = expires;
	std::int64_t expiryEnd = localMidnight(addDays(expires, 1));
	std::int64_t now = kStart + kDay;
	auto f = computeFigures(plan, now, kStart, 0, kGiB, std::nullopt, 0);
	EXPECT_EQ(f.periodEnd, 0);
	EXPECT_EQ(f.daysLeft, unsigned((expiryEnd - now + kDay - 1) / kDay));
	EXPECT_EQ(f.projectedRunOut, 0) << "9 GiB at 1 GiB a day outlasts the pack";
}

TEST(PlanFigures, firstHourOfAPeriodAveragesOverADay)
{
	Plan plan;
	plan.allowance = 2 * kGiB;
	auto f = computeFigures(plan, kStart + 600, kStart, kEnd, 100 << 20, std::nullopt, 0);
	EXPECT_EQ(f.dailyAverage, 100u << 20);
	// Run-out uses at least an hour: 1948 MiB at 100 MiB/h.
	EXPECT_EQ(f.projectedRunOut, kStart + 600 + (2048 - 100) * 3600 / 100);
}

struct PlanConfigCase {
	const char *name;
	const char *toml;
	const char *error; ///< expected substring, or nullptr when valid
};

class PlanConfig : public testing::TestWithParam<PlanConfigCase>
{
};

TEST_P(PlanConfig, parsesOrNamesLineAndKey)
{
	const PlanConfigCase &c = GetParam();
	std::string text = std::string("[[modem]]\ndevice = \"/dev/cdc-wdm0\"\n") + c.toml;
	auto config = parseConfig(text, "zanryod.toml");
	if (c.error) {
		ASSERT_FALSE(config) << text;
		EXPECT_NE(config.error().message().find(c.error), std::string::npos) << config.error().message();
	} else {
		ASSERT_TRUE(config) << config.error().message();
	}
}

INSTANTIATE_TEST_SUITE_P(
	Config, PlanConfig,
	testing::Values(
		PlanConfigCase{ "monthlyMvno", "[modem.plan]\nallowance = \"20GB\"\nreset_day = 1\nthrottle = \"200kbps\"\n", nullptr },
		PlanConfigCase{ "travelEsim", "[modem.plan]\nallowance = \"10GB\"\nperiod = \"none\"\nstart = 2026-11-20\nexpires = \"2026-12-19\"\n", nullptr },
		PlanConfigCase{ "interfaceAndInterval", "interface = \"wwan0\"\nusage_interval = \"30s\"\n", nullptr },
		PlanConfigCase{ "unknownPlanKey", "[modem.plan]\nallowence = \"1GB\"\n", "zanryod.toml:4: unknown key 'modem[0].plan.allowence'" },
		PlanConfigCase{ "badAllowance", "[modem.plan]\nallowance = \"lots\"\n", "zanryod.toml:4: 'modem[0].plan.allowance' must be a size" },
		PlanConfigCase{ "badPeriod", "[modem.plan]\nperiod = \"weekly\"\n", "zanryod.toml:4: 'modem[0].plan.period' must be one of" },
		PlanConfigCase{ "resetDayZero", "[modem.plan]\nreset_day = 0\n", "zanryod.toml:4: 'modem[0].plan.reset_day' must be a day" },
		PlanConfigCase{ "resetDay32", "[modem.plan]\nreset_day = 32\n", "'modem[0].plan.reset_day' must be a whole number from 0 to 31" },
		PlanConfigCase{ "resetDayWithDaily", "[modem.plan]\nperiod = \"daily\"\nreset_day = 5\n", "zanryod.toml:5: 'modem[0].plan.reset_day' applies only" },
		PlanConfigCase{ "daysWithoutStart", "[modem.plan]\nperiod = \"days\"\nevery_days = 30\n", "'modem[0].plan.period' with period = \"days\" needs a start" },
		PlanConfigCase{ "badDate", "[modem.plan]\nexpires = \"31/12/2026\"\n", "zanryod.toml:4: 'modem[0].plan.expires' must be a date" },
		PlanConfigCase{ "impossibleDate", "[modem.plan]\nexpires = \"2026-02-30\"\n", "'modem[0].plan.expires' must be a date" },
		PlanConfigCase{ "expiresBeforeStart", "[modem.plan]\nperiod = \"none\"\nstart = 2026-12-01\nexpires = 2026-11-01\n", "zanryod.toml:6: 'modem[0].plan.expires' is before" },
		PlanConfigCase{ "badThrottle", "[modem.plan]\nthrottle = \"slow\"\n", "'modem[0].plan.throttle' must be a speed" },
		PlanConfigCase{ "zeroInterval", "usage_interval = \"0s\"\n", "usage_interval must be at least 1s" }),
	[](const testing::TestParamInfo<PlanConfigCase> &i) { return std::string(i.param.name); });

TEST(PlanConfigValues, keysLandInThePlan)
{
	auto config = parseConfig("[defaults]\n[defaults.plan]\nallowance = \"unlimited\"\n"
				  "[[modem]]\ndevice = \"/dev/ttyUSB2\"\ninterface = \"wwan0\"\n"
				  "[modem.plan]\nallowance = \"1.5GB\"\nperiod = \"days\"\nevery_days = 30\n"
				  "start = 2026-11-05\nthrottle = \"1Mbps\"\nexpires = 2027-03-31\n"
				  "[[modem]]\ndevice = \"/dev/ttyUSB6\"\n",
				  "zanryod.toml");
	ASSERT_TRUE(config) << config.error().message();
	const Plan &p = config->modems[0].plan;
	EXPECT_EQ(config->modems[0].interface, "wwan0");
	EXPECT_EQ(p.allowance, (3ull << 29));
	EXPECT_FALSE(p.unlimited) << "a modem's plan replaces the defaults' plan";
	EXPECT_EQ(p.period, PeriodKind::EveryDays);
	EXPECT_EQ(p.everyDays, 30u);
	EXPECT_EQ(p.start, (Date{ 2026, 11, 5 }));
	EXPECT_EQ(p.throttleBitsPerSecond, 1000000u);
	EXPECT_EQ(p.expires, (Date{ 2027, 3, 31 }));
	EXPECT_TRUE(config->modems[1].plan.unlimited) << "[defaults.plan] applies to the others";
	EXPECT_EQ(config->modems[1].usageInterval, std::chrono::seconds(60));
}

} // namespace
} // namespace zanryo
