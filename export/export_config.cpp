#include "export_config.hpp"

#include <charconv>
#include <fstream>
#include <set>

#include <fmt/core.h>
#include <toml++/toml.h>

namespace zanryo::exporter {

namespace {

std::string where(std::string_view file, const toml::source_region &src)
{
	return fmt::format("{}:{}", file, src.begin.line);
}

std::optional<std::string> parseMqtt(const toml::node &section, std::string_view fileName, MqttConfig &mqtt)
{
	const toml::table *t = section.as_table();
	if (!t)
		return fmt::format("{}: 'mqtt' must be a table", where(fileName, section.source()));
	mqtt.enabled = true;
	const std::set<std::string_view> known = { "url",	"username",	 "password_file",  "ca_file",
						   "client_id", "topic_prefix", "discovery_prefix", "protocol" };
	for (auto &&[key, node] : *t) {
		std::string_view k = key.str();
		if (!known.count(k))
			return fmt::format("{}: unknown key 'mqtt.{}'", where(fileName, node.source()), k);
		if (!node.as_string())
			return fmt::format("{}: 'mqtt.{}' must be a string", where(fileName, node.source()), k);
		const std::string &v = node.as_string()->get();
		auto bad = [&](std::string_view what) {
			return fmt::format("{}: 'mqtt.{}' {}", where(fileName, node.source()), k, what);
		};
		if (k == "url") {
			std::string_view rest = v;
			if (rest.starts_with("mqtt://")) {
				rest.remove_prefix(7);
			} else if (rest.starts_with("mqtts://")) {
				rest.remove_prefix(8);
				mqtt.tls = true;
				mqtt.port = 8883;
			} else {
				return bad("must be mqtt://HOST[:PORT] or mqtts://HOST[:PORT]");
			}
			if (rest.ends_with('/'))
				rest.remove_suffix(1);
			auto colon = rest.rfind(':');
			if (colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
				auto a = parseListen(rest);
				if (!a || a->port == 0)
					return bad("must be mqtt://HOST[:PORT] or mqtts://HOST[:PORT]");
				mqtt.host = a->host;
				mqtt.port = a->port;
			} else if (rest.starts_with('[')) {
				auto a = parseListen(rest);
				if (!a || a->port == 0)
					return bad("must be mqtt://HOST[:PORT] or mqtts://HOST[:PORT]");
				mqtt.host = a->host;
				mqtt.port = a->port;
			} else {
				mqtt.host = std::string(rest);
			}
			if (mqtt.host.empty() || mqtt.host.find('/') != std::string::npos)
				return bad("must be mqtt://HOST[:PORT] or mqtts://HOST[:PORT]");
		} else if (k == "username") {
			mqtt.username = v;
		} else if (k == "password_file") {
			// The secret comes from a file so it is never on a command line or in the
			// configuration; only the file's name appears in messages.
			std::ifstream in(v);
			if (!in)
				return bad(fmt::format("cannot read '{}'", v));
			std::getline(in, mqtt.password);
		} else if (k == "ca_file") {
			mqtt.caFile = v;
		} else if (k == "client_id") {
			if (v.empty() || v.size() > 65535)
				return bad("must not be empty");
			mqtt.clientId = v;
		} else if (k == "topic_prefix" || k == "discovery_prefix") {
			if (v.empty() || v.find_first_of("+#") != std::string::npos || v.starts_with('/') || v.ends_with('/'))
				return bad("must be a topic without + or # and without a leading or trailing /");
			(k == "topic_prefix" ? mqtt.topicPrefix : mqtt.discoveryPrefix) = v;
		} else if (k == "protocol") {
			if (v == "3.1.1")
				mqtt.protocol = 4;
			else if (v == "5")
				mqtt.protocol = 5;
			else
				return bad("must be \"3.1.1\" or \"5\"");
		}
	}
	if (mqtt.host.empty())
		return fmt::format("{}: [mqtt] needs url", where(fileName, t->source()));
	return std::nullopt;
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
		if (key.str() != "prometheus" && key.str() != "mqtt")
			return fmt::format("{}: unknown key '{}'", where(fileName, node.source()), key.str());
	}
	if (const toml::node *mqtt = root.get("mqtt")) {
		if (auto error = parseMqtt(*mqtt, fileName, config.mqtt))
			return error;
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
