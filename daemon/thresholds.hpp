#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config.hpp"
#include "libmodem/balance/balance.hpp"
#include "plan.hpp"

namespace zanryo {

/// One crossing to announce with the Balance.Low signal.
struct LowEvent {
	std::string what;    ///< "data-bytes", "data-percent", "money", "expiry-days", "run-out", "count"
	std::uint64_t value; ///< bytes, percent, minor units, days
	std::uint64_t threshold; ///< same unit as value
	friend bool operator==(const LowEvent &, const LowEvent &) = default;
};

/// \brief Decides when a threshold is crossed: an event fires when a value goes from
/// above to at-or-below its threshold, and not again until the value has risen above it
/// (a top-up, a new month). Values a reading does not state change nothing.
///
/// Remaining data comes from two places that share one latch per threshold: the
/// carrier's readings (update()) and the estimate from counted traffic between them
/// (updateUsage()). The estimate starts from the carrier's last figure, so the two never
/// disagree about a crossing; on a SIM that is never queried the estimate is all there is.
class ThresholdTracker
{
public:
	/// \param allowance the plan's data per period, the 100 % of data_percent when a
	/// reading states no total.
	explicit ThresholdTracker(Thresholds thresholds,
				  std::optional<std::uint64_t> allowance = {})
		: thresholds_(std::move(thresholds)), allowance_(allowance)
	{
	}

	/// A carrier reading. \param today the local date it arrived, for days to expiry.
	std::vector<LowEvent> update(const Balance &balance, const Date &today);

	/// What one reading (or one kind of its buckets) states, as the thresholds compare it.
	struct Figures {
		std::optional<Money> money;
		std::optional<std::uint64_t> dataRemaining;
		std::optional<std::uint64_t> dataTotal;
		bool dataUnlimited = false;
		std::optional<Date> expiry;
		std::optional<std::uint64_t> count; ///< SMS or minutes (buckets only)
	};

	/// New Usage figures (counted traffic against the plan). \param now Unix seconds.
	std::vector<LowEvent> updateUsage(const UsageFigures &figures, std::int64_t now);

private:
	struct Latch {
		bool low = false;
	};
	void check(const char *what, std::uint64_t value, std::uint64_t threshold, Latch &latch,
		   std::vector<LowEvent> &out);
	void checkData(std::uint64_t remaining, std::optional<std::uint64_t> total,
		       std::vector<LowEvent> &out);
	std::vector<LowEvent> updateFigures(const Figures &figures, const Date &today);

	Thresholds thresholds_;
	std::optional<std::uint64_t> allowance_;
	std::optional<std::uint64_t> carrierTotal_; ///< the last reading's stated total
	Latch dataBytes_, dataPercent_, money_, expiryDays_, runOut_, count_;
	std::int64_t runOutPeriod_ = 0;	    ///< period the run-out latch belongs to
	std::uint64_t runOutRemaining_ = 0; ///< estimate when run-out last fired
};

/// Days from \a from to \a to (negative when \a to is earlier).
std::int64_t daysBetween(const Date &from, const Date &to);

/// "100.00" at \a scale digits -> minor units; false when not a decimal.
bool decimalToMinor(std::string_view decimal, int scale, std::int64_t &minor);

} /* namespace zanryo */
