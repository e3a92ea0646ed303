#pragma once

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace zanryo::test {

/// Path of a program built by this project: binaryPath("tests/sim/zanryo-modem-sim").
std::string binaryPath(const std::string &relative);
/// Path of a source file: sourcePath("tests/sim/scenarios/jp-mvno.toml").
std::string sourcePath(const std::string &relative);

/// zanryo-modem-sim running a scenario in its own temporary directory, with a stable
/// link (the "device path" a client opens) and a control socket. Stopped on destruction.
class SimModem
{
public:
	/// \a scenario: a path, or the name of a shipped scenario ("jp-mvno" or
	/// "jp-mvno.toml" under tests/sim/scenarios). Waits until the port is open;
	/// throws std::runtime_error (with the simulator's stderr) if it does not come up.
	explicit SimModem(const std::string &scenario, std::vector<std::string> extraArgs = {});
	/// A scenario given as TOML text.
	static std::unique_ptr<SimModem> fromToml(const std::string &toml);

	/// The link path, like /dev/ttyUSB2: stable across unplug/replug.
	const std::string &link() const { return link_; }
	/// The pty slave path the simulator printed first (/dev/pts/N).
	const std::string &ptyPath() const { return ptyPath_; }
	const std::string &controlSocket() const { return socket_; }
	/// One control command; returns the answer line without its newline
	/// ("ok", "error: ...", JSON for status). Throws if the socket cannot be used.
	std::string control(const std::string &command);
	/// Everything the simulator logged so far (every AT command with a time stamp).
	std::string log() const { return process_->stderrText(); }
	/// Wait until a log line matches \a re.
	bool waitForLog(const std::regex &re, Deadline deadline) { return process_->waitForLine(re, deadline, true).has_value(); }
	Process &process() { return *process_; }
	const TempDir &dir() const { return dir_; }

private:
	SimModem(std::string scenarioPath, std::vector<std::string> extraArgs, bool);

	TempDir dir_;
	std::string link_;
	std::string socket_;
	std::string ptyPath_;
	std::unique_ptr<Process> process_;
};

} /* namespace zanryo::test */
