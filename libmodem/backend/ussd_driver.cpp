#include "libmodem/backend/ussd_driver.hpp"

// GCC 12 pairs Boost 1.74's coroutine frame operator new/delete wrongly when a frame
// holds a lambda (a false positive, gcc PR 109224).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace zanryo {

namespace asio = boost::asio;

struct UssdDriver::Waiter {
	explicit Waiter(asio::any_io_executor ex) : wake(std::move(ex)) {}
	asio::steady_timer wake;
	std::optional<Result<UssdReply>> result;
};

UssdDriver::UssdDriver(asio::any_io_executor executor, UssdTransport &transport, UssdSession::Options options)
	: executor_(executor), transport_(transport), session_(options), timer_(executor)
{
}

UssdDriver::~UssdDriver()
{
	alive_.reset();
	timer_.cancel();
}

asio::awaitable<Result<UssdReply>> UssdDriver::initiate(std::string code, Modem::Duration timeout)
{
	return request(session_.initiate(std::move(code), timeout, UssdSession::Clock::now()), false, timeout);
}

asio::awaitable<Result<UssdReply>> UssdDriver::respond(std::string text, Modem::Duration timeout)
{
	return request(session_.respond(std::move(text), timeout, UssdSession::Clock::now()), true, timeout);
}

asio::awaitable<Result<UssdReply>> UssdDriver::request(std::vector<UssdAction> actions, bool menuAnswer,
						       Modem::Duration timeout)
{
	Waiter w(executor_);
	std::weak_ptr<int> alive = alive_;
	struct Unpark {
		UssdDriver *d;
		Waiter *w;
		std::weak_ptr<int> alive;
		~Unpark()
		{
			if (!alive.expired() && d->waiter_ == w)
				d->waiter_ = nullptr;
		}
	} unpark{ this, &w, alive };
	for (UssdAction &a : actions) {
		switch (a.kind) {
		case UssdAction::Kind::Fail:
			// Busy or NotFound: the answer to this call, nothing was sent.
			co_return a.error;
		case UssdAction::Kind::Complete:
			co_return a.reply;
		case UssdAction::Kind::Notify:
			transport_.notifyUssd(a.reply);
			break;
		case UssdAction::Kind::Cancel: {
			// A stale menu: closed on the modem before the new request goes out. What
			// the network says about the old dialogue meanwhile is not our answer.
			cancellingStale_ = true;
			auto cancelled = co_await transport_.cancelUssd();
			(void)cancelled;  // the modem may have forgotten it already
			if (alive.expired())
				co_return makeError(Errc::Cancelled, "the modem was closed");
			cancellingStale_ = false;
			if (!session_.waiting())
				co_return makeError(Errc::Cancelled, "the USSD request was cancelled");
			break;
		}
		case UssdAction::Kind::Send: {
			waiter_ = &w;  // the answer may come before the modem's OK
			arm();
			auto sent = co_await transport_.sendUssd(std::move(a.text), menuAnswer, timeout);
			if (alive.expired())
				co_return makeError(Errc::Cancelled, "the modem was closed");
			if (!sent)
				apply(session_.sendFailed(sent.error()));
			break;
		}
		}
	}
	while (!w.result) {
		w.wake.expires_at(asio::steady_timer::time_point::max());
		boost::system::error_code ec;
		co_await w.wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		if (!w.result && alive.expired())
			co_return makeError(Errc::Cancelled, "the modem was closed");
	}
	co_return std::move(*w.result);
}

void UssdDriver::apply(std::vector<UssdAction> actions)
{
	auto deliver = [this](Result<UssdReply> r) {
		if (!waiter_)
			return;
		Waiter *w = std::exchange(waiter_, nullptr);
		w->result = std::move(r);
		w->wake.cancel();
	};
	for (UssdAction &a : actions) {
		switch (a.kind) {
		case UssdAction::Kind::Complete:
			deliver(std::move(a.reply));
			break;
		case UssdAction::Kind::Fail:
			deliver(std::move(a.error));
			break;
		case UssdAction::Kind::Notify:
			transport_.notifyUssd(a.reply);
			break;
		case UssdAction::Kind::Cancel:
			// A timed-out request or an idle menu: closed in the background; the port's
			// queue keeps it ahead of whatever request comes next.
			asio::co_spawn(executor_, transport_.cancelUssd(), asio::detached);
			break;
		case UssdAction::Kind::Send:
			break;  // only initiate() and respond() send, in request()
		}
	}
	arm();
}

void UssdDriver::arm()
{
	auto next = session_.nextDeadline();
	if (!next) {
		timer_.cancel();
		return;
	}
	timer_.expires_at(*next);
	std::weak_ptr<int> alive = alive_;
	timer_.async_wait([this, alive](const boost::system::error_code &ec) {
		if (ec || alive.expired())
			return;
		apply(session_.tick(UssdSession::Clock::now()));
	});
}

bool UssdDriver::cancel()
{
	bool open = false;
	std::vector<UssdAction> rest;
	for (UssdAction &a : session_.cancel()) {
		if (a.kind == UssdAction::Kind::Cancel)
			open = true;
		else
			rest.push_back(std::move(a));
	}
	apply(std::move(rest));
	return open;
}

void UssdDriver::networkReply(Result<UssdReply> reply)
{
	if (cancellingStale_)
		return;
	apply(session_.networkReply(std::move(reply), UssdSession::Clock::now()));
}

void UssdDriver::modemGone()
{
	cancellingStale_ = false;
	apply(session_.modemGone());
}

void UssdDriver::closed()
{
	std::vector<UssdAction> rest;
	for (UssdAction &a : session_.cancel()) {
		if (a.kind == UssdAction::Kind::Fail)
			a.error = makeError(Errc::Cancelled, "the modem was closed");
		if (a.kind != UssdAction::Kind::Cancel)
			rest.push_back(std::move(a));
	}
	apply(std::move(rest));
}

} /* namespace zanryo */
