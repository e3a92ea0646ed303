#include "export_config.hpp"

#include <charconv>
#include <set>

#include <fmt/core.h>
#include <toml++/toml.h>

namespace zanryo::exporter {

namespace {

std::string where(std::string_view file, const toml::source_region &src)
{
	return fmt::format("{}:{}", file, src.begin.line);
}

} /* namespace */

std::optional<ListenAddress> parseListen(std::string_view text)
{
	ListenAddress a;
	std::string_view port;
	if (text.starts_with('[')) {
		auto close = text.find("]:");
		if (close == std::string_view::npos)
			return std::nullopt;
		a.host = std::string(text.substr(1, close - 1));
		port = text.substr(close + 2);
	} else {
		auto colon = text.rfind(':');
		if (colon == std::string_view::npos || text.find(':') != colon)
			return std::nullopt;
		a.host = std::string(text.substr(0, colon));
		port = text.substr(colon + 1);
	}
	unsigned value = 0;
	auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
	if (a.host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535)
		return std::nullopt;
	a.port = std::uint16_t(value);
	return a;
}

std::optional<std::string> parseExportConfig(std::string_view text, std::string_view fileName,
					     ExportConfig &config)
{
	toml::table root;
	try {
		root = toml::parse(text, fileName);
	} catch (const toml::parse_error &e) {
		return fmt::format("{}:{}: {}", fileName, e.source().begin.line, e.description());
	}
	for (auto &&[key, node] : root) {
		if (key.str() != "prometheus")
			return fmt::format("{}: unknown key '{}'", where(fileName, node.source()), key.str());
	}
	const toml::node *section = root.get("prometheus");
	if (!section)
		return std::nullopt;
	const toml::table *t = section->as_table();
	if (!t)
		return fmt::format("{}: 'prometheus' must be a table", where(fileName, section->source()));
	const std::set<std::string_view> known = { "listen", "textfile" };
	for (auto &&[key, node] : *t) {
		if (!known.count(key.str()))
			return fmt::format("{}: unknown key 'prometheus.{}'", where(fileName, node.source()), key.str());
		const std::string *value = node.as_string() ? &node.as_string()->get() : nullptr;
		if (!value)
			return fmt::format("{}: 'prometheus.{}' must be a string", where(fileName, node.source()),
					   key.str());
		if (key.str() == "listen") {
			if (!value->empty() && !parseListen(*value))
				return fmt::format("{}: 'prometheus.listen' must be HOST:PORT or [IPv6]:PORT, not '{}'",
						   where(fileName, node.source()), *value);
			config.listen = *value;
		} else {
			if (!value->empty() && !value->starts_with('/'))
				return fmt::format("{}: 'prometheus.textfile' must be an absolute path",
						   where(fileName, node.source()));
			config.textfile = *value;
		}
	}
	if (config.listen.empty() && config.textfile.empty())
		return fmt::format("{}: [prometheus] has neither listen nor textfile: nothing to export",
				   where(fileName, t->source()));
	return std::nullopt;
}

} /* namespace zanryo::exporter */
