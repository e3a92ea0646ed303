#pragma once

// How zanryod's log messages write quantities for people (issue 13 §3): bytes in binary
// units, durations in s/min/h/d, thresholds as "value <= threshold" in the unit of their
// kind. Pure: no clock, no locale. The D-Bus API and the state files keep plain numbers.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "libmodem/balance/balance.hpp"
#include "thresholds.hpp"

namespace zanryo {

/// \brief "512 B", "1.50 KiB", "2.50 GiB" (1024-based, two decimals from KiB up).
std::string humanBytes(std::uint64_t bytes);

/// \brief "45 s", "15 min", "1 min 30 s", "6 h", "1 h 30 min", "2 d 3 h": the two largest
/// units, exact (a remainder below the second unit is dropped).
std::string humanDuration(std::chrono::seconds duration);

/// \brief "12.34 GBP" (the amount with its currency when known).
std::string humanMoney(const Money &money);

/// \brief "2.50 GiB <= 3.00 GiB", "15% <= 20%", "5.00 GBP <= 10.00 GBP", "3 days <= 7 days".
/// \a money gives the scale and currency of a "money" event's minor units (the reading
/// that crossed it); without it the minor units are written as they are.
std::string humanLow(const LowEvent &event, const std::optional<Money> &money);

/// \brief The values of a reading, for its log line: "2.50 GiB of 5.00 GiB data, 12.34 GBP,
/// expires 2026-12-31"; "no values" when it states none.
std::string humanBalance(const Balance &balance);

} /* namespace zanryo */
