#include "libmodem/balance/extract_generic.hpp"

#include <algorithm>
#include <chrono>

#include "libmodem/balance/extract_lexicon.hpp"
#include "libmodem/balance/extract_menu.hpp"
#include "libmodem/balance/extract_notice.hpp"
#include "libmodem/balance/extract_number.hpp"
#include "libmodem/balance/extract_text.hpp"

namespace zanryo::extract {

namespace {

// Bytes between a keyword and the value it introduces ("Your Balance is: Rs." = 16).
constexpr std::uint32_t kMoneyWindow = 40;
constexpr std::uint32_t kDataWindow = 64;
constexpr std::uint32_t kDateWindow = 32;

enum class QKind { Plain, Money, Data, Count, Days, Rate };

struct Quantity {
	Number num;
	QKind kind = QKind::Plain;
	std::uint32_t lead = 0;    ///< start, including a currency sign before the digits
	std::uint32_t unitEnd = 0; ///< end, including the unit or currency after the digits
	std::string currency;      ///< Money: resolved ISO 4217 (may be empty)
	bool explicitCurrency = false;
	std::uint64_t bytes = 0;   ///< Data
	int countKind = 0;         ///< Count: 1 SMS, 2 minutes
};

const LexEntry &entry(const LexHit &h) { return lexicon()[h.entry]; }

std::uint32_t skipSpacesFwd(std::string_view t, std::uint32_t p, int max = 2)
{
	while (max-- > 0 && p < t.size() && (t[p] == ' ' || t[p] == kThinSpace))
		++p;
	return p;
}

// "1 Mb/s", "64 Кбіт/с", "128kbps": a speed, not an amount of data.
bool rateAfter(std::string_view t, std::uint32_t unitEnd)
{
	std::uint32_t p = unitEnd;
	while (p < t.size() && p - unitEnd < 8 &&
	       (isAsciiLetter(t[p]) || static_cast<unsigned char>(t[p]) >= 0x80))
		++p;
	std::string_view tail = t.substr(p);
	std::string_view word = t.substr(unitEnd, p - unitEnd);
	return tail.substr(0, 2) == "/s" || tail.substr(0, 3) == "/\xd1\x81" ||
	       (word.size() >= 2 && word.substr(word.size() - 2) == "ps");
}

bool moneyFrom(const Number &n, int multiplier, Money &m)
{
	if (n.scale > 6)
		return false;
	if (n.mantissa > static_cast<std::uint64_t>(INT64_MAX) / 100)
		return false;
	auto v = static_cast<std::int64_t>(n.mantissa) * multiplier;
	m.minor = n.negative ? -v : v;
	m.scale = n.scale;
	return true;
}

// Classify every number by what stands right after (unit, currency) or right before it.
std::vector<Quantity> classify(std::string_view t, const std::vector<Number> &nums,
			       const std::vector<LexHit> &hits, const ExtractContext &ctx)
{
	std::vector<Quantity> out;
	for (std::size_t i = 0; i < nums.size(); ++i) {
		const Number &n = nums[i];
		Quantity q;
		q.num = n;
		q.lead = n.begin;
		q.unitEnd = n.end;
		std::uint32_t after = skipSpacesFwd(t, n.end);
		const LexHit *best = nullptr;
		// "MB=43.6 min=232" (MTS Belarus): a unit bound by '=' before the amount wins.
		if (n.begin > 0 && t[n.begin - 1] == '=' && !n.negative) {
			for (const LexHit &h : hits) {
				const LexEntry &e = entry(h);
				if (h.end == n.begin - 1 && e.kind == Lex::DataUnit && !(e.flags & kAttached) &&
				    dataBytes(n.mantissa, n.scale, e.value % 16,
					      e.value >= 16 ? 1024 : ctx.dataUnitBase, q.bytes)) {
					q.kind = QKind::Data;
					q.lead = h.begin;
				}
			}
			if (q.kind == QKind::Data) {
				out.push_back(q);
				continue;
			}
		}
		for (const LexHit &h : hits) {
			if (h.begin < n.end)
				continue;
			if (h.begin > after)
				break;
			const LexEntry &e = entry(h);
			bool attached = h.begin == n.end;
			if ((e.flags & kAttached) && !attached)
				continue;
			bool usable = e.kind == Lex::DataUnit || e.kind == Lex::CountUnit ||
				      e.kind == Lex::Days || (e.kind == Lex::Currency && (e.flags & kAfter));
			if (!usable)
				continue;
			// A one-letter sign that means nothing in this country ("p", "d", "T").
			if (e.kind == Lex::Currency && e.iso[0] == '?' && e.text.size() <= 2 &&
			    resolveCurrency(e.iso, ctx.country).empty())
				continue;
			// "Ref:9b129a9b73fc": a unit letter with digits right after it is part of a code.
			if (e.kind == Lex::DataUnit && h.end < t.size() && isAsciiDigit(t[h.end]))
				continue;
			// "3G", "LTE/5G" name a network generation, not gigabytes.
			if (e.kind == Lex::DataUnit && e.text == "g" && n.scale == 0 && n.mantissa >= 2 &&
			    n.mantissa <= 5)
				continue;
			if (!best || h.end - h.begin > best->end - best->begin)
				best = &h;
		}
		if (best) {
			const LexEntry &e = entry(*best);
			q.unitEnd = best->end;
			if (e.kind == Lex::DataUnit) {
				q.kind = QKind::Data;
				unsigned base = e.value >= 16 ? 1024 : ctx.dataUnitBase;
				if (rateAfter(t, best->end))
					q.kind = QKind::Rate; // neither data nor a day of the month
				else if (!dataBytes(n.mantissa, n.scale, e.value % 16, base, q.bytes) || n.negative)
					q.kind = QKind::Plain;
			} else if (e.kind == Lex::CountUnit) {
				q.kind = QKind::Count;
				q.countKind = e.value;
			} else if (e.kind == Lex::Days) {
				q.kind = QKind::Days;
			} else if (e.kind == Lex::Currency) {
				q.kind = QKind::Money;
				q.currency = resolveCurrency(e.iso, ctx.country);
				q.explicitCurrency = true;
			}
		} else {
			// Currency before the digits: "Rs.50.42", "USD:5.87", "$55.15", "Rp 1234".
			std::uint32_t p = n.begin;
			int skip = 3;
			while (skip-- > 0 && p > 0 &&
			       (t[p - 1] == ' ' || t[p - 1] == ':' || t[p - 1] == kThinSpace ||
				(t[p - 1] == '.' && p >= 2 && isAsciiLetter(t[p - 2]))))
				--p;
			for (const LexHit &h : hits) {
				const LexEntry &e = entry(h);
				if (e.kind != Lex::Currency || !(e.flags & kBefore))
					continue;
				bool ends = h.end == p || h.end == n.begin ||
					    (h.end <= n.begin && h.end >= p);
				if (!ends || ((e.flags & kAttached) && h.end != n.begin))
					continue;
				std::string cur = resolveCurrency(e.iso, ctx.country);
				if (cur.empty() && e.iso[0] == '?' && e.text.size() <= 2)
					continue;
				if (!best || h.end - h.begin > best->end - best->begin) {
					best = &h;
					q.currency = cur;
				}
			}
			if (best) {
				q.kind = QKind::Money;
				q.explicitCurrency = true;
				q.lead = best->begin;
			} else {
				// "Ostatok: MB=43.6" (MTS Belarus), "Salio lako ni MB 750" (East
				// African Swahili replies): the unit before the amount, after which
				// no unit or currency stands.
				std::uint32_t u = n.begin;
				bool spaced = u > 0 && t[u - 1] == ' ';
				if (u > 0 && (t[u - 1] == '=' || t[u - 1] == ':' || spaced))
					--u;
				// With only a space between, the unit must be an abbreviation ("MB",
				// "ГБ", not "Big Bytes 50") that is not another number's ("100,0MB 1.
				// Goi cuoc": a menu key), and the number no code ("So TB 08XXXXXXXX").
				bool codeLike = (n.end < t.size() && isAsciiLetter(t[n.end])) ||
						(n.intDigits == 1 && n.scale == 0 && n.end < t.size() &&
						 (t[n.end] == '.' || t[n.end] == ')')) ||
						(t[n.begin] == '0' && n.intDigits > 1);
				auto unitOk = [&](const LexHit &h, const LexEntry &e) {
					if (!spaced)
						return true;
					std::size_t letters = 0;
					for (char ch : e.text)
						letters += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
					bool afterNumber = h.begin > 0 && (isAsciiDigit(t[h.begin - 1]) ||
									   (h.begin > 1 && t[h.begin - 1] == ' ' &&
									    isAsciiDigit(t[h.begin - 2])));
					return !codeLike && letters <= 2 && !afterNumber;
				};
				for (const LexHit &h : hits) {
					const LexEntry &e = entry(h);
					if (h.end == u && u < n.begin && e.kind == Lex::DataUnit &&
					    !(e.flags & kAttached) && !n.negative && unitOk(h, e) &&
					    dataBytes(n.mantissa, n.scale, e.value % 16,
						      e.value >= 16 ? 1024 : ctx.dataUnitBase, q.bytes)) {
						q.kind = QKind::Data;
						q.lead = h.begin;
					}
				}
			}
		}
		// "125 руб. 50 коп.": minor units after the major ones.
		if (q.kind == QKind::Money && i + 1 < nums.size()) {
			const Number &m = nums[i + 1];
			std::uint32_t gap = skipSpacesFwd(t, q.unitEnd, 3);
			if (m.begin == gap && m.scale == 0 && m.mantissa < 100 && n.scale == 0) {
				std::uint32_t a = skipSpacesFwd(t, m.end);
				for (const LexHit &h : hits)
					if (h.begin == a && entry(h).kind == Lex::Minor) {
						q.num.mantissa = n.mantissa * 100 + m.mantissa;
						q.num.scale = 2;
						q.unitEnd = h.end;
						++i;
						break;
					}
			}
		}
		out.push_back(q);
	}
	return out;
}

bool inRegion(std::uint32_t pos, std::uint32_t regionEnd) { return pos < regionEnd; }

// A date that opens the reply (after an SMS part mark such as "1/2 ") and is followed by a
// time of day is the message's timestamp: "18Aug 09:18:", "2017-09-24 17:08:38:".
bool sentStamp(std::string_view t, std::uint32_t begin, std::uint32_t end)
{
	for (std::uint32_t i = 0; i < begin; ++i)
		if (t[i] != ' ' && t[i] != '/' && !isAsciiDigit(t[i]))
			return false;
	std::uint32_t p = end;
	while (p < t.size() && t[p] == ' ')
		++p;
	std::uint32_t d = p;
	while (p < t.size() && isAsciiDigit(t[p]))
		++p;
	return p > d && p - d <= 2 && p + 2 < t.size() && t[p] == ':' && isAsciiDigit(t[p + 1]) &&
	       isAsciiDigit(t[p + 2]);
}

struct Found {
	const Quantity *q;
	const LexHit *keyword;
};

bool hasNewlineBetween(std::string_view t, std::uint32_t a, std::uint32_t b)
{
	if (a >= b)
		return false;
	return t.substr(a, b - a).find('\n') != std::string_view::npos;
}

// Nearest lexicon hit of one of \a kinds ending at most \a window bytes before \a pos,
// on the same line. Stops at an earlier quantity (\a floor).
const LexHit *keywordBefore(std::string_view t, const std::vector<LexHit> &hits, std::uint32_t pos,
			    std::uint32_t window, std::uint32_t floor, std::initializer_list<Lex> kinds)
{
	const LexHit *best = nullptr;
	for (const LexHit &h : hits) {
		if (h.end > pos)
			break;
		if (pos - h.end > window || h.begin < floor || hasNewlineBetween(t, h.end, pos))
			continue;
		Lex k = entry(h).kind;
		if (std::find(kinds.begin(), kinds.end(), k) == kinds.end())
			continue;
		if (!best || h.end > best->end ||
		    (h.end == best->end && h.end - h.begin > best->end - best->begin))
			best = &h; // nearest; "截至" (as of) rather than the "至" inside it
	}
	return best;
}

const LexHit *keywordAfter(std::string_view t, const std::vector<LexHit> &hits, std::uint32_t pos,
			   std::uint32_t window, std::initializer_list<Lex> kinds)
{
	for (const LexHit &h : hits) {
		if (h.begin < pos)
			continue;
		if (h.begin - pos > window || hasNewlineBetween(t, pos, h.begin))
			break;
		Lex k = entry(h).kind;
		if (std::find(kinds.begin(), kinds.end(), k) != kinds.end())
			return &h;
	}
	return nullptr;
}

void pickMoney(std::string_view t, const std::vector<Quantity> &qs, const std::vector<LexHit> &hits,
	       std::uint32_t regionEnd, const ExtractContext &ctx, Balance &b)
{
	std::string fallbackCurrency = ctx.defaultCurrency ? *ctx.defaultCurrency
							   : std::string(countryCurrency(ctx.country));
	auto plainOk = [&](const Quantity &q) {
		// "48XXXXXXXXX" (a masked phone number) is not an amount.
		bool glued = q.num.end < t.size() && isAsciiLetter(t[q.num.end]);
		// "send Bal to 144": a short number to write to, not an amount.
		bool destination = q.num.begin >= 3 && t.substr(q.num.begin - 3, 3) == "to ";
		// "your credit on line 601234567 is 150 Kc": a whole number of 9 or more digits,
		// one of 6 or more written with a leading 0, or one after '+' is a phone or
		// account number next to the balance word; the amount comes after it.
		bool phone = q.num.scale == 0 &&
			     (q.num.intDigits >= 9 ||
			      (q.num.intDigits >= 6 && t[q.num.begin] == '0') ||
			      (q.num.begin > 0 && t[q.num.begin - 1] == '+'));
		return q.kind == QKind::Plain && q.num.scale <= 3 && !glued && !destination && !phone;
	};
	const Quantity *chosen = nullptr;
	const Quantity *chosenPlain = nullptr;
	const LexHit *chosenKw = nullptr;
	int chosenPriority = -1;
	for (const LexHit &h : hits) {
		if (!inRegion(h.begin, regionEnd) || entry(h).kind != Lex::Balance)
			continue;
		// "bonus balance" is not the main balance.
		if (keywordBefore(t, hits, h.begin, 3, 0, { Lex::Bonus }))
			continue;
		for (const Quantity &q : qs) {
			if (q.lead < h.end)
				continue;
			if (q.lead - h.end > kMoneyWindow || !inRegion(q.lead, regionEnd))
				break;
			// "has fallen below 100,000 rials": a threshold or price, not the balance;
			// "Saldo atual de bonus: R$8,11" (Oi Brazil): the bonus counter.
			if (keywordBefore(t, hits, q.lead, q.lead - h.end, h.end, { Lex::Price, Lex::Bonus }))
				break;
			if (q.kind == QKind::Money) {
				if (entry(h).value > chosenPriority) {
					chosen = &q;
					chosenKw = &h;
					chosenPriority = entry(h).value;
				}
				break;
			}
			if (plainOk(q)) {
				if (!chosenPlain) {
					chosenPlain = &q;
					if (!chosenKw)
						chosenKw = &h;
				}
				break;
			}
		}
	}
	if (!chosen && !chosenPlain && !b.isMenu) {
		// No balance word: the first amount with a currency that is not a price or a
		// consumption ("CAD$30.00 + tax has been charged", "consumo ... 0.00 euros").
		for (const Quantity &q : qs) {
			if (q.kind != QKind::Money || !inRegion(q.lead, regionEnd))
				continue;
			if (keywordBefore(t, hits, q.lead, 24, 0, { Lex::Price, Lex::Used }) ||
			    keywordAfter(t, hits, q.unitEnd, 24, { Lex::Price }))
				continue;
			chosen = &q;
			break;
		}
	}
	const Quantity *q = chosen ? chosen : chosenPlain;
	if (!q)
		return;
	Money m;
	if (!moneyFrom(q->num, 1, m))
		return;
	m.currency = q->explicitCurrency ? q->currency : fallbackCurrency;
	// Belarus redenominated on 1 July 2016 (10 000 BYR = 1 BYN): older replies are BYR.
	if (m.currency == "BYN" && dateRulesFor(ctx).today < Date{ 2016, 7, 1 })
		m.currency = "BYR";
	// Toman: the word's multiplier (1 toman = 10 rials).
	for (const LexHit &h : hits)
		if (h.end == q->unitEnd && entry(h).kind == Lex::Currency && entry(h).value > 1 &&
		    m.minor < INT64_MAX / 10)
			m.minor *= entry(h).value;
	// Debt words make the amount negative: "задолженность 150 руб".
	std::uint32_t from = chosenKw ? chosenKw->begin : (q->lead > 30 ? q->lead - 30 : 0);
	for (const LexHit &h : hits)
		if (entry(h).kind == Lex::Debt && h.begin + 30 >= from && h.end <= q->lead &&
		    m.minor > 0)
			m.minor = -m.minor;

	// Sub-balances named right after each amount and joined ("10,00 EUR Startguthaben,
	// 0,01 EUR Geschenkguthaben"): all are spendable, the balance is their sum.
	auto labelAfter = [&](const Quantity &x) -> const LexHit * {
		std::uint32_t p = skipSpacesFwd(t, x.unitEnd);
		for (const LexHit &h : hits) {
			if (h.begin < p)
				continue;
			if (h.begin > p + 16)
				break;
			if (entry(h).kind != Lex::Balance)
				continue;
			bool word = true;
			for (std::uint32_t k = p; k < h.begin; ++k)
				word = word && isAsciiLetter(t[k]);
			if (word)
				return &h;
		}
		return nullptr;
	};
	Bucket main{ "main", "", m, {}, {}, {} };
	if (const LexHit *label = labelAfter(*q)) {
		std::uint32_t ws = skipSpacesFwd(t, q->unitEnd);
		// Every labelled part counts toward the spendable balance: each is a "main" bucket
		// under the carrier's own word for it.
		main.label = std::string(t.substr(ws, label->end - ws));
		b.buckets.push_back(main);
		const Quantity *prev = q;
		std::uint32_t prevEnd = label->end;
		for (const Quantity &x : qs) {
			if (x.lead <= prev->lead)
				continue;
			if (x.kind != QKind::Money || x.lead > prevEnd + 8 || x.num.negative)
				break;
			const LexHit *l = labelAfter(x);
			Money xm;
			if (!l || !moneyFrom(x.num, 1, xm))
				break;
			xm.currency = x.explicitCurrency ? x.currency : fallbackCurrency;
			if (xm.currency != m.currency)
				break;
			int s = std::max(m.scale, xm.scale);
			auto up = [](std::int64_t v, int by) {
				while (by-- > 0)
					v *= 10;
				return v;
			};
			m.minor = up(m.minor, s - m.scale) + up(xm.minor, s - xm.scale);
			m.scale = s;
			std::uint32_t xs = skipSpacesFwd(t, x.unitEnd);
			b.buckets.push_back({ "main", std::string(t.substr(xs, l->end - xs)), xm, {}, {}, {} });
			prev = &x;
			prevEnd = l->end;
		}
	} else {
		b.buckets.push_back(main);
	}
	b.money = m;

	// Bonus money: "bonus 0.00hrn". Several lexicon entries may match one word ("bonus" in
	// more than one language): each amount is one bucket.
	std::vector<const Quantity *> bonusTaken;
	for (const LexHit &h : hits) {
		if (entry(h).kind != Lex::Bonus || !inRegion(h.begin, regionEnd))
			continue;
		for (const Quantity &x : qs) {
			if (x.lead < h.end)
				continue;
			if (x.lead - h.end > kMoneyWindow)
				break;
			Money bm;
			if (x.kind == QKind::Money && &x != q &&
			    std::find(bonusTaken.begin(), bonusTaken.end(), &x) == bonusTaken.end() &&
			    moneyFrom(x.num, 1, bm)) {
				bm.currency = x.currency;
				b.buckets.push_back({ "bonus", "", bm, {}, {}, {} });
				bonusTaken.push_back(&x);
			}
			break;
		}
	}
}

void pickData(std::string_view t, const std::vector<Quantity> &qs, const std::vector<LexHit> &hits,
	      std::uint32_t regionEnd, Balance &b)
{
	std::vector<const Quantity *> data;
	for (const Quantity &q : qs)
		if (q.kind == QKind::Data && inRegion(q.lead, regionEnd))
			data.push_back(&q);
	std::uint64_t remaining = 0, used = 0, total = 0, loose = 0;
	bool hasRemaining = false, hasUsed = false, hasTotal = false, hasLoose = false;
	auto add = [](std::uint64_t &acc, std::uint64_t v) {
		acc = acc > UINT64_MAX - v ? UINT64_MAX : acc + v;
	};
	std::uint32_t floor = 0;
	for (std::size_t i = 0; i < data.size(); ++i) {
		const Quantity &q = *data[i];
		// "X of Y", "X из Y", "X/Y": the second is the total.
		const Quantity *pair = nullptr;
		if (i + 1 < data.size()) {
			const Quantity &r = *data[i + 1];
			std::uint32_t p = skipSpacesFwd(t, q.unitEnd);
			if (p < t.size() && t[p] == '/' && skipSpacesFwd(t, p + 1) == r.lead)
				pair = &r;
			for (const LexHit &h : hits)
				if (h.begin == p && entry(h).kind == Lex::Of &&
				    skipSpacesFwd(t, h.end) == r.lead)
					pair = &r;
		}
		// "46Mb 806Kb" (BSNL): one amount written in two units.
		Quantity qq = q;
		while (!pair && i + 1 < data.size() && data[i + 1]->lead == skipSpacesFwd(t, qq.unitEnd) &&
		       data[i + 1]->bytes < qq.bytes) {
			qq.bytes += data[i + 1]->bytes;
			qq.unitEnd = data[i + 1]->unitEnd;
			++i;
		}
		std::uint32_t end = pair ? pair->unitEnd : qq.unitEnd;
		// "3G Bal:1048.45MB": a data balance is what is left.
		const LexHit *before = keywordBefore(t, hits, qq.lead, kDataWindow, floor,
						     { Lex::Remaining, Lex::Used, Lex::Total });
		if (!before)
			before = keywordBefore(t, hits, qq.lead, 8, floor, { Lex::Balance });
		// "1.2GB left": only a word right after the amount speaks of it.
		const LexHit *after = keywordAfter(t, hits, skipSpacesFwd(t, end), 0,
						   { Lex::Remaining, Lex::Used });
		Lex cls = after ? entry(*after).kind : before ? entry(*before).kind : Lex::Of;
		if (cls == Lex::Balance)
			cls = Lex::Remaining;
		if (pair) {
			bool isUsed = cls == Lex::Used;
			add(isUsed ? used : remaining, qq.bytes);
			(isUsed ? hasUsed : hasRemaining) = true;
			add(total, pair->bytes);
			hasTotal = true;
			std::uint64_t left = isUsed ? (pair->bytes >= qq.bytes ? pair->bytes - qq.bytes : 0)
						    : qq.bytes;
			b.buckets.push_back({ "data", "", {}, left, {}, {} });
			++i;
		} else if (cls == Lex::Remaining) {
			add(remaining, qq.bytes);
			hasRemaining = true;
			b.buckets.push_back({ "data", "", {}, qq.bytes, {}, {} });
		} else if (cls == Lex::Used) {
			add(used, qq.bytes);
			hasUsed = true;
		} else if (cls == Lex::Total) {
			add(total, qq.bytes);
			hasTotal = true;
		} else {
			add(loose, qq.bytes);
			hasLoose = true;
			b.buckets.push_back({ "data", "", {}, qq.bytes, {}, {} });
		}
		floor = end;
	}
	if (hasRemaining)
		b.dataRemaining = remaining;
	else if (hasUsed && hasTotal)
		b.dataRemaining = total >= used ? total - used : 0;
	else if (hasLoose)
		b.dataRemaining = loose;
	if (hasTotal)
		b.dataTotal = total;
	for (const LexHit &h : hits)
		if (entry(h).kind == Lex::Unlimited && inRegion(h.begin, regionEnd))
			b.dataUnlimited = true;
}

void pickCounts(const std::vector<Quantity> &qs, std::uint32_t regionEnd, Balance &b)
{
	for (const Quantity &q : qs)
		if (q.kind == QKind::Count && inRegion(q.lead, regionEnd) && q.num.scale == 0 &&
		    !q.num.negative)
			b.buckets.push_back({ q.countKind == 1 ? "sms" : "minutes", "", {}, {}, q.num.mantissa, {} });
}

void pickExpiry(std::string_view t, const std::vector<DateHit> &dates, const std::vector<Quantity> &qs,
		const std::vector<LexHit> &hits, std::uint32_t regionEnd, const DateRules &rules,
		Balance &b)
{
	int bestScore = 0;
	const DateHit *best = nullptr;
	auto lineOf = [&](std::uint32_t pos) {
		std::size_t a = t.rfind('\n', pos == 0 ? 0 : pos - 1);
		return a == std::string_view::npos || pos == 0 ? std::size_t(0) : a + 1;
	};
	auto onValueLine = [&](std::uint32_t pos) {
		std::size_t line = lineOf(pos);
		for (const Quantity &q : qs)
			if ((q.kind == QKind::Data || (q.kind == QKind::Money && b.money)) &&
			    lineOf(q.lead) == line && q.lead < pos)
				return true;
		return false;
	};
	int strongCount = 0, plainCount = 0;
	for (const DateHit &d : dates) {
		if (!inRegion(d.begin, regionEnd))
			continue;
		if (d.date.year < 1990 || d.date.year > 2199)
			continue; // "till 9378/10/12" (Irancell) is no date
		int score = 1;
		const LexHit *k = keywordBefore(t, hits, d.begin, kDateWindow, 0,
						{ Lex::Expiry, Lex::Until, Lex::Validity, Lex::AsOf });
		if (k) {
			Lex kind = entry(*k).kind;
			score = kind == Lex::Expiry ? 4 : kind == Lex::AsOf ? 0 : 3;
		}
		if (keywordAfter(t, hits, d.end, 12, { Lex::UntilAfter }))
			score = std::max(score, 3);
		// "délai de grâce arrive à expiration le ...": the grace period, not the expiry.
		if (keywordBefore(t, hits, d.begin, kDateWindow, 0, { Lex::Grace }))
			score = 0;
		// "18Aug 09:18: ...", "2017-09-24 17:08:38: ...": the time the message was sent,
		// written first, not an expiry.
		if (score == 1 && sentStamp(t, d.begin, d.end))
			score = 0;
		if (d.weakForm && score < 4)
			continue; // "do 09.05 23:19" may be a time of day and a decimal
		if (b.isMenu && score < 3)
			continue; // "Ngay KH:23/06/2026" above a menu: activation, not expiry
		// The date of the line that carries the money or the data beats the date of
		// minutes or SMS (Vietnamobile "TK Chinh: ..., het han 13/10/2026.\nThoai ...").
		if (score >= 3 && onValueLine(d.begin))
			score += 2;
		if (score >= 3)
			++strongCount;
		else if (score == 1)
			++plainCount;
		// Equal evidence: the later date is when the last of it expires (Bulgarian
		// "minuti do 12.06.2023 / DATA do 13.06.2023").
		if (score > bestScore || (best && score == bestScore && best->date < d.date)) {
			bestScore = score;
			best = &d;
		}
	}
	if (best && (bestScore >= 3 || (bestScore == 1 && plainCount == 1 && strongCount == 0))) {
		b.expiry = best->date;
		// "有効期限は1月15日": the year is the next one that makes it today or later.
		if (best->yearless)
			b.markInferred("expires");
		return;
	}
	// "validos 30 dias", "berlaku 30 hari", "на 30 дней": relative to the day received.
	for (const Quantity &q : qs) {
		if (b.isMenu)
			break; // "The request expired within 24 hours" in a question
		if (q.kind != QKind::Days || !inRegion(q.lead, regionEnd) || q.num.scale != 0 ||
		    q.num.negative || q.num.mantissa > 3660)
			continue;
		const LexHit *k = keywordBefore(t, hits, q.lead, 24, 0,
						{ Lex::Validity, Lex::Expiry, Lex::Until, Lex::Remaining });
		const LexHit *a = keywordAfter(t, hits, q.unitEnd, 12, { Lex::Remaining });
		if ((k || a) && rules.today.valid()) {
			// Days words carry 24 (hours per unit), hour words 1: "validos 24 horas".
			int hours = 24;
			for (const LexHit &h : hits)
				if (h.end == q.unitEnd && entry(h).kind == Lex::Days)
					hours = entry(h).value;
			auto n = static_cast<int>(q.num.mantissa);
			b.expiry = addDays(rules.today, hours >= 24 ? n : (n * hours + 23) / 24);
			return;
		}
	}
	// "validos hasta dia 15", "valid until the 15th": the next such day of the month.
	for (const Quantity &q : qs) {
		if (q.kind != QKind::Plain || !inRegion(q.lead, regionEnd) || q.num.scale != 0 ||
		    q.num.mantissa < 1 || q.num.mantissa > 31 || !rules.today.valid())
			continue;
		std::uint32_t p = q.lead;
		if (p >= 4 && t.substr(p - 4, 4) == "dia ")
			p -= 4;
		const LexHit *k = keywordBefore(t, hits, p, 2, 0, { Lex::Until });
		if (!k)
			continue;
		Date d{ rules.today.year, rules.today.month, static_cast<int>(q.num.mantissa) };
		for (int k2 = 0; k2 < 3 && (!d.valid() || d < rules.today); ++k2) {
			d.month += 1;
			if (d.month > 12) {
				d.month = 1;
				d.year += 1;
			}
			d.day = static_cast<int>(q.num.mantissa);
		}
		if (d.valid()) {
			b.expiry = d;
			// Month and year are the next ones that hold that day.
			b.markInferred("expires");
			return;
		}
	}
}

} /* namespace */

bool dataBytes(std::uint64_t mantissa, int scale, int power, unsigned base, std::uint64_t &out)
{
	unsigned __int128 num = mantissa;
	for (int k = 0; k < power; ++k) {
		num *= base;
		if (num >> 100)
			return false;
	}
	unsigned __int128 den = 1;
	for (int k = 0; k < scale; ++k)
		den *= 10;
	unsigned __int128 v = (num * 2 + den) / (den * 2); // half up
	if (v > UINT64_MAX)
		return false;
	out = static_cast<std::uint64_t>(v);
	return true;
}

DateRules dateRulesFor(const ExtractContext &ctx, std::string_view dateOrder)
{
	DateRules r;
	if (!dateOrder.empty())
		r.order = dateOrder[0];
	else
		r.order = countryUsesMonthFirst(ctx.country) ? 'm' : 'd';
	auto local = std::chrono::floor<std::chrono::days>(ctx.receivedAt +
							    std::chrono::minutes{ ctx.utcOffsetMinutes });
	std::chrono::year_month_day ymd{ local };
	if (ymd.ok())
		r.today = Date{ static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
				static_cast<int>(static_cast<unsigned>(ymd.day())) };
	std::string cc;
	for (char c : ctx.country)
		cc += static_cast<char>(c & ~0x20);
	r.buddhistEra = cc == "TH";
	r.solarHijri = cc == "IR" || cc == "AF";
	return r;
}

void extractGeneric(std::string_view raw, const ExtractContext &ctx, Balance &b)
{
	std::string t = foldText(raw);
	std::vector<LexHit> hits = scanLexicon(t);

	MenuScan menu = scanMenu(raw);
	b.isMenu = menu.isMenu;
	b.menu = menu.items;
	// "Please reply 1, if you want to extend": a question waiting for a digit.
	for (const LexHit &h : hits)
		if (entry(h).kind == Lex::Question) {
			// "reply 1", "Reply with 1 to Accept or 2 to Decline"
			for (std::uint32_t p = h.end; p < t.size() && p < h.end + 8 && t[p] != '\n'; ++p)
				if (isAsciiDigit(t[p]) && !isAsciiDigit(t[p - 1]) &&
				    (p + 1 >= t.size() || !isAsciiDigit(t[p + 1]))) {
					b.isMenu = true;
					break;
				}
		}
	auto regionEnd = static_cast<std::uint32_t>(t.size());
	if (menu.isMenu && menu.inlineStart != static_cast<std::size_t>(-1)) {
		// Inline options: fold the text before them alone to find where they start.
		regionEnd = static_cast<std::uint32_t>(foldText(raw.substr(0, menu.inlineStart)).size());
	} else if (menu.isMenu && menu.firstItemLine != static_cast<std::size_t>(-1)) {
		// Offers in the options are never balances: read only the lines above them.
		std::size_t line = 0, pos = 0;
		while (line < menu.firstItemLine && pos < t.size()) {
			std::size_t nl = t.find('\n', pos);
			if (nl == std::string::npos) {
				pos = t.size();
				break;
			}
			pos = nl + 1;
			++line;
		}
		regionEnd = static_cast<std::uint32_t>(pos);
	}

	DateRules rules = dateRulesFor(ctx);
	std::vector<Span> times;
	std::vector<DateHit> dates = findDates(t, hits, rules, times);
	std::vector<Span> exclude = times;
	for (const DateHit &d : dates)
		if (!d.weakForm)
			exclude.push_back({ d.begin, d.end });
	std::sort(exclude.begin(), exclude.end(),
		  [](const Span &a, const Span &c) { return a.begin < c.begin; });
	std::vector<Number> nums = scanNumbers(t, countryDecimalMark(ctx.country), exclude);
	// Weak dates ("31.12") that are followed by a unit or currency are numbers after all.
	std::vector<Quantity> qs = classify(t, nums, hits, ctx);

	pickMoney(t, qs, hits, regionEnd, ctx, b);
	pickData(t, qs, hits, regionEnd, b);
	pickCounts(qs, regionEnd, b);
	pickNotice(t, nums, hits, regionEnd, b);
	std::vector<DateHit> usable;
	for (const DateHit &d : dates) {
		bool isNumber = false;
		if (d.weakForm)
			for (const Quantity &q : qs)
				if (q.num.begin == d.begin && q.kind != QKind::Plain)
					isNumber = true;
		if (!isNumber)
			usable.push_back(d);
	}
	pickExpiry(t, usable, qs, hits, regionEnd, rules, b);
	// "until 23:59 today", "hadi 23:59 leo": a pack that ends today, the day received.
	if (!b.expiry && rules.today.valid())
		for (const Span &tm : times) {
			if (!inRegion(tm.begin, regionEnd))
				break;
			if (!keywordBefore(t, hits, tm.begin, 3, 0, { Lex::Until }))
				continue;
			std::string_view rest = std::string_view(t).substr(skipSpacesFwd(t, tm.end, 1));
			static constexpr std::string_view kToday[] = {
				"today", "leo", "heute", "hoy", "hoje", "aujourd'hui", "сегодня",
				"сьогодні", "hari ini", "bugun", "今日", "本日", "今天", "hom nay",
			};
			for (std::string_view w : kToday)
				if (rest.substr(0, w.size()) == w &&
				    (rest.size() == w.size() || !isAsciiLetter(rest[w.size()]))) {
					b.expiry = rules.today;
					break;
				}
			if (b.expiry)
				break;
		}
	if (b.expiry)
		for (Bucket &bk : b.buckets)
			if ((bk.name == "main" || bk.name == "data") && bk.label.empty())
				bk.expiry = b.expiry;

	// Errors: the network refused; a reply that carries values is not an error.
	if (!b.isMenu && !b.money && !b.dataRemaining) {
		const LexHit *err = nullptr;
		for (const LexHit &h : hits)
			if (entry(h).kind == Lex::Error &&
			    (!err || h.end - h.begin > err->end - err->begin))
				err = &h;
		if (err) {
			b.isError = true;
			b.errorKind = entry(*err).iso;
		}
		if (b.isError) {
			b.expiry.reset();
			b.inferred.clear();
			b.dataTotal.reset();
			b.dataUnlimited = false;
			b.buckets.clear();
			b.dataUsedPercent.reset();
			b.throttled = b.dataLow = false;
		}
	}
}

} /* namespace zanryo::extract */
