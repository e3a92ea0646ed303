#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zanryo::exporter {

/// [mqtt]: the broker and the topics (docs/export.md).
struct MqttConfig {
	bool enabled = false;          ///< the section is there
	std::string host;              ///< from url
	std::uint16_t port = 1883;     ///< from url; 8883 for mqtts:// without a port
	bool tls = false;              ///< mqtts://
	std::string username;
	std::string password;          ///< read from password_file; never logged
	std::string caFile;
	std::string clientId;          ///< default zanryo-export-<hostname>
	std::string topicPrefix;       ///< default zanryo/<hostname>
	std::string discoveryPrefix = "homeassistant";
	int protocol = 4;              ///< 4 = MQTT 3.1.1, 5 = MQTT 5
};

/// /etc/zanryo/export.toml (docs/export.md).
struct ExportConfig {
	std::string listen = "127.0.0.1:9567"; ///< [prometheus] listen; empty = no HTTP server
	std::string textfile;                  ///< [prometheus] textfile; empty = none
	MqttConfig mqtt;
};

/// "127.0.0.1:9567", "[::1]:9567"; port 0 lets the kernel choose.
struct ListenAddress {
	std::string host;
	std::uint16_t port = 0;
};
std::optional<ListenAddress> parseListen(std::string_view text);

/// Parses the TOML text of \a fileName into \a config. Returns the error as
/// "FILE:LINE: ..." naming the key (unknown keys are errors), or nullopt.
std::optional<std::string> parseExportConfig(std::string_view text, std::string_view fileName,
					     ExportConfig &config);

} /* namespace zanryo::exporter */
