#include "direct_discovery.hpp"

#include <algorithm>

#include "log.hpp"
#include "sysfs_modems.hpp"

namespace zanryo {

DirectDiscovery::DirectDiscovery(boost::asio::io_context &io, std::string sysfsRoot, std::string devRoot,
				 bool withQmi, std::unique_ptr<UeventSource> events, std::chrono::milliseconds settle)
		: sysfsRoot_(std::move(sysfsRoot)), devRoot_(std::move(devRoot)), withQmi_(withQmi),
	  events_(std::move(events)), settle_(settle), settleTimer_(io)
{
}

DirectDiscovery::~DirectDiscovery()
{
	settleTimer_.cancel();
}

void DirectDiscovery::start(std::function<void()> changed)
{
	changed_ = std::move(changed);
	if (events_) {
		if (auto r = events_->start([this](const Uevent &e) { onUevent(e); }); !r)
			logWarning("direct discovery: {}", r.error().message());
	}
	scan();
}

void DirectDiscovery::onUevent(const Uevent &e)
{
	if (e.subsystem != "tty" && e.subsystem != "usbmisc" && e.subsystem != "wwan")
		return;
	if (e.action != "add" && e.action != "remove" && e.action != "bind" && e.action != "unbind" &&
	    e.action != "change" && e.action != "move")
		return;
	// Restarted by every event of a burst: one scan once the device has settled.
	settleTimer_.expires_after(settle_);
	settleTimer_.async_wait([this](const boost::system::error_code &ec) {
		if (!ec)
			scan();
	});
}

void DirectDiscovery::scan()
{
	SysfsScan found = scanModems(sysfsRoot_, devRoot_, withQmi_);
	for (const SkippedNode &s : found.skipped) {
		std::string line = s.name + ": " + s.reason;
		if (logged_.insert(line).second)
			logInfo("direct discovery: skipped {}", line);
	}
	std::vector<DiscoveredModem> modems;
	for (const FoundModem &f : found.modems) {
		if (f.device.empty()) {
			std::string line = f.description + ": " + f.skipReason;
			if (logged_.insert(line).second)
				logInfo("direct discovery: skipped {}", line);
			continue;
		}
		DiscoveredModem m;
		m.device = f.device;
		m.description = f.description;
		m.portNames = f.portNames;
		m.sysfsDevice = f.sysfsDevice;
		if (!f.atPort.empty())
			m.portPaths.push_back(f.atPort);
		if (!f.qmiPort.empty())
			m.portPaths.push_back(f.qmiPort);
		modems.push_back(std::move(m));
	}
	auto same = [](const std::vector<DiscoveredModem> &a, const std::vector<DiscoveredModem> &b) {
		if (a.size() != b.size())
			return false;
		for (size_t i = 0; i < a.size(); i++)
			if (a[i].device != b[i].device || a[i].portNames != b[i].portNames)
				return false;
		return true;
	};
	if (same(modems, modems_))
		return;
	for (const DiscoveredModem &m : modems)
		if (std::none_of(modems_.begin(), modems_.end(), [&](const DiscoveredModem &o) { return o.device == m.device; }))
			logInfo("direct discovery: found {} at {} (device {})", m.description, m.sysfsDevice, m.device);
	modems_ = std::move(modems);
	if (changed_)
		changed_();
}

} /* namespace zanryo */
