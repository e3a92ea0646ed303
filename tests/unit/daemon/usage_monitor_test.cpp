// UsageMonitor on a fake sysfs with an injected clock: restarts, reboots, re-created
// interfaces, period roll-over, carrier readings, sampling modes and signal rate limit.
#include <gtest/gtest.h>

#include <filesystem>

#include "fake_sysfs.hpp"
#include "usage_monitor.hpp"

namespace zanryo {
namespace {

using test::FakeSysfs;
constexpr std::uint64_t kGiB = 1ull << 30;

class UsageMonitorTest : public testing::Test
{
protected:
	void SetUp() override
	{
		sys_.usbDevice("usb1/1-1", "2c7c");
		sys_.classNode("usbmisc", "cdc-wdm0", "usb1/1-1/1-1:1.4/usbmisc/cdc-wdm0");
		sys_.netInterface("usb1/1-1/1-1:1.4", "wwan0", 5);
		sys_.setCounters("wwan0", 1000, 0);
		FakeSysfs::write(bootIdPath(), "98c53bb7-8abc-4271-b08e-9a8a28f6185b\n");
		config_.device = "qmi:/dev/cdc-wdm0";
		config_.plan.allowance = 20 * kGiB;
		now_ = std::chrono::system_clock::from_time_t(localMidnight({ 2026, 11, 22 }) + 12 * 3600);
	}

	std::string bootIdPath() const { return sys_.base() + "/boot_id"; }
	std::string statePath() const { return sys_.base() + "/usage-0123456789abcdef.json"; }

	std::unique_ptr<UsageMonitor> monitor()
	{
		UsageOptions o;
		o.sysRoot = sys_.root();
		o.bootIdPath = bootIdPath();
		o.packetTap = false;
		o.netlink = false;
		return std::make_unique<UsageMonitor>(
			io_, config_, "qmi:/dev/cdc-wdm0", statePath(), [this] { return now_; },
			[this](const std::vector<std::string> &p) { signals_.push_back(p); }, o);
	}

	void advance(std::chrono::seconds d) { now_ += d; }

	FakeSysfs sys_;
	boost::asio::io_context io_;
	ModemConfig config_;
	std::chrono::system_clock::time_point now_;
	std::vector<std::vector<std::string>> signals_;
};

TEST_F(UsageMonitorTest, findsTheInterfaceOfTheQmiPortAndCountsIt)
{
	auto m = monitor();
	m->start();
	EXPECT_EQ(m->interfaceNames(), "wwan0");
	EXPECT_EQ(m->figures().usedThisPeriod, 0u) << "the first sample is a baseline";
	sys_.setCounters("wwan0", 1000 + 700000, 300000);
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 1000000u);
	EXPECT_EQ(m->figures().periodStart, localMidnight({ 2026, 11, 1 }));
	EXPECT_EQ(m->figures().periodEnd, localMidnight({ 2026, 12, 1 }));
	EXPECT_TRUE(m->figures().hasEstimate);
	EXPECT_EQ(m->figures().estimatedRemaining, 20 * kGiB - 1000000);
}

TEST_F(UsageMonitorTest, explicitInterfaceWins)
{
	sys_.netInterface("virtual", "v0", 40);
	config_.interface = "v0";
	auto m = monitor();
	m->start();
	EXPECT_EQ(m->interfaceNames(), "v0");
	sys_.setCounters("wwan0", 999999, 0);
	sys_.setCounters("v0", 10, 20);
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 30u);
}

TEST_F(UsageMonitorTest, daemonRestartLosesNothing)
{
	{
		auto m = monitor();
		m->start();
		sys_.setCounters("wwan0", 5000, 0);
		m->sample();
		EXPECT_EQ(m->figures().usedThisPeriod, 4000u);
		m->stop();
	}
	ASSERT_TRUE(std::filesystem::exists(statePath()));
	sys_.setCounters("wwan0", 7000, 0); // while zanryod was stopped
	auto m = monitor();
	m->start();
	EXPECT_EQ(m->figures().usedThisPeriod, 6000u);
}

TEST_F(UsageMonitorTest, rebootCountsTheNewCountersFromZero)
{
	{
		auto m = monitor();
		m->start();
		sys_.setCounters("wwan0", 5000, 0);
		m->sample();
		m->stop();
	}
	FakeSysfs::write(bootIdPath(), "0b1f0e4e-2c55-4d8e-9d1a-3c0f5e6a7b8c\n");
	sys_.setCounters("wwan0", 300, 0);
	auto m = monitor();
	m->start();
	EXPECT_EQ(m->figures().usedThisPeriod, 4300u);
}

TEST_F(UsageMonitorTest, reCreatedInterfaceAndCounterReset)
{
	auto m = monitor();
	m->start();
	sys_.setCounters("wwan0", 2000, 0);
	m->sample();
	sys_.removeInterface("wwan0");
	m->sample();
	EXPECT_EQ(m->mode(), UsageMonitor::Mode::Absent);
	sys_.netInterface("usb1/1-1/1-1:1.4", "wwan0", 8);
	sys_.setCounters("wwan0", 300, 0);
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 1000u + 300u);
	sys_.setCounters("wwan0", 50, 0); // reset in place
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 1350u);
}

TEST_F(UsageMonitorTest, periodRollsOverAtTheResetDay)
{
	config_.plan.resetDay = 1;
	now_ = std::chrono::system_clock::from_time_t(localMidnight({ 2026, 12, 1 }) - 120);
	auto m = monitor();
	m->start();
	sys_.setCounters("wwan0", 1000 + 5000, 0);
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 5000u);
	EXPECT_EQ(m->figures().periodStart, localMidnight({ 2026, 11, 1 }));
	EXPECT_EQ(m->figures().daysLeft, 1u);

	advance(std::chrono::seconds(240));
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 0u);
	EXPECT_EQ(m->figures().periodStart, localMidnight({ 2026, 12, 1 }));
	EXPECT_EQ(m->figures().periodEnd, localMidnight({ 2027, 1, 1 }));
	EXPECT_EQ(m->figures().estimatedRemaining, 20 * kGiB);
	sys_.setCounters("wwan0", 6000 + 200, 0);
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 200u);
	EXPECT_EQ(m->state().totalBytes, 5200u);
}

TEST_F(UsageMonitorTest, restartAfterTheResetDayStartsTheNewPeriod)
{
	config_.plan.resetDay = 25;
	{
		auto m = monitor();
		m->start();
		sys_.setCounters("wwan0", 9000, 0);
		m->sample();
		m->stop();
	}
	advance(std::chrono::hours(24 * 5)); // 2026-11-27, after the 25th
	sys_.setCounters("wwan0", 9500, 0);
	auto m = monitor();
	m->start();
	EXPECT_EQ(m->figures().periodStart, localMidnight({ 2026, 11, 25 }));
	EXPECT_EQ(m->figures().usedThisPeriod, 500u);
}

TEST_F(UsageMonitorTest, carrierReadingIsTheStartOfTheEstimate)
{
	StoredBalance reading;
	reading.balance.dataRemaining = 8 * kGiB;
	reading.updatedAt = std::chrono::system_clock::to_time_t(now_);
	reading.source = "sms:3080:残高";
	{
		auto m = monitor();
		m->start();
		sys_.setCounters("wwan0", 1000 + 4096, 0); // before the reply: in the carrier's number
		m->carrierReading(reading, true);
		EXPECT_EQ(m->figures().estimatedRemaining, 8 * kGiB);
		sys_.setCounters("wwan0", 1000 + 4096 + (1 << 20), 0);
		m->sample();
		EXPECT_EQ(m->figures().estimatedRemaining, 8 * kGiB - (1 << 20));
		m->stop();
	}
	// After a restart the reading comes back from disk (stale) and the count goes on.
	sys_.setCounters("wwan0", 1000 + 4096 + (2 << 20), 0);
	auto m = monitor();
	m->carrierReading(reading, false);
	m->start();
	EXPECT_EQ(m->figures().estimatedRemaining, 8 * kGiB - (2 << 20));
}

TEST_F(UsageMonitorTest, samplingModesFollowTheTraffic)
{
	auto m = monitor();
	m->start();
	EXPECT_EQ(m->mode(), UsageMonitor::Mode::Active);
	m->sample(); // an interval without traffic
	EXPECT_EQ(m->mode(), UsageMonitor::Mode::Idle);
	sys_.setCounters("wwan0", 1500, 0);
	m->sample();
	EXPECT_EQ(m->mode(), UsageMonitor::Mode::Active);
	sys_.setFlags("wwan0", "0x1002");
	m->sample();
	EXPECT_EQ(m->mode(), UsageMonitor::Mode::Absent);
	sys_.setFlags("wwan0", "0x1003");
	m->sample();
	EXPECT_EQ(m->mode(), UsageMonitor::Mode::Active);
}

TEST_F(UsageMonitorTest, propertiesChangedAtMostOncePerInterval)
{
	auto m = monitor();
	m->start();
	EXPECT_TRUE(signals_.empty()) << "start publishes the object's initial values, no signal";
	sys_.setCounters("wwan0", 2000, 0);
	m->sample();
	ASSERT_EQ(signals_.size(), 1u);
	EXPECT_NE(std::find(signals_[0].begin(), signals_[0].end(), "UsedThisPeriod"), signals_[0].end());
	EXPECT_NE(std::find(signals_[0].begin(), signals_[0].end(), "EstimatedDataRemaining"), signals_[0].end());
	sys_.setCounters("wwan0", 3000, 0);
	m->sample();
	EXPECT_EQ(signals_.size(), 1u) << "a second change within usage_interval waits";
	EXPECT_EQ(m->figures().usedThisPeriod, 2000u) << "but the value is current";
}

TEST_F(UsageMonitorTest, corruptStateFileIsSetAsideAndCountingStartsAfresh)
{
	FakeSysfs::write(statePath(), "{\"version\":1,");
	auto m = monitor();
	m->start();
	EXPECT_TRUE(std::filesystem::exists(statePath() + ".corrupt"));
	sys_.setCounters("wwan0", 1100, 0);
	m->sample();
	EXPECT_EQ(m->figures().usedThisPeriod, 100u);
}

} // namespace
} // namespace zanryo
