#include "caller_auth.hpp"

#include <algorithm>

#include <grp.h>

#include <fmt/core.h>
#include <sdbus-c++/IObject.h>
#include <sdbus-c++/Message.h>

#include "dbus_error.hpp"

namespace zanryo {

bool mayCallPrivileged(const CallerCredentials &caller, std::optional<gid_t> privilegedGid)
{
	if (caller.uid == 0)
		return true;
	if (!privilegedGid)
		return false;
	return caller.gid == *privilegedGid ||
	       std::find(caller.groups.begin(), caller.groups.end(), *privilegedGid) != caller.groups.end();
}

std::optional<gid_t> privilegedGroupId()
{
	group entry{};
	group *found = nullptr;
	char buf[4096];
	if (::getgrnam_r(kPrivilegedGroup, &entry, buf, sizeof buf, &found) != 0 || !found)
		return std::nullopt;
	return found->gr_gid;
}

std::optional<sdbus::Error> refusePrivileged(sdbus::IObject &object, const char *method)
{
	const sdbus::Message *message = object.getCurrentlyProcessedMessage();
	CallerCredentials caller;
	bool known = false;
	if (message) {
		try {
			caller.uid = message->getCredsEuid();
			caller.gid = message->getCredsEgid();
			caller.groups = message->getCredsSupplementaryGids();
			known = true;
		} catch (const sdbus::Error &) {
			// The bus could not tell who called: refused below.
		}
	}
	// Looked up per call: a group made after start (sysusers) counts at once.
	if (known && mayCallPrivileged(caller, privilegedGroupId()))
		return std::nullopt;
	return sdbus::Error(dbus_error::kNotAuthorized,
			    known ? fmt::format("{} is for root and members of group {}; uid {} is neither", method,
						kPrivilegedGroup, caller.uid)
				  : fmt::format("{} is for root and members of group {}; the caller's credentials "
						"are unknown",
						method, kPrivilegedGroup));
}

} /* namespace zanryo */
