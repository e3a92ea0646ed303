#include "metrics.hpp"

#include <cctype>

#include <fmt/core.h>

namespace zanryo::exporter {

namespace {

/// An exact decimal as zanryod publishes Money ("125.50", "-3.20"); anything else is
/// not written as a sample value.
bool isDecimal(std::string_view s)
{
	std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
	bool digits = false, dot = false;
	for (; i < s.size(); i++) {
		if (std::isdigit(static_cast<unsigned char>(s[i])))
			digits = true;
		else if (s[i] == '.' && !dot)
			dot = true;
		else
			return false;
	}
	return digits;
}

class Exposition
{
public:
	/// One metric family: HELP and TYPE once, then its samples.
	void family(const char *name, const char *type, const char *help)
	{
		families_.push_back({ name, fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type), {} });
	}
	void sample(const std::vector<std::pair<std::string, std::string>> &labels, const std::string &value)
	{
		std::string line = families_.back().name;
		if (!labels.empty()) {
			line += '{';
			for (std::size_t i = 0; i < labels.size(); i++)
				line += fmt::format("{}{}=\"{}\"", i ? "," : "", labels[i].first,
						    escapeLabelValue(labels[i].second));
			line += '}';
		}
		families_.back().samples += line + " " + value + "\n";
	}
	/// Families without samples are left out entirely.
	std::string text() const
	{
		std::string out;
		for (const auto &f : families_)
			if (!f.samples.empty())
				out += f.header + f.samples;
		return out;
	}

private:
	struct Family {
		std::string name;
		std::string header;
		std::string samples;
	};
	std::vector<Family> families_;
};

using Labels = std::vector<std::pair<std::string, std::string>>;

std::string number(std::uint64_t v)
{
	return std::to_string(v);
}

} /* namespace */

std::string escapeLabelValue(std::string_view value)
{
	// Exposition format: label values escape backslash, double quote and line feed; any
	// other UTF-8 (D-Bus strings are valid UTF-8) is written as it is.
	std::string out;
	out.reserve(value.size());
	for (char c : value) {
		switch (c) {
		case '\\':
			out += "\\\\";
			break;
		case '"':
			out += "\\\"";
			break;
		case '\n':
			out += "\\n";
			break;
		default:
			out += c;
		}
	}
	return out;
}

std::string modemId(std::string_view path)
{
	auto slash = path.rfind('/');
	return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string errorLabel(std::string_view lastError)
{
	std::string_view name = lastError.substr(0, lastError.find(':'));
	if (auto dot = name.rfind('.'); dot != std::string_view::npos)
		name = name.substr(dot + 1);
	std::string out;
	for (char c : name) {
		if (std::isupper(static_cast<unsigned char>(c))) {
			if (!out.empty())
				out += '_';
			out += char(std::tolower(static_cast<unsigned char>(c)));
		} else if (std::isalnum(static_cast<unsigned char>(c))) {
			out += c;
		}
	}
	return out.empty() ? "unknown" : out;
}

std::string renderMetrics(const ExportState &state)
{
	Exposition e;
	e.family("zanryo_up", "gauge", "Whether zanryod is on the bus (1) or away (0).");
	e.sample({}, state.daemonUp ? "1" : "0");

	auto each = [&](const char *name, const char *type, const char *help, auto &&fill) {
		e.family(name, type, help);
		for (const ModemView &m : state.modems)
			fill(m.status, m.counts, Labels{ { "modem", modemId(m.status.path) } });
	};

	each("zanryo_modem_info", "gauge",
	     "Modem description; the value is always 1. No personal identifiers.",
	     [&](const client::ModemStatus &s, const QueryCounts &, Labels l) {
		     std::string name = s.manufacturer;
		     if (!s.model.empty())
			     name += (name.empty() ? "" : " ") + s.model;
		     l.push_back({ "name", name });
		     l.push_back({ "provider", s.provider });
		     l.push_back({ "operator", s.operatorName });
		     l.push_back({ "backend", s.backend });
		     e.sample(l, "1");
	     });
	each("zanryo_data_remaining_bytes", "gauge", "Data left as the carrier last reported it, in bytes.",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.balance.hasData && !s.balance.dataUnlimited)
			     e.sample(l, number(s.balance.dataRemaining));
	     });
	each("zanryo_data_total_bytes", "gauge", "The data allowance the carrier stated, in bytes.",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.balance.dataTotal > 0)
			     e.sample(l, number(s.balance.dataTotal));
	     });
	each("zanryo_data_unlimited", "gauge", "Whether the plan has no data cap (1) or has one (0).",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.balance.updatedAt > 0)
			     e.sample(l, s.balance.dataUnlimited ? "1" : "0");
	     });
	each("zanryo_money_balance", "gauge", "Money left on the SIM, in units of the currency label.",
	     [&](const client::ModemStatus &s, const QueryCounts &, Labels l) {
		     if (!s.balance.money.empty() && isDecimal(s.balance.money)) {
			     l.push_back({ "currency", s.balance.currency });
			     e.sample(l, s.balance.money);
		     }
	     });
	each("zanryo_expiry_timestamp_seconds", "gauge", "When the plan or balance expires, Unix seconds.",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.balance.expires > 0)
			     e.sample(l, number(s.balance.expires));
	     });
	each("zanryo_last_reading_timestamp_seconds", "gauge", "When the carrier last reported, Unix seconds.",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.balance.updatedAt > 0)
			     e.sample(l, number(s.balance.updatedAt));
	     });
	each("zanryo_reading_stale", "gauge",
	     "Whether the last reading is stale (1: restored at start or the last query failed).",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.balance.updatedAt > 0)
			     e.sample(l, s.balance.stale ? "1" : "0");
	     });
	each("zanryo_usage_period_bytes", "gauge", "Bytes zanryod counted through the modem in this period.",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.usage.present && !s.usage.interface.empty())
			     e.sample(l, number(s.usage.usedThisPeriod));
	     });
	each("zanryo_estimated_data_remaining_bytes", "gauge",
	     "Data left by zanryod's own count since the last reading, in bytes.",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.usage.present && s.usage.hasEstimate)
			     e.sample(l, number(s.usage.estimatedRemaining));
	     });
	each("zanryo_projected_run_out_timestamp_seconds", "gauge",
	     "When data runs out at this period's average rate, Unix seconds.",
	     [&](const client::ModemStatus &s, const QueryCounts &, const Labels &l) {
		     if (s.usage.present && s.usage.projectedRunOut > 0)
			     e.sample(l, number(s.usage.projectedRunOut));
	     });
	each("zanryo_queries_total", "counter", "Balance queries zanryo-export saw end, since it started.",
	     [&](const client::ModemStatus &, const QueryCounts &c, const Labels &l) {
		     e.sample(l, number(c.queries));
	     });
	each("zanryo_query_failures_total", "counter", "Balance queries that ended in an error, by error.",
	     [&](const client::ModemStatus &, const QueryCounts &c, Labels l) {
		     l.push_back({ "error", "" });
		     for (const auto &[label, n] : c.failures) {
			     l.back().second = label;
			     e.sample(l, number(n));
		     }
	     });
	return e.text();
}

void QueryTally::observe(const client::ModemStatus &now)
{
	bool querying = now.state == "querying";
	if (querying && !querying_) {
		// A query the previous one's outcome signals never settled is judged now.
		if (pending_)
			settle(now);
		pending_ = true;
		startUpdatedAt_ = now.balance.updatedAt;
	}
	querying_ = querying;
}

void QueryTally::settle(const client::ModemStatus &now)
{
	if (!pending_)
		return;
	pending_ = false;
	counts_.queries++;
	if (now.balance.updatedAt != startUpdatedAt_)
		return;
	counts_.failures[errorLabel(now.lastError)]++;
}

} /* namespace zanryo::exporter */
