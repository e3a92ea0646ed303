#pragma once

// How zanryoctl writes bytes and times for people: one place, so status, history and
// thresholds show the same units. Pure: no bus, no files (TZ is read by the C library).

#include <cstdint>
#include <string>

namespace zanryo::ctl {

/// Binary prefixes (KiB, MiB, GiB: 1024), the default; decimal (kB, MB, GB: 1000) with --si.
enum class ByteUnits { Binary, Decimal };

/// The units of this run (set from --si in main.cpp).
ByteUnits &byteUnits();

/// "1.25 GiB", "512 B"; with ByteUnits::Decimal "1.34 GB".
std::string formatBytes(std::uint64_t bytes, ByteUnits units);
/// formatBytes() in the units of this run.
std::string formatBytes(std::uint64_t bytes);

/// The prefix and divisor that fit \a bytes: {"GiB", 1073741824} or {"GB", 1e9}.
struct ByteScale {
	const char *unit;
	double divisor;
};
ByteScale byteScale(double bytes, ByteUnits units);

/// "2026-12-07 09:30:00 JST": local time with its zone abbreviation.
std::string localDateTime(std::uint64_t unix);
/// "2026-12-31": the UTC date of \a unix (Expires is UTC midnight of the carrier's date).
std::string utcDate(std::uint64_t unix);
/// "2026-12-07T09:30:00+09:00": ISO 8601 with the local UTC offset.
std::string isoLocal(std::uint64_t unix);

} /* namespace zanryo::ctl */
