#include "support/private_bus.hpp"

#include <algorithm>
#include <regex>
#include <stdexcept>
#include <sys/stat.h>

#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {

PrivateBus::PrivateBus(Policy policyChoice)
{
	std::string socket = dir_.file("bus");
	address_ = "unix:path=" + socket;
	std::string policy = readFile(sourcePath("dbus/org.zanryo.Zanryo1.conf"));
	// Strip the DOCTYPE/busconfig wrapper of the policy file and embed its policies after
	// a permissive default, so they take effect exactly as on the system bus.
	auto begin = policy.find("<busconfig>");
	auto end = policy.rfind("</busconfig>");
	if (begin == std::string::npos || end == std::string::npos)
		throw std::runtime_error("dbus/org.zanryo.Zanryo1.conf has no <busconfig>");
	std::string policies = policyChoice == Policy::Zanryo ? policy.substr(begin + 11, end - begin - 11) : std::string();
	std::string config =
		"<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration "
		"1.0//EN\" "
		"\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
		"<busconfig><type>system</type><listen>unix:path=" +
		socket +
		"</listen><auth>EXTERNAL</auth>"
		"<policy context=\"default\"><allow user=\"*\"/><allow own=\"*\"/>"
		"<allow send_type=\"method_call\"/><allow send_type=\"signal\"/>"
		"<allow send_requested_reply=\"true\" send_type=\"method_return\"/>"
		"<allow send_requested_reply=\"true\" send_type=\"error\"/>"
		"<allow receive_type=\"method_call\"/><allow receive_type=\"method_return\"/>"
		"<allow receive_type=\"error\"/><allow receive_type=\"signal\"/>"
		"<allow send_destination=\"org.freedesktop.DBus\"/></policy>" +
		policies + "</busconfig>\n";
	std::string configPath = dir_.write("bus.conf", config);
	daemon_ = std::make_unique<Process>(
		"dbus-daemon", std::vector<std::string>{ "--config-file=" + configPath, "--nofork",
							 "--print-address" });
	if (!daemon_->waitForLine(std::regex("^unix:"), within(std::chrono::seconds(10))))
		throw std::runtime_error("dbus-daemon did not start: " + daemon_->stderrText());
	// The socket is world-connectable so the policy test can connect as "nobody".
	::chmod(dir_.path().c_str(), 0755);
}

PrivateBus::~PrivateBus() = default;

Process::Result PrivateBus::busctl(std::vector<std::string> args, std::chrono::milliseconds timeout,
				   const std::string &asUser)
{
	std::vector<std::string> full;
	std::string program = "busctl";
	if (!asUser.empty()) {
		program = "setpriv";
		full = { "--reuid=" + asUser, "--regid=nogroup", "--clear-groups", "busctl" };
	}
	full.push_back("--address=" + address_);
	for (auto &a : args)
		full.push_back(std::move(a));
	return Process::run(program, full, timeout);
}

bool PrivateBus::hasOwner(const std::string &name)
{
	auto r = busctl({ "call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
			  "org.freedesktop.DBus", "NameHasOwner", "s", name },
			std::chrono::seconds(5));
	return r.exitCode == 0 && r.out.find("true") != std::string::npos;
}

Zanryod::Zanryod(PrivateBus &bus, Options options, std::vector<std::string> extraArgs) : bus_(bus)
{
	stateDir_ = options.stateDir.empty() ? dir_.file("state") : options.stateDir;
	std::vector<std::string> args = { "--bus", bus.address(), "--state-dir", stateDir_ };
	// Never read the machine's /etc/zanryo in tests: always pass a config file.
	args.push_back("--config");
	args.push_back(dir_.write("zanryod.toml", options.configToml));
	for (const auto &d : options.devices) {
		args.push_back("--device");
		args.push_back(d);
	}
	// Never scan the machine's modems in tests either: discovery (discover = "auto" by
	// default) reads an empty sysfs unless the test gives its own.
	if (std::find(extraArgs.begin(), extraArgs.end(), "--sysfs-root") == extraArgs.end()) {
		args.push_back("--sysfs-root");
		args.push_back(dir_.file("no-sysfs"));
	}
	args.insert(args.end(), extraArgs.begin(), extraArgs.end());
	process_ = std::make_unique<Process>(binaryPath("daemon/zanryod"), args);
}

Zanryod::~Zanryod() = default;

void Zanryod::waitReady(std::chrono::milliseconds timeout)
{
	bool owned = waitUntil(
		[&] { return !process_->running() || bus_.hasOwner("org.zanryo.Zanryo1"); },
		within(timeout));
	if (!owned || !process_->running())
		throw std::runtime_error("zanryod did not own org.zanryo.Zanryo1: " +
					 process_->stderrText());
}

std::string busctlValue(const std::string &output)
{
	std::string s = output;
	while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
		s.pop_back();
	auto space = s.find(' ');
	if (space == std::string::npos)
		return s;
	s = s.substr(space + 1);
	if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
		s = s.substr(1, s.size() - 2);
	return s;
}

std::string modemObjectPath(PrivateBus &bus, Deadline deadline)
{
	static const std::regex re("(/org/zanryo/Zanryo1/modem/[0-9a-f]{16})");
	std::string path;
	waitUntil(
		[&] {
			auto r = bus.busctl({ "--list", "tree", "org.zanryo.Zanryo1" });
			std::smatch m;
			if (r.exitCode == 0 && std::regex_search(r.out, m, re)) {
				path = m[1];
				return true;
			}
			return false;
		},
		deadline);
	return path;
}

std::string getProperty(PrivateBus &bus, const std::string &path, const std::string &iface,
			const std::string &name)
{
	auto r = bus.busctl({ "get-property", "org.zanryo.Zanryo1", path, iface, name });
	return r.exitCode == 0 ? busctlValue(r.out) : "<error: " + r.err + ">";
}

} /* namespace zanryo::test */
