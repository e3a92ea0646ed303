// The QMI device vanishing and coming back (USB re-enumeration, a modem reset): QmiModem
// (real libqmi-glib 1.32) goes Gone, reopens with backoff and is Ready again.
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/qmi_rig.hpp"

namespace zanryo::test {
namespace {

QmiModemOptions fastReopen()
{
	QmiModemOptions o;
	o.reopenInitialDelay = 50ms;
	o.reopenMaxDelay = 400ms;
	return o;
}

TEST(QmiReopen, unplugGoneReplugReadyAndUssdWorks)
{
	Rig rig("generic-en", {}, fastReopen());
	// Shared with the handler: the modem, made before, is closed after this vector goes.
	auto recorded = std::make_shared<std::vector<ModemState>>();
	std::vector<ModemState> &states = *recorded;
	ModemEventHandlers handlers;
	handlers.stateChanged = [recorded](ModemState s) { recorded->push_back(s); };
	rig.modem->setEventHandlers(handlers);

	ASSERT_EQ(rig.sim.control("unplug"), "ok");
	ASSERT_TRUE(runUntil(rig.io, [&] { return rig.modem->state() == ModemState::Gone; }, 10s))
		<< modemStateName(rig.modem->state()) << "\n"
		<< rig.sim.log();
	auto whileGone = run(rig.io, rig.modem->ussdInitiate("*100#", 5s));
	ASSERT_FALSE(whileGone);
	EXPECT_TRUE(is(whileGone.error(), Errc::DeviceGone)) << whileGone.error().message();
	// Several reopen attempts fail meanwhile (no path): the modem stays Gone.
	ASSERT_FALSE(runUntil(rig.io, [&] { return rig.modem->state() != ModemState::Gone; }, 600ms));

	ASSERT_EQ(rig.sim.control("replug"), "ok");
	ASSERT_TRUE(runUntil(rig.io, [&] { return rig.modem->state() == ModemState::Ready; }, 10s))
		<< modemStateName(rig.modem->state()) << "\n"
		<< rig.sim.log();
	auto after = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	ASSERT_TRUE(after) << after.error().message() << "\n" << rig.sim.log();
	EXPECT_EQ(after->text, "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.");
	auto id = run(rig.io, rig.modem->identity());
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->imei, "350000000000006");

	ASSERT_GE(states.size(), 3u);
	EXPECT_EQ(states.front(), ModemState::Gone);
	EXPECT_EQ(states[states.size() - 2], ModemState::Opening);
	EXPECT_EQ(states.back(), ModemState::Ready);
	// The new clients were allocated on the new port (DMS, NAS, VOICE, WMS, WDS, UIM).
	EXPECT_NE(rig.sim.control("status").find("\"clients\":6"), std::string::npos) << rig.sim.control("status");
}

TEST(QmiReopen, pendingUssdEndsAsDeviceGone)
{
	Rig rig("generic-en", {}, fastReopen());
	std::optional<Result<UssdReply>> reply;
	asio::co_spawn(
		rig.io,
		[&]() -> asio::awaitable<void> { reply.emplace(co_await rig.modem->ussdInitiate("*100#", 20s)); },
		asio::detached);
	ASSERT_TRUE(runUntil(
		rig.io, [&] { return rig.sim.control("status").find("\"ussd\":\"pending\"") != std::string::npos; }, 5s));
	ASSERT_EQ(rig.sim.control("unplug"), "ok");
	ASSERT_TRUE(runUntil(rig.io, [&] { return reply.has_value(); }, 10s));
	ASSERT_FALSE(*reply);
	EXPECT_TRUE(is(reply->error(), Errc::DeviceGone)) << reply->error().message();
	ASSERT_EQ(rig.sim.control("replug"), "ok");
	ASSERT_TRUE(runUntil(rig.io, [&] { return rig.modem->state() == ModemState::Ready; }, 10s));
}

TEST(QmiReopen, closeWhileGoneStopsReopening)
{
	Rig rig("generic-en", {}, fastReopen());
	ASSERT_EQ(rig.sim.control("unplug"), "ok");
	ASSERT_TRUE(runUntil(rig.io, [&] { return rig.modem->state() == ModemState::Gone; }, 10s));
	runVoid(rig.io, rig.modem->close());
	EXPECT_EQ(rig.modem->state(), ModemState::Closed);
	ASSERT_EQ(rig.sim.control("replug"), "ok");
	EXPECT_FALSE(runUntil(rig.io, [&] { return rig.modem->state() != ModemState::Closed; }, 500ms));
	EXPECT_NE(rig.sim.control("status").find("\"clients\":0"), std::string::npos) << rig.sim.control("status");
}

} /* namespace */
} /* namespace zanryo::test */
