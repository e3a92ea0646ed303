// USSD through the AT port when the QMI port cannot do it: UssdFallbackModem over
// QmiModem (zanryo-qmi-sim, real libqmi-glib 1.32) and AtModem (zanryo-modem-sim on a
// pty), the two ports of one simulated modem.
#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <gtest/gtest.h>
#include <string>

#include "libmodem/backend/at_modem.hpp"
#include "libmodem/backend/ussd_fallback_modem.hpp"
#include "support/qmi_rig.hpp"
#include "support/sim_modem.hpp"

namespace zanryo::test {
namespace {

const char *const kBalance =
	"Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.";

/// Both simulators on the same scenario, and the composite modem opened.
struct TwoPorts {
	explicit TwoPorts(std::vector<std::string> qmiControls, bool withAt = true)
		: qmiSim("generic-en"),
		  atSim(withAt ? std::make_unique<SimModem>("generic-en") : nullptr)
	{
		for (const std::string &c : qmiControls)
			EXPECT_EQ(qmiSim.control(c), "ok") << c;
		std::shared_ptr<Modem> at;
		if (atSim)
			at = AtModem::create(io.get_executor(), atSim->link());
		modem = std::make_unique<UssdFallbackModem>(
			std::make_unique<QmiModem>(io.get_executor(), qmiSim.link()), at);
		auto opened = run(io, modem->open());
		if (!opened)
			throw std::runtime_error("open failed: " + opened.error().message());
	}
	~TwoPorts()
	{
		if (modem)
			runVoid(io, modem->close());
	}
	bool atSawCusd() const
	{
		return atSim && atSim->log().find("AT+CUSD=1") != std::string::npos;
	}

	asio::io_context io;
	QmiSim qmiSim;
	std::unique_ptr<SimModem> atSim;
	std::unique_ptr<UssdFallbackModem> modem;
};

TEST(QmiUssdFallback, noVoiceServiceUsesTheAtPort)
{
	TwoPorts t({ "voice off" });
	EXPECT_EQ(t.modem->transport(), "qmi");
	auto r = run(t.io, t.modem->ussdInitiate("*100#", 10s));
	ASSERT_TRUE(r) << r.error().message() << "\n" << t.atSim->log();
	EXPECT_EQ(r->text, kBalance);
	EXPECT_TRUE(t.modem->lastUssdOnFallback());
	EXPECT_TRUE(t.atSawCusd());
	// Identity still comes from QMI.
	auto id = run(t.io, t.modem->identity());
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->imei, "350000000000006");
}

// VOICE is there but refuses the message: the same fallback, and a menu is answered on
// the port that opened it.
TEST(QmiUssdFallback, voiceRefusingUsesTheAtPortForTheWholeSession)
{
	TwoPorts t({ "qmi-error VOICE 0x3a InvalidQmiCommand" });
	auto menu = run(t.io, t.modem->ussdInitiate("*101#", 10s));
	ASSERT_TRUE(menu) << menu.error().message();
	EXPECT_EQ(menu->status, UssdStatus::ActionRequired);
	EXPECT_TRUE(t.modem->lastUssdOnFallback());
	auto answer = run(t.io, t.modem->ussdRespond("1", 10s));
	ASSERT_TRUE(answer) << answer.error().message();
	EXPECT_EQ(answer->status, UssdStatus::Done);
	EXPECT_NE(t.atSim->log().find("AT+CUSD=1,\"1\""), std::string::npos) << t.atSim->log();
	EXPECT_NE(t.qmiSim.control("status").find("\"ussd\":\"idle\""), std::string::npos);
}

TEST(QmiUssdFallback, workingVoiceNeverTouchesTheAtPort)
{
	TwoPorts t({});
	auto r = run(t.io, t.modem->ussdInitiate("*100#", 10s));
	ASSERT_TRUE(r) << r.error().message();
	EXPECT_EQ(r->text, kBalance);
	EXPECT_FALSE(t.modem->lastUssdOnFallback());
	EXPECT_FALSE(t.atSawCusd());
	EXPECT_NE(t.qmiSim.control("status").find("\"last_ussd\":\"*100#\""), std::string::npos);
}

// A network refusal is not a reason to try the other port.
TEST(QmiUssdFallback, networkRefusalStaysOnQmi)
{
	TwoPorts t({ "ussd-fail SupsFailureCase" });
	auto r = run(t.io, t.modem->ussdInitiate("*100#", 10s));
	ASSERT_FALSE(r);
	EXPECT_TRUE(is(r.error(), Errc::NetworkError)) << r.error().message();
	EXPECT_FALSE(t.atSawCusd());
}

TEST(QmiUssdFallback, withoutAnAtPortUnsupportedPassesThrough)
{
	TwoPorts t({ "voice off" }, false);
	auto r = run(t.io, t.modem->ussdInitiate("*100#", 10s));
	ASSERT_FALSE(r);
	EXPECT_TRUE(is(r.error(), Errc::Unsupported)) << r.error().message();
}

} /* namespace */
} /* namespace zanryo::test */
