#pragma once

#include <string>
#include <vector>

#include <sys/types.h>
#include <unistd.h>

namespace zanryo {

/// \brief A process that has a serial port open.
struct PortHolder {
	pid_t pid = 0;
	std::string name;  ///< /proc/PID/comm; empty when unreadable
};

/// \brief The processes other than \a self that hold the character device \a path open,
/// found by scanning \a procRoot/[pid]/fd (the same device number, so a symlink such as
/// /dev/serial/by-id/... and the /dev/ttyUSB2 it points to are one port).
///
/// Root ignores TIOCEXCL, so this is how a port already used by ModemManager, minicom or
/// a second zanryod is told apart from a modem that does not answer. A process that holds
/// the master side of a pseudo-terminal too is the device itself (a modem simulator,
/// socat), not a competing user, and is not listed. Processes whose fd directory cannot
/// be read are skipped. Sorted by pid; empty when \a path is not a character device.
std::vector<PortHolder> portHolders(const std::string &path, const std::string &procRoot = "/proc",
				    pid_t self = ::getpid());

/// "PID 1234 (ModemManager), PID 99 (minicom)"; "" for none.
std::string describeHolders(const std::vector<PortHolder> &holders);

} /* namespace zanryo */
