#pragma once

#include <optional>
#include <vector>

#include <sys/types.h>

#include <sdbus-c++/Error.h>

namespace sdbus {
class IObject;
}

namespace zanryo {

/// The group whose members may call the privileged methods (dbus/org.zanryo.Zanryo1.conf).
inline constexpr const char *kPrivilegedGroup = "zanryo";

/// Who sent a method call, as the bus tells it.
struct CallerCredentials {
	uid_t uid = uid_t(-1);       ///< effective uid
	gid_t gid = gid_t(-1);       ///< effective gid
	std::vector<gid_t> groups;   ///< supplementary groups
};

/// \brief Whether \a caller may start queries, run USSD or read the identity: uid 0, or
/// \a privilegedGid as its primary or a supplementary group (none: only root).
bool mayCallPrivileged(const CallerCredentials &caller, std::optional<gid_t> privilegedGid);

/// The groups of \a uid's account (passwd and group databases, getgrouplist(3)),
/// primary group included; empty for an unknown uid.
std::vector<gid_t> accountGroups(uid_t uid);

/// The gid of group "zanryo"; nullopt when the system has no such group.
std::optional<gid_t> privilegedGroupId();

/// \brief Defence in depth behind the bus policy: NotAuthorized unless the sender of the
/// call \a object is handling now may call privileged methods; nullopt when it may. A
/// caller whose credentials the bus cannot tell is refused.
std::optional<sdbus::Error> refusePrivileged(sdbus::IObject &object, const char *method);

} /* namespace zanryo */
