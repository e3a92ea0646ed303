#include "sim_scenario.hpp"

#include <fmt/format.h>
#include <set>
#include <toml++/toml.h>

namespace zanryo::sim {

namespace {

// Thrown inside the loader only; loadScenario() turns it into an Error value.
struct ScenarioProblem {
	std::string message;
};

class TableReader
{
public:
	TableReader(const std::string &file, std::string prefix, const toml::table &table)
		: file_(file), prefix_(std::move(prefix)), table_(table)
	{
	}

	[[noreturn]] void fail(const toml::node &node, std::string_view key, std::string_view what) const
	{
		throw ScenarioProblem{ fmt::format("{}:{}: {}{}: {}", file_, node.source().begin.line,
						   prefix_, key, what) };
	}

	const toml::node *get(const char *key)
	{
		known_.insert(key);
		return table_.get(key);
	}

	void str(const char *key, std::string &out)
	{
		if (const toml::node *n = get(key)) {
			auto v = n->value<std::string>();
			if (!n->is_string() || !v)
				fail(*n, key, "must be a string");
			out = *v;
		}
	}

	template<typename Int>
	void integer(const char *key, Int &out, std::int64_t min, std::int64_t max)
	{
		if (const toml::node *n = get(key)) {
			auto v = n->value<std::int64_t>();
			if (!n->is_integer() || !v)
				fail(*n, key, "must be an integer");
			if (*v < min || *v > max)
				fail(*n, key, fmt::format("{} is out of range {}..{}", *v, min, max));
			out = static_cast<Int>(*v);
		}
	}

	void optInteger(const char *key, std::optional<int> &out, std::int64_t min, std::int64_t max)
	{
		if (table_.get(key)) {
			int v = 0;
			integer(key, v, min, max);
			out = v;
		} else {
			known_.insert(key);
		}
	}

	void boolean(const char *key, bool &out)
	{
		if (const toml::node *n = get(key)) {
			auto v = n->value<bool>();
			if (!n->is_boolean() || !v)
				fail(*n, key, "must be true or false");
			out = *v;
		}
	}

	template<typename Enum>
	void choice(const char *key, Enum &out, std::initializer_list<std::pair<const char *, Enum>> values)
	{
		std::string s;
		const toml::node *n = table_.get(key);
		str(key, s);
		if (!n)
			return;
		std::string allowed;
		for (const auto &[name, value] : values) {
			if (s == name) {
				out = value;
				return;
			}
			allowed += fmt::format("{}\"{}\"", allowed.empty() ? "" : ", ", name);
		}
		fail(*n, key, fmt::format("\"{}\" is not one of {}", s, allowed));
	}

	const toml::array *array(const char *key)
	{
		if (const toml::node *n = get(key)) {
			if (!n->is_array())
				fail(*n, key, "must be an array of tables ([[...]])");
			return n->as_array();
		}
		return nullptr;
	}

	const toml::table *table(const char *key)
	{
		if (const toml::node *n = get(key)) {
			if (!n->is_table())
				fail(*n, key, "must be a table");
			return n->as_table();
		}
		return nullptr;
	}

	/// Unknown keys are errors: a typo must not silently fall back to a default.
	void finish() const
	{
		for (const auto &[k, v] : table_) {
			if (!known_.count(std::string(k.str())))
				fail(v, k.str(), "unknown key");
		}
	}

	const std::string &file() const { return file_; }
	const std::string &prefix() const { return prefix_; }

private:
	const std::string &file_;
	std::string prefix_;
	const toml::table &table_;
	std::set<std::string> known_;
};

void readUssdEncoding(TableReader &r, const char *key, std::optional<UssdEncoding> &out)
{
	UssdEncoding e{};
	bool present = false;
	if (r.get(key)) {
		present = true;
		r.choice(key, e,
			 { { "follow-cscs", UssdEncoding::FollowCscs },
			   { "ucs2-hex", UssdEncoding::Ucs2Hex },
			   { "gsm7-packed-hex", UssdEncoding::Gsm7PackedHex },
			   { "gsm7-unpacked-hex", UssdEncoding::Gsm7UnpackedHex } });
	}
	if (present)
		out = e;
}

void readDelivery(TableReader &r, SmsDelivery &out)
{
	r.choice("delivery", out,
		 { { "cnmi", SmsDelivery::FollowCnmi },
		   { "cmti", SmsDelivery::Cmti },
		   { "cmt", SmsDelivery::Cmt } });
}

const toml::table &asTable(const TableReader &parent, const toml::node &n, std::string_view key)
{
	if (!n.is_table())
		parent.fail(n, key, "entries must be tables");
	return *n.as_table();
}

UssdNode readUssdNode(const std::string &file, const std::string &prefix, const toml::table &t,
		      bool isMenuEntry, std::string *code)
{
	TableReader r(file, prefix, t);
	UssdNode node;
	if (code) {
		r.str("code", *code);
		if (code->empty())
			r.fail(t, "code", "is required");
	}
	if (isMenuEntry) {
		r.str("answer", node.answer);
		if (node.answer.empty())
			r.fail(t, "answer", "is required");
	}
	r.str("text", node.text);
	r.optInteger("status", node.status, 0, 5);
	r.optInteger("dcs", node.dcs, 0, 255);
	r.optInteger("delay_ms", node.delayMs, 0, 600000);
	readUssdEncoding(r, "encoding", node.encoding);
	r.str("then_text", node.thenText);
	r.optInteger("then_delay_ms", node.thenDelayMs, 0, 600000);
	if (const toml::array *menu = r.array("menu")) {
		std::size_t i = 0;
		for (const toml::node &entry : *menu) {
			node.menu.push_back(readUssdNode(file, fmt::format("{}menu[{}].", prefix, i),
							 asTable(r, entry, "menu"), true, nullptr));
			++i;
		}
	}
	r.finish();
	if (node.text.empty() && node.effectiveStatus() != 2 && node.effectiveStatus() != 4)
		r.fail(t, "text", "is required unless status is 2 or 4");
	return node;
}

void readModem(TableReader &r, Scenario &s)
{
	r.str("manufacturer", s.manufacturer);
	r.str("model", s.model);
	r.str("revision", s.revision);
	r.str("imei", s.imei);
	r.choice("quirk", s.quirk,
		 { { "generic", QuirkProfile::Generic },
		   { "huawei", QuirkProfile::Huawei },
		   { "quectel", QuirkProfile::Quectel } });
	r.boolean("echo", s.echo);
	readUssdEncoding(r, "ussd_encoding", s.ussdEncoding);
	r.integer("cnmi_mt", s.cnmiMt, 0, 3);
	r.integer("sm_capacity", s.smCapacity, 1, 255);
	r.integer("me_capacity", s.meCapacity, 1, 1000);
	r.finish();
}

void readSim(TableReader &r, Scenario &s)
{
	r.str("imsi", s.imsi);
	r.str("iccid", s.iccid);
	r.str("spn", s.spn);
	r.str("msisdn", s.msisdn);
	r.str("smsc", s.smsc);
	r.finish();
}

void readNetwork(TableReader &r, Scenario &s)
{
	r.str("mcc", s.mcc);
	r.str("mnc", s.mnc);
	r.str("name", s.operatorName);
	r.integer("ussd_delay_ms", s.ussdDelayMs, 0, 600000);
	r.integer("ussd_unknown_status", s.ussdUnknownStatus, 0, 5);
	r.finish();
}

void readFaults(TableReader &r, Faults &f)
{
	r.boolean("hang", f.hang);
	r.integer("slow_ms", f.slowMs, 0, 10000);
	r.boolean("drop_sms_reply", f.dropSmsReply);
	r.optInteger("cusd_status", f.cusdStatus, 0, 5);
	r.str("urc_in_reply", f.urcInReply);
	r.integer("garbage_at_start", f.garbageAtStart, 0, 65536);
	if (const toml::array *errs = r.array("cme_error")) {
		std::size_t i = 0;
		for (const toml::node &entry : *errs) {
			TableReader e(r.file(), fmt::format("faults.cme_error[{}].", i++),
				      asTable(r, entry, "cme_error"));
			CmeFault cf;
			e.str("command", cf.prefix);
			e.integer("code", cf.code, 0, 65535);
			if (cf.prefix.empty())
				e.fail(entry, "command", "is required");
			e.finish();
			f.cmeErrors.push_back(cf);
		}
	}
	r.finish();
}

Scenario readScenario(const std::string &path, const toml::table &root)
{
	Scenario s;
	s.path = path;
	TableReader r(path, "", root);
	if (const toml::table *t = r.table("modem")) {
		TableReader m(path, "modem.", *t);
		readModem(m, s);
	}
	if (const toml::table *t = r.table("sim")) {
		TableReader m(path, "sim.", *t);
		readSim(m, s);
	}
	if (const toml::table *t = r.table("network")) {
		TableReader m(path, "network.", *t);
		readNetwork(m, s);
	}
	if (const toml::table *t = r.table("faults")) {
		TableReader m(path, "faults.", *t);
		readFaults(m, s.faults);
	}
	if (const toml::array *a = r.array("ussd")) {
		std::size_t i = 0;
		for (const toml::node &entry : *a) {
			UssdRule rule;
			rule.reply = readUssdNode(path, fmt::format("ussd[{}].", i++), asTable(r, entry, "ussd"),
						  false, &rule.code);
			s.ussd.push_back(std::move(rule));
		}
	}
	if (const toml::array *a = r.array("sms_reply")) {
		std::size_t i = 0;
		for (const toml::node &entry : *a) {
			TableReader e(path, fmt::format("sms_reply[{}].", i++), asTable(r, entry, "sms_reply"));
			SmsReplyRule rule;
			e.str("keyword", rule.keyword);
			e.str("to", rule.to);
			e.str("from", rule.from);
			e.str("text", rule.text);
			e.integer("delay_ms", rule.delayMs, 0, 600000);
			e.integer("part_gap_ms", rule.partGapMs, 0, 600000);
			e.integer("parts", rule.parts, 0, 255);
			e.choice("order", rule.order,
				 { { "in-order", SmsOrder::InOrder },
				   { "reverse", SmsOrder::Reverse },
				   { "shuffled", SmsOrder::Shuffled } });
			readDelivery(e, rule.delivery);
			for (const char *required : { "keyword", "to", "from", "text" }) {
				if (!entry.as_table()->get(required))
					e.fail(entry, required, "is required");
			}
			e.finish();
			s.smsReplies.push_back(std::move(rule));
		}
	}
	if (const toml::array *a = r.array("notice")) {
		std::size_t i = 0;
		for (const toml::node &entry : *a) {
			TableReader e(path, fmt::format("notice[{}].", i++), asTable(r, entry, "notice"));
			Notice n;
			e.integer("at_ms", n.atMs, 0, 86400000);
			e.str("from", n.from);
			e.str("text", n.text);
			readDelivery(e, n.delivery);
			for (const char *required : { "from", "text" }) {
				if (!entry.as_table()->get(required))
					e.fail(entry, required, "is required");
			}
			e.finish();
			s.notices.push_back(std::move(n));
		}
	}
	r.finish();
	return s;
}

} /* namespace */

std::string_view quirkName(QuirkProfile q) noexcept
{
	switch (q) {
	case QuirkProfile::Generic:
		return "generic";
	case QuirkProfile::Huawei:
		return "huawei";
	case QuirkProfile::Quectel:
		return "quectel";
	}
	return "?";
}

std::string_view ussdEncodingName(UssdEncoding e) noexcept
{
	switch (e) {
	case UssdEncoding::FollowCscs:
		return "follow-cscs";
	case UssdEncoding::Ucs2Hex:
		return "ucs2-hex";
	case UssdEncoding::Gsm7PackedHex:
		return "gsm7-packed-hex";
	case UssdEncoding::Gsm7UnpackedHex:
		return "gsm7-unpacked-hex";
	}
	return "?";
}

std::optional<UssdEncoding> parseUssdEncoding(std::string_view s) noexcept
{
	for (UssdEncoding e : { UssdEncoding::FollowCscs, UssdEncoding::Ucs2Hex, UssdEncoding::Gsm7PackedHex,
				UssdEncoding::Gsm7UnpackedHex }) {
		if (ussdEncodingName(e) == s)
			return e;
	}
	return std::nullopt;
}

UssdEncoding Scenario::defaultUssdEncoding() const
{
	if (ussdEncoding)
		return *ussdEncoding;
	switch (quirk) {
	case QuirkProfile::Huawei:
		// Huawei E3372 hands the network's packed GSM 7-bit octets out as hex whatever
		// +CSCS says (ModemManager's huawei plugin decodes them for the same reason).
		return UssdEncoding::Gsm7PackedHex;
	case QuirkProfile::Generic:
	case QuirkProfile::Quectel:
		return UssdEncoding::FollowCscs;
	}
	return UssdEncoding::FollowCscs;
}

Result<Scenario> loadScenario(const std::string &path)
{
	try {
		toml::table root = toml::parse_file(path);
		return readScenario(path, root);
	} catch (const toml::parse_error &e) {
		return makeError(Errc::ConfigError,
				 fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
	} catch (const ScenarioProblem &p) {
		return makeError(Errc::ConfigError, p.message);
	}
}

} /* namespace zanryo::sim */
