// Balance property reads per second from concurrent D-Bus clients while zanryod waits on
// a slow USSD query: the daemon must keep answering while a modem is busy.
//
//   build/tests/bench/bench_dbus_reads [--seconds N] [--clients N] [--slow-ms N]
//
// Starts a private dbus-daemon, zanryo-modem-sim (ru-prepaid) and zanryod, switches the
// simulator's "slow" fault on (every byte of its answers N ms apart, so the +CUSD answer
// of *100# takes seconds), calls Ussd.Initiate("*100#") without waiting for it, then
// reads org.zanryo.Zanryo1.Balance.DataRemaining in a loop from each client, one
// connection per client thread, for the given time. Prints reads/s and the latency
// distribution, and checks that the query was still in flight during the whole run.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <systemd/sd-bus.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char *kService = "org.zanryo.Zanryo1";

/// The run's temporary directory: removed at the end, kept after a failure to read the logs.
struct RunDir {
	std::string path;
	bool keep = true;
	~RunDir()
	{
		if (!keep)
			std::filesystem::remove_all(path);
		else
			std::fprintf(stderr, "logs kept in %s\n", path.c_str());
	}
};

struct Child {
	pid_t pid = -1;
	~Child()
	{
		if (pid > 0) {
			::kill(pid, SIGTERM);
			::waitpid(pid, nullptr, 0);
		}
	}
};

pid_t spawn(const std::vector<std::string> &args, const std::string &outPath)
{
	std::vector<char *> argv;
	for (const auto &a : args)
		argv.push_back(const_cast<char *>(a.c_str()));
	argv.push_back(nullptr);
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&actions, 1, 2);
	pid_t pid = -1;
	int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
	posix_spawn_file_actions_destroy(&actions);
	if (rc != 0) {
		std::fprintf(stderr, "cannot start %s: %s\n", argv[0], std::strerror(rc));
		std::exit(1);
	}
	return pid;
}

template<typename Pred>
bool waitFor(Pred pred, Clock::duration limit)
{
	auto deadline = Clock::now() + limit;
	auto pause = 1ms;
	while (Clock::now() < deadline) {
		if (pred())
			return true;
		std::this_thread::sleep_for(pause);
		pause = std::min(pause * 2, std::chrono::milliseconds(50));
	}
	return pred();
}

sd_bus *connect(const std::string &address)
{
	sd_bus *bus = nullptr;
	if (sd_bus_new(&bus) < 0 || sd_bus_set_address(bus, address.c_str()) < 0 ||
	    sd_bus_set_bus_client(bus, 1) < 0 || sd_bus_start(bus) < 0) {
		std::fprintf(stderr, "cannot connect to %s\n", address.c_str());
		std::exit(1);
	}
	return bus;
}

std::string firstModemPath(sd_bus *bus)
{
	sd_bus_message *reply = nullptr;
	sd_bus_error error = SD_BUS_ERROR_NULL;
	std::string path;
	if (sd_bus_call_method(bus, kService, "/org/zanryo/Zanryo1", "org.freedesktop.DBus.ObjectManager",
			       "GetManagedObjects", &error, &reply, "") < 0) {
		sd_bus_error_free(&error);
		return path;
	}
	if (sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}") > 0 &&
	    sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}") > 0) {
		const char *p = nullptr;
		if (sd_bus_message_read(reply, "o", &p) > 0)
			path = p;
	}
	sd_bus_message_unref(reply);
	return path;
}

std::string ussdState(sd_bus *bus, const std::string &path)
{
	char *state = nullptr;
	sd_bus_error error = SD_BUS_ERROR_NULL;
	std::string out = "<error>";
	if (sd_bus_get_property_string(bus, kService, path.c_str(), "org.zanryo.Zanryo1.Ussd", "State", &error,
				       &state) >= 0) {
		out = state;
		free(state);
	}
	sd_bus_error_free(&error);
	return out;
}

bool simControl(const std::string &socketPath, const std::string &command)
{
	int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socketPath.c_str());
	if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
		return false;
	std::string line = command + "\n";
	bool ok = ::write(fd, line.data(), line.size()) == ssize_t(line.size());
	char answer[256] = {};
	ok = ok && ::read(fd, answer, sizeof answer - 1) > 0 && std::strncmp(answer, "ok", 2) == 0;
	::close(fd);
	return ok;
}

double percentile(const std::vector<double> &sorted, double p)
{
	if (sorted.empty())
		return 0;
	std::size_t i = std::min(sorted.size() - 1, std::size_t(p * double(sorted.size() - 1) + 0.5));
	return sorted[i];
}

} // namespace

int main(int argc, char **argv)
{
	int seconds = 10;
	int clients = 4;
	int slowMs = 100;
	for (int i = 1; i + 1 < argc; i += 2) {
		std::string a = argv[i];
		if (a == "--seconds")
			seconds = std::atoi(argv[i + 1]);
		else if (a == "--clients")
			clients = std::atoi(argv[i + 1]);
		else if (a == "--slow-ms")
			slowMs = std::atoi(argv[i + 1]);
		else {
			std::fprintf(stderr, "usage: %s [--seconds N] [--clients N] [--slow-ms N]\n", argv[0]);
			return 2;
		}
	}
	const std::string build = ZANRYO_BINARY_DIR;
	const std::string source = ZANRYO_SOURCE_DIR;
	char tmpl[] = "/tmp/zanryo-bench-XXXXXX";
	if (!::mkdtemp(tmpl))
		return 1;
	RunDir runDir{ tmpl };
	const std::string dir = runDir.path;
	const std::string socket = dir + "/bus";
	const std::string address = "unix:path=" + socket;

	Child bus, sim, daemon, caller;
	bus.pid = spawn({ "dbus-daemon", "--session", "--nofork", "--address=" + address }, dir + "/bus.log");
	sim.pid = spawn({ build + "/tests/sim/zanryo-modem-sim", "--scenario", source + "/tests/sim/scenarios/ru-prepaid.toml",
			  "--link", dir + "/ttyUSB2", "--control", dir + "/control.sock" },
			dir + "/sim.log");
	if (!waitFor([&] { return std::filesystem::exists(socket) && std::filesystem::exists(dir + "/ttyUSB2") &&
				  std::filesystem::exists(dir + "/control.sock"); },
		     10s)) {
		std::fprintf(stderr, "dbus-daemon or the simulator did not start (see %s)\n", dir.c_str());
		return 1;
	}
	std::ofstream(dir + "/zanryod.toml") << "[[modem]]\ndevice = \"" << dir << "/ttyUSB2\"\nmethod = \"none\"\n";
	daemon.pid = spawn({ build + "/daemon/zanryod", "--bus", address, "--state-dir", dir + "/state", "--config",
			     dir + "/zanryod.toml" },
			   dir + "/zanryod.log");

	sd_bus *control = connect(address);
	std::string path;
	bool ready = waitFor(
		[&] {
			path = firstModemPath(control);
			if (path.empty())
				return false;
			char *state = nullptr;
			sd_bus_error error = SD_BUS_ERROR_NULL;
			bool isReady = sd_bus_get_property_string(control, kService, path.c_str(), "org.zanryo.Zanryo1.Modem",
								  "State", &error, &state) >= 0 &&
				       std::string(state) == "ready";
			free(state);
			sd_bus_error_free(&error);
			return isReady;
		},
		30s);
	if (!ready) {
		std::fprintf(stderr, "zanryod did not publish a ready modem (see %s)\n", dir.c_str());
		return 1;
	}

	// The slow query: busctl waits for it in its own process, as any other client would.
	if (!simControl(dir + "/control.sock", "slow " + std::to_string(slowMs))) {
		std::fprintf(stderr, "the simulator refused 'slow'\n");
		return 1;
	}
	caller.pid = spawn({ "busctl", "--address=" + address, "--timeout=600", "call", kService, path,
			     "org.zanryo.Zanryo1.Ussd", "Initiate", "s", "*100#" },
			   dir + "/initiate.out");
	if (!waitFor([&] { return ussdState(control, path) == "active"; }, 10s)) {
		std::fprintf(stderr, "Ussd.State never became active\n");
		return 1;
	}
	auto queryStarted = Clock::now();

	std::atomic<bool> go{ false }, stop{ false };
	std::vector<std::vector<double>> latencies{ std::size_t(clients) };
	std::vector<long> failures(static_cast<std::size_t>(clients), 0);
	std::vector<std::thread> threads;
	for (int c = 0; c < clients; c++) {
		threads.emplace_back([&, c] {
			sd_bus *b = connect(address);
			auto &lat = latencies[std::size_t(c)];
			lat.reserve(400000);
			while (!go.load())
				std::this_thread::yield();
			while (!stop.load(std::memory_order_relaxed)) {
				sd_bus_error error = SD_BUS_ERROR_NULL;
				uint64_t value = 0;
				auto t0 = Clock::now();
				int r = sd_bus_get_property_trivial(b, kService, path.c_str(), "org.zanryo.Zanryo1.Balance",
								   "DataRemaining", &error, 't', &value);
				auto t1 = Clock::now();
				sd_bus_error_free(&error);
				if (r < 0)
					failures[std::size_t(c)]++;
				else
					lat.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
			}
			sd_bus_flush_close_unref(b);
		});
	}
	auto t0 = Clock::now();
	go = true;
	std::this_thread::sleep_for(std::chrono::seconds(seconds));
	stop = true;
	for (auto &t : threads)
		t.join();
	auto elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
	const std::string stateAfter = ussdState(control, path);
	int status = 0;
	bool initiateReturned = ::waitpid(caller.pid, &status, WNOHANG) == caller.pid;
	if (initiateReturned)
		caller.pid = -1;

	std::vector<double> all;
	long failed = 0;
	for (int c = 0; c < clients; c++) {
		all.insert(all.end(), latencies[std::size_t(c)].begin(), latencies[std::size_t(c)].end());
		failed += failures[std::size_t(c)];
	}
	std::sort(all.begin(), all.end());
	std::printf("clients %d, %.1f s, slow USSD query in flight for %.1f s (Ussd.State at the end: %s, Initiate %s)\n",
		    clients, elapsed, std::chrono::duration<double>(Clock::now() - queryStarted).count(), stateAfter.c_str(),
		    initiateReturned ? "RETURNED EARLY: not a valid run" : "still waiting");
	std::printf("reads %zu, failed %ld, %.0f reads/s\n", all.size(), failed, double(all.size()) / elapsed);
	std::printf("latency us: p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f\n", percentile(all, 0.50),
		    percentile(all, 0.90), percentile(all, 0.99), percentile(all, 0.999), all.empty() ? 0.0 : all.back());
	sd_bus_flush_close_unref(control);
	bool valid = !initiateReturned && stateAfter == "active" && failed == 0;
	runDir.keep = !valid;
	return valid ? 0 : 1;
}
