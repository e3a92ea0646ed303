// Values of the right shape but the wrong type or beyond what zanryod can count are
// errors naming file:line:key (exit 78), never a 1 s poll, a wrapped allowance or a
// threshold that never fires; and --config on something that is not a regular file
// says why without blocking.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "config.hpp"

namespace zanryo {
namespace {

struct OutOfRange {
	const char *name;
	const char *text;
	const char *message; // expected substring
};

class ConfigOutOfRange : public testing::TestWithParam<OutOfRange>
{
};

TEST_P(ConfigOutOfRange, isAnErrorNamingFileLineAndKey)
{
	auto c = parseConfig(GetParam().text, "/etc/zanryo/zanryod.toml");
	ASSERT_FALSE(c.ok()) << GetParam().text;
	EXPECT_EQ(c.error().code, Errc::ConfigError);
	EXPECT_NE(c.error().message().find(GetParam().message), std::string::npos) << c.error().message();
}

constexpr const char *kModem = "[[modem]]\ndevice = \"/dev/ttyUSB2\"\n";

INSTANTIATE_TEST_SUITE_P(
	All, ConfigOutOfRange,
	testing::Values(
		// toml++ would read true as the integer 1: a 1 s poll.
		OutOfRange{ "booleanAsPollInterval", "[defaults]\npoll_interval = true",
			    "/etc/zanryo/zanryod.toml:2: 'defaults.poll_interval' must be a duration" },
		OutOfRange{ "booleanAsMinInterval", "[[modem]]\ndevice = \"x\"\nmin_interval = false",
			    ":3: 'modem[0].min_interval' must be a duration" },
		OutOfRange{ "floatAsDuration", "[defaults]\nreply_timeout = 1.0", ":2: 'defaults.reply_timeout' must be a duration" },
		OutOfRange{ "int64MaxSeconds", "[defaults]\npoll_interval = 9223372036854775807",
			    ":2: 'defaults.poll_interval' must be a duration" },
		OutOfRange{ "negativeSeconds", "[defaults]\njitter = -1", ":2: 'defaults.jitter' must be a duration" },
		OutOfRange{ "durationStringBeyond100Years", "[defaults]\nbackoff_max = \"36501d\"",
			    ":2: 'defaults.backoff_max' must be a duration" },
		OutOfRange{ "hugeDaysThatWouldOverflowNanoseconds", "[defaults]\nbackoff_max = \"3153600000d\"",
			    ":2: 'defaults.backoff_max' must be a duration" },
		OutOfRange{ "sizeThatWrapsUint64", "[[modem]]\ndevice = \"x\"\n[modem.plan]\nallowance = \"17179869185GB\"",
			    ":4: 'modem[0].plan.allowance' must be a size" },
		OutOfRange{ "sizeBeyondInt64", "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\ndata_bytes = \"8388608TB\"",
			    ":4: 'modem[0].thresholds.data_bytes' must be a size" },
		OutOfRange{ "booleanAsSize", "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\ndata_bytes = true",
			    ":4: 'modem[0].thresholds.data_bytes' must be a size" },
		OutOfRange{ "booleanAsPercent", "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\ndata_percent = true",
			    ":4: 'modem[0].thresholds.data_percent' must be a whole number" },
		OutOfRange{ "integerAsBoolean", "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\nrun_out = 1",
			    ":4: 'modem[0].thresholds.run_out' must be true or false" },
		OutOfRange{ "moneyBeyondInt64MinorUnits",
			    "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\nmoney = \"92233720368547758.08\"",
			    ":4: 'modem[0].thresholds.money' must be a decimal amount" },
		OutOfRange{ "moneyOf13Digits", "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\nmoney = \"1000000000000\"",
			    ":4: 'modem[0].thresholds.money' must be a decimal amount" },
		OutOfRange{ "booleanAsHistoryDays", "[daemon]\nhistory_days = true", ":2: 'daemon.history_days' must be a whole number" },
		// The same rule as Ussd.Initiate on D-Bus: nothing else reaches the modem.
		OutOfRange{ "ussdCodeWithAtInjection",
			    "[[modem]]\ndevice = \"x\"\nmethod = \"ussd\"\nussd = \"*100#\\r\\nAT+CFUN=0\"",
			    ":4: 'modem[0].ussd': a USSD code is 1 to 182 characters of 0-9, *, # and +" },
		OutOfRange{ "ussdCodeWithLetters", "[defaults]\nussd = \"*100#;rm\"",
			    ":2: 'defaults.ussd': a USSD code is 1 to 182 characters" },
		OutOfRange{ "ussdCodeTooLong", "[[modem]]\ndevice = \"x\"\nmethod = \"ussd\"\nussd = \"*1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111#\"",
			    ":4: 'modem[0].ussd': a USSD code is 1 to 182 characters" },
		// Issue 13 §6: the idle timeout of an open USSD menu.
		OutOfRange{ "booleanAsUssdMenuTimeout", "[defaults]\nussd_menu_timeout = true",
			    ":2: 'defaults.ussd_menu_timeout' must be a duration" },
		OutOfRange{ "ussdMenuTimeoutZero", "[[modem]]\ndevice = \"x\"\nussd_menu_timeout = 0",
			    ":3: 'modem[0].ussd_menu_timeout' must be a duration from 5s to 1h" },
		OutOfRange{ "ussdMenuTimeoutOverAnHour", "[defaults]\nussd_menu_timeout = \"2h\"",
			    ":2: 'defaults.ussd_menu_timeout' must be a duration from 5s to 1h" }),
	[](const testing::TestParamInfo<OutOfRange> &p) { return p.param.name; });

struct InRange {
	const char *name;
	const char *text;
};

class ConfigInRange : public testing::TestWithParam<InRange>
{
};

TEST_P(ConfigInRange, isAccepted)
{
	auto c = parseConfig(GetParam().text, "zanryod.toml");
	EXPECT_TRUE(c.ok()) << c.error().message();
}

INSTANTIATE_TEST_SUITE_P(
	All, ConfigInRange,
	testing::Values(InRange{ "hundredYearsInSeconds", "[defaults]\nbackoff_max = 3153600000\npoll_interval = 3153600000" },
			InRange{ "oneTerabyteAllowance", "[[modem]]\ndevice = \"x\"\n[modem.plan]\nallowance = \"1TB\"" },
			InRange{ "moneyOf12DigitsAndSixDecimals",
				 "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\nmoney = \"999999999999.999999\"" },
			InRange{ "moneyWithLeadingZeros", "[[modem]]\ndevice = \"x\"\n[modem.thresholds]\nmoney = \"0000000000000100.00\"" },
			InRange{ "ussdCodeWithPlus", "[[modem]]\ndevice = \"x\"\nmethod = \"ussd\"\nussd = \"*#100#+1\"" },
			InRange{ "ussdMenuTimeoutOneMinute", "[[modem]]\ndevice = \"x\"\nussd_menu_timeout = \"1m\"" }),
	[](const testing::TestParamInfo<InRange> &p) { return p.param.name; });

TEST(ConfigLimits, parsersRefuseWhatWouldOverflow)
{
	EXPECT_FALSE(parseByteSize("17179869185GB"));
	EXPECT_FALSE(parseByteSize("9223372036854775808"));
	EXPECT_EQ(parseByteSize("9223372036854775807"), std::nullopt) << "above the 2^50 digit bound";
	EXPECT_EQ(parseByteSize("8EB"), std::nullopt) << "no such unit";
	EXPECT_EQ(parseByteSize("8388607TB"), 8388607ull << 40);
	EXPECT_FALSE(parseDuration("3153600000d"));
	EXPECT_EQ(parseDuration("36500d"), std::chrono::hours(24 * 36500));
}

class ConfigFile : public testing::Test
{
protected:
	void SetUp() override
	{
		dir = std::filesystem::path(testing::TempDir()) / ("zanryo-config-" + std::to_string(::getpid()));
		std::filesystem::create_directories(dir);
	}
	void TearDown() override { std::filesystem::remove_all(dir); }
	std::filesystem::path dir;
};

TEST_F(ConfigFile, directoryIsRefusedSayingSo)
{
	auto c = loadConfig(dir.string());
	ASSERT_FALSE(c.ok());
	EXPECT_EQ(c.error().code, Errc::ConfigError);
	EXPECT_EQ(c.error().message(), dir.string() + ": is a directory, not a configuration file");
}

TEST_F(ConfigFile, fifoIsRefusedWithoutWaitingForAWriter)
{
	std::string fifo = (dir / "zanryod.toml").string();
	ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
	auto c = loadConfig(fifo);  // would block forever in a plain open()
	ASSERT_FALSE(c.ok());
	EXPECT_EQ(c.error().code, Errc::ConfigError);
	EXPECT_NE(c.error().message().find(": is not a regular file (a FIFO"), std::string::npos) << c.error().message();
}

TEST_F(ConfigFile, unreadableFileSaysWhy)
{
	// A regular file whose read fails even for root (tests run as root, which ignores modes).
	auto c = loadConfig("/proc/self/mem");
	ASSERT_FALSE(c.ok());
	EXPECT_EQ(c.error().code, Errc::ConfigError);
	EXPECT_NE(c.error().message().find("/proc/self/mem: cannot read the configuration file: "), std::string::npos)
		<< c.error().message();
}

TEST_F(ConfigFile, missingFileIsNotFound)
{
	auto c = loadConfig((dir / "nope.toml").string());
	ASSERT_FALSE(c.ok());
	EXPECT_EQ(c.error().code, Errc::NotFound);
	EXPECT_NE(c.error().message().find("No such file or directory"), std::string::npos) << c.error().message();
}

TEST_F(ConfigFile, regularFileIsParsed)
{
	std::string path = (dir / "zanryod.toml").string();
	std::ofstream(path) << "[defaults]\npoll_interval = \"3h\"\n";
	auto c = loadConfig(path);
	ASSERT_TRUE(c.ok()) << c.error().message();
	EXPECT_EQ(c->defaults.pollInterval, std::chrono::hours(3));
}

} // namespace
} // namespace zanryo
