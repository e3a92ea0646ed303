#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>

#include "export_config.hpp"
#include "ha_discovery.hpp"
#include "metrics.hpp"

struct mosquitto;
struct mosquitto_message;

namespace zanryo::exporter {

/// zanryod's modems on an MQTT broker (libmosquitto) with Home Assistant discovery:
/// retained discovery, state and availability at QoS 1, a last will that marks
/// zanryo-export offline, reconnects with backoff (1 s doubling to 60 s) and republishes
/// everything after each connect, and again when Home Assistant announces itself.
///
/// libmosquitto runs its network loop in its own thread; its callbacks are posted to
/// the io_context, so everything else here runs on the io_context's thread.
class MqttBridge
{
public:
	/// \a onRefresh is called with a modem id when its Refresh button is pressed.
	MqttBridge(boost::asio::io_context &io, const MqttConfig &config, MqttTopics topics,
		   std::function<void(const std::string &)> onRefresh);
	~MqttBridge();
	MqttBridge(const MqttBridge &) = delete;
	MqttBridge &operator=(const MqttBridge &) = delete;

	/// Publishes what changed since the last update (everything after a reconnect).
	void update(const ExportState &state);

private:
	void connected();
	void message(const std::string &topic, const std::string &payload);
	void publish(const std::string &topic, const std::string &payload);
	void republish();

	boost::asio::io_context &io_;
	MqttTopics topics_;
	std::function<void(const std::string &)> onRefresh_;
	struct mosquitto *mosq_ = nullptr;
	bool connected_ = false;
	ExportState last_;
	/// What the broker holds now: topic -> retained payload we sent.
	std::map<std::string, std::string> published_;
	/// Discovery config topics announced per modem id.
	std::map<std::string, std::set<std::string>> announced_;
};

} /* namespace zanryo::exporter */
