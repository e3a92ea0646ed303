#include "libmodem/backend/sms_inbox.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace zanryo {

namespace {

std::string durationText(SmsInbox::Clock::duration d)
{
	auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
	if (ms % 1000 == 0)
		return fmt::format("{} s", ms / 1000);
	return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

Error timedOut(const SmsFilter &filter, SmsInbox::Clock::duration timeout)
{
	std::string from;
	for (const auto &s : filter.senders)
		from += (from.empty() ? " from " : " or ") + s;
	return makeError(Errc::Timeout, fmt::format("no SMS{} within {}", from, durationText(timeout)));
}

} /* namespace */

SmsInbox::SmsInbox(Options options, SmsPartStore *store) : options_(options), assembler_(options.assembly, store)
{
}

std::vector<Error> SmsInbox::restore()
{
	return assembler_.restore();
}

bool SmsInbox::passes(const SmsFilter &filter, const SmsMessage &m, Clock::time_point started)
{
	if (m.received < filter.since.value_or(started))
		return false;
	if (filter.senders.empty())
		return true;
	return std::any_of(filter.senders.begin(), filter.senders.end(),
			   [&](const std::string &s) { return senderMatches(s, m.sender); });
}

void SmsInbox::deliver(std::vector<SmsMessage> messages, Outcome &out)
{
	for (SmsMessage &m : messages) {
		Received r{ m, false };
		// The first waiter (oldest) whose filter it passes takes it.
		for (auto it = waiters_.begin(); it != waiters_.end(); ++it) {
			if (passes(it->second.filter, m, it->second.started)) {
				r.taken = true;
				out.answers.emplace_back(it->first, m);
				waiters_.erase(it);
				break;
			}
		}
		recent_.push_back(std::move(r));
		while (recent_.size() > options_.recentLimit)
			recent_.pop_front();
		out.received.push_back(std::move(m));
	}
}

SmsInbox::Outcome SmsInbox::add(SmsPart part)
{
	Outcome out;
	deliver(assembler_.add(std::move(part)), out);
	return out;
}

SmsInbox::Outcome SmsInbox::tick(Clock::time_point now)
{
	Outcome out;
	deliver(assembler_.expire(now), out);
	for (auto it = waiters_.begin(); it != waiters_.end();) {
		if (now >= it->second.deadline) {
			out.answers.emplace_back(it->first, timedOut(it->second.filter, it->second.timeout));
			it = waiters_.erase(it);
		} else {
			++it;
		}
	}
	return out;
}

std::optional<SmsInbox::Clock::time_point> SmsInbox::nextDeadline() const
{
	std::optional<Clock::time_point> next = assembler_.nextExpiry();
	for (const auto &[id, w] : waiters_)
		if (!next || w.deadline < *next)
			next = w.deadline;
	return next;
}

std::pair<SmsInbox::WaiterId, std::optional<SmsMessage>> SmsInbox::wait(SmsFilter filter, Clock::time_point now,
									  Clock::duration timeout)
{
	for (Received &r : recent_) {
		if (!r.taken && passes(filter, r.message, now)) {
			r.taken = true;
			return { 0, r.message };
		}
	}
	WaiterId id = nextId_++;
	waiters_.emplace(id, Waiter{ std::move(filter), now, now + timeout, timeout });
	return { id, std::nullopt };
}

void SmsInbox::forget(WaiterId id)
{
	waiters_.erase(id);
}

SmsInbox::Outcome SmsInbox::failAll(const Error &why)
{
	Outcome out;
	for (auto &[id, w] : waiters_)
		out.answers.emplace_back(id, why);
	waiters_.clear();
	return out;
}

} /* namespace zanryo */
