#include "thresholds.hpp"

#include <algorithm>
#include <cctype>

namespace zanryo {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil algorithm).
std::int64_t daysFromCivil(int y, int m, int d)
{
	y -= m <= 2;
	const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = static_cast<unsigned>(y - era * 400);
	const unsigned doy = (153 * unsigned(m + (m > 2 ? -3 : 9)) + 2) / 5 + unsigned(d) - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + std::int64_t(doe) - 719468;
}

} /* namespace */

std::int64_t daysBetween(const Date &from, const Date &to)
{
	return daysFromCivil(to.year, to.month, to.day) -
	       daysFromCivil(from.year, from.month, from.day);
}

bool decimalToMinor(std::string_view t, int scale, std::int64_t &minor)
{
	bool negative = !t.empty() && t[0] == '-';
	if (negative)
		t.remove_prefix(1);
	std::int64_t value = 0;
	int fracDigits = -1;
	bool any = false;
	for (char c : t) {
		if (c == '.') {
			if (fracDigits >= 0)
				return false;
			fracDigits = 0;
			continue;
		}
		if (!std::isdigit(static_cast<unsigned char>(c)))
			return false;
		if (fracDigits >= 0 && fracDigits == scale)
			continue; // beyond the currency's precision: truncate
		if (value > (INT64_MAX - 9) / 10)
			return false;
		value = value * 10 + (c - '0');
		any = true;
		if (fracDigits >= 0)
			fracDigits++;
	}
	if (!any)
		return false;
	for (int i = fracDigits < 0 ? 0 : fracDigits; i < scale; i++) {
		if (value > INT64_MAX / 10)
			return false;
		value *= 10;
	}
	minor = negative ? -value : value;
	return true;
}

void ThresholdTracker::check(const char *what, std::uint64_t value, std::uint64_t threshold,
			     Latch &latch, std::vector<LowEvent> &out)
{
	if (value <= threshold) {
		if (!latch.low)
			out.push_back(LowEvent{ what, value, threshold });
		latch.low = true;
	} else {
		latch.low = false;
	}
}

void ThresholdTracker::checkData(std::uint64_t remaining, std::optional<std::uint64_t> total,
				 std::vector<LowEvent> &out)
{
	if (thresholds_.dataBytes)
		check("data-bytes", remaining, *thresholds_.dataBytes, dataBytes_, out);
	if (thresholds_.dataPercent && total && *total > 0) {
		std::uint64_t percent = remaining >= *total ? 100 : (remaining * 100) / *total;
		check("data-percent", percent, *thresholds_.dataPercent, dataPercent_, out);
	}
}

namespace {

/// What the buckets of \a kind state, as the figures the thresholds compare: money the
/// sum of those in the first one's currency, data and counts their sums, the expiry the
/// earliest. A kind the reading has no bucket of states nothing.
ThresholdTracker::Figures bucketFigures(const Balance &b, const std::string &kind)
{
	ThresholdTracker::Figures f;
	auto add = [](std::optional<std::uint64_t> &acc, std::uint64_t v) {
		acc = !acc ? v : *acc > UINT64_MAX - v ? UINT64_MAX : *acc + v;
	};
	auto up = [](std::int64_t v, int by) {
		while (by-- > 0)
			v *= 10;
		return v;
	};
	for (const Bucket &k : b.buckets) {
		if (k.name != kind)
			continue;
		if (k.money && !f.money) {
			f.money = k.money;
		} else if (k.money && f.money->currency == k.money->currency) {
			// The same currency, perhaps written with another number of decimals.
			Money &m = *f.money;
			int scale = std::max(m.scale, k.money->scale);
			m.minor = up(m.minor, scale - m.scale) + up(k.money->minor, scale - k.money->scale);
			m.scale = scale;
		}
		if (k.dataBytes)
			add(f.dataRemaining, *k.dataBytes);
		if (k.count)
			add(f.count, *k.count);
		if (k.expiry && (!f.expiry || *k.expiry < *f.expiry))
			f.expiry = k.expiry;
	}
	// The reading's total is the 100 % of data_percent for its data buckets.
	if (kind == "data" && f.dataRemaining)
		f.dataTotal = b.dataTotal;
	return f;
}

} /* namespace */

std::vector<LowEvent> ThresholdTracker::update(const Balance &b, const Date &today)
{
	if (!thresholds_.bucket.empty())
		return updateFigures(bucketFigures(b, thresholds_.bucket), today);
	Figures f;
	f.money = b.money;
	f.dataRemaining = b.dataRemaining;
	f.dataTotal = b.dataTotal;
	f.dataUnlimited = b.dataUnlimited;
	f.expiry = b.expiry;
	return updateFigures(f, today);
}

std::vector<LowEvent> ThresholdTracker::updateFigures(const Figures &b, const Date &today)
{
	std::vector<LowEvent> out;
	if (thresholds_.count && b.count)
		check("count", *b.count, *thresholds_.count, count_, out);
	if (b.dataTotal && *b.dataTotal > 0)
		carrierTotal_ = b.dataTotal;
	// The plan's allowance is the 100 % of all data (or of the data buckets), of no other kind.
	const bool planCounts = thresholds_.bucket.empty() || thresholds_.bucket == "data";
	if (b.dataRemaining && !b.dataUnlimited)
		checkData(*b.dataRemaining, b.dataTotal ? b.dataTotal : planCounts ? allowance_ : std::nullopt, out);

	if (thresholds_.money && b.money) {
		std::int64_t limit = 0;
		if (decimalToMinor(*thresholds_.money, b.money->scale, limit)) {
			// Signal arguments are unsigned: debt counts as zero left.
			std::uint64_t value =
				b.money->minor < 0 ? 0 : std::uint64_t(b.money->minor);
			std::uint64_t threshold = limit < 0 ? 0 : std::uint64_t(limit);
			check("money", value, threshold, money_, out);
		}
	}

	if (thresholds_.expiryDays && b.expiry && b.expiry->valid() && today.valid()) {
		std::int64_t days = daysBetween(today, *b.expiry);
		check("expiry-days", days < 0 ? 0 : std::uint64_t(days),
		      *thresholds_.expiryDays, expiryDays_, out);
	}
	return out;
}

std::vector<LowEvent> ThresholdTracker::updateUsage(const UsageFigures &f, std::int64_t now)
{
	std::vector<LowEvent> out;
	// The estimate is of all the data left, not of one bucket: with a bucket named, only
	// carrier readings are compared.
	if (f.hasEstimate && thresholds_.bucket.empty())
		checkData(f.estimatedRemaining, carrierTotal_ ? carrierTotal_ : allowance_, out);

	if (thresholds_.runOut) {
		// projectedRunOut is 0 when the data lasts to the end of the period (or expiry),
		// otherwise the moment it runs out at this period's average rate. A projection
		// hovering around the end must not signal on every sample: once fired, the latch
		// re-arms only in a new period or when remaining data went up (a top-up, a new
		// carrier reading) and the projection then reaches the end.
		if (f.periodStart != runOutPeriod_) {
			runOut_.low = false;
			runOutPeriod_ = f.periodStart;
		}
		if (f.projectedRunOut != 0) {
			if (!runOut_.low) {
				std::uint64_t left =
					f.projectedRunOut <= now
						? 0
						: std::uint64_t((f.projectedRunOut - now + 86399) /
								86400);
				out.push_back(LowEvent{ "run-out", left, f.daysLeft });
				runOutRemaining_ = f.estimatedRemaining;
			}
			runOut_.low = true;
		} else if (runOut_.low && f.hasEstimate &&
			   f.estimatedRemaining > runOutRemaining_) {
			runOut_.low = false;
		}
	}
	return out;
}

} /* namespace zanryo */
