#pragma once

#include <chrono>
#include <functional>

namespace zanryo::test {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

/// A deadline \a d from now: `waitUntil(pred, within(5s))`.
inline Deadline within(Clock::duration d)
{
	return Clock::now() + d;
}

/// Poll \a predicate with a short back-off (1 ms growing to 50 ms) until it holds or
/// \a deadline passes; the last answer of the predicate is returned. Use it instead of
/// sleeping: it returns as soon as the condition is met.
bool waitUntil(const std::function<bool()> &predicate, Deadline deadline);

} /* namespace zanryo::test */
