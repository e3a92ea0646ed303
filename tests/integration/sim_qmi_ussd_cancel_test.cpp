// ussdCancel() while ussdInitiate() waits for the network ends the Initiate at once with
// Errc::Cancelled (QmiModem, real libqmi-glib, on zanryo-qmi-sim): VOICE Cancel USSD is
// sent and the modem is free again, not busy until the reply timeout.
#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <gtest/gtest.h>
#include <optional>
#include <string>

#include "support/qmi_rig.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

const char *const kSlowScenario = R"([modem]
manufacturer = "zanryo"
model = "SIM-LTE"
quirk = "generic"

[network]
mcc = "001"
mnc = "01"
ussd_delay_ms = 200

[[ussd]]
code = "*100#"
text = "Your balance is 12.34 GBP."

[[ussd]]
code = "*199#"
text = "Too late"
delay_ms = 60000
)";

TEST(QmiUssdCancel, cancelEndsAPendingInitiateAtOnce)
{
	TempDir dir;
	Rig rig(dir.write("slow.toml", kSlowScenario));
	std::optional<Result<UssdReply>> initiated;
	asio::co_spawn(
		rig.io,
		[&]() -> asio::awaitable<void> { initiated.emplace(co_await rig.modem->ussdInitiate("*199#", 120s)); },
		asio::detached);
	ASSERT_TRUE(runUntil(rig.io, [&] { return rig.sim.log().find("originate *199#") != std::string::npos; }, 10s))
		<< rig.sim.log();

	auto cancelledAt = std::chrono::steady_clock::now();
	std::optional<Result<void>> cancelled;
	asio::co_spawn(
		rig.io, [&]() -> asio::awaitable<void> { cancelled.emplace(co_await rig.modem->ussdCancel()); },
		asio::detached);
	ASSERT_TRUE(runUntil(rig.io, [&] { return initiated.has_value() && cancelled.has_value(); }, 5s))
		<< "the Initiate still waits after ussdCancel()\n" << rig.sim.log();
	EXPECT_LT(std::chrono::steady_clock::now() - cancelledAt, 3s);
	ASSERT_FALSE(initiated->ok());
	EXPECT_TRUE(is(initiated->error(), Errc::Cancelled)) << initiated->error().message();
	EXPECT_TRUE(cancelled->ok()) << cancelled->error().message();

	// The modem is free: the next query runs and gets its own answer.
	auto next = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	ASSERT_TRUE(next) << next.error().message() << "\n" << rig.sim.log();
	EXPECT_EQ(next->text, "Your balance is 12.34 GBP.");
}

} /* namespace */
} /* namespace zanryo::test */
