#pragma once

// QmiModem on a running zanryo-qmi-sim, for the sim_qmi_*_test programs.
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "libmodem/qmi/qmi_modem.hpp"
#include "support/qmi_sim.hpp"

namespace zanryo::test {

namespace asio = boost::asio;
using namespace std::chrono_literals;

/// Run one coroutine of the modem on \a io to its end (at most 60 s of wall time).
template<typename T>
T run(asio::io_context &io, asio::awaitable<T> aw)
{
	std::optional<T> out;
	asio::co_spawn(
		io,
		[&]() -> asio::awaitable<void> {
			out.emplace(co_await std::move(aw));
			io.stop();  // done: a reopen timer or a pending indication keeps io busy
		},
		asio::detached);
	io.restart();
	io.run_for(60s);
	if (!out)
		throw std::runtime_error("coroutine did not finish within 60 s");
	return std::move(*out);
}

inline void runVoid(asio::io_context &io, asio::awaitable<void> aw)
{
	bool finished = false;
	asio::co_spawn(
		io,
		[&]() -> asio::awaitable<void> {
			co_await std::move(aw);
			finished = true;
			io.stop();
		},
		asio::detached);
	io.restart();
	io.run_for(60s);
	if (!finished)
		throw std::runtime_error("coroutine did not finish within 60 s");
}

/// Run \a io in short slices until \a done holds or \a timeout passes; whether it held.
template<typename Pred>
bool runUntil(asio::io_context &io, Pred done, std::chrono::milliseconds timeout)
{
	auto deadline = std::chrono::steady_clock::now() + timeout;
	while (!done()) {
		if (std::chrono::steady_clock::now() >= deadline)
			return false;
		io.restart();
		io.run_for(20ms);
	}
	return true;
}

/// A simulator and an opened QmiModem on it.
struct Rig {
	explicit Rig(const std::string &scenario, std::vector<std::string> beforeOpen = {},
		     QmiModemOptions options = {})
		: sim(scenario)
	{
		for (const std::string &c : beforeOpen)
			EXPECT_EQ(sim.control(c), "ok") << c;
		modem = std::make_unique<QmiModem>(io.get_executor(), sim.link(), options);
		auto opened = run(io, modem->open());
		if (!opened)
			throw std::runtime_error("open failed: " + opened.error().message() + "\nsimulator log:\n" + sim.log());
	}
	~Rig()
	{
		if (modem)
			runVoid(io, modem->close());
	}

	asio::io_context io;
	QmiSim sim;
	std::unique_ptr<QmiModem> modem;
};

inline bool is(const Error &e, Errc c)
{
	return e.code == make_error_code(c);
}

} /* namespace zanryo::test */
