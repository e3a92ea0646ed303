#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "discovered_modem.hpp"
#include "uevent_source.hpp"

namespace zanryo {

/// \brief Modems in sysfs (sysfs_modems.hpp), scanned at start and again after uevents.
///
/// A USB modem's ports appear one by one (tty, then cdc-wdm): a scan waits until the
/// uevents have been quiet for \a settle, so a modem is published once with its final
/// device. Nothing is polled: with no uevent, nothing runs.
class DirectDiscovery
{
public:
	DirectDiscovery(boost::asio::io_context &io, std::string sysfsRoot, std::string devRoot, bool withQmi,
			std::unique_ptr<UeventSource> events,
			std::chrono::milliseconds settle = std::chrono::milliseconds(500));
	~DirectDiscovery();

	/// Scans once, then follows uevents; \a changed runs after every scan that found a
	/// different set of modems. A source that cannot start is logged (no hotplug).
	void start(std::function<void()> changed);
	const std::vector<DiscoveredModem> &modems() const { return modems_; }

private:
	void onUevent(const Uevent &e);
	void scan();

	std::string sysfsRoot_;
	std::string devRoot_;
	bool withQmi_;
	std::unique_ptr<UeventSource> events_;
	std::chrono::milliseconds settle_;
	boost::asio::steady_timer settleTimer_;
	std::function<void()> changed_;
	std::vector<DiscoveredModem> modems_;
	std::set<std::string> logged_;  ///< skip reasons already logged, said once each
};

} /* namespace zanryo */
