// WDS packet statistics: QmiModem::packetStats() (real libqmi-glib 1.32) against the
// counters of zanryo-qmi-sim, and the AT backend's answer.
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <gtest/gtest.h>

#include "libmodem/backend/at_modem.hpp"
#include "support/qmi_rig.hpp"

namespace zanryo::test {
namespace {

TEST(QmiWds, packetStatisticsFollowTheModemCounters)
{
	Rig rig("generic-en");
	ASSERT_EQ(rig.sim.control("wds-counters 1000 5000000000 10 4000000"), "ok");
	auto first = run(rig.io, rig.modem->packetStats());
	ASSERT_TRUE(first) << first.error().message();
	EXPECT_EQ(first->txBytes, 1000u);
	EXPECT_EQ(first->rxBytes, 5000000000u);  // beyond 32 bits: TLV 0x1A is a guint64
	EXPECT_EQ(first->txPackets, 10u);
	EXPECT_EQ(first->rxPackets, 4000000u);

	ASSERT_EQ(rig.sim.control("wds-advance 24 1024 1 2"), "ok");
	auto second = run(rig.io, rig.modem->packetStats());
	ASSERT_TRUE(second) << second.error().message();
	EXPECT_EQ(second->txBytes - first->txBytes, 24u);
	EXPECT_EQ(second->rxBytes - first->rxBytes, 1024u);
	EXPECT_EQ(*second->txPackets - *first->txPackets, 1u);
	EXPECT_EQ(*second->rxPackets - *first->rxPackets, 2u);
}

TEST(QmiWds, noDataCallIsNotFound)
{
	Rig rig("generic-en", { "data-call off" });
	auto stats = run(rig.io, rig.modem->packetStats());
	ASSERT_FALSE(stats);
	EXPECT_TRUE(is(stats.error(), Errc::NotFound)) << stats.error().message();
	EXPECT_EQ(stats.error().what,
		  "WDS Get Packet Statistics: QMI protocol error: OutOfCall (15): no data call is up");
}

TEST(QmiWds, wdsErrorIsAnErrorValue)
{
	Rig rig("generic-en", { "qmi-error WDS 0x24 NotSupported" });
	auto stats = run(rig.io, rig.modem->packetStats());
	ASSERT_FALSE(stats);
	EXPECT_TRUE(is(stats.error(), Errc::Unsupported)) << stats.error().message();
}

TEST(AtModemPacketStats, isUnsupported)
{
	asio::io_context io;
	auto modem = AtModem::create(io.get_executor(), "/nonexistent/ttyUSB9");
	auto stats = run(io, modem->packetStats());
	ASSERT_FALSE(stats);
	EXPECT_TRUE(is(stats.error(), Errc::Unsupported)) << stats.error().message();
	EXPECT_EQ(stats.error().what, "/nonexistent/ttyUSB9 (at): the transport reports no packet statistics");
}

} /* namespace */
} /* namespace zanryo::test */
