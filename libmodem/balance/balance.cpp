#include "libmodem/balance/balance.hpp"

#include <cstdio>

namespace zanryo {

std::string Date::iso() const
{
	char buf[32];
	std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
	return buf;
}

bool Date::valid() const noexcept
{
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return false;
	static constexpr int kDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	int max = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
	return day <= max;
}

std::string Money::toDecimal() const
{
	// Work on the magnitude as unsigned so INT64_MIN does not overflow.
	bool negative = minor < 0;
	std::uint64_t mag = negative ? std::uint64_t(0) - static_cast<std::uint64_t>(minor)
				     : static_cast<std::uint64_t>(minor);
	std::string digits = std::to_string(mag);
	int s = scale < 0 ? 0 : scale;
	if (s > 0) {
		if (digits.size() <= static_cast<std::size_t>(s))
			digits.insert(0, static_cast<std::size_t>(s) + 1 - digits.size(), '0');
		digits.insert(digits.size() - static_cast<std::size_t>(s), 1, '.');
	}
	if (negative && mag != 0)
		digits.insert(0, 1, '-');
	return digits;
}

bool isBucketKind(std::string_view name) noexcept
{
	for (const char *k : bucketKinds)
		if (name == k)
			return true;
	return false;
}

} /* namespace zanryo */
