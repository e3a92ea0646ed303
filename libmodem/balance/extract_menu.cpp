#include "libmodem/balance/extract_menu.hpp"

#include <string>

#include "libmodem/balance/extract_text.hpp"

namespace zanryo::extract {

namespace {

struct ItemLine {
	bool ok = false;
	int number = -1; ///< -1 for "#", "*", "00" style keys
	std::string key;
	std::string label;
};

std::string_view trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
		s.remove_suffix(1);
	return s;
}

ItemLine parseItem(std::string_view line)
{
	ItemLine it;
	line = trim(line);
	std::size_t i = 0;
	int value = 0, ndigits = 0;
	std::string key;
	while (i < line.size() && ndigits < 3) {
		std::size_t at = i;
		char32_t cp = decodeUtf8(line, i);
		int d = digitValue(cp);
		if (d < 0) {
			i = at;
			break;
		}
		value = value * 10 + d;
		key += static_cast<char>('0' + d);
		++ndigits;
	}
	if (ndigits == 0) {
		if (i < line.size() && (line[i] == '#' || line[i] == '*')) {
			key = std::string(1, line[i]);
			++i;
		} else {
			return it;
		}
	}
	if (i >= line.size())
		return it;
	char sep = line[i];
	if (sep == '.' || sep == ')' || sep == '-' || sep == ':' || sep == '>' || sep == ' ' ||
	    sep == '=') {
		std::string_view label = trim(line.substr(i + 1));
		if (sep == ' ' || sep == '-')
			label = trim(line.substr(i));
		while (!label.empty() && (label.front() == '-' || label.front() == '.'))
			label.remove_prefix(1);
		label = trim(label);
		if (label.empty())
			return it;
		it.ok = true;
		it.number = ndigits ? value : -1;
		it.key = key;
		if (ndigits == 2 && key[0] == '0')
			it.number = -1; // "00 Main menu"
		it.label = std::string(label);
	}
	return it;
}

} /* namespace */

std::vector<std::string_view> splitLines(std::string_view text)
{
	std::vector<std::string_view> lines;
	std::size_t start = 0;
	for (std::size_t i = 0; i < text.size();) {
		std::size_t len = 0;
		if (text[i] == '\n' || text[i] == '\r')
			len = 1;
		else if (text.substr(i, 3) == "\u2028" || text.substr(i, 3) == "\u2029")
			len = 3;
		if (len == 0) {
			++i;
			continue;
		}
		lines.push_back(text.substr(start, i - start));
		if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
			len = 2;
		i += len;
		start = i;
	}
	lines.push_back(text.substr(start));
	return lines;
}

MenuScan scanMenu(std::string_view raw)
{
	MenuScan scan;
	std::vector<std::string_view> lines = splitLines(raw);
	std::vector<ItemLine> items(lines.size());
	for (std::size_t i = 0; i < lines.size(); ++i)
		items[i] = parseItem(lines[i]);
	// Find the first run of numbered lines 0/1/2, then increasing keys.
	for (std::size_t i = 0; i < lines.size(); ++i) {
		if (!items[i].ok || items[i].number < 0 || items[i].number > 2)
			continue;
		int last = items[i].number;
		int numbered = 1, navigation = 0;
		for (std::size_t j = i + 1; j < lines.size(); ++j) {
			if (!items[j].ok)
				continue;
			if (items[j].number > last) {
				last = items[j].number;
				++numbered;
			} else if (items[j].number <= 0) {
				++navigation; // "0 Abbruch", "00 Main menu", "#. Back"
			}
		}
		if (numbered < 2 && !(numbered == 1 && navigation >= 1 && items[i].number >= 1))
			continue;
		scan.isMenu = true;
		scan.firstItemLine = i;
		for (std::size_t j = i; j < lines.size(); ++j)
			if (items[j].ok)
				scan.items.push_back({ items[j].key, items[j].label });
		return scan;
	}
	// One last line "2.Info Kartu" under a balance (Telkomsel *888#).
	for (std::size_t i = lines.size(); i-- > 0;) {
		if (trim(lines[i]).empty())
			continue;
		const ItemLine &it = items[i];
		bool digitsInLabel = false;
		for (char c : it.label)
			digitsInLabel = digitsInLabel || isAsciiDigit(c);
		if (it.ok && it.number >= 2 && it.number <= 9 && it.label.size() <= 30 &&
		    !digitsInLabel && i > 0 && lines[i].find_first_of(".)") != std::string_view::npos) {
			scan.isMenu = true;
			scan.firstItemLine = i;
			scan.items.push_back({ it.key, it.label });
			return scan;
		}
		break;
	}
	// Inline: "... 1. Goi cuoc Thoai & SMS 2. Nap tien" (Vietnamobile *102#), options run
	// together on one line: "1.Balance 2.Buy data" (a mark "N." or "N)", a space or not,
	// then a letter: keys 1 and 2 in a row), or "choose: 1 Balance 2 Data 3 Offers" (no
	// punctuation: keys 1, 2 and 3 in a row, so that "1 GB 2 days" is no menu).
	{
		struct Mark {
			std::size_t at, key, labelFrom;
			bool punct;
		};
		std::size_t one = std::string_view::npos;
		std::vector<Mark> marks;
		for (std::size_t i = 0; i + 2 < raw.size(); ++i) {
			if ((i > 0 && raw[i - 1] != ' ' && raw[i - 1] != ':') || !isAsciiDigit(raw[i]))
				continue;
			std::size_t p = i + 1;
			bool punct = raw[p] == '.' || raw[p] == ')';
			if (punct)
				++p;
			bool spaced = p < raw.size() && raw[p] == ' ';
			if (spaced)
				++p;
			if ((!punct && !spaced) || p >= raw.size() || !isAsciiLetter(raw[p]))
				continue;
			marks.push_back({ i, static_cast<std::size_t>(raw[i] - '0'), p, punct });
		}
		for (std::size_t k = 0; k + 1 < marks.size() && one == std::string_view::npos; ++k) {
			if (marks[k].key != 1 || marks[k + 1].key != 2)
				continue;
			if (marks[k].punct && marks[k + 1].punct)
				one = k;
			else if (k + 2 < marks.size() && marks[k + 2].key == 3 && !marks[k].punct &&
				 !marks[k + 1].punct && !marks[k + 2].punct)
				one = k;
		}
		if (one != std::string_view::npos) {
			scan.isMenu = true;
			scan.inlineStart = marks[one].at;
			bool punct = marks[one].punct;
			for (std::size_t k = one; k < marks.size(); ++k) {
				if (marks[k].punct != punct)
					continue;
				std::size_t from = marks[k].labelFrom;
				std::size_t to = raw.size();
				for (std::size_t n = k + 1; n < marks.size(); ++n)
					if (marks[n].punct == punct) {
						to = marks[n].at;
						break;
					}
				scan.items.push_back({ std::string(1, raw[marks[k].at]),
						       std::string(trim(raw.substr(from, to - from))) });
			}
			return scan;
		}
	}
	std::string_view t = trim(raw);
	while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' '))
		t.remove_suffix(1);
	if (!t.empty() && (t.back() == '?' || t.substr(t.size() >= 2 ? t.size() - 2 : 0) == "？" ||
			   (t.size() >= 3 && t.substr(t.size() - 3) == "？") ||
			   (t.size() >= 2 && t.substr(t.size() - 2) == "؟")))
		scan.isMenu = true;
	return scan;
}

} /* namespace zanryo::extract */
