#include <gtest/gtest.h>

#include "usage_counter.hpp"

namespace zanryo {
namespace {

constexpr const char *kBoot = "98c53bb7-8abc-4271-b08e-9a8a28f6185b";
constexpr const char *kNextBoot = "0b1f0e4e-2c55-4d8e-9d1a-3c0f5e6a7b8c";

struct Step {
	const char *iface;
	InterfaceCounters raw;
	std::uint64_t expectedAdded;
};

struct CounterCase {
	const char *name;
	std::vector<Step> steps;
	std::uint64_t expectedPeriod;
};

class UsageCounterSequence : public testing::TestWithParam<CounterCase>
{
};

TEST_P(UsageCounterSequence, countsWhatTheKernelCarried)
{
	UsageCounter counter({}, kBoot);
	int i = 0;
	for (const Step &s : GetParam().steps)
		EXPECT_EQ(counter.add(s.iface, s.raw), s.expectedAdded) << "step " << i++;
	EXPECT_EQ(counter.state().periodBytes, GetParam().expectedPeriod);
	EXPECT_EQ(counter.state().totalBytes, GetParam().expectedPeriod);
}

INSTANTIATE_TEST_SUITE_P(
	UsageCounter, UsageCounterSequence,
	testing::Values(
		// The first sample of an interface is a baseline: what it carried before may belong
		// to another period or another SIM.
		CounterCase{ "firstSampleIsABaseline", { { "wwan0", { 5, 1000, 200 }, 0 } }, 0 },
		CounterCase{ "rxAndTxDeltasAdd",
			     { { "wwan0", { 5, 1000, 200 }, 0 }, { "wwan0", { 5, 1500, 260 }, 560 }, { "wwan0", { 5, 1500, 260 }, 0 } },
			     560 },
		// qmi_wwan after a modem reset (AT+CFUN=1,1): same netdev, counters from zero.
		CounterCase{ "counterResetCountsTheNewValue",
			     { { "wwan0", { 5, 100000, 5000 }, 0 }, { "wwan0", { 5, 120000, 6000 }, 21000 }, { "wwan0", { 5, 300, 100 }, 400 } },
			     21400 },
		// A 32-bit counter on a 32-bit router wraps: the new value is what came after 0.
		CounterCase{ "thirtyTwoBitWrap",
			     { { "usb0", { 3, 4294967000u, 0 }, 0 }, { "usb0", { 3, 700, 0 }, 700 } },
			     700 },
		// The interface was deleted and created again (USB re-enumeration): new ifindex,
		// counters from zero, even when they already passed the old values.
		CounterCase{ "reCreatedInterfaceCountsFromZero",
			     { { "wwan0", { 5, 1000, 1000 }, 0 }, { "wwan0", { 9, 5000, 3000 }, 8000 }, { "wwan0", { 9, 5100, 3000 }, 100 } },
			     8100 },
		CounterCase{ "twoInterfacesAreSummed",
			     { { "usb0", { 11, 10, 10 }, 0 }, { "usb1", { 12, 0, 0 }, 0 }, { "usb0", { 11, 20, 20 }, 20 }, { "usb1", { 12, 5, 0 }, 5 } },
			     25 }),
	[](const testing::TestParamInfo<CounterCase> &i) { return std::string(i.param.name); });

TEST(UsageCounter, daemonRestartContinuesFromTheSavedRawValues)
{
	UsageCounter first({}, kBoot);
	first.add("wwan0", { 5, 1000, 0 });
	first.add("wwan0", { 5, 3000, 0 });
	auto restored = parseUsageState(serializeUsageState(first.state()));
	ASSERT_TRUE(restored) << restored.error().message();
	EXPECT_EQ(*restored, first.state());
	// Traffic while the daemon was stopped is in the kernel's counters: nothing is lost.
	UsageCounter second(*restored, kBoot);
	EXPECT_EQ(second.add("wwan0", { 5, 4500, 100 }), 1600u);
	EXPECT_EQ(second.state().periodBytes, 3600u);
}

TEST(UsageCounter, rebootCountsEveryInterfaceFromZero)
{
	UsageCounter first({}, kBoot);
	first.add("wwan0", { 5, 1000, 0 });
	first.add("wwan0", { 5, 900000, 100000 }); // 999000
	UsageCounter second(first.state(), kNextBoot);
	EXPECT_EQ(second.state().bootId, kNextBoot);
	// After the reboot the same ifindex is likely, with counters from zero.
	EXPECT_EQ(second.add("wwan0", { 5, 2000, 500 }), 2500u);
	EXPECT_EQ(second.state().periodBytes, 999000u + 2500u);
	// An interface first seen after the reboot is still only a baseline.
	EXPECT_EQ(second.add("usb0", { 7, 80, 0 }), 0u);
}

TEST(UsageCounter, newPeriodResetsThePeriodButNotTheReportMark)
{
	UsageCounter c({}, kBoot);
	c.add("wwan0", { 5, 0, 0 });
	c.add("wwan0", { 5, 1000, 0 });
	c.markReport(1795000000);
	c.add("wwan0", { 5, 1700, 0 });
	EXPECT_EQ(c.countedSinceReport(), 700u);
	c.startPeriod(1796000000);
	EXPECT_EQ(c.state().periodBytes, 0u);
	EXPECT_EQ(c.state().periodStart, 1796000000);
	EXPECT_EQ(c.countedSinceReport(), 700u);
	c.add("wwan0", { 5, 1800, 0 });
	EXPECT_EQ(c.state().periodBytes, 100u);
	EXPECT_EQ(c.state().totalBytes, 1800u);
}

TEST(UsageCounter, corruptStateFilesAreErrors)
{
	for (const char *text : { "", "[]", "{\"version\":2}",
				  "{\"version\":1,\"periodBytes\":1,\"totalBytes\":1,\"reportMark\":5,\"periodStart\":0,"
				  "\"reportAt\":0,\"bootId\":\"x\",\"interfaces\":{}}",
				  "{\"version\":1,\"periodBytes\":-1,\"totalBytes\":1,\"reportMark\":0,\"periodStart\":0,"
				  "\"reportAt\":0,\"bootId\":\"x\",\"interfaces\":{}}",
				  "{\"version\":1,\"periodBytes\":1,\"totalBytes\":1,\"reportMark\":0,\"periodStart\":0,"
				  "\"reportAt\":0,\"bootId\":\"x\",\"interfaces\":{\"wwan0\":{\"ifindex\":5}}}" })
		EXPECT_FALSE(parseUsageState(text)) << text;
}

} // namespace
} // namespace zanryo
