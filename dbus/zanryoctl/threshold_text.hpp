#pragma once

// Thresholds and Low crossings as zanryoctl shows them to people, in the units of
// everything else it prints (formatBytes(): GiB/MiB, or kB/MB/GB with --si). Pure: no
// bus, no files. Unit-tested in tests/unit/zanryoctl/threshold_text_test.cpp.

#include <cstdint>
#include <string>

#include "zanryo/client.hpp"

namespace zanryo::ctl {

/// Digits after the point of an exact decimal ("125.50" -> 2, "300" -> 0): the scale of
/// the minor units Balance.Low counts money in. 2 when \a amount is empty (not known yet).
int decimalScale(const std::string &amount);

/// \a minor minor units at \a scale digits as an exact decimal: (9950, 2) -> "99.50".
std::string minorToDecimal(std::uint64_t minor, int scale);

/// The configured thresholds of `status`: "1.50 GiB left, 20% left, 100.00 RUB,
/// 30 days before expiry, projected run-out"; "" when none is set. \a currency: the
/// balance's, appended to the money threshold when known.
std::string thresholdsText(const client::Thresholds &t, const std::string &currency);

/// One Balance.Low crossing: "data left 1.25 GiB, at or below 1.50 GiB". \a moneyScale
/// and \a currency read a "money" crossing (minor units) as the balance writes it.
std::string lowText(const std::string &what, std::uint64_t value, std::uint64_t threshold, int moneyScale,
		    const std::string &currency);

} /* namespace zanryo::ctl */
