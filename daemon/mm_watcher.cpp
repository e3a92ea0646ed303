#include "mm_watcher.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <sdbus-c++/sdbus-c++.h>

#include "log.hpp"

namespace zanryo {

namespace {

using Properties = std::map<std::string, sdbus::Variant>;
using Interfaces = std::map<std::string, Properties>;

template<typename T>
T property(const Properties &props, const char *name)
{
	auto it = props.find(name);
	if (it == props.end())
		return T{};
	try {
		return it->second.get<T>();
	} catch (const sdbus::Error &) {
		return T{}; // another type than ModemManager documents: as if absent
	}
}

} /* namespace */

MmWatcher::MmWatcher(sdbus::IConnection &connection, std::function<void()> flush)
	: connection_(connection), flush_(std::move(flush))
{
}

MmWatcher::~MmWatcher() = default;

void MmWatcher::start(std::function<void()> changed)
{
	changed_ = std::move(changed);
	// No sender= in the rules: sd-bus matches a well-known sender name against the
	// unique name locally and would drop every signal; the handlers check owner_.
	matches_.push_back(connection_.addMatch(
		fmt::format("type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',"
			    "member='NameOwnerChanged',arg0='{}'",
			    kService),
		[this](sdbus::Message &msg) {
			std::string name, oldOwner, newOwner;
			msg >> name >> oldOwner >> newOwner;
			if (name == kService)
				ownerChanged(newOwner);
		}));
	matches_.push_back(connection_.addMatch(
		fmt::format("type='signal',path='{}',interface='org.freedesktop.DBus.ObjectManager',"
			    "member='InterfacesAdded'",
			    kPath),
		[this](sdbus::Message &msg) {
			if (owner_.empty() || msg.getSender() != owner_)
				return;
			sdbus::ObjectPath path;
			Interfaces interfaces;
			msg >> path >> interfaces;
			if (!interfaces.count(kModemInterface))
				return;
			addModem(path, interfaces);
			if (available_ && changed_)
				changed_();
		}));
	matches_.push_back(connection_.addMatch(
		fmt::format("type='signal',path='{}',interface='org.freedesktop.DBus.ObjectManager',"
			    "member='InterfacesRemoved'",
			    kPath),
		[this](sdbus::Message &msg) {
			if (owner_.empty() || msg.getSender() != owner_)
				return;
			sdbus::ObjectPath path;
			std::vector<std::string> interfaces;
			msg >> path >> interfaces;
			if (std::find(interfaces.begin(), interfaces.end(), kModemInterface) == interfaces.end())
				return;
			if (modems_.erase(path) > 0) {
				logInfo("ModemManager removed {}", std::string(path));
				if (available_ && changed_)
					changed_();
			}
		}));
	busProxy_ = sdbus::createProxy(connection_, "org.freedesktop.DBus", "/org/freedesktop/DBus");
	mmProxy_ = sdbus::createProxy(connection_, kService, kPath);
	unsigned generation = generation_;
	busProxy_->callMethodAsync("GetNameOwner")
		.onInterface("org.freedesktop.DBus")
		.withArguments(std::string(kService))
		.uponReplyInvoke([this, generation](const sdbus::Error *error, std::string owner) {
			// A NameOwnerChanged that came first is newer than this answer.
			if (generation != generation_)
				return;
			if (error) {
				logInfo("ModemManager ({}) is not on the bus", kService);
				known_ = true;
				if (changed_)
					changed_();
				return;
			}
			ownerChanged(owner);
		});
	flush_();
}

void MmWatcher::ownerChanged(const std::string &owner)
{
	bool wasKnown = std::exchange(known_, true);
	if (owner == owner_) {
		if (!wasKnown && changed_)
			changed_();
		return;
	}
	owner_ = owner;
	generation_++;
	bool had = available_ || !modems_.empty();
	modems_.clear();
	available_ = false;
	if (owner.empty())
		logInfo("ModemManager left the bus");
	else
		logInfo("ModemManager is on the bus ({}); reading its modems", owner);
	if ((had || !wasKnown || owner.empty()) && changed_)
		changed_();
	if (!owner.empty())
		readModems();
}

void MmWatcher::readModems()
{
	unsigned generation = generation_;
	mmProxy_->callMethodAsync("GetManagedObjects")
		.onInterface("org.freedesktop.DBus.ObjectManager")
		.uponReplyInvoke([this, generation](const sdbus::Error *error,
						    std::map<sdbus::ObjectPath, Interfaces> objects) {
			if (generation != generation_)
				return;
			if (error) {
				logWarning("ModemManager: GetManagedObjects failed: {}: {}", error->getName(),
					   error->getMessage());
				return;
			}
			for (const auto &[path, interfaces] : objects)
				if (interfaces.count(kModemInterface))
					addModem(path, interfaces);
			available_ = true;
			logInfo("ModemManager manages {} modem(s)", modems_.size());
			if (changed_)
				changed_();
		});
	flush_();
}

void MmWatcher::addModem(const std::string &path, const Interfaces &interfaces)
{
	const Properties &props = interfaces.at(kModemInterface);
	DiscoveredModem m;
	m.device = "mm:" + path;
	std::string manufacturer = property<std::string>(props, "Manufacturer");
	std::string model = property<std::string>(props, "Model");
	m.description = fmt::format("{} {} (ModemManager {})", manufacturer.empty() ? "modem" : manufacturer, model, path);
	m.sysfsDevice = property<std::string>(props, "Device");
	for (const auto &port : property<std::vector<sdbus::Struct<std::string, uint32_t>>>(props, "Ports"))
		m.portNames.push_back(std::get<0>(port));
	if (std::string primary = property<std::string>(props, "PrimaryPort"); !primary.empty() &&
	    std::find(m.portNames.begin(), m.portNames.end(), primary) == m.portNames.end())
		m.portNames.push_back(primary);
	logInfo("ModemManager has {}: ports {}", m.description, fmt::join(m.portNames, ", "));
	modems_[path] = std::move(m);
}

} /* namespace zanryo */
