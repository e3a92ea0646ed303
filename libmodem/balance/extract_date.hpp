#pragma once

// Internal to the balance extractor: dates as carriers write them.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "libmodem/balance/balance.hpp"
#include "libmodem/balance/extract_lexicon.hpp"
#include "libmodem/balance/extract_number.hpp"

namespace zanryo::extract {

/// How to read ambiguous dates.
struct DateRules {
	char order = 'd';        ///< 'd' day first, 'm' month first, 'y' year first (dd.mm vs mm/dd)
	Date today;              ///< local date the reply arrived: years of year-less dates
	bool buddhistEra = false; ///< Thailand: 2569 is 2026, "31/12/69" is 2026
	bool solarHijri = false;  ///< Iran, Afghanistan: 1405/09/01 is a Solar Hijri date
};

struct DateHit {
	std::uint32_t begin;
	std::uint32_t end;
	Date date;
	bool yearless = false; ///< the year was inferred
	bool weakForm = false; ///< "31.12" without year: a date only if a keyword says so
};

/// Every date in folded \a text; \a times receives the spans of clock times ("23:59").
std::vector<DateHit> findDates(std::string_view text, const std::vector<LexHit> &hits,
			       const DateRules &rules, std::vector<Span> &times);

/// Parse one date written alone (a ReplyRule's expiry capture), folded. Empty if none.
std::optional<Date> parseDateText(std::string_view folded, const DateRules &rules);

/// \a d plus \a days days.
Date addDays(const Date &d, int days);

/// Gregorian date of a Solar Hijri (Jalali) date, or an invalid Date.
Date solarHijriToGregorian(int year, int month, int day);

} /* namespace zanryo::extract */
