#include "libmodem/backend/sms_inbox_driver.hpp"

// GCC 12 pairs Boost 1.74's coroutine frame operator new/delete wrongly when a frame
// holds a lambda (a false positive, gcc PR 109224).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace zanryo {

namespace asio = boost::asio;

struct SmsInboxDriver::Waiter {
	explicit Waiter(asio::any_io_executor ex) : wake(std::move(ex)) {}
	asio::steady_timer wake;
	std::optional<Result<SmsMessage>> result;
};

SmsInboxDriver::SmsInboxDriver(asio::any_io_executor executor, SmsInbox::Options options, SmsPartStore *store,
			       std::function<void(const SmsMessage &)> received)
	: executor_(executor), inbox_(options, store), received_(std::move(received)), timer_(executor)
{
}

SmsInboxDriver::~SmsInboxDriver()
{
	alive_.reset();
	timer_.cancel();
}

std::vector<Error> SmsInboxDriver::restore()
{
	auto warnings = inbox_.restore();
	arm();
	return warnings;
}

void SmsInboxDriver::take(SmsPart part)
{
	apply(inbox_.add(std::move(part)));
}

void SmsInboxDriver::closed()
{
	apply(inbox_.failAll(makeError(Errc::Cancelled, "waiting for an SMS: the modem was closed")));
}

void SmsInboxDriver::apply(SmsInbox::Outcome out)
{
	for (auto &[id, result] : out.answers) {
		auto it = waiters_.find(id);
		if (it == waiters_.end())
			continue;
		Waiter *w = it->second;
		waiters_.erase(it);
		w->result = std::move(result);
		w->wake.cancel();
	}
	for (const SmsMessage &m : out.received)
		if (received_)
			received_(m);
	arm();
}

void SmsInboxDriver::arm()
{
	auto next = inbox_.nextDeadline();
	if (!next) {
		timer_.cancel();
		return;
	}
	timer_.expires_at(*next);
	std::weak_ptr<int> alive = alive_;
	timer_.async_wait([this, alive](const boost::system::error_code &ec) {
		if (ec || alive.expired())
			return;
		apply(inbox_.tick(SmsInbox::Clock::now()));
	});
}

asio::awaitable<Result<SmsMessage>> SmsInboxDriver::wait(SmsFilter filter, Modem::Duration timeout)
{
	auto [id, ready] = inbox_.wait(std::move(filter), SmsInbox::Clock::now(), timeout);
	if (ready)
		co_return std::move(*ready);
	Waiter w(executor_);
	waiters_[id] = &w;
	std::weak_ptr<int> alive = alive_;
	struct Forget {
		SmsInboxDriver *d;
		SmsInbox::WaiterId id;
		std::weak_ptr<int> alive;
		~Forget()
		{
			if (alive.expired())
				return;
			d->waiters_.erase(id);
			d->inbox_.forget(id);
		}
	} forget{ this, id, alive };
	arm();
	while (!w.result) {
		w.wake.expires_at(asio::steady_timer::time_point::max());
		boost::system::error_code ec;
		co_await w.wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		if (!w.result && alive.expired())
			co_return makeError(Errc::Cancelled, "waiting for an SMS: the modem was closed");
	}
	co_return std::move(*w.result);
}

} /* namespace zanryo */
