#pragma once

// SmsInbox (sms_inbox.hpp) carried out on Boost.Asio for every backend: one timer for
// the inbox's next deadline (a multipart message's part timeout, a reader's deadline),
// the waiting waitSms() calls parked until the inbox answers them, and the smsReceived
// callback. A backend decodes what its port gives (an SMS-DELIVER PDU) into an SmsPart
// and hands it to take(); it keeps no ring, waiter list or expiry timer of its own.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/system_timer.hpp>

#include "libmodem/backend/modem.hpp"
#include "libmodem/backend/sms_inbox.hpp"

namespace zanryo {

class SmsInboxDriver
{
public:
	/// \a received: called for every reassembled message (the modem's smsReceived).
	SmsInboxDriver(boost::asio::any_io_executor executor, SmsInbox::Options options, SmsPartStore *store,
		       std::function<void(const SmsMessage &)> received);
	~SmsInboxDriver();
	SmsInboxDriver(const SmsInboxDriver &) = delete;
	SmsInboxDriver &operator=(const SmsInboxDriver &) = delete;

	/// \brief Load the parts a previous run left; their part timeouts count from then.
	std::vector<Error> restore();
	/// \brief One received part, decoded.
	void take(SmsPart part);
	/// \brief The first message passing \a filter, or Errc::Timeout after \a timeout.
	boost::asio::awaitable<Result<SmsMessage>> wait(SmsFilter filter, Modem::Duration timeout);
	/// \brief The modem closed: waiting calls end with Errc::Cancelled.
	void closed();

private:
	struct Waiter;

	void apply(SmsInbox::Outcome out);
	void arm();

	boost::asio::any_io_executor executor_;
	SmsInbox inbox_;
	std::function<void(const SmsMessage &)> received_;
	boost::asio::system_timer timer_;
	std::map<SmsInbox::WaiterId, Waiter *> waiters_;
	std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

} /* namespace zanryo */
