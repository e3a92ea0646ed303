#pragma once

// UssdSession (ussd_session.hpp) carried out on Boost.Asio, for every backend: the
// session decides, this class waits. It keeps the one timer the session's deadlines
// need (nextDeadline(): the request's timeout, the grace of a held release, the idle
// timeout of an open menu), parks the caller of initiate()/respond() until the session
// completes or fails it, and performs the Send, Cancel and Notify actions through the
// backend's UssdTransport. A backend owns one UssdDriver and feeds it what its port
// says (networkReply, modemGone); it keeps no USSD state of its own.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "libmodem/backend/modem.hpp"
#include "libmodem/backend/ussd_session.hpp"

namespace zanryo {

/// \brief What a backend does on its port for the USSD session.
class UssdTransport
{
public:
	virtual ~UssdTransport() = default;
	/// \brief Put \a text on the wire: a new request (\a menuAnswer false: AT+CUSD=1,
	/// VOICE Originate USSD) or the answer to the open menu (AT+CUSD=1, VOICE Answer
	/// USSD). Resolves when the modem accepted or refused it, not with the network's
	/// answer, which comes back through UssdDriver::networkReply().
	virtual boost::asio::awaitable<Result<void>> sendUssd(std::string text, bool menuAnswer,
							      Modem::Duration timeout) = 0;
	/// \brief Close the dialogue on the modem (AT+CUSD=2, VOICE Cancel USSD).
	virtual boost::asio::awaitable<Result<void>> cancelUssd() = 0;
	/// \brief Hand a network-initiated message to the modem's networkUssd handler.
	virtual void notifyUssd(const UssdReply &reply) = 0;
};

/// \brief One modem's USSD session on an executor. All methods run on that executor.
class UssdDriver
{
public:
	UssdDriver(boost::asio::any_io_executor executor, UssdTransport &transport, UssdSession::Options options);
	~UssdDriver();
	UssdDriver(const UssdDriver &) = delete;
	UssdDriver &operator=(const UssdDriver &) = delete;

	/// \brief UssdSession::initiate(), then wait for the outcome (a stale menu is
	/// cancelled on the modem first).
	boost::asio::awaitable<Result<UssdReply>> initiate(std::string code, Modem::Duration timeout);
	/// \brief UssdSession::respond(): Errc::NotFound "no USSD session is open" with none.
	boost::asio::awaitable<Result<UssdReply>> respond(std::string text, Modem::Duration timeout);
	/// \brief The caller cancels: a waiting request fails at once with Errc::Cancelled.
	/// Returns whether a dialogue was open, that is whether the backend must now close
	/// it on the modem (it does so itself, to return the modem's answer to its caller).
	bool cancel();
	/// \brief One message from the network, or one that did not decode.
	void networkReply(Result<UssdReply> reply);
	/// \brief The port went away: a waiting request fails with Errc::DeviceGone.
	void modemGone();
	/// \brief The modem is being closed: a waiting request fails with Errc::Cancelled,
	/// nothing is sent.
	void closed();

	UssdSessionState state() const noexcept { return session_.state(); }

private:
	struct Waiter;

	boost::asio::awaitable<Result<UssdReply>> request(std::vector<UssdAction> actions, bool menuAnswer,
							  Modem::Duration timeout);
	/// Carry out actions that need no waiting (Complete, Fail, Notify; Cancel in the
	/// background), then rearm the timer.
	void apply(std::vector<UssdAction> actions);
	void arm();

	boost::asio::any_io_executor executor_;
	UssdTransport &transport_;
	UssdSession session_;
	boost::asio::steady_timer timer_;
	Waiter *waiter_ = nullptr;        ///< the call waiting for the session's outcome
	bool cancellingStale_ = false;    ///< between a stale menu's Cancel and the new Send
	std::shared_ptr<int> alive_ = std::make_shared<int>(0);  ///< for the timer's handler
};

} /* namespace zanryo */
