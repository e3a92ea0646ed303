// AtChannel against a pty where the test plays the modem: framing, echo, URCs in the
// middle of a reply, the SMS prompt, garbage, timeouts and resynchronisation, the command
// queue, and a device that vanishes and comes back.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libmodem/at/at_channel.hpp"
#include "pty_modem.hpp"

#include <boost/asio/detached.hpp>

namespace zanryo {
namespace {

using namespace std::chrono_literals;
using test::PtyModem;
using test::runFor;
using test::runUntil;
namespace asio = boost::asio;

class AtChannelTest : public ::testing::Test
{
protected:
	void SetUp() override
	{
		modem = std::make_unique<PtyModem>(io);
		AtChannelOptions opts;
		opts.reopenInitialDelay = 20ms;
		opts.reopenMaxDelay = 200ms;
		opts.resyncTimeout = 500ms;
		opts.resyncQuiet = 50ms;
		channel = AtChannel::create(io.get_executor(), modem->path(), opts);
		channel->setUrcHandler([this](const AtEvent &ev) { urcs.push_back(ev); });
		channel->setStateHandler([this](AtChannelState s) { states.push_back(s); });
		auto r = channel->open();
		ASSERT_TRUE(r.ok()) << r.error().message();
	}
	void TearDown() override
	{
		channel->close();
		io.poll();
		modem.reset();
	}

	Result<AtResponse> run(std::string line, std::chrono::milliseconds timeout = 2s)
	{
		auto r = runFor(io, channel->command(std::move(line), timeout));
		if (!r)
			return makeError(Errc::Timeout, "test: coroutine did not finish");
		return std::move(*r);
	}

	asio::io_context io;
	std::unique_ptr<PtyModem> modem;
	std::shared_ptr<AtChannel> channel;
	std::vector<AtEvent> urcs;
	std::vector<AtChannelState> states;
};

/// One command, what the modem sends back, and what command() must give.
struct ReplyCase {
	const char *name;
	const char *command;
	std::string modemSends;
	bool ok;
	std::vector<std::string> lines;
	std::string errorContains;  ///< for !ok
	std::vector<std::string> urcNames;
};

class AtChannelReplyTest : public AtChannelTest, public ::testing::WithParamInterface<ReplyCase>
{
};

TEST_P(AtChannelReplyTest, answersAsTheModemSaid)
{
	const ReplyCase &c = GetParam();
	modem->onCommand = [&](const std::string &, char) { modem->reply(c.modemSends); };
	auto r = run(c.command);
	ASSERT_EQ(r.ok(), c.ok) << (r.ok() ? "ok" : r.error().message());
	if (c.ok)
		EXPECT_EQ(r->lines, c.lines);
	else
		EXPECT_NE(r.error().message().find(c.errorContains), std::string::npos)
			<< r.error().message();
	std::vector<std::string> names;
	for (const auto &u : urcs)
		names.push_back(u.urcName);
	EXPECT_EQ(names, c.urcNames);
	EXPECT_EQ(modem->received.front(), c.command);
}

INSTANTIATE_TEST_SUITE_P(
	Replies, AtChannelReplyTest,
	::testing::Values(
		// TS 27.007 §5.6 example shape: IMSI as information text, then OK.
		ReplyCase{ "cimiPlain", "AT+CIMI", "\r\n440101234567890\r\n\r\nOK\r\n", true,
			   { "440101234567890" }, "", {} },
		// ATE1 (V.250 §6.2.4): the modem echoes the command line first.
		ReplyCase{ "cgmiWithEcho", "AT+CGMI", "AT+CGMI\r\r\nQUALCOMM INCORPORATED\r\n\r\nOK\r\n",
			   true, { "QUALCOMM INCORPORATED" }, "", {} },
		// A +CMTI (TS 27.005 §3.4.1) between the information text and OK.
		ReplyCase{ "cmtiInTheMiddleOfReply", "AT+CIMI",
			   "\r\n440101234567890\r\n\r\n+CMTI: \"SM\",3\r\n\r\nOK\r\n", true,
			   { "440101234567890" }, "", { "+CMTI" } },
		// TS 27.007 §7.15: the network's answer comes as +CUSD after OK.
		ReplyCase{ "cusdAfterOk", "AT+CUSD=1,\"*100#\",15",
			   "\r\nOK\r\n\r\n+CUSD: 0,\"Balance 100 JPY\",15\r\n", true, {}, "", { "+CUSD" } },
		// +CMEE=1 numeric error, explained from TS 27.007 §9.2.
		ReplyCase{ "cmeErrorNoNetwork", "AT+CUSD=1,\"*100#\",15", "\r\n+CME ERROR: 30\r\n", false,
			   {}, "modem answered +CME ERROR: 30 (no network service)", {} },
		ReplyCase{ "cmsErrorSmscUnknown", "AT+CMGS=?", "\r\n+CMS ERROR: 330\r\n", false, {},
			   "+CMS ERROR: 330 (SMSC address unknown)", {} },
		ReplyCase{ "plainError", "AT+FOO", "\r\nERROR\r\n", false, {}, "AT+FOO: modem answered ERROR",
			   {} },
		// NUL bytes (Huawei E3372 at power-up) and bare LF line ends (ZTE MF823).
		ReplyCase{ "nulBytesAndBareLf", "AT+CGMM", std::string("\0\0\nE3372\n\nOK\n", 14), true,
			   { "E3372" }, "", {} }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

TEST_F(AtChannelTest, garbageBeforeTheReplyDoesNotEndTheCommand)
{
	// Line noise with no command in flight, then a normal exchange.
	modem->reply(std::string("\x01\xff\xfe garbage \x7f\r\n", 15));
	// With no command in flight the noise is an unknown unsolicited line, not an answer.
	ASSERT_TRUE(runUntil(io, [&] { return !urcs.empty(); }));
	modem->onCommand = [&](const std::string &, char) {
		modem->reply("\r\nSIMCOM_SIM7600E-H\r\n\r\nOK\r\n");
	};
	auto r = run("AT+CGMM");
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->lines, std::vector<std::string>{ "SIMCOM_SIM7600E-H" });
}

TEST_F(AtChannelTest, smsPromptGetsThePduAndCtrlZ)
{
	const std::string pdu = "0011000B918190214365F70000AA05E8329BFD06";
	std::string payloadSeen;
	char payloadEnd = 0;
	modem->onCommand = [&](const std::string &line, char end) {
		if (line == "AT+CMGS=19") {
			modem->reply("\r\n> ");  // TS 27.005 §3.5.1
		} else {
			payloadSeen = line;
			payloadEnd = end;
			modem->reply("\r\n+CMGS: 42\r\n\r\nOK\r\n");
		}
	};
	auto r = runFor(io, channel->commandWithPayload("AT+CMGS=19", pdu, 2s));
	ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "");
	EXPECT_EQ((*r)->lines, std::vector<std::string>{ "+CMGS: 42" });
	EXPECT_EQ(payloadSeen, pdu);
	EXPECT_EQ(payloadEnd, '\x1a');
}

TEST_F(AtChannelTest, missingPromptTimesOutAndEscCancelsIt)
{
	modem->onCommand = [&](const std::string &line, char) {
		if (line == "AT")
			modem->reply("\r\nOK\r\n");
		else if (line == "AT+CGMI")
			modem->reply("\r\nhuawei\r\n\r\nOK\r\n");
	};
	auto r = runFor(io, channel->commandWithPayload("AT+CMGS=19", "00", 300ms));
	ASSERT_TRUE(r && !r->ok());
	EXPECT_EQ(r->error().code, make_error_code(Errc::Timeout));
	EXPECT_NE(r->error().message().find("no \"> \" prompt"), std::string::npos);
	auto next = run("AT+CGMI");
	ASSERT_TRUE(next.ok()) << next.error().message();
	EXPECT_EQ(next->lines, std::vector<std::string>{ "huawei" });
	// ESC went out before the resync probe (TS 27.005 §3.5.1).
	ASSERT_GE(modem->received.size(), 3u);
	EXPECT_EQ(modem->received[1], "");
}

TEST_F(AtChannelTest, hungCommandTimesOutAndTheNextCommandGetsItsOwnAnswer)
{
	// The modem ignores AT+CUSD, then answers it late, just when the resync probe comes:
	// the late OK must not be taken for the next command's answer.
	modem->onCommand = [&](const std::string &line, char) {
		if (line.rfind("AT+CUSD", 0) == 0)
			return;
		if (line == "AT") {
			modem->reply("\r\nOK\r\n");  // late answer of the hung command
			modem->replyAfter(20ms, "\r\nOK\r\n");  // the probe's own
			return;
		}
		if (line == "AT+CIMI")
			modem->reply("\r\n440101234567890\r\n\r\nOK\r\n");
	};
	auto hung = run("AT+CUSD=1,\"*100#\",15", 300ms);
	ASSERT_FALSE(hung.ok());
	EXPECT_EQ(hung.error().code, make_error_code(Errc::Timeout));
	EXPECT_NE(hung.error().message().find("no answer within 0.3 s"), std::string::npos);

	auto next = run("AT+CIMI");
	ASSERT_TRUE(next.ok()) << next.error().message();
	EXPECT_EQ(next->lines, std::vector<std::string>{ "440101234567890" });
	EXPECT_EQ(channel->stats().timeouts, 1u);
	EXPECT_EQ(channel->stats().resyncs, 1u);
	EXPECT_GE(channel->stats().strayLines, 1u);
}

TEST_F(AtChannelTest, silentModemGivesTimeoutNotAHang)
{
	auto r = run("AT", 200ms);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, make_error_code(Errc::Timeout));
	// And the next command, still unanswered, fails as well instead of blocking.
	auto again = run("AT", 200ms);
	ASSERT_FALSE(again.ok());
	EXPECT_EQ(again.error().code, make_error_code(Errc::Timeout));
}

TEST_F(AtChannelTest, concurrentCallersQueueOneCommandAtATime)
{
	int outstanding = 0, maxOutstanding = 0;
	modem->onCommand = [&](const std::string &line, char) {
		maxOutstanding = std::max(maxOutstanding, ++outstanding);
		// Answer slowly: a second command written before this answer would be a bug.
		modem->replyAfter(30ms, "\r\n" + line.substr(3) + "-reply\r\n\r\nOK\r\n");
		auto t = std::make_shared<asio::steady_timer>(io, 30ms);
		t->async_wait([&, t](auto) { --outstanding; });
	};
	std::vector<std::optional<Result<AtResponse>>> results(3);
	int done = 0;
	const char *cmds[] = { "AT+CGMI", "AT+CGMM", "AT+CGMR" };
	auto one = [&](int i) -> asio::awaitable<void> {
		results[i].emplace(co_await channel->command(cmds[i], 2s));
		++done;
	};
	for (int i = 0; i < 3; ++i)
		asio::co_spawn(io, one(i), asio::detached);
	ASSERT_TRUE(runUntil(io, [&] { return done == 3; }));
	EXPECT_EQ(maxOutstanding, 1);
	for (int i = 0; i < 3; ++i) {
		ASSERT_TRUE(results[i]->ok());
		EXPECT_EQ((*results[i])->lines,
			  std::vector<std::string>{ std::string(cmds[i]).substr(3) + "-reply" });
	}
	EXPECT_EQ(modem->received, (std::vector<std::string>{ "AT+CGMI", "AT+CGMM", "AT+CGMR" }));
}

TEST_F(AtChannelTest, unplugGivesDeviceGoneAndReplugRecovers)
{
	modem->onCommand = [&](const std::string &, char) { modem->reply("\r\nOK\r\n"); };
	ASSERT_TRUE(run("AT").ok());

	// A command in flight when the device vanishes fails with DeviceGone.
	modem->onCommand = [&](const std::string &, char) { modem->unplug(); };
	auto lost = run("AT+CIMI");
	ASSERT_FALSE(lost.ok());
	EXPECT_EQ(lost.error().code, make_error_code(Errc::DeviceGone));
	EXPECT_EQ(channel->state(), AtChannelState::Reconnecting);

	// Meanwhile commands fail at once.
	auto meanwhile = run("AT");
	ASSERT_FALSE(meanwhile.ok());
	EXPECT_EQ(meanwhile.error().code, make_error_code(Errc::DeviceGone));

	modem->replug();
	modem->onCommand = [&](const std::string &, char) { modem->reply("\r\n440101234567890\r\n\r\nOK\r\n"); };
	ASSERT_TRUE(runUntil(io, [&] { return channel->state() == AtChannelState::Open; }));
	auto back = run("AT+CIMI");
	ASSERT_TRUE(back.ok()) << back.error().message();
	EXPECT_EQ(back->lines, std::vector<std::string>{ "440101234567890" });
	EXPECT_EQ(channel->stats().reopens, 1u);
	EXPECT_EQ(states, (std::vector<AtChannelState>{ AtChannelState::Open,
							 AtChannelState::Reconnecting,
							 AtChannelState::Open }));
}

TEST(AtChannelOpen, pathsThatAreNoModem)
{
	asio::io_context io;
	auto devNull = AtChannel::create(io.get_executor(), "/dev/null");
	auto r = devNull->open();
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, make_error_code(Errc::NotAModem));
	EXPECT_EQ(r.error().message(), "/dev/null does not answer AT (not a terminal)");

	auto missing = AtChannel::create(io.get_executor(), "/dev/ttyUSB-zanryo-missing");
	auto m = missing->open();
	ASSERT_FALSE(m.ok());
	EXPECT_EQ(m.error().code, make_error_code(Errc::DeviceGone));

	auto notOpen = runFor(io, missing->command("AT", 1s));
	ASSERT_TRUE(notOpen && !notOpen->ok());
	EXPECT_EQ(notOpen->error().code, make_error_code(Errc::Cancelled));
}

TEST(AtChannelDescribe, finalResultsNamedFromTheSpec)
{
	struct Case {
		const char *line;
		const char *expected;
	} cases[] = {
		{ "+CME ERROR: 30", "+CME ERROR: 30 (no network service)" },
		{ "+CME ERROR: 10", "+CME ERROR: 10 (SIM not inserted)" },
		{ "+CME ERROR: no network service", "+CME ERROR: no network service" },
		{ "+CMS ERROR: 500", "+CMS ERROR: 500 (unknown error)" },
		{ "+CME ERROR: 9999", "+CME ERROR: 9999" },
		{ "ERROR", "ERROR" },
	};
	for (const auto &c : cases) {
		auto final = parseFinalResult(c.line);
		ASSERT_TRUE(final) << c.line;
		EXPECT_EQ(describeFinal(*final, c.line), c.expected);
	}
}

} /* namespace */
} /* namespace zanryo */
