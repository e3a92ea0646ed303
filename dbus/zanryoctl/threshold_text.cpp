#include "threshold_text.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "units.hpp"

namespace zanryo::ctl {

namespace {

std::string withCurrency(const std::string &amount, const std::string &currency)
{
	return currency.empty() ? amount : amount + " " + currency;
}

std::string days(std::uint64_t n)
{
	return fmt::format("{} day{}", n, n == 1 ? "" : "s");
}

} /* namespace */

int decimalScale(const std::string &amount)
{
	if (amount.empty())
		return 2;
	auto point = amount.find('.');
	return point == std::string::npos ? 0 : int(amount.size() - point - 1);
}

std::string minorToDecimal(std::uint64_t minor, int scale)
{
	if (scale <= 0)
		return std::to_string(minor);
	// No currency has more than a few minor digits; 10^19 would not fit in 64 bits.
	scale = std::min(scale, 18);
	std::uint64_t unit = 1;
	for (int i = 0; i < scale; i++)
		unit *= 10;
	return fmt::format("{}.{:0{}}", minor / unit, minor % unit, scale);
}

std::string thresholdsText(const client::Thresholds &t, const std::string &currency)
{
	std::string text;
	auto add = [&](const std::string &part) { text += (text.empty() ? "" : ", ") + part; };
	if (t.dataBytes)
		add(formatBytes(*t.dataBytes) + " left");
	if (t.dataPercent)
		add(fmt::format("{}% left", *t.dataPercent));
	if (!t.money.empty())
		add(withCurrency(t.money, currency));
	if (t.expiryDays)
		add(days(*t.expiryDays) + " before expiry");
	if (t.runOut)
		add("projected run-out");
	return text;
}

std::string lowText(const std::string &what, std::uint64_t value, std::uint64_t threshold, int moneyScale,
		    const std::string &currency)
{
	if (what == "data-bytes")
		return fmt::format("data left {}, at or below {}", formatBytes(value), formatBytes(threshold));
	if (what == "data-percent")
		return fmt::format("data left {}%, at or below {}%", value, threshold);
	if (what == "money")
		return fmt::format("money {}, at or below {}", withCurrency(minorToDecimal(value, moneyScale), currency),
				   withCurrency(minorToDecimal(threshold, moneyScale), currency));
	if (what == "expiry-days")
		return fmt::format("expires in {}, at or below {}", days(value), days(threshold));
	if (what == "run-out")
		return fmt::format("at this period's pace data runs out in {}, with {} left in the period", days(value),
				   days(threshold));
	return fmt::format("{} {}, threshold {}", what, value, threshold);
}

} /* namespace zanryo::ctl */
