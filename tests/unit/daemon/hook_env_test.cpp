#include <gtest/gtest.h>

#include "hook_env.hpp"

namespace zanryo {
namespace {

TEST(HookEnvironment, countedCrossingWithoutAReadingLeavesReadingValuesEmpty)
{
	HookModem modem{ "/org/zanryo/Zanryo1/modem/0123456789abcdef", "/dev/ttyUSB2", "travel", "" };
	UsageFigures usage;
	usage.usedThisPeriod = 9 << 20;
	usage.hasEstimate = true;
	usage.estimatedRemaining = 1 << 20;
	usage.projectedRunOut = 1795000000;
	LowEvent low{ "run-out", 2, 9 };
	auto env = hookEnvironment(modem, StoredBalance{}, &low, &usage);
	EXPECT_EQ(env.at("ZANRYO_EVENT"), "low");
	EXPECT_EQ(env.at("ZANRYO_WHAT"), "run-out");
	EXPECT_EQ(env.at("ZANRYO_VALUE"), "2");
	EXPECT_EQ(env.at("ZANRYO_THRESHOLD"), "9");
	EXPECT_EQ(env.at("ZANRYO_USED_THIS_PERIOD"), std::to_string(9 << 20));
	EXPECT_EQ(env.at("ZANRYO_ESTIMATED_REMAINING"), std::to_string(1 << 20));
	EXPECT_EQ(env.at("ZANRYO_RUN_OUT"), "1795000000");
	EXPECT_EQ(env.at("ZANRYO_DATA_REMAINING"), "") << "no carrier reading: empty, not 0";
	EXPECT_EQ(env.at("ZANRYO_MONEY"), "");
	EXPECT_EQ(env.at("ZANRYO_UPDATED_AT"), "");
	EXPECT_EQ(env.at("ZANRYO_SOURCE"), "");
}

TEST(HookEnvironment, noCountingNoUsageValues)
{
	HookModem modem{ "/p", "/dev/ttyUSB2", "", "MTS" };
	StoredBalance reading;
	reading.balance.dataRemaining = 0;
	reading.updatedAt = 1795000000;
	reading.source = "ussd:*100#";
	auto env = hookEnvironment(modem, reading, nullptr);
	EXPECT_EQ(env.at("ZANRYO_EVENT"), "reading");
	EXPECT_EQ(env.at("ZANRYO_DATA_REMAINING"), "0") << "0 stated is 0";
	EXPECT_EQ(env.at("ZANRYO_USED_THIS_PERIOD"), "");
	EXPECT_EQ(env.at("ZANRYO_ESTIMATED_REMAINING"), "");
	EXPECT_EQ(env.at("ZANRYO_RUN_OUT"), "");
	EXPECT_EQ(env.at("ZANRYO_PROVIDER"), "MTS");
}

} // namespace
} // namespace zanryo
