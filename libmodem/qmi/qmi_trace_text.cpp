#include "libmodem/qmi/qmi_trace_text.hpp"

#include <cctype>
#include <vector>

namespace zanryo {

namespace {

std::string_view trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
		s.remove_suffix(1);
	return s;
}

/// "\"Get IDs\" (0x0025)" -> "Get IDs"; an unquoted value as it is.
std::string_view quoted(std::string_view v)
{
	if (v.size() < 2 || v.front() != '"')
		return v;
	std::size_t close = v.find('"', 1);
	if (close == std::string_view::npos)
		return v.substr(1);
	return v.substr(1, close - 1);
}

std::string upper(std::string_view s)
{
	std::string out(s);
	for (char &c : out)
		c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
	return out;
}

/// A translated value on one line, without control characters.
std::string oneLine(std::string_view v)
{
	std::string out;
	for (char c : v) {
		auto u = static_cast<unsigned char>(c);
		out.push_back(u < 0x20 || u == 0x7f ? ' ' : c);
	}
	return out;
}

struct Tlv {
	std::string name;
	std::string value;
};

} /* namespace */

std::optional<QmiTraceSummary> summariseQmiTrace(std::string_view message, bool withValues)
{
	// libqmi 1.32 qmi-device.c: "[%s] %s %s %s (translated)...\n%s": the port, "sent" or
	// "received", "generic" or the vendor's name, "request"/"response"/"indication".
	std::size_t nl = message.find('\n');
	std::string_view first = message.substr(0, nl);
	std::string_view rest = nl == std::string_view::npos ? std::string_view() : message.substr(nl + 1);
	constexpr std::string_view kTranslated = " (translated)...";
	if (first.size() < 3 || first.front() != '[' || !first.ends_with(kTranslated))
		return std::nullopt;
	std::size_t close = first.find("] ");
	if (close == std::string_view::npos)
		return std::nullopt;
	QmiTraceSummary out;
	out.device = std::string(first.substr(1, close - 1));
	std::string_view words = first.substr(close + 2, first.size() - close - 2 - kTranslated.size());
	if (words.starts_with("sent "))
		out.outgoing = true;
	else if (!words.starts_with("received "))
		return std::nullopt;
	std::size_t lastSpace = words.rfind(' ');
	std::string kind(lastSpace == std::string_view::npos ? words : words.substr(lastSpace + 1));

	std::string service, name, transaction;
	std::vector<Tlv> tlvs;
	enum class Section { None, Qmux, Qmi, Tlv } section = Section::None;
	while (!rest.empty()) {
		nl = rest.find('\n');
		std::string_view line = rest.substr(0, nl);
		rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
		// Every line starts with "<<<<<< " (sent) or ">>>>>> " (received).
		while (!line.empty() && (line.front() == '<' || line.front() == '>'))
			line.remove_prefix(1);
		line = trim(line);
		if (line == "QMUX:") {
			section = Section::Qmux;
			continue;
		}
		if (line == "QMI:") {
			section = Section::Qmi;
			continue;
		}
		if (line == "TLV:") {
			section = Section::Tlv;
			tlvs.emplace_back();
			continue;
		}
		std::size_t eq = line.find('=');
		if (eq == std::string_view::npos)
			continue;
		std::string_view key = trim(line.substr(0, eq));
		std::string_view value = trim(line.substr(eq + 1));
		switch (section) {
		case Section::Qmux:
			if (key == "service")
				service = upper(quoted(value));
			break;
		case Section::Qmi:
			if (key == "message")
				name = std::string(quoted(value));
			else if (key == "transaction")
				transaction = std::string(value);
			break;
		case Section::Tlv:
			if (key == "type")
				tlvs.back().name = std::string(quoted(value));
			else if (key == "translated")
				tlvs.back().value = oneLine(value);
			break;
		case Section::None:
			break;
		}
	}
	if (name.empty())
		return std::nullopt;
	out.text = out.outgoing ? "--> " : "<-- ";
	if (!service.empty())
		out.text += service + " ";
	out.text += name + " (" + kind;
	if (!transaction.empty() && kind != "indication")
		out.text += " " + transaction;
	out.text += ")";
	for (std::size_t i = 0; i < tlvs.size(); ++i) {
		const Tlv &t = tlvs[i];
		out.text += i == 0 ? ": " : ", ";
		out.text += t.name.empty() ? std::string("?") : t.name;
		if ((withValues || t.name == "Result") && !t.value.empty())
			out.text += "=" + t.value;
	}
	return out;
}

} /* namespace zanryo */
