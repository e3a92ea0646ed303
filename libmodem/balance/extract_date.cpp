#include "libmodem/balance/extract_date.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "libmodem/balance/extract_text.hpp"

namespace zanryo::extract {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

int readInt(std::string_view t, std::size_t p, std::size_t n)
{
	int v = 0;
	for (std::size_t i = 0; i < n; ++i)
		v = v * 10 + (t[p + i] - '0');
	return v;
}

std::size_t digits(std::string_view t, std::size_t p)
{
	std::size_t n = 0;
	while (p + n < t.size() && isAsciiDigit(t[p + n]))
		++n;
	return n;
}

bool digitAt(std::string_view t, std::size_t p) { return p < t.size() && isAsciiDigit(t[p]); }

int fullYear(int y, std::size_t ndigits, const DateRules &r)
{
	if (ndigits == 2) {
		// Thai carriers write Buddhist-era years short: "31/12/69" is BE 2569 = 2026.
		if (r.buddhistEra && 2000 + y > r.today.year + 10)
			return 2500 + y - 543;
		return y < 70 ? 2000 + y : 1900 + y;
	}
	if (r.buddhistEra && y >= 2400)
		return y - 543;
	return y;
}

Date makeDate(int y, int m, int d, const DateRules &r)
{
	if (r.solarHijri && y >= 1300 && y <= 1500)
		return solarHijriToGregorian(y, m, d);
	return Date{ y, m, d };
}

// The year that makes month/day the next such date on or after today.
Date inferYear(int m, int d, const DateRules &r)
{
	Date x{ r.today.year, m, d };
	if (r.today.year > 0 && x < r.today)
		x.year += 1;
	if (!x.valid() && m == 2 && d == 29) // next 29 February
		for (int k = 0; k < 8 && !x.valid(); ++k)
			x.year += 1;
	return x;
}

// Numeric forms: y-m-d, d.m.y / m/d/y, d.m, ddmmyyyy (with a hint), 年月日.
void numericDates(std::string_view t, const DateRules &r, const std::vector<LexHit> &hits,
		  std::vector<DateHit> &out, std::vector<Span> &times)
{
	for (std::size_t p = 0; p < t.size();) {
		// A date may follow a comma ("Rs.0.125,20-12-2028"), never a digit or '.'.
		if (!isAsciiDigit(t[p]) || (p > 0 && (isAsciiDigit(t[p - 1]) || t[p - 1] == '.' ||
						      t[p - 1] == '/'))) {
			if (isAsciiDigit(t[p])) {
				p += digits(t, p);
				continue;
			}
			++p;
			continue;
		}
		std::size_t n1 = digits(t, p);
		std::size_t e1 = p + n1;
		auto emit = [&](std::size_t end, Date d, bool yearless, bool weak) {
			if (d.valid())
				out.push_back({ static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(end),
						d, yearless, weak });
		};
		// Clock time hh:mm[:ss] (and "am"/"pm").
		if (n1 <= 2 && e1 + 2 < t.size() + 0 && t[e1] == ':' && digits(t, e1 + 1) == 2) {
			std::size_t end = e1 + 3;
			if (end + 2 < t.size() + 1 && end < t.size() && t[end] == ':' && digits(t, end + 1) == 2)
				end += 3;
			if (t.substr(end, 2) == "am" || t.substr(end, 2) == "pm")
				end += 2;
			times.push_back({ static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(end) });
			p = end;
			continue;
		}
		// 2026年12月31日 / 12月31日 (Japanese, Chinese).
		auto kanji = [&](std::size_t q, std::string_view k) { return t.substr(q, k.size()) == k; };
		{
			std::size_t q = e1;
			while (q < t.size() && t[q] == ' ')
				++q;
			if (n1 == 4 && kanji(q, "年")) {
				std::size_t m = q + 3;
				while (m < t.size() && t[m] == ' ')
					++m;
				std::size_t nm = digits(t, m);
				std::size_t q2 = m + nm;
				while (q2 < t.size() && t[q2] == ' ')
					++q2;
				if (nm >= 1 && nm <= 2 && kanji(q2, "月")) {
					std::size_t dd = q2 + 3;
					while (dd < t.size() && t[dd] == ' ')
						++dd;
					std::size_t nd = digits(t, dd);
					if (nd >= 1 && nd <= 2) {
						std::size_t end = dd + nd;
						if (kanji(end, "日") || kanji(end, "号"))
							end += 3;
						emit(end, makeDate(fullYear(readInt(t, p, 4), 4, r), readInt(t, m, nm),
								   readInt(t, dd, nd), r), false, false);
						p = end;
						continue;
					}
				}
			}
			if (n1 <= 2 && kanji(q, "月")) {
				std::size_t dd = q + 3;
				while (dd < t.size() && t[dd] == ' ')
					++dd;
				std::size_t nd = digits(t, dd);
				if (nd >= 1 && nd <= 2) {
					std::size_t end = dd + nd;
					if (kanji(end, "日") || kanji(end, "号"))
						end += 3;
					emit(end, inferYear(readInt(t, p, n1), readInt(t, dd, nd), r), true, false);
					p = end;
					continue;
				}
			}
		}
		char s1 = e1 < t.size() ? t[e1] : 0;
		if ((s1 == '-' || s1 == '/' || s1 == '.') && digitAt(t, e1 + 1)) {
			std::size_t n2 = digits(t, e1 + 1);
			std::size_t e2 = e1 + 1 + n2;
			char s2 = e2 < t.size() ? t[e2] : 0;
			std::size_t n3 = (s2 == s1 && digitAt(t, e2 + 1)) ? digits(t, e2 + 1) : 0;
			std::size_t e3 = e2 + 1 + n3;
			if (n1 == 4 && n2 >= 1 && n2 <= 2 && n3 >= 1 && n3 <= 2) {
				emit(e3, makeDate(fullYear(readInt(t, p, 4), 4, r), readInt(t, e1 + 1, n2),
						  readInt(t, e2 + 1, n3), r), false, false);
				p = e3;
				continue;
			}
			if (n1 <= 2 && n2 >= 1 && n2 <= 2 && (n3 == 4 || n3 == 2)) {
				int a = readInt(t, p, n1), b = readInt(t, e1 + 1, n2);
				int y = fullYear(readInt(t, e2 + 1, n3), n3, r);
				Date first = r.order == 'm' ? makeDate(y, a, b, r) : makeDate(y, b, a, r);
				Date second = r.order == 'm' ? makeDate(y, b, a, r) : makeDate(y, a, b, r);
				emit(e3, first.valid() ? first : second, false, false);
				p = e3;
				continue;
			}
			if (n1 <= 2 && n2 >= 1 && n2 <= 2 && n3 == 0 && s1 != '-' &&
			    !(s2 == '.' && digitAt(t, e2 + 1)) && !(s2 == ',' && digitAt(t, e2 + 1))) {
				// "31.12" / "12/31": also a decimal number, so only a weak date.
				int a = readInt(t, p, n1), b = readInt(t, e1 + 1, n2);
				bool mf = r.order == 'm';
				int mo = mf ? a : b, da = mf ? b : a;
				if (mo >= 1 && mo <= 12 && n2 == 2) {
					Date d = inferYear(mo, da, r);
					if (d.valid())
						out.push_back({ static_cast<std::uint32_t>(p),
								static_cast<std::uint32_t>(e2), d, true, true });
				}
				p = e2;
				continue;
			}
		}
		// "30. 1. 2024 18:18" (Czech, Slovak, German with spaces).
		if (n1 <= 2 && s1 == '.' && e1 + 1 < t.size() && t[e1 + 1] == ' ') {
			std::size_t m = e1 + 2;
			std::size_t nm = digits(t, m);
			if (nm >= 1 && nm <= 2 && m + nm + 1 < t.size() && t[m + nm] == '.' &&
			    t[m + nm + 1] == ' ' && digits(t, m + nm + 2) == 4) {
				std::size_t ye = m + nm + 6;
				emit(ye, makeDate(fullYear(readInt(t, m + nm + 2, 4), 4, r), readInt(t, m, nm),
						  readInt(t, p, n1), r), false, false);
				p = ye;
				continue;
			}
		}
		// ddmmyyyy / yyyymmdd, only with a format hint or right after an expiry word.
		if (n1 == 8) {
			std::string_view after = t.substr(e1, 14);
			bool hintDmy = after.find("(ddmmyyyy)") != std::string_view::npos;
			bool hintMdy = after.find("(mmddyyyy)") != std::string_view::npos;
			bool hintYmd = after.find("(yyyymmdd)") != std::string_view::npos;
			bool keyword = false;
			for (const LexHit &h : hits) {
				Lex k = lexicon()[h.entry].kind;
				if ((k == Lex::Expiry || k == Lex::Until) && h.end <= p && p - h.end <= 24)
					keyword = true;
			}
			if (hintDmy || hintMdy || hintYmd || keyword) {
				int a = readInt(t, p, 2), b = readInt(t, p + 2, 2), y = readInt(t, p + 4, 4);
				Date ymd{ readInt(t, p, 4), readInt(t, p + 4, 2), readInt(t, p + 6, 2) };
				Date d;
				if (hintYmd)
					d = ymd;
				else if (hintDmy)
					d = { y, b, a };
				else if (hintMdy)
					d = { y, a, b };
				else if (ymd.valid() && ymd.year >= 1990)
					d = ymd;
				else
					d = r.order == 'm' ? Date{ y, a, b } : Date{ y, b, a };
				emit(e1, d, false, false);
			}
		}
		p = e1;
	}
}

// "31 Dec 2026", "31 декабря", "Aug 28 2021", "28. August", "31 de diciembre de 2026".
void namedMonthDates(std::string_view t, const std::vector<LexHit> &hits, const DateRules &r,
		     std::vector<DateHit> &out)
{
	auto skipBack = [&](std::size_t q) {
		while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '.' || t[q - 1] == '-' ||
				 t[q - 1] == kThinSpace))
			--q;
		if (q >= 3 && t.substr(q - 2, 2) == "de" && t[q - 3] == ' ')
			q -= 2; // "15 de diciembre"
		while (q > 0 && t[q - 1] == ' ')
			--q;
		return q;
	};
	auto skipFwd = [&](std::size_t q) {
		for (;;) {
			while (q < t.size() && (t[q] == ' ' || t[q] == ',' || t[q] == '.' ||
						t[q] == '-' || t[q] == kThinSpace))
				++q;
			if (t.substr(q, 3) == "de " || t.substr(q, 4) == "nam ")
				q += t[q] == 'd' ? 3 : 4;
			else
				break;
		}
		return q;
	};
	auto yearAt = [&](std::size_t q, std::size_t &end) -> int {
		std::size_t n = digits(t, q);
		if ((n == 4 || n == 2) && !(q + n < t.size() && t[q + n] == ':')) {
			end = q + n;
			return fullYear(readInt(t, q, n), n, r);
		}
		return 0;
	};
	for (const LexHit &h : hits) {
		const LexEntry &e = lexicon()[h.entry];
		if (e.kind != Lex::Month)
			continue;
		int mo = e.value;
		// Day before the month name.
		std::size_t q = skipBack(h.begin);
		std::size_t dEnd = q;
		// ordinal suffixes "1st", "28th"
		if (q >= 2 && (t.substr(q - 2, 2) == "st" || t.substr(q - 2, 2) == "nd" ||
			       t.substr(q - 2, 2) == "rd" || t.substr(q - 2, 2) == "th"))
			q -= 2;
		std::size_t dn = 0;
		while (q > dn && isAsciiDigit(t[q - dn - 1]) && dn < 3)
			++dn;
		std::size_t monthEnd = h.end;
		// Month names like "sept" also match "september": end the name at the word end.
		while (monthEnd < t.size() && isAsciiLetter(t[monthEnd]))
			++monthEnd;
		if (e.text.rfind("thang ", 0) == 0 && monthEnd < t.size() && isAsciiDigit(t[monthEnd]))
			continue; // "thang 1" matched inside "thang 12"
		if (dn >= 1 && dn <= 2 && !(q - dn > 0 && isAsciiDigit(t[q - dn - 1]))) {
			int da = readInt(t, q - dn, dn);
			std::size_t yEnd = 0;
			int y = yearAt(skipFwd(monthEnd), yEnd);
			std::size_t begin = q - dn;
			(void)dEnd;
			if (y) {
				Date d = makeDate(y, mo, da, r);
				if (d.valid())
					out.push_back({ static_cast<std::uint32_t>(begin),
							static_cast<std::uint32_t>(yEnd), d, false, false });
			} else {
				Date d = inferYear(mo, da, r);
				if (d.valid())
					out.push_back({ static_cast<std::uint32_t>(begin),
							static_cast<std::uint32_t>(monthEnd), d, true, false });
			}
			continue;
		}
		// Day after the month name: "Aug 28 2021", "Jun 19, 2017".
		std::size_t a = skipFwd(monthEnd);
		std::size_t an = digits(t, a);
		if (an >= 1 && an <= 2) {
			int da = readInt(t, a, an);
			std::size_t dayEnd = a + an;
			if (t.substr(dayEnd, 2) == "st" || t.substr(dayEnd, 2) == "nd" ||
			    t.substr(dayEnd, 2) == "rd" || t.substr(dayEnd, 2) == "th")
				dayEnd += 2;
			std::size_t yEnd = 0;
			int y = yearAt(skipFwd(dayEnd), yEnd);
			Date d = y ? makeDate(y, mo, da, r) : inferYear(mo, da, r);
			if (d.valid())
				out.push_back({ h.begin, static_cast<std::uint32_t>(y ? yEnd : dayEnd), d,
						y == 0, false });
		}
	}
}

} /* namespace */

Date addDays(const Date &d, int days)
{
	sys_days sd{ year_month_day{ year{ d.year }, month{ static_cast<unsigned>(d.month) },
				     day{ static_cast<unsigned>(d.day) } } };
	year_month_day x{ sd + std::chrono::days{ days } };
	return Date{ static_cast<int>(x.year()), static_cast<int>(static_cast<unsigned>(x.month())),
		     static_cast<int>(static_cast<unsigned>(x.day())) };
}

Date solarHijriToGregorian(int y, int m, int d)
{
	// Solar Hijri: months 1-6 have 31 days, 7-11 have 30, 12 has 29 (30 in leap years).
	// Leap years follow the 33-year arithmetic cycle (years ≡ 1,5,9,13,17,22,26,30 mod 33),
	// which matches the astronomical calendar for 1300..1500 AP. 1 Farvardin 1404 fell on
	// 21 March 2025.
	if (m < 1 || m > 12 || d < 1 || d > (m <= 6 ? 31 : 30) || y < 1300 || y > 1500)
		return {};
	auto leap = [](int yy) {
		int r = yy % 33;
		return r == 1 || r == 5 || r == 9 || r == 13 || r == 17 || r == 22 || r == 26 || r == 30;
	};
	if (m == 12 && d == 30 && !leap(y))
		return {};
	long offset = 0;
	for (int yy = 1404; yy < y; ++yy)
		offset += leap(yy) ? 366 : 365;
	for (int yy = y; yy < 1404; ++yy)
		offset -= leap(yy) ? 366 : 365;
	offset += (m <= 7 ? (m - 1) * 31 : 186 + (m - 7) * 30) + (d - 1);
	return addDays(Date{ 2025, 3, 21 }, static_cast<int>(offset));
}

std::vector<DateHit> findDates(std::string_view text, const std::vector<LexHit> &hits,
			       const DateRules &rules, std::vector<Span> &times)
{
	std::vector<DateHit> out;
	numericDates(text, rules, hits, out, times);
	namedMonthDates(text, hits, rules, out);
	// Order by position; drop dates overlapping an earlier one.
	std::sort(out.begin(), out.end(),
		  [](const DateHit &a, const DateHit &b) { return a.begin < b.begin; });
	std::vector<DateHit> kept;
	for (const DateHit &d : out)
		if (kept.empty() || d.begin >= kept.back().end)
			kept.push_back(d);
	return kept;
}

std::optional<Date> parseDateText(std::string_view folded, const DateRules &rules)
{
	std::vector<Span> times;
	std::vector<LexHit> hits = scanLexicon(folded);
	std::vector<DateHit> d = findDates(folded, hits, rules, times);
	if (d.empty())
		return std::nullopt;
	return d.front().date;
}

} /* namespace zanryo::extract */
