// How a failed call to zanryod reads on zanryoctl's stderr, and its exit code: the D-Bus
// error names of docs/dbus-api.md and of the bus itself, mapped in one place.
#include <string>

#include <fmt/core.h>

#include "commands.hpp"
#include "zanryo/client.hpp"

namespace zanryo::ctl {

namespace {

bool startsWith(const std::string &s, const char *prefix)
{
	return s.rfind(prefix, 0) == 0;
}

/// The bus answers for a name nobody owns (and that activation could not start) with
/// one of these: ServiceUnknown or NameHasNoOwner on a bus without an activation file,
/// Spawn.* or systemd's unit errors when activation was tried and failed.
bool notRunning(const std::string &name)
{
	return name == "org.freedesktop.DBus.Error.ServiceUnknown" ||
	       name == "org.freedesktop.DBus.Error.NameHasNoOwner" ||
	       startsWith(name, "org.freedesktop.DBus.Error.Spawn.") || startsWith(name, "org.freedesktop.systemd1.");
}

std::string busLabel(const std::string &bus)
{
	if (bus == "system" || bus == "session")
		return "the " + bus + " bus";
	return "the bus " + bus;
}

std::string howToStart(const std::string &bus)
{
	if (bus == "system")
		return "systemctl start zanryod";
	return "zanryod --bus " + bus;
}

} /* namespace */

void failDaemonCall(const client::Error &e, const std::string &bus, std::chrono::milliseconds clientTimeout)
{
	const std::string &name = e.name();
	if (notRunning(name))
		throw CommandError(Exit::NotRunning, fmt::format("zanryod is not running on {} (start it: {})",
								 busLabel(bus), howToStart(bus)));
	if (startsWith(e.what(), "cannot connect to the "))
		throw CommandError(Exit::NotRunning, fmt::format("{} (is zanryod's bus there?)", e.what()));
	if (name == "org.zanryo.Zanryo1.Error.InvalidArgument")
		throw CommandError(Exit::Usage, fmt::format("{} ({})", e.what(), name));
	if (name == "org.zanryo.Zanryo1.Error.NotAuthorized" || name == "org.freedesktop.DBus.Error.AccessDenied")
		throw CommandError(Exit::NotAuthorized,
				   fmt::format("{} ({}); the bus policy lets root and the zanryo group do this", e.what(), name));
	if (name == "org.zanryo.Zanryo1.Error.Busy")
		throw CommandError(Exit::Busy, fmt::format("{} ({})", e.what(), name));
	if (name == "org.zanryo.Zanryo1.Error.Timeout")
		throw CommandError(Exit::Timeout, fmt::format("{} ({})", e.what(), name));
	// sd-bus gives up waiting for the reply itself: zanryod is still at work.
	if (name == "org.freedesktop.DBus.Error.Timeout" || name == "org.freedesktop.DBus.Error.NoReply" ||
	    name == "org.freedesktop.DBus.Error.TimedOut")
		throw CommandError(Exit::Timeout,
				   fmt::format("zanryod did not answer within {} s; the query goes on in zanryod: see its "
					       "result with 'zanryoctl status', or follow it with 'zanryoctl watch'",
					       (clientTimeout.count() + 999) / 1000));
	throw CommandError(Exit::Failure, fmt::format("{} ({})", e.what(), name));
}

} /* namespace zanryo::ctl */
