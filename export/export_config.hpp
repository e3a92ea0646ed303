#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zanryo::exporter {

/// /etc/zanryo/export.toml (docs/export.md).
struct ExportConfig {
	std::string listen = "127.0.0.1:9567"; ///< [prometheus] listen; empty = no HTTP server
	std::string textfile;                  ///< [prometheus] textfile; empty = none
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
