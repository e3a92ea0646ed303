#pragma once

// Internal to the balance extractor: the words it knows (keywords per language, currency
// signs and words, data units, month names, error phrases) and a scanner that finds them
// in folded text (extract_text.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zanryo::extract {

/// What a lexicon word means.
enum class Lex : std::uint8_t {
	Currency,    ///< iso: ISO 4217 or "?name" resolved by country (resolveCurrency)
	DataUnit,    ///< value: power of the base (0 B, 1 K, 2 M, 3 G, 4 T); +16 = always 1024
	CountUnit,   ///< value: 1 SMS, 2 minutes
	Balance,     ///< "balance", "Guthaben", "баланс", "残高": money follows
	Bonus,       ///< "bonus": a bonus sub-balance follows (not spendable money)
	Debt,        ///< "задолженность", "debt": the amount is owed
	Remaining,   ///< "left", "осталось", "sisa", "残り": remaining data is near
	Used,        ///< "used", "израсходовано": used data follows
	Total,       ///< "total", "всего", "上限": the plan size follows
	Of,          ///< "of", "из", "dari": "X of Y" joins remaining/used and total
	Expiry,      ///< "expires", "vence", "有効期限": a date follows (strong)
	Until,       ///< "until", "до", "hasta": a date follows (weak: line/plan validity)
	UntilAfter,  ///< "まで", "kadar", "तक": the date comes before it
	AsOf,        ///< "as of", "на", "stand": the date is when the balance was read
	Unlimited,   ///< "unlimited", "безлимит", "無制限"
	Validity,    ///< "valid for", "berlaku", "действует": N days may follow
	Days,        ///< "days", "дней", "hari", "日間": after a number: relative validity
	Month,       ///< value: 1..12
	Error,       ///< iso: error kind ("invalid-mmi")
	Minor,       ///< "коп", "kop": minor units follow the major ones
	Question,    ///< "reply", "select", "выберите": the reply waits for input
	Price,       ///< "charged", "fee", "за": an amount near it is a price, not a balance
	Grace,       ///< "grace period": the date after it is not the expiry
	// Carrier notices (extract_notice.cpp).
	DataWord,    ///< "data", "трафик", "kuota", "データ", "流量": the notice is about data
	Exhausted,   ///< "used up", "исчерпан", "telah habis", "使い切りました": allowance gone
	Throttled,   ///< "reduced speed", "скорость снижена", "速度制限中": speed now reduced
	Low,         ///< "running low", "заканчивается", "残りわずか": a warning without a figure
	Reached,     ///< "reached", "達しました", "израсходовали": a used percentage is near
	Percent,     ///< "процентов", "persen", "prozent" after a number (besides '%')
	NotInEffect, ///< "will", "開始されます", "解除": the throttling near it has not begun or ends
};

/// Flags of a lexicon word.
enum LexFlag : std::uint8_t {
	kWholeWord = 1,    ///< must not be followed by a letter
	kBefore = 2,       ///< currency: may stand before the amount
	kAfter = 4,        ///< currency: may stand after the amount
	kAttached = 8,     ///< unit/currency: only written right next to the digits ("5g", "100d")
	kNoLeftEdge = 16,  ///< may start inside a word ("Startguthaben" holds "guthaben")
};

struct LexEntry {
	std::string text; ///< folded
	Lex kind;
	std::int32_t value = 0;
	std::uint8_t flags = 0;
	std::string iso; ///< currency code or "?name", or error kind
};

struct LexHit {
	std::uint32_t begin;
	std::uint32_t end;
	std::uint32_t entry; ///< index into lexicon()
};

/// All known words (built once, folded with foldText).
const std::vector<LexEntry> &lexicon();

/// Every lexicon word in \a folded, in order of position (several may share a start).
std::vector<LexHit> scanLexicon(std::string_view folded);

/// Resolve a currency entry's iso ("RUB" or "?dollar") in \a country ("" if unknown).
std::string resolveCurrency(std::string_view iso, std::string_view country);

/// The currency a country's carriers bill in ("JP" -> "JPY"), or "" if unknown.
std::string_view countryCurrency(std::string_view country);

/// Whether \a country writes dates month first (US "08/10/2022").
bool countryUsesMonthFirst(std::string_view country);

/// How a country writes the decimal separator: '.', ',', 'b' (both are decimal and
/// thousands are grouped with spaces: Russia, Ukraine...) or 0 when the country is unknown.
char countryDecimalMark(std::string_view country);

} /* namespace zanryo::extract */
