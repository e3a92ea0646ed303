// AtModem's SMS storage policy against a pty where the test plays the modem and its SIM:
// receiving (+CMTI then +CMGR), listing and waiting never delete a message; only
// deleteStoredSms() does, and only the slots it is given (modem.hpp).

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include <fmt/core.h>
#include <gtest/gtest.h>
#include <ostream>

#include "libmodem/backend/at_modem.hpp"
#include "libmodem/codec/sms_pdu.hpp"
#include "pty_modem.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

std::string deliverPdu(const std::string &from, const std::string &text)
{
	SmsTimestamp scts{ 2026, 12, 7, 9, 0, 0, 36 };
	auto pdus = encodeSmsDeliver(from, text, scts);
	EXPECT_TRUE(pdus.ok());
	return pdus.ok() ? pdus->front().hex() : std::string();
}

class AtModemSmsTest : public ::testing::Test
{
protected:
	void SetUp() override
	{
		modem = std::make_unique<test::PtyModem>(io);
		modem->onCommand = [this](const std::string &line, char) { answer(line); };
	}
	void TearDown() override
	{
		if (at) {
			asio::co_spawn(io, at->close(), [](std::exception_ptr) {});
			io.poll();
		}
	}

	void openModem(AtModemOptions options = {})
	{
		at = AtModem::create(io.get_executor(), modem->path(), options);
		auto r = test::runFor(io, at->open());
		ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "");
	}

	/// The SIM: +CMGR, +CMGL and +CMGD over `stored`.
	void answer(const std::string &line)
	{
		int index = -1;
		if (std::sscanf(line.c_str(), "AT+CMGR=%d", &index) == 1) {
			auto it = stored.find(index);
			if (it == stored.end())
				return modem->reply("\r\n+CMS ERROR: 321\r\n");
			return modem->reply(fmt::format("\r\n+CMGR: 0,,{}\r\n{}\r\n\r\nOK\r\n",
							it->second.size() / 2 - 1, it->second));
		}
		if (std::sscanf(line.c_str(), "AT+CMGD=%d", &index) == 1) {
			deleted.push_back(index);
			stored.erase(index);
			return modem->reply("\r\nOK\r\n");
		}
		if (line.rfind("AT+CUSD=1", 0) == 0 && !cusdReplies.empty()) {
			// No network delay: the +CUSD comes before the OK.
			modem->reply(cusdReplies.front() + "\r\nOK\r\n");
			cusdReplies.erase(cusdReplies.begin());
			return;
		}
		if (line == "AT+CMGL=4") {
			std::string out = "\r\n";
			for (const auto &[i, pdu] : stored)
				out += fmt::format("+CMGL: {},0,,{}\r\n{}\r\n", i, pdu.size() / 2 - 1, pdu);
			return modem->reply(out + "\r\nOK\r\n");
		}
		modem->reply("\r\nOK\r\n");
	}

	/// The network delivers a message: stored at \a index, then announced.
	void arrive(int index, const std::string &from, const std::string &text)
	{
		stored[index] = deliverPdu(from, text);
		modem->reply(fmt::format("\r\n+CMTI: \"SM\",{}\r\n", index));
	}

	asio::io_context io;
	std::unique_ptr<test::PtyModem> modem;
	std::shared_ptr<AtModem> at;
	std::map<int, std::string> stored;
	std::vector<int> deleted;
	std::vector<std::string> cusdReplies;  ///< what AT+CUSD=1,... is answered, in turn
};

// A bank code arrives while zanryo waits for the carrier's reply: both are read, the
// reply is returned with its slot, and nothing is deleted by receiving.
TEST_F(AtModemSmsTest, unrelatedMessageDuringWaitIsReadButNeverDeleted)
{
	openModem();
	auto since = std::chrono::system_clock::now();
	arrive(1, "+819012345678", "Your bank code is 123456");
	arrive(2, "00000", "Data left: 1.25 GB");
	auto reply = test::runFor(io, at->waitSms({ .senders = { "00000" }, .since = since }, 5s));
	ASSERT_TRUE(reply && reply->ok()) << (reply ? reply->error().message() : "");
	EXPECT_EQ((*reply)->text, "Data left: 1.25 GB");
	EXPECT_EQ((*reply)->storageIndexes, std::vector<int>{ 2 });
	// Both were read (the bank code too: smsReceived sees every message)...
	EXPECT_TRUE(test::runUntil(io, [&] {
		return std::count(modem->received.begin(), modem->received.end(), "AT+CMGR=1") == 1;
	}, 2s));
	// ...and both are still stored.
	EXPECT_TRUE(deleted.empty());
	EXPECT_EQ(stored.size(), 2u);
}

struct DeleteCase {
	const char *name;
	std::vector<int> asked;
	std::vector<int> expectDeleted;
	std::vector<int> expectLeft;
};

void PrintTo(const DeleteCase &c, std::ostream *os)
{
	*os << c.name;
}

class AtModemDeleteTest : public AtModemSmsTest, public ::testing::WithParamInterface<DeleteCase>
{
};

TEST_P(AtModemDeleteTest, deletesExactlyTheSlotsGiven)
{
	const DeleteCase &c = GetParam();
	stored[0] = deliverPdu("+819012345678", "personal");
	stored[1] = deliverPdu("00000", "reply part 1");
	stored[2] = deliverPdu("00000", "reply part 2");
	openModem();
	auto r = test::runFor(io, at->deleteStoredSms(c.asked));
	ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "");
	EXPECT_EQ(deleted, c.expectDeleted);
	std::vector<int> left;
	for (const auto &[i, pdu] : stored)
		left.push_back(i);
	EXPECT_EQ(left, c.expectLeft);
}

INSTANTIATE_TEST_SUITE_P(
	Slots, AtModemDeleteTest,
	::testing::Values(DeleteCase{ "nothingAskedNothingDeleted", {}, {}, { 0, 1, 2 } },
			  DeleteCase{ "oneSlot", { 1 }, { 1 }, { 0, 2 } },
			  DeleteCase{ "multipartReplyBothParts", { 1, 2 }, { 1, 2 }, { 0 } },
			  DeleteCase{ "directlyRoutedPartHasNoSlot", { -1 }, {}, { 0, 1, 2 } }),
	[](const ::testing::TestParamInfo<DeleteCase> &i) { return std::string(i.param.name); });

// The daemon reads what came while nobody listened, and leaves it stored.
TEST_F(AtModemSmsTest, storedMessagesDeliveredAtOpenStayStored)
{
	stored[3] = deliverPdu("+819012345678", "see you at 7");
	stored[4] = deliverPdu("00000", "残りデータ量は1.25GBです");
	AtModemOptions options;
	options.deliverStoredSms = true;
	openModem(options);
	auto m = test::runFor(io, at->waitSms({ .senders = { "00000" },
						.since = std::chrono::system_clock::time_point{} },
					      2s));
	ASSERT_TRUE(m && m->ok()) << (m ? m->error().message() : "");
	EXPECT_EQ((*m)->storageIndexes, std::vector<int>{ 4 });
	EXPECT_TRUE(deleted.empty());
	EXPECT_EQ(stored.size(), 2u);
}

// Direct mode (no deliverStoredSms): listing reads every slot and deletes none.
TEST_F(AtModemSmsTest, listStoredSmsDeletesNothing)
{
	stored[1] = deliverPdu("+819012345678", "personal");
	stored[2] = deliverPdu("00000", "Data left: 2 GB");
	openModem();
	auto list = test::runFor(io, at->listStoredSms());
	ASSERT_TRUE(list && list->ok()) << (list ? list->error().message() : "");
	EXPECT_EQ((*list)->size(), 2u);
	EXPECT_TRUE(deleted.empty());
	EXPECT_EQ(stored.size(), 2u);
}

// AtFramer joins a +CUSD text over lines until its quote closes, and gives the +CUSD up
// as it is when a final result comes first. AtModem does not join again: the SMS
// indication that follows such a line is still an SMS indication.
TEST_F(AtModemSmsTest, cmtiAfterUnbalancedCusdIsStillHandled)
{
	cusdReplies = { "\r\n+CUSD: 0,\"Balance 100 JPY,15\r\n" };
	openModem();
	auto since = std::chrono::system_clock::now();
	auto cut = test::runFor(io, at->ussdInitiate("*100#", 2s));
	ASSERT_TRUE(cut.has_value());
	EXPECT_FALSE(cut->ok()) << "an unterminated +CUSD is an error, not a reply";
	if (!cut->ok()) {
		EXPECT_NE(cut->error().raw.find("Balance 100 JPY"), std::string::npos) << cut->error().message();
	}
	arrive(1, "00000", "Data left: 1.25 GB");
	auto sms = test::runFor(io, at->waitSms({ .senders = { "00000" }, .since = since }, 3s));
	ASSERT_TRUE(sms && sms->ok()) << (sms ? sms->error().message() : "");
	EXPECT_EQ((*sms)->text, "Data left: 1.25 GB");
}

struct SpillCase {
	const char *name;
	const char *cut;   ///< the first query's broken +CUSD
};

void PrintTo(const SpillCase &c, std::ostream *os)
{
	*os << c.name;
}

class AtModemCusdSpillTest : public AtModemSmsTest, public ::testing::WithParamInterface<SpillCase>
{
};

TEST_P(AtModemCusdSpillTest, unbalancedQuoteNeverSpillsIntoTheNextReply)
{
	const SpillCase &c = GetParam();
	cusdReplies = { c.cut, "\r\n+CUSD: 0,\"Balance 100 JPY\",15\r\n" };
	openModem();
	(void)test::runFor(io, at->ussdInitiate("*100#", 2s));
	auto r = test::runFor(io, at->ussdInitiate("*100#", 2s));
	ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "");
	EXPECT_EQ((*r)->status, UssdStatus::Done);
	EXPECT_EQ((*r)->text, "Balance 100 JPY");
}

INSTANTIATE_TEST_SUITE_P(
	Cusd, AtModemCusdSpillTest,
	::testing::Values(SpillCase{ "quoteNeverClosed", "\r\n+CUSD: 0,\"Balance 7 JPY,15\r\n" },
			  SpillCase{ "quoteOpenOverTwoLinesThenOk", "\r\n+CUSD: 1,\"1. Balance\r\n2. Data\r\n" }),
	[](const ::testing::TestParamInfo<SpillCase> &i) { return std::string(i.param.name); });

} /* namespace */
} /* namespace zanryo */
