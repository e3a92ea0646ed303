// AtModem and `zanryoctl --device` against zanryo-modem-sim: the real serial code on a
// pty, carriers that answer in plain text, UCS-2 and packed GSM 7-bit hex, menus, faults
// (hang, garbage, URC inside a reply, unplug/replug) and the SMS keyword flow.

#include <chrono>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "libmodem/backend/at_modem.hpp"
#include "support/process.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
using test::Process;
using test::SimModem;
using test::waitUntil;
using test::within;
namespace asio = boost::asio;

class SimAtModemTest : public ::testing::Test
{
protected:
	void start(const std::string &scenario)
	{
		sim = std::make_unique<SimModem>(scenario);
		AtModemOptions opts;
		opts.channel.reopenInitialDelay = 20ms;
		opts.channel.reopenMaxDelay = 200ms;
		modem = AtModem::create(io.get_executor(), sim->link(), opts);
		auto r = run(modem->open());
		ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "open did not finish");
		ASSERT_EQ(modem->state(), ModemState::Ready);
	}
	void TearDown() override
	{
		if (modem)
			(void)run(modem->close());
		io.poll();
		sim.reset();
	}

	template<typename T>
	std::optional<T> run(asio::awaitable<T> aw, std::chrono::milliseconds limit = 30s)
	{
		std::optional<T> result;
		auto wrapper = [](asio::awaitable<T> inner, std::optional<T> &out) -> asio::awaitable<void> {
			out.emplace(co_await std::move(inner));
		};
		asio::co_spawn(io, wrapper(std::move(aw), result), [](std::exception_ptr) {});
		auto deadline = std::chrono::steady_clock::now() + limit;
		while (!result && std::chrono::steady_clock::now() < deadline)
			io.run_one_for(20ms);
		return result;
	}
	std::optional<bool> run(asio::awaitable<void> aw)
	{
		auto wrapper = [](asio::awaitable<void> inner) -> asio::awaitable<bool> {
			co_await std::move(inner);
			co_return true;
		};
		return run(wrapper(std::move(aw)));
	}
	bool pumpUntil(const std::function<bool()> &cond, std::chrono::milliseconds limit = 10s)
	{
		auto deadline = std::chrono::steady_clock::now() + limit;
		while (!cond() && std::chrono::steady_clock::now() < deadline)
			io.run_one_for(20ms);
		return cond();
	}
	Result<UssdReply> ussd(const std::string &code, std::chrono::milliseconds timeout = 10s)
	{
		auto r = run(modem->ussdInitiate(code, timeout));
		if (!r)
			return makeError(Errc::Timeout, "test: ussdInitiate did not finish");
		return std::move(*r);
	}

	asio::io_context io;
	std::unique_ptr<SimModem> sim;
	std::shared_ptr<AtModem> modem;
};

TEST_F(SimAtModemTest, identityOfTheGenericModem)
{
	start("generic-en");
	auto id = run(modem->identity());
	ASSERT_TRUE(id && id->ok()) << (id ? id->error().message() : "");
	const ModemIdentity &v = **id;
	EXPECT_EQ(v.manufacturer, "zanryo");
	EXPECT_EQ(v.model, "SIM-LTE");
	EXPECT_EQ(v.imei, "350000000000006");
	EXPECT_EQ(v.imsi, "001010123456789");
	EXPECT_EQ(v.iccid, "8900101234567890123");
	EXPECT_EQ(v.operatorMcc, "001");
	EXPECT_EQ(v.operatorMnc, "01");
	EXPECT_EQ(v.operatorName, "Test Network");
}

TEST_F(SimAtModemTest, identityOfAQuectelPicksItsQuirkRow)
{
	start("jp-mvno");
	EXPECT_EQ(modem->quirks().device, "Quectel EC25/EG25/EC21/EP06/EM06");
	auto id = run(modem->identity());
	ASSERT_TRUE(id && id->ok()) << (id ? id->error().message() : "");
	EXPECT_EQ((*id)->imsi, "440100123456789");
	EXPECT_EQ((*id)->iccid, "8981100012345678901");
	EXPECT_EQ((*id)->operatorMcc, "440");
	EXPECT_EQ((*id)->operatorMnc, "10");
}

struct UssdCase {
	const char *name;
	const char *scenario;
	const char *code;
	UssdStatus status;
	const char *text;
};

class SimUssdTest : public SimAtModemTest, public ::testing::WithParamInterface<UssdCase>
{
};

TEST_P(SimUssdTest, decodesTheCarriersAnswer)
{
	const UssdCase &c = GetParam();
	start(c.scenario);
	auto r = ussd(c.code);
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->status, c.status) << r->raw;
	EXPECT_EQ(r->text, c.text) << r->raw;
}

INSTANTIATE_TEST_SUITE_P(
	Carriers, SimUssdTest,
	::testing::Values(
		UssdCase{ "plainEnglish", "generic-en", "*100#", UssdStatus::Done,
			  "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026." },
		// Cyrillic: UCS-2 hex with DCS 72 from a Huawei E3372.
		UssdCase{ "ucs2Cyrillic", "ru-prepaid", "*100#", UssdStatus::Done,
			  "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026" },
		// Huawei E3372 stick firmware: request and reply in packed GSM 7-bit hex.
		UssdCase{ "huaweiPackedHex", "huawei-e3372", "*100#", UssdStatus::Done,
			  "Balance: EUR 7.50. Data remaining: 850 MB until 31.12.2026" },
		// Japanese networks answer no USSD: +CUSD: 4.
		UssdCase{ "japanNotSupported", "jp-mvno", "*100#", UssdStatus::NotSupported, "" }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

TEST_F(SimAtModemTest, menuWalkAndOneSessionAtATime)
{
	start("generic-en");
	auto menu = ussd("*101#");
	ASSERT_TRUE(menu.ok()) << menu.error().message();
	EXPECT_EQ(menu->status, UssdStatus::ActionRequired);
	EXPECT_EQ(menu->text, "1. Balance\n2. Data\n3. Offers");

	// A second query while the menu is open is refused, not mixed into it.
	auto second = ussd("*100#");
	ASSERT_FALSE(second.ok());
	EXPECT_EQ(second.error().code, make_error_code(Errc::Busy));

	auto answer = run(modem->ussdRespond("1", 10s));
	ASSERT_TRUE(answer && answer->ok()) << (answer ? answer->error().message() : "");
	EXPECT_EQ((*answer)->status, UssdStatus::Done);
	EXPECT_EQ((*answer)->text, "Balance: 12.34 GBP");

	// Session over: a new query goes through.
	auto again = ussd("*100#");
	ASSERT_TRUE(again.ok()) << again.error().message();
	EXPECT_EQ(again->status, UssdStatus::Done);
}

TEST_F(SimAtModemTest, cancelClosesAMenu)
{
	start("generic-en");
	auto menu = ussd("*101#");
	ASSERT_TRUE(menu.ok());
	ASSERT_EQ(menu->status, UssdStatus::ActionRequired);
	auto c = run(modem->ussdCancel());
	ASSERT_TRUE(c && c->ok()) << (c ? c->error().message() : "");
	EXPECT_TRUE(waitUntil([&] { return sim->control("status").find("\"ussd\":\"idle\"") != std::string::npos; },
			      within(5s)));
}

TEST_F(SimAtModemTest, hungModemTimesOutAndTheNextQuerySucceeds)
{
	start("generic-en");
	ASSERT_EQ(sim->control("hang"), "ok");
	auto hung = ussd("*100#", 1s);
	ASSERT_FALSE(hung.ok());
	EXPECT_EQ(hung.error().code, make_error_code(Errc::Timeout));
	ASSERT_EQ(sim->control("unhang"), "ok");
	// Nothing restarted: the same modem object answers the next query.
	auto next = ussd("*100#");
	ASSERT_TRUE(next.ok()) << next.error().message();
	EXPECT_EQ(next->text, "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.");
}

TEST_F(SimAtModemTest, garbageAndUrcInTheReplyDoNotDisturbAQuery)
{
	start("generic-en");
	ASSERT_EQ(sim->control("garbage 64"), "ok");
	ASSERT_EQ(sim->control("urc-in-reply +CREG: 1"), "ok");
	auto id = run(modem->identity(true));
	ASSERT_TRUE(id && id->ok()) << (id ? id->error().message() : "");
	EXPECT_EQ((*id)->imsi, "001010123456789");
	auto r = ussd("*100#");
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->status, UssdStatus::Done);
}

TEST_F(SimAtModemTest, unplugGivesGoneAndReplugRecovers)
{
	start("generic-en");
	// Shared with the handler: the fixture closes the modem (state Closed) after this body.
	auto recorded = std::make_shared<std::vector<ModemState>>();
	std::vector<ModemState> &states = *recorded;
	ModemEventHandlers handlers;
	handlers.stateChanged = [recorded](ModemState s) { recorded->push_back(s); };
	modem->setEventHandlers(handlers);
	ASSERT_EQ(sim->control("unplug"), "ok");
	ASSERT_TRUE(pumpUntil([&] { return modem->state() == ModemState::Gone; }));
	auto during = ussd("*100#");
	ASSERT_FALSE(during.ok());
	EXPECT_EQ(during.error().code, make_error_code(Errc::DeviceGone));

	(void)sim->control("replug");
	ASSERT_TRUE(pumpUntil([&] { return modem->state() == ModemState::Ready; }));
	auto after = ussd("*100#");
	ASSERT_TRUE(after.ok()) << after.error().message();
	EXPECT_EQ(after->status, UssdStatus::Done);
	ASSERT_GE(states.size(), 3u);
	EXPECT_EQ(states[0], ModemState::Gone);
	EXPECT_EQ(states.back(), ModemState::Ready);
}

TEST_F(SimAtModemTest, smsKeywordReplyReassembledAndSpoofIgnored)
{
	start("jp-mvno");
	auto since = std::chrono::system_clock::now();
	// A spoofed message from another number arrives first: it must not pass for the reply.
	ASSERT_EQ(sim->control("deliver-sms +819099999999 残りデータ量は99GBです"), "ok");
	auto sent = run(modem->sendSms("00000", "残高"));
	ASSERT_TRUE(sent && sent->ok()) << (sent ? sent->error().message() : "");
	EXPECT_EQ((*sent)->messageRefs.size(), 1u);

	SmsFilter filter;
	filter.senders = { "00000" };
	filter.since = since;
	auto reply = run(modem->waitSms(filter, 15s));
	ASSERT_TRUE(reply && reply->ok()) << (reply ? reply->error().message() : "");
	EXPECT_EQ((*reply)->sender, "00000");
	EXPECT_TRUE((*reply)->complete);
	EXPECT_EQ((*reply)->partsTotal, 3u);
	EXPECT_EQ((*reply)->text,
		  "【データ残量】\n今月の残りデータ量は1.25GBです。\n有効期限：2026年12月31日\nご利用ありがとうございます。追加チャージはマイページから。");
}

TEST_F(SimAtModemTest, waitSmsTimesOutWhenTheReplyIsDropped)
{
	start("generic-en");
	ASSERT_EQ(sim->control("drop-sms-reply on"), "ok");
	auto sent = run(modem->sendSms("00000", "BALANCE"));
	ASSERT_TRUE(sent && sent->ok());
	auto reply = run(modem->waitSms({ .senders = { "00000" }, .since = std::nullopt }, 1500ms));
	ASSERT_TRUE(reply);
	ASSERT_FALSE(reply->ok());
	EXPECT_EQ(reply->error().code, make_error_code(Errc::Timeout));
	EXPECT_EQ(reply->error().message(), "no SMS from 00000 within 1.5 s");
}

/* zanryoctl --device: what a user typing the command sees. */

Process::Result ctl(std::vector<std::string> args)
{
	return Process::run(test::binaryPath("dbus/zanryoctl/zanryoctl"), std::move(args), 60s);
}

TEST(SimZanryoctlDevice, ussdPrintsTheDecodedText)
{
	SimModem sim("ru-prepaid");
	auto r = ctl({ "--device", sim.link(), "ussd", "*100#" });
	EXPECT_EQ(r.exitCode, 0) << r.err;
	EXPECT_EQ(r.out, "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026\n");
}

TEST(SimZanryoctlDevice, ussdMenuWalkWithThenAndJson)
{
	SimModem sim("generic-en");
	auto r = ctl({ "--device", sim.link(), "ussd", "*101#", "--then", "3", "--then", "1", "--json" });
	EXPECT_EQ(r.exitCode, 0) << r.err;
	EXPECT_NE(r.out.find("\"status\": \"done\""), std::string::npos) << r.out;
	EXPECT_NE(r.out.find("1 GB added. Balance: 10.34 GBP"), std::string::npos) << r.out;
}

TEST(SimZanryoctlDevice, infoPrintsIdentityJson)
{
	SimModem sim("huawei-e3372");
	auto r = ctl({ "--device", sim.link(), "info" });
	EXPECT_EQ(r.exitCode, 0) << r.err;
	EXPECT_NE(r.out.find("\"imsi\": \"262010123456789\""), std::string::npos) << r.out;
	EXPECT_NE(r.out.find("\"quirks\": \"Huawei E3372/E173/E1550/E352 (stick firmware)\""), std::string::npos)
		<< r.out;
}

TEST(SimZanryoctlDevice, smsSendThenWaitPrintsTheReply)
{
	SimModem sim("generic-en");
	auto sent = ctl({ "--device", sim.link(), "sms", "send", "00000", "BALANCE" });
	EXPECT_EQ(sent.exitCode, 0) << sent.err;
	// The reply is stored (+CMTI) while no zanryoctl runs; list shows it.
	ASSERT_TRUE(waitUntil([&] { return sim.control("status").find("\"stored_sms\":1") != std::string::npos; },
			      within(10s)));
	auto list = ctl({ "--device", sim.link(), "sms", "list" });
	EXPECT_EQ(list.exitCode, 0) << list.err;
	EXPECT_NE(list.out.find("Balance 12.34 GBP. Data left: 2.5 GB, valid until 31/12/2026."), std::string::npos)
		<< list.out;
}

TEST(SimZanryoctlDevice, smsWaitPrintsANewMessage)
{
	SimModem sim("generic-en");
	Process waiter(test::binaryPath("dbus/zanryoctl/zanryoctl"),
		       { "--device", sim.link(), "sms", "wait", "--from", "+447700900123", "--timeout", "20" });
	// Deliver once the waiter has set up new-message indications.
	ASSERT_TRUE(sim.waitForLog(std::regex("AT\\+CNMI"), within(10s)));
	ASSERT_EQ(sim.control("deliver-sms +447700900999 not for you"), "ok");
	ASSERT_EQ(sim.control("deliver-sms +447700900123 Data left: 1 GB"), "ok");
	auto code = waiter.wait(within(20s));
	ASSERT_TRUE(code);
	EXPECT_EQ(*code, 0) << waiter.stderrText();
	EXPECT_EQ(waiter.stdoutText(), "Data left: 1 GB\n");
}

struct CliFailureCase {
	const char *name;
	const char *scenario;
	const char *fault;  ///< control command before the call, or ""
	std::vector<std::string> args;  ///< after --device LINK
	int exitCode;
	const char *stderrText;
};

class SimZanryoctlFailure : public ::testing::TestWithParam<CliFailureCase>
{
};

TEST_P(SimZanryoctlFailure, exitsWithAClearMessage)
{
	const CliFailureCase &c = GetParam();
	SimModem sim(c.scenario);
	if (*c.fault) {
		ASSERT_EQ(sim.control(c.fault), "ok");
	}
	std::vector<std::string> args = { "--device", sim.link() };
	args.insert(args.end(), c.args.begin(), c.args.end());
	auto r = ctl(args);
	EXPECT_EQ(r.exitCode, c.exitCode) << r.out << r.err;
	EXPECT_NE(r.err.find(c.stderrText), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
	Cli, SimZanryoctlFailure,
	::testing::Values(
		CliFailureCase{ "cusdNotSupported", "jp-mvno", "", { "ussd", "*100#" }, 1,
				"zanryoctl: network answered +CUSD: 4 (operation not supported)" },
		CliFailureCase{ "cmeErrorNamed", "generic-en", "cme-error +CUSD 30", { "ussd", "*100#" }, 1,
				"modem answered +CME ERROR: 30 (no network service)" },
		CliFailureCase{ "missingCodeIsUsage", "generic-en", "", { "ussd" }, 2, "code is required" }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

TEST(SimZanryoctlDevice, hungModemTimesOutWithTheWaitNamed)
{
	SimModem sim("generic-en");
	// Hang only once zanryoctl has initialised the modem, when it sends the USSD request.
	Process p(test::binaryPath("dbus/zanryoctl/zanryoctl"),
		  { "--device", sim.link(), "--timeout", "2", "ussd", "*100#" });
	ASSERT_TRUE(sim.waitForLog(std::regex("AT\\+CNMI"), within(10s)));
	ASSERT_EQ(sim.control("hang"), "ok");
	auto code = p.wait(within(30s));
	ASSERT_TRUE(code);
	EXPECT_EQ(*code, 1);
	EXPECT_NE(p.stderrText().find("within 2 s"), std::string::npos) << p.stderrText();
}

TEST(SimZanryoctlDevice, devNullIsNotAModem)
{
	auto r = ctl({ "--device", "/dev/null", "info" });
	EXPECT_EQ(r.exitCode, 1);
	EXPECT_EQ(r.err, "zanryoctl: /dev/null does not answer AT (not a terminal)\n");
}

} /* namespace */
} /* namespace zanryo */
