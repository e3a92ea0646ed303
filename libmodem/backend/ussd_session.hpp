#pragma once

// One USSD dialogue (TS 22.090, TS 27.007 §7.15) as an I/O-free state machine: the
// backend feeds it events (a request went out, the network answered, a deadline passed,
// the caller cancelled, the modem went away) and carries out the actions it returns.
// No port, no timer, no clock of its own: time comes in with each event, so a test
// drives it with a virtual clock.
//
// AtModem and QmiModem drive it through UssdDriver (ussd_driver.hpp: the deadline timer,
// the waiting call, the actions carried out on Asio); neither keeps USSD flags of its own.
// Any other backend (ModemManager) plugs in the same way.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "libmodem/backend/modem.hpp"
#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief Where the dialogue is.
enum class UssdSessionState {
	Idle,          ///< no dialogue
	Active,        ///< a request (Initiate or Respond) waits for the network's answer
	UserResponse,  ///< the network showed a menu and waits for Respond (status 1)
};

/// "idle", "active", "user-response" (the names of the D-Bus Ussd.State property).
std::string_view ussdSessionStateName(UssdSessionState state) noexcept;

/// \brief What the backend must do, in order.
struct UssdAction {
	enum class Kind {
		Send,      ///< send \a text: AT+CUSD=1,"<text>" / VOICE Originate or Answer USSD
		Cancel,    ///< close the dialogue on the modem: AT+CUSD=2 / VOICE Cancel USSD
		Complete,  ///< the waiting call returns \a reply
		Fail,      ///< the waiting call returns \a error
		Notify,    ///< network-initiated USSD: hand \a reply to networkUssd
	};
	Kind kind;
	std::string text;
	UssdReply reply;
	Error error{};
};

/// \brief The dialogue's rules, shared by every backend.
///
/// - One request at a time: Initiate or Respond while a request waits is Errc::Busy.
/// - Initiate while a menu is open: Busy, unless the menu is older than staleAfter; then
///   the stale dialogue is cancelled first (Cancel, then Send).
/// - Respond with no menu open is Errc::NotFound, "no USSD session is open", on every
///   backend.
/// - A status 2 (released) or 3 (other client) that carries text is not yet the answer:
///   if a status 0 or 1 follows within terminatedGrace, that one is; else the released
///   one's text is returned when the grace passes. Without text it is the answer at once.
/// - A network message with no request pending is a notification (Notify), and opens a
///   menu when its status is 1.
/// - Cancel while a request waits fails it at once with Errc::Cancelled.
/// - A request with no answer by its deadline fails with Errc::Timeout, and the
///   dialogue is cancelled on the modem.
/// - A menu nobody answers within menuIdleTimeout is cancelled on the modem (a forgotten
///   menu never blocks the modem for ever); zero keeps it open until staleAfter.
class UssdSession
{
public:
	using Clock = std::chrono::steady_clock;

	struct Options {
		std::chrono::milliseconds staleAfter{ std::chrono::seconds(120) };
		std::chrono::milliseconds terminatedGrace{ std::chrono::seconds(3) };
		/// An open menu (UserResponse) with no Respond for this long is cancelled by
		/// tick(); zero: never (a later Initiate still cancels it after staleAfter).
		std::chrono::milliseconds menuIdleTimeout{ std::chrono::minutes(3) };
	};

	UssdSession() : UssdSession(Options{}) {}
	explicit UssdSession(Options options) : options_(options) {}

	UssdSessionState state() const noexcept { return state_; }
	/// Whether a request waits for its answer (state Active).
	bool waiting() const noexcept { return state_ == UssdSessionState::Active; }

	/// \brief The caller asks for \a code; the answer is due within \a timeout.
	std::vector<UssdAction> initiate(std::string code, Clock::duration timeout, Clock::time_point now);
	/// \brief The caller answers the open menu with \a text.
	std::vector<UssdAction> respond(std::string text, Clock::duration timeout, Clock::time_point now);
	/// \brief The modem refused the request itself (+CME ERROR, a QMI error): the call fails.
	std::vector<UssdAction> sendFailed(Error error);
	/// \brief One answer from the network (+CUSD, a USSD indication), or one that did
	/// not decode (its Error is the answer, raw text kept).
	std::vector<UssdAction> networkReply(Result<UssdReply> reply, Clock::time_point now);
	/// \brief The caller cancels. Fails a waiting request at once.
	std::vector<UssdAction> cancel();
	/// \brief The port went away: a waiting request fails with Errc::DeviceGone.
	std::vector<UssdAction> modemGone();
	/// \brief Time passed: a held released-with-text answer is due, the deadline, or the
	/// open menu's idle timeout (then one Cancel action and state Idle).
	std::vector<UssdAction> tick(Clock::time_point now);
	/// When tick() must be called next (the request's deadline, a held answer's grace,
	/// an open menu's idle timeout); empty when nothing is timed.
	std::optional<Clock::time_point> nextDeadline() const;

private:
	std::vector<UssdAction> finish(UssdReply reply, Clock::time_point now);

	Options options_;
	UssdSessionState state_ = UssdSessionState::Idle;
	Clock::time_point menuSince_{};   ///< when the open menu came (UserResponse)
	Clock::time_point deadline_{};    ///< of the waiting request (Active)
	Clock::duration wait_{};          ///< the timeout it was given, for the error text
	std::optional<UssdReply> held_;   ///< a status 2/3 with text, in its grace window
	Clock::time_point heldUntil_{};
};

} /* namespace zanryo */
