#pragma once

#include <stdexcept>
#include <string>

namespace CLI {
class App;
}

namespace zanryo::ctl {

/// Thrown by a command to leave with \a exitCode after printing "zanryoctl: <what>".
/// Exit codes: 1 runtime failure (timeout, modem error), 2 bad input or usage.
class CommandError : public std::runtime_error
{
public:
	CommandError(int exitCode, const std::string &what)
		: std::runtime_error(what), exitCode_(exitCode) {}
	int exitCode() const noexcept { return exitCode_; }

private:
	int exitCode_;
};

/// Each group of subcommands lives in its own cmd_*.cpp and registers itself here.
void addCodecCommands(CLI::App &app);

} /* namespace zanryo::ctl */
