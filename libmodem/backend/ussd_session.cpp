#include "libmodem/backend/ussd_session.hpp"

#include <utility>

#include <fmt/core.h>

namespace zanryo {

namespace {

std::string waitText(UssdSession::Clock::duration d)
{
	auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
	if (ms % 1000 == 0)
		return fmt::format("{} s", ms / 1000);
	return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

UssdAction act(UssdAction::Kind kind)
{
	return UssdAction{ kind, {}, {}, {} };
}

UssdAction send(std::string text)
{
	UssdAction a = act(UssdAction::Kind::Send);
	a.text = std::move(text);
	return a;
}

UssdAction complete(UssdReply reply)
{
	UssdAction a = act(UssdAction::Kind::Complete);
	a.reply = std::move(reply);
	return a;
}

UssdAction fail(Error error)
{
	UssdAction a = act(UssdAction::Kind::Fail);
	a.error = std::move(error);
	return a;
}

/// TS 27.007 §7.15: <m> 2 and 3 end the dialogue, and may come before the real answer
/// (a network that releases, then sends its text; a second client on the modem).
bool releases(UssdStatus s)
{
	switch (s) {
	case UssdStatus::Terminated:
	case UssdStatus::OtherClient:
		return true;
	case UssdStatus::Done:
	case UssdStatus::ActionRequired:
	case UssdStatus::NotSupported:
	case UssdStatus::Timeout:
		return false;
	}
	return false;
}

} /* namespace */

std::string_view ussdSessionStateName(UssdSessionState state) noexcept
{
	switch (state) {
	case UssdSessionState::Idle: return "idle";
	case UssdSessionState::Active: return "active";
	case UssdSessionState::UserResponse: return "user-response";
	}
	return "?";
}

std::vector<UssdAction> UssdSession::initiate(std::string code, Clock::duration timeout, Clock::time_point now)
{
	std::vector<UssdAction> out;
	switch (state_) {
	case UssdSessionState::Active:
		return { fail(makeError(Errc::Busy, "another USSD request is waiting for its answer")) };
	case UssdSessionState::UserResponse:
		if (now - menuSince_ < options_.staleAfter)
			return { fail(makeError(
				Errc::Busy,
				std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now - menuSince_).count()) +
					" s ago a USSD menu opened; answer or cancel it first")) };
		// Stale: the user walked away from a menu. Close it first.
		out.push_back(act(UssdAction::Kind::Cancel));
		break;
	case UssdSessionState::Idle:
		break;
	}
	state_ = UssdSessionState::Active;
	deadline_ = now + timeout;
	wait_ = timeout;
	held_.reset();
	out.push_back(send(std::move(code)));
	return out;
}

std::vector<UssdAction> UssdSession::respond(std::string text, Clock::duration timeout, Clock::time_point now)
{
	switch (state_) {
	case UssdSessionState::Active:
		return { fail(makeError(Errc::Busy, "another USSD request is waiting for its answer")) };
	case UssdSessionState::Idle:
		return { fail(makeError(Errc::NotFound, "no USSD session is open")) };
	case UssdSessionState::UserResponse:
		break;
	}
	state_ = UssdSessionState::Active;
	deadline_ = now + timeout;
	wait_ = timeout;
	held_.reset();
	return { send(std::move(text)) };
}

std::vector<UssdAction> UssdSession::sendFailed(Error error)
{
	if (state_ != UssdSessionState::Active)
		return {};
	state_ = UssdSessionState::Idle;
	held_.reset();
	return { fail(std::move(error)) };
}

std::vector<UssdAction> UssdSession::finish(UssdReply reply, Clock::time_point now)
{
	held_.reset();
	if (reply.status == UssdStatus::ActionRequired) {
		state_ = UssdSessionState::UserResponse;
		menuSince_ = now;  // the menu's age counts from here
	} else {
		state_ = UssdSessionState::Idle;
	}
	return { complete(std::move(reply)) };
}

std::vector<UssdAction> UssdSession::networkReply(Result<UssdReply> reply, Clock::time_point now)
{
	if (state_ != UssdSessionState::Active) {
		// TS 27.007 §7.15: with no request of ours the network started the dialogue.
		if (!reply)
			return {};
		UssdReply r = std::move(reply).value();
		r.networkInitiated = true;
		if (r.status == UssdStatus::ActionRequired) {
			state_ = UssdSessionState::UserResponse;
			menuSince_ = now;
		} else if (state_ == UssdSessionState::UserResponse) {
			state_ = UssdSessionState::Idle;  // the network closed the menu
		}
		UssdAction a = act(UssdAction::Kind::Notify);
		a.reply = std::move(r);
		return { a };
	}
	if (!reply) {
		state_ = UssdSessionState::Idle;
		held_.reset();
		return { fail(reply.error()) };
	}
	UssdReply r = std::move(reply).value();
	if (releases(r.status) && !r.text.empty()) {
		if (!held_) {
			held_ = std::move(r);
			heldUntil_ = now + options_.terminatedGrace;
		}
		return {};
	}
	if (held_ && releases(r.status))
		return finish(std::move(*held_), now);  // a bare release after the held text
	return finish(std::move(r), now);
}

std::vector<UssdAction> UssdSession::cancel()
{
	std::vector<UssdAction> out;
	switch (state_) {
	case UssdSessionState::Idle:
		return {};
	case UssdSessionState::Active:
		out.push_back(fail(makeError(Errc::Cancelled, "the USSD request was cancelled")));
		break;
	case UssdSessionState::UserResponse:
		break;
	}
	state_ = UssdSessionState::Idle;
	held_.reset();
	out.push_back(act(UssdAction::Kind::Cancel));
	return out;
}

std::vector<UssdAction> UssdSession::modemGone()
{
	bool wasWaiting = state_ == UssdSessionState::Active;
	state_ = UssdSessionState::Idle;
	held_.reset();
	if (!wasWaiting)
		return {};
	return { fail(makeError(Errc::DeviceGone, "the modem went away during the USSD request")) };
}

std::vector<UssdAction> UssdSession::tick(Clock::time_point now)
{
	if (state_ == UssdSessionState::UserResponse && options_.menuIdleTimeout.count() > 0 &&
	    now - menuSince_ >= options_.menuIdleTimeout) {
		// Nobody answered the menu: close it so that the modem and the network are free.
		state_ = UssdSessionState::Idle;
		return { act(UssdAction::Kind::Cancel) };
	}
	if (state_ != UssdSessionState::Active)
		return {};
	if (held_ && now >= heldUntil_)
		return finish(std::move(*held_), now);
	if (now >= deadline_) {
		state_ = UssdSessionState::Idle;
		held_.reset();
		// No answer: close the dialogue so the network and the modem forget it.
		return { act(UssdAction::Kind::Cancel),
			 fail(makeError(Errc::Timeout, fmt::format("no USSD answer from the network within {}", waitText(wait_)))) };
	}
	return {};
}

std::optional<UssdSession::Clock::time_point> UssdSession::nextDeadline() const
{
	if (state_ == UssdSessionState::UserResponse && options_.menuIdleTimeout.count() > 0)
		return menuSince_ + options_.menuIdleTimeout;
	if (state_ != UssdSessionState::Active)
		return std::nullopt;
	if (held_ && heldUntil_ < deadline_)
		return heldUntil_;
	return deadline_;
}

} /* namespace zanryo */
