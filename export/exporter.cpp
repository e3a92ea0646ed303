#include "exporter.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/core.h>

#include "textfile.hpp"

#include <thread>
#include <unistd.h>

namespace zanryo::exporter {

namespace asio = boost::asio;

namespace {

// zanryod sends a query's State, LastError and Balance signals back to back; their
// outcome is judged once the batch has surely arrived.
constexpr auto kSettleDelay = std::chrono::milliseconds(300);

} /* namespace */

Exporter::Exporter(asio::io_context &io, client::Client &client, std::string bus, ExportConfig config)
	: io_(io), bus_(std::move(bus)), config_(std::move(config))
{
	if (config_.mqtt.enabled) {
		char host[256] = {};
		::gethostname(host, sizeof host - 1);
		MqttTopics topics;
		topics.prefix = config_.mqtt.topicPrefix.empty() ? defaultTopicPrefix(host) : config_.mqtt.topicPrefix;
		topics.discoveryPrefix = config_.mqtt.discoveryPrefix;
		if (config_.mqtt.clientId.empty())
			config_.mqtt.clientId = std::string("zanryo-export-") + host;
		mqtt_ = std::make_unique<MqttBridge>(io_, config_.mqtt, topics,
						     [this](const std::string &id) { refreshPressed(id); });
	}
	mirror_ = std::make_unique<client::ModemMirror>(
		client, [this](const client::ModemMirror::Change &change) { onChange(change); });
	for (const auto &[path, status] : mirror_->modems())
		observe(path);
	fmt::print(stderr, "<6>zanryod is {}\n", mirror_->daemonPresent() ? "on the bus" : "away");
	outputsChanged();
}

Exporter::~Exporter() = default;

ExportState Exporter::state() const
{
	ExportState s;
	s.daemonUp = mirror_ && mirror_->daemonPresent();
	if (!mirror_)
		return s;
	for (const auto &[path, status] : mirror_->modems()) {
		ModemView v{ status, {} };
		if (auto t = tallies_.find(path); t != tallies_.end())
			v.counts = t->second.counts();
		s.modems.push_back(std::move(v));
	}
	return s;
}

void Exporter::onChange(const client::ModemMirror::Change &change)
{
	using Kind = client::ModemMirror::Change::Kind;
	switch (change.kind) {
	case Kind::DaemonAppeared:
		fmt::print(stderr, "<6>zanryod is on the bus\n");
		for (const auto &[path, status] : mirror_->modems())
			observe(path);
		break;
	case Kind::DaemonVanished:
		// The tallies stay: a modem's id is the same when zanryod comes back.
		fmt::print(stderr, "<6>zanryod is away\n");
		break;
	case Kind::ModemAdded:
	case Kind::Changed:
		observe(change.path);
		break;
	case Kind::ModemRemoved:
	case Kind::Low:
		break;
	}
	outputsChanged();
}

void Exporter::observe(const std::string &path)
{
	auto m = mirror_->modems().find(path);
	if (m == mirror_->modems().end())
		return;
	QueryTally &tally = tallies_[path];
	bool was = tally.awaitingOutcome();
	tally.observe(m->second);
	if (was || !tally.awaitingOutcome())
		return;
	auto timer = std::make_shared<asio::steady_timer>(io_, kSettleDelay);
	timer->async_wait([this, timer, path](const boost::system::error_code &ec) {
		if (ec)
			return;
		auto mm = mirror_->modems().find(path);
		auto t = tallies_.find(path);
		if (mm == mirror_->modems().end() || t == tallies_.end() || !t->second.awaitingOutcome())
			return;
		t->second.settle(mm->second);
		outputsChanged();
	});
}

void Exporter::outputsChanged()
{
	if (writePosted_)
		return;
	// Many signals in a row make one write and one round of MQTT publishing.
	writePosted_ = true;
	asio::post(io_, [this] {
		writePosted_ = false;
		if (mqtt_)
			mqtt_->update(state());
		if (config_.textfile.empty())
			return;
		if (auto ec = writeFileAtomically(config_.textfile, metrics()))
			fmt::print(stderr, "<4>cannot write {}: {}\n", config_.textfile, ec.message());
	});
}

void Exporter::refreshPressed(const std::string &id)
{
	std::string path = "/org/zanryo/Zanryo1/modem/" + id;
	if (!mirror_->modems().count(path))
		return;
	fmt::print(stderr, "<6>Refresh pressed for {}\n", id);
	// Balance.Refresh waits for the carrier (seconds to minutes): its own connection in
	// its own thread, so the loop goes on; the new values arrive as signals anyway.
	std::thread([bus = bus_, path] {
		try {
			client::Client c(bus);
			c.refresh(path);
		} catch (const client::Error &e) {
			fmt::print(stderr, "<4>Refresh of {}: {}: {}\n", path, e.name(), e.what());
		}
	}).detach();
}

} /* namespace zanryo::exporter */
