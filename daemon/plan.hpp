#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "libmodem/balance/balance.hpp"

namespace zanryo {

/// How a plan's allowance renews.
enum class PeriodKind {
	Monthly,   ///< on day N of every month (clamped to the month's last day)
	EveryDays, ///< every N days counted from a start date
	Daily,     ///< a daily cap, renewed at local midnight
	None,      ///< never renews: a prepaid or travel pack from `start` until `expires`
};

/// The data plan of one SIM, from [modem.plan] (docs/configuration.md).
struct Plan {
	std::optional<std::uint64_t> allowance; ///< bytes per period; unset: not known
	bool unlimited = false;
	PeriodKind period = PeriodKind::Monthly;
	unsigned resetDay = 1;          ///< Monthly: 1..31
	unsigned everyDays = 0;         ///< EveryDays: 1..3650
	std::optional<Date> start;      ///< EveryDays: a day a period began; None: first day
	std::optional<std::uint64_t> throttleBitsPerSecond; ///< informational: speed after the cap
	std::optional<Date> expires;    ///< last day the SIM or pack may be used
};

/// One period of a plan as local dates: [start, end). No end: the period never ends.
struct PeriodDates {
	std::optional<Date> start;  ///< unset: PeriodKind::None without a start date
	std::optional<Date> end;    ///< exclusive
};

/// The period of \a plan that contains \a today.
PeriodDates periodContaining(const Plan &plan, const Date &today);

/// Days since 1970-01-01 of \a d (negative before), and back.
std::int64_t daysFromCivil(const Date &d);
Date civilFromDays(std::int64_t days);
Date addDays(const Date &d, std::int64_t days);

/// Unix seconds of local midnight starting \a d (the daemon's time zone, like the
/// carrier's reset time), and the local date of a Unix time.
std::int64_t localMidnight(const Date &d);
Date localDate(std::int64_t unixSeconds);
/// Unix seconds of \a t.
std::int64_t unixSeconds(std::chrono::system_clock::time_point t);

/// "128kbps", "1.5Mbps", "300000" (bits per second); 1 kbps = 1000 bit/s (ITU-T usage).
std::optional<std::uint64_t> parseBitRate(std::string_view text);

/// What the counters and the plan say at one moment (the Usage interface).
struct UsageFigures {
	std::uint64_t usedThisPeriod = 0;
	std::int64_t periodStart = 0;      ///< Unix s, 0 unknown
	std::int64_t periodEnd = 0;        ///< Unix s, 0 = the period never ends
	unsigned daysLeft = 0;             ///< whole or part days to period end (or expiry)
	std::uint64_t dailyAverage = 0;    ///< bytes per day over the period so far
	bool hasEstimate = false;
	std::uint64_t estimatedRemaining = 0;
	std::int64_t projectedRunOut = 0;  ///< Unix s, 0 = not before the period ends / unknown
	friend bool operator==(const UsageFigures &, const UsageFigures &) = default;
};

/// The last carrier reading that stated remaining data.
struct CarrierData {
	std::uint64_t remaining = 0;
	std::int64_t reportedAt = 0;       ///< Unix s
	bool unlimited = false;
};

/// \brief Works out the figures: EstimatedDataRemaining is the carrier's last remaining
/// minus what was counted since that report; without a carrier reading of this period it
/// is the plan's allowance minus what was counted this period.
///
/// \param countedSinceReport bytes counted since \a carrier was reported
UsageFigures computeFigures(const Plan &plan, std::int64_t now, std::int64_t periodStart,
			    std::int64_t periodEnd, std::uint64_t usedThisPeriod,
			    const std::optional<CarrierData> &carrier, std::uint64_t countedSinceReport);

} /* namespace zanryo */
