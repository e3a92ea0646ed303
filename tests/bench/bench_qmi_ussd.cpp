// USSD round trips through QmiModem, libqmi-glib and a pty to zanryo-qmi-sim, with the
// simulated network answering at once (ussd_delay_ms = 0): the cost of the QMI path
// itself (GLib thread hand-offs, QMUX framing, the simulator), not of a network.
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <benchmark/benchmark.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "libmodem/qmi/qmi_modem.hpp"

extern char **environ;

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

/// zanryo-qmi-sim on a scenario whose *100# answers with no delay; stopped at the end.
class Simulator
{
public:
	Simulator()
	{
		char dirTemplate[] = "/tmp/zanryo-bench-qmi-XXXXXX";
		dir_ = mkdtemp(dirTemplate);
		std::string scenario = dir_ + "/scenario.toml";
		std::ofstream(scenario) << "[network]\nussd_delay_ms = 0\n[[ussd]]\ncode = \"*100#\"\n"
					   "text = \"Balance 12.34 GBP, 2.5 GB left until 31/12/2026\"\n";
		link_ = dir_ + "/cdc-wdm0";
		std::string program = std::string(ZANRYO_BINARY_DIR) + "/tests/sim/qmi/zanryo-qmi-sim";
		std::string log = dir_ + "/sim.log";
		posix_spawn_file_actions_t actions;
		posix_spawn_file_actions_init(&actions);
		posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		std::string a0 = program, a1 = "--scenario", a3 = "--link";
		char *argv[] = { a0.data(), a1.data(), scenario.data(), a3.data(), link_.data(), nullptr };
		if (posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv, environ) != 0)
			pid_ = -1;
		posix_spawn_file_actions_destroy(&actions);
		// Wait (at most 10 s) for the link to the pty to appear.
		for (int i = 0; i < 1000 && access(link_.c_str(), F_OK) != 0; ++i)
			usleep(10000);
	}
	~Simulator()
	{
		if (pid_ > 0) {
			kill(pid_, SIGTERM);
			waitpid(pid_, nullptr, 0);
		}
		std::remove((dir_ + "/scenario.toml").c_str());
		std::remove((dir_ + "/sim.log").c_str());
		rmdir(dir_.c_str());
	}
	const std::string &link() const { return link_; }
	bool ok() const { return pid_ > 0 && access(link_.c_str(), F_OK) == 0; }

private:
	std::string dir_;
	std::string link_;
	pid_t pid_ = -1;
};

template<typename T>
std::optional<T> run(asio::io_context &io, asio::awaitable<T> aw)
{
	std::optional<T> out;
	asio::co_spawn(
		io, [&]() -> asio::awaitable<void> { out.emplace(co_await std::move(aw)); }, asio::detached);
	io.restart();
	io.run_for(30s);
	return out;
}

void qmiUssdRoundTrip(benchmark::State &state)
{
	Simulator sim;
	if (!sim.ok()) {
		state.SkipWithError("zanryo-qmi-sim did not start");
		return;
	}
	asio::io_context io;
	zanryo::QmiModem modem(io.get_executor(), sim.link());
	auto opened = run(io, modem.open());
	if (!opened || !*opened) {
		state.SkipWithError("QmiModem::open failed");
		return;
	}
	for (auto _ : state) {
		auto r = run(io, modem.ussdInitiate("*100#", 10s));
		if (!r || !*r) {
			state.SkipWithError("USSD failed");
			break;
		}
		benchmark::DoNotOptimize(r->value().text.size());
	}
	state.SetItemsProcessed(state.iterations());
	bool closed = false;
	asio::co_spawn(
		io,
		[&]() -> asio::awaitable<void> {
			co_await modem.close();
			closed = true;
		},
		asio::detached);
	io.restart();
	io.run_for(10s);
	benchmark::DoNotOptimize(closed);
}
BENCHMARK(qmiUssdRoundTrip)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

} /* namespace */

BENCHMARK_MAIN();
