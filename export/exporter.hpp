#pragma once

#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <zanryo/client.hpp>

#include "export_config.hpp"
#include "metrics.hpp"
#include "mqtt_bridge.hpp"

namespace zanryo::exporter {

/// zanryo-export's state: the mirror of zanryod's modems, the query tallies, and the
/// outputs (textfile) refreshed after each change.
class Exporter
{
public:
	/// \a bus: the address \a client connected to, for the Refresh button's calls.
	Exporter(boost::asio::io_context &io, client::Client &client, std::string bus, ExportConfig config);
	~Exporter();

	/// What a scrape shows now.
	ExportState state() const;
	std::string metrics() const { return renderMetrics(state()); }

private:
	void onChange(const client::ModemMirror::Change &change);
	void observe(const std::string &path);
	void outputsChanged();
	void refreshPressed(const std::string &id);

	boost::asio::io_context &io_;
	std::string bus_;
	ExportConfig config_;
	std::unique_ptr<MqttBridge> mqtt_;
	std::map<std::string, QueryTally> tallies_;
	bool writePosted_ = false;
	std::unique_ptr<client::ModemMirror> mirror_;
};

} /* namespace zanryo::exporter */
