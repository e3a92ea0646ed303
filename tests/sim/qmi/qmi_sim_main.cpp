// zanryo-qmi-sim: a simulated QMI modem on a pseudo-terminal. libqmi-glib opens the pty
// (or the --link path) as it opens /dev/cdc-wdm0 and exchanges raw QMUX frames with it.
// See docs/qmi.md.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

#include "../sim_log.hpp"
#include "../sim_pty.hpp"
#include "../sim_scenario.hpp"
#include "qmi_sim_device.hpp"
#include "qmi_wire.hpp"

namespace {

constexpr const char *kUsage =
	"usage: zanryo-qmi-sim --scenario FILE [--link PATH] [--control SOCKET]\n"
	"  --scenario FILE   TOML scenario (tests/sim/scenarios/*.toml), shared with zanryo-modem-sim\n"
	"  --link PATH       keep a symlink PATH -> the pty slave (a stable /dev/cdc-wdm0)\n"
	"  --control SOCKET  unix stream socket for fault injection (one command per line)\n";

volatile std::sig_atomic_t gStop = 0;

void onSignal(int)
{
	gStop = 1;
}

using Clock = std::chrono::steady_clock;

struct Timer {
	Clock::time_point at;
	std::function<void()> fn;
};

bool writeAll(int fd, const std::vector<std::uint8_t> &bytes)
{
	std::size_t done = 0;
	while (done < bytes.size()) {
		ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				pollfd p{ fd, POLLOUT, 0 };
				::poll(&p, 1, 100);
				continue;
			}
			return false;
		}
		done += static_cast<std::size_t>(n);
	}
	return true;
}

int listenUnix(const std::string &path, std::string *error)
{
	int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	if (fd < 0 || path.size() >= sizeof addr.sun_path) {
		*error = fmt::format("control socket {}: {}", path, fd < 0 ? std::strerror(errno) : "path too long");
		if (fd >= 0)
			::close(fd);
		return -1;
	}
	std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
	::unlink(path.c_str());
	if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd, 8) != 0) {
		*error = fmt::format("control socket {}: {}", path, std::strerror(errno));
		::close(fd);
		return -1;
	}
	return fd;
}

} /* namespace */

int main(int argc, char **argv)
{
	using namespace zanryo;
	using namespace zanryo::sim;
	std::string scenarioPath, linkPath, controlPath;
	for (int i = 1; i < argc; ++i) {
		std::string_view a = argv[i];
		auto value = [&](std::string &out) {
			if (i + 1 >= argc) {
				std::fprintf(stderr, "%s needs a value\n%s", argv[i], kUsage);
				std::exit(2);
			}
			out = argv[++i];
		};
		if (a == "--scenario")
			value(scenarioPath);
		else if (a == "--link")
			value(linkPath);
		else if (a == "--control")
			value(controlPath);
		else if (a == "--help" || a == "-h") {
			std::fputs(kUsage, stdout);
			return 0;
		} else {
			std::fprintf(stderr, "unknown argument %s\n%s", argv[i], kUsage);
			return 2;
		}
	}
	if (scenarioPath.empty()) {
		std::fputs(kUsage, stderr);
		return 2;
	}
	auto scenario = loadScenario(scenarioPath);
	if (!scenario) {
		std::fprintf(stderr, "zanryo-qmi-sim: invalid scenario: %s\n", scenario.error().what.c_str());
		return 2;
	}
	std::signal(SIGPIPE, SIG_IGN);
	struct sigaction sa {};
	sa.sa_handler = onSignal;
	sigaction(SIGTERM, &sa, nullptr);
	sigaction(SIGINT, &sa, nullptr);

	std::string error;
	int controlFd = -1;
	if (!controlPath.empty() && (controlFd = listenUnix(controlPath, &error)) < 0) {
		std::fprintf(stderr, "zanryo-qmi-sim: %s\n", error.c_str());
		return 1;
	}
	PtyPort pty(linkPath);
	int master = pty.open(&error);
	if (master < 0) {
		std::fprintf(stderr, "zanryo-qmi-sim: %s\n", error.c_str());
		return 1;
	}
	std::printf("%s\n", pty.slavePath().c_str());
	std::fflush(stdout);

	std::multimap<Clock::time_point, std::function<void()>> timers;
	qmi::QmiSimDevice device(std::move(*scenario));
	device.send = [&](const qmi::Message &m) {
		auto frame = qmi::encodeFrame(m);
		logLine("QMI>", fmt::format("{} 0x{:04x} client {} tx {}: {}", qmi::serviceName(m.service), m.id, m.client,
					    m.transaction, qmi::hexDump(frame)));
		if (master < 0) {
			logLine("qmi", "unplugged: frame dropped");
			return;
		}
		if (!writeAll(master, frame))
			logLine("qmi", fmt::format("write failed: {}", std::strerror(errno)));
	};
	device.schedule = [&](int delayMs, std::function<void()> fn) {
		timers.emplace(Clock::now() + std::chrono::milliseconds(delayMs), std::move(fn));
	};

	device.start();

	std::vector<std::uint8_t> inbuf;
	std::map<int, std::string> controlClients;
	while (!gStop) {
		std::vector<pollfd> fds;
		if (master >= 0)
			fds.push_back({ master, POLLIN, 0 });
		if (controlFd >= 0)
			fds.push_back({ controlFd, POLLIN, 0 });
		for (auto &[fd, buf] : controlClients)
			fds.push_back({ fd, POLLIN, 0 });
		int timeoutMs = -1;
		if (!timers.empty()) {
			auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(timers.begin()->first - Clock::now());
			timeoutMs = wait.count() < 0 ? 0 : static_cast<int>(wait.count()) + 1;
		}
		int n = ::poll(fds.data(), fds.size(), timeoutMs);
		if (n < 0 && errno != EINTR) {
			std::fprintf(stderr, "zanryo-qmi-sim: poll: %s\n", std::strerror(errno));
			break;
		}
		while (!timers.empty() && timers.begin()->first <= Clock::now()) {
			auto fn = std::move(timers.begin()->second);
			timers.erase(timers.begin());
			fn();
		}
		if (n <= 0)
			continue;
		for (const pollfd &p : fds) {
			if (!p.revents)
				continue;
			if (master >= 0 && p.fd == master) {
				std::uint8_t buf[4096];
				ssize_t r = ::read(master, buf, sizeof buf);
				if (r <= 0)
					continue;
				inbuf.insert(inbuf.end(), buf, buf + r);
				for (;;) {
					auto out = qmi::parseFrame(inbuf);
					if (out.kind == qmi::ParseOutcome::Kind::NeedMore)
						break;
					std::span<const std::uint8_t> raw(inbuf.data(), out.consumed);
					if (out.kind == qmi::ParseOutcome::Kind::Garbage) {
						logLine("qmi", fmt::format("dropped {} bytes: {} ({})", out.consumed, out.why,
									   qmi::hexDump(raw)));
					} else {
						const qmi::Message &m = out.message;
						logLine("QMI<", fmt::format("{} 0x{:04x} client {} tx {}: {}",
									    qmi::serviceName(m.service), m.id, m.client,
									    m.transaction, qmi::hexDump(raw)));
						device.handle(m);
					}
					inbuf.erase(inbuf.begin(), inbuf.begin() + static_cast<std::ptrdiff_t>(out.consumed));
				}
			} else if (p.fd == controlFd) {
				int c = ::accept4(controlFd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
				if (c >= 0)
					controlClients[c];
			} else {
				char buf[1024];
				ssize_t r = ::read(p.fd, buf, sizeof buf);
				if (r <= 0) {
					::close(p.fd);
					controlClients.erase(p.fd);
					continue;
				}
				std::string &pending = controlClients[p.fd];
				pending.append(buf, static_cast<std::size_t>(r));
				std::size_t nl;
				while ((nl = pending.find('\n')) != std::string::npos) {
					std::string line = pending.substr(0, nl);
					pending.erase(0, nl + 1);
					std::string answer;
					if (line == "unplug") {
						// The USB device goes away: the pty and the link vanish, the
						// client's reads end (hang-up), the modem forgets its clients.
						if (master < 0) {
							answer = "error: already unplugged";
						} else {
							pty.close();
							::close(master);
							master = -1;
							inbuf.clear();
							device.unplugged();
							logLine("port", "unplugged");
							answer = "ok";
						}
					} else if (line == "replug") {
						// Back after re-enumeration: a new pty behind the same link path.
						if (master >= 0) {
							answer = "error: not unplugged";
						} else if ((master = pty.open(&error)) < 0) {
							answer = "error: " + error;
						} else {
							std::printf("%s\n", pty.slavePath().c_str());
							std::fflush(stdout);
							logLine("port", fmt::format("replugged: {}", pty.slavePath()));
							answer = "ok";
						}
					} else {
						answer = device.control(line);
					}
					logLine("control", fmt::format("{} -> {}", line, answer));
					answer += '\n';
					std::vector<std::uint8_t> bytes(answer.begin(), answer.end());
					writeAll(p.fd, bytes);
				}
			}
		}
	}
	logLine("main", "exiting");
	for (auto &[fd, buf] : controlClients)
		::close(fd);
	if (controlFd >= 0) {
		::close(controlFd);
		::unlink(controlPath.c_str());
	}
	pty.close();
	if (master >= 0)
		::close(master);
	return 0;
}
