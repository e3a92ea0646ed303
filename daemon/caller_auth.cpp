#include "caller_auth.hpp"

#include <algorithm>

#include <grp.h>
#include <pwd.h>

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

std::vector<gid_t> accountGroups(uid_t uid)
{
	passwd entry{};
	passwd *found = nullptr;
	char buf[4096];
	if (::getpwuid_r(uid, &entry, buf, sizeof buf, &found) != 0 || !found)
		return {};
	std::vector<gid_t> groups(64);
	int n = int(groups.size());
	if (::getgrouplist(found->pw_name, found->pw_gid, groups.data(), &n) < 0) {
		groups.resize(std::size_t(n));
		if (::getgrouplist(found->pw_name, found->pw_gid, groups.data(), &n) < 0)
			return { found->pw_gid };
	}
	groups.resize(std::size_t(n));
	return groups;
}

std::optional<sdbus::Error> refusePrivileged(sdbus::IObject &object, const char *method)
{
	const sdbus::Message *message = object.getCurrentlyProcessedMessage();
	CallerCredentials caller;
	bool known = false;
	if (message) {
		// The uid comes from the bus itself (dbus-daemon's UnixUserID, from SO_PEERCRED);
		// the effective ids and groups sd-bus adds from /proc/PID/status, which a
		// hardened unit (ProtectProc=) may not see: then the account database's groups
		// of that uid count.
		try {
			caller.uid = message->getCredsEuid();
			known = true;
		} catch (const sdbus::Error &) {
			try {
				caller.uid = message->getCredsUid();
				known = true;
			} catch (const sdbus::Error &) {
				// The bus could not tell who called: refused below.
			}
		}
		bool groupsKnown = false;
		try {
			caller.gid = message->getCredsEgid();
			caller.groups = message->getCredsSupplementaryGids();
			groupsKnown = true;
		} catch (const sdbus::Error &) {
		}
		if (known && !groupsKnown)
			caller.groups = accountGroups(caller.uid);
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
