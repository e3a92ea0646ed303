#include "ha_discovery.hpp"

#include <ctime>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "metrics.hpp"

namespace zanryo::exporter {

namespace {

using json = nlohmann::json;

std::string isoTime(std::uint64_t unixSeconds)
{
	std::time_t t = std::time_t(unixSeconds);
	std::tm tm{};
	gmtime_r(&t, &tm);
	char buf[32];
	std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	return buf;
}

std::string deviceName(const client::ModemStatus &m)
{
	std::string name = m.manufacturer;
	if (!m.model.empty())
		name += (name.empty() ? "" : " ") + m.model;
	if (!m.provider.empty())
		name = name.empty() ? m.provider : m.provider + " (" + name + ")";
	return name.empty() ? "zanryo " + modemId(m.path) : name;
}

/// One entity: what it is called, its HA component and the keys it adds.
struct Entity {
	const char *object;
	const char *component;
	const char *name;
	json extra;
};

} /* namespace */

std::string defaultTopicPrefix(std::string_view hostname)
{
	std::string level;
	for (char c : hostname)
		level += (c == '+' || c == '#' || c == '/' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
	return "zanryo/" + (level.empty() ? std::string("localhost") : level);
}

std::map<std::string, std::string> discoveryConfigs(const client::ModemStatus &m, const MqttTopics &topics)
{
	const std::string id = modemId(m.path);
	const client::Balance &b = m.balance;
	const client::Usage &u = m.usage;
	std::vector<Entity> entities;
	// HA sensor device classes: data_size (unit B), monetary (unit = ISO 4217 code),
	// timestamp (ISO 8601 state); binary_sensor problem.
	if (b.hasData && !b.dataUnlimited)
		entities.push_back({ "data_remaining", "sensor", "Data remaining",
				     { { "device_class", "data_size" }, { "unit_of_measurement", "B" },
				       { "state_class", "measurement" } } });
	if (!b.money.empty() && !b.currency.empty())
		entities.push_back({ "money", "sensor", "Balance",
				     { { "device_class", "monetary" }, { "unit_of_measurement", b.currency } } });
	if (b.expires > 0)
		entities.push_back({ "expires", "sensor", "Expires", { { "device_class", "timestamp" } } });
	if (b.updatedAt > 0) {
		entities.push_back({ "last_update", "sensor", "Last update", { { "device_class", "timestamp" } } });
		entities.push_back({ "stale", "binary_sensor", "Stale",
				     { { "device_class", "problem" }, { "payload_on", "ON" }, { "payload_off", "OFF" } } });
	}
	if (u.present && u.hasEstimate) {
		entities.push_back({ "estimated_remaining", "sensor", "Estimated data remaining",
				     { { "device_class", "data_size" }, { "unit_of_measurement", "B" },
				       { "state_class", "measurement" } } });
		entities.push_back({ "run_out", "sensor", "Projected run-out", { { "device_class", "timestamp" } } });
	}
	if (u.present && !u.interface.empty())
		entities.push_back({ "used_this_period", "sensor", "Used this period",
				     { { "device_class", "data_size" }, { "unit_of_measurement", "B" },
				       { "state_class", "total_increasing" } } });
	entities.push_back({ "refresh", "button", "Refresh", { { "command_topic", topics.refresh(id) }, { "payload_press", "PRESS" } } });

	json device = { { "identifiers", json::array({ "zanryo_" + id }) },
			{ "name", deviceName(m) },
			{ "manufacturer", m.manufacturer },
			{ "model", m.model } };
	json availability = json::array({ { { "topic", topics.bridgeStatus() } }, { { "topic", topics.availability(id) } } });

	std::map<std::string, std::string> out;
	for (const Entity &e : entities) {
		json c = e.extra;
		c["name"] = e.name;
		c["unique_id"] = "zanryo_" + id + "_" + e.object;
		c["object_id"] = "zanryo_" + id + "_" + e.object;
		c["device"] = device;
		c["availability"] = availability;
		c["availability_mode"] = "all";
		if (std::string_view(e.component) != "button") {
			c["state_topic"] = topics.state(id);
			c["value_template"] = fmt::format("{{{{ value_json.{} }}}}", e.object);
		}
		out[fmt::format("{}/{}/zanryo_{}/{}/config", topics.discoveryPrefix, e.component, id, e.object)] =
			c.dump();
	}
	return out;
}

std::string statePayload(const client::ModemStatus &m)
{
	const client::Balance &b = m.balance;
	const client::Usage &u = m.usage;
	json s = json::object();
	if (b.hasData && !b.dataUnlimited)
		s["data_remaining"] = b.dataRemaining;
	if (!b.money.empty())
		s["money"] = b.money;
	if (b.expires > 0)
		s["expires"] = isoTime(b.expires);
	if (b.updatedAt > 0) {
		s["last_update"] = isoTime(b.updatedAt);
		s["stale"] = b.stale ? "ON" : "OFF";
	}
	if (u.present && u.hasEstimate) {
		s["estimated_remaining"] = u.estimatedRemaining;
		s["run_out"] = u.projectedRunOut > 0 ? json(isoTime(u.projectedRunOut)) : json(nullptr);
	}
	if (u.present && !u.interface.empty())
		s["used_this_period"] = u.usedThisPeriod;
	return s.dump();
}

} /* namespace zanryo::exporter */
