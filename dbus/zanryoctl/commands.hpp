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

} /* namespace zanryo::ctl */
