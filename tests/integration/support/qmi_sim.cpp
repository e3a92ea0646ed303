#include "support/qmi_sim.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "support/sim_modem.hpp"

namespace zanryo::test {

QmiSim::QmiSim(const std::string &scenario)
{
	std::string path = scenario;
	if (!std::filesystem::exists(path))
		path = sourcePath("tests/sim/scenarios/" + scenario + (scenario.find('.') == std::string::npos ? ".toml" : ""));
	link_ = dir_.file("cdc-wdm0");
	socket_ = dir_.file("control.sock");
	process_ = std::make_unique<Process>(binaryPath("tests/sim/qmi/zanryo-qmi-sim"),
					     std::vector<std::string>{ "--scenario", path, "--link", link_, "--control", socket_ });
	if (!process_->waitForLine(std::regex("^/dev/"), within(std::chrono::seconds(10)))) {
		process_->terminate();
		throw std::runtime_error("zanryo-qmi-sim did not open its port; stderr:\n" + process_->stderrText());
	}
}

QmiSim::~QmiSim() = default;

std::string QmiSim::control(const std::string &command)
{
	int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	std::strncpy(addr.sun_path, socket_.c_str(), sizeof addr.sun_path - 1);
	if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
		::close(fd);
		throw std::runtime_error("connect " + socket_ + ": " + std::strerror(errno));
	}
	std::string line = command + "\n";
	if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
		::close(fd);
		throw std::runtime_error("control write failed");
	}
	std::string answer;
	auto deadline = within(std::chrono::seconds(5));
	while (answer.find('\n') == std::string::npos && Clock::now() < deadline) {
		pollfd p{ fd, POLLIN, 0 };
		if (::poll(&p, 1, 100) <= 0)
			continue;
		char buf[4096];
		ssize_t n = ::read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
		answer.append(buf, static_cast<std::size_t>(n));
	}
	::close(fd);
	auto nl = answer.find('\n');
	if (nl == std::string::npos)
		throw std::runtime_error("no answer to control command: " + command);
	return answer.substr(0, nl);
}

} /* namespace zanryo::test */
