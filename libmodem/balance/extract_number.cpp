#include "libmodem/balance/extract_number.hpp"

#include <string>

#include "libmodem/balance/extract_text.hpp"

namespace zanryo::extract {

namespace {

constexpr int kMaxDigits = 18;

std::size_t digitRun(std::string_view t, std::size_t p)
{
	std::size_t n = 0;
	while (p + n < t.size() && isAsciiDigit(t[p + n]))
		++n;
	return n;
}

bool isGroupSpace(char c) { return c == ' ' || c == kThinSpace || c == '\''; }

} /* namespace */

bool parseNumberAt(std::string_view t, std::size_t pos, char decimalMark, Number &out)
{
	// Collect digit groups and the separators between them.
	struct Group {
		std::size_t at, len;
		char sepBefore;
	};
	std::vector<Group> groups;
	std::size_t p = pos;
	std::size_t n = digitRun(t, p);
	groups.push_back({ p, n, 0 });
	p += n;
	while (p + 1 < t.size()) {
		char sep = t[p];
		if (sep != '.' && sep != ',' && !isGroupSpace(sep))
			break;
		std::size_t m = digitRun(t, p + 1);
		if (m == 0)
			break;
		if (isGroupSpace(sep)) {
			// Space groups: exactly 3 digits after, at most 3 in the first group.
			bool firstOk = groups.size() > 1 || groups[0].len <= 3;
			// Plain spaces group only where that is the custom ("1 024 МБ"); elsewhere
			// "Sama Mix 50 500Mo" is a plan name and an amount.
			if (sep == ' ' && decimalMark != 'b')
				break;
			if (m != 3 || !firstOk || groups.back().sepBefore == '.' ||
			    groups.back().sepBefore == ',')
				break;
		}
		groups.push_back({ p + 1, m, sep });
		p += 1 + m;
	}
	// Decide the decimal mark.
	char lastMark = 0;
	int dots = 0, commas = 0;
	for (const Group &g : groups) {
		if (g.sepBefore == '.')
			++dots;
		if (g.sepBefore == ',')
			++commas;
		if (g.sepBefore == '.' || g.sepBefore == ',')
			lastMark = g.sepBefore;
	}
	std::size_t fracGroup = groups.size(); // index of the group after the decimal mark
	if (dots && commas) {
		if ((lastMark == '.' ? dots : commas) == 1)
			fracGroup = groups.size() - 1;
	} else if (dots + commas == 1) {
		std::size_t k = 1;
		while (groups[k].sepBefore != lastMark)
			++k;
		bool zeroInt = k == 1 && groups[0].len == 1 && t[groups[0].at] == '0';
		bool isDecimal = k != groups.size() - 1 || groups[k].len != 3 || zeroInt ||
				 decimalMark == 'b' || (decimalMark != 0 && decimalMark == lastMark);
		if (isDecimal) {
			// Everything after a decimal group is not part of this number.
			groups.resize(k + 1);
			fracGroup = k;
		}
	}
	// Thousands groups must be 3 digits; cut the number at the first that is not.
	for (std::size_t k = 1; k < groups.size() && k < fracGroup; ++k)
		if (groups[k].len != 3) {
			groups.resize(k);
			if (fracGroup > k)
				fracGroup = groups.size();
			break;
		}
	std::uint64_t mant = 0;
	int digits = 0, scale = 0, intDigits = 0;
	for (std::size_t k = 0; k < groups.size(); ++k) {
		for (std::size_t i = 0; i < groups[k].len; ++i) {
			if (mant == 0 && t[groups[k].at + i] == '0' && k < fracGroup)
				; // leading zeros do not count
			else if (++digits > kMaxDigits)
				return false;
			mant = mant * 10 + static_cast<std::uint64_t>(t[groups[k].at + i] - '0');
			if (k >= fracGroup)
				++scale;
			else
				++intDigits;
		}
	}
	out.begin = static_cast<std::uint32_t>(pos);
	out.end = static_cast<std::uint32_t>(groups.back().at + groups.back().len);
	out.mantissa = mant;
	out.scale = scale;
	out.intDigits = intDigits;
	out.negative = false;
	return true;
}

std::vector<Number> scanNumbers(std::string_view t, char decimalMark, const std::vector<Span> &exclude)
{
	std::vector<Number> nums;
	std::size_t ex = 0;
	for (std::size_t p = 0; p < t.size();) {
		if (!isAsciiDigit(t[p])) {
			++p;
			continue;
		}
		while (ex < exclude.size() && exclude[ex].end <= p)
			++ex;
		if (ex < exclude.size() && exclude[ex].begin <= p) {
			p = exclude[ex].end;
			continue;
		}
		Number n;
		bool ok = parseNumberAt(t, p, decimalMark, n);
		std::size_t end = ok ? n.end : p + digitRun(t, p);
		// Cut at an excluded span that starts inside the number.
		if (ok && ex < exclude.size() && exclude[ex].begin < n.end) {
			ok = parseNumberAt(std::string_view(t.data(), exclude[ex].begin), p, decimalMark, n);
			end = ok ? n.end : exclude[ex].begin;
		}
		char before = p > 0 ? t[p - 1] : ' ';
		char after = end < t.size() ? t[end] : ' ';
		bool ussd = before == '*' || before == '#' || after == '*' || after == '#';
		bool glued = isAsciiLetter(before) && before != 'x'; // "O2", "RC196"; "x2" is a count
		// "Rs85", "Rp30rb", "N50", "R49.96", "K50": a currency sign glued to the digits.
		if (glued) {
			std::size_t w = p;
			while (w > 0 && isAsciiLetter(t[w - 1]))
				--w;
			std::string_view word = t.substr(w, p - w);
			if (word.ends_with("rs") || word == "rp" || word == "r" || word == "n" || word == "k" ||
			    word == "rm" || word == "ksh" || word == "tsh" || word == "ush" ||
			    word == "usd" || word == "eur" || word == "tl" || word == "kes" ||
			    word == "p" || word == "php") // Smart/Globe "LOAD BAL: P0.00", "Bal: PHP47143.50"
				glued = false;
		}
		if (ok && !ussd && !glued) {
			if (p >= 1 && t[p - 1] == '-') {
				char b2 = p >= 2 ? t[p - 2] : ' ';
				if (!isAsciiDigit(b2) && !isAsciiLetter(b2)) {
					n.negative = true;
					n.begin = static_cast<std::uint32_t>(p - 1);
				}
			}
			nums.push_back(n);
		}
		p = end;
		while (p < t.size() && isAsciiDigit(t[p]))
			++p;
	}
	return nums;
}

} /* namespace zanryo::extract */
