// USSD round trips through the whole AT path (AtModem -> AtChannel -> pty ->
// zanryo-modem-sim -> +CUSD URC -> decode) with the carrier answering at once
// (ussd_delay_ms = 0), and the client's CPU time per query (getrusage).
//
//   build/tests/bench/bench_at_ussd --benchmark_min_time=3

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <utility>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <benchmark/benchmark.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "libmodem/backend/at_modem.hpp"

extern char **environ;

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

/// zanryo-modem-sim on the generic scenario with no network delay, for one benchmark.
class Simulator
{
public:
	Simulator()
	{
		char tmpl[] = "/tmp/zanryo-bench-XXXXXX";
		dir_ = ::mkdtemp(tmpl);
		std::ifstream in(std::string(ZANRYO_SOURCE_DIR) + "/tests/sim/scenarios/generic-en.toml");
		std::stringstream buf;
		buf << in.rdbuf();
		std::string toml = std::regex_replace(buf.str(), std::regex("ussd_delay_ms = [0-9]+"),
						      "ussd_delay_ms = 0");
		std::ofstream(dir_ + "/scenario.toml") << toml;
		link_ = dir_ + "/tty";
		std::string sim = std::string(ZANRYO_BINARY_DIR) + "/tests/sim/zanryo-modem-sim";
		std::string scenario = dir_ + "/scenario.toml";
		std::string log = dir_ + "/sim.log";
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
		const char *argv[] = { sim.c_str(), "--scenario", scenario.c_str(), "--link", link_.c_str(), nullptr };
		if (posix_spawn(&pid_, sim.c_str(), &fa, nullptr, const_cast<char **>(argv), environ) != 0)
			pid_ = -1;
		posix_spawn_file_actions_destroy(&fa);
		auto deadline = std::chrono::steady_clock::now() + 10s;
		while (pid_ > 0 && !std::filesystem::exists(link_) && std::chrono::steady_clock::now() < deadline)
			::usleep(5000);
	}
	~Simulator()
	{
		if (pid_ > 0) {
			::kill(pid_, SIGTERM);
			::waitpid(pid_, nullptr, 0);
		}
		std::error_code ec;
		std::filesystem::remove_all(dir_, ec);
	}
	bool ok() const { return pid_ > 0 && std::filesystem::exists(link_); }
	const std::string &link() const { return link_; }

private:
	std::string dir_, link_;
	pid_t pid_ = -1;
};

template<typename T>
std::optional<T> run(asio::io_context &io, asio::awaitable<T> aw)
{
	std::optional<T> result;
	auto wrapper = [](asio::awaitable<T> inner, std::optional<T> &out) -> asio::awaitable<void> {
		out.emplace(co_await std::move(inner));
	};
	asio::co_spawn(io, wrapper(std::move(aw), result), [](std::exception_ptr) {});
	auto deadline = std::chrono::steady_clock::now() + 30s;
	while (!result && std::chrono::steady_clock::now() < deadline)
		io.run_one_for(50ms);
	return result;
}

double cpuSeconds()
{
	rusage ru{};
	::getrusage(RUSAGE_SELF, &ru);
	return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void BM_UssdRoundTrip(benchmark::State &state)
{
	Simulator sim;
	if (!sim.ok()) {
		state.SkipWithError("zanryo-modem-sim did not start");
		return;
	}
	asio::io_context io;
	auto modem = zanryo::AtModem::create(io.get_executor(), sim.link());
	auto opened = run(io, modem->open());
	if (!opened || !opened->ok()) {
		state.SkipWithError("the modem did not open");
		return;
	}
	std::size_t failures = 0;
	double cpu0 = cpuSeconds();
	for (auto _ : state) {
		auto r = run(io, modem->ussdInitiate("*100#", 5s));
		if (!r || !r->ok() || (*r)->text.empty()) {
			if (failures++ == 0)
				state.SetLabel(!r ? "no result" : !r->ok() ? r->error().message() : "empty text");
		}
		benchmark::DoNotOptimize(r);
	}
	double cpu = cpuSeconds() - cpu0;
	state.counters["queries_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
							     benchmark::Counter::kIsRate);
	state.counters["client_cpu_us_per_query"] =
		cpu * 1e6 / static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
	state.counters["failures"] = static_cast<double>(failures);
	asio::co_spawn(io, modem->close(), [](std::exception_ptr) {});
	io.poll();
}
BENCHMARK(BM_UssdRoundTrip)->Unit(benchmark::kMillisecond)->UseRealTime();

} /* namespace */

BENCHMARK_MAIN();
