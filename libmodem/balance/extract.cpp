#include "libmodem/balance/extract.hpp"

#include <algorithm>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "libmodem/balance/extract_generic.hpp"
#include "libmodem/balance/extract_lexicon.hpp"
#include "libmodem/balance/extract_number.hpp"
#include "libmodem/balance/extract_repair.hpp"
#include "libmodem/balance/extract_text.hpp"

namespace zanryo {

using namespace extract;

namespace {

struct CompiledRule {
	ReplyRule rule;
	pcre2_code *code = nullptr;
};

// Read a captured amount: "125,50", "-3.20", "1 024,50".
std::optional<Number> captureNumber(std::string_view text, const ExtractContext &ctx)
{
	std::string f = foldText(text);
	for (std::size_t i = 0; i < f.size(); ++i)
		if (isAsciiDigit(f[i])) {
			Number n;
			if (!parseNumberAt(f, i, countryDecimalMark(ctx.country), n))
				return std::nullopt;
			for (std::size_t k = 0; k < i; ++k)
				if (f[k] == '-')
					n.negative = true;
			return n;
		}
	return std::nullopt;
}

// Longest lexicon word of \a kind in a capture ("руб", "GB").
const LexEntry *captureWord(std::string_view text, Lex kind)
{
	std::string f = foldText(text);
	const LexEntry *best = nullptr;
	for (const LexHit &h : scanLexicon(f)) {
		const LexEntry &e = lexicon()[h.entry];
		if (e.kind == kind && (!best || e.text.size() > best->text.size()))
			best = &e;
	}
	return best;
}

std::optional<std::uint64_t> captureData(std::string_view amount, std::string_view unit,
					 unsigned base, const ExtractContext &ctx)
{
	std::optional<Number> n = captureNumber(amount, ctx);
	if (!n || n->negative)
		return std::nullopt;
	const LexEntry *u = captureWord(unit.empty() ? amount : unit, Lex::DataUnit);
	int power = u ? u->value % 16 : 2; // a bare data amount is in MB (docs/balance.md)
	if (u && u->value >= 16)
		base = 1024;
	std::uint64_t bytes = 0;
	if (!dataBytes(n->mantissa, n->scale, power, base, bytes))
		return std::nullopt;
	return bytes;
}

// Apply one matched rule's captures over the generic result.
void applyCaptures(const CompiledRule &cr, std::string_view subject, pcre2_match_data *md,
		   int matchedPairs, const ExtractContext &ctx, Balance &b)
{
	const ReplyRule &rule = cr.rule;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	auto get = [&](const char *name) -> std::optional<std::string_view> {
		int n = pcre2_substring_number_from_name(cr.code, reinterpret_cast<PCRE2_SPTR>(name));
		// Groups from matchedPairs on did not take part (the match block is shared by
		// every rule, so their slots may hold another rule's offsets).
		if (n < 0 || n >= matchedPairs)
			return std::nullopt;
		// Duplicate names are not allowed (no PCRE2_DUPNAMES), so n is the group.
		PCRE2_SIZE s = ov[2 * n], e = ov[2 * n + 1];
		if (s == PCRE2_UNSET || e < s)
			return std::nullopt;
		return subject.substr(s, e - s);
	};
	unsigned base = rule.dataUnitBase ? *rule.dataUnitBase : ctx.dataUnitBase;
	std::string currency = rule.currency ? *rule.currency
			       : ctx.defaultCurrency ? *ctx.defaultCurrency
						     : std::string(countryCurrency(ctx.country));
	auto currencyOf = [&](std::optional<std::string_view> c) {
		if (c)
			if (const LexEntry *e = captureWord(*c, Lex::Currency)) {
				std::string r = resolveCurrency(e->iso, ctx.country);
				if (!r.empty())
					return r;
			}
		return currency;
	};
	auto moneyOf = [&](std::string_view amount, std::optional<std::string_view> cur)
		-> std::optional<Money> {
		std::optional<Number> n = captureNumber(amount, ctx);
		if (!n || n->scale > 6 || n->mantissa > static_cast<std::uint64_t>(INT64_MAX))
			return std::nullopt;
		Money m;
		m.minor = static_cast<std::int64_t>(n->mantissa) * (n->negative ? -1 : 1);
		m.scale = n->scale;
		m.currency = currencyOf(cur);
		return m;
	};
	DateRules dr = dateRulesFor(ctx, rule.dateOrder);
	auto dateOf = [&](std::string_view text) { return parseDateText(foldText(text), dr); };

	if (auto money = get("money")) {
		if (std::optional<Money> m = moneyOf(*money, get("currency"))) {
			if (get("debt") && m->minor > 0)
				m->minor = -m->minor;
			b.money = m;
		}
	}
	if (auto data = get("data"))
		if (auto v = captureData(*data, get("data_unit").value_or(""), base, ctx))
			b.dataRemaining = v;
	if (auto total = get("total"))
		if (auto v = captureData(*total, get("total_unit").value_or(""), base, ctx))
			b.dataTotal = v;
	if (auto used = get("used"))
		if (auto v = captureData(*used, get("used_unit").value_or(""), base, ctx))
			if (b.dataTotal && !get("data"))
				b.dataRemaining = *b.dataTotal >= *v ? *b.dataTotal - *v : 0;
	if (get("unlimited"))
		b.dataUnlimited = true;
	// Carrier notices: a rule's word for them wins over the generic reading.
	if (auto pct = get("used_percent"))
		if (std::optional<Number> n = captureNumber(*pct, ctx); n && n->scale == 0 && n->mantissa <= 999) {
			b.dataUsedPercent = static_cast<int>(n->mantissa);
			b.dataExhausted = n->mantissa >= 100;
		}
	if (get("exhausted")) {
		b.dataExhausted = true;
		if (!get("data"))
			b.dataRemaining = 0;
	}
	if (get("throttled"))
		b.throttled = true;
	if (get("low"))
		b.dataLow = true;
	if (auto e = get("expiry"))
		if (auto d = dateOf(*e))
			b.expiry = d;
	if (auto y = get("expiry_year"), m = get("expiry_month"), d = get("expiry_day"); m && d) {
		auto num = [&](std::string_view s) {
			std::optional<Number> n = captureNumber(s, ctx);
			return n && n->scale == 0 && n->mantissa < 10000 ? static_cast<int>(n->mantissa) : 0;
		};
		int month = num(*m);
		if (month == 0)
			if (const LexEntry *w = captureWord(*m, Lex::Month))
				month = w->value;
		int yy = y ? num(*y) : dr.today.year;
		if (y && yy < 100)
			yy += 2000;
		Date dt{ yy, month, num(*d) };
		if (!y && dt < dr.today)
			dt.year += 1;
		if (dt.valid()) {
			b.expiry = dt;
			if (!y)
				b.markInferred("expires");
		}
	}
	if (auto days = get("expiry_days"))
		if (std::optional<Number> n = captureNumber(*days, ctx);
		    n && n->scale == 0 && n->mantissa <= 3660 && dr.today.valid()) {
			b.expiry = addDays(dr.today, static_cast<int>(n->mantissa));
			b.inferred.clear(); // "valid 30 days" is what the carrier said
		}

	// bucket_<name>_<field>
	std::uint32_t count = 0, entrySize = 0;
	PCRE2_SPTR table = nullptr;
	pcre2_pattern_info(cr.code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(cr.code, PCRE2_INFO_NAMEENTRYSIZE, &entrySize);
	pcre2_pattern_info(cr.code, PCRE2_INFO_NAMETABLE, &table);
	std::vector<Bucket> buckets;
	for (std::uint32_t i = 0; i < count; ++i) {
		std::string_view name(reinterpret_cast<const char *>(table + i * entrySize + 2));
		if (name.substr(0, 7) != "bucket_")
			continue;
		std::string_view rest = name.substr(7);
		std::size_t us = rest.find('_');
		std::string bname(rest.substr(0, us));
		// A rule's bucket named after a kind is that kind; any other name is the label of
		// an "other" bucket.
		std::string kind = isBucketKind(bname) ? bname : "other";
		std::string label = isBucketKind(bname) ? "" : bname;
		std::string_view field = rest.substr(us + 1);
		auto value = get(std::string(name).c_str());
		if (!value)
			continue;
		Bucket *bk = nullptr;
		for (Bucket &x : buckets)
			if (x.name == kind && x.label == label)
				bk = &x;
		if (!bk) {
			buckets.push_back({ kind, label, {}, {}, {}, {} });
			bk = &buckets.back();
		}
		std::string prefix = "bucket_" + bname + "_";
		if (field == "money")
			bk->money = moneyOf(*value, get((prefix + "currency").c_str()));
		else if (field == "data")
			bk->dataBytes = captureData(*value, get((prefix + "data_unit").c_str()).value_or(""),
						    base, ctx);
		else if (field == "count") {
			std::optional<Number> n = captureNumber(*value, ctx);
			if (n && n->scale == 0)
				bk->count = n->mantissa;
		} else if (field == "expiry")
			bk->expiry = dateOf(*value);
	}
	if (!buckets.empty())
		b.buckets = std::move(buckets);
	b.matchedRule = rule.name;
}

} /* namespace */

struct BalanceExtractor::Compiled {
	std::vector<CompiledRule> rules;
	std::uint32_t maxPairs = 1; ///< ovector pairs of the rule with the most capture groups
	~Compiled()
	{
		for (CompiledRule &r : rules)
			pcre2_code_free(r.code);
	}
};

BalanceExtractor::BalanceExtractor() : compiled_(std::make_unique<Compiled>()) {}
BalanceExtractor::~BalanceExtractor() = default;
BalanceExtractor::BalanceExtractor(BalanceExtractor &&) noexcept = default;
BalanceExtractor &BalanceExtractor::operator=(BalanceExtractor &&) noexcept = default;

Result<BalanceExtractor> BalanceExtractor::create(std::span<const ReplyRule> rules)
{
	BalanceExtractor ex;
	for (const ReplyRule &r : rules) {
		Result<void> ok = validateReplyRule(r);
		if (!ok)
			return ok.error();
		int err = 0;
		PCRE2_SIZE off = 0;
		pcre2_code *code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(r.pattern.data()),
						 r.pattern.size(), PCRE2_UTF | PCRE2_CASELESS | PCRE2_UCP,
						 &err, &off, nullptr);
		if (!code)
			return makeError(Errc::ConfigError, "reply rule '" + r.name + "' does not compile", off);
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // falls back to the interpreter if no JIT
		std::uint32_t groups = 0;
		pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
		ex.compiled_->maxPairs = std::max(ex.compiled_->maxPairs, groups + 1);
		ex.compiled_->rules.push_back({ r, code });
	}
	return ex;
}

Balance BalanceExtractor::extract(std::string_view utf8Text, const ExtractContext &ctx) const
{
	Balance b;
	b.raw = std::string(utf8Text);
	b.matchedRule = "generic";
	// Replies mis-decoded before they reached us are read as the carrier wrote them
	// (docs/balance.md, "Mis-decoded replies"); raw keeps what arrived.
	RepairedReply repaired = repairReply(utf8Text, ctx.country);
	std::string_view text = utf8Text;
	if (!repaired.repaired.empty()) {
		text = repaired.text;
		b.repaired = std::move(repaired.repaired);
	}
	extractGeneric(text, ctx, b);
	if (!compiled_ || compiled_->rules.empty())
		return b;
	std::string subject = normalizeDigits(text);
	// One match block, sized for the rule with the most groups, serves every rule.
	pcre2_match_data *md = pcre2_match_data_create(compiled_->maxPairs, nullptr);
	if (!md)
		return b;
	for (const CompiledRule &r : compiled_->rules) {
		int rc = pcre2_match(r.code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0,
				     PCRE2_NO_UTF_CHECK, md, nullptr);
		if (rc >= 0) {
			applyCaptures(r, subject, md, rc, ctx, b);
			b.isError = false;
			b.errorKind.clear();
			break;
		}
	}
	pcre2_match_data_free(md);
	return b;
}

Balance extractBalance(std::string_view utf8Text, const ExtractContext &ctx)
{
	std::vector<ReplyRule> valid;
	for (const ReplyRule &r : ctx.rules)
		if (validateReplyRule(r))
			valid.push_back(r);
	Result<BalanceExtractor> ex = BalanceExtractor::create(valid);
	if (!ex)
		return BalanceExtractor().extract(utf8Text, ctx);
	return ex->extract(utf8Text, ctx);
}

} /* namespace zanryo */
