#pragma once

#include <map>
#include <string>
#include <string_view>

#include <zanryo/client.hpp>

namespace zanryo::exporter {

/// Where zanryo-export publishes ([mqtt] topic_prefix, discovery_prefix).
struct MqttTopics {
	std::string prefix = "zanryo/localhost"; ///< zanryo/<hostname> by default
	std::string discoveryPrefix = "homeassistant";

	/// "online"/"offline" of zanryo-export itself (the last will sets "offline").
	std::string bridgeStatus() const { return prefix + "/status"; }
	/// "online"/"offline" of one modem: offline while zanryod is away or the modem is gone.
	std::string availability(const std::string &id) const { return prefix + "/" + id + "/availability"; }
	/// The retained JSON state of one modem (statePayload()).
	std::string state(const std::string &id) const { return prefix + "/" + id + "/state"; }
	/// The Refresh button's command topic.
	std::string refresh(const std::string &id) const { return prefix + "/" + id + "/refresh"; }
	/// Home Assistant's birth message topic: "online" asks for discovery again.
	std::string haStatus() const { return discoveryPrefix + "/status"; }
};

/// zanryo/<hostname>, with the characters a topic level may not hold (+ # /, control
/// characters) replaced by '_'.
std::string defaultTopicPrefix(std::string_view hostname);

/// Home Assistant MQTT discovery for one modem: config topic -> JSON payload, one HA
/// device (identifier zanryo_<id>) with the sensors the modem can fill now and a Refresh
/// button. Sensors it cannot fill are not in the map.
std::map<std::string, std::string> discoveryConfigs(const client::ModemStatus &modem, const MqttTopics &topics);

/// The JSON state the sensors' value templates read: bytes as numbers, timestamps as
/// ISO 8601 UTC, stale as "ON"/"OFF"; a key is absent (or null) when unknown.
std::string statePayload(const client::ModemStatus &modem);

} /* namespace zanryo::exporter */
