// /etc/zanryo/export.toml: every key, and errors that name file, line and key.
#include <gtest/gtest.h>

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
