// Overlay files (docs/provider-profiles.md): TOML that adds to or overrides the MBPI
// providers, or adds carriers MBPI lacks.

// libmodem throws no exceptions: this file uses toml++ header-only in its no-exception
// mode (parse() returns a parse_result). toml++ puts that mode in its own ABI namespace
// (toml::v3::noex), so it cannot clash with the shared library's exception build.
// TOML_SHARED_LIB (set by Debian's CMake config) would force the library build back on.
#undef TOML_SHARED_LIB
#define TOML_SHARED_LIB 0
#undef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 1
#undef TOML_EXCEPTIONS
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include "libmodem/balance/provider.hpp"

namespace zanryo {

namespace {

bool allDigits(std::string_view s)
{
	return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// One [[provider]] table after validation.
struct OverlayProvider {
	std::string name;
	std::vector<NetworkId> networks;
	std::vector<std::string> aliases;
	std::vector<std::string> spn;
	std::string country;
	std::optional<std::string> currency;
	std::optional<unsigned> dataUnitBase;
	std::string dateOrder;
	std::vector<std::string> smsSenders;
	bool replaceBalanceChecks = false;
	bool replaceTopUps = false;
	std::vector<BalanceMethod> balanceChecks;
	std::vector<BalanceMethod> topUps;
	std::vector<ReplyRule> replyRules;
};

} /* namespace */

class OverlayLoader
{
public:
	OverlayLoader(std::string_view sourceName) : file_(sourceName) {}

	std::vector<OverlayError> apply(ProviderDb &db, std::string_view text)
	{
		toml::parse_result parsed = toml::parse(text, file_);
		if (!parsed) {
			const toml::parse_error &e = parsed.error();
			errors_.push_back({ file_, e.source().begin.line, e.source().begin.column, {},
					    "TOML: " + std::string(e.description()) });
			return std::move(errors_);
		}
		std::vector<OverlayProvider> providers = readFile(parsed.table());
		if (!errors_.empty())
			return std::move(errors_);
		for (OverlayProvider &p : providers)
			merge(db, std::move(p));
		return {};
	}

private:
	void error(const toml::source_region &where, std::string field, std::string message)
	{
		errors_.push_back({ file_, where.begin.line, where.begin.column, std::move(field),
				    std::move(message) });
	}

	/// Every key of \a table must be in \a known; the others are reported.
	bool checkKeys(const toml::table &table, const std::string &field,
		       std::initializer_list<std::string_view> known)
	{
		bool ok = true;
		for (auto &&[key, node] : table) {
			if (std::find(known.begin(), known.end(), key.str()) != known.end())
				continue;
			error(key.source().begin.line ? key.source() : node.source(),
			      field.empty() ? std::string(key.str()) : field + "." + std::string(key.str()),
			      "unknown key");
			ok = false;
		}
		return ok;
	}

	std::optional<std::string> getString(const toml::table &t, std::string_view key,
					     const std::string &field, bool required,
					     bool allowEmpty = false)
	{
		const toml::node *n = t.get(key);
		std::string f = field + "." + std::string(key);
		if (!n) {
			if (required)
				error(t.source(), f, "missing (a string is required)");
			return std::nullopt;
		}
		if (!n->is_string()) {
			error(n->source(), f, "must be a string");
			return std::nullopt;
		}
		std::string v = n->as_string()->get();
		if (v.empty() && !allowEmpty) {
			error(n->source(), f, "must not be empty");
			return std::nullopt;
		}
		return v;
	}

	std::optional<bool> getBool(const toml::table &t, std::string_view key,
				    const std::string &field, bool required)
	{
		const toml::node *n = t.get(key);
		std::string f = field + "." + std::string(key);
		if (!n) {
			if (required)
				error(t.source(), f, "missing (true or false is required)");
			return std::nullopt;
		}
		if (!n->is_boolean()) {
			error(n->source(), f, "must be true or false");
			return std::nullopt;
		}
		return n->as_boolean()->get();
	}

	std::vector<std::string> getStringList(const toml::table &t, std::string_view key,
					       const std::string &field)
	{
		std::vector<std::string> out;
		const toml::node *n = t.get(key);
		std::string f = field + "." + std::string(key);
		if (!n)
			return out;
		const toml::array *a = n->as_array();
		if (!a) {
			error(n->source(), f, "must be an array of strings");
			return out;
		}
		for (std::size_t i = 0; i < a->size(); i++) {
			const toml::node &e = *a->get(i);
			if (!e.is_string() || e.as_string()->get().empty()) {
				error(e.source(), f + "[" + std::to_string(i) + "]",
				      "must be a non-empty string");
				continue;
			}
			out.push_back(e.as_string()->get());
		}
		return out;
	}

	std::optional<std::string> getCurrency(const toml::table &t, const std::string &field)
	{
		std::optional<std::string> v = getString(t, "currency", field, false);
		if (v && (v->size() != 3 || !std::all_of(v->begin(), v->end(), [](char c) {
				  return c >= 'A' && c <= 'Z';
			  }))) {
			error(t.get("currency")->source(), field + ".currency",
			      "must be an ISO 4217 code such as \"JPY\"");
			return std::nullopt;
		}
		return v;
	}

	std::optional<unsigned> getDataUnitBase(const toml::table &t, const std::string &field)
	{
		const toml::node *n = t.get("data-unit-base");
		if (!n)
			return std::nullopt;
		if (!n->is_integer() || (n->as_integer()->get() != 1000 && n->as_integer()->get() != 1024)) {
			error(n->source(), field + ".data-unit-base", "must be 1000 or 1024");
			return std::nullopt;
		}
		return static_cast<unsigned>(n->as_integer()->get());
	}

	std::string getDateOrder(const toml::table &t, const std::string &field)
	{
		std::optional<std::string> v = getString(t, "date-order", field, false);
		if (!v)
			return {};
		if (*v != "dmy" && *v != "mdy" && *v != "ymd") {
			error(t.get("date-order")->source(), field + ".date-order",
			      "must be \"dmy\", \"mdy\" or \"ymd\"");
			return {};
		}
		return *v;
	}

	const toml::array *getTableArray(const toml::table &t, std::string_view key,
					 const std::string &field)
	{
		const toml::node *n = t.get(key);
		if (!n)
			return nullptr;
		const toml::array *a = n->as_array();
		if (!a || !a->is_array_of_tables()) {
			error(n->source(), field + "." + std::string(key),
			      "must be an array of tables ([[" + field.substr(0, field.find('[')) +
				      "." + std::string(key) + "]])");
			return nullptr;
		}
		return a;
	}

	std::vector<OverlayProvider> readFile(const toml::table &root)
	{
		std::vector<OverlayProvider> out;
		checkKeys(root, {}, { "provider" });
		const toml::node *list = root.get("provider");
		if (!list) {
			error(root.source(), "provider", "no [[provider]] table in the file");
			return out;
		}
		const toml::array *a = list->as_array();
		if (!a || !a->is_array_of_tables()) {
			error(list->source(), "provider", "must be an array of tables ([[provider]])");
			return out;
		}
		for (std::size_t i = 0; i < a->size(); i++)
			out.push_back(readProvider(*a->get(i)->as_table(),
						   "provider[" + std::to_string(i) + "]"));
		return out;
	}

	OverlayProvider readProvider(const toml::table &t, const std::string &field)
	{
		OverlayProvider p;
		checkKeys(t, field,
			  { "name", "networks", "aliases", "spn", "country", "currency",
			    "data-unit-base", "date-order", "sms-senders", "replace-balance-checks",
			    "replace-top-ups", "balance-check", "top-up", "reply-rule" });
		p.name = getString(t, "name", field, true).value_or("");

		const toml::node *nets = t.get("networks");
		if (!nets || !nets->is_array() || nets->as_array()->empty()) {
			error(nets ? nets->source() : t.source(), field + ".networks",
			      "must be a non-empty array of \"MCC-MNC\" strings");
		} else {
			const toml::array &arr = *nets->as_array();
			for (std::size_t i = 0; i < arr.size(); i++) {
				const toml::node &e = *arr.get(i);
				std::optional<NetworkId> id;
				if (e.is_string())
					id = parseNetwork(e.as_string()->get());
				if (!id) {
					error(e.source(), field + ".networks[" + std::to_string(i) + "]",
					      "must be \"MCC-MNC\" with a 3-digit MCC and a 2- or 3-digit MNC, e.g. \"440-10\"");
					continue;
				}
				p.networks.push_back(std::move(*id));
			}
		}
		p.aliases = getStringList(t, "aliases", field);
		p.spn = getStringList(t, "spn", field);
		p.smsSenders = getStringList(t, "sms-senders", field);
		if (std::optional<std::string> c = getString(t, "country", field, false)) {
			if (c->size() != 2 || !std::all_of(c->begin(), c->end(), [](char ch) {
				    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
			    })) {
				error(t.get("country")->source(), field + ".country",
				      "must be an ISO 3166-1 alpha-2 code such as \"jp\"");
			} else {
				for (char &ch : *c)
					ch = static_cast<char>(ch | 0x20);
				p.country = *c;
			}
		}
		p.currency = getCurrency(t, field);
		p.dataUnitBase = getDataUnitBase(t, field);
		p.dateOrder = getDateOrder(t, field);
		p.replaceBalanceChecks = getBool(t, "replace-balance-checks", field, false).value_or(false);
		p.replaceTopUps = getBool(t, "replace-top-ups", field, false).value_or(false);

		if (const toml::array *checks = getTableArray(t, "balance-check", field))
			for (std::size_t i = 0; i < checks->size(); i++)
				if (auto m = readMethod(*checks->get(i)->as_table(),
							field + ".balance-check[" + std::to_string(i) + "]",
							false))
					p.balanceChecks.push_back(std::move(*m));
		if (const toml::array *tops = getTableArray(t, "top-up", field))
			for (std::size_t i = 0; i < tops->size(); i++)
				if (auto m = readMethod(*tops->get(i)->as_table(),
							field + ".top-up[" + std::to_string(i) + "]", true))
					p.topUps.push_back(std::move(*m));
		if (const toml::array *rules = getTableArray(t, "reply-rule", field))
			for (std::size_t i = 0; i < rules->size(); i++)
				if (auto r = readRule(*rules->get(i)->as_table(),
						      field + ".reply-rule[" + std::to_string(i) + "]"))
					p.replyRules.push_back(std::move(*r));
		return p;
	}

	static std::optional<NetworkId> parseNetwork(std::string_view s)
	{
		std::size_t dash = s.find('-');
		if (dash != 3)
			return std::nullopt;
		std::string_view mcc = s.substr(0, 3), mnc = s.substr(4);
		if (!allDigits(mcc) || mnc.size() < 2 || mnc.size() > 3 || !allDigits(mnc))
			return std::nullopt;
		return NetworkId{ (mcc[0] - '0') * 100 + (mcc[1] - '0') * 10 + (mcc[2] - '0'),
				  std::string(mnc) };
	}

	std::optional<BalanceMethod> readMethod(const toml::table &t, const std::string &field,
						bool topUp)
	{
		std::size_t before = errors_.size();
		if (topUp)
			checkKeys(t, field, { "kind", "code", "number", "text", "replacement", "note" });
		else
			checkKeys(t, field, { "kind", "code", "number", "text", "verified", "note" });
		BalanceMethod m;
		m.source = "overlay:" + file_;
		std::optional<std::string> kind = getString(t, "kind", field, true);
		if (kind == "ussd" || kind == "ussd-menu") {
			m.kind = *kind == "ussd" ? MethodKind::Ussd : MethodKind::UssdMenu;
			m.code = getString(t, "code", field, true).value_or("");
			// TS 22.030 §6.5.2: a USSD string is made of 0-9, * and #.
			if (!m.code.empty() && m.code.find_first_not_of("0123456789*#+") != std::string::npos)
				error(t.get("code")->source(), field + ".code",
				      "a USSD code holds only 0-9, *, # and +");
			for (std::string_view k : { "number", "text" })
				if (const toml::node *n = t.get(k))
					error(n->source(), field + "." + std::string(k),
					      "only for kind = \"sms\"");
		} else if (kind == "sms") {
			m.kind = MethodKind::Sms;
			m.number = getString(t, "number", field, true).value_or("");
			std::string_view digits = m.number;
			if (!digits.empty() && digits.front() == '+')
				digits.remove_prefix(1);
			if (!m.number.empty() && !allDigits(digits))
				error(t.get("number")->source(), field + ".number",
				      "an SMS number holds digits and an optional leading +");
			m.text = getString(t, "text", field, true, true).value_or("");
			if (const toml::node *n = t.get("code"))
				error(n->source(), field + ".code", "only for kind = \"ussd\"");
		} else if (kind) {
			error(t.get("kind")->source(), field + ".kind",
			      topUp ? "must be \"ussd\" or \"sms\""
				    : "must be \"ussd\", \"ussd-menu\" or \"sms\"");
		}
		if (topUp) {
			if (kind == "ussd-menu")
				error(t.get("kind")->source(), field + ".kind", "must be \"ussd\" or \"sms\"");
			m.replacement = getString(t, "replacement", field, false).value_or("");
			m.verified = false;
		} else {
			// Required so every shipped method states whether anyone checked it.
			m.verified = getBool(t, "verified", field, true).value_or(false);
		}
		m.note = getString(t, "note", field, false).value_or("");
		if (errors_.size() != before)
			return std::nullopt;
		return m;
	}

	std::optional<ReplyRule> readRule(const toml::table &t, const std::string &field)
	{
		std::size_t before = errors_.size();
		checkKeys(t, field, { "name", "pattern", "currency", "data-unit-base", "date-order" });
		ReplyRule r;
		r.name = getString(t, "name", field, true).value_or("");
		r.pattern = getString(t, "pattern", field, true).value_or("");
		r.currency = getCurrency(t, field);
		r.dataUnitBase = getDataUnitBase(t, field);
		r.dateOrder = getDateOrder(t, field);
		if (errors_.size() != before)
			return std::nullopt;
		Result<void> valid = validateReplyRule(r);
		if (!valid) {
			error(t.get("pattern")->source(), field + ".pattern", valid.error().message());
			return std::nullopt;
		}
		return r;
	}

	static void addUnique(std::vector<std::string> &to, const std::vector<std::string> &from)
	{
		for (const std::string &s : from)
			if (std::find(to.begin(), to.end(), s) == to.end())
				to.push_back(s);
	}

	static void mergeMethods(std::vector<BalanceMethod> &to, std::vector<BalanceMethod> from,
				 bool replace)
	{
		if (replace)
			to.clear();
		for (BalanceMethod &m : from) {
			auto same = std::find_if(to.begin(), to.end(), [&](const BalanceMethod &e) {
				return e.sameRequest(m);
			});
			if (same != to.end())
				*same = std::move(m);
			else
				to.push_back(std::move(m));
		}
	}

	void applyTo(ProviderProfile &target, const OverlayProvider &o)
	{
		addUnique(target.names, { o.name });
		addUnique(target.names, o.aliases);
		addUnique(target.spn, o.spn);
		addUnique(target.smsSenders, o.smsSenders);
		if (!o.country.empty())
			target.country = o.country;
		if (o.currency)
			target.currency = o.currency;
		if (o.dataUnitBase)
			target.dataUnitBase = o.dataUnitBase;
		if (!o.dateOrder.empty())
			target.dateOrder = o.dateOrder;
		mergeMethods(target.balanceChecks, o.balanceChecks, o.replaceBalanceChecks);
		mergeMethods(target.topUps, o.topUps, o.replaceTopUps);
		for (const ReplyRule &r : o.replyRules) {
			auto same = std::find_if(target.replyRules.begin(), target.replyRules.end(),
						 [&](const ReplyRule &e) { return e.name == r.name; });
			if (same != target.replyRules.end())
				*same = r;
			else
				target.replyRules.push_back(r);
		}
		target.sources.push_back("overlay:" + file_);
	}

	void merge(ProviderDb &db, OverlayProvider o)
	{
		std::vector<std::string> names{ o.name };
		names.insert(names.end(), o.aliases.begin(), o.aliases.end());
		// Providers already known on one of the networks under one of the names.
		std::vector<std::size_t> targets;
		std::vector<NetworkId> uncovered;
		for (const NetworkId &net : o.networks) {
			ProviderProfile *p = db.findForOverlay(net, names);
			if (!p) {
				uncovered.push_back(net);
				continue;
			}
			std::size_t index = static_cast<std::size_t>(p - db.providers_.data());
			if (std::find(targets.begin(), targets.end(), index) == targets.end())
				targets.push_back(index);
		}
		if (targets.empty()) {
			ProviderProfile p;
			p.name = o.name;
			p.networks = o.networks;
			p.country = o.country.empty() ? db.countryForMcc(o.networks.front().mcc) : o.country;
			applyTo(p, o);
			db.providers_.push_back(std::move(p));
			db.indexProvider(db.providers_.size() - 1);
			return;
		}
		for (std::size_t index : targets)
			applyTo(db.providers_[index], o);
		// Networks the overlay lists that the matched provider lacked.
		ProviderProfile &first = db.providers_[targets.front()];
		for (NetworkId &net : uncovered)
			if (std::find(first.networks.begin(), first.networks.end(), net) == first.networks.end())
				first.networks.push_back(std::move(net));
		db.indexProvider(targets.front());
	}

	std::string file_;
	std::vector<OverlayError> errors_;
};

std::vector<OverlayError> ProviderDb::applyOverlayText(std::string_view toml,
							std::string_view sourceName)
{
	return OverlayLoader(sourceName).apply(*this, toml);
}

std::vector<OverlayError> ProviderDb::applyOverlayFile(const std::filesystem::path &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return { OverlayError{ path.string(), 0, 0, {}, "cannot open the file" } };
	std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (in.bad())
		return { OverlayError{ path.string(), 0, 0, {}, "cannot read the file" } };
	return applyOverlayText(text, path.string());
}

std::vector<OverlayError> ProviderDb::applyOverlayDir(const std::filesystem::path &dir)
{
	std::error_code ec;
	if (!std::filesystem::is_directory(dir, ec))
		return {};
	std::set<std::filesystem::path> files;
	for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
		if (it->path().extension() == ".toml" && it->is_regular_file(ec))
			files.insert(it->path());
	std::vector<OverlayError> errors;
	if (ec)
		errors.push_back({ dir.string(), 0, 0, {}, "cannot list the directory: " + ec.message() });
	for (const std::filesystem::path &file : files) {
		std::vector<OverlayError> e = applyOverlayFile(file);
		errors.insert(errors.end(), std::make_move_iterator(e.begin()),
			      std::make_move_iterator(e.end()));
	}
	return errors;
}

} /* namespace zanryo */
