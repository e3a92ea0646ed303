#pragma once

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace zanryo::test {

/// zanryo-qmi-sim running a scenario in its own temporary directory: a pty that real
/// libqmi opens as /dev/cdc-wdm0 (through the stable link()), and a control socket for
/// faults. Stopped on destruction.
class QmiSim
{
public:
	/// \a scenario: a path, or the name of a shipped scenario ("generic-en").
	/// Throws std::runtime_error (with the simulator's stderr) if it does not come up.
	explicit QmiSim(const std::string &scenario);
	~QmiSim();
	QmiSim(const QmiSim &) = delete;
	QmiSim &operator=(const QmiSim &) = delete;

	/// The device path a client opens (a symlink to the pty slave).
	const std::string &link() const { return link_; }
	/// One control command; the answer line ("ok", "error: ...", JSON for status).
	std::string control(const std::string &command);
	/// Every QMUX frame and USSD event the simulator logged so far.
	std::string log() const { return process_->stderrText(); }
	bool waitForLog(const std::regex &re, Deadline deadline) { return process_->waitForLine(re, deadline, true).has_value(); }

private:
	TempDir dir_;
	std::string link_;
	std::string socket_;
	std::unique_ptr<Process> process_;
};

} /* namespace zanryo::test */
