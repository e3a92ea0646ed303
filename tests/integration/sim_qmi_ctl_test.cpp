// zanryoctl --device on a QMI port: the real zanryoctl binary, through real libqmi-glib,
// against zanryo-qmi-sim. What a user typing the command sees.
#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/qmi_sim.hpp"
#include "support/sim_modem.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const char *const kJpReply =
	"【データ残量】\n今月の残りデータ量は1.25GBです。\n有効期限：2026年12月31日\n"
	"ご利用ありがとうございます。追加チャージはマイページから。";

std::string ctlPath()
{
	return binaryPath("dbus/zanryoctl/zanryoctl");
}

Process::Result ctl(std::vector<std::string> args)
{
	return Process::run(ctlPath(), std::move(args), 60s);
}

Json status(QmiSim &sim)
{
	return Json::parse(sim.control("status"));
}

// jp-mvno.toml's identity, as DMS, NAS and UIM report it.
TEST(SimQmiCtl, infoPrintsTheQmiIdentity)
{
	QmiSim sim("jp-mvno");
	auto r = ctl({ "--device", "qmi:" + sim.link(), "info" });
	ASSERT_EQ(r.exitCode, 0) << r.err << sim.log();
	Json id = Json::parse(r.out);
	EXPECT_EQ(id["device"], sim.link());
	EXPECT_EQ(id["transport"], "qmi");
	EXPECT_EQ(id["manufacturer"], "Quectel");
	EXPECT_EQ(id["model"], "EC25");
	EXPECT_EQ(id["revision"], "EC25JFAR06A05M4G");
	EXPECT_EQ(id["imei"], "867000000000005");
	EXPECT_EQ(id["imsi"], "440100123456789");
	EXPECT_EQ(id["iccid"], "8981100012345678901");
	EXPECT_EQ(id["spn"], "Sim MVNO");
	EXPECT_EQ(id["operatorMcc"], "440");
	EXPECT_EQ(id["operatorMnc"], "10");
	EXPECT_EQ(id["operatorName"], "NTT DOCOMO");
	// The AT quirk row and TE character set mean nothing on QMI.
	EXPECT_FALSE(id.contains("quirks")) << r.out;
	EXPECT_FALSE(id.contains("charset")) << r.out;
	// It really went over QMI: the simulator handed out the DMS client.
	EXPECT_NE(sim.log().find("allocated DMS client"), std::string::npos) << sim.log();
}

TEST(SimQmiCtl, ussdPrintsTheNetworkAnswer)
{
	QmiSim sim("ru-prepaid");
	auto r = ctl({ "--device", "qmi:" + sim.link(), "ussd", "*100#" });
	EXPECT_EQ(r.exitCode, 0) << r.err << sim.log();
	EXPECT_EQ(r.out, "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026\n");
	EXPECT_NE(sim.log().find("originate *100#"), std::string::npos) << sim.log();
}

// generic-en.toml *101#: the menu, "3" (offers), "1" (1 GB), in one VOICE session.
TEST(SimQmiCtl, ussdMenuWalkWithThen)
{
	QmiSim sim("generic-en");
	auto r = ctl(
		{ "--device", "qmi:" + sim.link(), "ussd", "*101#", "--then", "3", "--then", "1" });
	EXPECT_EQ(r.exitCode, 0) << r.err << sim.log();
	EXPECT_EQ(r.out, "1. Balance\n2. Data\n3. Offers\n1. 1 GB for 2 GBP\n2. 5 GB for 5 GBP\n"
			 "1 GB added. Balance: 10.34 GBP\n");
}

TEST(SimQmiCtl, ussdMenuWalkJsonEndsDone)
{
	QmiSim sim("generic-en");
	auto r = ctl({ "--device", "qmi:" + sim.link(), "ussd", "*101#", "--then", "2", "--json" });
	ASSERT_EQ(r.exitCode, 0) << r.err << sim.log();
	Json reply = Json::parse(r.out);
	EXPECT_EQ(reply["status"], "done");
	EXPECT_EQ(reply["text"], "Data left: 2.5 GB until 31/12/2026");
}

// Direct mode on QMI answers only a session its own call opened: the menu is printed, and
// a later ussd-respond (a new process, new VOICE client) finds no session.
TEST(SimQmiCtl, ussdRespondInALaterCallFindsNoSession)
{
	QmiSim sim("generic-en");
	auto menu = ctl({ "--device", "qmi:" + sim.link(), "ussd", "*101#", "--json" });
	ASSERT_EQ(menu.exitCode, 0) << menu.err << sim.log();
	EXPECT_EQ(Json::parse(menu.out)["status"], "action-required");
	auto r = ctl({ "--device", "qmi:" + sim.link(), "ussd-respond", "1" });
	EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
	// libqmi may warn on stderr first that a pty is no USB or WWAN port.
	EXPECT_NE(r.err.find("zanryoctl: no USSD session is open\n"), std::string::npos) << r.err;
}

TEST(SimQmiCtl, menuEndingEarlyIsAnError)
{
	QmiSim sim("generic-en");
	auto r = ctl({ "--device", "qmi:" + sim.link(), "ussd", "*100#", "--then", "1" });
	EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
	EXPECT_NE(r.err.find("the menu ended before answer 1 ('1')"), std::string::npos) << r.err;
}

// jp-mvno.toml: "残高" to 00000; the reply comes back in three UCS-2 parts. The reply is
// held back long enough for `sms wait` to be listening when it arrives (one process at a
// time can own the port), and the [[notice]] from the same number is left out.
TEST(SimQmiCtl, smsSendThenWaitPrintsTheReassembledReply)
{
	TempDir dir;
	std::string scenario = readFile(sourcePath("tests/sim/scenarios/jp-mvno.toml"));
	scenario = std::regex_replace(scenario, std::regex("delay_ms = 500"), "delay_ms = 6000");
	scenario = scenario.substr(0, scenario.find("[[notice]]"));
	QmiSim sim(dir.write("jp-mvno-slow.toml", scenario));
	const std::string device = "qmi:" + sim.link();

	auto sent = ctl({ "--device", device, "sms", "send", "00000", "残高" });
	ASSERT_EQ(sent.exitCode, 0) << sent.err << sim.log();
	Json out = Json::parse(sent.out);
	EXPECT_EQ(out["to"], "00000");
	EXPECT_EQ(out["parts"], 1);
	EXPECT_EQ(status(sim)["sms_sent"], 1);
	ASSERT_TRUE(
		waitUntil([&] { return status(sim)["sms_reporting_clients"] == 0; }, within(10s)));

	Process waiter(ctlPath(), { "--device", device, "sms", "wait", "--from", "00000", "--json",
				    "--timeout", "30" });
	ASSERT_TRUE(
		waitUntil([&] { return status(sim)["sms_reporting_clients"] == 1; }, within(10s)))
		<< waiter.stderrText() << sim.log();
	// A spoof from another number is seen by the modem and not taken.
	ASSERT_EQ(sim.control("deliver-sms +819099999999 残りデータ量は99GBです"), "ok");
	auto code = waiter.wait(within(40s));
	ASSERT_TRUE(code) << sim.log();
	ASSERT_EQ(*code, 0) << waiter.stderrText() << sim.log();
	Json reply = Json::parse(waiter.stdoutText());
	EXPECT_EQ(reply["sender"], "00000");
	EXPECT_EQ(reply["text"], kJpReply);
	EXPECT_EQ(reply["parts"], 3);
	EXPECT_EQ(reply["complete"], true);

	// Direct mode leaves what it read in storage, as on AT: a later call still finds it.
	auto later = ctl({ "--device", device, "sms", "list" });
	ASSERT_EQ(later.exitCode, 0) << later.err << sim.log();
	Json list = Json::parse(later.out);
	EXPECT_TRUE(std::any_of(list.begin(), list.end(), [](const Json &m) { return m["text"] == kJpReply; }))
		<< later.out;
}

TEST(SimQmiCtl, smsListReadsTheStorage)
{
	QmiSim sim("generic-en");
	ASSERT_EQ(sim.control("deliver-sms 12345 Your data balance is 3 GB"), "ok");
	auto r = ctl({ "--device", "qmi:" + sim.link(), "sms", "list" });
	ASSERT_EQ(r.exitCode, 0) << r.err << sim.log();
	Json list = Json::parse(r.out);
	ASSERT_EQ(list.size(), 1u) << r.out;
	EXPECT_EQ(list[0]["sender"], "12345");
	EXPECT_EQ(list[0]["text"], "Your data balance is 3 GB");
	EXPECT_EQ(status(sim)["sms_stored"], 1) << "list leaves the storage as it is";
}

TEST(SimQmiCtl, atPrefixForcesAtOnAQmiPort)
{
	QmiSim sim("generic-en");
	auto r = ctl({ "--device", "at:" + sim.link(), "--timeout", "5", "info" });
	EXPECT_EQ(r.exitCode, 1) << r.out;
	EXPECT_NE(r.err.find("does not answer AT"), std::string::npos) << r.err;
}

struct CliFailureCase {
	const char *name;
	std::vector<std::string> args;
	int exitCode;
	const char *stderrText;
};

class SimQmiCtlFailure : public ::testing::TestWithParam<CliFailureCase>
{
};

TEST_P(SimQmiCtlFailure, exitsWithAClearMessage)
{
	const CliFailureCase &c = GetParam();
	auto r = ctl(c.args);
	EXPECT_EQ(r.exitCode, c.exitCode) << r.out << r.err;
	EXPECT_NE(r.err.find(c.stderrText), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
	Cli, SimQmiCtlFailure,
	::testing::Values(CliFailureCase{ "emptyPathAfterQmi",
					  { "--device", "qmi:", "info" },
					  2,
					  "zanryoctl: empty device path after qmi:" },
			  CliFailureCase{
				  "missingQmiDevice",
				  { "--device", "qmi:/dev/zanryo-no-such-device", "info" },
				  1,
				  "zanryoctl: /dev/zanryo-no-such-device: no such QMI device" }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

} // namespace
} // namespace zanryo::test
