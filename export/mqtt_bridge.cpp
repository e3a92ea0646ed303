#include "mqtt_bridge.hpp"

#include <stdexcept>

#include <boost/asio/post.hpp>
#include <fmt/core.h>
#include <mosquitto.h>

namespace zanryo::exporter {

namespace asio = boost::asio;

namespace {

constexpr int kQos = 1;
constexpr int kKeepaliveSeconds = 30;

struct LibraryInit {
	LibraryInit() { mosquitto_lib_init(); }
	~LibraryInit() { mosquitto_lib_cleanup(); }
};

void check(int rc, const char *what)
{
	if (rc != MOSQ_ERR_SUCCESS)
		throw std::runtime_error(fmt::format("mqtt: {}: {}", what, mosquitto_strerror(rc)));
}

} /* namespace */

MqttBridge::MqttBridge(asio::io_context &io, const MqttConfig &config, MqttTopics topics,
		       std::function<void(const std::string &)> onRefresh)
	: io_(io), topics_(std::move(topics)), onRefresh_(std::move(onRefresh))
{
	static LibraryInit init;
	mosq_ = mosquitto_new(config.clientId.c_str(), true, this);
	if (!mosq_)
		throw std::runtime_error("mqtt: cannot create a client");
	check(mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION,
				   config.protocol == 5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311),
	      "protocol version");
	if (!config.username.empty())
		check(mosquitto_username_pw_set(mosq_, config.username.c_str(),
						config.password.empty() ? nullptr : config.password.c_str()),
		      "username");
	if (config.tls)
		check(mosquitto_tls_set(mosq_, config.caFile.empty() ? nullptr : config.caFile.c_str(),
					config.caFile.empty() ? "/etc/ssl/certs" : nullptr, nullptr, nullptr, nullptr),
		      "TLS");
	const std::string offline = "offline";
	check(mosquitto_will_set(mosq_, topics_.bridgeStatus().c_str(), int(offline.size()), offline.data(), kQos, true),
	      "last will");
	// libmosquitto reconnects by itself: 1 s, doubling up to 60 s.
	check(mosquitto_reconnect_delay_set(mosq_, 1, 60, true), "reconnect delay");
	mosquitto_connect_callback_set(mosq_, [](struct mosquitto *, void *self, int rc) {
		auto *b = static_cast<MqttBridge *>(self);
		if (rc != 0)
			return;
		asio::post(b->io_, [b] { b->connected(); });
	});
	mosquitto_disconnect_callback_set(mosq_, [](struct mosquitto *, void *self, int) {
		auto *b = static_cast<MqttBridge *>(self);
		asio::post(b->io_, [b] {
			if (b->connected_)
				fmt::print(stderr, "<4>mqtt: disconnected; reconnecting\n");
			b->connected_ = false;
		});
	});
	mosquitto_message_callback_set(mosq_, [](struct mosquitto *, void *self, const struct mosquitto_message *m) {
		auto *b = static_cast<MqttBridge *>(self);
		std::string topic = m->topic;
		std::string payload(static_cast<const char *>(m->payload), std::size_t(m->payloadlen));
		asio::post(b->io_, [b, topic, payload] { b->message(topic, payload); });
	});
	// connect_async + loop_start: a broker that is down now is retried in the loop.
	int rc = mosquitto_connect_async(mosq_, config.host.c_str(), config.port, kKeepaliveSeconds);
	if (rc != MOSQ_ERR_SUCCESS)
		fmt::print(stderr, "<4>mqtt: {}:{}: {}; retrying\n", config.host, config.port, mosquitto_strerror(rc));
	check(mosquitto_loop_start(mosq_), "network thread");
	fmt::print(stderr, "<6>mqtt: {}://{}:{} as {}, topics under {}\n", config.tls ? "mqtts" : "mqtt", config.host,
		   config.port, config.clientId, topics_.prefix);
}

MqttBridge::~MqttBridge()
{
	if (connected_) {
		const std::string offline = "offline";
		mosquitto_publish(mosq_, nullptr, topics_.bridgeStatus().c_str(), int(offline.size()), offline.data(),
				  kQos, true);
	}
	mosquitto_disconnect(mosq_);
	mosquitto_loop_stop(mosq_, true);
	mosquitto_destroy(mosq_);
}

void MqttBridge::connected()
{
	fmt::print(stderr, "<6>mqtt: connected\n");
	connected_ = true;
	mosquitto_subscribe(mosq_, nullptr, topics_.haStatus().c_str(), kQos);
	mosquitto_subscribe(mosq_, nullptr, (topics_.prefix + "/+/refresh").c_str(), kQos);
	// The broker may have lost what it kept (restarted without persistence): all again.
	republish();
}

void MqttBridge::republish()
{
	published_.clear();
	announced_.clear();
	ExportState state = last_;
	update(state);
}

void MqttBridge::message(const std::string &topic, const std::string &payload)
{
	if (topic == topics_.haStatus()) {
		// Home Assistant's birth message: it restarted and wants discovery again.
		if (payload == "online" && connected_)
			republish();
		return;
	}
	const std::string head = topics_.prefix + "/";
	const std::string tail = "/refresh";
	if (topic.size() > head.size() + tail.size() && topic.starts_with(head) && topic.ends_with(tail)) {
		std::string id = topic.substr(head.size(), topic.size() - head.size() - tail.size());
		if (id.find('/') == std::string::npos && onRefresh_)
			onRefresh_(id);
	}
}

void MqttBridge::publish(const std::string &topic, const std::string &payload)
{
	auto it = published_.find(topic);
	if (it != published_.end() && it->second == payload)
		return;
	int rc = mosquitto_publish(mosq_, nullptr, topic.c_str(), int(payload.size()), payload.data(), kQos, true);
	if (rc == MOSQ_ERR_SUCCESS)
		published_[topic] = payload;
}

void MqttBridge::update(const ExportState &state)
{
	last_ = state;
	if (!connected_)
		return;
	publish(topics_.bridgeStatus(), "online");
	std::set<std::string> present;
	for (const ModemView &m : state.modems) {
		std::string id = modemId(m.status.path);
		present.insert(id);
		auto configs = discoveryConfigs(m.status, topics_);
		std::set<std::string> &announced = announced_[id];
		// A sensor the modem no longer fills is removed (an empty retained config).
		for (const std::string &topic : announced)
			if (!configs.count(topic))
				publish(topic, "");
		announced.clear();
		publish(topics_.state(id), statePayload(m.status));
		for (const auto &[topic, payload] : configs) {
			publish(topic, payload);
			announced.insert(topic);
		}
		publish(topics_.availability(id), "online");
	}
	// Modems known before but not now (zanryod away, or unplugged): unavailable.
	for (const auto &[id, topics] : announced_)
		if (!present.count(id))
			publish(topics_.availability(id), "offline");
}

} /* namespace zanryo::exporter */
