// AtChannel's wire trace (issue 13 §3): each line written and read becomes one trace
// record in the log sink, tagged with the modem's name and masked; nothing is traced when
// neither `trace = true` nor the Trace level asks for it.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libmodem/at/at_channel.hpp"
#include "libmodem/log/log.hpp"
#include "pty_modem.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
using test::PtyModem;
using test::runFor;

struct Captured {
	log::Level level;
	std::string modem;
	std::string text;
};

std::mutex capturedMutex;
std::vector<Captured> captured;

void captureSink(const log::Record &r)
{
	std::lock_guard lock(capturedMutex);
	captured.push_back({ r.level, std::string(r.modem), std::string(r.text) });
}

class AtChannelTraceTest : public ::testing::Test
{
protected:
	void SetUp() override
	{
		captured.clear();
		log::setSink(captureSink);
		log::setLevel(log::Level::Info);
		log::setUnmasked(false);
		modem = std::make_unique<PtyModem>(io);
		// The SIM of tests/sim's default scenario, as the simulator answers.
		modem->onCommand = [this](const std::string &line, char) {
			if (line == "AT+CIMI")
				modem->reply("\r\n440101234567890\r\n\r\nOK\r\n");
			else if (line == "AT+CCID")
				modem->reply("\r\n+CCID: 8981100012345678901\r\n\r\nOK\r\n");
			else if (line == "AT+CNUM")
				modem->reply("\r\n+CNUM: \"\",\"+819012345678\",145\r\n\r\nOK\r\n");
			else if (line == "AT+CMGS=23")
				modem->reply("\r\n> ");
			else if (line.rfind("0011", 0) == 0)
				modem->reply("\r\n+CMGS: 7\r\n\r\nOK\r\n");
			else
				modem->reply("\r\nOK\r\n");
		};
	}
	void TearDown() override
	{
		if (channel)
			channel->close();
		io.poll();
		modem.reset();
		log::setSink(nullptr);
		log::setLevel(log::Level::Info);
		log::setUnmasked(false);
	}

	void open(bool trace, std::string name = "sim1")
	{
		AtChannelOptions opts;
		opts.trace = trace;
		opts.traceName = std::move(name);
		channel = AtChannel::create(io.get_executor(), modem->path(), opts);
		auto r = channel->open();
		ASSERT_TRUE(r.ok()) << r.error().message();
	}

	void run(const std::string &line)
	{
		auto r = runFor(io, channel->command(line, 2s));
		ASSERT_TRUE(r && r->ok()) << line << ": " << (r ? r->error().message() : "no result");
	}

	/// The texts of the trace records, without their timestamp.
	static std::vector<std::string> dialogue()
	{
		std::lock_guard lock(capturedMutex);
		std::vector<std::string> out;
		for (const auto &c : captured) {
			EXPECT_EQ(c.level, log::Level::Trace) << c.text;
			// "12:34:56.789 --> AT+CIMI"
			EXPECT_GT(c.text.size(), 13u);
			EXPECT_EQ(c.text[2], ':');
			EXPECT_EQ(c.text[8], '.');
			out.push_back(c.text.substr(13));
		}
		return out;
	}

	static bool anyRecordContains(const std::string &needle)
	{
		std::lock_guard lock(capturedMutex);
		for (const auto &c : captured)
			if (c.text.find(needle) != std::string::npos)
				return true;
		return false;
	}

	boost::asio::io_context io;
	std::unique_ptr<PtyModem> modem;
	std::shared_ptr<AtChannel> channel;
};

TEST_F(AtChannelTraceTest, traceTrueLogsTheMaskedDialogueAtInfoLevel)
{
	open(true);
	run("AT+CIMI");
	run("AT+CCID");
	run("AT+CNUM");
	const std::vector<std::string> expected = {
		"--> AT+CIMI",
		"<-- 44010xxxxxxxx90",
		"<-- OK",
		"--> AT+CCID",
		"<-- +CCID: 8981xxxxxxxxxxxxx01",
		"<-- OK",
		"--> AT+CNUM",
		"<-- +CNUM: \"\",\"+xxxxxxxxxx78\",145",
		"<-- OK",
	};
	EXPECT_EQ(dialogue(), expected);
	for (const auto &c : captured)
		EXPECT_EQ(c.modem, "sim1");
	EXPECT_FALSE(anyRecordContains("440101234567890"));
	EXPECT_FALSE(anyRecordContains("8981100012345678901"));
	EXPECT_FALSE(anyRecordContains("819012345678"));
}

TEST_F(AtChannelTraceTest, smsPayloadIsTracedWithItsDestinationMasked)
{
	open(true);
	auto r = runFor(io, channel->commandWithPayload("AT+CMGS=23", "0011000B918190214365F70000AA0AE8329BFD4697D9EC37", 2s));
	ASSERT_TRUE(r && r->ok());
	const std::vector<std::string> expected = {
		"--> AT+CMGS=23",
		"<-- > ",
		"--> 0011000B91xxxxxxxx6xF70000AA0AE8329BFD4697D9EC37<Ctrl-Z>",
		"<-- +CMGS: 7",
		"<-- OK",
	};
	EXPECT_EQ(dialogue(), expected);
	EXPECT_FALSE(anyRecordContains("8190214365F7"));
}

TEST_F(AtChannelTraceTest, noTraceAndInfoLevelLogsNothing)
{
	open(false);
	run("AT+CIMI");
	std::lock_guard lock(capturedMutex);
	EXPECT_TRUE(captured.empty()) << captured.front().text;
}

TEST_F(AtChannelTraceTest, traceLevelTracesEveryPort)
{
	// zanryod --debug: the level, not the modem's key.
	log::setLevel(log::Level::Trace);
	open(false, "");
	run("AT+CIMI");
	EXPECT_EQ(dialogue(), (std::vector<std::string>{ "--> AT+CIMI", "<-- 44010xxxxxxxx90", "<-- OK" }));
	// Without a configured name the record names the port.
	EXPECT_EQ(captured.front().modem, modem->path());
}

TEST_F(AtChannelTraceTest, unmaskedShowsTheIdentifiers)
{
	log::setUnmasked(true);
	open(true);
	run("AT+CIMI");
	EXPECT_EQ(dialogue(), (std::vector<std::string>{ "--> AT+CIMI", "<-- 440101234567890", "<-- OK" }));
}

TEST_F(AtChannelTraceTest, rawTraceHandlerStillGetsTheBytes)
{
	// zanryoctl's raw handler (and the simulator tests) see what was on the wire.
	open(true);
	std::vector<std::string> raw;
	channel->setTraceHandler([&](bool, std::string_view text) { raw.emplace_back(text); });
	run("AT+CIMI");
	ASSERT_GE(raw.size(), 2u);
	EXPECT_EQ(raw[1], "440101234567890");
}

} /* namespace */
} /* namespace zanryo */
