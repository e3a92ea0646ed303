#include "discovery.hpp"

#include <filesystem>

#include <boost/asio/post.hpp>
#include <fmt/core.h>
#include <fmt/format.h>

#include "libmodem/backend/device_kind.hpp"
#include "log.hpp"

namespace zanryo {

namespace fs = std::filesystem;

namespace {

std::string canonicalOr(const std::string &path)
{
	std::error_code ec;
	fs::path c = fs::canonical(path, ec);
	return ec ? path : c.string();
}

/// The device node of a configured "at:PATH", "qmi:PATH" or "PATH"; empty for "mm:".
std::string configuredNode(const std::string &device)
{
	if (device.rfind("mm:", 0) == 0)
		return {};
	auto spec = parseDeviceSpec(device);
	return spec ? spec->path : std::string();
}

} /* namespace */

std::string_view discoverModeName(DiscoverMode mode) noexcept
{
	switch (mode) {
	case DiscoverMode::Auto:
		return "auto";
	case DiscoverMode::ModemManager:
		return "modem-manager";
	case DiscoverMode::Direct:
		return "direct";
	case DiscoverMode::Off:
		return "off";
	}
	return "auto";
}

std::string Discovery::configuredKey(size_t index)
{
	return fmt::format("modem[{}]", index);
}

Discovery::Discovery(boost::asio::io_context &io, DiscoverMode mode, std::vector<ModemConfig> configured,
		     ModemConfig defaults, ModemSet &set, std::unique_ptr<MmWatcher> mm,
		     std::unique_ptr<DirectDiscovery> direct)
	: io_(io), mode_(mode), configured_(std::move(configured)), defaults_(std::move(defaults)), set_(set),
	  mm_(std::move(mm)), direct_(std::move(direct))
{
	for (size_t i = 0; i < configured_.size(); i++) {
		running_[configuredKey(i)] = configured_[i].device;
		if (std::string node = configuredNode(configured_[i].device); !node.empty()) {
			configuredPorts_.insert(node);
			configuredPorts_.insert(canonicalOr(node));
		}
	}
}

Discovery::~Discovery()
{
	*alive_ = false;
}

void Discovery::reconcileSoon()
{
	if (reconcilePosted_)
		return;
	reconcilePosted_ = true;
	boost::asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
		if (alive.expired())
			return;
		reconcilePosted_ = false;
		reconcile();
	});
}

void Discovery::start()
{
	logInfo("discovery: discover = \"{}\"{}", discoverModeName(mode_),
		mode_ == DiscoverMode::Auto ? " (ModemManager when it is on the bus, else sysfs)" : "");
	if (mm_)
		mm_->start([this] { reconcileSoon(); });
	// Direct discovery starts with the mode that uses it; in auto, once zanryod knows
	// ModemManager is not there (reconcile()), never before: its ports would be opened
	// behind its back.
	if (mode_ == DiscoverMode::Direct && direct_) {
		directStarted_ = true;
		direct_->start([this] { reconcileSoon(); });
	}
	reconcile();
}

void Discovery::sayOnce(const std::string &line)
{
	if (said_.insert(line).second)
		logInfo("discovery: {}", line);
}

const DiscoveredModem *Discovery::mmHolder(const std::string &device) const
{
	if (!mm_ || !mm_->available())
		return nullptr;
	std::string node = configuredNode(device);
	if (node.empty())
		return nullptr;
	std::string name = fs::path(node).filename().string();
	std::string canonicalName = fs::path(canonicalOr(node)).filename().string();
	for (const auto &[path, m] : mm_->modems())
		for (const std::string &port : m.portNames)
			if (port == name || port == canonicalName || port == node)
				return &m;
	return nullptr;
}

bool Discovery::usesConfiguredPort(const DiscoveredModem &m) const
{
	for (const std::string &p : m.portPaths)
		if (configuredPorts_.count(p) || configuredPorts_.count(canonicalOr(p)))
			return true;
	return false;
}

bool Discovery::heldByModemManager(const DiscoveredModem &d) const
{
	if (!mm_ || !mm_->available())
		return false;
	for (const auto &[path, m] : mm_->modems()) {
		for (const std::string &port : m.portNames)
			if (std::find(d.portNames.begin(), d.portNames.end(), port) != d.portNames.end())
				return true;
		if (!m.sysfsDevice.empty() && canonicalOr(m.sysfsDevice) == d.sysfsDevice)
			return true;
	}
	return false;
}

void Discovery::reconcile()
{
	const bool mmModes = mode_ == DiscoverMode::Auto || mode_ == DiscoverMode::ModemManager;
	const bool mmUsed = mmModes && mm_ && mm_->available();
	std::map<std::string, ModemConfig> wanted;
	std::set<std::string> claimed;  ///< ModemManager modems a configured entry runs through

	for (size_t i = 0; i < configured_.size(); i++) {
		ModemConfig c = configured_[i];
		const std::string key = configuredKey(i);
		if (mmUsed) {
			if (const DiscoveredModem *holder = mmHolder(c.device)) {
				sayOnce(fmt::format("{} ({}): ModemManager holds this port; using ModemManager's {} for "
						    "it, never the port directly",
						    key, c.device, holder->device));
				c.device = holder->device;
				claimed.insert(holder->device);
			}
		}
		wanted[key] = std::move(c);
	}
	if (mmUsed) {
		for (const auto &[path, m] : mm_->modems()) {
			if (claimed.count(m.device))
				continue;
			ModemConfig c = defaults_;
			c.device = m.device;
			wanted[m.device] = std::move(c);
		}
	}

	bool useDirect = mode_ == DiscoverMode::Direct ||
			 (mode_ == DiscoverMode::Auto && mm_ && mm_->known() && !mm_->present());
	if (useDirect && direct_ && !directStarted_) {
		directStarted_ = true;
		logInfo("discovery: ModemManager is not on the bus; looking for modems in sysfs");
		direct_->start([this] { reconcileSoon(); }); // scans now: modems() is filled below
	}
	if (useDirect && direct_) {
		for (const DiscoveredModem &d : direct_->modems()) {
			if (usesConfiguredPort(d)) {
				sayOnce(fmt::format("skipped {} ({}): a [[modem]] or --device entry uses its port",
						    d.description, d.device));
				continue;
			}
			if (heldByModemManager(d)) {
				sayOnce(fmt::format("skipped {} ({}): ModemManager holds it; set discover = \"auto\" or "
						    "\"modem-manager\" to use it through ModemManager",
						    d.description, d.device));
				continue;
			}
			ModemConfig c = defaults_;
			c.device = d.device;
			wanted[d.device] = std::move(c);
		}
	}

	// Gone, or changed device (a configured port that ModemManager took or let go).
	for (auto it = running_.begin(); it != running_.end();) {
		auto w = wanted.find(it->first);
		if (w != wanted.end() && w->second.device == it->second) {
			++it;
			continue;
		}
		logInfo("discovery: {} ({}) is gone; removing it", it->first, it->second);
		set_.removeModem(it->first);
		it = running_.erase(it);
	}
	for (auto &[key, config] : wanted) {
		if (running_.count(key))
			continue;
		logInfo("discovery: adding {}{}", config.device, key == config.device ? "" : fmt::format(" for {}", key));
		if (set_.addModem(key, config))
			running_[key] = config.device;
	}
}

} /* namespace zanryo */
