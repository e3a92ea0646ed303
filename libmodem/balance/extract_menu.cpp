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
