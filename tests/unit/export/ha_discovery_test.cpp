// Home Assistant MQTT discovery and state payloads: pure functions of a modem snapshot.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ha_discovery.hpp"

namespace zanryo::exporter {
namespace {

using json = nlohmann::json;

client::ModemStatus readModem()
{
	client::ModemStatus s;
	s.path = "/org/zanryo/Zanryo1/modem/0123456789abcdef";
	s.backend = "at";
	s.manufacturer = "Quectel";
	s.model = "EC25";
	s.provider = "IIJmio";
	s.balance.hasData = true;
	s.balance.dataRemaining = 1342177280;
	s.balance.money = "125.50";
	s.balance.currency = "JPY";
	s.balance.expires = 1798675200;
	s.balance.updatedAt = 1796000000;
	s.balance.stale = false;
	return s;
}

MqttTopics topics()
{
	MqttTopics t;
	t.prefix = "zanryo/router1";
	return t;
}

TEST(HaDiscovery, everyEntityHasTheFieldsHomeAssistantNeeds)
{
	auto configs = discoveryConfigs(readModem(), topics());
	const char *expected[] = {
		"homeassistant/sensor/zanryo_0123456789abcdef/data_remaining/config",
		"homeassistant/sensor/zanryo_0123456789abcdef/money/config",
		"homeassistant/sensor/zanryo_0123456789abcdef/expires/config",
		"homeassistant/sensor/zanryo_0123456789abcdef/last_update/config",
		"homeassistant/binary_sensor/zanryo_0123456789abcdef/stale/config",
		"homeassistant/button/zanryo_0123456789abcdef/refresh/config",
	};
	EXPECT_EQ(configs.size(), std::size(expected));
	for (const char *topic : expected) {
		ASSERT_TRUE(configs.count(topic)) << topic;
		json c = json::parse(configs.at(topic));
		EXPECT_TRUE(c.contains("name")) << topic;
		EXPECT_TRUE(c["unique_id"].get<std::string>().starts_with("zanryo_0123456789abcdef_")) << topic;
		EXPECT_EQ(c["device"]["identifiers"][0], "zanryo_0123456789abcdef") << topic;
		EXPECT_EQ(c["device"]["manufacturer"], "Quectel") << topic;
		EXPECT_EQ(c["device"]["model"], "EC25") << topic;
		EXPECT_EQ(c["availability"][0]["topic"], "zanryo/router1/status") << topic;
		EXPECT_EQ(c["availability"][1]["topic"], "zanryo/router1/0123456789abcdef/availability") << topic;
	}
	json data = json::parse(configs.at("homeassistant/sensor/zanryo_0123456789abcdef/data_remaining/config"));
	EXPECT_EQ(data["device_class"], "data_size");
	EXPECT_EQ(data["unit_of_measurement"], "B");
	EXPECT_EQ(data["state_topic"], "zanryo/router1/0123456789abcdef/state");
	EXPECT_EQ(data["value_template"], "{{ value_json.data_remaining }}");
	json money = json::parse(configs.at("homeassistant/sensor/zanryo_0123456789abcdef/money/config"));
	EXPECT_EQ(money["unit_of_measurement"], "JPY");
	EXPECT_EQ(money["device_class"], "monetary");
	json button = json::parse(configs.at("homeassistant/button/zanryo_0123456789abcdef/refresh/config"));
	EXPECT_EQ(button["command_topic"], "zanryo/router1/0123456789abcdef/refresh");
}

TEST(HaDiscovery, sensorsTheModemCannotFillAreNotAnnounced)
{
	client::ModemStatus s = readModem();
	s.balance = client::Balance{};
	auto configs = discoveryConfigs(s, topics());
	ASSERT_EQ(configs.size(), 1u);
	EXPECT_TRUE(configs.count("homeassistant/button/zanryo_0123456789abcdef/refresh/config"));
}

TEST(HaDiscovery, hostileNamesStayValidJson)
{
	client::ModemStatus s = readModem();
	s.manufacturer = "Evil \"Q\"\n\\";
	s.provider = "ドコモ";
	auto configs = discoveryConfigs(s, topics());
	json c = json::parse(configs.begin()->second);
	EXPECT_EQ(c["device"]["manufacturer"], "Evil \"Q\"\n\\");
	EXPECT_EQ(c["device"]["name"], "ドコモ (Evil \"Q\"\n\\ EC25)");
	for (const auto &[topic, payload] : configs)
		EXPECT_EQ(topic.find_first_of("+#\"\n"), std::string::npos) << topic;
}

TEST(HaState, valuesAndIsoTimestamps)
{
	json s = json::parse(statePayload(readModem()));
	EXPECT_EQ(s["data_remaining"], 1342177280u);
	EXPECT_EQ(s["money"], "125.50");
	EXPECT_EQ(s["expires"], "2026-12-31T00:00:00+00:00");
	EXPECT_EQ(s["stale"], "OFF");
	EXPECT_FALSE(s.contains("estimated_remaining"));
}

TEST(DefaultTopicPrefix, table)
{
	EXPECT_EQ(defaultTopicPrefix("router1"), "zanryo/router1");
	EXPECT_EQ(defaultTopicPrefix("a+b#c/d"), "zanryo/a_b_c_d");
	EXPECT_EQ(defaultTopicPrefix(""), "zanryo/localhost");
}

} // namespace
} // namespace zanryo::exporter
