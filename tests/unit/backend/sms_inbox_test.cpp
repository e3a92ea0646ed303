// SmsInbox, the I/O-free received-SMS side every backend drives, on a virtual clock:
// reassembly out of order, the ring a late reader takes from (since), the sender filter
// against spoofed replies, one message to one reader, reader deadlines, part expiry.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libmodem/backend/sms_inbox.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
using Clock = SmsInbox::Clock;

const Clock::time_point kT0 = Clock::time_point(std::chrono::seconds(1'800'000'000));

SmsPart part(std::string sender, std::uint16_t ref, std::uint8_t total, std::uint8_t seq, std::string text,
	     Clock::duration at, int index = -1)
{
	SmsPart p;
	p.sender = std::move(sender);
	p.ref = ref;
	p.total = total;
	p.seq = seq;
	p.text = std::move(text);
	p.received = kT0 + at;
	p.storageIndex = index;
	return p;
}

SmsFilter from(std::string sender)
{
	SmsFilter f;
	f.senders = { std::move(sender) };
	return f;
}

TEST(SmsInbox, multipartOutOfOrderAnswersTheWaitingReaderOnce)
{
	SmsInbox inbox({});
	auto [id, ready] = inbox.wait(from("00000"), kT0, 30s);
	ASSERT_FALSE(ready);
	ASSERT_NE(id, 0u);
	EXPECT_EQ(inbox.nextDeadline(), kT0 + 30s);
	EXPECT_TRUE(inbox.add(part("00000", 7, 3, 3, "c", 1s, 5)).answers.empty());
	EXPECT_TRUE(inbox.add(part("00000", 7, 3, 1, "a", 2s, 3)).answers.empty());
	auto out = inbox.add(part("00000", 7, 3, 2, "b", 3s, 4));
	ASSERT_EQ(out.received.size(), 1u);
	EXPECT_EQ(out.received[0].text, "abc");
	ASSERT_EQ(out.answers.size(), 1u);
	EXPECT_EQ(out.answers[0].first, id);
	ASSERT_TRUE(out.answers[0].second.ok());
	EXPECT_EQ(out.answers[0].second->storageIndexes, (std::vector<int>{ 3, 4, 5 }));
	EXPECT_EQ(inbox.waiterCount(), 0u);
	// Taken: a second reader does not get the same message.
	auto [id2, again] = inbox.wait(from("00000"), kT0 + 4s, 10s);
	EXPECT_FALSE(again);
	inbox.forget(id2);
}

TEST(SmsInbox, otherSendersNeverPassForTheReply)
{
	SmsInbox inbox({});
	auto [id, ready] = inbox.wait(from("+819012345678"), kT0, 30s);
	ASSERT_FALSE(ready);
	auto spoof = inbox.add(part("+819099999999", 1, 1, 1, "Balance 999 GB", 1s, 1));
	EXPECT_EQ(spoof.received.size(), 1u) << "every message still goes to smsReceived";
	EXPECT_TRUE(spoof.answers.empty());
	// National form of the same number (senderMatches).
	auto reply = inbox.add(part("09012345678", 2, 1, 1, "Balance 3 GB", 2s, 2));
	ASSERT_EQ(reply.answers.size(), 1u);
	EXPECT_EQ(reply.answers[0].second->text, "Balance 3 GB");
}

TEST(SmsInbox, lateReaderTakesFromTheRingOnlyWithSince)
{
	SmsInbox inbox({});
	(void)inbox.add(part("00000", 1, 1, 1, "early reply", 1s));
	auto [idNoSince, none] = inbox.wait(from("00000"), kT0 + 5s, 10s);
	EXPECT_FALSE(none) << "without since only messages from now on";
	inbox.forget(idNoSince);
	SmsFilter f = from("00000");
	f.since = kT0;
	auto [id, ready] = inbox.wait(f, kT0 + 5s, 10s);
	EXPECT_EQ(id, 0u);
	ASSERT_TRUE(ready);
	EXPECT_EQ(ready->text, "early reply");
}

TEST(SmsInbox, readerTimesOutAtItsDeadline)
{
	SmsInbox inbox({});
	auto [id, ready] = inbox.wait(from("00000"), kT0, 1500ms);
	ASSERT_FALSE(ready);
	EXPECT_TRUE(inbox.tick(kT0 + 1499ms).answers.empty());
	auto out = inbox.tick(kT0 + 1500ms);
	ASSERT_EQ(out.answers.size(), 1u);
	EXPECT_EQ(out.answers[0].first, id);
	ASSERT_FALSE(out.answers[0].second.ok());
	EXPECT_EQ(out.answers[0].second.error().code, make_error_code(Errc::Timeout));
	EXPECT_EQ(out.answers[0].second.error().message(), "no SMS from 00000 within 1.5 s");
	EXPECT_FALSE(inbox.nextDeadline());
}

TEST(SmsInbox, missingPartExpiresIncompleteAndStillAnswers)
{
	SmsInbox::Options o;
	o.assembly.partTimeout = 60s;
	SmsInbox inbox(o);
	auto [id, ready] = inbox.wait(from("00000"), kT0, 300s);
	(void)inbox.add(part("00000", 9, 2, 1, "first half", 1s, 1));
	EXPECT_EQ(inbox.nextDeadline(), kT0 + 1s + 60s);
	auto out = inbox.tick(kT0 + 61s);
	ASSERT_EQ(out.received.size(), 1u);
	EXPECT_FALSE(out.received[0].complete);
	ASSERT_EQ(out.answers.size(), 1u);
	EXPECT_EQ(out.answers[0].first, id);
	EXPECT_EQ(out.answers[0].second->text, "first half");
}

TEST(SmsInbox, twoReadersFirstComeFirstServed)
{
	SmsInbox inbox({});
	auto [a, ra] = inbox.wait(SmsFilter{}, kT0, 30s);
	auto [b, rb] = inbox.wait(SmsFilter{}, kT0, 30s);
	auto one = inbox.add(part("1", 1, 1, 1, "one", 1s));
	ASSERT_EQ(one.answers.size(), 1u);
	EXPECT_EQ(one.answers[0].first, a);
	auto two = inbox.add(part("2", 2, 1, 1, "two", 2s));
	ASSERT_EQ(two.answers.size(), 1u);
	EXPECT_EQ(two.answers[0].first, b);
}

TEST(SmsInbox, failAllEndsEveryReaderAndTheRingIsBounded)
{
	SmsInbox::Options o;
	o.recentLimit = 3;
	SmsInbox inbox(o);
	for (int i = 0; i < 5; ++i)
		(void)inbox.add(part("x", static_cast<std::uint16_t>(i), 1, 1, "m", std::chrono::seconds(i)));
	EXPECT_EQ(inbox.recentCount(), 3u);
	(void)inbox.wait(from("00000"), kT0 + 10s, 30s);
	(void)inbox.wait(from("00001"), kT0 + 10s, 30s);
	auto out = inbox.failAll(makeError(Errc::Cancelled, "closed"));
	ASSERT_EQ(out.answers.size(), 2u);
	for (auto &[id, r] : out.answers)
		EXPECT_EQ(r.error().code, make_error_code(Errc::Cancelled));
	EXPECT_EQ(inbox.waiterCount(), 0u);
}

} /* namespace */
} /* namespace zanryo */
