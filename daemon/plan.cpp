#include "plan.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ctime>

namespace zanryo {

namespace {

bool isLeap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
	static constexpr int kDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

Date monthDay(int y, int m, unsigned day)
{
	while (m < 1) {
		m += 12;
		y--;
	}
	while (m > 12) {
		m -= 12;
		y++;
	}
	// A reset on the 31st happens on the last day of shorter months (how docomo, au and
	// most carriers that bill on a fixed day word it: "末日").
	return Date{ y, m, std::min<int>(int(day), daysInMonth(y, m)) };
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
	std::int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} /* namespace */

// Howard Hinnant's civil-calendar algorithm (days_from_civil / civil_from_days).
std::int64_t daysFromCivil(const Date &d)
{
	std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
	std::int64_t era = floorDiv(y, 400);
	std::int64_t yoe = y - era * 400;
	std::int64_t mp = (d.month + 9) % 12;
	std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
	std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

Date civilFromDays(std::int64_t z)
{
	z += 719468;
	std::int64_t era = floorDiv(z, 146097);
	std::int64_t doe = z - era * 146097;
	std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	std::int64_t y = yoe + era * 400;
	std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	std::int64_t mp = (5 * doy + 2) / 153;
	int d = int(doy - (153 * mp + 2) / 5 + 1);
	int m = int(mp < 10 ? mp + 3 : mp - 9);
	return Date{ int(y + (m <= 2 ? 1 : 0)), m, d };
}

Date addDays(const Date &d, std::int64_t days)
{
	return civilFromDays(daysFromCivil(d) + days);
}

std::int64_t localMidnight(const Date &d)
{
	std::tm tm{};
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_isdst = -1;
	return std::int64_t(std::mktime(&tm));
}

std::int64_t unixSeconds(std::chrono::system_clock::time_point t)
{
	return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Date localDate(std::int64_t unixSeconds)
{
	std::time_t t = std::time_t(unixSeconds);
	std::tm tm{};
	localtime_r(&t, &tm);
	return Date{ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

PeriodDates periodContaining(const Plan &plan, const Date &today)
{
	switch (plan.period) {
	case PeriodKind::Monthly: {
		Date thisMonth = monthDay(today.year, today.month, plan.resetDay);
		if (today >= thisMonth)
			return { thisMonth, monthDay(today.year, today.month + 1, plan.resetDay) };
		return { monthDay(today.year, today.month - 1, plan.resetDay), thisMonth };
	}
	case PeriodKind::EveryDays: {
		Date anchor = plan.start.value_or(Date{ 1970, 1, 1 });
		std::int64_t n = std::max<std::int64_t>(1, plan.everyDays);
		std::int64_t k = floorDiv(daysFromCivil(today) - daysFromCivil(anchor), n);
		Date start = addDays(anchor, k * n);
		return { start, addDays(start, n) };
	}
	case PeriodKind::Daily:
		return { today, addDays(today, 1) };
	case PeriodKind::None: {
		PeriodDates p;
		p.start = plan.start;
		if (plan.expires)
			p.end = addDays(*plan.expires, 1);
		return p;
	}
	}
	return {};
}

std::optional<std::uint64_t> parseBitRate(std::string_view text)
{
	std::uint64_t whole = 0, frac = 0, fracDiv = 1;
	size_t i = 0;
	for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); i++) {
		whole = whole * 10 + std::uint64_t(text[i] - '0');
		if (whole > (1ull << 40))
			return std::nullopt;
	}
	if (i == 0)
		return std::nullopt;
	if (i < text.size() && text[i] == '.') {
		size_t start = ++i;
		for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); i++)
			if (fracDiv < 1000000) {
				frac = frac * 10 + std::uint64_t(text[i] - '0');
				fracDiv *= 10;
			}
		if (i == start)
			return std::nullopt;
	}
	std::string unit;
	for (; i < text.size(); i++)
		if (text[i] != ' ')
			unit += char(std::tolower(static_cast<unsigned char>(text[i])));
	std::uint64_t mul = 0;
	if (unit.empty() || unit == "bps")
		mul = 1;
	else if (unit == "kbps")
		mul = 1000;
	else if (unit == "mbps")
		mul = 1000000;
	else if (unit == "gbps")
		mul = 1000000000;
	else
		return std::nullopt;
	if (mul == 1 && frac != 0)
		return std::nullopt;
	if (whole > UINT64_MAX / mul - 1)
		return std::nullopt;  // would wrap
	return whole * mul + frac * mul / fracDiv;
}

UsageFigures computeFigures(const Plan &plan, std::int64_t now, std::int64_t periodStart,
			    std::int64_t periodEnd, std::uint64_t usedThisPeriod,
			    const std::optional<CarrierData> &carrier, std::uint64_t countedSinceReport)
{
	constexpr std::int64_t kDay = 86400;
	UsageFigures f;
	f.usedThisPeriod = usedThisPeriod;
	f.periodStart = periodStart;
	f.periodEnd = periodEnd;

	// The pack or SIM stops at the end of its expiry day even inside a longer period.
	std::int64_t end = periodEnd;
	if (plan.expires) {
		std::int64_t expiryEnd = localMidnight(addDays(*plan.expires, 1));
		end = end == 0 ? expiryEnd : std::min(end, expiryEnd);
	}
	if (end > now)
		f.daysLeft = unsigned((end - now + kDay - 1) / kDay);

	std::int64_t elapsed = periodStart > 0 && now > periodStart ? now - periodStart : 0;
	// Per day over at least one day, so the first hours of a period do not read as a
	// whole day's worth of traffic a minute.
	f.dailyAverage = std::uint64_t((unsigned __int128)usedThisPeriod * kDay /
				       std::uint64_t(std::max<std::int64_t>(elapsed, kDay)));

	// A carrier reading taken before the current period started says nothing about
	// the renewed allowance; the plan does.
	bool carrierCurrent = carrier && !carrier->unlimited &&
			      (periodStart == 0 || carrier->reportedAt >= periodStart);
	if (carrierCurrent) {
		f.hasEstimate = true;
		f.estimatedRemaining = carrier->remaining > countedSinceReport ? carrier->remaining - countedSinceReport : 0;
	} else if (plan.allowance && !plan.unlimited && !(carrier && carrier->unlimited)) {
		f.hasEstimate = true;
		f.estimatedRemaining = *plan.allowance > usedThisPeriod ? *plan.allowance - usedThisPeriod : 0;
	}

	// Run-out at the average rate of this period (measured over at least an hour).
	if (f.hasEstimate && usedThisPeriod > 0 && elapsed > 0) {
		std::int64_t span = std::max<std::int64_t>(elapsed, 3600);
		std::int64_t runOut;
		if (f.estimatedRemaining == 0)
			runOut = now;
		else {
			unsigned __int128 secs = (unsigned __int128)f.estimatedRemaining * std::uint64_t(span) / usedThisPeriod;
			runOut = secs > (unsigned __int128)(1ull << 40) ? 0 : now + std::int64_t(secs);
		}
		if (runOut != 0 && (end == 0 || runOut < end))
			f.projectedRunOut = runOut;
	}
	return f;
}

} /* namespace zanryo */
