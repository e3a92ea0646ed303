#include "human_units.hpp"

#include <vector>

#include <fmt/core.h>

namespace zanryo {

std::string humanBytes(std::uint64_t bytes)
{
	static constexpr const char *kUnits[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	if (bytes < 1024)
		return fmt::format("{} B", bytes);
	double value = static_cast<double>(bytes);
	std::size_t unit = 0;
	value /= 1024;
	while (value >= 1024 && unit + 1 < std::size(kUnits)) {
		value /= 1024;
		++unit;
	}
	// 1023.996 KiB would print as "1024.00 KiB": the next unit reads better.
	if (value >= 1023.995 && unit + 1 < std::size(kUnits)) {
		value /= 1024;
		++unit;
	}
	return fmt::format("{:.2f} {}", value, kUnits[unit]);
}

std::string humanDuration(std::chrono::seconds duration)
{
	struct Unit {
		std::int64_t seconds;
		const char *name;
	};
	static constexpr Unit kUnits[] = { { 86400, "d" }, { 3600, "h" }, { 60, "min" }, { 1, "s" } };
	std::int64_t s = duration.count();
	std::string sign;
	if (s < 0) {
		sign = "-";
		s = -s;
	}
	if (s == 0)
		return "0 s";
	for (std::size_t i = 0; i < std::size(kUnits); ++i) {
		if (s < kUnits[i].seconds)
			continue;
		std::string out = fmt::format("{}{} {}", sign, s / kUnits[i].seconds, kUnits[i].name);
		if (i + 1 < std::size(kUnits)) {
			std::int64_t next = (s % kUnits[i].seconds) / kUnits[i + 1].seconds;
			if (next != 0)
				out += fmt::format(" {} {}", next, kUnits[i + 1].name);
		}
		return out;
	}
	return "0 s";
}

std::string humanMoney(const Money &money)
{
	if (money.currency.empty())
		return money.toDecimal();
	return money.toDecimal() + " " + money.currency;
}

namespace {

std::string days(std::uint64_t n)
{
	return fmt::format("{} {}", n, n == 1 ? "day" : "days");
}

} /* namespace */

std::string humanLow(const LowEvent &e, const std::optional<Money> &money)
{
	if (e.what == "data-bytes")
		return humanBytes(e.value) + " <= " + humanBytes(e.threshold);
	if (e.what == "data-percent")
		return fmt::format("{}% <= {}%", e.value, e.threshold);
	if (e.what == "money") {
		if (!money)
			return fmt::format("{} <= {} (minor units)", e.value, e.threshold);
		Money value{ static_cast<std::int64_t>(e.value), money->scale, money->currency };
		Money threshold{ static_cast<std::int64_t>(e.threshold), money->scale, money->currency };
		return humanMoney(value) + " <= " + humanMoney(threshold);
	}
	if (e.what == "expiry-days")
		return days(e.value) + " <= " + days(e.threshold);
	if (e.what == "run-out")
		return fmt::format("runs out in {}, {} left in the period", days(e.value), days(e.threshold));
	return fmt::format("{} <= {}", e.value, e.threshold);
}

std::string humanBalance(const Balance &b)
{
	std::vector<std::string> parts;
	if (b.dataUnlimited)
		parts.emplace_back("unlimited data");
	else if (b.dataRemaining && b.dataTotal)
		parts.push_back(humanBytes(*b.dataRemaining) + " of " + humanBytes(*b.dataTotal) + " data");
	else if (b.dataRemaining)
		parts.push_back(humanBytes(*b.dataRemaining) + " of data");
	if (b.dataUsedPercent)
		parts.push_back(fmt::format("{}% of the data used", *b.dataUsedPercent));
	if (b.dataExhausted)
		parts.emplace_back("data used up");
	if (b.throttled)
		parts.emplace_back("throttled");
	if (b.dataLow && !b.dataExhausted)
		parts.emplace_back("data running low");
	if (b.money)
		parts.push_back(humanMoney(*b.money));
	if (b.expiry)
		parts.push_back("expires " + b.expiry->iso());
	if (parts.empty())
		return "no values";
	std::string out = parts.front();
	for (std::size_t i = 1; i < parts.size(); ++i)
		out += ", " + parts[i];
	return out;
}

} /* namespace zanryo */
