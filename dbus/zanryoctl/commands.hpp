#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace zanryo::client {
class Error;
}

namespace zanryo::ctl {

/// zanryoctl's exit codes (docs/man/zanryoctl.1, EXIT STATUS). Scripts rely on them:
/// a value never changes meaning.
enum class Exit : int {
	Ok = 0,
	Failure = 1,       ///< anything else: the modem, the network or the carrier failed
	Usage = 2,         ///< bad command line or argument (also InvalidArgument from zanryod)
	NotRunning = 3,    ///< zanryod is not on the bus (or the bus is not there)
	NotAuthorized = 4, ///< the bus policy or zanryod refused the caller
	Busy = 5,          ///< the modem is busy (another USSD session, minimum interval)
	Timeout = 6,       ///< no answer in time: from the network, or from zanryod (--timeout)
};

/// Thrown by a command to leave with \a exitCode after printing "zanryoctl: <what>".
class CommandError : public std::runtime_error
{
public:
	CommandError(int exitCode, const std::string &what)
		: std::runtime_error(what), exitCode_(exitCode) {}
	CommandError(Exit exitCode, const std::string &what)
		: std::runtime_error(what), exitCode_(static_cast<int>(exitCode)) {}
	int exitCode() const noexcept { return exitCode_; }

private:
	int exitCode_;
};

/// The subcommand \a name of \a app ("decode", "encode", ...), created on first use, so
/// several cmd_*.cpp files can add children to one group.
CLI::App &commandGroup(CLI::App &app, const std::string &name, const std::string &description);

/// Each group of subcommands lives in its own cmd_*.cpp and registers itself here.
void addPduCommands(CLI::App &app);   // cmd_pdu.cpp: decode pdu, encode sms, encode deliver
void addUssdCommands(CLI::App &app);  // cmd_ussd.cpp: decode ussd, decode cusd
void addClientCommands(CLI::App &app); // cmd_client.cpp: status, refresh, watch (zanryod)
void addProviderCommands(CLI::App &app); // cmd_provider.cpp: provider IMSI|MCC-MNC
void addParseCommands(CLI::App &app); // cmd_parse.cpp: parse (reply text -> Balance JSON)
void addDeviceCommands(CLI::App &app); // cmd_device.cpp: --device PATH: info, ussd, sms (direct mode)
void addHistoryCommands(CLI::App &app); // cmd_history.cpp: history (zanryod)

/// Which zanryod and which of its modems a command without --device goes to.
struct DaemonTarget {
	std::string bus = "system";  ///< system, session or a D-Bus address
	std::string modem;           ///< object path, id or device; empty: the only modem
};

/// Leave with the exit code and a message a person can act on for a failed call to
/// zanryod on \a bus (daemon_errors.cpp). \a clientTimeout: the call's own D-Bus timeout,
/// so that running out of it says the query goes on in zanryod.
[[noreturn]] void failDaemonCall(const client::Error &e, const std::string &bus,
				 std::chrono::milliseconds clientTimeout = std::chrono::milliseconds(0));

/// cmd_client.cpp: `ussd`, `ussd-respond` and `ussd-cancel` through zanryod's
/// org.zanryo.Zanryo1.Ussd, for cmd_device.cpp when no --device is given.
void daemonUssd(const DaemonTarget &target, const std::string &code, const std::vector<std::string> &then,
		bool json, std::chrono::milliseconds timeout);
void daemonUssdRespond(const DaemonTarget &target, const std::string &answer, bool json,
		       std::chrono::milliseconds timeout);
void daemonUssdCancel(const DaemonTarget &target);

} /* namespace zanryo::ctl */
