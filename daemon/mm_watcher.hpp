#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/IProxy.h>

#include "discovered_modem.hpp"

namespace zanryo {

/// \brief ModemManager's modems, followed on the bus zanryod serves.
///
/// NameOwnerChanged for org.freedesktop.ModemManager1 says when ModemManager starts and
/// stops; while it runs, its ObjectManager at /org/freedesktop/ModemManager1 lists the
/// modems (GetManagedObjects, then InterfacesAdded / InterfacesRemoved for
/// org.freedesktop.ModemManager1.Modem). Every call is asynchronous: a ModemManager that
/// hangs never blocks zanryod. Signals and replies arrive on the daemon's BusLoop.
class MmWatcher
{
public:
	static constexpr const char *kService = "org.freedesktop.ModemManager1";
	static constexpr const char *kPath = "/org/freedesktop/ModemManager1";
	static constexpr const char *kModemInterface = "org.freedesktop.ModemManager1.Modem";

	/// \param flush called after calls are queued, so the bus loop sends them
	MmWatcher(sdbus::IConnection &connection, std::function<void()> flush);
	~MmWatcher();

	/// \a changed runs whenever available() or modems() changed.
	void start(std::function<void()> changed);
	/// ModemManager owns its name and its modem list has been read.
	bool available() const { return available_; }
	/// ModemManager owns its name (its modem list may still be on its way).
	bool present() const { return !owner_.empty(); }
	/// The bus has answered whether ModemManager is there (GetNameOwner or a signal).
	bool known() const { return known_; }
	/// ModemManager's modems, by object path.
	const std::map<std::string, DiscoveredModem> &modems() const { return modems_; }

private:
	void ownerChanged(const std::string &owner);
	void readModems();
	void addModem(const std::string &path,
		      const std::map<std::string, std::map<std::string, sdbus::Variant>> &interfaces);

	sdbus::IConnection &connection_;
	std::function<void()> flush_;
	std::function<void()> changed_;
	std::unique_ptr<sdbus::IProxy> busProxy_;
	std::unique_ptr<sdbus::IProxy> mmProxy_;
	std::vector<sdbus::Slot> matches_;
	std::string owner_;  ///< ModemManager's unique name; empty: not on the bus
	unsigned generation_ = 0;  ///< bumped at every owner change: stale replies are dropped
	bool available_ = false;
	bool known_ = false;
	std::map<std::string, DiscoveredModem> modems_;
};

} /* namespace zanryo */
