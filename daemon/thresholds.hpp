#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "config.hpp"
#include "libmodem/balance/balance.hpp"

namespace zanryo {

/// One crossing to announce with the Balance.Low signal.
struct LowEvent {
	std::string what;        ///< "data-bytes", "data-percent", "money", "expiry-days"
	std::uint64_t value;     ///< bytes, percent, minor units, days
	std::uint64_t threshold; ///< same unit as value
	friend bool operator==(const LowEvent &, const LowEvent &) = default;
};

/// \brief Decides when a threshold is crossed: an event fires when a value goes from
/// above to at-or-below its threshold, and not again until the value has risen above it
/// (a top-up, a new month). Values the reply does not state change nothing.
class ThresholdTracker
{
public:
	explicit ThresholdTracker(Thresholds thresholds) : thresholds_(std::move(thresholds)) {}

	/// \param today the local date the reading arrived, for days to expiry.
	std::vector<LowEvent> update(const Balance &balance, const Date &today);

private:
	struct Latch {
		bool low = false;
	};
	void check(const char *what, bool known, std::uint64_t value, std::uint64_t threshold,
		   Latch &latch, std::vector<LowEvent> &out);

	Thresholds thresholds_;
	Latch dataBytes_, dataPercent_, money_, expiryDays_;
};

/// Days from \a from to \a to (negative when \a to is earlier).
std::int64_t daysBetween(const Date &from, const Date &to);

/// "100.00" at \a scale digits -> minor units; false when not a decimal.
bool decimalToMinor(std::string_view decimal, int scale, std::int64_t &minor);

} /* namespace zanryo */
