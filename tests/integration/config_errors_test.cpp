// zanryod refuses a configuration it cannot honour exactly: exit 78 (EX_CONFIG) with
// file:line:key, before it owns its bus name. Real dbus-daemon and zanryod.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include <sys/stat.h>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

struct Refused {
	const char *name;
	const char *toml;
	const char *message;
};

class ZanryodRefusesConfig : public testing::TestWithParam<Refused>
{
};

TEST_P(ZanryodRefusesConfig, exits78NamingLineAndKey)
{
	PrivateBus bus;
	Zanryod daemon(bus, { GetParam().toml, {}, {} });
	auto code = daemon.process().wait(within(10s));
	ASSERT_TRUE(code.has_value()) << "zanryod kept running: " << daemon.log();
	EXPECT_EQ(*code, 78);
	EXPECT_NE(daemon.log().find(GetParam().message), std::string::npos) << daemon.log();
	EXPECT_FALSE(bus.hasOwner(kService));
}

INSTANTIATE_TEST_SUITE_P(
	All, ZanryodRefusesConfig,
	testing::Values(
		Refused{ "booleanPollInterval", "[[modem]]\ndevice = \"/dev/ttyUSB2\"\npoll_interval = true\n",
			 ".toml:3: 'modem[0].poll_interval' must be a duration" },
		Refused{ "int64MaxSeconds", "[defaults]\nmin_interval = 9223372036854775807\n",
			 ".toml:2: 'defaults.min_interval' must be a duration" },
		Refused{ "wrappingAllowance", "[[modem]]\ndevice = \"/dev/ttyUSB2\"\n[modem.plan]\nallowance = \"17179869185GB\"\n",
			 ".toml:4: 'modem[0].plan.allowance' must be a size" },
		Refused{ "moneyBeyondInt64", "[[modem]]\ndevice = \"/dev/ttyUSB2\"\n[modem.thresholds]\nmoney = \"99999999999999999999\"\n",
			 ".toml:4: 'modem[0].thresholds.money' must be a decimal amount" },
		Refused{ "ussdCodeInjection", "[[modem]]\ndevice = \"/dev/ttyUSB2\"\nmethod = \"ussd\"\nussd = \"*100#;AT+CFUN=0\"\n",
			 ".toml:4: 'modem[0].ussd': a USSD code is 1 to 182 characters" }),
	[](const testing::TestParamInfo<Refused> &p) { return p.param.name; });

Process::Result zanryodWithConfig(PrivateBus &bus, const std::string &config, const std::string &stateDir)
{
	return Process::run(binaryPath("daemon/zanryod"),
			    { "--bus", bus.address(), "--state-dir", stateDir, "--config", config }, 10s);
}

TEST(ZanryodConfigPath, directoryExits78SayingSo)
{
	PrivateBus bus;
	TempDir dir;
	auto r = zanryodWithConfig(bus, dir.path(), dir.file("state"));
	EXPECT_EQ(r.exitCode, 78) << r.err;
	EXPECT_NE(r.err.find(dir.path() + ": is a directory, not a configuration file"), std::string::npos) << r.err;
}

TEST(ZanryodConfigPath, fifoExits78WithoutBlocking)
{
	PrivateBus bus;
	TempDir dir;
	std::string fifo = dir.file("zanryod.toml");
	ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
	auto r = zanryodWithConfig(bus, fifo, dir.file("state"));
	EXPECT_EQ(r.exitCode, 78) << "killed at the time limit when it blocks: " << r.err;
	EXPECT_NE(r.err.find(": is not a regular file (a FIFO"), std::string::npos) << r.err;
}

} // namespace
} // namespace zanryo::test
