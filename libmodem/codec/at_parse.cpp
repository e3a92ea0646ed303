#include "libmodem/codec/at_parse.hpp"

#include <algorithm>
#include <charconv>

#include "libmodem/codec/text.hpp"

namespace zanryo {

namespace {

char asciiUpper(char c) noexcept
{
	return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool istartsWith(std::string_view s, std::string_view prefix) noexcept
{
	if (s.size() < prefix.size())
		return false;
	for (std::size_t i = 0; i < prefix.size(); ++i)
		if (asciiUpper(s[i]) != asciiUpper(prefix[i]))
			return false;
	return true;
}

bool isBlank(char c) noexcept
{
	return c == ' ' || c == '\t';
}

bool isDigit(char c) noexcept
{
	return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) noexcept
{
	while (!s.empty() && isBlank(s.front()))
		s.remove_prefix(1);
	while (!s.empty() && isBlank(s.back()))
		s.remove_suffix(1);
	return s;
}

/// Remove one pair of surrounding double quotes, if both are there.
std::string_view unquote(std::string_view s) noexcept
{
	s = trim(s);
	if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
		return trim(s.substr(1, s.size() - 2));
	return s;
}

/// Error about \a line with an offset into it.
Error lineError(Errc code, std::string what, std::string_view line, std::size_t offset)
{
	return makeError(code, std::move(what), offset, std::string(line));
}

/// An error from a parser of a substring, moved to the whole line's coordinates.
Error rebase(Error e, std::string_view line, std::string_view part)
{
	std::size_t base = static_cast<std::size_t>(part.data() - line.data());
	if (e.offset != Error::kNoOffset)
		e.offset += base;
	e.raw = std::string(line);
	return e;
}

/// The parameters of \a line after \a prefix, split; errors in line coordinates.
Result<std::vector<AtParam>> lineParams(std::string_view line, std::string_view prefix)
{
	Result<std::string_view> params = responseParams(line, prefix);
	if (!params)
		return params.error();
	Result<std::vector<AtParam>> split = splitAtParams(*params);
	if (!split)
		return rebase(split.error(), line, *params);
	std::size_t base = static_cast<std::size_t>(params->data() - line.data());
	for (AtParam &p : *split)
		p.offset += base;
	return split;
}

Result<int> paramInt(const std::vector<AtParam> &params, std::size_t i, std::string_view name,
		     int min, int max, std::string_view line)
{
	if (i >= params.size())
		return lineError(Errc::Malformed, std::string(name) + " is missing", line, line.size());
	Result<int> v = atParamInt(params[i], name, min, max);
	if (!v) {
		Error e = v.error();
		e.raw = std::string(line);
		return e;
	}
	return v;
}

/// A string parameter: Quoted, or Plain from firmwares that leave the quotes out.
Result<std::string> paramString(const std::vector<AtParam> &params, std::size_t i,
				std::string_view name, std::string_view line)
{
	if (i >= params.size())
		return lineError(Errc::Malformed, std::string(name) + " is missing", line, line.size());
	const AtParam &p = params[i];
	switch (p.kind) {
	case AtParam::Kind::Quoted:
	case AtParam::Kind::Plain:
	case AtParam::Kind::Empty:
		return p.text;
	case AtParam::Kind::List:
		break;
	}
	return lineError(Errc::Malformed, std::string(name) + " should be a string, not a list",
			 line, p.offset);
}

std::string toUpper(std::string_view s)
{
	std::string out(s);
	std::transform(out.begin(), out.end(), out.begin(), asciiUpper);
	return out;
}

Result<SmsStatus> smsStatus(const std::vector<AtParam> &params, std::size_t i, std::string_view line)
{
	if (i < params.size() && params[i].kind == AtParam::Kind::Quoted)
		// TS 27.005 §3.1: text mode <stat> is "REC UNREAD"...; its line layout differs.
		return lineError(Errc::Unsupported,
				 "<stat> is a string: the modem is in text mode (AT+CMGF=1), PDU mode expected",
				 line, params[i].offset);
	Result<int> v = paramInt(params, i, "<stat>", 0, 3, line);
	if (!v)
		return v.error();
	return static_cast<SmsStatus>(*v);
}

/// Checks a PDU line against <length> (TS 27.005 §3.1: octets of the TPDU, SMSC excluded;
/// the PDU starts with the SMSC address, its first octet giving its length).
Result<std::string> checkedPdu(std::string_view pduLine, int length)
{
	std::string_view hex = trim(pduLine);
	Result<std::vector<std::uint8_t>> bytes = hexDecode(hex);
	if (!bytes) {
		Error e = bytes.error();
		return rebase(std::move(e), pduLine, hex);
	}
	if (bytes->empty())
		return lineError(Errc::Truncated, "PDU line is empty", pduLine, 0);
	std::size_t sca = (*bytes)[0];
	std::size_t expected = 1 + sca + static_cast<std::size_t>(length);
	if (bytes->size() != expected)
		return lineError(Errc::InvalidLength,
				 "PDU has " + std::to_string(bytes->size()) + " octets, but <length> " +
					 std::to_string(length) + " + SMSC address " +
					 std::to_string(1 + sca) + " = " + std::to_string(expected),
				 pduLine, 0);
	return toUpper(hex);
}

/// Non-empty information lines only (the framer already drops empty ones; callers that
/// build the lines by hand may not).
std::vector<std::string_view> contentLines(std::span<const std::string> lines)
{
	std::vector<std::string_view> out;
	for (const std::string &l : lines)
		if (!trim(l).empty())
			out.push_back(l);
	return out;
}

/// The part of \a line after the first of \a prefixes it starts with (and its ':'), or the
/// trimmed line when none matches.
std::string_view stripAnyPrefix(std::string_view line, std::initializer_list<std::string_view> prefixes)
{
	std::string_view t = trim(line);
	for (std::string_view p : prefixes) {
		if (istartsWith(t, p)) {
			std::string_view rest = trim(t.substr(p.size()));
			if (!rest.empty() && rest.front() == ':')
				return trim(rest.substr(1));
		}
	}
	return t;
}

Result<MessageIndication> parseIndication(std::string_view line, std::string_view prefix)
{
	Result<std::vector<AtParam>> params = lineParams(line, prefix);
	if (!params)
		return params.error();
	Result<std::string> mem = paramString(*params, 0, "<mem>", line);
	if (!mem)
		return mem.error();
	if (mem->empty())
		return lineError(Errc::Malformed, "<mem> is empty", line, (*params)[0].offset);
	Result<int> index = paramInt(*params, 1, "<index>", 0, 65535, line);
	if (!index)
		return index.error();
	return MessageIndication{ *mem, *index };
}

} /* namespace */

Result<std::vector<AtParam>> splitAtParams(std::string_view s)
{
	std::vector<AtParam> out;
	if (trim(s).empty())
		return out;
	std::size_t i = 0;
	while (true) {
		while (i < s.size() && isBlank(s[i]))
			++i;
		AtParam p;
		p.offset = i;
		if (i >= s.size() || s[i] == ',') {
			p.kind = AtParam::Kind::Empty;
		} else if (s[i] == '"') {
			// V.250 §5.4.2.2: a string constant is between double quotes; a quote inside
			// is written \22, so the next quote ends it.
			std::size_t close = s.find('"', i + 1);
			if (close == std::string_view::npos)
				return makeError(Errc::Malformed, "string is not terminated", i, std::string(s));
			p.kind = AtParam::Kind::Quoted;
			p.text = std::string(s.substr(i + 1, close - i - 1));
			i = close + 1;
			while (i < s.size() && isBlank(s[i]))
				++i;
			if (i < s.size() && s[i] != ',')
				return makeError(Errc::Malformed,
						 std::string("'") + s[i] + "' after a closing quote", i,
						 std::string(s));
		} else if (s[i] == '(') {
			// TS 27.007 §4.1: test command ranges "(0-2)", lists "(\"SM\",\"ME\")".
			int depth = 0;
			bool inQuote = false;
			std::size_t j = i;
			for (; j < s.size(); ++j) {
				char c = s[j];
				if (c == '"')
					inQuote = !inQuote;
				else if (!inQuote && c == '(')
					++depth;
				else if (!inQuote && c == ')' && --depth == 0)
					break;
			}
			if (j >= s.size())
				return makeError(Errc::Malformed, "'(' is not closed", i, std::string(s));
			p.kind = AtParam::Kind::List;
			p.text = std::string(s.substr(i + 1, j - i - 1));
			i = j + 1;
			while (i < s.size() && isBlank(s[i]))
				++i;
			if (i < s.size() && s[i] != ',')
				return makeError(Errc::Malformed,
						 std::string("'") + s[i] + "' after a closing parenthesis", i,
						 std::string(s));
		} else {
			std::size_t comma = s.find(',', i);
			std::size_t end = comma == std::string_view::npos ? s.size() : comma;
			p.kind = AtParam::Kind::Plain;
			p.text = std::string(trim(s.substr(i, end - i)));
			i = end;
		}
		out.push_back(std::move(p));
		if (i >= s.size())
			break;
		++i; // the comma
		if (i >= s.size()) {
			// "a," ends with an empty parameter.
			out.push_back(AtParam{ AtParam::Kind::Empty, {}, i });
			break;
		}
	}
	return out;
}

Result<std::string_view> responseParams(std::string_view line, std::string_view prefix)
{
	std::size_t start = 0;
	while (start < line.size() && isBlank(line[start]))
		++start;
	std::string_view t = line.substr(start);
	if (!istartsWith(t, prefix))
		return lineError(Errc::Malformed, "expected '" + std::string(prefix) + ":'", line, start);
	std::size_t i = start + prefix.size();
	while (i < line.size() && isBlank(line[i]))
		++i;
	if (i >= line.size() || line[i] != ':')
		return lineError(Errc::Malformed, "expected ':' after " + std::string(prefix), line, i);
	++i;
	while (i < line.size() && isBlank(line[i]))
		++i;
	std::string_view rest = line.substr(i);
	while (!rest.empty() && isBlank(rest.back()))
		rest.remove_suffix(1);
	return rest;
}

Result<int> atParamInt(const AtParam &p, std::string_view name, int min, int max)
{
	std::string range = "[" + std::to_string(min) + "," + std::to_string(max) + "]";
	switch (p.kind) {
	case AtParam::Kind::Empty:
		return makeError(Errc::Malformed, std::string(name) + " is empty", p.offset);
	case AtParam::Kind::List:
		return makeError(Errc::Malformed, std::string(name) + " should be a number, not a list",
				 p.offset);
	case AtParam::Kind::Plain:
	case AtParam::Kind::Quoted:
		break;
	}
	std::string_view t = trim(p.text);
	int value = 0;
	auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
	if (t.empty() || ec == std::errc::invalid_argument || ptr != t.data() + t.size())
		return makeError(Errc::Malformed,
				 std::string(name) + " should be a number, got '" + std::string(t) + "'",
				 p.offset);
	if (ec == std::errc::result_out_of_range || value < min || value > max)
		return makeError(Errc::InvalidValue,
				 std::string(name) + " " + std::string(t) + " is outside " + range, p.offset);
	return value;
}

// TS 27.005 §4.1: +CMGL: <index>,<stat>,[<alpha>],<length><CR><LF><pdu>[<CR><LF>...]
Result<std::vector<SmsListEntry>> parseCmgl(std::span<const std::string> lines)
{
	std::vector<SmsListEntry> out;
	std::vector<std::string_view> content = contentLines(lines);
	for (std::size_t i = 0; i < content.size(); ++i) {
		std::string_view header = content[i];
		Result<std::vector<AtParam>> params = lineParams(header, "+CMGL");
		if (!params)
			return params.error();
		SmsListEntry e;
		Result<int> index = paramInt(*params, 0, "<index>", 0, 65535, header);
		if (!index)
			return index.error();
		e.index = *index;
		Result<SmsStatus> status = smsStatus(*params, 1, header);
		if (!status)
			return status.error();
		e.status = *status;
		// <alpha> is optional and usually empty ("+CMGL: 1,0,,23"); some firmwares drop
		// the field altogether ("+CMGL: 1,0,23").
		std::size_t lengthAt = params->size() >= 4 ? 3 : 2;
		if (params->size() >= 4) {
			Result<std::string> alpha = paramString(*params, 2, "<alpha>", header);
			if (!alpha)
				return alpha.error();
			e.alpha = *alpha;
		}
		Result<int> length = paramInt(*params, lengthAt, "<length>", 0, 255, header);
		if (!length)
			return length.error();
		e.length = *length;
		if (i + 1 >= content.size())
			return lineError(Errc::Truncated,
					 "+CMGL entry " + std::to_string(e.index) + " has no PDU line", header,
					 header.size());
		Result<std::string> pdu = checkedPdu(content[++i], e.length);
		if (!pdu)
			return pdu.error();
		e.pduHex = std::move(*pdu);
		out.push_back(std::move(e));
	}
	return out;
}

// TS 27.005 §4.2: +CMGR: <stat>,[<alpha>],<length><CR><LF><pdu>
Result<SmsRecord> parseCmgr(std::span<const std::string> lines)
{
	std::vector<std::string_view> content = contentLines(lines);
	if (content.empty())
		return makeError(Errc::NotFound, "+CMGR returned no message (empty slot)");
	std::string_view header = content[0];
	Result<std::vector<AtParam>> params = lineParams(header, "+CMGR");
	if (!params)
		return params.error();
	SmsRecord r;
	Result<SmsStatus> status = smsStatus(*params, 0, header);
	if (!status)
		return status.error();
	r.status = *status;
	std::size_t lengthAt = params->size() >= 3 ? 2 : 1;
	if (params->size() >= 3) {
		Result<std::string> alpha = paramString(*params, 1, "<alpha>", header);
		if (!alpha)
			return alpha.error();
		r.alpha = *alpha;
	}
	Result<int> length = paramInt(*params, lengthAt, "<length>", 0, 255, header);
	if (!length)
		return length.error();
	r.length = *length;
	if (content.size() < 2)
		return lineError(Errc::Truncated, "+CMGR has no PDU line", header, header.size());
	Result<std::string> pdu = checkedPdu(content[1], r.length);
	if (!pdu)
		return pdu.error();
	r.pduHex = std::move(*pdu);
	return r;
}

// TS 27.005 §3.2.2: +CPMS: <mem1>,<used1>,<total1>,<mem2>,<used2>,<total2>,<mem3>,<used3>,<total3>
Result<std::vector<SmsStorageUsage>> parseCpmsRead(std::string_view line)
{
	Result<std::vector<AtParam>> params = lineParams(line, "+CPMS");
	if (!params)
		return params.error();
	if (params->empty() || params->size() % 3 != 0 || params->size() > 9)
		return lineError(Errc::Malformed,
				 "+CPMS? should give 3, 6 or 9 values (<mem>,<used>,<total> per storage), got " +
					 std::to_string(params->size()),
				 line, 0);
	std::vector<SmsStorageUsage> out;
	for (std::size_t i = 0; i < params->size(); i += 3) {
		SmsStorageUsage u;
		Result<std::string> mem = paramString(*params, i, "<mem>", line);
		if (!mem)
			return mem.error();
		if (mem->empty())
			return lineError(Errc::Malformed, "<mem> is empty", line, (*params)[i].offset);
		u.mem = toUpper(*mem);
		Result<int> used = paramInt(*params, i + 1, "<used>", 0, 65535, line);
		if (!used)
			return used.error();
		Result<int> total = paramInt(*params, i + 2, "<total>", 0, 65535, line);
		if (!total)
			return total.error();
		if (*used > *total)
			return lineError(Errc::InvalidValue,
					 "<used> " + std::to_string(*used) + " exceeds <total> " +
						 std::to_string(*total),
					 line, (*params)[i + 1].offset);
		u.used = *used;
		u.total = *total;
		out.push_back(std::move(u));
	}
	return out;
}

// TS 27.005 §3.2.2: +CPMS: <used1>,<total1>,<used2>,<total2>,<used3>,<total3>
Result<std::vector<SmsStorageUsage>> parseCpmsSet(std::string_view line,
						    std::span<const std::string> mems)
{
	Result<std::vector<AtParam>> params = lineParams(line, "+CPMS");
	if (!params)
		return params.error();
	if (params->empty() || params->size() % 2 != 0 || params->size() > 6)
		return lineError(Errc::Malformed,
				 "+CPMS= should give 2, 4 or 6 values (<used>,<total> per storage), got " +
					 std::to_string(params->size()),
				 line, 0);
	std::vector<SmsStorageUsage> out;
	for (std::size_t i = 0; i < params->size(); i += 2) {
		SmsStorageUsage u;
		if (i / 2 < mems.size())
			u.mem = toUpper(mems[i / 2]);
		Result<int> used = paramInt(*params, i, "<used>", 0, 65535, line);
		if (!used)
			return used.error();
		Result<int> total = paramInt(*params, i + 1, "<total>", 0, 65535, line);
		if (!total)
			return total.error();
		if (*used > *total)
			return lineError(Errc::InvalidValue,
					 "<used> " + std::to_string(*used) + " exceeds <total> " +
						 std::to_string(*total),
					 line, (*params)[i].offset);
		u.used = *used;
		u.total = *total;
		out.push_back(std::move(u));
	}
	return out;
}

// TS 27.005 §3.2.2: +CPMS: (list of supported <mem1>s),(list of supported <mem2>s),(...<mem3>s)
Result<std::vector<std::vector<std::string>>> parseCpmsTest(std::string_view line)
{
	Result<std::vector<AtParam>> params = lineParams(line, "+CPMS");
	if (!params)
		return params.error();
	if (params->empty() || params->size() > 3)
		return lineError(Errc::Malformed,
				 "+CPMS=? should give 1 to 3 lists, got " + std::to_string(params->size()),
				 line, 0);
	std::vector<std::vector<std::string>> out;
	for (const AtParam &p : *params) {
		if (p.kind != AtParam::Kind::List)
			return lineError(Errc::Malformed, "expected a (list) of storages", line, p.offset);
		Result<std::vector<AtParam>> inner = splitAtParams(p.text);
		if (!inner) {
			Error e = inner.error();
			if (e.offset != Error::kNoOffset)
				e.offset += p.offset + 1;
			e.raw = std::string(line);
			return e;
		}
		std::vector<std::string> mems;
		for (const AtParam &m : *inner) {
			if (m.empty() || m.kind == AtParam::Kind::List)
				return lineError(Errc::Malformed, "expected a storage name", line,
						 p.offset + 1 + m.offset);
			mems.push_back(toUpper(m.text));
		}
		out.push_back(std::move(mems));
	}
	return out;
}

// TS 27.005 §3.5.1: +CMGS: <mr>[,<ackpdu>]
Result<int> parseCmgs(std::span<const std::string> lines)
{
	for (std::string_view l : contentLines(lines)) {
		if (!istartsWith(trim(l), "+CMGS"))
			continue;
		Result<std::vector<AtParam>> params = lineParams(l, "+CMGS");
		if (!params)
			return params.error();
		return paramInt(*params, 0, "<mr>", 0, 255, l);
	}
	return makeError(Errc::Malformed, "no +CMGS: <mr> line in the reply");
}

Result<MessageIndication> parseCmti(std::string_view line)
{
	return parseIndication(line, "+CMTI");
}

Result<MessageIndication> parseCdsi(std::string_view line)
{
	return parseIndication(line, "+CDSI");
}

// TS 27.007 §7.3: +COPS: <mode>[,<format>,<oper>[,<AcT>]]
Result<OperatorSelection> parseCopsRead(std::string_view line)
{
	Result<std::vector<AtParam>> params = lineParams(line, "+COPS");
	if (!params)
		return params.error();
	OperatorSelection op;
	Result<int> mode = paramInt(*params, 0, "<mode>", 0, 4, line);
	if (!mode)
		return mode.error();
	op.mode = *mode;
	if (params->size() < 2 || (*params)[1].empty())
		return op; // not registered: "+COPS: 0"
	Result<int> format = paramInt(*params, 1, "<format>", 0, 2, line);
	if (!format)
		return format.error();
	op.format = static_cast<OperatorFormat>(*format);
	Result<std::string> oper = paramString(*params, 2, "<oper>", line);
	if (!oper)
		return oper.error();
	op.oper = *oper;
	if (params->size() >= 4 && !(*params)[3].empty()) {
		// TS 27.007 §7.3 <AcT>: 0 GSM ... 7 E-UTRAN ... 13 NG-RAN (newer releases add more).
		Result<int> act = paramInt(*params, 3, "<AcT>", 0, 255, line);
		if (!act)
			return act.error();
		op.act = *act;
	}
	switch (*op.format) {
	case OperatorFormat::Numeric: {
		// TS 23.003 §2.2: MCC is 3 digits, MNC 2 or 3: 5 digits -> 2-digit MNC, 6 -> 3.
		std::string_view digits = trim(op.oper);
		bool allDigits = std::all_of(digits.begin(), digits.end(), isDigit);
		if (!allDigits || (digits.size() != 5 && digits.size() != 6))
			return lineError(Errc::Malformed,
					 "numeric <oper> should be 5 or 6 digits (MCC+MNC), got '" +
						 std::string(digits) + "'",
					 line, (*params)[2].offset);
		op.mcc = std::string(digits.substr(0, 3));
		op.mnc = std::string(digits.substr(3));
		break;
	}
	case OperatorFormat::LongAlpha:
	case OperatorFormat::ShortAlpha:
		break;
	}
	return op;
}

Result<std::string> parseImsi(std::span<const std::string> lines)
{
	std::vector<std::string_view> content = contentLines(lines);
	if (content.empty())
		return makeError(Errc::Malformed, "+CIMI returned no IMSI");
	std::string_view line = content[0];
	std::string_view v = unquote(stripAnyPrefix(line, { "+CIMI" }));
	for (std::size_t i = 0; i < v.size(); ++i)
		if (!isDigit(v[i]))
			return lineError(Errc::Malformed,
					 std::string("IMSI has a non-digit '") + v[i] + "'", line,
					 static_cast<std::size_t>(v.data() - line.data()) + i);
	if (v.size() < 6 || v.size() > 15)
		return lineError(Errc::InvalidLength,
				 "IMSI has " + std::to_string(v.size()) + " digits, 6 to 15 expected", line, 0);
	return std::string(v);
}

Result<std::string> parseCnum(std::span<const std::string> lines)
{
	for (const std::string &line : lines) {
		auto params = responseParams(line, "+CNUM");
		if (!params)
			continue;  // not a +CNUM line (an echo, a stray URC)
		auto p = splitAtParams(*params);
		if (!p)
			return p.error();
		if (p->size() < 3)
			return lineError(Errc::Malformed, "+CNUM needs <alpha>,<number>,<type>", line, 0);
		std::string number = (*p)[1].text;
		if (number.empty())
			continue;
		for (char c : number)
			if (!isDigit(c) && c != '+' && c != '*' && c != '#')
				return lineError(Errc::Malformed, std::string("+CNUM number has a '") + c + "'", line,
						 static_cast<std::size_t>(params->data() - line.data()) + (*p)[1].offset);
		// TS 24.008 §10.5.4.7: type 145 is an international number.
		if ((*p)[2].text == "145" && number.front() != '+')
			number.insert(number.begin(), '+');
		return number;
	}
	return std::string();
}

Result<std::string> parseIccid(std::span<const std::string> lines, IccidDigitOrder order)
{
	std::vector<std::string_view> content = contentLines(lines);
	if (content.empty())
		return makeError(Errc::Malformed, "no ICCID in the reply");
	std::string_view line = content[0];
	// TS 27.007 has no ICCID command; every vendor has its own: +CCID (u-blox SARA,
	// "+CCID: 8901260882217768982"), +ICCID (Telit ME910), ^ICCID (Huawei), +QCCID
	// (Quectel EC25), +CICCID (SIMCom SIM7600, answered "+ICCID:"), +ZGETICCID (ZTE).
	std::string_view v = unquote(
		stripAnyPrefix(line, { "+CCID", "+ICCID", "^ICCID", "+QCCID", "+CICCID", "+ZGETICCID", "ICCID" }));
	std::size_t base = static_cast<std::size_t>(v.data() - line.data());
	std::string digits = toUpper(v);
	for (std::size_t i = 0; i < digits.size(); ++i) {
		char c = digits[i];
		if (!isDigit(c) && !(c >= 'A' && c <= 'F'))
			return lineError(Errc::Malformed, std::string("ICCID has a non-hex character '") + c + "'",
					 line, base + i);
	}
	bool swap = order == IccidDigitOrder::Swapped ||
		    (order == IccidDigitOrder::Auto && digits.size() >= 2 && digits[0] == '9' && digits[1] == '8');
	if (swap) {
		// Huawei ^ICCID returns EF_ICCID's BCD octets as stored, low nibble first
		// (ModemManager's Huawei plugin swaps them for the same reason).
		if (digits.size() % 2 != 0)
			return lineError(Errc::InvalidLength, "swapped ICCID has an odd number of digits", line,
					 base);
		for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
			std::swap(digits[i], digits[i + 1]);
	}
	// Padding of a 19-digit ICCID in the 10-octet EF_ICCID (Quectel +QCCID shows it too).
	while (!digits.empty() && digits.back() == 'F')
		digits.pop_back();
	if (digits.size() < 18 || digits.size() > 22)
		return lineError(Errc::InvalidLength,
				 "ICCID has " + std::to_string(digits.size()) + " digits, 18 to 22 expected",
				 line, base);
	if (std::find(digits.begin(), digits.end(), 'F') != digits.end())
		return lineError(Errc::Malformed, "ICCID has 'F' padding before its end", line, base);
	return digits;
}

Result<std::string> parseImei(std::span<const std::string> lines)
{
	std::vector<std::string_view> content = contentLines(lines);
	if (content.empty())
		return makeError(Errc::Malformed, "no IMEI in the reply");
	std::string_view line = content[0];
	std::string_view v = unquote(stripAnyPrefix(line, { "+CGSN", "+GSN", "IMEI" }));
	std::size_t base = static_cast<std::size_t>(v.data() - line.data());
	for (std::size_t i = 0; i < v.size(); ++i)
		if (!isDigit(v[i]))
			return lineError(Errc::Malformed, std::string("IMEI has a non-digit '") + v[i] + "'",
					 line, base + i);
	if (v.size() != 15 && v.size() != 16)
		return lineError(Errc::InvalidLength,
				 "IMEI has " + std::to_string(v.size()) +
					 " digits, 15 (IMEI) or 16 (IMEISV) expected",
				 line, base);
	return std::string(v);
}

bool imeiCheckDigitValid(std::string_view imei) noexcept
{
	if (imei.size() != 15 || !std::all_of(imei.begin(), imei.end(), isDigit))
		return false;
	// TS 23.003 Annex B: Luhn over the 14 digits, every second digit doubled.
	int sum = 0;
	for (std::size_t i = 0; i < 14; ++i) {
		int d = imei[i] - '0';
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (10 - sum % 10) % 10 == imei[14] - '0';
}

Result<std::string> parseIdentityValue(std::span<const std::string> lines,
				       std::string_view commandPrefix)
{
	// +CGMI's twin is +GMI (V.250 §6.1.4), and so on.
	std::string twin;
	if (istartsWith(commandPrefix, "+CG"))
		twin = "+G" + std::string(commandPrefix.substr(3));
	for (std::string_view l : contentLines(lines)) {
		std::string_view v = stripAnyPrefix(
			l, { commandPrefix, twin.empty() ? commandPrefix : std::string_view(twin) });
		v = stripAnyPrefix(v, { "Manufacturer", "Model", "Revision" });
		v = unquote(v);
		if (!v.empty())
			return std::string(v);
	}
	return makeError(Errc::Malformed, "no " + std::string(commandPrefix) + " value in the reply");
}

// TS 27.007 §5.5: +CSCS: (list of supported <chset>s)
Result<std::vector<std::string>> parseCscsTest(std::string_view line)
{
	Result<std::vector<AtParam>> params = lineParams(line, "+CSCS");
	if (!params)
		return params.error();
	std::vector<AtParam> items = *params;
	std::size_t base = 0;
	if (items.size() == 1 && items[0].kind == AtParam::Kind::List) {
		base = items[0].offset + 1;
		Result<std::vector<AtParam>> inner = splitAtParams(items[0].text);
		if (!inner) {
			Error e = inner.error();
			if (e.offset != Error::kNoOffset)
				e.offset += base;
			e.raw = std::string(line);
			return e;
		}
		items = std::move(*inner);
	}
	std::vector<std::string> out;
	for (const AtParam &p : items) {
		if (p.empty() || p.kind == AtParam::Kind::List || trim(p.text).empty())
			return lineError(Errc::Malformed, "expected a character set name", line, base + p.offset);
		out.push_back(toUpper(trim(p.text)));
	}
	if (out.empty())
		return lineError(Errc::Malformed, "+CSCS=? lists no character set", line, 0);
	return out;
}

Result<std::string> parseCscsRead(std::string_view line)
{
	Result<std::vector<AtParam>> params = lineParams(line, "+CSCS");
	if (!params)
		return params.error();
	if (params->size() != 1 || (*params)[0].empty() || (*params)[0].kind == AtParam::Kind::List)
		return lineError(Errc::Malformed, "+CSCS? should give one character set name", line, 0);
	return toUpper(trim((*params)[0].text));
}

} /* namespace zanryo */
