// Configuration keys of the alert hook and the history (docs/configuration.md).
#include <gtest/gtest.h>

#include "config.hpp"

namespace zanryo {
namespace {

TEST(ConfigAlert, defaultsNoHookAndNinetyDaysOfHistory)
{
	auto c = parseConfig("[[modem]]\ndevice = \"/dev/ttyUSB2\"\n", "zanryod.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(c->historyDays, 90u);
	EXPECT_TRUE(c->modems[0].alert.command.empty());
	EXPECT_FALSE(c->modems[0].alert.onReading);
	EXPECT_EQ(c->modems[0].alert.timeout, std::chrono::seconds(30));
}

TEST(ConfigAlert, hookFromDefaultsOverriddenPerModem)
{
	auto c = parseConfig(R"(
[daemon]
history_days = 30

[defaults]
alert_command = ["/usr/local/bin/notify", "--urgent", "zanryo low"]
alert_timeout = "10s"

[[modem]]
device = "/dev/ttyUSB2"
alert_on_reading = true

[[modem]]
device = "/dev/ttyUSB5"
alert_command = []
)",
			     "zanryod.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(c->historyDays, 30u);
	ASSERT_EQ(c->modems.size(), 2u);
	EXPECT_EQ(c->modems[0].alert.command,
		  (std::vector<std::string>{ "/usr/local/bin/notify", "--urgent", "zanryo low" }));
	EXPECT_TRUE(c->modems[0].alert.onReading);
	EXPECT_EQ(c->modems[0].alert.timeout, std::chrono::seconds(10));
	EXPECT_TRUE(c->modems[1].alert.command.empty()) << "an empty array switches the hook off";
}

TEST(ConfigAlert, historyCanBeSwitchedOff)
{
	auto c = parseConfig("[daemon]\nhistory_days = 0\n", "zanryod.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(c->historyDays, 0u);
}

struct BadAlert {
	const char *name;
	const char *text;
	const char *message;
};

class ConfigAlertErrors : public testing::TestWithParam<BadAlert>
{
};

TEST_P(ConfigAlertErrors, nameLineAndKey)
{
	auto c = parseConfig(GetParam().text, "zanryod.toml");
	ASSERT_FALSE(c.ok());
	EXPECT_NE(c.error().message().find(GetParam().message), std::string::npos) << c.error().message();
}

INSTANTIATE_TEST_SUITE_P(
	All, ConfigAlertErrors,
	testing::Values(
		// A shell command line is exactly what the argv array exists to avoid.
		BadAlert{ "commandAsShellString", "[[modem]]\ndevice=\"x\"\nalert_command = \"notify $ZANRYO_VALUE\"",
			  ":3: 'modem[0].alert_command' must be an array of strings" },
		BadAlert{ "relativeProgram", "[[modem]]\ndevice=\"x\"\nalert_command = [\"notify\"]",
			  "'modem[0].alert_command' must start with an absolute program path" },
		BadAlert{ "zeroTimeout", "[defaults]\nalert_command = [\"/bin/true\"]\nalert_timeout = 0",
			  "'defaults.alert_timeout' must be longer than 0 s" },
		BadAlert{ "onReadingNotBool", "[[modem]]\ndevice=\"x\"\nalert_on_reading = \"yes\"",
			  ":3: 'modem[0].alert_on_reading' must be true or false" },
		BadAlert{ "historyTooLong", "[daemon]\nhistory_days = 100000", "'daemon.history_days' must be a whole number from 0 to 3650" }),
	[](const testing::TestParamInfo<BadAlert> &p) { return p.param.name; });

} // namespace
} // namespace zanryo
