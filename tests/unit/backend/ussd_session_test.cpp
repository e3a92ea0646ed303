// UssdSession, the I/O-free USSD dialogue every backend drives, on a virtual clock: each
// case is a script of events with the actions and state each must give.

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libmodem/backend/ussd_session.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
using Kind = UssdAction::Kind;
using Clock = UssdSession::Clock;

const Clock::time_point t0{ std::chrono::hours(1000) };

UssdReply reply(UssdStatus status, std::string text)
{
	UssdReply r;
	r.status = status;
	r.text = std::move(text);
	return r;
}

std::vector<Kind> kinds(const std::vector<UssdAction> &actions)
{
	std::vector<Kind> out;
	for (const auto &a : actions)
		out.push_back(a.kind);
	return out;
}

TEST(UssdSession, plainAnswerCompletesAndCloses)
{
	UssdSession s;
	auto sent = s.initiate("*100#", 30s, t0);
	ASSERT_EQ(kinds(sent), (std::vector<Kind>{ Kind::Send }));
	EXPECT_EQ(sent[0].text, "*100#");
	EXPECT_EQ(s.state(), UssdSessionState::Active);
	auto done = s.networkReply(reply(UssdStatus::Done, "Balance 100 JPY"), t0 + 1s);
	ASSERT_EQ(kinds(done), (std::vector<Kind>{ Kind::Complete }));
	EXPECT_EQ(done[0].reply.text, "Balance 100 JPY");
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
}

TEST(UssdSession, menuWaitsForRespond)
{
	UssdSession s;
	(void)s.initiate("*101#", 30s, t0);
	auto menu = s.networkReply(reply(UssdStatus::ActionRequired, "1. Balance"), t0 + 1s);
	ASSERT_EQ(kinds(menu), (std::vector<Kind>{ Kind::Complete }));
	EXPECT_EQ(s.state(), UssdSessionState::UserResponse);
	auto answer = s.respond("1", 30s, t0 + 2s);
	ASSERT_EQ(kinds(answer), (std::vector<Kind>{ Kind::Send }));
	EXPECT_EQ(answer[0].text, "1");
	(void)s.networkReply(reply(UssdStatus::Done, "Balance: 12.34 GBP"), t0 + 3s);
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
}

TEST(UssdSession, respondWithNoSessionIsNotFound)
{
	UssdSession s;
	auto r = s.respond("1", 30s, t0);
	ASSERT_EQ(kinds(r), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(r[0].error.code, make_error_code(Errc::NotFound));
	EXPECT_EQ(r[0].error.what, "no USSD session is open");
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
}

TEST(UssdSession, secondRequestWhileOneWaitsIsBusy)
{
	UssdSession s;
	(void)s.initiate("*100#", 30s, t0);
	auto again = s.initiate("*100#", 30s, t0 + 1s);
	ASSERT_EQ(kinds(again), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(again[0].error.code, make_error_code(Errc::Busy));
	EXPECT_EQ(kinds(s.respond("1", 30s, t0 + 1s)), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(s.state(), UssdSessionState::Active);
}

TEST(UssdSession, freshMenuMakesInitiateBusyAndStaleMenuIsCancelledFirst)
{
	UssdSession s({ .staleAfter = 120s, .terminatedGrace = 3s });
	(void)s.initiate("*101#", 30s, t0);
	(void)s.networkReply(reply(UssdStatus::ActionRequired, "1. Balance"), t0 + 1s);
	auto busy = s.initiate("*100#", 30s, t0 + 60s);
	ASSERT_EQ(kinds(busy), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(busy[0].error.code, make_error_code(Errc::Busy));
	auto stale = s.initiate("*100#", 30s, t0 + 1s + 120s);
	EXPECT_EQ(kinds(stale), (std::vector<Kind>{ Kind::Cancel, Kind::Send }));
	EXPECT_EQ(s.state(), UssdSessionState::Active);
}

TEST(UssdSession, cancelFailsTheWaitingRequestAtOnce)
{
	UssdSession s;
	(void)s.initiate("*100#", 120s, t0);
	auto c = s.cancel();
	ASSERT_EQ(kinds(c), (std::vector<Kind>{ Kind::Fail, Kind::Cancel }));
	EXPECT_EQ(c[0].error.code, make_error_code(Errc::Cancelled));
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
	EXPECT_FALSE(s.nextDeadline());
	// The late answer to the cancelled request is no request's: a notification.
	auto late = s.networkReply(reply(UssdStatus::Done, "late"), t0 + 5s);
	ASSERT_EQ(kinds(late), (std::vector<Kind>{ Kind::Notify }));
	EXPECT_TRUE(late[0].reply.networkInitiated);
}

TEST(UssdSession, cancelOfAnOpenMenuClosesIt)
{
	UssdSession s;
	(void)s.initiate("*101#", 30s, t0);
	(void)s.networkReply(reply(UssdStatus::ActionRequired, "1. Balance"), t0 + 1s);
	EXPECT_EQ(kinds(s.cancel()), (std::vector<Kind>{ Kind::Cancel }));
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
	EXPECT_TRUE(s.cancel().empty()) << "nothing to cancel";
}

TEST(UssdSession, noAnswerByTheDeadlineTimesOutAndCancels)
{
	UssdSession s;
	(void)s.initiate("*100#", 30s, t0);
	EXPECT_EQ(s.nextDeadline(), t0 + 30s);
	EXPECT_TRUE(s.tick(t0 + 29s).empty());
	auto t = s.tick(t0 + 30s);
	ASSERT_EQ(kinds(t), (std::vector<Kind>{ Kind::Cancel, Kind::Fail }));
	EXPECT_EQ(t[1].error.code, make_error_code(Errc::Timeout));
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
}

struct ReleaseCase {
	const char *name;
	std::vector<UssdReply> replies;  ///< at t0+1s, t0+2s, ...
	Clock::duration tickAt;          ///< then a tick at t0 + this (0: none)
	UssdStatus status;
	const char *text;
};

void PrintTo(const ReleaseCase &c, std::ostream *os)
{
	*os << c.name;
}

class UssdSessionReleaseTest : public ::testing::TestWithParam<ReleaseCase>
{
};

// A +CUSD: 2 (or 3) with text is held: the status-0/1 answer that follows within the
// grace is the reply, else the released one's text when the grace passes.
TEST_P(UssdSessionReleaseTest, answerIsTheRightOne)
{
	const ReleaseCase &c = GetParam();
	UssdSession s({ .staleAfter = 120s, .terminatedGrace = 3s });
	(void)s.initiate("*100#", 30s, t0);
	std::vector<UssdAction> got;
	auto at = t0;
	for (const auto &r : c.replies) {
		at += 1s;
		for (auto &a : s.networkReply(r, at))
			got.push_back(a);
	}
	if (c.tickAt != Clock::duration::zero())
		for (auto &a : s.tick(t0 + c.tickAt))
			got.push_back(a);
	ASSERT_EQ(kinds(got), (std::vector<Kind>{ Kind::Complete }));
	EXPECT_EQ(got[0].reply.status, c.status);
	EXPECT_EQ(got[0].reply.text, c.text);
}

INSTANTIATE_TEST_SUITE_P(
	Released, UssdSessionReleaseTest,
	::testing::Values(
		ReleaseCase{ "releasedWithTextThenDone",
			     { reply(UssdStatus::Terminated, "session ended"), reply(UssdStatus::Done, "Balance 5 EUR") },
			     Clock::duration::zero(), UssdStatus::Done, "Balance 5 EUR" },
		ReleaseCase{ "otherClientWithTextThenMenu",
			     { reply(UssdStatus::OtherClient, "x"), reply(UssdStatus::ActionRequired, "1. Data") },
			     Clock::duration::zero(), UssdStatus::ActionRequired, "1. Data" },
		ReleaseCase{ "releasedWithTextAloneAfterTheGrace", { reply(UssdStatus::Terminated, "Balance 5 EUR") },
			     4s, UssdStatus::Terminated, "Balance 5 EUR" },
		ReleaseCase{ "releasedWithoutTextAtOnce", { reply(UssdStatus::Terminated, "") },
			     Clock::duration::zero(), UssdStatus::Terminated, "" },
		ReleaseCase{ "releasedWithTextThenBareRelease",
			     { reply(UssdStatus::Terminated, "Balance 5 EUR"), reply(UssdStatus::Terminated, "") },
			     Clock::duration::zero(), UssdStatus::Terminated, "Balance 5 EUR" },
		ReleaseCase{ "notSupportedAtOnce", { reply(UssdStatus::NotSupported, "") }, Clock::duration::zero(),
			     UssdStatus::NotSupported, "" }),
	[](const ::testing::TestParamInfo<ReleaseCase> &i) { return std::string(i.param.name); });

TEST(UssdSession, heldReleaseSetsTheNextDeadlineToItsGrace)
{
	UssdSession s({ .staleAfter = 120s, .terminatedGrace = 3s });
	(void)s.initiate("*100#", 30s, t0);
	EXPECT_TRUE(s.networkReply(reply(UssdStatus::Terminated, "text"), t0 + 1s).empty());
	EXPECT_EQ(s.nextDeadline(), t0 + 4s);
	EXPECT_TRUE(s.tick(t0 + 3s).empty());
}

TEST(UssdSession, networkInitiatedWithNoRequestIsANotification)
{
	UssdSession s;
	auto n = s.networkReply(reply(UssdStatus::ActionRequired, "Reply 1 to confirm"), t0);
	ASSERT_EQ(kinds(n), (std::vector<Kind>{ Kind::Notify }));
	EXPECT_TRUE(n[0].reply.networkInitiated);
	EXPECT_EQ(s.state(), UssdSessionState::UserResponse);
	EXPECT_EQ(kinds(s.respond("1", 10s, t0 + 1s)), (std::vector<Kind>{ Kind::Send }));
}

TEST(UssdSession, undecodableAnswerFailsTheRequest)
{
	UssdSession s;
	(void)s.initiate("*100#", 30s, t0);
	auto f = s.networkReply(makeError(Errc::Malformed, "unterminated", 0, "+CUSD: 0,\"x"), t0 + 1s);
	ASSERT_EQ(kinds(f), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(f[0].error.raw, "+CUSD: 0,\"x");
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
}

TEST(UssdSession, modemGoneFailsTheWaitingRequest)
{
	UssdSession s;
	(void)s.initiate("*100#", 30s, t0);
	auto g = s.modemGone();
	ASSERT_EQ(kinds(g), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(g[0].error.code, make_error_code(Errc::DeviceGone));
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
}

TEST(UssdSession, modemRefusingTheRequestFailsIt)
{
	UssdSession s;
	(void)s.initiate("*100#", 30s, t0);
	auto f = s.sendFailed(makeError(Errc::ModemError, "+CME ERROR: 3"));
	ASSERT_EQ(kinds(f), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
}

// Issue 13 §6: a menu nobody answers is cancelled after the idle timeout, on the
// virtual clock; an answer in time restarts nothing and the timer goes with the menu.
TEST(UssdSession, menuNobodyAnswersIsCancelledAfterTheIdleTimeout)
{
	UssdSession s({ .staleAfter = 120s, .terminatedGrace = 3s, .menuIdleTimeout = 180s });
	(void)s.initiate("*101#", 30s, t0);
	(void)s.networkReply(reply(UssdStatus::ActionRequired, "1. Balance"), t0 + 2s);
	ASSERT_EQ(s.state(), UssdSessionState::UserResponse);
	EXPECT_EQ(s.nextDeadline(), t0 + 2s + 180s);
	EXPECT_TRUE(s.tick(t0 + 2s + 179s).empty());
	EXPECT_EQ(s.state(), UssdSessionState::UserResponse);
	EXPECT_EQ(kinds(s.tick(t0 + 2s + 180s)), (std::vector<Kind>{ Kind::Cancel }));
	EXPECT_EQ(s.state(), UssdSessionState::Idle);
	EXPECT_FALSE(s.nextDeadline());
	auto late = s.respond("1", 30s, t0 + 200s);
	ASSERT_EQ(kinds(late), (std::vector<Kind>{ Kind::Fail }));
	EXPECT_EQ(late[0].error.code, make_error_code(Errc::NotFound));
}

TEST(UssdSession, menuAnsweredInTimeIsNotCancelledAndTheNextMenuCountsAfresh)
{
	UssdSession s({ .staleAfter = 120s, .terminatedGrace = 3s, .menuIdleTimeout = 60s });
	(void)s.initiate("*101#", 30s, t0);
	(void)s.networkReply(reply(UssdStatus::ActionRequired, "1. Balance"), t0 + 1s);
	(void)s.respond("1", 30s, t0 + 50s);
	EXPECT_EQ(s.nextDeadline(), t0 + 80s) << "the request's own deadline now";
	(void)s.networkReply(reply(UssdStatus::ActionRequired, "1. More"), t0 + 52s);
	EXPECT_TRUE(s.tick(t0 + 61s).empty()) << "the first menu's timeout is gone";
	EXPECT_EQ(s.nextDeadline(), t0 + 52s + 60s);
	EXPECT_EQ(kinds(s.tick(t0 + 112s)), (std::vector<Kind>{ Kind::Cancel }));
}

TEST(UssdSession, zeroIdleTimeoutKeepsTheMenuOpen)
{
	UssdSession s({ .staleAfter = 120s, .terminatedGrace = 3s, .menuIdleTimeout = 0s });
	(void)s.initiate("*101#", 30s, t0);
	(void)s.networkReply(reply(UssdStatus::ActionRequired, "1. Balance"), t0 + 1s);
	EXPECT_FALSE(s.nextDeadline());
	EXPECT_TRUE(s.tick(t0 + 24h).empty());
	EXPECT_EQ(s.state(), UssdSessionState::UserResponse);
}

TEST(UssdSession, networkInitiatedMenuTimesOutToo)
{
	UssdSession s({ .staleAfter = 120s, .terminatedGrace = 3s, .menuIdleTimeout = 30s });
	auto n = s.networkReply(reply(UssdStatus::ActionRequired, "Survey: 1 yes 2 no"), t0);
	ASSERT_EQ(kinds(n), (std::vector<Kind>{ Kind::Notify }));
	EXPECT_EQ(s.nextDeadline(), t0 + 30s);
	EXPECT_EQ(kinds(s.tick(t0 + 30s)), (std::vector<Kind>{ Kind::Cancel }));
}

} /* namespace */
} /* namespace zanryo */
