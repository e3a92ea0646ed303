#pragma once

// The received-SMS side of a modem as an I/O-free state machine, shared by every
// backend: reassembly of concatenated messages (SmsAssembler), the ring of recent
// messages a late reader can still take (SmsFilter::since), the readers waiting for a
// reply with their sender filter and deadline, and the expiry of parts that never
// complete. No port, no timer: the time comes in with each event, so a test drives it
// with a virtual clock. SmsInboxDriver (sms_inbox_driver.hpp) runs it on Asio.
//
// Storage is not its business: it deletes nothing (modem.hpp, storage policy). A reader
// that consumed a message deletes its storageIndexes itself.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "libmodem/backend/modem.hpp"
#include "libmodem/backend/sms_assembler.hpp"

namespace zanryo {

class SmsInbox
{
public:
	using Clock = std::chrono::system_clock;
	using WaiterId = std::uint64_t;

	struct Options {
		SmsAssembler::Options assembly;
		/// Messages kept for readers that start waiting after they came.
		std::size_t recentLimit = 64;
	};

	/// \brief What one event produced, for the backend to hand out.
	struct Outcome {
		/// Messages reassembled now (complete, or incomplete at their timeout), in order:
		/// every one goes to the smsReceived handler.
		std::vector<SmsMessage> received;
		/// Waiters that are done: the message they take, or Errc::Timeout.
		std::vector<std::pair<WaiterId, Result<SmsMessage>>> answers;
	};

	explicit SmsInbox(Options options, SmsPartStore *store = nullptr);

	/// \brief Load the parts a previous run left (SmsAssembler::restore()).
	std::vector<Error> restore();

	/// \brief One decoded part (SmsPart::received is its arrival time).
	Outcome add(SmsPart part);
	/// \brief Time passed: parts that waited too long, waiters past their deadline.
	Outcome tick(Clock::time_point now);
	/// When tick() must be called next; empty when nothing is timed.
	std::optional<Clock::time_point> nextDeadline() const;

	/// \brief A reader waits until \a now + \a timeout for the first message that passes
	/// \a filter and no other reader took. If one is already here it is taken and
	/// returned at once (no waiter is registered: the id is 0).
	std::pair<WaiterId, std::optional<SmsMessage>> wait(SmsFilter filter, Clock::time_point now,
							    Clock::duration timeout);
	/// \brief The reader went away (its call was destroyed): forget it.
	void forget(WaiterId id);
	/// \brief The modem closed: every waiter fails with \a why.
	Outcome failAll(const Error &why);

	/// Whether \a m passes \a filter for a reader that started waiting at \a started
	/// (SmsFilter::since, else only messages from then on; the sender filter).
	static bool passes(const SmsFilter &filter, const SmsMessage &m, Clock::time_point started);
	std::size_t recentCount() const noexcept { return recent_.size(); }
	std::size_t waiterCount() const noexcept { return waiters_.size(); }

private:
	struct Received {
		SmsMessage message;
		bool taken = false;
	};
	struct Waiter {
		SmsFilter filter;
		Clock::time_point started;
		Clock::time_point deadline;
		Clock::duration timeout;
	};

	void deliver(std::vector<SmsMessage> messages, Outcome &out);

	Options options_;
	SmsAssembler assembler_;
	std::deque<Received> recent_;
	std::map<WaiterId, Waiter> waiters_;  ///< in the order they came (ids grow)
	WaiterId nextId_ = 1;
};

} /* namespace zanryo */
