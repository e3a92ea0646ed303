// +CUSD line parsing (TS 27.007 §7.15): +CUSD: <m>[,<str>[,<dcs>]]
#include <string>

#include "libmodem/codec/ussd.hpp"

namespace zanryo {

namespace {

constexpr std::string_view kPrefix = "+CUSD:";

bool isSpace(char c) noexcept
{
	return c == ' ' || c == '\t';
}

bool isDigit(char c) noexcept
{
	return c >= '0' && c <= '9';
}

/// The line without trailing CR/LF (the AT layer may hand it over with them).
std::string_view trimEnd(std::string_view line) noexcept
{
	while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
		line.remove_suffix(1);
	return line;
}

/// Offset after leading white space and the +CUSD: prefix, or npos if absent.
std::size_t afterPrefix(std::string_view line) noexcept
{
	std::size_t pos = 0;
	while (pos < line.size() && (isSpace(line[pos]) || line[pos] == '\r' || line[pos] == '\n'))
		++pos;
	if (line.size() - pos < kPrefix.size())
		return std::string_view::npos;
	for (std::size_t i = 0; i < kPrefix.size(); ++i) {
		char c = line[pos + i];
		if (c >= 'a' && c <= 'z')
			c = static_cast<char>(c - 'a' + 'A');
		if (c != kPrefix[i])
			return std::string_view::npos;
	}
	return pos + kPrefix.size();
}

/// Whether \a tail (what follows a candidate closing quote) is `\s*(,\s*\d+\s*)?`.
bool tailIsDcs(std::string_view tail) noexcept
{
	std::size_t i = 0;
	while (i < tail.size() && isSpace(tail[i]))
		++i;
	if (i == tail.size())
		return true;
	if (tail[i] != ',')
		return false;
	++i;
	while (i < tail.size() && isSpace(tail[i]))
		++i;
	const std::size_t digits = i;
	while (i < tail.size() && isDigit(tail[i]))
		++i;
	if (i == digits)
		return false;
	while (i < tail.size() && isSpace(tail[i]))
		++i;
	return i == tail.size();
}

/// The closing quote of a <str> opened at \a open: the last quote that only an
/// optional ",<dcs>" follows. Modems do not escape quotes inside the text
/// (`+CUSD: 0,"Tariff "Smart" active",15`), so the first quote is not the end.
std::size_t findClosingQuote(std::string_view line, std::size_t open) noexcept
{
	for (std::size_t q = line.size(); q-- > open + 1;)
		if (line[q] == '"' && tailIsDcs(line.substr(q + 1)))
			return q;
	return std::string_view::npos;
}

struct Number {
	long value;
	std::size_t end;
};

/// Digits at \a pos; value saturates so a long run cannot overflow.
std::optional<Number> readNumber(std::string_view s, std::size_t pos) noexcept
{
	std::size_t i = pos;
	long v = 0;
	while (i < s.size() && isDigit(s[i])) {
		if (v < 1000000)
			v = v * 10 + (s[i] - '0');
		++i;
	}
	if (i == pos)
		return std::nullopt;
	return Number{ v, i };
}

std::size_t skipSpaces(std::string_view s, std::size_t pos) noexcept
{
	while (pos < s.size() && isSpace(s[pos]))
		++pos;
	return pos;
}

std::string describe(std::string_view s, std::size_t pos)
{
	if (pos >= s.size())
		return "end of line";
	return std::string("'") + s[pos] + "'";
}

} /* namespace */

Result<CusdReply> parseCusdLine(std::string_view rawLine, TeCharset charset)
{
	const std::string_view line = trimEnd(rawLine);
	const std::string raw(line);
	std::size_t pos = afterPrefix(line);
	if (pos == std::string_view::npos)
		return makeError(Errc::Malformed, "line does not start with +CUSD:", 0, raw);

	CusdReply reply;
	pos = skipSpaces(line, pos);
	const std::size_t statusAt = pos;
	auto status = readNumber(line, pos);
	if (!status)
		return makeError(Errc::Malformed,
				 "expected the <m> status digit, found " + describe(line, pos), pos, raw);
	// TS 27.007 §7.15: <m> is 0..5.
	if (status->value > 5)
		return makeError(Errc::InvalidValue,
				 "+CUSD status " + std::to_string(status->value) + " is outside 0..5",
				 statusAt, raw);
	reply.status = static_cast<int>(status->value);
	pos = skipSpaces(line, status->end);
	if (pos == line.size())
		return reply; // "+CUSD: 2", "+CUSD: 4": no text

	if (line[pos] != ',')
		return makeError(Errc::Malformed, "expected ',' after <m>, found " + describe(line, pos),
				 pos, raw);
	pos = skipSpaces(line, pos + 1);

	if (pos < line.size() && line[pos] == '"') {
		const std::size_t open = pos;
		std::size_t close = findClosingQuote(line, open);
		if (close == std::string_view::npos) {
			// No quote that ends the line: either the text goes on on the next line
			// (cusdLineIsComplete) or junk follows the last quote.
			const std::size_t last = line.rfind('"');
			if (last == open)
				return makeError(Errc::Truncated,
						 "no closing '\"' for the text opened here", open, raw);
			close = last;
		}
		reply.payload = std::string(line.substr(open + 1, close - open - 1));
		pos = skipSpaces(line, close + 1);
		if (pos == line.size()) {
			reply.decoded = decodeUssdPayload(*reply.payload, std::nullopt, charset);
			return reply;
		}
		if (line[pos] != ',')
			return makeError(Errc::Malformed,
					 "expected ',' or end of line after the text, found " +
						 describe(line, pos),
					 pos, raw);
		pos = skipSpaces(line, pos + 1);
	} else if (pos < line.size() && line[pos] == ',') {
		// "+CUSD: 0,,15": an empty <str> field with a DCS.
		pos = skipSpaces(line, pos + 1);
	} else {
		return makeError(Errc::Malformed,
				 "expected '\"' to open the text, found " + describe(line, pos), pos,
				 raw);
	}

	const std::size_t dcsAt = pos;
	auto dcs = readNumber(line, pos);
	if (!dcs)
		return makeError(Errc::Malformed, "expected the <dcs> number, found " + describe(line, pos),
				 pos, raw);
	if (dcs->value > 255)
		return makeError(Errc::InvalidValue,
				 "<dcs> " + std::to_string(dcs->value) + " is outside 0..255", dcsAt, raw);
	pos = skipSpaces(line, dcs->end);
	if (pos != line.size())
		return makeError(Errc::Malformed, "unexpected " + describe(line, pos) + " after <dcs>",
				 pos, raw);
	reply.dcs = static_cast<int>(dcs->value);
	if (reply.payload)
		reply.decoded = decodeUssdPayload(*reply.payload, reply.dcs, charset);
	return reply;
}

bool cusdLineIsComplete(std::string_view rawLine) noexcept
{
	const std::string_view line = trimEnd(rawLine);
	const std::size_t start = afterPrefix(line);
	if (start == std::string_view::npos)
		return true;
	const std::size_t open = line.find('"', start);
	if (open == std::string_view::npos)
		return true;
	return findClosingQuote(line, open) != std::string_view::npos;
}

} /* namespace zanryo */
