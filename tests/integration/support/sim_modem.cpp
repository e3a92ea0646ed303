#include "support/sim_modem.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef ZANRYO_BINARY_DIR
#error "ZANRYO_BINARY_DIR must be defined by the build"
#endif
#ifndef ZANRYO_SOURCE_DIR
#error "ZANRYO_SOURCE_DIR must be defined by the build"
#endif

namespace zanryo::test {

std::string binaryPath(const std::string &relative)
{
	return std::string(ZANRYO_BINARY_DIR) + "/" + relative;
}

std::string sourcePath(const std::string &relative)
{
	return std::string(ZANRYO_SOURCE_DIR) + "/" + relative;
}

namespace {

std::string resolveScenario(const std::string &scenario)
{
	if (std::filesystem::exists(scenario))
		return scenario;
	std::string name = scenario;
	if (name.find('.') == std::string::npos)
		name += ".toml";
	return sourcePath("tests/sim/scenarios/" + name);
}

} /* namespace */

SimModem::SimModem(const std::string &scenario, std::vector<std::string> extraArgs)
	: SimModem(resolveScenario(scenario), std::move(extraArgs), true)
{
}

SimModem::SimModem(std::string scenarioPath, std::vector<std::string> extraArgs, bool)
{
	link_ = dir_.file("ttyUSB2");
	socket_ = dir_.file("control.sock");
	std::vector<std::string> args{ "--scenario", scenarioPath, "--link", link_, "--control", socket_ };
	args.insert(args.end(), extraArgs.begin(), extraArgs.end());
	process_ = std::make_unique<Process>(binaryPath("tests/sim/zanryo-modem-sim"), args);
	auto line = process_->waitForLine(std::regex("^/dev/"), within(std::chrono::seconds(10)));
	if (!line) {
		process_->terminate();
		throw std::runtime_error("zanryo-modem-sim did not open its port; stderr:\n" + process_->stderrText());
	}
	ptyPath_ = *line;
}

std::unique_ptr<SimModem> SimModem::fromToml(const std::string &toml)
{
	// The file lives next to the simulator's other files and goes with them.
	auto holder = std::make_unique<TempDir>();
	std::string path = holder->write("scenario.toml", toml);
	std::unique_ptr<SimModem> sim(new SimModem(path, {}, true));
	// The simulator has read the file; a copy stays beside its other files for post-mortems.
	std::filesystem::copy_file(path, sim->dir_.file("scenario.toml"));
	return sim;
}

std::string SimModem::control(const std::string &command)
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
