#include <gtest/gtest.h>

#include "config.hpp"

namespace zanryo {
namespace {

TEST(Config, emptyFileGivesDefaults)
{
	auto c = parseConfig("", "zanryod.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(c->stateDir, "/var/lib/zanryo");
	EXPECT_TRUE(c->modems.empty());
	EXPECT_EQ(c->defaults.pollInterval, std::chrono::hours(6));
	EXPECT_EQ(c->discover, DiscoverMode::Auto);
}

TEST(Config, discoverModes)
{
	for (auto [text, mode] : { std::pair{ "auto", DiscoverMode::Auto },
				   std::pair{ "modem-manager", DiscoverMode::ModemManager },
				   std::pair{ "direct", DiscoverMode::Direct }, std::pair{ "off", DiscoverMode::Off } }) {
		auto c = parseConfig(std::string("[daemon]\ndiscover = \"") + text + "\"\n", "zanryod.toml");
		ASSERT_TRUE(c.ok()) << text << ": " << c.error().message();
		EXPECT_EQ(c->discover, mode) << text;
	}
}

TEST(Config, japaneseMvnoSmsModemWithThresholds)
{
	auto c = parseConfig(R"(
[daemon]
state_dir = "/tmp/zanryo"

[defaults]
poll_interval = "12h"

[[modem]]
device = "/dev/ttyUSB2"
method = "sms"
sms_number = "0000"
sms_text = "残高"
sms_senders = ["0000", "MVNO"]
reply_timeout = "3m"
[modem.thresholds]
data_bytes = "500MB"
data_percent = 10
money = "100.00"
expiry_days = 3
run_out = true
)",
			     "zanryod.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	ASSERT_EQ(c->modems.size(), 1u);
	const ModemConfig &m = c->modems[0];
	EXPECT_EQ(c->stateDir, "/tmp/zanryo");
	EXPECT_EQ(m.method, QueryMethod::Sms);
	EXPECT_EQ(m.smsText, "残高");
	EXPECT_EQ(m.smsSenders.size(), 2u);
	EXPECT_EQ(m.pollInterval, std::chrono::hours(12)) << "inherits [defaults]";
	EXPECT_EQ(m.replyTimeout, std::chrono::minutes(3));
	EXPECT_EQ(m.thresholds.dataBytes, 500ull << 20);
	EXPECT_EQ(m.thresholds.dataPercent, 10u);
	EXPECT_EQ(m.thresholds.money, "100.00");
	EXPECT_EQ(m.thresholds.expiryDays, 3u);
	EXPECT_TRUE(m.thresholds.runOut);
	EXPECT_EQ(m.thresholds.bucket, "") << "the reading's own figures by default";
	EXPECT_FALSE(m.thresholds.count);
}

TEST(Config, thresholdsMayNameABucket)
{
	auto c = parseConfig("[[modem]]\ndevice = \"/dev/ttyUSB2\"\n[modem.thresholds]\nbucket = \"sms\"\ncount = 10\n"
			     "expiry_days = 2\n",
			     "zanryod.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(c->modems[0].thresholds.bucket, "sms");
	EXPECT_EQ(c->modems[0].thresholds.count, 10u);
	EXPECT_EQ(c->modems[0].thresholds.expiryDays, 2u);
}

struct BadConfig {
	const char *name;
	const char *text;
	const char *message; // expected substring
};

class ConfigErrors : public testing::TestWithParam<BadConfig>
{
};

TEST_P(ConfigErrors, nameFileLineAndKey)
{
	auto c = parseConfig(GetParam().text, "/etc/zanryo/zanryod.toml");
	ASSERT_FALSE(c.ok());
	EXPECT_EQ(c.error().code, Errc::ConfigError);
	EXPECT_NE(c.error().message().find(GetParam().message), std::string::npos)
		<< c.error().message();
}

INSTANTIATE_TEST_SUITE_P(
	All, ConfigErrors,
	testing::Values(
		BadConfig{ "syntaxError", "[daemon\nstate_dir = 1", "/etc/zanryo/zanryod.toml:1" },
		BadConfig{ "unknownTopKey", "\n\nfoo = 1", "/etc/zanryo/zanryod.toml:3: unknown key 'foo'" },
		BadConfig{ "typoInModemKey", "[[modem]]\ndevice = \"/dev/ttyUSB2\"\npoll_intervall = \"1h\"",
			   ":3: unknown key 'modem[0].poll_intervall'" },
		BadConfig{ "wrongType", "[daemon]\nstate_dir = 5", ":2: 'daemon.state_dir' must be a string" },
		BadConfig{ "badDuration", "[defaults]\npoll_interval = \"soon\"", "'defaults.poll_interval' must be a duration" },
		BadConfig{ "badSize", "[[modem]]\ndevice=\"x\"\n[modem.thresholds]\ndata_bytes = \"lots\"",
			   ":4: 'modem[0].thresholds.data_bytes' must be a size" },
		BadConfig{ "percentOver100", "[[modem]]\ndevice=\"x\"\n[modem.thresholds]\ndata_percent = 150",
			   "must be a whole number from 0 to 100" },
		BadConfig{ "runOutAsString", "[[modem]]\ndevice=\"x\"\n[modem.thresholds]\nrun_out = \"yes\"",
			   ":4: 'modem[0].thresholds.run_out' must be true or false" },
		BadConfig{ "moneyAsFloat", "[[modem]]\ndevice=\"x\"\n[modem.thresholds]\nmoney = 1.5",
			   "must be a decimal amount as a string" },
		BadConfig{ "thresholdBucketNotAKind", "[[modem]]\ndevice=\"x\"\n[modem.thresholds]\nmoney = \"5.00\"\nbucket = \"credit\"",
			   ":5: 'modem[0].thresholds.bucket' must be one of \"main\", \"bonus\", \"data\", \"sms\", \"minutes\", \"other\"" },
		BadConfig{ "thresholdBucketNotAString", "[[modem]]\ndevice=\"x\"\n[modem.thresholds]\nbucket = 2",
			   ":4: 'modem[0].thresholds.bucket' must be a string" },
		BadConfig{ "countWithoutBucket", "[[modem]]\ndevice=\"x\"\n[modem.thresholds]\ncount = 10",
			   ":4: 'modem[0].thresholds.count' must be given with 'bucket'" },
		BadConfig{ "modemWithoutDevice", "[[modem]]\nname = \"a\"", "'modem[0]' needs a device" },
		BadConfig{ "ussdWithoutCode", "[[modem]]\ndevice=\"x\"\nmethod=\"ussd\"", "no 'ussd' code" },
		BadConfig{ "unknownMethod", "[[modem]]\ndevice=\"x\"\nmethod=\"carrier-pigeon\"", "must be one of" },
		BadConfig{ "unknownDiscoverMode", "[daemon]\nstate_dir = \"/x\"\ndiscover = \"udev\"",
			   ":3: 'daemon.discover' must be one of \"auto\", \"modem-manager\", \"direct\", \"off\"" },
		BadConfig{ "emptyDiscoverMode", "[daemon]\ndiscover = \"\"", ":2: 'daemon.discover' must be one of" },
		BadConfig{ "discoverAsBool", "[daemon]\ndiscover = false", ":2: 'daemon.discover' must be a string" },
		BadConfig{ "minLongerThanPoll", "[defaults]\npoll_interval=\"1h\"\nmin_interval=\"2h\"",
			   "min_interval is longer than poll_interval" }),
	[](const testing::TestParamInfo<BadConfig> &p) { return p.param.name; });

TEST(Config, qmiModemWithItsAtPortForUssd)
{
	auto c = parseConfig("[[modem]]\ndevice = \"/dev/cdc-wdm0\"\nat_port = \"/dev/ttyUSB2\"\n", "z.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(c->modems.at(0).atPort, "/dev/ttyUSB2");
	auto d = parseConfig("[defaults]\nat_port = \"/dev/ttyUSB2\"\n", "z.toml");
	ASSERT_FALSE(d.ok()) << "one AT port cannot belong to every modem";
	EXPECT_NE(d.error().message().find("defaults.at_port"), std::string::npos) << d.error().message();
}

TEST(Config, durationsAndSizes)
{
	EXPECT_EQ(parseDuration("90s"), std::chrono::seconds(90));
	EXPECT_EQ(parseDuration("15m"), std::chrono::minutes(15));
	EXPECT_EQ(parseDuration("2d"), std::chrono::hours(48));
	EXPECT_EQ(parseDuration("30"), std::chrono::seconds(30));
	EXPECT_FALSE(parseDuration("-1h"));
	EXPECT_FALSE(parseDuration("h"));
	EXPECT_FALSE(parseDuration("99999999999999999999s"));
	EXPECT_EQ(parseByteSize("1.5GB"), 1536ull << 20);
	EXPECT_EQ(parseByteSize("500 MB"), 500ull << 20);
	EXPECT_EQ(parseByteSize("1024"), 1024u);
	EXPECT_FALSE(parseByteSize("1.5"));
	EXPECT_FALSE(parseByteSize("5 parsecs"));
	EXPECT_FALSE(parseByteSize("."));
}

TEST(Config, ussdMenuTimeoutDefaultsToThreeMinutesAndIsPerModem)
{
	auto c = parseConfig("[defaults]\nussd_menu_timeout = \"90s\"\n"
			     "[[modem]]\ndevice = \"/dev/ttyUSB2\"\n"
			     "[[modem]]\ndevice = \"/dev/ttyUSB5\"\nussd_menu_timeout = \"10m\"\n",
			     "z.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(ModemConfig{}.ussdMenuTimeout, std::chrono::minutes(3));
	ASSERT_EQ(c->modems.size(), 2u);
	EXPECT_EQ(c->modems[0].ussdMenuTimeout, std::chrono::seconds(90));
	EXPECT_EQ(c->modems[1].ussdMenuTimeout, std::chrono::minutes(10));
}

} // namespace
} // namespace zanryo
