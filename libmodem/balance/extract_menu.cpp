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
	// Inline: "... 1. Goi cuoc Thoai & SMS 2. Nap tien" (Vietnamobile *102#).
	{
		std::size_t one = std::string_view::npos;
		std::vector<std::pair<std::size_t, std::size_t>> marks; // (offset, key)
		for (std::size_t i = 0; i + 3 < raw.size(); ++i) {
			if ((i > 0 && raw[i - 1] != ' ') || !isAsciiDigit(raw[i]) ||
			    (raw[i + 1] != '.' && raw[i + 1] != ')') || raw[i + 2] != ' ' ||
			    !isAsciiLetter(raw[i + 3]))
				continue;
			marks.emplace_back(i, static_cast<std::size_t>(raw[i] - '0'));
		}
		for (std::size_t k = 0; k + 1 < marks.size(); ++k)
			if (marks[k].second == 1 && marks[k + 1].second == 2) {
				one = marks[k].first;
				break;
			}
		if (one != std::string_view::npos) {
			scan.isMenu = true;
			scan.inlineStart = one;
			for (std::size_t k = 0; k < marks.size(); ++k) {
				if (marks[k].first < one)
					continue;
				std::size_t from = marks[k].first + 3;
				std::size_t to = k + 1 < marks.size() ? marks[k + 1].first : raw.size();
				scan.items.push_back({ std::string(1, raw[marks[k].first]),
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
