#include "libmodem/balance/extract_notice.hpp"

#include "libmodem/balance/extract_text.hpp"

namespace zanryo::extract {

namespace {

// Bytes around a notice phrase where the word that says it is about data may stand
// ("Ihr Datenvolumen ist aufgebraucht", "Kuota internet Anda telah habis").
constexpr std::uint32_t kDataBefore = 80;
constexpr std::uint32_t kDataAfter = 48;
// Bytes between a percentage and the verb that says whether it is used or left.
constexpr std::uint32_t kPercentWindow = 60;

Lex kindOf(const LexHit &h)
{
	return lexicon()[h.entry].kind;
}

bool aboutData(const std::vector<LexHit> &hits, std::uint32_t begin, std::uint32_t end)
{
	std::uint32_t from = begin > kDataBefore ? begin - kDataBefore : 0;
	for (const LexHit &h : hits) {
		if (h.begin > end + kDataAfter)
			break;
		if (h.end < from)
			continue;
		Lex k = kindOf(h);
		if (k == Lex::DataWord || k == Lex::DataUnit)
			return true;
	}
	return false;
}

bool sameLine(std::string_view t, std::uint32_t a, std::uint32_t b)
{
	if (a > b)
		std::swap(a, b);
	return t.substr(a, b - a).find('\n') == std::string_view::npos;
}

// "残り1GBで通信速度制限が開始されます", "you will browse at reduced speed": not yet;
// "通信速度制限解除のご予約" (SoftBank): lifting it.
bool notInEffect(std::string_view t, const std::vector<LexHit> &hits, const LexHit &x)
{
	for (const LexHit &h : hits)
		if (kindOf(h) == Lex::NotInEffect && sameLine(t, h.begin, x.begin) &&
		    ((h.end <= x.begin && x.begin - h.end <= 24) ||
		     (h.begin >= x.end && h.begin - x.end <= 18)))
			return true;
	return false;
}

// "fast aufgebraucht" is a Low phrase holding an Exhausted one; "acabou de" (just) holds
// "acabou" (ran out).
bool masked(const std::vector<LexHit> &hits, const LexHit &x)
{
	for (const LexHit &h : hits) {
		Lex k = kindOf(h);
		if ((k == Lex::Low || k == Lex::NotInEffect) && h.begin <= x.begin && x.end <= h.end &&
		    &h != &x)
			return true;
	}
	return false;
}

// "80%", "80 %", "%80" (Turkish), "80 процентов": the number's value in whole percent.
bool percentAt(std::string_view t, const Number &n, const std::vector<LexHit> &hits, int &value)
{
	if (n.negative || n.scale > 2)
		return false;
	std::uint32_t p = n.end;
	if (p < t.size() && t[p] == ' ')
		++p;
	bool sign = (p < t.size() && t[p] == '%') || (n.begin > 0 && t[n.begin - 1] == '%');
	if (!sign)
		for (const LexHit &h : hits)
			if (h.begin == p && kindOf(h) == Lex::Percent)
				sign = true;
	if (!sign)
		return false;
	std::uint64_t div = n.scale == 0 ? 1 : n.scale == 1 ? 10 : 100;
	std::uint64_t whole = (n.mantissa * 2 + div) / (div * 2); // half up
	if (whole > 999)
		return false;
	value = static_cast<int>(whole);
	return true;
}

// Whether the percentage at [begin, end) is used (1), left (-1), or neither (0): the
// nearest verb on its line decides ("used 80%", "80% verbraucht", "20% left").
int percentSense(std::string_view t, const std::vector<LexHit> &hits, std::uint32_t begin,
		 std::uint32_t end)
{
	int sense = 0;
	std::uint32_t best = kPercentWindow + 1;
	for (const LexHit &h : hits) {
		Lex k = kindOf(h);
		int s = 0;
		if (k == Lex::Used || k == Lex::Reached || k == Lex::Exhausted)
			s = 1;
		else if (k == Lex::Remaining)
			s = -1;
		if (s == 0)
			continue;
		std::uint32_t d = 0; // distance between the verb and the percentage
		if (h.end <= begin)
			d = begin - h.end;
		else if (h.begin >= end)
			d = h.begin - end;
		if (d < best && sameLine(t, h.begin, begin)) {
			best = d;
			sense = s;
		}
	}
	return sense;
}

} /* namespace */

void pickNotice(std::string_view t, const std::vector<Number> &nums,
		const std::vector<LexHit> &hits, std::uint32_t regionEnd, Balance &b)
{
	bool remainingWord = false;
	for (const LexHit &h : hits) {
		if (h.begin >= regionEnd)
			break;
		switch (kindOf(h)) {
		case Lex::Low:
			b.dataLow = b.dataLow || aboutData(hits, h.begin, h.end);
			break;
		case Lex::Exhausted:
			if (!masked(hits, h) && aboutData(hits, h.begin, h.end))
				b.dataExhausted = true;
			break;
		case Lex::Throttled:
			b.throttled = b.throttled || !notInEffect(t, hits, h);
			break;
		case Lex::Remaining:
			remainingWord = true;
			break;
		case Lex::Currency:
		case Lex::DataUnit:
		case Lex::CountUnit:
		case Lex::Balance:
		case Lex::Bonus:
		case Lex::Debt:
		case Lex::Used:
		case Lex::Total:
		case Lex::Of:
		case Lex::Expiry:
		case Lex::Until:
		case Lex::UntilAfter:
		case Lex::AsOf:
		case Lex::Unlimited:
		case Lex::Validity:
		case Lex::Days:
		case Lex::Month:
		case Lex::Error:
		case Lex::Minor:
		case Lex::Question:
		case Lex::Price:
		case Lex::Grace:
		case Lex::DataWord:
		case Lex::Reached:
		case Lex::Percent:
		case Lex::NotInEffect:
			break;
		}
	}
	for (const Number &n : nums) {
		int value = 0;
		if (n.begin >= regionEnd || !percentAt(t, n, hits, value))
			continue;
		std::uint32_t begin = n.begin > 0 && t[n.begin - 1] == '%' ? n.begin - 1 : n.begin;
		int sense = percentSense(t, hits, begin, n.end + 1);
		if (sense == 0 || !aboutData(hits, begin, n.end))
			continue;
		if (sense < 0 && value > 100)
			continue;
		b.dataUsedPercent = sense > 0 ? value : 100 - value;
		break;
	}
	if (b.dataUsedPercent)
		b.dataExhausted = *b.dataUsedPercent >= 100; // "80% verbraucht" is not used up

	// An amount no "left" word speaks of is then the allowance, not what is left
	// ("Your 5 GB pack is exhausted", "you have used 80% of your 5 GB").
	if ((b.dataExhausted || b.dataUsedPercent) && b.dataRemaining && !remainingWord &&
	    !b.dataTotal) {
		b.dataTotal = b.dataRemaining;
		std::uint64_t used = *b.dataTotal; // exhausted: all of it
		if (!b.dataExhausted) {
			auto pct = static_cast<std::uint64_t>(*b.dataUsedPercent);
			used = *b.dataTotal / 100 * pct + *b.dataTotal % 100 * pct / 100;
		}
		b.dataRemaining = *b.dataTotal > used ? *b.dataTotal - used : 0;
		Bucket *only = nullptr;
		int dataBuckets = 0;
		for (Bucket &bk : b.buckets)
			if (bk.name == "data" && ++dataBuckets == 1)
				only = &bk;
		if (dataBuckets == 1)
			only->dataBytes = b.dataRemaining;
	}
	if (b.dataExhausted && !b.dataRemaining)
		b.dataRemaining = 0;
}

} /* namespace zanryo::extract */
