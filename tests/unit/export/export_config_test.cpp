// /etc/zanryo/export.toml: every key, and errors that name file, line and key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdlib.h>

#include "export_config.hpp"

namespace zanryo::exporter {
namespace {

TEST(ExportConfig, emptyFileKeepsTheDefaultListen)
{
	ExportConfig c;
	EXPECT_EQ(parseExportConfig("", "export.toml", c), std::nullopt);
	EXPECT_EQ(c.listen, "127.0.0.1:9567");
	EXPECT_EQ(c.textfile, "");
}

TEST(ExportConfig, everyKey)
{
	ExportConfig c;
	auto err = parseExportConfig("[prometheus]\nlisten = \"[::1]:9100\"\n"
				     "textfile = \"/var/lib/prometheus/node-exporter/zanryo.prom\"\n",
				     "export.toml", c);
	ASSERT_EQ(err, std::nullopt) << *err;
	EXPECT_EQ(c.listen, "[::1]:9100");
	EXPECT_EQ(c.textfile, "/var/lib/prometheus/node-exporter/zanryo.prom");
}

TEST(ExportConfig, errorsNameFileLineAndKey)
{
	struct Case {
		const char *name;
		const char *toml;
		const char *error;
	};
	const Case cases[] = {
		{ "unknownKey", "[prometheus]\nlisten = \"127.0.0.1:1\"\nlistn = \"x\"\n",
		  "export.toml:3: unknown key 'prometheus.listn'" },
		{ "unknownSection", "\n[prometeus]\n", "export.toml:2: unknown key 'prometeus'" },
		{ "listenWithoutPort", "[prometheus]\nlisten = \"127.0.0.1\"\n",
		  "export.toml:2: 'prometheus.listen' must be HOST:PORT or [IPv6]:PORT, not '127.0.0.1'" },
		{ "listenNotAString", "[prometheus]\nlisten = 9567\n",
		  "export.toml:2: 'prometheus.listen' must be a string" },
		{ "relativeTextfile", "[prometheus]\ntextfile = \"zanryo.prom\"\n",
		  "export.toml:2: 'prometheus.textfile' must be an absolute path" },
		{ "nothingToExport", "[prometheus]\nlisten = \"\"\n",
		  "export.toml:1: [prometheus] has neither listen nor textfile: nothing to export" },
	};
	for (const Case &c : cases) {
		ExportConfig config;
		auto err = parseExportConfig(c.toml, "export.toml", config);
		ASSERT_TRUE(err.has_value()) << c.name;
		EXPECT_EQ(*err, c.error) << c.name;
	}
}

TEST(ParseListen, table)
{
	struct Case {
		const char *in;
		bool ok;
		const char *host;
		unsigned port;
	};
	const Case cases[] = {
		{ "127.0.0.1:9567", true, "127.0.0.1", 9567 }, { "[::1]:0", true, "::1", 0 },
		{ "0.0.0.0:65535", true, "0.0.0.0", 65535 },  { "127.0.0.1:65536", false, "", 0 },
		{ ":9567", false, "", 0 },                     { "::1:9567", false, "", 0 },
		{ "127.0.0.1:95x", false, "", 0 },
	};
	for (const Case &c : cases) {
		auto a = parseListen(c.in);
		ASSERT_EQ(a.has_value(), c.ok) << c.in;
		if (a) {
			EXPECT_EQ(a->host, c.host) << c.in;
			EXPECT_EQ(a->port, c.port) << c.in;
		}
	}
}

} // namespace
} // namespace zanryo::exporter

namespace zanryo::exporter {
namespace {

TEST(ExportConfigMqtt, everyKey)
{
	char dir[] = "/tmp/zanryo-export-test-XXXXXX";
	ASSERT_NE(::mkdtemp(dir), nullptr);
	std::string secret = std::string(dir) + "/password";
	{
		std::ofstream(secret) << "s3cret\n";
	}
	ExportConfig c;
	auto err = parseExportConfig("[mqtt]\nurl = \"mqtts://broker.lan:8884\"\nusername = \"router1\"\n"
				     "password_file = \"" + secret + "\"\nca_file = \"/etc/ssl/ca.pem\"\n"
				     "client_id = \"r1\"\ntopic_prefix = \"fleet/r1\"\ndiscovery_prefix = \"ha\"\n"
				     "protocol = \"5\"\n",
				     "export.toml", c);
	std::filesystem::remove_all(dir);
	ASSERT_EQ(err, std::nullopt) << *err;
	EXPECT_TRUE(c.mqtt.enabled);
	EXPECT_TRUE(c.mqtt.tls);
	EXPECT_EQ(c.mqtt.host, "broker.lan");
	EXPECT_EQ(c.mqtt.port, 8884);
	EXPECT_EQ(c.mqtt.username, "router1");
	EXPECT_EQ(c.mqtt.password, "s3cret");
	EXPECT_EQ(c.mqtt.caFile, "/etc/ssl/ca.pem");
	EXPECT_EQ(c.mqtt.clientId, "r1");
	EXPECT_EQ(c.mqtt.topicPrefix, "fleet/r1");
	EXPECT_EQ(c.mqtt.discoveryPrefix, "ha");
	EXPECT_EQ(c.mqtt.protocol, 5);
}

TEST(ExportConfigMqtt, defaults)
{
	ExportConfig c;
	ASSERT_EQ(parseExportConfig("[mqtt]\nurl = \"mqtt://127.0.0.1\"\n", "export.toml", c), std::nullopt);
	EXPECT_EQ(c.mqtt.port, 1883);
	EXPECT_FALSE(c.mqtt.tls);
	EXPECT_EQ(c.mqtt.discoveryPrefix, "homeassistant");
	EXPECT_EQ(c.mqtt.protocol, 4);
	ExportConfig t;
	ASSERT_EQ(parseExportConfig("[mqtt]\nurl = \"mqtts://broker\"\n", "export.toml", t), std::nullopt);
	EXPECT_EQ(t.mqtt.port, 8883);
}

TEST(ExportConfigMqtt, errors)
{
	struct Case {
		const char *name;
		const char *toml;
		const char *error;
	};
	const Case cases[] = {
		{ "unknownKey", "[mqtt]\nurl = \"mqtt://h\"\npassword = \"x\"\n",
		  "export.toml:3: unknown key 'mqtt.password'" },
		{ "badScheme", "[mqtt]\nurl = \"tcp://h:1883\"\n",
		  "export.toml:2: 'mqtt.url' must be mqtt://HOST[:PORT] or mqtts://HOST[:PORT]" },
		{ "noUrl", "[mqtt]\nusername = \"u\"\n", "export.toml:1: [mqtt] needs url" },
		{ "wildcardPrefix", "[mqtt]\nurl = \"mqtt://h\"\ntopic_prefix = \"a/#\"\n",
		  "export.toml:3: 'mqtt.topic_prefix' must be a topic without + or # and without a leading or trailing /" },
		{ "protocol", "[mqtt]\nurl = \"mqtt://h\"\nprotocol = \"3\"\n",
		  "export.toml:3: 'mqtt.protocol' must be \"3.1.1\" or \"5\"" },
		{ "missingPasswordFile", "[mqtt]\nurl = \"mqtt://h\"\npassword_file = \"/nonexistent/pw\"\n",
		  "export.toml:3: 'mqtt.password_file' cannot read '/nonexistent/pw'" },
	};
	for (const Case &c : cases) {
		ExportConfig config;
		auto err = parseExportConfig(c.toml, "export.toml", config);
		ASSERT_TRUE(err.has_value()) << c.name;
		EXPECT_EQ(*err, c.error) << c.name;
	}
}

} // namespace
} // namespace zanryo::exporter
