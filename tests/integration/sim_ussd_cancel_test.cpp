// ussdCancel() while ussdInitiate() waits for the network ends the Initiate at once with
// Errc::Cancelled (AtModem on zanryo-modem-sim): the modem is free again, not busy until
// the reply timeout.

#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "libmodem/backend/at_modem.hpp"
#include "support/sim_modem.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

// generic-en with a code the network answers only after a minute.
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

TEST(SimUssdCancel, cancelEndsAPendingInitiateAtOnce)
{
	auto sim = test::SimModem::fromToml(kSlowScenario);
	asio::io_context io;
	auto modem = AtModem::create(io.get_executor(), sim->link());
	auto pump = [&](const std::function<bool()> &cond, std::chrono::milliseconds limit) {
		auto deadline = std::chrono::steady_clock::now() + limit;
		while (!cond() && std::chrono::steady_clock::now() < deadline)
			io.run_one_for(20ms);
		return cond();
	};
	std::optional<Result<void>> opened;
	asio::co_spawn(io, [&]() -> asio::awaitable<void> { opened.emplace(co_await modem->open()); },
		       [](std::exception_ptr) {});
	ASSERT_TRUE(pump([&] { return opened.has_value(); }, 10s));
	ASSERT_TRUE(opened->ok()) << opened->error().message();

	std::optional<Result<UssdReply>> initiated;
	asio::co_spawn(io,
		       [&]() -> asio::awaitable<void> { initiated.emplace(co_await modem->ussdInitiate("*199#", 120s)); },
		       [](std::exception_ptr) {});
	ASSERT_TRUE(pump([&] { return sim->log().find("AT<: AT+CUSD=1") != std::string::npos; }, 10s)) << sim->log();
	ASSERT_TRUE(pump([&] { return sim->control("status").find("\"ussd\":\"pending\"") != std::string::npos; }, 5s));

	auto cancelledAt = std::chrono::steady_clock::now();
	std::optional<Result<void>> cancelled;
	asio::co_spawn(io, [&]() -> asio::awaitable<void> { cancelled.emplace(co_await modem->ussdCancel()); },
		       [](std::exception_ptr) {});
	ASSERT_TRUE(pump([&] { return initiated.has_value() && cancelled.has_value(); }, 5s))
		<< "the Initiate still waits after ussdCancel()";
	EXPECT_LT(std::chrono::steady_clock::now() - cancelledAt, 3s);
	ASSERT_FALSE(initiated->ok());
	EXPECT_EQ(initiated->error().code, make_error_code(Errc::Cancelled)) << initiated->error().message();
	EXPECT_TRUE(cancelled->ok()) << cancelled->error().message();
	EXPECT_TRUE(pump([&] { return sim->control("status").find("\"ussd\":\"idle\"") != std::string::npos; }, 5s));

	// The modem is free: the next query runs and gets its own answer.
	std::optional<Result<UssdReply>> next;
	asio::co_spawn(io, [&]() -> asio::awaitable<void> { next.emplace(co_await modem->ussdInitiate("*100#", 10s)); },
		       [](std::exception_ptr) {});
	ASSERT_TRUE(pump([&] { return next.has_value(); }, 15s));
	ASSERT_TRUE(next->ok()) << next->error().message();
	EXPECT_EQ((*next)->text, "Your balance is 12.34 GBP.");

	std::optional<bool> closed;
	asio::co_spawn(io, [&]() -> asio::awaitable<void> { co_await modem->close(); closed = true; },
		       [](std::exception_ptr) {});
	pump([&] { return closed.has_value(); }, 5s);
}

} /* namespace */
} /* namespace zanryo */
