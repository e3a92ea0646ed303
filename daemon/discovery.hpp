#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "config.hpp"
#include "direct_discovery.hpp"
#include "mm_watcher.hpp"

namespace zanryo {

/// \brief What discovery adds to and removes from (the Daemon). Keys name a modem for as
/// long as it is there: "modem[0]" for a configured one, its device for a discovered one.
class ModemSet
{
public:
	virtual ~ModemSet() = default;
	/// Creates and starts the modem; false (logged) when it cannot be made.
	virtual bool addModem(const std::string &key, const ModemConfig &config) = 0;
	/// Retires the modem (its object removed now, the service destroyed when its
	/// coroutines have ended); nothing when \a key is not there.
	virtual void removeModem(const std::string &key) = 0;
};

/// \brief Decides which modems zanryod runs, from the configuration, ModemManager and
/// sysfs, as [daemon] discover says (docs/discovery.md):
/// - a [[modem]] or --device entry always wins for its port; when ModemManager holds
///   that port, the entry runs through ModemManager ("mm:PATH", the entry's settings);
/// - auto: ModemManager's modems while it is on the bus, else direct discovery;
///   modem-manager: only ModemManager's; direct: only sysfs; off: only configured ones;
/// - a port ModemManager holds is never opened directly.
/// Every source reports its whole set; reconcile() diffs what should run against what
/// runs, so a source appearing, vanishing or changing its mind is one code path.
class Discovery
{
public:
	/// \a configured are already running under "modem[i]" (Daemon::start()). \a mm or
	/// \a direct may be null when the mode does not use them.
	Discovery(boost::asio::io_context &io, DiscoverMode mode, std::vector<ModemConfig> configured,
		  ModemConfig defaults, ModemSet &set, std::unique_ptr<MmWatcher> mm,
		  std::unique_ptr<DirectDiscovery> direct);
	~Discovery();

	void start();
	void reconcile();
	/// reconcile() posted on the io_context (once for a burst of changes): sources call
	/// this from their bus or uevent callbacks, where objects must not be unregistered.
	void reconcileSoon();

	static std::string configuredKey(size_t index);

private:
	/// The ModemManager modem that holds \a device's port, or null.
	const DiscoveredModem *mmHolder(const std::string &device) const;
	bool usesConfiguredPort(const DiscoveredModem &m) const;
	bool heldByModemManager(const DiscoveredModem &m) const;
	/// Logs \a line at info level the first time only (reconcile() runs often).
	void sayOnce(const std::string &line);

	boost::asio::io_context &io_;
	std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
	bool reconcilePosted_ = false;
	DiscoverMode mode_;
	std::vector<ModemConfig> configured_;
	ModemConfig defaults_;
	ModemSet &set_;
	std::unique_ptr<MmWatcher> mm_;
	std::unique_ptr<DirectDiscovery> direct_;
	std::set<std::string> configuredPorts_;  ///< configured ports, as written and canonical
	std::map<std::string, std::string> running_;  ///< key -> device, as added to set_
	std::set<std::string> said_;
	bool directStarted_ = false;
};

std::string_view discoverModeName(DiscoverMode mode) noexcept;

} /* namespace zanryo */
